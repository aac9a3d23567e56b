/**
 * Pure helpers over an EFormDefinition (JSON Schema + JSON Forms UI schema): scopes, labels,
 * rules (conditional fields), prefill and turning a posted HTML form into typed data.
 *
 * Conventions beyond JSON Schema: `x-title-en`, `x-description-en` (English label and hint),
 * `x-enumTitles` / `x-enumTitles-en` (option labels), `x-prefill` (a PrefillSource),
 * `x-errorMessage` / `x-errorMessage-en` (a field's own error text). UI elements: Group
 * `label` + `x-label-en`, Label `text` + `x-text-en`.
 */
import type { Lang } from '../../platform/i18n';
import type { EFormDefinition } from './snapshot';
import { combineDateParts, DATE_PARTS, datePartName, isDateField } from './eform-date';

export const PREFILL_SOURCES = [
  'applicant.name',
  'applicant.personalId',
  'applicant.birthDate',
  'applicant.address',
  'applicant.phone',
  'applicant.email',
  'org.taxCode',
  'org.name',
] as const;
export type PrefillSource = (typeof PREFILL_SOURCES)[number];
export type PrefillValues = Partial<Record<PrefillSource, string>>;

export type JsonSchema = Record<string, any>;
export type UiElement = Record<string, any>;
export type FormData = Record<string, unknown>;

/** "#/properties/a/properties/b" -> ["a", "b"] */
export function scopePath(scope: string): string[] {
  const parts = scope.replace(/^#\/?/, '').split('/').filter(Boolean);
  const path: string[] = [];
  for (let i = 0; i < parts.length; i++) if (parts[i] === 'properties' && i + 1 < parts.length) path.push(decodeURIComponent(parts[++i]));
  return path;
}

export function schemaAt(root: JsonSchema, path: string[]): JsonSchema | null {
  let s: JsonSchema | undefined = root;
  for (const p of path) {
    s = s?.properties?.[p];
    if (!s) return null;
  }
  return s ?? null;
}

export function isRequired(root: JsonSchema, path: string[]): boolean {
  const parent = schemaAt(root, path.slice(0, -1));
  return Array.isArray(parent?.required) && parent!.required.includes(path[path.length - 1]);
}

export function getAt(data: unknown, path: string[]): unknown {
  let v: any = data;
  for (const p of path) {
    if (v == null || typeof v !== 'object') return undefined;
    v = v[p];
  }
  return v;
}

export function setAt(data: FormData, path: string[], value: unknown) {
  let o: any = data;
  for (const p of path.slice(0, -1)) {
    if (o[p] == null || typeof o[p] !== 'object') o[p] = {};
    o = o[p];
  }
  o[path[path.length - 1]] = value;
}

export function deleteAt(data: FormData, path: string[]) {
  const parent = getAt(data, path.slice(0, -1));
  if (parent && typeof parent === 'object') delete (parent as any)[path[path.length - 1]];
}

export const fieldName = (path: string[]) => path.join('.');
export const fieldId = (path: string[]) => 'f-' + path.join('-');

export function labelOf(s: JsonSchema | null, path: string[], lang: Lang): string {
  if (!s) return path.join('.');
  return (lang === 'en' ? s['x-title-en'] : undefined) ?? s.title ?? path[path.length - 1];
}

export function hintOf(s: JsonSchema | null, lang: Lang): string | undefined {
  if (!s) return undefined;
  return (lang === 'en' ? s['x-description-en'] : undefined) ?? s.description;
}

/** A closed choice: `enum` (labels in `x-enumTitles`) or `oneOf`/`anyOf` of `{ const, title }`. */
export function isChoice(s: JsonSchema): boolean {
  return Array.isArray(s.enum) || constAlternatives(s) !== null;
}

function constAlternatives(s: JsonSchema): JsonSchema[] | null {
  const alts: JsonSchema[] | undefined = s.oneOf ?? s.anyOf;
  return Array.isArray(alts) && alts.length > 0 && alts.every((a) => a && 'const' in a) ? alts : null;
}

export function enumOptions(s: JsonSchema, lang: Lang): { value: string; label: string }[] {
  const alts = constAlternatives(s);
  if (alts) return alts.map((a) => ({ value: String(a.const), label: (lang === 'en' ? a['x-title-en'] : undefined) ?? a.title ?? String(a.const) }));
  const values: unknown[] = s.enum ?? [];
  const titles: string[] | undefined = (lang === 'en' ? s['x-enumTitles-en'] : undefined) ?? s['x-enumTitles'];
  return values.map((v, i) => ({ value: String(v), label: titles?.[i] ?? String(v) }));
}

/** Every leaf field of the schema (objects are walked), in declaration order. */
export function leafPaths(root: JsonSchema, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, s] of Object.entries<JsonSchema>(root.properties ?? {})) {
    if (s.type === 'object' && s.properties) out.push(...leafPaths(s, [...prefix, k]));
    else out.push([...prefix, k]);
  }
  return out;
}

// ---- Rules (JSON Forms `rule`: SHOW / HIDE / ENABLE / DISABLE with a schema-based condition)

export interface Rule {
  effect: 'SHOW' | 'HIDE' | 'ENABLE' | 'DISABLE';
  condition: { scope: string; schema: JsonSchema };
}

/** Whether a value satisfies a rule's condition schema (const, enum, not, minimum/maximum, type). */
export function conditionHolds(cond: JsonSchema, value: unknown): boolean {
  if (value === undefined) return false;
  if ('const' in cond && value !== cond.const) return false;
  if (Array.isArray(cond.enum) && !cond.enum.includes(value)) return false;
  if (cond.not && conditionHolds(cond.not, value)) return false;
  if (typeof cond.minimum === 'number' && !(typeof value === 'number' && value >= cond.minimum)) return false;
  if (typeof cond.maximum === 'number' && !(typeof value === 'number' && value <= cond.maximum)) return false;
  if (cond.type === 'string' && typeof value !== 'string') return false;
  if (cond.type === 'boolean' && typeof value !== 'boolean') return false;
  return true;
}

export function ruleState(el: UiElement, data: unknown): { hidden: boolean; disabled: boolean } {
  const rule = el.rule as Rule | undefined;
  if (!rule?.condition?.scope) return { hidden: false, disabled: false };
  const holds = conditionHolds(rule.condition.schema ?? {}, getAt(data, scopePath(rule.condition.scope)));
  switch (rule.effect) {
    case 'SHOW':
      return { hidden: !holds, disabled: false };
    case 'HIDE':
      return { hidden: holds, disabled: false };
    case 'ENABLE':
      return { hidden: false, disabled: !holds };
    case 'DISABLE':
      return { hidden: false, disabled: holds };
    default:
      return { hidden: false, disabled: false };
  }
}

/** Paths of controls hidden or disabled by rules for the current data (their values are dropped). */
export function inactivePaths(ui: UiElement, data: unknown, inherited = false): string[][] {
  const { hidden, disabled } = ruleState(ui, data);
  const off = inherited || hidden || disabled;
  const out: string[][] = [];
  if (ui.type === 'Control' && typeof ui.scope === 'string') {
    if (off) out.push(scopePath(ui.scope));
  }
  for (const child of (ui.elements ?? []) as UiElement[]) out.push(...inactivePaths(child, data, off));
  return out;
}

/** Data without the values of inactive fields (applied twice: a hidden field may hide others). */
export function withoutInactive(def: EFormDefinition, data: FormData): FormData {
  let d = structuredClone(data);
  for (let i = 0; i < 2; i++) {
    const next = structuredClone(d);
    for (const p of inactivePaths(def.uiSchema, d)) deleteAt(next, p);
    d = next;
  }
  return d;
}

// ---- Prefill

export function prefillData(def: EFormDefinition, sources: PrefillValues | undefined): FormData {
  const data: FormData = {};
  if (!sources) return data;
  for (const path of leafPaths(def.schema)) {
    const src = schemaAt(def.schema, path)?.['x-prefill'] as PrefillSource | undefined;
    const v = src ? sources[src] : undefined;
    if (v !== undefined && v !== '') setAt(data, path, v);
  }
  return data;
}

/** Values over prefill: a field the person filled keeps its value. */
export function mergeValues(prefill: FormData, values: FormData | undefined): FormData {
  const out = structuredClone(prefill);
  const walk = (src: any, path: string[]) => {
    for (const [k, v] of Object.entries(src ?? {})) {
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, [...path, k]);
      else setAt(out, [...path, k], v);
    }
  };
  walk(values, []);
  return out;
}

// ---- A posted HTML form (flat "a.b" names, strings) -> typed data

/**
 * The one place where posted fields become answers. A date asked as three boxes
 * (`a.b__day`, `a.b__month`, `a.b__year`, see eform-date.ts) becomes its ISO date, or the parts
 * as typed for the validator to name what is wrong; a date posted whole (`a.b`: the desk's
 * `type="date"`, an API client) is taken as it is.
 */
export function dataFromForm(def: EFormDefinition, body: Record<string, unknown>): FormData {
  const data: FormData = {};
  for (const path of leafPaths(def.schema)) {
    const s = schemaAt(def.schema, path)!;
    const name = fieldName(path);
    if (isDateField(s) && DATE_PARTS.some((k) => body[datePartName(name, k)] !== undefined)) {
      const v = combineDateParts(Object.fromEntries(DATE_PARTS.map((k) => [k, body[datePartName(name, k)]])));
      if (v !== undefined) setAt(data, path, v);
      continue;
    }
    let raw = body[name];
    if (Array.isArray(raw)) raw = raw[raw.length - 1];
    if (s.type === 'boolean') {
      if (raw !== undefined) setAt(data, path, raw === 'on' || raw === 'true' || raw === '1' || raw === true);
      continue;
    }
    if (raw === undefined || raw === null) continue;
    const str = String(raw).trim();
    if (str === '') continue;
    if (s.type === 'integer' || s.type === 'number') {
      const n = Number(str.replace(',', '.'));
      setAt(data, path, Number.isFinite(n) && /^-?\d+([.,]\d+)?$/.test(str) ? n : str);
    } else setAt(data, path, str);
  }
  return data;
}
