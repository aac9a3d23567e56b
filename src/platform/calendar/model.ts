/**
 * Types of the calendar rules (no I/O). A year's official schedule, when an administrator has
 * entered one, replaces the Labour Code defaults of that year entirely (see holidays.ts).
 */
import type { CivilDate, DayOff } from './types';

/** Kinds of schedule entries: days off, or a weekend day worked in exchange (ngày làm bù). */
export type ScheduleKind = DayOff['kind'] | 'workday';
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ['holiday', 'compensatory', 'extra', 'workday'];

export interface ScheduleEntry {
  date: CivilDate;
  kind: ScheduleKind;
  name: string;
  nameEn: string;
}

/** The official schedule of one Gregorian year. */
export interface YearSchedule {
  year: number;
  entries: ScheduleEntry[];
}

/** An office-hours window in minutes after midnight, Vietnam time; [start, end). */
export interface OfficeWindow {
  start: number;
  end: number;
}

/** Office hours of a working day: ordered, non-overlapping windows. */
export type OfficeHours = OfficeWindow[];

/** Default office hours of the provincial agencies: 07:00-11:30 and 13:30-17:00 (8 h, the working day the procedures' step durations assume). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = [
  { start: 7 * 60, end: 11 * 60 + 30 },
  { start: 13 * 60 + 30, end: 17 * 60 },
];

/** Years the calendar (and the lunar conversion) is defined for. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export interface CalendarOptions {
  officeHours?: OfficeHours;
  /** Official schedules by year; other years follow the Labour Code defaults. */
  schedules?: YearSchedule[];
}

/** Checks office hours: windows inside the day, non-empty, ordered and apart. */
export function validOfficeHours(hours: OfficeHours): boolean {
  if (hours.length === 0) return false;
  let prevEnd = -1;
  for (const w of hours) {
    if (!Number.isInteger(w.start) || !Number.isInteger(w.end)) return false;
    if (w.start < 0 || w.end > 24 * 60 || w.start >= w.end || w.start <= prevEnd) return false;
    prevEnd = w.end;
  }
  return true;
}
