/**
 * E-form date fields asked as three boxes, Ngày / Tháng / Năm (issue 13 item 7, the GOV.UK "date
 * input" pattern): a date is typed the Vietnamese way whatever the phone's locale, and works
 * without JavaScript. Pure: no I/O.
 *
 * A posted form carries `<name>__day`, `<name>__month`, `<name>__year`; `combineDateParts` turns
 * them into the ISO date the answers store (YYYY-MM-DD). Parts that make no real date are kept
 * as typed, written "year-month-day" (each part without '-'), so the validator can say what is
 * wrong (`dateProblem`) and the re-rendered form (after an error, or a resumed draft) fills the
 * three boxes back (`splitDateValue`). The JSON API keeps sending ISO strings.
 */
import type { JsonSchema } from './eform-schema';

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

/** The posted name of one box: "childBirthDate__day". */
export const datePartName = (name: string, part: DatePart) => `${name}__${part}`;

/** A field asked as a date: `type: 'string', format: 'date'`. */
export const isDateField = (s: JsonSchema | null | undefined): boolean => !!s && s.type === 'string' && s.format === 'date';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the string is an ISO civil date that exists (no 31/02, 29/02 only in leap years). */
export function isRealIsoDate(v: string): boolean {
  const m = ISO.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

/**
 * The three boxes as one answer: undefined when all are empty (a required date then gets the
 * "Vui lòng nhập" message), the ISO date when the parts are digits (day and month 1-2, year 4)
 * making a real date, otherwise the parts as typed ("1990--27", "2020-02-31", "2020-3-ab").
 */
export function combineDateParts(parts: Partial<Record<DatePart, unknown>>): string | undefined {
  const p = Object.fromEntries(
    DATE_PARTS.map((k) => {
      let v = parts[k];
      if (Array.isArray(v)) v = v[v.length - 1];
      return [k, typeof v === 'string' || typeof v === 'number' ? String(v).trim().replace(/-/g, '') : ''];
    }),
  ) as DateParts;
  if (!p.day && !p.month && !p.year) return undefined;
  if (/^\d{1,2}$/.test(p.day) && /^\d{1,2}$/.test(p.month) && /^\d{4}$/.test(p.year)) {
    const iso = `${p.year}-${p.month.padStart(2, '0')}-${p.day.padStart(2, '0')}`;
    if (isRealIsoDate(iso)) return iso;
  }
  return `${p.year}-${p.month}-${p.day}`;
}

/** The three boxes of a stored or kept answer; another string (an old draft's "27/03/1990") goes to the day box as typed. */
export function splitDateValue(v: unknown): DateParts {
  if (v === undefined || v === null || v === '') return { day: '', month: '', year: '' };
  const s = String(v);
  const m = /^([^-]*)-([^-]*)-([^-]*)$/.exec(s);
  if (m) return { year: m[1]!, month: m[2]!, day: m[3]! };
  return { day: s, month: '', year: '' };
}

export type DateProblem = 'incomplete' | 'notReal';

/** What is wrong with a date answer: null for a real ISO date, 'incomplete' when a box was left empty, otherwise 'notReal'. */
export function dateProblem(v: unknown): DateProblem | null {
  if (typeof v === 'string' && isRealIsoDate(v)) return null;
  if (typeof v === 'string' && /^[^-]*-[^-]*-[^-]*$/.test(v) && v.split('-').some((x) => x === '')) return 'incomplete';
  return 'notReal';
}

/** The boxes to mark invalid: the empty ones of an incomplete date, all three otherwise. */
export function partsInError(v: unknown): DatePart[] {
  if (dateProblem(v) === 'incomplete') {
    const p = splitDateValue(v);
    return DATE_PARTS.filter((k) => p[k] === '');
  }
  return [...DATE_PARTS];
}
