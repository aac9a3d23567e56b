/**
 * The calendar's use cases: the WorkCalendar every module uses for deadlines, and the
 * administrator's edits of the yearly official schedules and office hours.
 */
import type { Db } from '../../db';
import { appendAudit } from '../audit';
import type { Actor } from '../auth';
import type { Ctx } from '../context';
import { badRequest, forbidden } from '../errors';
import { isWeekend, parseCivil, toDayNumber } from './civil';
import { MAX_YEAR, MIN_YEAR, SCHEDULE_KINDS, validOfficeHours, type OfficeHours, type ScheduleEntry } from './model';
import { bumpVersion, deleteSchedule, replaceSchedule, selectSchedules, selectSettings, selectVersion } from './store';
import type { DayOff } from './types';
import { buildWorkCalendar, type VnWorkCalendar } from './working-time';

const cache = new WeakMap<Db, { version: number; calendar: VnWorkCalendar }>();

/**
 * The calendar with the official schedules in the database. One cheap query per call (the
 * settings version) keeps every instance in step with edits made through any other one.
 */
export async function getWorkCalendar(ctx: Ctx): Promise<VnWorkCalendar> {
  const version = await selectVersion(ctx.db);
  const hit = cache.get(ctx.db);
  if (hit && hit.version === version) return hit.calendar;
  const [settings, schedules] = await Promise.all([selectSettings(ctx.db), selectSchedules(ctx.db)]);
  const calendar = buildWorkCalendar({ officeHours: settings.officeHours, schedules });
  cache.set(ctx.db, { version: settings.version, calendar });
  return calendar;
}

export interface YearDaysOff {
  year: number;
  /** True when the year follows an announced schedule; false: the Labour Code defaults. */
  official: boolean;
  source: string | null;
  daysOff: DayOff[];
  /** Weekend days worked in exchange for a swapped day off. */
  workdays: { date: string; name: string; nameEn: string }[];
}

export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw badRequest('calendar.year_out_of_range', { value: year });
}

export async function listDaysOff(ctx: Ctx, year: number): Promise<YearDaysOff> {
  checkYear(year);
  const calendar = await getWorkCalendar(ctx);
  const official = calendar.hasOfficialSchedule(year);
  const source = official ? ((await selectSchedules(ctx.db, year))[0]?.source ?? null) : null;
  return {
    year,
    official,
    source,
    daysOff: calendar.daysOff(year),
    workdays: calendar
      .schedule(year)
      .filter((e) => e.kind === 'workday')
      .map(({ date, name, nameEn }) => ({ date, name, nameEn })),
  };
}

function requireAdmin(actor: Actor): void {
  if (actor.kind !== 'officer' || !actor.roles.some((g) => g.role === 'admin')) throw forbidden();
}

/** Checks a schedule for `year`; returns the entries sorted by date, names trimmed. */
export function validateSchedule(year: number, entries: ScheduleEntry[]): ScheduleEntry[] {
  checkYear(year);
  const seen = new Set<string>();
  const out: ScheduleEntry[] = [];
  for (const e of entries) {
    const p = parseCivil(e.date);
    if (!p) throw badRequest('calendar.date_invalid', { value: e.date });
    if (p.y !== year) throw badRequest('calendar.schedule.date_outside_year', { date: e.date, year });
    if (seen.has(e.date)) throw badRequest('calendar.schedule.duplicate_date', { date: e.date });
    seen.add(e.date);
    if (!SCHEDULE_KINDS.includes(e.kind)) throw badRequest('error.validation');
    const weekend = isWeekend(toDayNumber(e.date));
    if (e.kind === 'workday' && !weekend) throw badRequest('calendar.schedule.workday_not_weekend', { date: e.date });
    if ((e.kind === 'extra' || e.kind === 'compensatory') && weekend) throw badRequest('calendar.schedule.day_off_on_weekend', { date: e.date });
    const name = e.name.trim();
    const nameEn = e.nameEn.trim();
    if (!name || !nameEn) throw badRequest('calendar.schedule.name_required', { date: e.date });
    out.push({ date: e.date, kind: e.kind, name, nameEn });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/** Replaces the official schedule of `year` (administrator); audited in the same transaction. */
export async function setYearSchedule(ctx: Ctx, actor: Actor, year: number, entries: ScheduleEntry[], source = ''): Promise<YearDaysOff> {
  requireAdmin(actor);
  const clean = validateSchedule(year, entries);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await selectSettings(trx, { forUpdate: true }); // serialises edits
    const before = (await selectSchedules(trx, year))[0];
    await replaceSchedule(trx, year, clean, source.trim(), actor.id, now);
    const version = await bumpVersion(trx, now);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'calendar.schedule.set',
      entity: 'calendar_schedule',
      entityId: String(year),
      at: now,
      details: { year, version, source: source.trim(), before: before?.entries ?? null, after: clean },
    });
  });
  return listDaysOff(ctx, year);
}

/** Removes the official schedule of `year`: the year goes back to the Labour Code defaults. */
export async function clearYearSchedule(ctx: Ctx, actor: Actor, year: number): Promise<YearDaysOff> {
  requireAdmin(actor);
  checkYear(year);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await selectSettings(trx, { forUpdate: true });
    const before = (await selectSchedules(trx, year))[0];
    if (!before) return;
    await deleteSchedule(trx, year);
    const version = await bumpVersion(trx, now);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'calendar.schedule.clear',
      entity: 'calendar_schedule',
      entityId: String(year),
      at: now,
      details: { year, version, before: before?.entries ?? null },
    });
  });
  return listDaysOff(ctx, year);
}

/** Changes the office hours (administrator); audited. */
export async function setOfficeHours(ctx: Ctx, actor: Actor, hours: OfficeHours): Promise<OfficeHours> {
  requireAdmin(actor);
  if (!validOfficeHours(hours)) throw badRequest('calendar.office_hours_invalid');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await selectSettings(trx, { forUpdate: true });
    const version = await bumpVersion(trx, now, hours);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'calendar.office_hours.set',
      entity: 'calendar_settings',
      entityId: '1',
      at: now,
      details: { version, before: before.officeHours, after: hours },
    });
  });
  return hours;
}
