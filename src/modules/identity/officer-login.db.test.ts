import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, authHeaders, cookieFrom, loginOfficer } from '../../test/login';
import { DEMO_PASSWORD } from './demo';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { TRUST_PROXY: '127.0.0.1' } }); // the tests vary the client's address through a trusted proxy
});
afterAll(() => env?.close());

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

async function postLogin(username: string, password: string, ip: string) {
  const anon = await anonymousCsrf(env.app);
  return env.app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip, accept: 'text/html' },
    payload: form({ _csrf: anon.csrf, username, password }),
  });
}

describe('officer login', () => {
  it('logs in with the demo password and knows the roles', async () => {
    const s = await loginOfficer(env.app, 'motcua.p1');
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().actor).toMatchObject({ kind: 'officer', name: 'Trương Thị Một Cửa', roles: [{ role: 'reception', unitId: 'hg-vithanh-p1-ubnd' }] });
    const row = await env.ctx.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(s.cookie).not.toContain(row.id_hash); // only the hash is stored
  });

  it('sets an HttpOnly SameSite=Lax session cookie', async () => {
    const res = await postLogin('admin', DEMO_PASSWORD, '10.0.0.1');
    expect(res.statusCode).toBe(303);
    const c = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((x) => x.startsWith('sid='))!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Lax/);
    expect(c).not.toMatch(/Secure/); // only in production
  });

  it('refuses a wrong password with a clear message', async () => {
    const res = await postLogin('tuphap.p1', 'wrong-password-1', '10.0.0.2');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(cookieFrom(res.headers['set-cookie'], 'sid')).toBeUndefined();
  });

  it('refuses a login form without the CSRF token (403)', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/can-bo/dang-nhap',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('error.csrf');
  });

  it('logs out: the session is gone', async () => {
    const s = await loginOfficer(env.app, 'chutich.p1');
    const res = await env.app.inject({
      method: 'POST',
      url: '/dang-xuat',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: s.csrf }),
    });
    expect(res.statusCode).toBe(303);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().actor).toBeNull();
  });

  it('refuses logout without the session CSRF token (403) and keeps the session', async () => {
    const s = await loginOfficer(env.app, 'lanhdao.stp');
    const res = await env.app.inject({ method: 'POST', url: '/dang-xuat', headers: { ...authHeaders(s), 'x-csrf-token': 'nope' } });
    expect(res.statusCode).toBe(403);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().actor).not.toBeNull();
  });

  it('ends a session after 2 hours without a request', async () => {
    const s = await loginOfficer(env.app, 'kiemsoat');
    env.clock.advance(2 * 3600_000 + 60_000);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } });
    expect(me.json().actor).toBeNull();
  });
});
