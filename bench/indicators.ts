/**
 * Indicators benchmark: the full Decision 766 index for the province and for every unit over
 * 1,000,000 dossiers' facts, warm timings, and the latency from a dossier change (through the
 * dossiers API) to the figures (outbox worker polling every 500 ms).
 *
 * The facts are generated directly in SQL (INSERT ... SELECT generate_series), not through the
 * dossier generator: a million dossiers through the dossier API would take hours here. As in
 * production (facts are written as dossiers are received) rows arrive in received order; 0.5 % of
 * the dossiers are never closed, the rest close within 0-130 % of their time limit.
 *
 * Run: npm run bench:indicators  (BENCH_DOSSIERS=1000000, BENCH_DATABASE_URL=postgres://... ;
 * default: a fresh database on postgres://postgres@127.0.0.1:5432, dropped at the end).
 * Writes the figures under "## Indicators" in docs/benchmarks.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, platform } from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { buildApp } from '../src/app';
import { systemClock, type Ctx } from '../src/platform/context';
import { startWorker } from '../src/platform/worker';
import { currentMonthKey, shiftMonth } from '../src/modules/indicators/model/period';
import { clearAggregateCache, computeIndex, prepare, provinceOf, type AggregateSource } from '../src/modules/indicators/service';
import { aggregateFacts, aggregateTotals, rebuildMonthlyTotals } from '../src/modules/indicators/store';
import { parsePeriod } from '../src/modules/indicators/model/period';
import { unitIndex } from '../src/modules/indicators/deps';
import { Flow } from '../src/modules/indicators/test-api-flow';
import { DEMO } from '../src/modules/units/demo';
import { drainOutbox } from '../src/platform/outbox';
import { subscriberTopic } from '../src/platform/events';
import { generateDossiers } from '../src/modules/dossiers/generator';
import { REFRESH_TOPIC } from '../src/modules/indicators/facts-handler';
import { rebuildFactsSetBased } from '../src/modules/indicators/facts-rebuild';

const N = Number(process.env.BENCH_DOSSIERS ?? 1_000_000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

/** Cold = first call; warm = later calls (the one-minute cache of ended periods is cleared before each: the figure is the computation). */
async function time(fn: () => Promise<unknown>, runs = 20) {
  clearAggregateCache();
  const cold0 = performance.now();
  await fn();
  const cold = performance.now() - cold0;
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    clearAggregateCache();
    const t0 = performance.now();
    await fn();
    warm.push(performance.now() - t0);
  }
  return { cold, median: median(warm), p95: p95(warm) };
}

/**
 * The §1.4 verdict of the generated closed dossiers (the handler computes it with the pure rule;
 * here the same rule in SQL for the generated shapes: at most one supplement, returned or not).
 */
async function closedVerdicts(ctx: Ctx) {
  await sql`
    UPDATE indicator_dossier_facts SET
      closed_on_time = x.ok, closed_on_time_day = x.ok_day
    FROM (
      SELECT dossier_id,
        CASE WHEN supplement2_requested_at IS NOT NULL THEN false ELSE e <= due_at END AS ok,
        CASE WHEN supplement2_requested_at IS NOT NULL THEN false
             ELSE ((e AT TIME ZONE 'UTC') + interval '7 hours')::date <= ((due_at AT TIME ZONE 'UTC') + interval '7 hours')::date END AS ok_day
      FROM (
        SELECT dossier_id, due_at, supplement2_requested_at,
          finished_at - CASE WHEN supplement_returned_at IS NOT NULL AND supplement_returned_at <= finished_at
                             THEN supplement_returned_at - supplement_requested_at ELSE interval '0' END AS e
        FROM indicator_dossier_facts WHERE finished_at IS NOT NULL AND dossier_id LIKE 'bench-%'
      ) y
    ) x
    WHERE indicator_dossier_facts.dossier_id = x.dossier_id`.execute(ctx.db);
}

type Timing = { cold: number; median: number; p95: number };
function indexLines(x: {
  N: number;
  rows: number;
  deciding: number;
  codes: number;
  genMs: number;
  totalsRows: number;
  totalsRebuildMs: number;
  loadBefore: number[];
  loadAfter: number[];
  results: [string, Timing, Timing][];
  pgVersion: string;
}): string[] {
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' / ');
  const machine = `${cpus()[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${platform()}, PostgreSQL ${x.pgVersion}`;
  return [
    '## Indicators',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:indicators\` (bench/indicators.ts) on PostgreSQL, ${x.N.toLocaleString('en')} dossiers' facts spread over the last 365 days`,
    `(~${x.rows.toLocaleString('en')} received in the last 31 days) across ${x.deciding} deciding units and ${x.codes} procedures, generated directly in SQL in ${(x.genMs / 1000).toFixed(0)} s`,
    `(the monthly totals kept by their triggers during the inserts). Machine: ${machine}; what else ran on it shows in the load:`,
    `load average ${load(x.loadBefore)} before the timings, ${load(x.loadAfter)} after (1 / 5 / 15 min, 2 cores), so every figure is an upper bound.`,
    `Monthly totals (migration 0044): ${x.totalsRows.toLocaleString('en')} rows (unit x procedure x month), rebuilt from the million facts in ${(x.totalsRebuildMs / 1000).toFixed(1)} s (one INSERT ... SELECT).`,
    'Each figure: the whole index (every indicator, catalogue and petition figures included) through `prepare(...).score(...)`, from the monthly totals and, in the same run,',
    'from the facts scan (the baseline, the query the index read before); median and p95 of the warm calls, the one-minute cache of ended periods cleared before every call.',
    '',
    '| computation | totals median | totals p95 | facts scan median | facts scan p95 | ratio (medians) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...x.results.map(
      ([k, t, f]) => `| ${k} | ${fmt(t.median)} | ${fmt(t.p95)} | ${fmt(f.median)} | ${fmt(f.p95)} | ${(f.median / Math.max(0.01, t.median)).toFixed(1)}x |`,
    ),
    '',
  ];
}

async function main() {
  const reuse = process.env.BENCH_REUSE; // name of a database kept by an earlier run (BENCH_KEEP=1)
  const name = reuse ?? process.env.BENCH_DB_NAME ?? `bench_ind_${Date.now().toString(36)}`;
  if (!reuse) {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config: loadConfig({ NODE_ENV: 'test', DATA_DIR: './data-bench' } as any), clock: systemClock };
  const lines: string[] = [];
  try {
    await migrateToLatest(ctx.db);
    await seedDemoOnce(ctx, { dossiers: false });
    if (reuse) await sql`DELETE FROM indicator_dossier_facts WHERE dossier_id NOT LIKE 'bench-%'`.execute(ctx.db);
    const idx = await unitIndex(ctx);
    const deciding = [...idx.byId.values()].filter((n) => n.kind === 'agency').map((n) => n.id);
    const procs = (
      await sql<{ code: string }>`SELECT DISTINCT code FROM procedures`.execute(ctx.db).catch(() => ({ rows: [] as { code: string }[] }))
    ).rows.map((r) => r.code);
    const codes = procs.length ? procs : Array.from({ length: 46 }, (_, i) => `9.${String(i).padStart(6, '0')}`);
    console.log(`generating ${N} facts over ${deciding.length} deciding units and ${codes.length} procedures ...`);
    const g0 = performance.now();
    const batch = 100_000;
    await sql`SELECT setseed(0.42)`.execute(ctx.db);
    for (let start = reuse ? N : 0; start < N; start += batch) {
      const n = Math.min(batch, N - start);
      await sql`
        INSERT INTO indicator_dossier_facts (dossier_id, code, unit_id, receiving_unit_id, procedure_code, channel, state, received_at, due_at,
          finished_at, closing, supplement_count, supplement_requested_at, supplement_returned_at, supplement2_requested_at, supplement_ms,
          processing_days, online, paper_result, e_result, digitized, reused, linked_to_store, population_data, fee_bearing, paid_online, synced, source_version)
        SELECT 'bench-' || i, 'B-' || i, u, u, p, CASE WHEN online THEN 'online' ELSE 'in_person' END,
          CASE WHEN fin IS NULL THEN 'processing' ELSE 'returned' END, rec, rec + dur,
          fin, CASE WHEN fin IS NULL THEN NULL WHEN r1 < 0.6 THEN 'done' WHEN r1 < 0.95 THEN 'returned' ELSE 'stopped' END,
          sc, CASE WHEN sc > 0 THEN rec + interval '2 hours' END, CASE WHEN sc > 0 THEN rec + interval '26 hours' END,
          CASE WHEN sc > 1 THEN rec + interval '30 hours' END, CASE WHEN sc > 0 THEN 86400000 ELSE 0 END,
          CASE WHEN fin IS NULL THEN NULL ELSE round((extract(epoch FROM fin - rec) / 86400)::numeric, 2) END,
          online, r2 < 0.9, r2 < 0.8, r2 < 0.7, r3 < 0.2, r3 < 0.3, r3 < 0.5, fee, fee AND r4 < 0.35, r4 < 0.95, 1
        FROM (
          SELECT i, (${sql.val(deciding)}::text[])[1 + floor(random() * ${deciding.length}::int)::int] AS u,
            (${sql.val(codes)}::text[])[1 + floor(random() * ${codes.length}::int)::int] AS p,
            now() - interval '365 days' + (i::float8 / ${N}::float8) * interval '365 days' + random() * interval '1 hour' AS rec, (1 + floor(random() * 15)::int) * interval '1 day' AS dur,
            random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() < 0.6 AS online, random() < 0.4 AS fee,
            CASE WHEN random() < 0.85 THEN 0 WHEN random() < 0.8 THEN 1 ELSE 2 END AS sc, random() AS rf
          FROM generate_series(${start + 1}::int, ${start + n}::int) AS i
        ) s0, LATERAL (SELECT CASE WHEN rf < 0.995 AND s0.rec + s0.dur * (rf * 1.3) < now() THEN s0.rec + s0.dur * (rf * 1.3) END AS fin) f`.execute(ctx.db);
      process.stdout.write('.');
    }
    await closedVerdicts(ctx);
    await sql`ANALYZE indicator_dossier_facts`.execute(ctx.db);
    const genMs = performance.now() - g0;
    console.log(`\ngenerated in ${(genMs / 1000).toFixed(1)} s`);

    // The monthly totals were kept by the triggers during the generation; the set-based rebuild of all of them, timed.
    const t0 = performance.now();
    await rebuildMonthlyTotals(ctx.db);
    const totalsRebuildMs = performance.now() - t0;
    await sql`ANALYZE indicator_monthly_totals`.execute(ctx.db);
    const totalsRows = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_monthly_totals`.execute(ctx.db)).rows[0].n;
    console.log(`monthly totals rebuilt: ${totalsRows} rows in ${(totalsRebuildMs / 1000).toFixed(1)} s`);
    const loadBefore = loadavg();

    const month = currentMonthKey(new Date());
    const prevMonth = shiftMonth(month, -1);
    const province = provinceOf(idx).id;
    const units = [...idx.byId.keys()];
    const y = Number(month.slice(0, 4));
    const qn = Math.ceil(Number(month.slice(5)) / 3);
    const RUNS = Number(process.env.BENCH_RUNS ?? 20);
    const results: [string, Awaited<ReturnType<typeof time>>, Awaited<ReturnType<typeof time>>][] = [];
    // Each computation from the monthly totals (what the index reads) and, in the same run, from the facts scan (the baseline).
    const both = async (label: string, fn: (source: AggregateSource) => Promise<unknown>, runs: number) => {
      const t = await time(() => fn('totals'), runs);
      const f = await time(() => fn('facts'), runs);
      results.push([label, t, f]);
      console.log(label, 'totals', fmt(t.median), fmt(t.p95), 'facts', fmt(f.median), fmt(f.p95));
    };
    const provinceIndex = (period: string) => async (source: AggregateSource) =>
      (await prepare(ctx, period, idx, undefined, undefined, source)).score(province);
    await both(`province, current month ${month} (to date)`, provinceIndex(month), RUNS);
    await both(`province, last month ${prevMonth}`, provinceIndex(prevMonth), RUNS);
    await both(`province, quarter ${y}-Q${qn} (to date)`, provinceIndex(`${y}-Q${qn}`), RUNS);
    await both(`province, year ${y} (to date)`, provinceIndex(String(y)), RUNS);
    for (const p of [month, prevMonth, `${y}-Q${qn}`, String(y)]) {
      await both(
        `every unit (${units.length}), ${p}`,
        async (source) => {
          const comp = await prepare(ctx, p, idx, undefined, undefined, source);
          for (const u of units) await comp.score(u);
        },
        Math.max(3, Math.round(RUNS / 4)),
      );
    }
    // The aggregate alone (the part the totals replace), without the per-unit catalogue and petition figures beside it.
    for (const p of [month, prevMonth, `${y}-Q${qn}`, String(y)]) {
      const per = parsePeriod(p, new Date())!;
      const ap = { from: per.from, to: per.to, asOf: per.asOf, compare: 'instant' as const };
      const t = await time(() => aggregateTotals(ctx.db, ap), RUNS);
      const f = await time(() => aggregateFacts(ctx.db, ap), RUNS);
      results.push([`aggregate query only, ${p}`, t, f]);
      console.log(`aggregate ${p}`, 'totals', fmt(t.median), fmt(t.p95), 'facts', fmt(f.median), fmt(f.p95));
    }
    const loadAfter = loadavg();
    const pgVersion = (await sql<{ server_version: string }>`SHOW server_version`.execute(ctx.db)).rows[0].server_version;
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM indicator_dossier_facts WHERE received_at >= ${new Date(Date.now() - 31 * 86400_000)}`.execute(ctx.db);
    if (process.env.BENCH_INDEX_ONLY) {
      lines.push(
        ...indexLines({
          N,
          rows: rows.rows[0].n,
          deciding: deciding.length,
          codes: codes.length,
          genMs,
          totalsRows,
          totalsRebuildMs,
          loadBefore,
          loadAfter,
          results,
          pgVersion,
        }),
      );
    } else {
      // Latency: a dossier received through the dossiers API until the figures show it.
      const app = await buildApp({ ctx });
      await app.ready();
      const worker = startWorker(ctx, { info() {}, warn() {}, error: (...a: unknown[]) => console.error(...a) }, { pollMs: 500 });
      const flow = new Flow({ app, ctx } as any);
      const latencies: number[] = [];
      for (let i = 0; i < 5; i++) {
        const before = (await computeIndex(ctx, { unitId: DEMO.phuong1, period: month })).result;
        const received = (r: typeof before) => r.groups[1].indicators[0].denominator ?? 0;
        // Marriage registration takes no paper from 1/10/2025 (Chỉ thị 24/CT-TTg): the digital team submits it with the couple.
        const d = await flow.submit('congnghe.p1', '1.000894', { receivingUnitId: DEMO.ubndPhuong1, withFiles: true });
        await flow.file('motcua.p1', d.id, 'component', 'to-khai');
        await flow.act('motcua.p1', d.id, 'receive');
        const t0 = performance.now();
        for (;;) {
          const now = (await computeIndex(ctx, { unitId: DEMO.phuong1, period: month })).result;
          if (received(now) > received(before)) break;
          if (performance.now() - t0 > 30_000) throw new Error('figures did not change within 30 s');
          await new Promise((r) => setTimeout(r, 50));
        }
        latencies.push(performance.now() - t0);
      }
      await worker.stop();
      console.log('latency', latencies.map(fmt).join(', '));

      // Facts from the dossier generator through the real handler (one outbox message per dossier).
      const GEN = Number(process.env.BENCH_GENERATED ?? 2000);
      const gen = GEN > 0 ? await generateDossiers(ctx, { size: GEN, seed: 766, servicePath: 0, outbox: 'last' }) : { dossiers: 0, ms: 0 };
      const before = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_dossier_facts WHERE dossier_id NOT LIKE 'bench-%'`.execute(ctx.db))
        .rows[0].n;
      const f0 = performance.now();
      await drainOutbox(ctx, { topics: ['dossier.event', subscriberTopic('dossier.event', 'indicators'), REFRESH_TOPIC], limit: 50 }, 100_000);
      const factsMs = performance.now() - f0;
      const built =
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_dossier_facts WHERE dossier_id NOT LIKE 'bench-%'`.execute(ctx.db)).rows[0].n -
        before;
      await app.close();
      console.log(`generator: ${gen.dossiers} dossiers in ${gen.ms} ms; facts ${built} in ${factsMs.toFixed(0)} ms`);

      // The set-based rebuild (facts-rebuild.ts) over every dossier in the tables: more generated dossiers (no outbox), the
      // SQL-generated facts (which have no dossiers) removed first, then the table emptied and rebuilt.
      const MORE = Number(process.env.BENCH_REBUILD_DOSSIERS ?? 20_000);
      const more = MORE > 0 ? await generateDossiers(ctx, { size: MORE, seed: 767, servicePath: 0, outbox: 'none' }) : { dossiers: 0, ms: 0 };
      await sql`DELETE FROM indicator_dossier_facts`.execute(ctx.db);
      const dossierCount = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossiers`.execute(ctx.db)).rows[0].n;
      const rb = await rebuildFactsSetBased(ctx, { batchSize: 2000 });
      const rbRate = (rb.dossiers / rb.ms) * 1000;
      console.log(`set-based rebuild: ${rb.dossiers} dossiers, ${rb.rows} rows in ${rb.ms} ms (${Math.round(rbRate)}/s); ${rb.failed.length} failed`);

      lines.push(
        ...indexLines({
          N,
          rows: rows.rows[0].n,
          deciding: deciding.length,
          codes: codes.length,
          genMs,
          totalsRows,
          totalsRebuildMs,
          loadBefore,
          loadAfter,
          results,
          pgVersion,
        }),
        `Dossier change -> figures (receive through the API, worker polling every 500 ms, then the index recomputed): ${latencies.map(fmt).join(', ')} (median ${fmt(median(latencies))}).`,
        '',
        `The dossier generator (src/modules/dossiers/generator, bulk path, one outbox message per dossier) produced ${gen.dossiers.toLocaleString('en')} dossiers in ${(gen.ms / 1000).toFixed(1)} s;`,
        `the real 'dossier.event' handler (reload through the dossiers, national-portal, payments, warehouse and catalogue services) built ${built.toLocaleString('en')} facts rows in ${(factsMs / 1000).toFixed(1)} s`,
        `(${Math.round((built / factsMs) * 1000)} dossiers/s, one worker). That rate is why the million rows above are generated in SQL: a backfill of a million existing dossiers would take`,
        `~${Math.round(1_000_000 / Math.max(1, (built / factsMs) * 1000) / 60)} min with one worker on that path; live traffic is one message per change.`,
        '',
        `Set-based rebuild (\`rebuildFactsSetBased\`, src/modules/indicators/facts-rebuild.ts; batches of 2,000 dossiers, one query per module per batch, one INSERT ... ON CONFLICT per 500 rows):`,
        `${rb.dossiers.toLocaleString('en')} dossiers in the tables (${dossierCount.toLocaleString('en')} counted; ${more.dossiers.toLocaleString('en')} of them generated for this in ${(more.ms / 1000).toFixed(1)} s) rebuilt into ${rb.rows.toLocaleString('en')} rows in ${(rb.ms / 1000).toFixed(1)} s`,
        `(${Math.round(rbRate).toLocaleString('en')} dossiers/s, ${rb.failed.length} failed): ~${(1_000_000 / Math.max(1, rbRate) / 60).toFixed(1)} min per million at that rate (extrapolated, not run on a million dossiers: generating a million real dossiers takes longer than this run had).`,
        '',
      );
    }
  } finally {
    await handle.close();
    if (process.env.BENCH_KEEP || reuse) {
      console.log(`kept database ${name}`);
    } else {
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    }
  }
  // A kept or reused database is not a clean run: its figures are not written to docs/benchmarks.md.
  if (process.env.BENCH_KEEP || reuse) {
    console.log(lines.join('\n'));
    return;
  }
  const file = 'docs/benchmarks.md';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = lines.join('\n');
  const re = /## Indicators\n[\s\S]*?(?=\n## |$)/;
  const out = re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : doc.trimEnd() + '\n\n' + section;
  writeFileSync(file, out);
  console.log(section);
}

// Dropping the database ends any connection a module still holds; that is expected at the end.
process.on('uncaughtException', (e) => {
  if ((e as { code?: string }).code === '57P01') return;
  console.error(e);
  process.exit(1);
});

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
