/**
 * Issue 18 item 2: while the database cannot be reached (a failover), requests answer 503
 * retryable with a clear message and write nothing; the same submission sent again with its
 * Idempotency-Key once the database is back is recorded once. On PostgreSQL also: connections
 * cut under the pool (idle, or inside a transaction) do not end the process, and the next
 * request works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestEnv, type TestEnv } from '../test/harness';
import { authHeaders, loginCitizen, type Login } from '../test/login';
import { LLTP, LLTP_FORM, TINY_PDF } from '../test/fixtures';
import { openDatabase, type Db, type DbHandle } from '../db';
import { isRetryableDbError } from './db-errors';
import { payloadMultipart, pdfFile } from '../test/multipart';

let env: TestEnv;
let an: Login;
let dead: DbHandle;
let liveDb: Db;

const submission = () => payloadMultipart({ procedureCode: LLTP, data: LLTP_FORM }, [pdfFile('file:to-khai', TINY_PDF)]);

const submit = (key: string, lang?: string) => {
  const mp = submission();
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(an), 'content-type': mp.type, 'idempotency-key': key, ...(lang ? { 'accept-language': lang } : {}) },
    payload: mp.body,
  });
};
const dossiersWithKey = async (key: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossiers WHERE idempotency_key = ${key}`.execute(liveDb)).rows[0]!.n);

beforeAll(async () => {
  env = await createTestEnv({ vneid: true });
  an = await loginCitizen(env, '093090001234');
  liveDb = env.ctx.db;
  // A PostgreSQL that is not there (a port of this project's range where nothing listens): what the app sees mid-failover.
  dead = await openDatabase({ url: 'postgres://postgres@127.0.0.1:7799/none', poolMax: 2 });
});
afterAll(async () => {
  env.ctx.db = liveDb;
  await dead?.close();
  await env?.close();
});

describe('the database out of reach', () => {
  it('answers 503 with Retry-After and a Vietnamese (or English) message, and records nothing', async () => {
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: authHeaders(an) });
    expect(me.statusCode).toBe(200);
    env.ctx.db = dead.db;
    try {
      const r = await submit('failover-1');
      expect(r.statusCode, r.body).toBe(503);
      expect(r.headers['retry-after']).toBe('2');
      expect(r.json()).toMatchObject({
        error: 'error.db_unavailable',
        message: 'Cơ sở dữ liệu tạm thời không kết nối được (đang chuyển sang máy chủ dự phòng). Vui lòng thử lại sau vài giây.',
      });
      const en = await submit('failover-1', 'en');
      expect(en.statusCode).toBe(503);
      expect(en.json().message).toBe('The database cannot be reached for a moment (it is switching to its standby server). Please try again in a few seconds.');
      const page = await env.app.inject({ method: 'GET', url: '/thu-tuc?q=khai+sinh', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.body).toContain('Cơ sở dữ liệu tạm thời không kết nối được');
    } finally {
      env.ctx.db = liveDb;
    }
    expect(await dossiersWithKey('failover-1')).toBe(0);
  });

  it('records the repeated submission once when the database is back', async () => {
    const first = await submit('failover-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await submit('failover-1');
    expect([200, 201]).toContain(again.statusCode);
    expect(again.json().dossier.id).toBe(first.json().dossier.id);
    expect(await dossiersWithKey('failover-1')).toBe(1);
  });

  it('does not take a refusal of the request for a database failure', async () => {
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(an), 'content-type': 'application/json', 'idempotency-key': 'failover-2' },
      payload: { procedureCode: '9.999999', data: {} },
    });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect(await dossiersWithKey('failover-2')).toBe(0);
  });
});

// Cutting a connection needs a PostgreSQL server (PGlite runs inside this process).
describe.runIf(env_is_postgres())('connections cut under the pool (PostgreSQL)', () => {
  const terminateOthers = async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const db = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(liveDb)).rows[0]!.d;
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 200));
  };

  it('survives its idle connections being terminated, and the next request works', async () => {
    await Promise.all([1, 2, 3].map(() => env.app.inject({ method: 'GET', url: '/api/v1/me', headers: authHeaders(an) })));
    await terminateOthers();
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: authHeaders(an) });
    expect(r.statusCode).toBe(200);
    expect(r.json().actor).toBeTruthy();
  });

  it('survives a connection terminated inside a transaction: the transaction fails retryable, nothing of it is kept', async () => {
    let caught: unknown;
    await liveDb
      .transaction()
      .execute(async (trx) => {
        await sql`INSERT INTO security_limits (key, window_start, hits, lock_count, updated_at) VALUES ('failover-cut', now(), 1, 0, now())`.execute(trx);
        await terminateOthers();
        await sql`SELECT 1`.execute(trx);
      })
      .catch((e) => (caught = e));
    expect(isRetryableDbError(caught)).toBe(true);
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM security_limits WHERE key = 'failover-cut'`.execute(liveDb)).rows[0]!.n).toBe(0);
    const r = await submit('failover-3');
    expect(r.statusCode, r.body).toBe(201);
  });
});

function env_is_postgres() {
  return Boolean(process.env.TEST_DATABASE_URL);
}
