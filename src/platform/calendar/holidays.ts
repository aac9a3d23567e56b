/**
 * Default days off of a year by the Labour Code 2019 (art. 112(1) holidays, art. 111(3)
 * compensatory days), used for years without an official schedule in the database.
 * Choices (docs/decisions-calendar.md): Tết = the last day of the lunar year + days 1-4 of
 * the new year; the day adjacent to National Day is 1 September.
 */
import { dayNumberOf, fromDayNumber, isWeekend, toDayNumber } from './civil';
import { lunarOfDayNumber, lunarToDayNumber } from './lunar';
import { calendarText } from './messages';
import type { ScheduleEntry, YearSchedule } from './model';

function named(key: string, params: Record<string, string | number> = {}): { name: string; nameEn: string } {
  return { name: calendarText('vi', key, params), nameEn: calendarText('en', key, params) };
}

function holiday(n: number, key: string, params: Record<string, string | number> = {}): ScheduleEntry {
  return { date: fromDayNumber(n), kind: 'holiday', ...named(key, params) };
}

/** The public holidays of art. 112(1) in `year`, weekend ones included, in date order. */
export function statutoryHolidays(year: number): ScheduleEntry[] {
  const list: ScheduleEntry[] = [holiday(dayNumberOf(year, 1, 1), 'calendar.holiday.new_year')];
  const tet = lunarToDayNumber({ day: 1, month: 1, year, leap: false })!;
  const eve = tet - 1;
  list.push(holiday(eve, 'calendar.holiday.tet_eve', { day: lunarOfDayNumber(eve).day }));
  for (let i = 0; i < 4; i++) list.push(holiday(tet + i, 'calendar.holiday.tet', { day: i + 1 }));
  list.push(holiday(lunarToDayNumber({ day: 10, month: 3, year, leap: false })!, 'calendar.holiday.hung_kings'));
  list.push(holiday(dayNumberOf(year, 4, 30), 'calendar.holiday.reunification'));
  list.push(holiday(dayNumberOf(year, 5, 1), 'calendar.holiday.labour'));
  list.push(holiday(dayNumberOf(year, 9, 1), 'calendar.holiday.national_day_adjacent'));
  list.push(holiday(dayNumberOf(year, 9, 2), 'calendar.holiday.national_day'));
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Adds a compensatory day (art. 111(3)) for every holiday on a Saturday or Sunday, and for a
 * holiday that coincides with another one: the next weekday that is neither a holiday nor
 * already a compensatory day. Coinciding holidays are merged into one entry.
 */
export function withCompensatoryDays(holidays: ScheduleEntry[]): ScheduleEntry[] {
  const sorted = [...holidays].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const byDate = new Map<string, ScheduleEntry>();
  const owed: ScheduleEntry[] = [];
  for (const h of sorted) {
    const seen = byDate.get(h.date);
    if (seen) {
      byDate.set(h.date, { ...seen, name: `${seen.name}; ${h.name}`, nameEn: `${seen.nameEn}; ${h.nameEn}` });
      owed.push(h);
    } else {
      byDate.set(h.date, h);
      if (isWeekend(toDayNumber(h.date))) owed.push(h);
    }
  }
  const taken = new Set(byDate.keys());
  const result = [...byDate.values()];
  for (const h of owed) {
    let n = toDayNumber(h.date) + 1;
    while (isWeekend(n) || taken.has(fromDayNumber(n))) n++;
    const date = fromDayNumber(n);
    taken.add(date);
    result.push({
      date,
      kind: 'compensatory',
      name: calendarText('vi', 'calendar.holiday.compensatory', { holiday: h.name }),
      nameEn: calendarText('en', 'calendar.holiday.compensatory', { holiday: h.nameEn }),
    });
  }
  return result.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The schedule of a year without an official one: statutory holidays plus compensatory days. */
export function defaultSchedule(year: number): YearSchedule {
  return { year, entries: withCompensatoryDays(statutoryHolidays(year)) };
}
