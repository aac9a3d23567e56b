/**
 * The set-based rebuild of the indicators' facts alone (issue 12 item 6): a fresh PostgreSQL
 * database, the demo province, BENCH_DOSSIERS (default 5,000) dossiers from the generator's bulk
 * path, then rebuildFactsSetBased over every dossier and, on the first BENCH_SAMPLE (default 500),
 * the per-dossier path for comparison. Prints the figures (docs/benchmarks.md, "Indicators").
 * Run: npx tsx bench/facts-rebuild.ts  (BENCH_DATABASE_URL=postgres://..., BENCH_DB_NAME=...)
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { systemClock, type Ctx } from '../src/platform/context';
import { generateDossiers } from '../src/modules/dossiers/generator';
import { rebuildFactsSetBased } from '../src/modules/indicators/facts-rebuild';
import { refreshDossierFacts } from '../src/modules/indicators/facts-handler';

const N = Number(process.env.BENCH_DOSSIERS ?? 5000);
const SAMPLE = Number(process.env.BENCH_SAMPLE ?? 500);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const name = process.env.BENCH_DB_NAME ?? `bench_rebuild_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config: loadConfig({ NODE_ENV: 'test', DATA_DIR: './data-bench' } as never), clock: systemClock };
  try {
    await migrateToLatest(ctx.db);
    await seedDemoOnce(ctx, { dossiers: false });
    const g = await generateDossiers(ctx, { size: N, seed: 768, servicePath: 0, outbox: 'none' });
    console.log(`generated ${g.dossiers} dossiers in ${(g.ms / 1000).toFixed(1)} s`);
    await sql`DELETE FROM indicator_dossier_facts`.execute(ctx.db);
    const r = await rebuildFactsSetBased(ctx, { batchSize: 2000 });
    const rate = (r.dossiers / r.ms) * 1000;
    console.log(
      `set-based: ${r.dossiers} dossiers -> ${r.rows} rows in ${(r.ms / 1000).toFixed(1)} s (${Math.round(rate)}/s, ~${(1e6 / rate / 60).toFixed(1)} min per million), ${r.failed.length} failed`,
    );
    const ids = (await sql<{ id: string }>`SELECT id FROM dossiers ORDER BY id LIMIT ${SAMPLE}`.execute(ctx.db)).rows.map((x) => x.id);
    const t0 = performance.now();
    for (const id of ids) await refreshDossierFacts(ctx, id);
    const ms = performance.now() - t0;
    console.log(
      `per-dossier: ${ids.length} dossiers in ${(ms / 1000).toFixed(1)} s (${Math.round((ids.length / ms) * 1000)}/s, ~${(1e6 / ((ids.length / ms) * 1000) / 60).toFixed(0)} min per million)`,
    );
    console.log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}`,
    );
  } finally {
    await handle.close();
    const a = new pg.Client({ connectionString: ADMIN_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => (console.error(err), process.exit(1)),
);
