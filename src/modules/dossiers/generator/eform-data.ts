/**
 * Fills a procedure's e-form (its JSON Schema) with plausible values: prefilled fields from the
 * applicant, choices picked at random, numbers within bounds, strings matching their pattern.
 * Every property is filled, so conditional requirements (if/then) are met too.
 */
import type { Rng } from './random';
import type { DemoPerson } from './names';

type Schema = Record<string, any>;

export interface FormSubject {
  person: DemoPerson;
  org?: { name: string; taxCode: string } | null;
}

const PREFILL: Record<string, (s: FormSubject) => string | undefined> = {
  'applicant.name': (s) => s.person.name,
  'applicant.personalId': (s) => s.person.idNumber,
  'applicant.birthDate': (s) => s.person.birthDate,
  'applicant.address': (s) => s.person.address,
  'applicant.phone': (s) => s.person.phone,
  'applicant.email': (s) => s.person.email,
  'applicant.gender': (s) => (s.person.male ? 'nam' : 'nu'),
  'org.name': (s) => s.org?.name,
  'org.taxCode': (s) => s.org?.taxCode,
};

export function formData(schema: Schema, subject: FormSubject, r: Rng): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries<Schema>(schema.properties ?? {})) out[key] = valueFor(key, prop, subject, r);
  return out;
}

function valueFor(key: string, s: Schema, subject: FormSubject, r: Rng): unknown {
  const pre = s['x-prefill'] ? PREFILL[s['x-prefill']]?.(subject) : undefined;
  if (pre !== undefined && (!s.pattern || new RegExp(s.pattern).test(pre))) return pre;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.oneOf) && s.oneOf.every((o: Schema) => o.const !== undefined)) return r.pick(s.oneOf).const;
  if (Array.isArray(s.enum)) return r.pick(s.enum);
  switch (s.type) {
    case 'object':
      return formData(s, subject, r);
    case 'array':
      return s.items ? Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => valueFor(key, s.items, subject, r)) : [];
    case 'boolean':
      return r.chance(0.5);
    case 'integer':
    case 'number': {
      const min = s.minimum ?? (s.exclusiveMinimum != null ? s.exclusiveMinimum + 1 : 1);
      const max = s.maximum ?? (s.exclusiveMaximum != null ? s.exclusiveMaximum - 1 : Math.max(min, 10));
      return r.int(Math.ceil(min), Math.max(Math.ceil(min), Math.floor(Math.min(max, min + 100))));
    }
    default:
      return stringFor(key, s, subject, r);
  }
}

function stringFor(key: string, s: Schema, subject: FormSubject, r: Rng): string {
  if (s.format === 'date') return `${r.int(2000, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  if (s.format === 'email') return subject.person.email;
  if (s.pattern) return fromPattern(s.pattern, r);
  if (typeof s.default === 'string') return s.default;
  const text = /address|diaChi|noi|place/i.test(key) ? subject.person.address : /name|ten/i.test(key) ? subject.person.name : 'Theo hồ sơ đính kèm';
  const max = s.maxLength ?? 300;
  const min = s.minLength ?? 0;
  return text.length > max ? text.slice(0, max) : text.padEnd(min, '.');
}

/** Strings for the simple patterns the catalogue uses: ^(class{n,m}|literal|(a|b))+$. */
export function fromPattern(pattern: string, r: Rng): string {
  if (pattern === '^([01][0-9]|2[0-3]):[0-5][0-9]$') return `${String(r.int(7, 16)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
  let p = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  while (p.length) {
    let m = /^\(([^()]*)\)\?/.exec(p);
    if (m) {
      p = p.slice(m[0].length); // optional group: left out
      continue;
    }
    m = /^\[([^\]]+)\](?:\{(\d+)(?:,(\d+))?\})?/.exec(p);
    if (m) {
      const chars = expandClass(m[1]!);
      const n = m[2] ? r.int(Number(m[2]), Number(m[3] ?? m[2])) : 1;
      for (let i = 0; i < n; i++) out += chars === '0123456789' && i === 0 && n > 1 ? r.pick('123456789'.split('')) : r.pick(chars.split(''));
      p = p.slice(m[0].length);
      continue;
    }
    out += p[0] === '\\' ? p[1] : p[0];
    p = p.slice(p[0] === '\\' ? 2 : 1);
  }
  return out;
}

function expandClass(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) {
    if (c[i + 1] === '-' && c[i + 2]) {
      for (let x = c.charCodeAt(i); x <= c.charCodeAt(i + 2); x++) out += String.fromCharCode(x);
      i += 2;
    } else out += c[i];
  }
  return out;
}
