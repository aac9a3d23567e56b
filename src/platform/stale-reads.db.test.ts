/**
 * Issue 18 item 2: reads that may be slightly stale go to DATABASE_READ_URL's database (a
 * standby) when it is set: the indicators' aggregates. Shown by pointing the read database at a
 * server that is not there (the answer becomes 503) and then at a second connection to the test
 * database (the same figures as without it). Reads inside a transaction stay on the primary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness';
import { openDatabase, type DbHandle } from '../db';
import { staleReadDb } from './context';

let env: TestEnv;
let dead: DbHandle;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
  dead = await openDatabase({ url: 'postgres://postgres@127.0.0.1:7798/none', poolMax: 2 });
});
afterAll(async () => {
  delete env.ctx.readDb;
  await dead?.close();
  await env?.close();
});

const indicators = () => env.app.inject({ method: 'GET', url: '/api/v1/indicators?period=2026-03' });

describe('stale reads (DATABASE_READ_URL)', () => {
  it('sends the indicators aggregate to the read database, and answers the same figures from it', async () => {
    const primary = await indicators();
    expect(primary.statusCode, primary.body).toBe(200);
    // The public figures are a snapshot keyed by the app clock's minute (indicators/snapshot.ts):
    // a minute later each call computes again, on the database it is given.
    env.ctx.readDb = dead.db;
    env.clock.advance(60_000);
    const viaDead = await indicators();
    expect(viaDead.statusCode).toBe(503);
    expect(viaDead.json().error).toBe('error.db_unavailable');
    env.ctx.readDb = env.ctx.db; // a standby in sync: the same rows
    env.clock.advance(60_000);
    const viaRead = await indicators();
    expect(viaRead.statusCode).toBe(200);
    expect({ ...viaRead.json(), asOf: null }).toEqual({ ...primary.json(), asOf: null }); // two minutes later: only the time differs
    expect(viaRead.json().asOf).toBe('2026-03-10T02:02:00.000Z');
    delete env.ctx.readDb;
  });

  it('keeps reads inside a transaction on the primary', async () => {
    const ctx = { db: env.ctx.db, readDb: dead.db };
    expect(staleReadDb(ctx)).toBe(dead.db);
    await env.ctx.db.transaction().execute(async (trx) => {
      expect(staleReadDb({ db: trx, readDb: dead.db })).toBe(trx);
    });
    expect(staleReadDb({ db: env.ctx.db })).toBe(env.ctx.db);
  });
});
