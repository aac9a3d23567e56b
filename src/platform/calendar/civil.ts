/**
 * Civil-date arithmetic on day numbers (days since 1970-01-01). Vietnam keeps UTC+7 all year,
 * so a civil date maps to a fixed 24 h span of instants.
 */
import type { CivilDate } from './types';

export const DAY_MS = 86_400_000;
export const VN_OFFSET_MS = 7 * 3_600_000;

const CIVIL_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses YYYY-MM-DD; null when malformed or not a real date (e.g. 2025-02-30). */
export function parseCivil(s: string): { y: number; m: number; d: number } | null {
  const match = CIVIL_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function dayNumberOf(y: number, m: number, d: number): number {
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** Day number of a civil date; throws RangeError on a malformed date (callers validate input first). */
export function toDayNumber(day: CivilDate): number {
  const p = parseCivil(day);
  if (!p) throw new RangeError(`invalid civil date: ${day}`);
  return dayNumberOf(p.y, p.m, p.d);
}

export function fromDayNumber(n: number): CivilDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function ymdOf(n: number): { y: number; m: number; d: number } {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isWeekend(n: number): boolean {
  const w = weekdayOf(n);
  return w === 0 || w === 6;
}

/** Day number (in Vietnam) of an instant. */
export function vnDayNumber(t: number): number {
  return Math.floor((t + VN_OFFSET_MS) / DAY_MS);
}

/** The instant at `minutes` after midnight, Vietnam time, of day `n`. */
export function vnInstant(n: number, minutes: number): number {
  return n * DAY_MS + minutes * 60_000 - VN_OFFSET_MS;
}
