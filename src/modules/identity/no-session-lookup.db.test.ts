/**
 * Without a session cookie there is no session lookup (issue 15, item 4), shown by behaviour:
 * with the sessions table gone, anonymous requests still answer, and only a request that sends
 * a session cookie fails. The table comes back afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { loginOfficer, type Login } from '../../test/login';

let env: TestEnv;
let officer: Login;
beforeAll(async () => {
  env = await createTestEnv();
  officer = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

const ANONYMOUS = ['/healthz', '/', '/thu-tuc?q=khai+sinh', '/thu-tuc/1.001193', '/api/v1/procedures?q=khai%20sinh', '/cong-khai/chi-so', '/dang-nhap'];

describe('no session lookup without a session cookie', () => {
  it('anonymous requests answer with the sessions table away; a session cookie needs it', async () => {
    const before = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: officer.cookie } });
    expect(before.statusCode).toBe(200);
    await sql`ALTER TABLE sessions RENAME TO sessions_away`.execute(env.ctx.db);
    try {
      for (const url of ANONYMOUS) {
        const res = await env.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode, url).toBe(200);
      }
      const withCookie = await env.app.inject({ method: 'GET', url: '/thu-tuc', headers: { cookie: officer.cookie } });
      expect(withCookie.statusCode).toBeGreaterThanOrEqual(500);
    } finally {
      await sql`ALTER TABLE sessions_away RENAME TO sessions`.execute(env.ctx.db);
    }
    const after = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: officer.cookie } });
    expect(after.statusCode).toBe(200);
  });
});
