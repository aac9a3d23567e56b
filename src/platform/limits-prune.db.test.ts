/**
 * Issue 14: rows of security_limits whose window and lock are over are pruned by the worker;
 * a live lock is kept (and still refuses the login), a live count is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness';
import { anonymousCsrf } from '../test/login';
import { DEMO_PASSWORD, demoOfficerId } from '../modules/identity/demo';
import { pruneLimits } from './limits';
import { startWorker } from './worker';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z', env: { TRUST_PROXY: '127.0.0.1' } });
});
afterAll(() => env?.close());

const quiet = { info() {}, warn() {}, error() {} };
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
const keys = async () => (await env.ctx.db.selectFrom('security_limits').select('key').orderBy('key').execute()).map((r) => r.key);
const pair = (username: string, ip: string) => `login:${demoOfficerId(username)}|${ip}`;
/** One round of the worker: its first pruning runs at start and has finished when stop() returns. */
async function workerRound() {
  const w = startWorker(env.ctx, quiet, { topics: ['none.prune-test'], sealMs: 0, pollMs: 10 });
  await w.stop();
}

describe('pruning security_limits', () => {
  it('removes an expired count, keeps a live lock (which still refuses the right password)', async () => {
    expect((await tryLogin('buudien', 'wrong-password-9', '10.40.0.1')).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) expect((await tryLogin('tuphap.tanhoa', 'wrong-password-9', '10.40.0.2')).statusCode).toBe(401);
    expect(await keys()).toEqual(expect.arrayContaining([pair('buudien', '10.40.0.1'), pair('tuphap.tanhoa', '10.40.0.2')]));
    env.clock.advance(11 * 60_000); // the count is 11 minutes quiet; the 15-minute lock still runs
    expect(await pruneLimits(env.ctx.db, env.clock.now(), 10 * 60_000)).toBeGreaterThanOrEqual(1);
    const left = await keys();
    expect(left).not.toContain(pair('buudien', '10.40.0.1'));
    expect(left).toContain(pair('tuphap.tanhoa', '10.40.0.2'));
    expect((await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.40.0.2')).statusCode).toBe(401);
  });

  it('the worker keeps a count still in its window and removes it a day later', async () => {
    expect((await tryLogin('buudien', 'wrong-password-9', '10.40.0.3')).statusCode).toBe(401);
    env.clock.advance(30 * 60_000);
    await workerRound();
    expect(await keys()).toContain(pair('buudien', '10.40.0.3'));
    env.clock.advance(25 * 3_600_000);
    await workerRound();
    expect(await keys()).toEqual([]);
    // nothing left to remember: the formerly locked pair logs in
    expect((await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.40.0.2')).statusCode).toBe(303);
  });

  it('pruning twice is harmless and removes nothing more', async () => {
    expect(await pruneLimits(env.ctx.db, env.clock.now())).toBe(0);
  });
});
