/**
 * The WorkCalendar: working days (Monday-Friday, minus the year's days off, plus the weekend
 * days worked in exchange), office hours, and deadlines by the one-stop rules. Pure: built
 * from the rules and the yearly schedules the service loads.
 */
import { dayNumberOf, fromDayNumber, isWeekend, toDayNumber, vnDayNumber, vnInstant } from './civil';
import { defaultSchedule } from './holidays';
import { DEFAULT_OFFICE_HOURS, validOfficeHours, type CalendarOptions, type OfficeHours, type ScheduleEntry } from './model';
import type { CivilDate, DayOff, TimeLimit, WorkCalendar } from './types';

export interface VnWorkCalendar extends WorkCalendar {
  readonly officeHours: OfficeHours;
  /** Working time of one working day, in ms. */
  readonly dayWorkMs: number;
  /** Every entry of a year's schedule, the weekend days worked in exchange included. */
  schedule(year: number): ScheduleEntry[];
  /** Whether an administrator has entered the year's official schedule (else: Labour Code defaults). */
  hasOfficialSchedule(year: number): boolean;
  /** When the clock starts for something received at `t`: `t` inside office hours, else the next opening. */
  clockStart(t: Date): Date;
}

interface YearData {
  first: number; // day number of 1 January
  working: Uint8Array;
  /** cum[i] = working days among days 0..i of the year. */
  cum: Int32Array;
  entries: ScheduleEntry[];
  official: boolean;
}

const firstDayCache = new Map<number, number>();
function firstDayOf(year: number): number {
  let n = firstDayCache.get(year);
  if (n === undefined) {
    n = dayNumberOf(year, 1, 1);
    firstDayCache.set(year, n);
  }
  return n;
}

function yearOfDayNumber(n: number): number {
  let y = 1970 + Math.floor(n / 365.2425);
  while (firstDayOf(y) > n) y--;
  while (firstDayOf(y + 1) <= n) y++;
  return y;
}

export function buildWorkCalendar(options: CalendarOptions = {}): VnWorkCalendar {
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  if (!validOfficeHours(officeHours)) throw new RangeError('invalid office hours');
  const official = new Map<number, ScheduleEntry[]>();
  for (const s of options.schedules ?? []) official.set(s.year, s.entries);
  const years = new Map<number, YearData>();
  const dayWorkMs = officeHours.reduce((sum, w) => sum + (w.end - w.start) * 60_000, 0);
  const closing = officeHours[officeHours.length - 1].end;

  function yearData(year: number): YearData {
    let data = years.get(year);
    if (data) return data;
    const entries = official.get(year) ?? defaultSchedule(year).entries;
    const first = firstDayOf(year);
    const length = firstDayOf(year + 1) - first;
    const working = new Uint8Array(length);
    for (let i = 0; i < length; i++) working[i] = isWeekend(first + i) ? 0 : 1;
    for (const e of entries) {
      const i = toDayNumber(e.date) - first;
      if (i < 0 || i >= length) continue;
      working[i] = e.kind === 'workday' ? 1 : 0;
    }
    const cum = new Int32Array(length);
    let c = 0;
    for (let i = 0; i < length; i++) cum[i] = c += working[i];
    data = { first, working, cum, entries, official: official.has(year) };
    years.set(year, data);
    return data;
  }

  function isWorking(n: number): boolean {
    const d = yearData(yearOfDayNumber(n));
    return d.working[n - d.first] === 1;
  }

  /** Working days in the day numbers (a, b]. */
  function countWorking(a: number, b: number): number {
    if (b <= a) return 0;
    let total = 0;
    let from = a + 1;
    while (from <= b) {
      const d = yearData(yearOfDayNumber(from));
      const last = Math.min(b, d.first + d.working.length - 1);
      const i = from - d.first;
      const j = last - d.first;
      total += d.cum[j] - (i > 0 ? d.cum[i - 1] : 0);
      from = last + 1;
    }
    return total;
  }

  function nextWorking(n: number): number {
    while (!isWorking(n)) n++;
    return n;
  }

  function addWorkingDayNumbers(n: number, k: number): number {
    if (k === 0) return nextWorking(n);
    const step = k > 0 ? 1 : -1;
    let left = Math.abs(k);
    while (left > 0) {
      n += step;
      if (isWorking(n)) left--;
    }
    return n;
  }

  /** Working ms of day `n` inside [s, e). */
  function overlapOfDay(n: number, s: number, e: number): number {
    if (!isWorking(n)) return 0;
    let ms = 0;
    for (const w of officeHours) {
      const lo = Math.max(s, vnInstant(n, w.start));
      const hi = Math.min(e, vnInstant(n, w.end));
      if (hi > lo) ms += hi - lo;
    }
    return ms;
  }

  function workingMs(from: number, to: number): number {
    if (to <= from) return 0;
    const a = vnDayNumber(from);
    const b = vnDayNumber(to);
    if (a === b) return overlapOfDay(a, from, to);
    return overlapOfDay(a, from, Infinity) + countWorking(a, b - 1) * dayWorkMs + overlapOfDay(b, -Infinity, to);
  }

  function addMs(from: number, ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`working time must be a finite, non-negative number of ms: ${ms}`);
    if (ms === 0) return from;
    let n = vnDayNumber(from);
    let t = from;
    let left = ms;
    for (;;) {
      if (isWorking(n)) {
        if (t <= vnInstant(n, 0) && left > dayWorkMs) {
          left -= dayWorkMs; // a whole working day
        } else {
          for (const w of officeHours) {
            const s = Math.max(t, vnInstant(n, w.start));
            const end = vnInstant(n, w.end);
            if (s >= end) continue;
            if (left <= end - s) return s + left;
            left -= end - s;
          }
        }
      }
      n++;
      t = vnInstant(n, 0);
    }
  }

  function clockStartMs(t: number): number {
    const n = vnDayNumber(t);
    if (isWorking(n)) {
      for (const w of officeHours) {
        if (t < vnInstant(n, w.end)) return Math.max(t, vnInstant(n, w.start));
      }
    }
    return vnInstant(nextWorking(n + 1), officeHours[0].start);
  }

  function checkLimit(limit: TimeLimit): void {
    if (!Number.isFinite(limit.value) || limit.value < 0) throw new RangeError(`time limit must be a finite, non-negative number: ${limit.value}`);
  }

  const calendar: VnWorkCalendar = {
    officeHours,
    dayWorkMs,
    isWorkingDay: (day) => isWorking(toDayNumber(day)),
    daysOff(year) {
      return yearData(year)
        .entries.filter((e): e is ScheduleEntry & { kind: DayOff['kind'] } => e.kind !== 'workday')
        .map(({ date, name, nameEn, kind }) => ({ date, name, nameEn, kind }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    },
    schedule: (year) => [...yearData(year).entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    hasOfficialSchedule: (year) => official.has(year),
    clockStart: (t) => new Date(clockStartMs(t.getTime())),
    dueAt(receivedAt, limit) {
      checkLimit(limit);
      const start = clockStartMs(receivedAt.getTime());
      // Limits in days start the day after receipt and end at closing time of the last day
      // (Civil Code art. 147-148); a fraction of a working day is counted as working time.
      if (limit.unit === 'working_hours' || (limit.unit === 'working_days' && !Number.isInteger(limit.value))) {
        const ms = limit.unit === 'working_hours' ? limit.value * 3_600_000 : limit.value * dayWorkMs;
        return new Date(addMs(start, Math.round(ms)));
      }
      const received = vnDayNumber(start);
      const last = limit.unit === 'working_days' ? addWorkingDayNumbers(received, limit.value) : nextWorking(received + Math.ceil(limit.value));
      return new Date(vnInstant(last, closing));
    },
    addWorkingDays: (day, n) => fromDayNumber(addWorkingDayNumbers(toDayNumber(day), n)),
    workingDaysBetween: (from, to) => countWorking(toDayNumber(from), toDayNumber(to)),
    workingMsBetween: (from, to) => workingMs(from.getTime(), to.getTime()),
    addWorkingMs: (from, ms) => new Date(addMs(from.getTime(), ms)),
  };
  return calendar;
}

/** The ordinary calendar for a civil date check (used by validation of schedules). */
export function isWeekendDay(day: CivilDate): boolean {
  return isWeekend(toDayNumber(day));
}
