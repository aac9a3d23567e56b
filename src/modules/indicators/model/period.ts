/**
 * Reporting periods in Vietnam time (UTC+7): month "YYYY-MM", quarter "YYYY-Qn", year "YYYY".
 * A period that has not ended yet is measured to date: its end is clipped to `now`.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** Month 1-12 / quarter 1-4 / null for a year. */
  index: number | null;
  from: Date; // inclusive instant
  to: Date; // exclusive instant (start of the next period)
  /** The instant at which open dossiers are judged: min(to, now). */
  asOf: Date;
  toDate: boolean;
}

const VN_OFFSET_MS = 7 * 3600_000;
/** 00:00 in Vietnam of the given civil date. */
export const vnMidnight = (y: number, m: number, d = 1) => new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS);

export function parsePeriod(key: string, now: Date): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  let kind: PeriodKind;
  let year: number;
  let index: number | null;
  let from: Date;
  let to: Date;
  if (m) {
    year = Number(m[1]);
    index = Number(m[2]);
    if (index < 1 || index > 12) return null;
    kind = 'month';
    from = vnMidnight(year, index);
    to = vnMidnight(year, index + 1);
  } else if ((m = /^(\d{4})-Q([1-4])$/i.exec(key))) {
    year = Number(m[1]);
    index = Number(m[2]);
    kind = 'quarter';
    from = vnMidnight(year, (index - 1) * 3 + 1);
    to = vnMidnight(year, index * 3 + 1);
  } else if ((m = /^(\d{4})$/.exec(key))) {
    year = Number(m[1]);
    index = null;
    kind = 'year';
    from = vnMidnight(year, 1);
    to = vnMidnight(year + 1, 1);
  } else return null;
  if (year < 2000 || year > 2100) return null;
  const toDate = now.getTime() < to.getTime();
  const asOf = toDate ? new Date(Math.max(now.getTime(), from.getTime())) : to;
  return { key: normaliseKey(kind, year, index), kind, year, index, from, to, asOf, toDate };
}

function normaliseKey(kind: PeriodKind, year: number, index: number | null): string {
  if (kind === 'month') return `${year}-${String(index).padStart(2, '0')}`;
  if (kind === 'quarter') return `${year}-Q${index}`;
  return String(year);
}

/** The current month's key in Vietnam time. */
export function currentMonthKey(now: Date): string {
  const d = new Date(now.getTime() + VN_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month `n` months before (negative) or after a month key. */
export function shiftMonth(key: string, n: number): string {
  const [y, m] = key.split('-').map(Number);
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The months of a period, in order (a month gives itself). */
export function monthsOf(p: Period): string[] {
  if (p.kind === 'month') return [p.key];
  const first = p.kind === 'quarter' ? (p.index! - 1) * 3 + 1 : 1;
  const n = p.kind === 'quarter' ? 3 : 12;
  return Array.from({ length: n }, (_, i) => `${p.year}-${String(first + i).padStart(2, '0')}`);
}

/** The parts of a period key people read ("2025-03" -> month 3 of 2025), or null for anything else. */
export function periodParts(key: string): { kind: PeriodKind; year: string; index: string | null } | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (month) return { kind: 'month', year: month[1], index: month[2] };
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(key);
  if (quarter) return { kind: 'quarter', year: quarter[1], index: quarter[2] };
  if (/^\d{4}$/.test(key)) return { kind: 'year', year: key, index: null };
  return null;
}
