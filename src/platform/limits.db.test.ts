/**
 * Limits and lock-outs in PostgreSQL (issue 14 item 3), through HTTP: the lookup is limited per
 * client and per (code, client), the officer lock-out per (account, client) with growing
 * delays, locks are audited, and they survive a new app instance on the same database.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestEnv, type TestEnv } from '../test/harness';
import { anonymousCsrf, authHeaders, loginCitizen, loginOfficer } from '../test/login';
import { LLTP, LLTP_FORM, TINY_PDF } from '../test/fixtures';
import { DEMO_PASSWORD, demoOfficerId } from '../modules/identity/demo';
import { payloadMultipart, pdfFile } from '../test/multipart';

let env: TestEnv;
let dossier: { code: string; pin: string };
beforeAll(async () => {
  // clients vary through a trusted proxy
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z', env: { TRUST_PROXY: '127.0.0.1' } });
  const an = await loginCitizen(env, '093090001234');
  const mp = payloadMultipart({ procedureCode: LLTP, data: LLTP_FORM }, [pdfFile('file:to-khai', TINY_PDF)]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(an), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  dossier = { code: r.json().dossier.code, pin: r.json().lookupPin };
}, 120_000);
afterAll(() => env?.close());

const lookup = (client: string, code: string, secret: string, app: FastifyInstance = env.app) =>
  app.inject({ method: 'GET', url: `/api/v1/dossiers/lookup?code=${encodeURIComponent(code)}&secret=${secret}`, headers: { 'x-forwarded-for': client } });
const wrongPin = (pin: string) => (pin === '000000' ? '111111' : '000000');
const audits = (action: string) => env.ctx.db.selectFrom('audit_log').select(['entity_id', 'ip', 'details']).where('action', '=', action).execute();

describe('dossier lookup limits', () => {
  it('failures from client A lock A out of that code, not the applicant at client B', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      env.clock.advance(7_000); // stay under the per-client rate: only the per-code failures count
      codes.push((await lookup('10.20.0.1', dossier.code, wrongPin(dossier.pin))).statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 404)).toBe(true);
    expect(codes[20]).toBe(429);
    // even the right secret from A waits out the lock
    expect((await lookup('10.20.0.1', dossier.code, dossier.pin)).statusCode).toBe(429);
    // the applicant at another address still gets their status
    const b = await lookup('10.20.0.2', dossier.code, dossier.pin);
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().code).toBe(dossier.code);
    const locks = await audits('limit.locked');
    expect(locks.some((l) => l.entity_id === `lookup:code:${dossier.code}|10.20.0.1` && l.ip === '10.20.0.1')).toBe(true);
  });

  it('a flood of distinct codes and clients does not reset a client limit', async () => {
    env.clock.advance(2 * 3_600_000);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await lookup('10.21.0.1', `FLOOD-${i}`, '1234')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 404)).toBe(true);
    expect(codes[10]).toBe(429);
    for (let i = 0; i < 300; i++) await lookup(`10.22.${i >> 8}.${i & 255}`, `FLOOD-${i}`, '1234');
    expect((await lookup('10.21.0.1', dossier.code, dossier.pin)).statusCode).toBe(429);
    // every key is still there: nothing empties the table by volume
    const n = await env.ctx.db
      .selectFrom('security_limits')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'lookup:client:10.22.%')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(300);
    // the per-client lock ends after its window, and the lookup works again
    env.clock.advance(61_000);
    expect((await lookup('10.21.0.1', dossier.code, dossier.pin)).statusCode).toBe(200);
  });

  it('a lock survives a new app instance (fresh modules, as after a restart) on the same database', async () => {
    env.clock.advance(2 * 3_600_000);
    for (let i = 0; i < 11; i++) await lookup('10.23.0.1', `RESTART-${i}`, '1234');
    expect((await lookup('10.23.0.1', dossier.code, dossier.pin)).statusCode).toBe(429);
    vi.resetModules();
    const { buildApp } = await import('../app');
    const app2 = await buildApp({ ctx: env.ctx });
    await app2.ready();
    try {
      expect((await lookup('10.23.0.1', dossier.code, dossier.pin, app2)).statusCode).toBe(429);
      expect((await lookup('10.23.0.2', dossier.code, dossier.pin, app2)).statusCode).toBe(200);
    } finally {
      await app2.close();
    }
  }, 120_000);
});

describe('officer login lock-out per (account, client)', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
  async function tryLogin(username: string, password: string, ip: string) {
    const anon = await anonymousCsrf(env.app);
    return env.app.inject({
      method: 'POST',
      url: '/can-bo/dang-nhap',
      headers: { cookie: anon.cookie, ...FORM, 'x-forwarded-for': ip },
      payload: new URLSearchParams({ _csrf: anon.csrf, username, password }).toString(),
    });
  }

  it('wrong passwords from client A lock A only; B logs in to the same account', async () => {
    for (let i = 0; i < 5; i++) expect((await tryLogin('tuphap.tanhoa', 'wrong-password-9', '10.30.0.1')).statusCode).toBe(401);
    const a = await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.30.0.1');
    expect(a.statusCode).toBe(401);
    expect(a.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect((await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.30.0.2')).statusCode).toBe(303);
    const locks = await audits('account.locked_out');
    expect(locks.filter((l) => l.entity_id === demoOfficerId('tuphap.tanhoa') && l.ip === '10.30.0.1')).toHaveLength(1);
    // the administrator sees the lock-out and can clear it
    const admin = await loginOfficer(env.app, 'admin');
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/officers', headers: authHeaders(admin) });
    expect(list.json().find((o: { username: string }) => o.username === 'tuphap.tanhoa').lockedOut).toBe(true);
  });

  it('each further lock of the same pair lasts twice as long', async () => {
    const ip = '10.31.0.1';
    for (let i = 0; i < 5; i++) await tryLogin('buudien', 'wrong-password-9', ip);
    env.clock.advance(16 * 60_000); // first lock: 15 minutes
    for (let i = 0; i < 5; i++) await tryLogin('buudien', 'wrong-password-9', ip);
    env.clock.advance(16 * 60_000); // second lock: 30 minutes - still locked
    expect((await tryLogin('buudien', DEMO_PASSWORD, ip)).statusCode).toBe(401);
    env.clock.advance(15 * 60_000);
    expect((await tryLogin('buudien', DEMO_PASSWORD, ip)).statusCode).toBe(303);
    const locks = (await audits('account.locked_out')).filter((l) => l.entity_id === demoOfficerId('buudien'));
    expect(locks.map((l) => (l.details as { lockCount: number }).lockCount)).toEqual([1, 2]);
    // a good password clears the pair's counter
    expect(
      await env.ctx.db
        .selectFrom('security_limits')
        .select('key')
        .where('key', '=', `login:${demoOfficerId('buudien')}|${ip}`)
        .executeTakeFirst(),
    ).toBeUndefined();
  });
});
