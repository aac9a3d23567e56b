import { z, type ZodType } from 'zod';
import { badRequest, type FieldError } from '../errors';
import type { Lang } from '../i18n';

const locales = { vi: z.locales.vi(), en: z.locales.en() };

/** Parses input with a zod schema; on failure throws a 400 listing each field in the client's language. */
export function validate<T extends ZodType>(schema: T, input: unknown, lang: Lang): z.output<T> {
  const res = schema.safeParse(input, { error: locales[lang].localeError } as any);
  if (res.success) return res.data;
  const fields: FieldError[] = res.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));
  throw badRequest('error.validation', undefined, fields);
}

/** A civil date YYYY-MM-DD that exists in the calendar (no 30/02) and that PostgreSQL's `date` takes. */
export const civilDate = z.iso.date().refine((v) => {
  const y = Number(v.slice(0, 4));
  return y >= 1900 && y <= 2199;
});

/** A month YYYY-MM. */
export const yearMonth = z.string().regex(/^(19|2[01])\d{2}-(0[1-9]|1[0-2])$/);
