import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { loginOfficer, type Login } from '../../test/login';

/** Counts statements that read or write identity.sessions (a Kysely plugin: the app's own db, seen from outside). */
function sessionQueryCounter() {
  const state = { count: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (JSON.stringify(args.node).includes('"sessions"')) state.count++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { state, plugin };
}

const PUBLIC = ['/', '/thu-tuc', '/thu-tuc?q=khai+sinh', '/thu-tuc/1.001193', '/api/v1/procedures?q=khai%20sinh', '/api/v1/procedures/1.001193'];

let env: TestEnv;
let app: FastifyInstance;
const counter = sessionQueryCounter();
let officer: Login;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildApp({ ctx: { ...env.ctx, db: env.ctx.db.withPlugin(counter.plugin) } });
  await app.ready();
  officer = await loginOfficer(app, 'motcua.p1');
});
afterAll(async () => {
  await app.close();
  await env.close();
});

describe('session lookup (issue 15, item 4)', () => {
  it('makes no session query for a request without a session cookie', async () => {
    counter.state.count = 0;
    for (const url of [...PUBLIC, '/healthz', '/api/v1/me', '/dang-nhap']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeLessThan(400);
    }
    expect(counter.state.count).toBe(0);
  });

  it('looks the session up once when a session cookie is sent, even an unknown one', async () => {
    counter.state.count = 0;
    const res = await app.inject({ method: 'GET', url: '/thu-tuc', headers: { cookie: 'sid=' + 'x'.repeat(40) } });
    expect(res.statusCode).toBe(200);
    expect(counter.state.count).toBe(1);
  });
});

describe('HTTP caching of anonymous public reads (issue 15, item 2)', () => {
  it.each(PUBLIC)('%s: ETag, public max-age=60, no cookie, 304 on If-None-Match', async (url) => {
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers['set-cookie']).toBeUndefined();
    expect(String(first.headers.vary)).toMatch(/Accept-Language/);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.body).not.toContain('name="_csrf"');

    const again = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const stale = await app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"other"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.body).toBe(first.body);
  });

  it('gives English a validator of its own', async () => {
    const vi = await app.inject({ method: 'GET', url: '/thu-tuc' });
    const en = await app.inject({ method: 'GET', url: '/thu-tuc', headers: { 'accept-language': 'en' } });
    expect(en.headers.etag).not.toBe(vi.headers.etag);
    const cross = await app.inject({ method: 'GET', url: '/thu-tuc', headers: { 'accept-language': 'en', 'if-none-match': String(vi.headers.etag) } });
    expect(cross.statusCode).toBe(200);
  });

  it('does not share a response that sets a cookie (?lang=en)', async () => {
    const res = await app.inject({ method: 'GET', url: '/thu-tuc?lang=en' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('leaves refusals and pages not on the list uncached', async () => {
    const missing = await app.inject({ method: 'GET', url: '/thu-tuc/9.999999' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    expect(String(missing.headers['cache-control'] ?? '')).not.toMatch(/public/);
    const login = await app.inject({ method: 'GET', url: '/dang-nhap' });
    expect(login.headers.etag).toBeUndefined();
    expect(String(login.headers['cache-control'] ?? '')).not.toMatch(/public/);
  });

  it.each([...PUBLIC, '/ho-so-cua-toi', '/api/v1/me'])('%s with a session: private, no-store, no ETag, never 304', async (url) => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: officer.cookie } });
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers.etag).toBeUndefined();
    const anon = await app.inject({ method: 'GET', url });
    const cond = await app.inject({ method: 'GET', url, headers: { cookie: officer.cookie, 'if-none-match': String(anon.headers.etag ?? '*') } });
    expect(cond.statusCode).not.toBe(304);
  });
});
