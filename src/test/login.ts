/**
 * Logging in from HTTP tests (app.inject), through the real login endpoints.
 *   const s = await loginOfficer(env.app, 'motcua.p1');
 *   await env.app.inject({ method: 'POST', url, headers: authHeaders(s), payload });
 * Form posts may send s.csrf as the `_csrf` field instead of the header.
 */
import type { FastifyInstance } from 'fastify';
import { DEMO_PASSWORD } from '../modules/identity/demo';
import type { TestEnv } from './harness';

export interface Login {
  /** Value for the Cookie header, e.g. "sid=...". */
  cookie: string;
  /** CSRF token: header x-csrf-token or form field _csrf. */
  csrf: string;
}

/** Headers for a logged-in request: cookie + x-csrf-token. */
export function authHeaders(s: Login): Record<string, string> {
  return { cookie: s.cookie, 'x-csrf-token': s.csrf };
}

type SetCookie = string | string[] | undefined;

export function cookieFrom(setCookie: SetCookie, name: string): string | undefined {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const c of list) {
    const [pair] = c.split(';');
    const i = pair.indexOf('=');
    if (pair.slice(0, i).trim() === name) return pair.slice(i + 1);
  }
  return undefined;
}

/** An anonymous visitor's CSRF cookie and token (double-submit), for anonymous form posts. */
export async function anonymousCsrf(app: FastifyInstance): Promise<Login> {
  const res = await app.inject({ method: 'GET', url: '/api/v1/me' });
  const token = cookieFrom(res.headers['set-cookie'], 'csrf');
  if (!token) throw new Error('no csrf cookie set');
  return { cookie: `csrf=${token}`, csrf: token };
}

async function csrfOfSession(app: FastifyInstance, cookie: string): Promise<string> {
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
  const body = me.json() as { actor: unknown; csrfToken: string };
  if (!body.actor) throw new Error('login did not produce a session');
  return body.csrfToken;
}

/** Logs an officer in with the real login form; fails the test when the login is refused. */
export async function loginOfficer(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<Login> {
  const anon = await anonymousCsrf(app);
  const res = await app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: { cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password }).toString(),
  });
  const sid = cookieFrom(res.headers['set-cookie'], 'sid');
  if (res.statusCode !== 303 || !sid) throw new Error(`officer login of ${username} failed: ${res.statusCode}`);
  const cookie = `sid=${sid}`;
  return { cookie, csrf: await csrfOfSession(app, cookie) };
}

/**
 * Logs a demo citizen in through the real OpenID Connect flow against the sandbox VNeID
 * (needs createTestEnv({ vneid: true })). The password is the demo password.
 */
export async function loginCitizen(env: TestEnv, personalId: string, opts: { asOrg?: boolean; password?: string } = {}): Promise<Login> {
  if (!env.vneid) throw new Error('loginCitizen needs createTestEnv({ vneid: true })');
  const { app } = env;
  // 1. the portal sends the browser to VNeID
  const start = await app.inject({ method: 'GET', url: '/dang-nhap/vneid' });
  if (start.statusCode !== 302 && start.statusCode !== 303) throw new Error(`VNeID start failed: ${start.statusCode}`);
  const tx = cookieFrom(start.headers['set-cookie'], 'vneid_tx');
  const csrfCookie = cookieFrom(start.headers['set-cookie'], 'csrf');
  // 2. the "browser" logs in at the sandbox and consents
  const callback = await env.vneid.authorize(String(start.headers.location), { personalId, password: opts.password ?? DEMO_PASSWORD, asOrg: opts.asOrg });
  // 3. back at the portal's callback
  const url = new URL(callback);
  const cookies = [`vneid_tx=${tx}`, csrfCookie ? `csrf=${csrfCookie}` : ''].filter(Boolean).join('; ');
  const done = await app.inject({ method: 'GET', url: url.pathname + url.search, headers: { cookie: cookies } });
  const sid = cookieFrom(done.headers['set-cookie'], 'sid');
  if (!sid) throw new Error(`VNeID callback failed: ${done.statusCode} ${done.headers.location ?? done.body.slice(0, 200)}`);
  const cookie = `sid=${sid}`;
  return { cookie, csrf: await csrfOfSession(app, cookie) };
}
