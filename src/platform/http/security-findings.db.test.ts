/**
 * Issue 14, low and medium findings outside payments: the client address (TRUST_PROXY), the
 * CSRF bearer exemption, /metrics. Each test failed on the code before the fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, loginOfficer } from '../../test/login';
import { isAddressOrCidr, loadConfig } from '../../config';

let plain: TestEnv;
let proxied: TestEnv;
beforeAll(async () => {
  plain = await createTestEnv();
  proxied = await createTestEnv({ env: { TRUST_PROXY: '10.9.0.0/16,127.0.0.1', METRICS_TOKEN: 'metrics-token-for-tests-0001' } });
});
afterAll(async () => {
  await plain?.close();
  await proxied?.close();
});

const seen = new Map<TestEnv, unknown[]>();
async function failedLogin(env: TestEnv, xff: string) {
  const anon = await anonymousCsrf(env.app);
  const r = await env.app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff, accept: 'text/html' },
    payload: new URLSearchParams({ _csrf: anon.csrf, username: 'khong-ton-tai', password: 'sai-mat-khau-1' }).toString(),
  });
  const before = new Set(seen.get(env) ?? []);
  const rows = await env.ctx.db.selectFrom('audit_log').select(['id', 'ip']).where('action', 'like', 'login.%').execute();
  seen.set(
    env,
    rows.map((x) => x.id),
  );
  const fresh = rows.filter((x) => !before.has(x.id));
  expect(fresh).toHaveLength(1);
  return { status: r.statusCode, ip: fresh[0].ip };
}

describe('client address (TRUST_PROXY)', () => {
  it('by default no proxy is trusted: a spoofed X-Forwarded-For changes neither the audit entry nor the limit key', async () => {
    const a = await failedLogin(plain, '203.0.113.7');
    expect(a.status).toBe(401);
    expect(a.ip).toBe('127.0.0.1');
    const b = await failedLogin(plain, '198.51.100.1, 203.0.113.8');
    expect(b.ip).toBe('127.0.0.1');
  });

  it("a trusted proxy's header gives the client's address", async () => {
    const a = await failedLogin(proxied, '203.0.113.9');
    expect(a.ip).toBe('203.0.113.9');
    // a chain: the right-most address not trusted is the client
    const b = await failedLogin(proxied, '198.51.100.2, 10.9.1.1');
    expect(b.ip).toBe('198.51.100.2');
  });

  it('TRUST_PROXY is validated at start', () => {
    expect(isAddressOrCidr('10.0.0.1')).toBe(true);
    expect(isAddressOrCidr('10.0.0.0/8')).toBe(true);
    expect(isAddressOrCidr('::1')).toBe(true);
    expect(isAddressOrCidr('fd00::/64')).toBe(true);
    for (const bad of ['10.0.0.0/33', 'true', '*', '10.0.0.1/8/1', 'fd00::/129', '10.0.0', '']) expect(isAddressOrCidr(bad), bad).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.1 , 10.1.0.0/16 ' }).TRUST_PROXY).toContain('10.1.0.0/16');
  });
});

describe('CSRF bearer exemption', () => {
  it('a request authenticated by the session cookie needs the token even with an Authorization: Bearer header', async () => {
    const s = await loginOfficer(plain.app, 'chutich.p1');
    const r = await plain.app.inject({
      method: 'POST',
      url: '/dang-xuat',
      headers: { cookie: s.cookie, authorization: 'Bearer anything', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toBe('error.csrf');
    const me = await plain.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().actor).not.toBeNull();
  });

  it('a form post with a Bearer header and no session cookie is still checked as an anonymous form', async () => {
    const r = await plain.app.inject({
      method: 'POST',
      url: '/can-bo/dang-nhap',
      headers: { authorization: 'Bearer x', cookie: 'sid=stale-session-id', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin&password=x',
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('/metrics', () => {
  it('with METRICS_TOKEN: 404 without or with a wrong token, metrics with it; health endpoints stay public', async () => {
    expect((await proxied.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    expect((await proxied.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-wrong-token' } })).statusCode).toBe(404);
    const ok = await proxied.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-token-for-tests-0001' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('http_request_duration_seconds');
    expect((await proxied.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await proxied.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('in production without METRICS_TOKEN /metrics is closed', async () => {
    plain.ctx.config.production = true;
    try {
      expect((await plain.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      plain.ctx.config.production = false;
    }
    expect((await plain.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});
