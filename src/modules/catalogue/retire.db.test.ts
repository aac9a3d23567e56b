import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { fold } from '../../platform/text';
import { DEMO_PROCEDURES } from './demo-data';
import { getProcedureSnapshot, getProcedureSnapshotByVersion } from './service';
import { FIXTURE_PROCEDURES } from './test-fixtures';

let env: TestEnv;
let controller: Login;
beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z' });
  controller = await loginOfficer(env.app, 'kiemsoat');
});
afterAll(async () => env?.close());

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const retire = (code: string, decision: Record<string, string>, who: Login | null = controller) =>
  env.app.inject({ method: 'POST', url: `/api/v1/admin/procedures/${code}/retire`, headers: who ? authHeaders(who) : {}, payload: { decision } });
const state = async () => ({
  procedures: (
    await sql<{
      code: string;
      retired_from: string | null;
      retirement_decision_id: string | null;
    }>`SELECT code, retired_from::text, retirement_decision_id FROM procedures ORDER BY code`.execute(env.ctx.db)
  ).rows,
  decisions: Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM publication_decisions`.execute(env.ctx.db)).rows[0]!.n),
});
const found = async (name: string, code: string) =>
  (await get(`/api/v1/procedures?q=${encodeURIComponent(fold(name))}&pageSize=100`)).json().items.some((i: any) => i.code === code);

const P = DEMO_PROCEDURES.find((p) => p.onlineLevel === 'full' && p.code !== '1.001193')!;
const Q = DEMO_PROCEDURES.find((p) => p.onlineLevel === 'full' && p.code !== '1.001193' && p.code !== P.code)!;

describe('retiring a procedure (bãi bỏ)', () => {
  it('refuses a non-controller, bad decisions, unknown and never-published procedures, changing nothing', async () => {
    const draft = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/procedures/1.900061/draft',
      headers: authHeaders(controller),
      payload: FIXTURE_PROCEDURES[1],
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const before = await state();
    const ok = { number: '55/QĐ-UBND', signedDate: '2025-03-01', effectiveDate: '2025-03-20' };
    const reception = await loginOfficer(env.app, 'motcua.p1');
    expect((await retire(P.code, ok, reception)).statusCode).toBe(403);
    expect([401, 403]).toContain((await retire(P.code, ok, null)).statusCode);
    expect((await retire(P.code, { ...ok, number: '' })).statusCode).toBe(400);
    expect((await retire(P.code, { ...ok, effectiveDate: '20/03/2025' })).statusCode).toBe(400);
    const backwards = await retire(P.code, { ...ok, effectiveDate: '2025-02-01' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toBe('Ngày có hiệu lực không được trước ngày ký quyết định.');
    expect((await retire('9.999999', ok)).statusCode).toBe(404);
    const never = await retire('1.900061', ok);
    expect(never.statusCode).toBe(400);
    expect(never.json().message).toContain('chưa được công bố');
    expect(await state()).toEqual(before);
  });

  it('announces a retirement to come, then takes the procedure out of search and online application from its effective date', async () => {
    const old = (await get(`/api/v1/procedures/${P.code}`)).json();
    const res = await retire(P.code, { number: '321/QĐ-UBND', signedDate: '2025-03-05', effectiveDate: '2025-03-20', signer: 'Chủ tịch UBND tỉnh' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().from).toBe('2025-03-20');

    // before the effective date: still in use, the page announces it
    expect(await found(P.name, P.code)).toBe(true);
    expect(await getProcedureSnapshot(env.ctx, P.code)).not.toBeNull();
    const soon = await get(`/thu-tuc/${P.code}`, { accept: 'text/html' });
    expect(soon.body).toContain('sẽ bị bãi bỏ từ ngày 20/03/2025 theo Quyết định số 321/QĐ-UBND');
    expect(soon.body).toContain(`/nop-ho-so/${P.code}`);

    env.clock.set(new Date('2025-03-20T01:00:00Z'));
    controller = await loginOfficer(env.app, 'kiemsoat'); // the session of ten days ago has expired
    expect(await found(P.name, P.code)).toBe(false);
    expect((await get(`/api/v1/procedures?pageSize=100`)).json().items.some((i: any) => i.code === P.code)).toBe(false);
    expect(await getProcedureSnapshot(env.ctx, P.code)).toBeNull();
    // a dossier keeps the version it was submitted under
    expect((await getProcedureSnapshotByVersion(env.ctx, old.version.versionId))?.code).toBe(P.code);
    const page = await get(`/thu-tuc/${P.code}`, { accept: 'text/html' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Đã bãi bỏ theo Quyết định số 321/QĐ-UBND ngày 05/03/2025, từ ngày 20/03/2025.');
    expect(page.body).not.toContain(`/nop-ho-so/${P.code}`);
    const api = (await get(`/api/v1/procedures/${P.code}`)).json();
    expect(api.retirement).toMatchObject({ from: '2025-03-20', decision: { number: '321/QĐ-UBND', signedDate: '2025-03-05', effectiveDate: '2025-03-20' } });
    const list = await get('/quan-tri/thu-tuc', { ...authHeaders(controller), accept: 'text/html' });
    expect(list.body).toContain('Đã bãi bỏ từ 20/03/2025');

    const again = await retire(P.code, { number: '322/QĐ-UBND', signedDate: '2025-03-21', effectiveDate: '2025-03-25' });
    expect(again.statusCode).toBe(409);
    expect((await state()).procedures.find((p) => p.code === P.code)?.retired_from).toBe('2025-03-20');
  });

  it('retires from the editor with a decision, and re-shows the editor on a bad one', async () => {
    const editor = await get(`/quan-tri/thu-tuc/${Q.code}/sua`, { ...authHeaders(controller), accept: 'text/html' });
    expect(editor.body).toContain('Bãi bỏ thủ tục');
    const post = (form: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: `/quan-tri/thu-tuc/${Q.code}/bai-bo`,
        headers: { cookie: controller.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ _csrf: controller.csrf, ...form }).toString(),
      });
    const before = await state();
    const bad = await post({ number: '', signedDate: '2025-03-20', effectiveDate: '2025-03-20' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Số quyết định: vui lòng nhập số quyết định');
    expect(await state()).toEqual(before);
    const ok = await post({ number: '400/QĐ-UBND', signedDate: '2025-03-20', effectiveDate: '2025-03-20' });
    expect(ok.statusCode).toBe(303);
    expect(await found(Q.name, Q.code)).toBe(false);
    expect((await get(`/thu-tuc/${Q.code}`, { accept: 'text/html' })).body).toContain('Đã bãi bỏ theo Quyết định số 400/QĐ-UBND');
  });
});
