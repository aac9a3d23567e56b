/**
 * What a form's reader is told when a field is refused (issue 13): the field's visible label and
 * what a right value looks like, in the reader's language, instead of the field's path and
 * zod's stock sentence. Pure: `problemOf` maps a zod issue to a message key, `fieldMessage`
 * writes it.
 */
import { t, type Lang, type MessageKey } from '../i18n';

/** How a form names its fields: path (as zod reports it, `a.b`) -> the key of its visible label, and optionally of a hint saying what is right. */
export type FieldLabels = Readonly<Record<string, MessageKey | { label: MessageKey; hint?: MessageKey }>>;

/** The part of a zod issue the mapping reads (zod 4's `$ZodIssue`, with its input). */
export interface IssueLike {
  code: string;
  path?: readonly PropertyKey[];
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  exact?: boolean;
  format?: string;
  divisor?: number | bigint;
  keys?: readonly string[];
  params?: Record<string, unknown>;
}

/** A number's bounds as its schema declares them (to say "from 0 to 100" when one bound was crossed). */
export interface Bounds {
  min?: number;
  max?: number;
}

export interface Problem {
  key: MessageKey;
  params?: Record<string, unknown>;
  /** A per-form hint may replace it (a format only the form can explain, e.g. 12 digits). */
  hintable?: boolean;
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const n = (v: number | bigint | undefined) => (v === undefined ? undefined : Number(v));

/** Which message a zod issue deserves. */
export function problemOf(iss: IssueLike, bounds: Bounds = {}): Problem {
  switch (iss.code) {
    case 'invalid_type':
      if (empty(iss.input) || iss.expected === 'array' || iss.expected === 'boolean') {
        return { key: iss.expected === 'array' || iss.expected === 'boolean' ? 'form.choose' : 'form.required' };
      }
      if (iss.expected === 'number' || iss.expected === 'int' || iss.expected === 'bigint') return { key: 'form.number' };
      if (iss.expected === 'date') return { key: 'form.date' };
      return { key: 'form.invalid', hintable: true };
    case 'invalid_value':
    case 'invalid_union':
      return { key: 'form.choose' };
    case 'too_small':
    case 'too_big': {
      const small = iss.code === 'too_small';
      const bound = n(small ? iss.minimum : iss.maximum);
      if (iss.origin === 'string') {
        // Nothing typed at all: say so, whatever the minimum.
        if (small && empty(iss.input)) return { key: 'form.required' };
        if (iss.exact) return { key: 'form.exact_length', params: { n: bound }, hintable: true };
        if (small && bound === 1) return { key: 'form.required' };
        return small ? { key: 'form.min_length', params: { min: bound } } : { key: 'form.max_length', params: { max: bound } };
      }
      if (iss.origin === 'array' || iss.origin === 'set') {
        if (small && bound === 1) return { key: 'form.choose' };
        return small ? { key: 'form.min_items', params: { min: bound } } : { key: 'form.max_items', params: { max: bound } };
      }
      if (iss.origin === 'date') return { key: 'form.date' };
      const min = small ? bound : bounds.min;
      const max = small ? bounds.max : bound;
      if (min !== undefined && max !== undefined && iss.inclusive !== false) return { key: 'form.range', params: { min, max } };
      if (small) return { key: iss.inclusive === false ? 'form.above' : 'form.min', params: { min } };
      return { key: iss.inclusive === false ? 'form.below' : 'form.max', params: { max } };
    }
    case 'not_multiple_of':
      return { key: 'form.integer' };
    case 'invalid_format':
      if (iss.format === 'date') return { key: 'form.date' };
      if (iss.format === 'datetime') return { key: 'form.datetime' };
      if (iss.format === 'email') return { key: 'form.email' };
      // Ids come from a list the form offers.
      if (iss.format === 'uuid' || iss.format === 'guid') return { key: 'form.choose' };
      return { key: 'form.format', hintable: true };
    case 'unrecognized_keys':
      return { key: 'form.unknown_fields', params: { keys: (iss.keys ?? []).join(', ') } };
    case 'custom':
      if (iss.params?.format === 'date') return { key: 'form.date' };
      return { key: 'form.invalid', hintable: true };
    default:
      return { key: 'form.invalid', hintable: true };
  }
}

/** A label inside a sentence: "Ngày hẹn trả mới" -> "ngày hẹn trả mới", but "CCCD" and "ID" stay. */
export function inSentence(label: string): string {
  const [first, second] = [...label];
  if (!first || (second !== undefined && second !== second.toLowerCase())) return label;
  return first.toLowerCase() + label.slice(first.length);
}

/** The label entry of a path: the path itself, else the path without its list indexes (`sourceIds.0` -> `sourceIds`). */
export function labelEntry(labels: FieldLabels | undefined, path: string): { label: MessageKey; hint?: MessageKey } | undefined {
  if (!labels) return undefined;
  const e = labels[path] ?? labels[path.replace(/\.\d+(?=\.|$)/g, '')];
  if (e === undefined) return undefined;
  return typeof e === 'string' ? { label: e } : e;
}

/** The sentence saying what is right, without the label in front (the page puts it there: `fieldText`). */
export function fieldMessage(lang: Lang, iss: IssueLike, entry?: { label: MessageKey; hint?: MessageKey }, bounds?: Bounds, machine = false): string {
  const p = problemOf(iss, bounds);
  if (p.hintable && entry?.hint) return t(lang, entry.hint);
  // A JSON client (no form named the fields) sends dates as the API documents them, not as a person types them.
  if (machine && p.key === 'form.date') return t(lang, 'form.date_iso');
  if (machine && p.key === 'form.datetime') return t(lang, 'form.datetime_iso');
  const label = inSentence(entry ? t(lang, entry.label) : t(lang, 'form.value'));
  return t(lang, p.key, { label, ...p.params });
}

/** A refusal a page finds itself (not through a schema), worded like validate's: `refuseField(lang, 'comment', 'Lý do', 'form.required')`. */
export function refuseField(
  lang: Lang,
  field: string,
  label: string,
  key: MessageKey,
  params?: Record<string, unknown>,
): { field: string; label: string; message: string } {
  return { field, label, message: t(lang, key, { label: inSentence(label), ...params }) };
}

/**
 * Names the refused fields a service reported by path (its message empty when only the field is
 * known): each field of `labels` gets its label, and an empty message becomes `missing`
 * ("vui lòng nhập …" by default, "vui lòng chọn …" for a list).
 */
export function nameFields(
  lang: Lang,
  fields: readonly { field: string; message: string; label?: string }[] | undefined,
  labels: FieldLabels,
  missing: Readonly<Record<string, MessageKey>> = {},
): { field: string; message: string; label?: string }[] {
  return (fields ?? []).map((f) => {
    const entry = labelEntry(labels, f.field);
    if (!entry || f.label) return f;
    const label = t(lang, entry.label);
    return { field: f.field, label, message: f.message || t(lang, missing[f.field] ?? 'form.required', { label: inSentence(label) }) };
  });
}
