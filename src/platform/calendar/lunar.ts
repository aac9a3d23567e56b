/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7 after Hồ Ngọc
 * Đức's algorithm: months begin on the civil day of the new moon; month 11 contains the
 * winter solstice; a year (between two months 11) of 13 months repeats the first month
 * without a major solar term (trung khí). Checked for every day 1900-2100 (lunar.test.ts).
 * The Chinese calendar follows the same rules for UTC+8, which is why it differs on some dates.
 */
import { dayNumberOf, fromDayNumber, ymdOf } from './civil';
import type { CivilDate } from './types';

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  leap: boolean;
}

/** Vietnam's time zone, in hours. */
export const VN_TIME_ZONE = 7;

const JD_UNIX_EPOCH = 2440588; // Julian day number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const K_EPOCH = 2415021.076998695; // new moon of 1900-01-01 (k = 0)
const RAD = Math.PI / 180;

/** Julian date of the k-th new moon after 1900-01-01 (Meeus, abridged; accuracy ~ minutes). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * RAD);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * RAD) + 0.0021 * Math.sin(2 * RAD * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * RAD) + 0.0161 * Math.sin(RAD * 2 * Mpr);
  c1 -= 0.0004 * Math.sin(RAD * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(RAD * 2 * F) - 0.0051 * Math.sin(RAD * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(RAD * (M - Mpr)) + 0.0004 * Math.sin(RAD * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(RAD * (2 * F - M)) - 0.0006 * Math.sin(RAD * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(RAD * (2 * F - Mpr)) + 0.0005 * Math.sin(RAD * (2 * Mpr + M));
  const deltaT = T < -11 ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3 : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians [0, 2π) at Julian date `jd` (UT). */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(RAD * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(RAD * 2 * M) + 0.00029 * Math.sin(RAD * 3 * M);
  const l = (L0 + dl) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Julian day number of the civil day (in `tz`) holding the k-th new moon. */
export function newMoonDay(k: number, tz = VN_TIME_ZONE): number {
  return Math.floor(newMoon(k) + 0.5 + tz / 24);
}

/** Which 30° sector (0..11) the sun is in at the start of civil day `jdn` in `tz`; sector change = a major term. */
function sunSector(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

const month11Cache = new Map<string, number>();

/** Julian day number of the first day of lunar month 11 that holds the winter solstice of `year`. */
function month11Start(year: number, tz: number): number {
  const key = `${tz}:${year}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  const off = dayNumberOf(year, 12, 31) + JD_UNIX_EPOCH - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz); // new moon after the solstice (270°)
  month11Cache.set(key, nm);
  return nm;
}

/** Index (1..13) after month 11 of the leap month: the first month whose start and end share a sector. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - K_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a civil date (by default in Vietnam, UTC+7). */
export function solarToLunar(day: CivilDate, tz = VN_TIME_ZONE): LunarDate {
  const [y, m, d] = day.split('-').map(Number);
  return lunarOfDayNumber(dayNumberOf(y, m, d), tz);
}

/** The lunar date of a day number (days since 1970-01-01). */
export function lunarOfDayNumber(dayNum: number, tz = VN_TIME_ZONE): LunarDate {
  const jdn = dayNum + JD_UNIX_EPOCH;
  const yy = ymdOf(dayNum).y;
  // The mean lunation only estimates k: the true new moon may fall a day either side.
  let k = Math.floor((jdn - K_EPOCH) / SYNODIC_MONTH) + 1;
  while (newMoonDay(k, tz) > jdn) k--;
  while (newMoonDay(k + 1, tz) <= jdn) k++;
  const monthStart = newMoonDay(k, tz);
  let a11 = month11Start(yy, tz);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = month11Start(yy - 1, tz);
  } else {
    year = yy + 1;
    b11 = month11Start(yy + 1, tz);
  }
  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/**
 * The civil date of a lunar date, or null when it does not exist (a leap month the year does
 * not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(l: LunarDate, tz = VN_TIME_ZONE): CivilDate | null {
  const n = lunarToDayNumber(l, tz);
  return n === null ? null : fromDayNumber(n);
}

export function lunarToDayNumber({ day, month, year, leap }: LunarDate, tz = VN_TIME_ZONE): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 30) return null;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = month11Start(year - 1, tz);
    b11 = month11Start(year, tz);
  } else {
    a11 = month11Start(year, tz);
    b11 = month11Start(year + 1, tz);
  }
  const k = Math.floor(0.5 + (a11 - K_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const start = newMoonDay(k + off, tz);
  const length = newMoonDay(k + off + 1, tz) - start;
  if (day > length) return null;
  return start + day - 1 - JD_UNIX_EPOCH;
}

export interface LunarMonth {
  month: number;
  leap: boolean;
  /** Civil date of day 1. */
  start: CivilDate;
  days: 29 | 30;
}

/** The months of lunar year `year`, from month 1 (Tết) to month 12, leap month in its place. */
export function lunarYearMonths(year: number, tz = VN_TIME_ZONE): LunarMonth[] {
  const months: LunarMonth[] = [];
  const first = lunarToDayNumber({ day: 1, month: 1, year, leap: false }, tz)!;
  const next = lunarToDayNumber({ day: 1, month: 1, year: year + 1, leap: false }, tz)!;
  let start = first;
  while (start < next) {
    const l = lunarOfDayNumber(start, tz);
    // Month length = distance to the next new-moon day: probe day 30.
    const day30 = lunarOfDayNumber(start + 29, tz);
    const days = day30.day === 30 ? 30 : 29;
    months.push({ month: l.month, leap: l.leap, start: fromDayNumber(start), days });
    start += days;
  }
  return months;
}

/** The leap month of lunar year `year` (1..12), or null in a 12-month year. */
export function leapMonthOf(year: number, tz = VN_TIME_ZONE): number | null {
  return lunarYearMonths(year, tz).find((m) => m.leap)?.month ?? null;
}
