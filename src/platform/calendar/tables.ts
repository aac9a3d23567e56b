/** Tables of the calendar (yearly official schedules of days off and swapped working days). */
export interface CalendarTables {}
