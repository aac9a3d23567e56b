/** SQL of the calendar tables. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { OfficeHours, ScheduleEntry } from './model';

type Q = Kysely<Database>;

export interface StoredSchedule {
  year: number;
  source: string;
  updatedAt: Date;
  updatedBy: string | null;
  entries: ScheduleEntry[];
}

export async function selectVersion(db: Q): Promise<number> {
  const row = await db.selectFrom('calendar_settings').select('version').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.version);
}

export async function selectSettings(db: Q, opts: { forUpdate?: boolean } = {}): Promise<{ version: number; officeHours: OfficeHours }> {
  let q = db.selectFrom('calendar_settings').select(['version', 'office_hours']).where('id', '=', 1);
  if (opts.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirstOrThrow();
  const hours = typeof row.office_hours === 'string' ? JSON.parse(row.office_hours) : row.office_hours;
  return { version: Number(row.version), officeHours: hours as OfficeHours };
}

export async function selectSchedules(db: Q, year?: number): Promise<StoredSchedule[]> {
  let sq = db.selectFrom('calendar_schedules').selectAll().orderBy('year');
  let dq = db
    .selectFrom('calendar_days')
    .select([sql<string>`date::text`.as('date'), 'year', 'kind', 'name', 'name_en'])
    .orderBy('date');
  if (year !== undefined) {
    sq = sq.where('year', '=', year);
    dq = dq.where('year', '=', year);
  }
  const [schedules, days] = await Promise.all([sq.execute(), dq.execute()]);
  const byYear = new Map<number, StoredSchedule>();
  for (const s of schedules) byYear.set(s.year, { year: s.year, source: s.source, updatedAt: new Date(s.updated_at), updatedBy: s.updated_by, entries: [] });
  for (const d of days) byYear.get(d.year)?.entries.push({ date: d.date, kind: d.kind, name: d.name, nameEn: d.name_en });
  return [...byYear.values()];
}

export async function replaceSchedule(trx: Q, year: number, entries: ScheduleEntry[], source: string, actorId: string, now: Date): Promise<void> {
  await trx
    .insertInto('calendar_schedules')
    .values({ year, source, updated_at: now, updated_by: actorId })
    .onConflict((oc) => oc.column('year').doUpdateSet({ source, updated_at: now, updated_by: actorId }))
    .execute();
  await trx.deleteFrom('calendar_days').where('year', '=', year).execute();
  if (entries.length > 0) {
    await trx
      .insertInto('calendar_days')
      .values(entries.map((e) => ({ date: e.date, year, kind: e.kind, name: e.name, name_en: e.nameEn })))
      .execute();
  }
}

export async function deleteSchedule(trx: Q, year: number): Promise<void> {
  await trx.deleteFrom('calendar_schedules').where('year', '=', year).execute();
}

export async function bumpVersion(trx: Q, now: Date, officeHours?: OfficeHours): Promise<number> {
  const row = await trx
    .updateTable('calendar_settings')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updated_at: now,
      ...(officeHours ? { office_hours: JSON.stringify(officeHours) } : {}),
    }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirstOrThrow();
  return Number(row.version);
}
