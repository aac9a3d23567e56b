/**
 * Catalogue search benchmark: a catalogue of >= 2,000 published procedures generated from the
 * demo ones, searched over HTTP (in-process app.inject: routing, validation, SQL, JSON) with
 * realistic queries (with and without diacritics, codes, filters).
 * Run: npm run bench:catalogue. Writes the figures under "## Catalogue search" in docs/benchmarks.md.
 * Env: BENCH_PROCEDURES (default 2000), BENCH_REQUESTS (default 600), BENCH_DATABASE_URL to use
 * PostgreSQL instead of the embedded PGlite.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform } from 'node:os';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { buildApp } from '../src/app';
import { systemClock, type Ctx } from '../src/platform/context';
import { fold } from '../src/platform/text';
import { DEMO_PROCEDURES } from '../src/modules/catalogue/demo-data';
import { importRecords, publishDrafts } from '../src/modules/catalogue/service';

const TARGET = Number(process.env.BENCH_PROCEDURES ?? 2000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 600);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const pct = (xs: number[], p: number) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

async function main() {
  const handle = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : { dataDir: null });
  await migrateToLatest(handle.db);
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: './data-bench' } as any);
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  await seedDemoOnce(ctx, { dossiers: false });

  // Generate variants of the demo procedures until the catalogue holds TARGET procedures.
  const t0 = Date.now();
  const extra = [];
  for (let i = 0; DEMO_PROCEDURES.length + extra.length < TARGET; i++) {
    const p = DEMO_PROCEDURES[i % DEMO_PROCEDURES.length];
    const n = Math.floor(i / DEMO_PROCEDURES.length) + 1;
    extra.push({
      ...p,
      code: `9.${String(i + 1).padStart(6, '0')}`,
      name: `${p.name} (biến thể ${n})`,
      nameEn: `${p.nameEn} (variant ${n})`,
      essential: false,
    });
  }
  for (let i = 0; i < extra.length; i += 250) {
    const batch = extra.slice(i, i + 250);
    const res = await importRecords(ctx, null, batch, 'vi');
    if (!res.ok) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
    await publishDrafts(ctx, null, {
      codes: batch.map((b) => b.code),
      decision: { number: `${9000 + i}/QĐ-UBND`, signedDate: '2025-01-02', effectiveDate: '2025-01-15' },
      disclosedOn: '2025-01-03',
    });
  }
  const total = DEMO_PROCEDURES.length + extra.length;
  const loadMs = Date.now() - t0;

  const app = await buildApp({ ctx });
  await app.ready();
  const names = DEMO_PROCEDURES.map((p) => p.name);
  const queries = [
    'khai sinh',
    'Khai Sinh',
    'đăng ký khai sinh',
    'ket hon',
    'khai tu',
    'thuong tru',
    'ly lich tu phap',
    'chung thuc',
    'dat dai',
    '1.001193',
    ...names.slice(0, 20).map((n) => fold(n).split(' ').slice(0, 4).join(' ')),
    ...names.slice(0, 10),
  ].map((q) => `/api/v1/procedures?q=${encodeURIComponent(q)}`);
  queries.push(
    '/api/v1/procedures',
    '/api/v1/procedures?level=commune&online=full',
    '/api/v1/procedures?q=dang%20ky&field=HT&page=2',
    '/api/v1/procedures?essential=true',
  );

  for (let i = 0; i < 60; i++) await app.inject({ method: 'GET', url: queries[i % queries.length] }); // warm-up
  const lat: number[] = [];
  const start = performance.now();
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await app.inject({ method: 'GET', url: queries[i % queries.length] });
    lat.push(performance.now() - t);
    if (res.statusCode !== 200) throw new Error(`${queries[i % queries.length]}: ${res.statusCode} ${res.body}`);
  }
  const seqSecs = (performance.now() - start) / 1000;
  // 8 clients in flight
  const cStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < REQUESTS) await app.inject({ method: 'GET', url: queries[next++ % queries.length] });
    }),
  );
  const conSecs = (performance.now() - cStart) / 1000;

  const cpu = cpus();
  const lines = [
    '## Catalogue search',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:catalogue\` (bench/catalogue-search.ts): ${total.toLocaleString('en')} published procedures (the ${DEMO_PROCEDURES.length} demo ones and generated variants), ` +
      `${REQUESTS} GET /api/v1/procedures requests over HTTP in-process (app.inject: routing, zod validation, SQL, JSON), cycling through ${queries.length} queries ` +
      '(names with and without diacritics, word prefixes, a national code, filters by level / online level / field, paging).',
    `Engine: ${handle.engine === 'pglite' ? 'embedded PGlite (in memory)' : 'PostgreSQL'}. Search = LIKE on folded word prefixes of a stored folded column, in-force version picked with DISTINCT ON (no extensions).`,
    `Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${platform()}. The machine was shared with other work, so treat the figures as upper bounds.`,
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| latency, median | ${fmt(pct(lat, 0.5))} |`,
    `| latency, p95 | ${fmt(pct(lat, 0.95))} |`,
    `| latency, max | ${fmt(Math.max(...lat))} |`,
    `| throughput, 1 client | ${(REQUESTS / seqSecs).toFixed(0)} requests/s |`,
    `| throughput, 8 clients in flight | ${(REQUESTS / conSecs).toFixed(0)} requests/s |`,
    `| loading ${extra.length.toLocaleString('en')} generated procedures (import + publish) | ${(loadMs / 1000).toFixed(1)} s |`,
    '',
  ];
  await app.close();
  await handle.close();
  const file = 'docs/benchmarks.md';
  const doc = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const section = lines.join('\n');
  const re = /## Catalogue search\n[\s\S]*?(?=\n## |$)/;
  const out = re.test(doc) ? doc.replace(re, section.trimEnd() + '\n') : doc.trimEnd() + '\n\n' + section;
  writeFileSync(file, out);
  console.log(section);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
