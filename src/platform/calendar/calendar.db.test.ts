import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer } from '../../test/login';
import type { Actor } from '../auth';
import { getWorkCalendar, listDaysOff, setYearSchedule } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, lang?: string) => env.app.inject({ method: 'GET', url, headers: lang ? { 'accept-language': lang } : {} });
const admin: Actor = { kind: 'officer', id: 'officer-admin', name: 'Quản trị hệ thống', roles: [{ role: 'admin', unitId: 'x' }] };
const clerk: Actor = { kind: 'officer', id: 'officer-motcua.p1', name: 'Một Cửa', roles: [{ role: 'reception', unitId: 'x' }] };

async function auditCount(action: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`.execute(env.ctx.db);
  return r.rows[0].n;
}

describe('GET /api/v1/calendar/lunar', () => {
  it('converts a civil date', async () => {
    const res = await get('/api/v1/calendar/lunar?date=2026-02-17');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ day: 1, month: 1, year: 2026, leap: false });
    expect((await get('/api/v1/calendar/lunar?date=2025-08-01')).json()).toEqual({ day: 8, month: 6, year: 2025, leap: true });
    expect((await get('/api/v1/calendar/lunar?date=1985-01-21')).json()).toEqual({ day: 1, month: 1, year: 1985, leap: false });
  });

  it.each([
    ['date=abc', 'calendar.date_invalid', 'Ngày "abc" không hợp lệ'],
    ['date=2025-02-30', 'calendar.date_invalid', 'không hợp lệ'],
    ['date=1899-12-31', 'calendar.date_out_of_range', 'nằm ngoài khoảng lịch'],
    ['date=2101-01-01', 'calendar.date_out_of_range', 'nằm ngoài khoảng lịch'],
    ['', 'error.validation', 'không hợp lệ'],
  ])('refuses %s in Vietnamese', async (q, key, text) => {
    const res = await get(`/api/v1/calendar/lunar?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: key });
    expect(res.json().message).toContain(text);
  });

  it('answers in English with Accept-Language: en', async () => {
    const res = await get('/api/v1/calendar/lunar?date=1800-01-01', 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('The date 1800-01-01 is outside the supported calendar (years 1900 to 2100).');
  });
});

describe('GET /api/v1/calendar/deadline', () => {
  it.each([
    ['receivedAt=2025-01-24T10:00:00%2B07:00&workingDays=1', '2025-02-03T10:00:00.000Z', '2025-02-03T17:00:00+07:00'],
    ['receivedAt=2025-01-24T03:00:00Z&workingDays=1', '2025-02-03T10:00:00.000Z', '2025-02-03T17:00:00+07:00'],
    ['receivedAt=2026-04-24T09:00&workingDays=3', '2026-05-04T10:00:00.000Z', '2026-05-04T17:00:00+07:00'],
    ['receivedAt=2025-03-10T10:00:00%2B07:00&workingHours=8', '2025-03-11T03:00:00.000Z', '2025-03-11T10:00:00+07:00'],
    ['receivedAt=2026-02-09&days=10', '2026-02-23T10:00:00.000Z', '2026-02-23T17:00:00+07:00'],
  ])('%s', async (q, dueAt, dueAtLocal) => {
    const res = await get(`/api/v1/calendar/deadline?${q}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dueAt, dueAtLocal });
  });

  it.each([
    ['receivedAt=2025-03-10T09:00:00Z', 'calendar.limit_required'],
    ['receivedAt=2025-03-10T09:00:00Z&workingDays=1&days=2', 'calendar.limit_required'],
    ['receivedAt=hôm+nay&workingDays=1', 'calendar.instant_invalid'],
    ['receivedAt=2025-13-10T09:00:00Z&workingDays=1', 'calendar.instant_invalid'],
    ['receivedAt=2025-03-10T25:00&workingDays=1', 'calendar.instant_invalid'],
    ['receivedAt=1890-03-10T09:00:00Z&workingDays=1', 'calendar.date_out_of_range'],
    ['receivedAt=2025-03-10T09:00:00Z&workingDays=-1', 'error.validation'],
    ['receivedAt=2025-03-10T09:00:00Z&workingDays=abc', 'error.validation'],
    ['workingDays=1', 'error.validation'],
  ])('refuses %s', async (q, key) => {
    const res = await get(`/api/v1/calendar/deadline?${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe(key);
  });

  it('explains the limit rule in English', async () => {
    const res = await get('/api/v1/calendar/deadline?receivedAt=2025-03-10T09:00:00Z', 'en');
    expect(res.json().message).toBe('Give exactly one time limit: workingDays, workingHours or days.');
  });
});

describe('GET /api/v1/calendar/holidays', () => {
  it('lists the announced schedule of 2026 with names in both languages', async () => {
    const res = await get('/api/v1/calendar/holidays?year=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.official).toBe(true);
    expect(body.daysOff.map((d: { date: string }) => d.date)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-04-26',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
    ]);
    expect(body.daysOff[8]).toEqual({
      date: '2026-04-27',
      kind: 'compensatory',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật)',
      nameEn: "Compensatory day off: Hung Kings' Commemoration (fell on a Sunday)",
    });
    expect(body.workdays.map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
  });

  it('falls back to the Labour Code for a year without a schedule', async () => {
    const body = (await get('/api/v1/calendar/holidays?year=2027')).json();
    expect(body.official).toBe(false);
    expect(body.daysOff.find((d: { date: string }) => d.date === '2027-02-06')).toMatchObject({ kind: 'holiday', name: 'Tết Nguyên Đán (mùng 1 tháng Giêng)' });
  });

  it.each(['year=1899', 'year=2101', 'year=abc', 'year=2025.5', ''])('refuses %s', async (q) => {
    const res = await get(`/api/v1/calendar/holidays?${q}`);
    expect(res.statusCode).toBe(400);
  });
});

describe('editing a year (administrators)', () => {
  const url = '/api/v1/calendar/schedules/2027';
  const payload = {
    source: 'Thông báo thử nghiệm',
    entries: [
      { date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" },
      { date: '2027-02-05', kind: 'extra', name: 'Nghỉ thêm', nameEn: 'Extra day off' },
      { date: '2027-02-20', kind: 'workday', name: 'Làm bù', nameEn: 'Make-up day' },
    ],
  };

  it('refuses anonymous callers and officers without the admin role, changing nothing', async () => {
    const anon = await env.app.inject({ method: 'PUT', url, payload });
    expect(anon.statusCode).toBe(401);
    const clerkLogin = await loginOfficer(env.app, 'motcua.p1');
    const res = await env.app.inject({ method: 'PUT', url, payload, headers: authHeaders(clerkLogin) });
    expect(res.statusCode).toBe(403);
    await expect(setYearSchedule(env.ctx, clerk, 2027, payload.entries as never)).rejects.toMatchObject({ status: 403 });
    expect((await listDaysOff(env.ctx, 2027)).official).toBe(false);
    expect(await auditCount('calendar.schedule.set')).toBe(0);
  });

  it.each([
    [{ date: '2028-01-03', kind: 'extra', name: 'x', nameEn: 'x' }, 'calendar.schedule.date_outside_year'],
    [{ date: '2027-02-08', kind: 'workday', name: 'x', nameEn: 'x' }, 'calendar.schedule.workday_not_weekend'],
    [{ date: '2027-02-06', kind: 'extra', name: 'x', nameEn: 'x' }, 'calendar.schedule.day_off_on_weekend'],
    [{ date: '2027-02-08', kind: 'extra', name: ' ', nameEn: 'x' }, 'calendar.schedule.name_required'],
    [{ date: '2027-2-8', kind: 'extra', name: 'x', nameEn: 'x' }, 'calendar.date_invalid'],
    [{ date: '2027-01-01', kind: 'holiday', name: 'x', nameEn: 'x' }, 'calendar.schedule.duplicate_date'],
    [{ date: '2027-02-08', kind: 'weekend', name: 'x', nameEn: 'x' }, 'error.validation'],
  ])('refuses a bad entry %j', async (entry, key) => {
    const s = await loginOfficer(env.app, 'admin');
    const res = await env.app.inject({ method: 'PUT', url, payload: { entries: [payload.entries[0], entry] }, headers: authHeaders(s) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe(key);
    expect((await listDaysOff(env.ctx, 2027)).official).toBe(false);
  });

  it('replaces the year, audits it, and deadlines follow', async () => {
    const before = (await get('/api/v1/calendar/deadline?receivedAt=2027-02-04T09:00&workingDays=1')).json();
    expect(before.dueAtLocal).toBe('2027-02-12T17:00:00+07:00'); // default Tết 2027: 5-11 Feb off
    const s = await loginOfficer(env.app, 'admin');
    const res = await env.app.inject({ method: 'PUT', url, payload, headers: authHeaders(s) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ year: 2027, official: true, source: 'Thông báo thử nghiệm', workdays: [{ date: '2027-02-20' }] });
    expect(res.json().daysOff.map((d: { date: string }) => d.date)).toEqual(['2027-01-01', '2027-02-05']);
    expect(await auditCount('calendar.schedule.set')).toBe(1);
    const after = (await get('/api/v1/calendar/deadline?receivedAt=2027-02-04T09:00&workingDays=1')).json();
    expect(after.dueAtLocal).toBe('2027-02-08T17:00:00+07:00');
    const cleared = await env.app.inject({ method: 'DELETE', url, headers: authHeaders(s) });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().official).toBe(false);
    expect(await auditCount('calendar.schedule.clear')).toBe(1);
  });

  it('the service writes the schedule and its audit entry together', async () => {
    await setYearSchedule(env.ctx, admin, 2028, [{ date: '2028-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" }], 'test');
    const cal = await getWorkCalendar(env.ctx);
    expect(cal.hasOfficialSchedule(2028)).toBe(true);
    expect(cal.isWorkingDay('2028-01-26')).toBe(true); // Tết 2028 not listed: a working day
    const audit = await sql<{
      actor_id: string;
      entity_id: string;
    }>`SELECT actor_id, entity_id FROM audit_log WHERE action = 'calendar.schedule.set' ORDER BY id DESC LIMIT 1`.execute(env.ctx.db);
    expect(audit.rows[0]).toEqual({ actor_id: 'officer-admin', entity_id: '2028' });
  });

  it('another instance sees an edit: the cached calendar follows the version row', async () => {
    const first = await getWorkCalendar(env.ctx);
    expect(await getWorkCalendar(env.ctx)).toBe(first); // cached
    expect(first.isWorkingDay('2029-03-05')).toBe(true);
    // What another instance's setYearSchedule leaves in the shared database:
    await sql`INSERT INTO calendar_schedules (year, source) VALUES (2029, 'other instance')`.execute(env.ctx.db);
    await sql`INSERT INTO calendar_days (date, year, kind, name, name_en) VALUES ('2029-03-05', 2029, 'extra', 'Nghỉ', 'Off')`.execute(env.ctx.db);
    await sql`UPDATE calendar_settings SET version = version + 1`.execute(env.ctx.db);
    const second = await getWorkCalendar(env.ctx);
    expect(second).not.toBe(first);
    expect(second.isWorkingDay('2029-03-05')).toBe(false);
  });
});
