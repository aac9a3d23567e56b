/**
 * Database size per dossier, for sizing: `npm run backup:size -- [--size 20000] [--keep-db]`.
 * On the PostgreSQL server of BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
 * creates a database, runs the migrations, loads the demo province without dossiers, measures
 * pg_database_size and the WAL position, writes `size` dossiers with the generator's bulk path
 * (full life cycles: events, steps, file rows, pauses, audit entries, outbox), VACUUMs (ANALYZE),
 * and measures again: bytes per dossier in the database (tables + indexes) and in WAL (what the
 * archive receives), and the largest tables. File contents (blobs) are not in the database and
 * not counted. Prints a Markdown section; drops the database unless --keep-db.
 */
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db';
import { migrateToLatest } from '../../src/db/migrate';
import { seedDemoOnce } from '../../src/db/seed';
import { systemClock, type Ctx } from '../../src/platform/context';
import { loadWorld, runBulkPath } from '../../src/modules/dossiers/generator';
import { repoRoot } from '../../bench/server-process';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const size = Number(opt('size', '20000'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

async function main() {
  const name = `size_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: join(repoRoot, 'data-bench') } as never);
    const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
    await seedDemoOnce(ctx, { dossiers: false });
    const measure = async () => {
      const r = await sql<{ db: string; lsn: string }>`SELECT pg_database_size(current_database())::text AS db, pg_current_wal_lsn()::text AS lsn`.execute(
        ctx.db,
      );
      return { db: Number(r.rows[0]!.db), lsn: r.rows[0]!.lsn };
    };
    await sql`VACUUM (ANALYZE)`.execute(ctx.db);
    const before = await measure();
    const w = await loadWorld(ctx);
    const t0 = performance.now();
    const r = await runBulkPath(ctx, w, { seed: 766, size, from: 0, to: size, batch: 2000, concurrency: 2, outbox: 'last' });
    const secs = (performance.now() - t0) / 1000;
    await sql`VACUUM (ANALYZE)`.execute(ctx.db);
    const after = await measure();
    const wal = Number((await sql<{ b: string }>`SELECT pg_wal_lsn_diff(${after.lsn}::pg_lsn, ${before.lsn}::pg_lsn)::text AS b`.execute(ctx.db)).rows[0]!.b);
    const tables = await sql<{ t: string; total: string; rows: string }>`
      SELECT c.relname AS t, pg_total_relation_size(c.oid)::text AS total, c.reltuples::bigint::text AS rows
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 8`.execute(ctx.db);
    const pgVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(ctx.db)).rows[0]!.v;
    const perDossier = (after.db - before.db) / r.dossiers;
    const walPer = wal / r.dossiers;
    const lines = [
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run backup:size -- --size ${size}\` (scripts/backup/size.ts) on PostgreSQL ${pgVersion}:`,
      `a fresh database with the demo province (no dossiers): ${mib(before.db)}; then ${r.dossiers.toLocaleString('en')} dossiers (${r.events.toLocaleString('en')} events) from the generator's bulk path in ${secs.toFixed(0)} s, VACUUM (ANALYZE) before each measure.`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| database size after | ${mib(after.db)} |`,
      `| growth per dossier (tables + indexes) | ${(perDossier / 1024).toFixed(1)} KiB |`,
      `| WAL written per dossier (what the archive receives; bulk path, so less than one transaction per step) | ${(walPer / 1024).toFixed(1)} KiB |`,
      '',
      'Largest tables (with their indexes and TOAST):',
      '',
      '| table | rows | size |',
      '| --- | ---: | ---: |',
      ...tables.rows.map((t) => `| ${t.t} | ${Number(t.rows).toLocaleString('en')} | ${mib(Number(t.total))} |`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (args.includes('--keep-db')) process.stdout.write(`Database kept: ${url.toString()}\n`);
  } finally {
    await handle.close();
    if (!args.includes('--keep-db')) {
      for (let i = 0; i < 100; i++) {
        const q = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (q.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
