import type { ColumnType } from 'kysely';
import type { ScheduleKind } from './model';

/** Tables of the calendar (yearly official schedules of days off and swapped working days). */
export interface CalendarTables {
  calendar_schedules: CalendarSchedulesTable;
  calendar_days: CalendarDaysTable;
  calendar_settings: CalendarSettingsTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CalendarSchedulesTable {
  year: number;
  /** Where the schedule comes from (decision, letter, announcement). */
  source: ColumnType<string, string | undefined, string>;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface CalendarDaysTable {
  /** A `date`; select it as text (`date::text`). */
  date: ColumnType<string, string, string>;
  year: number;
  kind: ScheduleKind;
  name: string;
  name_en: string;
}

export interface CalendarSettingsTable {
  id: number;
  /** Moves on every edit; instances compare it with their cached calendar's. */
  version: ColumnType<number, number | bigint, number | bigint>;
  /** OfficeHours: [{ start, end }] in minutes after midnight, Vietnam time. */
  office_hours: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}
