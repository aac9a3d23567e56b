/**
 * Failures an operator can see (issue 13.6), through HTTP against a real database: a failing
 * job is logged once per failure with its topic, key, attempts and error, counted per topic and
 * outcome on /metrics, listed for administrators (API and page, filters by topic and state),
 * retried or given up by POST + redirect (audited); every other role is refused and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { enqueue, registerOutboxHandler, runOutboxOnce, unregisterOutboxHandler, type DeliveryFailure } from '../../platform/outbox';
import { logFailure, startWorker } from '../../platform/worker';

const TOPIC = 'test.ops_flaky';
let env: TestEnv;
let admin: Login, specialist: Login, citizen: Login;
const failures: DeliveryFailure[] = [];

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  admin = await loginOfficer(env.app, 'admin');
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  citizen = await loginCitizen(env, '093090001234');
  // Fails while the payload says so: like an SMTP server refusing the address.
  registerOutboxHandler(
    TOPIC,
    async (_ctx, msg) => {
      if (msg.payload.fail) throw new Error('SMTP 550 mailbox unavailable: an@example.vn');
    },
    { maxAttempts: 2 },
  );
});
afterAll(async () => {
  unregisterOutboxHandler(TOPIC);
  await env?.close();
});

const html = { accept: 'text/html' };
const row = (id: string) => env.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const round = () => runOutboxOnce(env.ctx, { topics: [TOPIC], onFailure: (f) => failures.push(f), random: () => 0 });
const later = (ms: number) => env.clock.advance(ms);
const postForm = (url: string, who: Login, fields: Record<string, string> = {}, csrf = who.csrf) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
  });
const audits = (id: string) => env.ctx.db.selectFrom('audit_log').selectAll().where('entity', '=', 'outbox').where('entity_id', '=', id).execute();

let failedId = '';
let blockedId = '';

describe('a failing job is visible', () => {
  it('each failed attempt reaches the failure callback and the log line with topic, key, attempts and error', async () => {
    failedId = await enqueue(env.ctx.db, { topic: TOPIC, key: 'dossier-A', payload: { fail: true } });
    blockedId = await enqueue(env.ctx.db, { topic: TOPIC, key: 'dossier-A', payload: { fail: false } });
    expect(await round()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await row(failedId)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: SMTP 550 mailbox unavailable: an@example.vn' });
    later(60_000);
    expect(await round()).toMatchObject({ claimed: 1, failed: 1 });
    expect(failures.map((f) => [f.topic, f.key, f.attempts, f.outcome])).toEqual([
      [TOPIC, 'dossier-A', 1, 'retry'],
      [TOPIC, 'dossier-A', 2, 'failed'],
    ]);
    expect((await row(failedId)).status).toBe('failed');
    // The later message of the key waits behind the failed one.
    expect((await round()).claimed).toBe(0);

    const lines: { level: string; obj: any; msg: string }[] = [];
    const log = {
      warn: (obj: any, msg: string) => void lines.push({ level: 'warn', obj, msg }),
      error: (obj: any, msg: string) => void lines.push({ level: 'error', obj, msg }),
    } as any;
    for (const f of failures) logFailure(log, f);
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
    for (const l of lines) {
      expect(l.obj.outbox).toMatchObject({
        id: failedId,
        topic: TOPIC,
        key: 'dossier-A',
        error: 'Error: SMTP 550 mailbox unavailable: an@example.vn',
        maxAttempts: 2,
      });
      expect(l.msg).toContain(TOPIC);
      expect(l.msg).toContain('SMTP 550');
    }
    expect(lines[1]!.msg).toContain('failed after 2 attempts');
  });

  it('the worker logs one line per failure itself (no more "some deliveries failed")', async () => {
    const id = await enqueue(env.ctx.db, { topic: TOPIC, key: 'dossier-W', payload: { fail: true } });
    const lines: { obj: any; msg: string }[] = [];
    const log = { info: () => {}, warn: (obj: any, msg: string) => lines.push({ obj, msg }), error: (obj: any, msg: string) => lines.push({ obj, msg }) };
    const w = startWorker(env.ctx, log as any, { topics: [TOPIC], pollMs: 20, sealMs: 0 });
    for (let i = 0; i < 500 && !lines.some((l) => l.obj?.outbox?.id === id); i++) await new Promise((r) => setTimeout(r, 10));
    await w.stop();
    const mine = lines.filter((l) => l.obj?.outbox?.id === id);
    expect(mine.length).toBeGreaterThanOrEqual(1);
    expect(mine[0]!.obj.outbox).toMatchObject({ topic: TOPIC, key: 'dossier-W', attempts: 1 });
    expect(lines.some((l) => l.msg === 'outbox: some deliveries failed')).toBe(false);
    await env.ctx.db.updateTable('outbox').set({ status: 'given_up' }).where('id', '=', id).execute();
  });

  it('counts deliveries per topic and outcome on /metrics', async () => {
    const m = (await env.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toMatch(new RegExp(`outbox_deliveries_total\\{topic="${TOPIC}",outcome="retry"\\} [1-9]`));
    expect(m).toMatch(new RegExp(`outbox_deliveries_total\\{topic="${TOPIC}",outcome="failed"\\} 1`));
  });

  it('lists it for the administrator, API and page, with filters', async () => {
    const api = await env.app.inject({ method: 'GET', url: `/api/v1/admin/outbox?topic=${TOPIC}&state=failed`, headers: authHeaders(admin) });
    expect(api.statusCode, api.body).toBe(200);
    const jobs = api.json().jobs;
    expect(jobs).toEqual([
      expect.objectContaining({
        id: failedId,
        topic: TOPIC,
        key: 'dossier-A',
        state: 'failed',
        attempts: 2,
        lastError: 'Error: SMTP 550 mailbox unavailable: an@example.vn',
      }),
    ]);
    expect(api.json().topics).toContain(TOPIC);
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/admin/outbox?topic=${TOPIC}&state=retrying`, headers: authHeaders(admin) })).json().jobs,
    ).toEqual([]);
    const bad = await env.app.inject({ method: 'GET', url: '/api/v1/admin/outbox?state=broken', headers: authHeaders(admin) });
    expect(bad.statusCode).toBe(400);
    const page = await env.app.inject({ method: 'GET', url: `/quan-tri/tac-vu?topic=${TOPIC}&state=failed`, headers: { ...html, cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Tác vụ nền bị lỗi</h1>');
    expect(page.body).toContain('SMTP 550 mailbox unavailable');
    expect(page.body).toContain('Đã dừng, chờ xử lý');
    expect(page.body).toContain('dossier-A');
    expect(page.body).toMatch(/09\/03\/2026 09:0\d/);
    expect(page.body).toContain('href="/quan-tri/tac-vu"');
  });

  it('refuses every other role, anonymous visitors and a missing CSRF token, and changes nothing', async () => {
    const before = await row(failedId);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: authHeaders(specialist) })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: authHeaders(citizen) })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/admin/outbox' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/quan-tri/tac-vu', headers: { ...html, cookie: specialist.cookie } })).statusCode).toBe(403);
    const r = await env.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${failedId}/retry`, headers: authHeaders(specialist) });
    expect([r.statusCode, r.json().message]).toEqual([403, expect.stringMatching(/quyền/)]);
    expect((await postForm(`/quan-tri/tac-vu/${failedId}/bo-qua`, specialist)).statusCode).toBe(403);
    expect((await postForm(`/quan-tri/tac-vu/${failedId}/thu-lai`, admin, {}, 'x'.repeat(43))).statusCode).toBe(403);
    expect(await row(failedId)).toEqual(before);
    expect(await audits(failedId)).toEqual([]);
  });

  it('refuses a job in the wrong state or unknown, with a message, and changes nothing', async () => {
    const done = await enqueue(env.ctx.db, { topic: TOPIC, key: 'dossier-ok', payload: { fail: false } });
    await round();
    expect((await row(done)).status).toBe('delivered');
    const r = await env.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${done}/give-up`, headers: authHeaders(admin) });
    expect([r.statusCode, r.json().error]).toEqual([409, 'operations.cannot_give_up']);
    expect(r.json().message).toContain('không thể bỏ qua');
    expect((await row(done)).status).toBe('delivered');
    const page = await postForm(`/quan-tri/tac-vu/${done}/thu-lai`, admin);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('không thể thử lại');
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/admin/outbox/nope/retry', headers: authHeaders(admin) })).statusCode).toBe(404);
    expect(await audits(done)).toEqual([]);
  });

  it('retry through the page: POST + redirect, back to pending with attempts reset, audited', async () => {
    const r = await postForm(`/quan-tri/tac-vu/${failedId}/thu-lai`, admin, { back: `/quan-tri/tac-vu?topic=${TOPIC}` });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/quan-tri/tac-vu?topic=${TOPIC}&xong=retry`);
    expect(await row(failedId)).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: null });
    const a = await audits(failedId);
    expect(a.map((x) => [x.action, x.actor_kind])).toEqual([['outbox.retry', 'officer']]);
    const after = await env.app.inject({ method: 'GET', url: r.headers.location as string, headers: { ...html, cookie: admin.cookie } });
    expect(after.body).toContain('Đã đưa tác vụ vào hàng đợi để thử lại ngay.');
    // A redirect elsewhere is not followed.
    await round(); // fails again (attempt 1 of 2): retrying
    const evil = await postForm(`/quan-tri/tac-vu/${failedId}/bo-qua`, admin, { back: 'https://evil.example/' });
    expect(evil.headers.location).toBe('/quan-tri/tac-vu?xong=give_up');
  });

  it('give up: the job stops and no longer holds back the later job of its key', async () => {
    expect((await row(failedId)).status).toBe('given_up');
    expect((await audits(failedId)).map((x) => x.action)).toEqual(['outbox.retry', 'outbox.give_up']);
    expect(await round()).toMatchObject({ claimed: 1, delivered: 1 });
    expect((await row(blockedId)).status).toBe('delivered');
    const list = (await env.app.inject({ method: 'GET', url: `/api/v1/admin/outbox?state=given_up&topic=${TOPIC}`, headers: authHeaders(admin) })).json().jobs;
    expect(list.map((j: any) => j.id)).toContain(failedId);
    const m = (await env.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(m).toMatch(new RegExp(`outbox_operator_actions_total\\{topic="${TOPIC}",action="give_up"\\} 1`));
  });
});
