/** Server-side validation of e-form data with the version's JSON Schema (AJV), messages per field in vi/en. */
import Ajv2020Mod from 'ajv/dist/2020';
import addFormatsMod from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FieldError } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import { formatCivilDateVN } from '../../platform/dates';
import { dateProblem, isDateField } from './eform-date';
import { getAt, isChoice, labelOf, schemaAt, withoutInactive, type FormData, type JsonSchema } from './eform-schema';
import type { EFormDefinition } from './snapshot';

const Ajv2020: any = (Ajv2020Mod as any).default ?? Ajv2020Mod;
const addFormats: any = (addFormatsMod as any).default ?? addFormatsMod;

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);

const cache = new WeakMap<object, ValidateFunction>();
function compiled(schema: JsonSchema): ValidateFunction {
  let v = cache.get(schema);
  if (!v) {
    v = ajv.compile(schema) as ValidateFunction;
    cache.set(schema, v);
  }
  return v;
}

/** Checks a definition compiles (for the editor and imports); returns the AJV error text or null. */
export function schemaProblem(def: EFormDefinition): string | null {
  try {
    ajv.compile(def.schema);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

function errorPath(e: ErrorObject): string[] {
  const base = e.instancePath
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (e.keyword === 'required') return [...base, (e.params as any).missingProperty];
  return base;
}

function message(e: ErrorObject, s: JsonSchema | null, label: string, lang: Lang, value: unknown): string {
  // A date field says what is wrong with the three boxes before anything else (issue 13.7):
  // a box left empty, or parts that make no real date (31/02/2020, month 13, letters).
  if (e.keyword !== 'required' && isDateField(s)) {
    const problem = dateProblem(value);
    if (problem) return t(lang, problem === 'incomplete' ? 'catalogue.eform.date.incomplete' : 'catalogue.eform.format.date', { label });
  }
  const own = s ? ((lang === 'en' ? s['x-errorMessage-en'] : undefined) ?? s['x-errorMessage']) : undefined;
  // A field's own text says what a right value looks like; it may name the field as {label}.
  if (own && e.keyword !== 'required') return own.split('{label}').join(label);
  const p = e.params as any;
  switch (e.keyword) {
    case 'required':
      // A missing choice (select, radios, a checkbox) is chosen, not typed: "Vui lòng chọn …".
      return t(lang, s && (isChoice(s) || s.type === 'boolean') ? 'catalogue.eform.requiredChoice' : 'catalogue.eform.required', { label });
    case 'minLength':
      return t(lang, 'catalogue.eform.minLength', { label, limit: p.limit });
    case 'maxLength':
      return t(lang, 'catalogue.eform.maxLength', { label, limit: p.limit });
    case 'minimum':
      return t(lang, 'catalogue.eform.minimum', { label, limit: p.limit });
    case 'maximum':
      return t(lang, 'catalogue.eform.maximum', { label, limit: p.limit });
    case 'pattern':
      return t(lang, 'catalogue.eform.pattern', { label });
    // A date's bounds (ajv-formats' formatMinimum and the like), the limit written 02/12/2026.
    case 'formatMinimum':
    case 'formatMaximum':
    case 'formatExclusiveMinimum':
    case 'formatExclusiveMaximum': {
      if (!isDateField(s)) return t(lang, 'catalogue.eform.invalid', { label });
      const key = (
        {
          formatMinimum: 'catalogue.eform.date.min',
          formatMaximum: 'catalogue.eform.date.max',
          formatExclusiveMinimum: 'catalogue.eform.date.after',
          formatExclusiveMaximum: 'catalogue.eform.date.before',
        } as const
      )[e.keyword];
      return t(lang, key, { label, limit: formatCivilDateVN(String(p.limit)) });
    }
    case 'format':
      return t(
        lang,
        p.format === 'date' ? 'catalogue.eform.format.date' : p.format === 'email' ? 'catalogue.eform.format.email' : 'catalogue.eform.format.other',
        { label },
      );
    case 'enum':
    case 'const':
    case 'oneOf':
    case 'anyOf':
      return t(lang, 'catalogue.eform.enum', { label });
    case 'type':
      return t(lang, p.type === 'integer' || p.type === 'number' ? 'catalogue.eform.number' : 'catalogue.eform.type', { label });
    default:
      return t(lang, 'catalogue.eform.invalid', { label });
  }
}

/** Missing groups become empty objects, so their own required fields are reported one by one. */
function fillObjects(schema: JsonSchema, data: FormData) {
  for (const [k, s] of Object.entries<JsonSchema>(schema.properties ?? {})) {
    if (s.type !== 'object' || !s.properties) continue;
    if (data[k] === undefined) data[k] = {};
    if (data[k] && typeof data[k] === 'object' && !Array.isArray(data[k])) fillObjects(s, data[k] as FormData);
  }
}

export type ValidationResult = { ok: true; data: FormData } | { ok: false; fields: FieldError[] };

/** Validates data against the definition; values of fields hidden by rules are dropped first. One error per field. */
export function validateEForm(def: EFormDefinition, data: unknown, lang: Lang): ValidationResult {
  const clean = withoutInactive(def, data && typeof data === 'object' && !Array.isArray(data) ? (data as FormData) : {});
  fillObjects(def.schema, clean);
  const validate = compiled(def.schema);
  if (validate(clean)) return { ok: true, data: clean };
  const fields: FieldError[] = [];
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'then' || e.keyword === 'else' || e.keyword === 'allOf') continue;
    const path = errorPath(e);
    const field = path.join('.') || '(form)';
    if (fields.some((f) => f.field === field)) continue;
    const s = schemaAt(def.schema, path);
    fields.push({ field, message: message(e, s, labelOf(s, path, lang), lang, getAt(clean, path)) });
  }
  return { ok: false, fields };
}
