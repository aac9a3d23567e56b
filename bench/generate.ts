/**
 * Dossier generator rate: `npm run bench:generate [-- --size 1000000 --batch 2000 --concurrency 2
 * --max-seconds 540 --outbox last --no-write]`. Creates a database on the PostgreSQL server of
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), loads the demo
 * province without dossiers, runs the generator's bulk path (src/modules/dossiers/generator)
 * for `size` dossiers, and drops the database. Stops early after --max-seconds and reports the
 * measured rate with the extrapolation. Writes "## Dossier generator" in docs/benchmarks.md.
 */
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { systemClock, type Ctx } from '../src/platform/context';
import { loadWorld, runBulkPath } from '../src/modules/dossiers/generator';
import { repoRoot } from './server-process';
import { writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const size = Number(opt('size', '1000000'));
const batch = Number(opt('batch', '2000'));
const concurrency = Number(opt('concurrency', '2'));
const maxSeconds = Number(opt('max-seconds', '540'));
const outbox = opt('outbox', 'last') as 'all' | 'last' | 'none';
const write = !args.includes('--no-write');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const name = `bench_gen_${randomBytes(4).toString('hex')}`;
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
    const pgVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(ctx.db)).rows[0]!.v;
    const w = await loadWorld(ctx);
    const t0 = performance.now();
    let done = 0;
    let events = 0;
    const step = batch * 10;
    let stopped = false;
    for (let from = 0; from < size; from += step) {
      const r = await runBulkPath(ctx, w, { seed: 766, size, from, to: Math.min(size, from + step), batch, concurrency, outbox });
      done += r.dossiers;
      events += r.events;
      const s = (performance.now() - t0) / 1000;
      process.stdout.write(`${done} dossiers, ${events} events, ${s.toFixed(1)} s, ${Math.round(done / s)} dossiers/s\n`);
      if (s > maxSeconds && done < size) {
        stopped = true;
        break;
      }
    }
    const secs = (performance.now() - t0) / 1000;
    const counts = await sql<{ t: string; n: string }>`
      SELECT 'dossiers' t, count(*) n FROM dossiers UNION ALL SELECT 'dossier_events', count(*) FROM dossier_events
      UNION ALL SELECT 'dossier_steps', count(*) FROM dossier_steps UNION ALL SELECT 'dossier_files', count(*) FROM dossier_files
      UNION ALL SELECT 'dossier_pauses', count(*) FROM dossier_pauses UNION ALL SELECT 'audit_log', count(*) FROM audit_log
      UNION ALL SELECT 'outbox', count(*) FROM outbox`.execute(ctx.db);
    const rows = counts.rows.reduce((a, r) => a + Number(r.n), 0);
    const states = await sql<{ state: string; n: string }>`SELECT state, count(*) n FROM dossiers GROUP BY state ORDER BY 2 DESC`.execute(ctx.db);
    const rate = done / secs;
    const machine = `${cpus()[0]?.model ?? 'CPU'} (${cpus().length} cores), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} on 127.0.0.1`;
    const section = [
      '## Dossier generator',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:generate -- --size ${size}\` (bench/generate.ts): a fresh PostgreSQL database with the demo`,
      `province, then the generator's **bulk path** (plans -> in-memory engine -> one \`INSERT ... SELECT FROM unnest(...)\` per table per batch of ${batch},`,
      `${concurrency} batches in flight, audit entries hash-chained, outbox: ${outbox === 'last' ? "each dossier's last event (pending)" : outbox}). The service path (real use cases, moved clock) is for the demo seed only.`,
      `Machine: ${machine}; load average at the end ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (the machine was shared with other work).`,
      '',
      '| dossiers written | time | dossiers/s | rows written (all tables) | rows/s |',
      '| ---: | ---: | ---: | ---: | ---: |',
      `| ${done.toLocaleString('en')} | ${secs.toFixed(0)} s | ${Math.round(rate).toLocaleString('en')} | ${rows.toLocaleString('en')} | ${Math.round(rows / secs).toLocaleString('en')} |`,
      '',
      stopped
        ? `Stopped after ${maxSeconds} s at ${done.toLocaleString('en')} of ${size.toLocaleString('en')}: at the measured rate, ${size.toLocaleString('en')} dossiers take about ${Math.round(size / rate / 60)} min (extrapolated, linear; indexes grow, so slightly more).`
        : `${size.toLocaleString('en')} dossiers in ${(secs / 60).toFixed(1)} min.`,
      '',
      `Rows: ${counts.rows.map((r) => `${r.t} ${Number(r.n).toLocaleString('en')}`).join(', ')}. States: ${states.rows.map((r) => `${r.state} ${Number(r.n).toLocaleString('en')}`).join(', ')}.`,
      '',
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (write) {
      writeBenchmarkSection('## Dossier generator', section);
    }
  } finally {
    await handle.close();
    // pg's pool.end() resolves before its sockets close: wait for the sessions to go first.
    for (let i = 0; i < 100; i++) {
      const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
