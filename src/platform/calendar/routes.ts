import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth';
import { badRequest } from '../errors';
import { api } from '../http/api';
import { fromDayNumber, parseCivil, VN_OFFSET_MS, vnDayNumber } from './civil';
import { solarToLunar } from './lunar';
import { MAX_YEAR, MIN_YEAR, SCHEDULE_KINDS, type ScheduleKind } from './model';
import { checkYear, clearYearSchedule, getWorkCalendar, listDaysOff, setYearSchedule } from './service';
import type { TimeLimit } from './types';

const tags = ['calendar'];

const dayOffView = z.object({ date: z.string(), name: z.string(), nameEn: z.string(), kind: z.enum(['holiday', 'compensatory', 'extra']) });
const yearView = z.object({
  year: z.number(),
  official: z.boolean().describe('true: the announced schedule; false: the Labour Code defaults'),
  source: z.string().nullable(),
  daysOff: z.array(dayOffView),
  workdays: z.array(z.object({ date: z.string(), name: z.string(), nameEn: z.string() })).describe('Weekend days worked in exchange (ngày làm bù)'),
});
const yearParams = z.object({ year: z.coerce.number().int() });
const scheduleBody = z.object({
  source: z.string().max(2000).optional().describe('The decision or announcement the schedule follows'),
  entries: z
    .array(
      z.object({
        date: z.string().describe('YYYY-MM-DD'),
        kind: z
          .enum(SCHEDULE_KINDS as [ScheduleKind, ...ScheduleKind[]])
          .describe('holiday, compensatory, extra (swapped day off) or workday (weekend day worked)'),
        name: z.string().max(300),
        nameEn: z.string().max(300),
      }),
    )
    .max(100),
});

function civilInRange(value: string): string {
  const p = parseCivil(value);
  if (!p) throw badRequest('calendar.date_invalid', { value });
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) throw badRequest('calendar.date_out_of_range', { value });
  return value;
}

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time; without an offset it is read as Vietnam time (UTC+7). */
function parseInstant(value: string): Date {
  const m = INSTANT_RE.exec(value.trim());
  if (!m || !parseCivil(m[1]) || Number(m[2] ?? 0) > 23 || Number(m[3] ?? 0) > 59 || Number(m[4] ?? 0) > 59)
    throw badRequest('calendar.instant_invalid', { value });
  const t = new Date(m[2] === undefined ? `${m[1]}T00:00:00+07:00` : m[5] ? value.trim() : `${value.trim()}+07:00`);
  if (Number.isNaN(t.getTime())) throw badRequest('calendar.instant_invalid', { value });
  const year = new Date(t.getTime() + VN_OFFSET_MS).getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) throw badRequest('calendar.date_out_of_range', { value });
  return t;
}

function vnLocalIso(t: Date): string {
  return `${new Date(t.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/**
 * Who may change the official schedule: an administrator of the province. The check by unit is
 * the identity module's (the platform knows no module), handed in by the composition root.
 */
export interface CalendarAccess {
  requireScheduleAdmin(req: FastifyRequest): Promise<Actor>;
}

export function calendarRoutes(app: FastifyInstance, access: CalendarAccess) {
  api(app, {
    method: 'GET',
    url: '/api/v1/calendar/lunar',
    summary: 'The Vietnamese lunar date (âm lịch, UTC+7) of a civil date, 1900-2100',
    tags,
    query: z.object({ date: z.string().describe('YYYY-MM-DD, 1900-01-01 to 2100-12-31') }),
    response: z.object({ day: z.number(), month: z.number(), year: z.number(), leap: z.boolean().describe('true in a leap month (tháng nhuận)') }),
    handler: async ({ query }) => solarToLunar(civilInRange(query.date)),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/calendar/deadline',
    summary: 'The due instant of a time limit counted from a receipt, by the one-stop rules and the official calendar',
    tags,
    query: z.object({
      receivedAt: z.string().describe('ISO 8601 instant; without an offset, Vietnam time'),
      workingDays: z.coerce.number().min(0).max(3650).optional().describe('Limit in working days (ngày làm việc); fractions count as office time'),
      workingHours: z.coerce.number().min(0).max(30000).optional().describe('Limit in working hours (giờ làm việc)'),
      days: z.coerce.number().int().min(0).max(3650).optional().describe('Limit in calendar days (ngày)'),
    }),
    response: z.object({ dueAt: z.string(), dueAtLocal: z.string().describe('The same instant in Vietnam time'), dueDate: z.string() }),
    handler: async ({ req, query }) => {
      const receivedAt = parseInstant(query.receivedAt);
      const given: TimeLimit[] = [];
      if (query.workingDays !== undefined) given.push({ value: query.workingDays, unit: 'working_days' });
      if (query.workingHours !== undefined) given.push({ value: query.workingHours, unit: 'working_hours' });
      if (query.days !== undefined) given.push({ value: query.days, unit: 'days' });
      if (given.length !== 1) throw badRequest('calendar.limit_required');
      const calendar = await getWorkCalendar(req.server.ctx);
      const due = calendar.dueAt(receivedAt, given[0]);
      return { dueAt: due.toISOString(), dueAtLocal: vnLocalIso(due), dueDate: fromDayNumber(vnDayNumber(due.getTime())) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/calendar/holidays',
    summary: 'Days off of a year (holidays, compensatory and swapped days) with Vietnamese and English names, and the weekend days worked in exchange',
    tags,
    query: z.object({ year: z.coerce.number().int().describe('1900-2100') }),
    response: yearView,
    handler: async ({ req, query }) => listDaysOff(req.server.ctx, query.year),
  });

  api(app, {
    method: 'PUT',
    url: '/api/v1/calendar/schedules/:year',
    summary: "Replace a year's official schedule of days off and make-up days (administrators)",
    tags,
    params: yearParams,
    body: scheduleBody,
    response: yearView,
    handler: async ({ req, params, body }) => {
      const actor = await access.requireScheduleAdmin(req);
      checkYear(params.year);
      return setYearSchedule(req.server.ctx, actor, params.year, body.entries, body.source ?? '');
    },
  });

  api(app, {
    method: 'DELETE',
    url: '/api/v1/calendar/schedules/:year',
    summary: "Remove a year's official schedule: the year follows the Labour Code defaults again (administrators)",
    tags,
    params: yearParams,
    response: yearView,
    handler: async ({ req, params }) => clearYearSchedule(req.server.ctx, await access.requireScheduleAdmin(req), params.year),
  });
}
