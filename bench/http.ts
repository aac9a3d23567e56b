/**
 * Read paths over real HTTP against a bare Fastify route, in one run (issue 15, item 7):
 * `npm run bench:http [-- --seconds 5 --no-pg --no-write --section '## Title' --note 'text']`.
 * Starts the product as `npm start` runs it (src/main.ts, demo province, worker on) on a fresh
 * PGlite data folder, then on a fresh PostgreSQL database (BENCH_DATABASE_URL's server, default
 * postgres://postgres@127.0.0.1:5432/postgres), and bench/http-bare.ts; drives every path with
 * autocannon (keep-alive, anonymous, no If-None-Match: no 304; since issue 15 item 2 anonymous pages come from the per-language render cache) and writes
 * "## HTTP read paths" in docs/benchmarks.md with each figure's ratio to the bare route serving
 * a page of the same size. Listens on 21700-21719 only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { spawnService, waitReady, type ServerProcess } from './server-process';
import { machineDescription, writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const seconds = Number(opt('seconds', '5'));
const withPg = !args.includes('--no-pg');
const write = !args.includes('--no-write');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const note = opt('note', '');
const heading = opt('section', '## HTTP read paths');

const PORT = 21700;
/** The sandboxes npm start runs beside the portal, moved into this bench's port range. */
const SANDBOX_PORTS = {
  VNEID_SANDBOX_PORT: '21701',
  ESIGN_SANDBOX_PORT: '21702',
  PAYMENT_SANDBOX_PORT: '21703',
  SMTP_SANDBOX_PORT: '21704',
  SMS_SANDBOX_PORT: '21705',
  ZALO_SANDBOX_PORT: '21706',
  NATIONAL_PORTAL_SANDBOX_PORT: '21707',
  POPULATION_SANDBOX_PORT: '21708',
};
const BARE_PORT = 21710;

interface Path {
  label: string;
  path: string;
  connections: number;
}
const PATHS: Path[] = [
  { label: 'home `/`', path: '/', connections: 16 },
  { label: 'search page `/thu-tuc?q=khai+sinh`', path: '/thu-tuc?q=khai+sinh', connections: 16 },
  { label: 'procedure page `/thu-tuc/1.001193`', path: '/thu-tuc/1.001193', connections: 16 },
  { label: 'API search `/api/v1/procedures?q=khai sinh`', path: '/api/v1/procedures?q=khai%20sinh', connections: 16 },
  { label: '`/api/v1/indicators?period=2026` (4 clients)', path: '/api/v1/indicators?period=2026', connections: 4 },
  { label: 'public indicators page `/cong-khai/chi-so` (4 clients)', path: '/cong-khai/chi-so', connections: 4 },
  { label: '`/healthz`', path: '/healthz', connections: 16 },
];

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  bytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drive(url: string, connections: number, secs: number): Promise<Omit<Measure, 'bytes'>> {
  const r = await autocannon({ url, connections, duration: secs, pipelining: 1 });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

async function bodySize(url: string): Promise<number> {
  const res = await fetch(url);
  const buf = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${buf.toString('utf8').slice(0, 300)}`);
  return buf.length;
}

async function measurePaths(base: string): Promise<Map<string, Measure>> {
  const out = new Map<string, Measure>();
  for (const p of PATHS) {
    const bytes = await bodySize(base + p.path);
    await drive(base + p.path, p.connections, 1); // warm-up
    const m = await drive(base + p.path, p.connections, seconds);
    out.set(p.path, { ...m, bytes });
    process.stdout.write(`  ${p.path}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, ${bytes} B, non-2xx ${m.non2xx}\n`);
  }
  return out;
}

/**
 * The worker builds the demo dossiers' facts after ready: wait until every subscriber's copy of
 * 'dossier.event' (topic "dossier.event>name": indicators, national portal, notifications, warehouse)
 * has been delivered as often as the event itself, and the counts stop moving. Waiting for the
 * event's own count only (before) measured the read paths while the subscribers were still
 * catching up: on PGlite their queries took 60 % of the one thread during the runs (profiled 2026-12-04).
 */
async function waitFactsBuilt(base: string, maxMs = 1_200_000): Promise<void> {
  const counts = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const of = (re: RegExp) => [...text.matchAll(re)].map((m) => Number(m[1]));
    const events = of(/outbox_deliveries_total\{topic="dossier\.event",outcome="delivered"\} (\d+)/g)[0] ?? 0;
    const copies = of(/outbox_deliveries_total\{topic="dossier\.event>[^"]+",outcome="delivered"\} (\d+)/g);
    return { events, done: events > 0 && copies.length > 0 && copies.every((n) => n >= events), key: `${events}|${copies.join(',')}` };
  };
  const start = performance.now();
  let last = '';
  let stable = 0;
  while (performance.now() - start < maxMs) {
    const c = await counts();
    stable = c.done && c.key === last ? stable + 1 : 0;
    if (stable >= 3) return;
    last = c.key;
    await sleep(1000);
  }
}

async function product(label: string, env: Record<string, string>): Promise<Map<string, Measure>> {
  process.stdout.write(`${label}: starting (fresh database, demo province) ...\n`);
  const p: ServerProcess = spawnService({ PORT: String(PORT), HOST: '127.0.0.1', DEMO_SEED: 'true', LOG_LEVEL: 'warn', ...SANDBOX_PORTS, ...env });
  try {
    const readyMs = await waitReady(p, 600_000);
    process.stdout.write(`  ready in ${(readyMs / 1000).toFixed(1)} s; waiting for the worker to build the facts ...\n`);
    await waitFactsBuilt(p.url);
    return await measurePaths(p.url);
  } finally {
    p.child.kill('SIGTERM');
    await Promise.race([p.exited, sleep(15_000)]);
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
}

async function bare(sizes: number[]): Promise<Map<number, Measure>> {
  const p = spawnService({ PORT: String(BARE_PORT) }, 'bench/http-bare.ts');
  const out = new Map<number, Measure>();
  try {
    for (let i = 0; i < 200 && !p.output().includes('ready'); i++) await sleep(50);
    for (const bytes of [...new Set(sizes)]) {
      const url = `${p.url}/page/${bytes}`;
      await drive(url, 16, 1);
      const m = await drive(url, 16, seconds);
      out.set(bytes, { ...m, bytes });
      process.stdout.write(`  bare ${bytes} B: ${m.rps.toFixed(0)} req/s\n`);
    }
  } finally {
    p.child.kill('SIGTERM');
    await Promise.race([p.exited, sleep(5000)]);
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
  return out;
}

async function withBenchDatabase<T>(run: (url: string) => Promise<T>): Promise<{ result: T; version: string }> {
  const name = `bench_http_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { result: await run(url.toString()), version };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));
const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(1)} %`;

async function main() {
  const loads: string[] = [];
  const load = (when: string) =>
    loads.push(
      `${when} ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}`,
    );
  load('start');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  let lite: Map<string, Measure>;
  try {
    lite = await product('PGlite', { DATA_DIR: dataDir });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  load('after PGlite');
  let onPg: Map<string, Measure> | null = null;
  let pgVersion = '';
  if (withPg) {
    const pgDir = mkdtempSync(join(tmpdir(), 'bench-http-pg-'));
    try {
      const r = await withBenchDatabase((url) => product('PostgreSQL', { DATA_DIR: pgDir, DATABASE_URL: url }));
      onPg = r.result;
      pgVersion = r.version;
    } finally {
      rmSync(pgDir, { recursive: true, force: true });
    }
    load('after PostgreSQL');
  }
  process.stdout.write('bare Fastify route ...\n');
  const sizeOf = (path: string) => (onPg ?? lite).get(path)!.bytes;
  const bareBy = await bare(PATHS.map((p) => sizeOf(p.path)));
  load('end');

  const cell = (m: Measure | undefined, b: Measure) =>
    m ? `${fmt(m.rps)} (${pct(m.rps, b.rps)})${m.non2xx || m.errors ? ` ⚠ ${m.non2xx} non-2xx, ${m.errors} errors` : ''}` : '-';
  const rows = PATHS.map((p) => {
    const b = bareBy.get(sizeOf(p.path))!;
    const l = lite.get(p.path);
    const g = onPg?.get(p.path);
    const lat = [l, g].map((m) => (m ? `${m.p50} ms` : '-')).join(' / ');
    return `| ${p.label} | ${(sizeOf(p.path) / 1024).toFixed(1)} KB | ${fmt(b.rps)} | ${cell(l, b)} | ${cell(g, b)} | ${lat} |`;
  });
  const section = [
    heading,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:http\` (bench/http.ts), in one run: the product started as \`npm start\` runs it`,
    `(src/main.ts, fresh database, demo province with ${'2,400'} dossiers, worker on; the facts built before measuring) on PGlite, then on PostgreSQL${pgVersion ? ` ${pgVersion}` : ''} (127.0.0.1, same machine),`,
    `and a bare Fastify route (bench/http-bare.ts: no logger, no hooks) serving an HTML page of the same size as each path's answer.`,
    `autocannon ${seconds} s per path after a 1 s warm-up, keep-alive, anonymous requests without If-None-Match (no 304; every request is answered in full, anonymous pages from the per-language render cache and the indicators from their snapshot),`,
    `16 connections (4 for the indicators). Figures are requests/s; in brackets the ratio to the bare route of the same size; latency is the median (PGlite / PostgreSQL).`,
    `Machine: ${machineDescription()}. Load generator, product, database (and other work) share the same 2 cores; load average (1 / 5 / 15 min): ${loads.join('; ')}.`,
    ...(note ? [note] : []),
    '',
    '| path | answer | bare route req/s | PGlite req/s (ratio) | PostgreSQL req/s (ratio) | p50 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    'Aims (issue 15): public pages and API search at least 20 % of the bare route on PostgreSQL and 10 % on PGlite; the public indicator page at least 10 %.',
    '',
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (write) writeBenchmarkSection(heading, section);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
