/**
 * Issue 18 item 1: the sandbox VNeID provider with its state in the database. Two provider
 * processes (here: two servers) behind one issuer URL, a round-robin proxy standing for the load
 * balancer, so every request of a login lands on the other provider than the one before: the
 * discovery, the login and consent interaction, the code exchange and the key set. A citizen
 * logs in to the portal through it. Without the shared state the same login fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../src/test/harness';
import { cookieFrom } from '../../src/test/login';
import { pruneOidcState } from '../../src/platform/oidc-store';
import { startSandboxVneid, type SandboxVneidHandle } from './server';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo';

let env: TestEnv;
const handles: SandboxVneidHandle[] = [];
const proxies: Server[] = [];

/** A round-robin HTTP proxy in front of the given ports; returns its URL. */
async function roundRobin(ports: number[]): Promise<{ url: string; hits: number[] }> {
  const hits = ports.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next++ % ports.length;
    hits[i]!++;
    const up = request({ host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxies.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const p = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Two providers behind one proxy; `shared`: both keep their state in the test database. */
async function pair(shared: boolean) {
  const ports = [await freePort(), await freePort()];
  const lb = await roundRobin(ports);
  const v = env.ctx.config.vneid;
  const clients = [{ clientId: v.clientId, clientSecret: v.clientSecret, redirectUris: [v.redirectUri] }];
  for (const port of ports)
    handles.push(await startSandboxVneid({ port, host: '127.0.0.1', issuer: lb.url, clients, ...(shared ? { store: env.ctx.db } : {}) }));
  return { issuer: lb.url, hits: lb.hits, a: handles[handles.length - 2]! };
}

/** The portal's login through the issuer: start, the browser at VNeID (the first provider plays it, through the proxy), the callback. */
async function portalLogin(issuer: string, browser: SandboxVneidHandle) {
  env.ctx.config.vneid.issuer = issuer;
  const start = await env.app.inject({ method: 'GET', url: '/dang-nhap/vneid' });
  expect(start.statusCode).toBeGreaterThanOrEqual(302);
  const tx = cookieFrom(start.headers['set-cookie'], 'vneid_tx');
  const back = new URL(await browser.authorize(String(start.headers.location), { personalId: '093090001234', password: DEMO_PASSWORD }));
  const done = await env.app.inject({ method: 'GET', url: back.pathname + back.search, headers: { cookie: `vneid_tx=${tx}` } });
  return { done, sid: cookieFrom(done.headers['set-cookie'], 'sid') };
}

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  for (const h of handles) await h.close();
  for (const p of proxies) await new Promise((r) => p.close(r));
  await env?.close();
});

describe('sandbox VNeID with its state in the database', () => {
  it('logs a citizen in when every request goes to the other provider than the one before', async () => {
    const { issuer, hits, a } = await pair(true);
    const { done, sid } = await portalLogin(issuer, a);
    expect(sid, `${done.statusCode} ${done.headers.location ?? done.body.slice(0, 300)}`).toBeTruthy();
    expect(hits[0]).toBeGreaterThan(1);
    expect(hits[1]).toBeGreaterThan(1);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `sid=${sid}` } });
    expect(me.json().actor).toMatchObject({ kind: 'citizen' });
    const rows = await sql<{ model: string }>`SELECT DISTINCT model FROM oidc_provider_state`.execute(env.ctx.db);
    expect(rows.rows.map((r) => r.model)).toEqual(expect.arrayContaining(['_keys', 'Session', 'Grant', 'AuthorizationCode', 'AccessToken']));
    // The code was exchanged once: its record is consumed, a second exchange would be refused.
    const code = await sql<{ n: number }>`SELECT count(*)::int AS n FROM oidc_provider_state WHERE model = 'AuthorizationCode' AND consumed_at IS NULL`.execute(
      env.ctx.db,
    );
    expect(code.rows[0]!.n).toBe(0);
    // Expired records go.
    const gone = await pruneOidcState(env.ctx.db, new Date(Date.now() + 24 * 3_600_000));
    expect(gone).toBeGreaterThan(0);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM oidc_provider_state WHERE expires_at IS NOT NULL`.execute(env.ctx.db)).rows[0]!.n).toBe(0);
  });

  it('fails the same login when each provider keeps its state in its own memory', async () => {
    const { issuer, a } = await pair(false);
    const outcome = await portalLogin(issuer, a).catch((e: Error) => ({ done: null, sid: undefined, error: e.message }));
    expect(outcome.sid).toBeUndefined();
  });
});
