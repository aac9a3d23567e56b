import { sql, type Kysely } from 'kysely';
import { OFFICIAL_SCHEDULES } from '../../platform/calendar/official-schedules';

/**
 * The calendar: yearly official schedules (a year with a row in calendar_schedules follows its
 * listed days instead of the Labour Code defaults) and the settings row, whose version moves
 * on every edit so that every instance drops its cached calendar.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE calendar_schedules (
      year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2100),
      source text NOT NULL DEFAULT '',
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    );
    CREATE TABLE calendar_days (
      date date PRIMARY KEY,
      year int NOT NULL REFERENCES calendar_schedules(year) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('holiday', 'compensatory', 'extra', 'workday')),
      name text NOT NULL,
      name_en text NOT NULL,
      CHECK (EXTRACT(YEAR FROM date) = year)
    );
    CREATE INDEX calendar_days_year ON calendar_days (year);
    CREATE TABLE calendar_settings (
      id int PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL,
      office_hours jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO calendar_settings (id, version, office_hours)
      VALUES (1, 1, '[{"start":420,"end":690},{"start":810,"end":1020}]');
  `,
    )
    .execute(db);
  // The announced schedules 2024-2026 (data as of this migration; later edits go through the service).
  for (const s of OFFICIAL_SCHEDULES) {
    await db.insertInto('calendar_schedules').values({ year: s.year, source: s.source, updated_by: 'migration' }).execute();
    await db
      .insertInto('calendar_days')
      .values(s.entries.map((e) => ({ date: e.date, year: s.year, kind: e.kind, name: e.name, name_en: e.nameEn })))
      .execute();
  }
}
