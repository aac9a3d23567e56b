/**
 * Two app instances on one PostgreSQL database (issue 15, items 1 and 3): a publication on the
 * first shows in the second's API search (its answers are kept serialised per query, page-cache.ts)
 * within a second, and a dossier received on the first shows in the second's public indicator
 * snapshot within 5 s, with the second instance debouncing its recomputations as in production
 * (indicatorSnapshotMinMs 2000). Anonymous answers of the second are asked before the change, so
 * they are in its memory and must be replaced, not just computed late. No timing is asserted:
 * each check polls until it holds or its deadline passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { openDatabase, type DbHandle } from '../../db';
import { drainOutbox } from '../../platform/outbox';
import { runDataReadyTasks } from '../../platform/startup';
import type { Ctx } from '../../platform/context';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { FIXTURE_PROCEDURES } from '../catalogue/test-fixtures';
import { DEMO } from '../units/demo';
import { Flow } from './test-api-flow';

const onPg = !!process.env.TEST_DATABASE_URL;
let env: TestEnv;
let controller: Login;
let handle2: DbHandle;
let app2: FastifyInstance;

const MONTH = '2026-03';
const indexUrl = `/api/v1/indicators?unit=${DEMO.phuong1}&period=${MONTH}&method=qd766-2022`;

/** Polls `check` every 50 ms until it holds or `ms` have passed. */
async function within(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

const searchCodes = async (app: FastifyInstance, q: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/v1/procedures?q=${encodeURIComponent(q)}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { code: string }[] }).items.map((i) => i.code);
};
/** 1.4's denominator on the second instance: the dossiers received in the month. */
const receivedOn = async (app: FastifyInstance) => {
  const res = await app.inject({ method: 'GET', url: indexUrl });
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .groups.flatMap((g: { indicators: unknown[] }) => g.indicators)
    .find((i: { key: string }) => i.key === 'syncedDossiers').denominator as number;
};

beforeAll(async () => {
  if (!onPg) return;
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
  controller = await loginOfficer(env.app, 'kiemsoat');
  const name = (await sql<{ n: string }>`SELECT current_database() AS n`.execute(env.ctx.db)).rows[0]!.n;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  handle2 = await openDatabase({ url: url.toString() });
  const ctx2: Ctx = { ...env.ctx, db: handle2.db, engine: handle2.engine, config: { ...env.ctx.config, indicatorSnapshotMinMs: 2000 } };
  app2 = await buildApp({ ctx: ctx2 });
  await app2.ready();
  await runDataReadyTasks(ctx2, (msg, err) => console.warn(msg, err));
}, 120_000);
afterAll(async () => {
  await app2?.close();
  await handle2?.close();
  await env?.close();
});

// Two instances need two processes' worth of connections on one server: PostgreSQL only (skipped on PGlite).
describe.runIf(onPg)('two instances on one PostgreSQL database', () => {
  it('a publication on the first is in the second instance’s API search within a second, replacing its kept answer', async () => {
    const rec = { ...FIXTURE_PROCEDURES[1]!, code: '1.900073', name: 'Cấp giấy xác nhận thử nghiệm hai máy chủ' };
    const q = 'xac nhan thu nghiem hai may chu';
    // Asked twice before: the second answer comes from the kept serialised body.
    expect(await searchCodes(app2, q)).not.toContain(rec.code);
    expect(await searchCodes(app2, q)).not.toContain(rec.code);
    const put = await env.app.inject({ method: 'PUT', url: `/api/v1/admin/procedures/${rec.code}/draft`, headers: authHeaders(controller), payload: rec });
    expect(put.statusCode, put.body).toBe(200);
    const pub = await env.app.inject({
      method: 'POST',
      url: '/api/v1/admin/procedures/publish',
      headers: authHeaders(controller),
      payload: { codes: [rec.code], decision: { number: '82/QĐ-UBND', signedDate: '2026-03-01', effectiveDate: '2026-03-10' } },
    });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(await within(1000, async () => (await searchCodes(app2, q)).includes(rec.code))).toBe(true);
    // the first instance too, at once
    expect(await searchCodes(env.app, q)).toContain(rec.code);
  }, 60_000);

  it('a dossier received on the first shows in the second instance’s public indicator snapshot within 5 s', async () => {
    const before = await receivedOn(app2);
    expect(await receivedOn(app2)).toBe(before);
    const f = new Flow(env);
    const d = await f.submit('motcua.p1', '2.000635');
    await f.file('motcua.p1', d.id, 'component', 'to-khai');
    await f.act('motcua.p1', d.id, 'receive');
    await drainOutbox(env.ctx); // the first instance's worker writes the facts; the second hears the NOTIFY
    expect(await within(5000, async () => (await receivedOn(app2)) === before + 1)).toBe(true);
    // and the public page of the second instance agrees with its API afterwards (same snapshot generation)
    const page = await app2.inject({ method: 'GET', url: `/cong-khai/chi-so?month=${MONTH}`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
  }, 60_000);
});
