/**
 * A WorkCalendar that knows only weekends (Mon-Fri 7:30-11:30, 13:30-17:00 Vietnam time).
 * Used by the pure tests (the real calendar is getWorkCalendar(ctx), see calendar.ts).
 */
import type { CivilDate, TimeLimit, WorkCalendar } from '../../platform/calendar/types';

const DAY = 86_400_000;
const dayNum = (d: CivilDate) => Date.parse(d + 'T00:00:00Z') / DAY;
const fromNum = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const isWeekday = (n: number) => {
  const w = new Date(n * DAY).getUTCDay();
  return w !== 0 && w !== 6;
};

export function weekendCalendar(): WorkCalendar {
  const cal: WorkCalendar = {
    isWorkingDay: (d) => isWeekday(dayNum(d)),
    daysOff: () => [],
    addWorkingDays(day, n) {
      let x = dayNum(day);
      while (!isWeekday(x)) x++;
      let left = n;
      while (left > 0) {
        x++;
        if (isWeekday(x)) left--;
      }
      return fromNum(x);
    },
    workingDaysBetween(from, to) {
      let count = 0;
      for (let x = dayNum(from) + 1; x <= dayNum(to); x++) if (isWeekday(x)) count++;
      return count;
    },
    workingMsBetween(from, to) {
      // Coarse: 8 working hours per weekday.
      if (to <= from) return 0;
      const days = cal.workingDaysBetween(
        new Date(from.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
        new Date(to.getTime() + 7 * 3600_000).toISOString().slice(0, 10),
      );
      return days * 8 * 3600_000;
    },
    addWorkingMs(from, ms) {
      const days = Math.ceil(ms / (8 * 3600_000));
      const d = cal.addWorkingDays(new Date(from.getTime() + 7 * 3600_000).toISOString().slice(0, 10), days);
      return new Date(Date.parse(d + 'T10:00:00Z'));
    },
    dueAt(receivedAt: Date, limit: TimeLimit) {
      if (limit.unit === 'days') return new Date(receivedAt.getTime() + limit.value * DAY);
      if (limit.unit === 'working_hours') return cal.addWorkingMs(receivedAt, limit.value * 3600_000);
      return cal.addWorkingMs(receivedAt, limit.value * 8 * 3600_000);
    },
  };
  return cal;
}
