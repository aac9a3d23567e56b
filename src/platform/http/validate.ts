import { z, type ZodType } from 'zod';
import { badRequest, type FieldError } from '../errors';
import { t, type Lang } from '../i18n';
import { fieldMessage, labelEntry, type Bounds, type FieldLabels, type IssueLike } from './form-messages';

export type { FieldLabels } from './form-messages';

/**
 * Parses input with a zod schema; on failure throws a 400 listing each field. A message the schema
 * gives itself (`.min(1, '…')`, a refinement's) is kept; every other issue gets the sentence of
 * form-messages.ts in the client's language. With `labels` (the form's path -> label keys) each
 * field carries its visible label, which the pages show instead of the path.
 */
export function validate<T extends ZodType>(schema: T, input: unknown, lang: Lang, labels?: FieldLabels): z.output<T> {
  const res = schema.safeParse(input, {
    error: (iss) => fieldMessage(lang, iss as IssueLike, labelEntry(labels, pathOf(iss.path)), boundsAt(schema, iss.path ?? []), labels === undefined),
  });
  if (res.success) return res.data;
  const fields: FieldError[] = [];
  for (const i of res.error.issues) {
    const field = pathOf(i.path) || '(body)';
    // One message per field (GOV.UK): the first says what is right; a refinement after a failed format would repeat it.
    if (fields.some((f) => f.field === field)) continue;
    const entry = labelEntry(labels, pathOf(i.path));
    fields.push({ field, message: i.message, ...(entry ? { label: t(lang, entry.label) } : {}) });
  }
  throw badRequest('error.validation', undefined, fields);
}

const pathOf = (p: readonly PropertyKey[] | undefined) => (p ?? []).map(String).join('.');

interface Def {
  type?: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  element?: ZodType;
}
const defOf = (s: ZodType | undefined) => (s as unknown as { _zod?: { def?: Def } } | undefined)?._zod;

/** The bounds a number schema at `path` declares (through optional, default, preprocess and pipes), to name both in the message. */
export function boundsAt(schema: ZodType | undefined, path: readonly PropertyKey[], depth = 0): Bounds {
  const z_ = defOf(schema);
  const def = z_?.def;
  if (!def || depth > 20) return {};
  if (def.type === 'number') {
    // zod's classic number schema reads its checks back as minValue / maxValue (null when none).
    const s = schema as unknown as { minValue?: unknown; maxValue?: unknown };
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
    return { min: num(s.minValue), max: num(s.maxValue) };
  }
  if (def.innerType) return boundsAt(def.innerType, path, depth + 1);
  if (def.type === 'pipe') {
    const out = boundsAt(def.out, path, depth + 1);
    return out.min !== undefined || out.max !== undefined ? out : boundsAt(def.in, path, depth + 1);
  }
  if (path.length === 0) return {};
  const [head, ...rest] = path;
  if (def.type === 'object' && def.shape) return boundsAt(def.shape[String(head)], rest, depth + 1);
  if (def.type === 'array') return boundsAt(def.element, rest, depth + 1);
  return {};
}

/** A civil date YYYY-MM-DD that exists in the calendar (no 30/02) and that PostgreSQL's `date` takes. */
export const civilDate = z.iso.date().refine(
  (v) => {
    const y = Number(v.slice(0, 4));
    return y >= 1900 && y <= 2199;
  },
  { params: { format: 'date' } },
);

/** A month YYYY-MM. */
export const yearMonth = z.string().regex(/^(19|2[01])\d{2}-(0[1-9]|1[0-2])$/);
