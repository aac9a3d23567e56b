/**
 * The contract every module uses for deadlines. The calendar module implements it
 * (service.ts: `getWorkCalendar(ctx)` loads the yearly official schedules from the database
 * and returns a WorkCalendar whose methods are pure and synchronous).
 *
 * Times are instants (Date); "days" are civil dates in Vietnam (UTC+7) written YYYY-MM-DD.
 */
export type CivilDate = string; // YYYY-MM-DD, a date in Vietnam time (UTC+7)

export type TimeUnit = 'working_days' | 'working_hours' | 'days';

export interface TimeLimit {
  value: number;
  unit: TimeUnit;
}

export interface DayOff {
  date: CivilDate;
  /** Vietnamese name, e.g. "Tết Nguyên Đán", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Nghỉ bù ..." */
  name: string;
  nameEn: string;
  kind: 'holiday' | 'compensatory' | 'extra';
}

export interface WorkCalendar {
  isWorkingDay(day: CivilDate): boolean;
  /** Days off of a year (public holidays, compensatory and extra days; not ordinary weekends). */
  daysOff(year: number): DayOff[];
  /** The instant `limit` after `receivedAt`, counted by the one-stop rules. */
  dueAt(receivedAt: Date, limit: TimeLimit): Date;
  /** `n` working days after the civil date `day` (n = 0 gives the day itself if working, else the next working day). */
  addWorkingDays(day: CivilDate, n: number): CivilDate;
  /** Working days after `from` up to and including `to` (0 when to <= from). */
  workingDaysBetween(from: CivilDate, to: CivilDate): number;
  /** Working time in milliseconds between two instants (counts only office hours of working days). */
  workingMsBetween(from: Date, to: Date): number;
  /** Adds working time in ms to an instant (skipping nights, weekends and days off). */
  addWorkingMs(from: Date, ms: number): Date;
}

/** The civil date in Vietnam (UTC+7) of an instant. */
export function civilDateVN(t: Date): CivilDate {
  return new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
