/**
 * A small WorkCalendar for the pure tests of this module: Monday-Friday, 08:00-12:00 and
 * 13:00-17:00 Vietnam time, and the given days off. Not the calendar module's implementation.
 */
import type { CivilDate, TimeLimit, WorkCalendar } from '../../../platform/calendar/types';
import { civilDateVN } from '../../../platform/calendar/types';

const H = 3_600_000;
const VN = 7 * H;
const WINDOWS: [number, number][] = [
  [8 * H, 12 * H],
  [13 * H, 17 * H],
];

function dayStartUtc(day: CivilDate): number {
  return Date.parse(`${day}T00:00:00Z`) - VN;
}
function nextDay(day: CivilDate, n = 1): CivilDate {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function testCalendar(daysOff: CivilDate[] = []): WorkCalendar {
  const off = new Set(daysOff);
  const isWorkingDay = (day: CivilDate) => {
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    return dow !== 0 && dow !== 6 && !off.has(day);
  };
  const addWorkingDays = (day: CivilDate, n: number): CivilDate => {
    let d = day;
    while (!isWorkingDay(d)) d = nextDay(d);
    for (let i = 0; i < n; i++) {
      d = nextDay(d);
      while (!isWorkingDay(d)) d = nextDay(d);
    }
    return d;
  };
  const workingDaysBetween = (from: CivilDate, to: CivilDate) => {
    let n = 0;
    for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
    return n;
  };
  const workingMsBetween = (from: Date, to: Date) => {
    if (to <= from) return 0;
    let ms = 0;
    for (let day = civilDateVN(from); day <= civilDateVN(to); day = nextDay(day)) {
      if (!isWorkingDay(day)) continue;
      const base = dayStartUtc(day);
      for (const [a, b] of WINDOWS) ms += Math.max(0, Math.min(b + base, to.getTime()) - Math.max(a + base, from.getTime()));
    }
    return ms;
  };
  const addWorkingMs = (from: Date, ms: number) => {
    let left = ms;
    let t = from.getTime();
    for (let day = civilDateVN(from); ; day = nextDay(day)) {
      if (!isWorkingDay(day)) continue;
      const base = dayStartUtc(day);
      for (const [a, b] of WINDOWS) {
        const s = Math.max(a + base, t);
        const e = b + base;
        if (e <= s) continue;
        if (e - s >= left) return new Date(s + left);
        left -= e - s;
        t = e;
      }
    }
  };
  const dueAt = (receivedAt: Date, limit: TimeLimit): Date => {
    if (limit.unit === 'working_hours') return addWorkingMs(receivedAt, limit.value * H);
    const start = civilDateVN(receivedAt);
    const last = limit.unit === 'working_days' ? addWorkingDays(nextDay(start), limit.value - 1) : addWorkingDays(nextDay(start, limit.value), 0);
    return new Date(dayStartUtc(last) + 17 * H);
  };
  return { isWorkingDay, daysOff: () => [], dueAt, addWorkingDays, workingDaysBetween, workingMsBetween, addWorkingMs };
}
