import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { DEMO } from '../units/demo';
import { DEMO_PROCEDURES } from '../catalogue/demo-data';
import { petitionFigures, petitionsCostingPoints } from './service';

let env: TestEnv;
let specialist: Login;
let leader: Login;
let otherLeader: Login;
let reception: Login;
/** The petition audit entries by action, before this file's requests (the demo seed's). */
let seedAudits: Record<string, number>;
async function petitionAudits(): Promise<Record<string, number>> {
  const rows = (
    await sql<{ action: string; n: number }>`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'petition.%' GROUP BY action`.execute(
      env.ctx.db,
    )
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.action, r.n]));
}

/** Sessions expire when the test clock jumps: log in again at the new time. */
async function at(t: string) {
  env.clock.set(t);
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  leader = await loginOfficer(env.app, 'chutich.p1');
  otherLeader = await loginOfficer(env.app, 'chutich.tanhoa');
  reception = await loginOfficer(env.app, 'motcua.p1');
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z' });
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  leader = await loginOfficer(env.app, 'chutich.p1');
  otherLeader = await loginOfficer(env.app, 'chutich.tanhoa');
  reception = await loginOfficer(env.app, 'motcua.p1');
  seedAudits = await petitionAudits();
});
afterAll(async () => env?.close());

const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(env.ctx.db)).rows[0].n;
const unitOfPetition = async (id: string) =>
  (await env.ctx.db.selectFrom('petitions').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow()).unit_id;
const post = (url: string, payload: unknown, s?: Login) => env.app.inject({ method: 'POST', url, headers: s ? authHeaders(s) : {}, payload: payload as any });

const petition = {
  subjectKind: 'unit',
  unitId: DEMO.ubndPhuong1,
  title: 'Chậm trả kết quả khai sinh',
  content: 'Tôi là Nguyễn Văn An, số điện thoại 0912345678, nộp hồ sơ khai sinh đã quá hẹn mà chưa nhận được kết quả.',
  contactName: 'Nguyễn Văn An',
  contactPhone: '0912345678',
  contactAddress: 'Số 12 đường Trần Hưng Đạo',
  consentPublish: true,
};

describe('petitions', () => {
  let id = '';
  let code = '';
  let pin = '';

  it('refuses bad input and a petition without contact, changing nothing', async () => {
    const before = await count('petitions');
    const bad = await post('/api/v1/petitions', { ...petition, title: '' });
    expect(bad.statusCode).toBe(400);
    const noContact = await post('/api/v1/petitions', { ...petition, contactPhone: '' });
    expect(noContact.statusCode).toBe(400);
    expect(noContact.json().error).toBe('feedback.error.contact_required');
    expect(await count('petitions')).toBe(before);
  });

  it('takes a petition from anyone, routes it, due in 15 working days', async () => {
    const res = await post('/api/v1/petitions', petition);
    expect(res.statusCode).toBe(201);
    ({ id, code, pin } = res.json());
    expect(code).toMatch(/^PA-250310-/);
    // 10/3/2025 (Monday) + 15 working days = 31/3/2025
    expect(res.json().dueAt.slice(0, 10)).toBe('2025-03-31');
    const row = await env.ctx.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.unit_id).toBe(DEMO.ubndPhuong1);
  });

  it('routes a petition about a procedure to its deciding unit when no unit is chosen', async () => {
    const lltp = DEMO_PROCEDURES.find((p) => p.decidingAgency === DEMO.soTuPhap)!;
    const res = await post('/api/v1/petitions', { ...petition, unitId: undefined, subjectKind: 'procedure', subjectRef: lltp.code });
    expect(res.statusCode).toBe(201);
    expect(await unitOfPetition(res.json().id)).toBe(DEMO.soTuPhap);
  });

  it('routes a petition about nothing in particular, with no unit chosen, to the provincial office', async () => {
    const res = await post('/api/v1/petitions', { ...petition, unitId: undefined, subjectKind: 'other' });
    expect(res.statusCode).toBe(201);
    expect(await unitOfPetition(res.json().id)).toBe(DEMO.vpUbnd);
  });

  it('refuses the submitter lookup with a wrong secret', async () => {
    const res = await post(`/api/v1/petitions/lookup/${code}`, { pin: 'nope' });
    expect(res.statusCode).toBe(404);
  });

  it('officers of another unit and citizens-only roles cannot handle it; wrong state refused; nothing changed', async () => {
    const other = await post(`/api/v1/petitions/${id}/answer`, { note: 'x' }, otherLeader);
    expect(other.statusCode).toBe(404);
    const anon = await post(`/api/v1/petitions/${id}/answer`, { note: 'x' });
    expect(anon.statusCode).toBe(401);
    const approveEarly = await post(`/api/v1/petitions/${id}/approve`, {}, leader);
    expect(approveEarly.statusCode).toBe(409);
    const specialistApproves = await post(`/api/v1/petitions/${id}/approve`, {}, specialist);
    expect(specialistApproves.statusCode).toBe(403);
    const noNote = await post(`/api/v1/petitions/${id}/answer`, { note: '' }, specialist);
    expect(noNote.statusCode).toBe(400);
    const row = await env.ctx.db.selectFrom('petitions').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'received', version: 1 });
  });

  it('goes from answer to approval to a published, redacted answer that the submitter rates', async () => {
    await at('2025-03-20T03:00:00Z');
    const a = await post(
      `/api/v1/petitions/${id}/answer`,
      { note: 'UBND phường đã kiểm tra; kết quả đã trả cho ông Nguyễn Văn An ngày 21/3/2025, liên hệ 0912345678.' },
      specialist,
    );
    expect(a.statusCode).toBe(200);
    expect(a.json().state).toBe('answered');
    const r = await post(`/api/v1/petitions/${id}/return`, { note: 'Bổ sung lời xin lỗi' }, leader);
    expect(r.json().state).toBe('received');
    await post(`/api/v1/petitions/${id}/answer`, { note: 'Xin lỗi ông Nguyễn Văn An; kết quả đã trả ngày 21/3/2025.' }, specialist);
    const ok = await post(`/api/v1/petitions/${id}/approve`, {}, leader);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'closed', timeliness: 'on_time' });
    const pub = (await env.app.inject({ url: '/api/v1/petitions/published' })).json().items.find((x: any) => x.code === code);
    expect(pub.answer).toContain('[đã ẩn]');
    expect(pub.answer).not.toContain('Nguyễn Văn An');
    expect(pub.question).not.toContain('0912345678');
    const rate = await post(`/api/v1/petitions/lookup/${code}/rating`, { pin, rating: 'satisfied' });
    expect(rate.statusCode).toBe(200);
    expect(rate.json().rating).toBe('satisfied');
    const again = await post(`/api/v1/petitions/lookup/${code}/rating`, { pin, rating: 'unsatisfied' });
    expect(again.statusCode).toBe(409);
    // The portal page lists it (feedbackPages must be registered in src/app.ts: a 404 here means it is not).
    const page = await env.app.inject({ url: '/phan-anh', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(code);
    expect(page.body).not.toContain('0912345678');
  });

  it('counts on time and satisfaction per unit (5.2, 5.3); an overdue open petition counts against', async () => {
    env.clock.set('2025-03-10T02:00:00Z');
    const late = await post('/api/v1/petitions', { ...petition, title: 'Phản ánh thứ hai', consentPublish: false });
    expect(late.statusCode).toBe(201);
    await at('2025-04-15T02:00:00Z');
    const f = await petitionFigures(env.ctx, {
      unitIds: [DEMO.ubndPhuong1],
      from: new Date('2025-03-01T00:00:00+07:00'),
      to: new Date('2025-04-01T00:00:00+07:00'),
    });
    // the answered one (on time, satisfied), this overdue one, and the demo seed's overdue one
    expect(f.onTime).toEqual({ numerator: 1, denominator: 3 });
    expect(f.satisfaction).toEqual({ numerator: 1, denominator: 3 });
    // this file so far: 4 petitions taken (about the unit, the procedure, nothing in particular,
    // the late one), answer - return - answer - approve, one rating (the second was refused)
    const now = await petitionAudits();
    const added = Object.fromEntries(
      Object.entries(now)
        .map(([a, n]) => [a, n - (seedAudits[a] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(added).toEqual({ 'petition.submit': 4, 'petition.answer': 2, 'petition.return': 1, 'petition.approve': 1, 'petition.rate': 1 });
  });

  it('lists the petitions that cost 5.2 / 5.3 points, with their back-office links; none of another unit', async () => {
    const period = { from: new Date('2025-03-01T00:00:00+07:00'), to: new Date('2025-04-01T00:00:00+07:00') };
    const late = await petitionsCostingPoints(env.ctx, { unitIds: [DEMO.ubndPhuong1], ...period, kind: 'onTime' });
    // the figures above: 3 petitions, 1 on time -> the 2 others (this file's overdue one and the seed's)
    expect(late).toHaveLength(2);
    expect(late.map((x) => x.id)).not.toContain(id);
    for (const x of late) {
      expect(x).toMatchObject({ unitId: DEMO.ubndPhuong1, handledAt: null, reasons: ['overdue'] });
      expect(x.href).toBe(`/quan-tri/phan-anh/${x.id}`);
    }
    const sat = await petitionsCostingPoints(env.ctx, { unitIds: [DEMO.ubndPhuong1], ...period, kind: 'satisfaction' });
    expect(sat.map((x) => x.id).sort()).toEqual(late.map((x) => x.id).sort());
    expect(await petitionsCostingPoints(env.ctx, { unitIds: ['no-such-unit'], ...period, kind: 'onTime' })).toEqual([]);
  });

  it('the reception officer can refuse within the unit; a refused petition cannot be answered', async () => {
    const res = await post('/api/v1/petitions', { ...petition, title: 'Không thuộc thẩm quyền' });
    const pid = res.json().id;
    const refuse = await post(`/api/v1/petitions/${pid}/refuse`, { note: 'Không thuộc thẩm quyền' }, reception);
    expect(refuse.json()).toMatchObject({ state: 'refused', timeliness: 'on_time' });
    const answer = await post(`/api/v1/petitions/${pid}/answer`, { note: 'x' }, specialist);
    expect(answer.statusCode).toBe(409);
  });
});
