import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from './schema';
import { pglitePool } from './pglite-pool';
import { closeListeners, registerNotifyConnection } from './notify';

export type Db = Kysely<Database>;
export type Engine = 'postgres' | 'pglite';

export interface DbHandle {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
  /** PGlite only: the size of its WASM memory in bytes (it grows, never shrinks; outside the JS heap). */
  wasmBytes?: () => number;
}

// Return int8 and numeric as JS numbers; counts here stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** PGlite's shared_buffers (the data folder's postgresql.conf says 128MB; this overrides it at each start). */
const PGLITE_SHARED_BUFFERS = process.env.PGLITE_SHARED_BUFFERS ?? '32MB';

/** Opens PostgreSQL when a URL is given, otherwise PGlite in `dataDir` (or in memory when dataDir is null). */
export async function openDatabase(opts: {
  url?: string;
  dataDir?: string | null;
  poolMax?: number;
  log?: (msg: string, err: Error) => void;
}): Promise<DbHandle> {
  if (opts.url) {
    // A failover (or a restart of PostgreSQL) ends the pool's idle connections: pg reports it as
    // an 'error' event of the pool, which without a listener ends the process. The pool has
    // already dropped the broken client; the next query opens a new connection (to the new
    // primary, through the load balancer). A query that was running fails with a connection
    // error, which the HTTP layer answers 503 retryable (platform/db-errors.ts).
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax ?? 10, connectionTimeoutMillis: 5000 });
    pool.on('error', (err) => opts.log?.('database connection lost (the pool opens a new one on the next query)', err));
    // A connection that breaks while checked out (inside a transaction, between two statements)
    // emits 'error' on its client, and pg-pool listens only on idle clients: without this the
    // process would end. The statement running fails on its own; the pool discards the client.
    pool.on('connect', (client) => client.on('error', (err) => opts.log?.('database connection lost during a request', err)));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerNotifyConnection(db, opts.url);
    return { db, engine: 'postgres', close: () => closeListeners(db).then(() => db.destroy()) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const options = {
    extensions: {},
    // PGlite's WASM memory only grows and keeps every page PostgreSQL ever touched; the shared
    // buffers are the largest part of it (initdb writes 128MB). The embedded engine serves one
    // process and a demo-sized database (~64 MB on disk, its pages stay in the OS cache), so a
    // smaller pool costs little and saves that much resident memory. (`initialMemory` cannot go
    // below PGlite's 128 MiB: its WASM module declares 2,048 pages as its minimum.)
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  };
  let pgl;
  if (opts.dataDir) {
    const dir = resolve(opts.dataDir, 'pgdata');
    mkdirSync(dir, { recursive: true });
    pgl = await PGlite.create(dir, options);
  } else {
    pgl = await PGlite.create(options);
  }
  await pgl.exec(`SET TIME ZONE 'UTC'`);
  const pool = pglitePool(pgl);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: pool as any }) });
  const mod = (pgl as unknown as { Module?: { HEAPU8?: Uint8Array } }).Module;
  return { db, engine: 'pglite', close: () => db.destroy(), wasmBytes: () => mod?.HEAPU8?.byteLength ?? 0 };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export { join };
