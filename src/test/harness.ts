import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config';
import { openDatabase, type DbHandle } from '../db';
import { migrateToLatest } from '../db/migrate';
import { seedDemoOnce } from '../db/seed';
import { buildApp } from '../app';
import { runDataReadyTasks } from '../platform/startup';
import { TestClock, type Ctx } from '../platform/context';
import { startSandboxVneid, type SandboxVneidHandle } from '../../sandbox/vneid/server';
import { startSandboxPopulation, type PopulationSandbox } from '../../sandbox/population/server';

export interface TestEnv {
  app: FastifyInstance;
  ctx: Ctx;
  clock: TestClock;
  handle: DbHandle;
  /** With `vneid: true`: the app listens on a real port (127.0.0.1) at this URL. */
  baseUrl?: string;
  /** With `vneid: true`: the sandbox VNeID provider the app logs citizens in through. */
  vneid?: SandboxVneidHandle;
  /** With `population: true`: the sandbox national population database the app asks. */
  population?: PopulationSandbox;
  close(): Promise<void>;
}

export interface TestEnvOptions {
  seed?: boolean;
  dossiers?: boolean;
  now?: string;
  env?: Record<string, string>;
  /**
   * Start the sandbox VNeID provider on a free port and make the app listen on 127.0.0.1
   * (free port) so that the OpenID Connect flow runs over real HTTP: needed by
   * loginCitizen (src/test/login.ts) and the browser tests.
   */
  vneid?: boolean;
  /**
   * Start the sandbox national population database (demo citizens) on a free port and point
   * the population settings at it: identity confirmation and prefill (population service).
   */
  population?: boolean;
}

/**
 * A fresh database for one test file: an in-memory PGlite, or a new database on the
 * PostgreSQL server of TEST_DATABASE_URL (dropped at the end). Migrations run; the demo
 * province (units, catalogue, accounts, no dossiers) is loaded unless `seed: false`.
 */
export async function createTestEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  let handle: DbHandle;
  let dropDb: (() => Promise<void>) | undefined;
  if (adminUrl) {
    const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    dropDb = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      // pg's pool.end() resolves before its sockets are closed: wait for the sessions to go, so
      // FORCE does not kill them mid-close (an "administrator command" error in the test run).
      for (let i = 0; i < 50; i++) {
        const r = await a.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 20));
      }
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    handle = await openDatabase({ dataDir: null });
  }
  await migrateToLatest(handle.db);
  const clock = new TestClock(new Date(opts.now ?? '2025-03-10T02:00:00Z'));
  // Files (blobs, sandbox keys) of this test file go to a temporary folder of its own.
  const dataDir = mkdtempSync(join(tmpdir(), 'dvc-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ...opts.env } as any);
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock };
  if (opts.seed !== false) await seedDemoOnce(ctx, { dossiers: opts.dossiers ?? false });
  const app = await buildApp({ ctx });
  await app.ready();
  await runDataReadyTasks(ctx, (msg, err) => console.warn(msg, err));
  let baseUrl: string | undefined;
  let vneid: SandboxVneidHandle | undefined;
  if (opts.vneid) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    config.publicUrl = baseUrl;
    config.vneid.redirectUri = `${baseUrl}/dang-nhap/vneid/callback`;
    vneid = await startSandboxVneid({
      port: 0,
      host: '127.0.0.1',
      clients: [{ clientId: config.vneid.clientId, clientSecret: config.vneid.clientSecret, redirectUris: [config.vneid.redirectUri] }],
    });
    config.vneid.issuer = vneid.issuer;
  }
  let population: PopulationSandbox | undefined;
  if (opts.population) {
    const p = config.population;
    population = await startSandboxPopulation({ port: 0, host: '127.0.0.1', clientId: p.clientId, clientSecret: p.clientSecret });
    p.url = population.url;
  }
  return {
    app,
    ctx,
    clock,
    handle,
    baseUrl,
    vneid,
    population,
    async close() {
      await population?.close();
      await vneid?.close();
      await app.close();
      await handle.close();
      await dropDb?.();
    },
  };
}
