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
