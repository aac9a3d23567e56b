/**
 * Answers serialized through their schemas (issue 16 item 4): `npm run bench:serialize [-- --seconds 5 --rounds 3 --no-write]`.
 * Takes one real, large answer - a full page (100 hits) of GET /api/v1/procedures from the demo province's catalogue,
 * its 45 procedures cycled to fill the page - and serves it from bench/serialize-server.ts (a child process) through
 * api() with the route's response schema (fast-json-stringify) and without (JSON.stringify), alternating the two in
 * rounds with autocannon; the figure is requests per second as a ratio to the unserialized baseline of the same run.
 * Also times the two serializers alone, in this process. Writes "## Answers serialized through their schemas" in
 * docs/benchmarks.md. Listens on 5000 only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import fastJson from 'fast-json-stringify';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { buildApp } from '../src/app';
import { systemClock, type Ctx } from '../src/platform/context';
import { serializationSchema } from '../src/platform/http/api';
import { searchResponse } from '../src/modules/catalogue/routes';
import { repoRoot } from './server-process';
import { machineDescription, writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const seconds = Number(opt('seconds', '2'));
const rounds = Number(opt('rounds', '9'));
const write = !args.includes('--no-write');
const PORT = 5000;
const CONNECTIONS = 16;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function realAnswer(): Promise<{ total: number; page: number; pageSize: number; items: unknown[] }> {
  const handle = await openDatabase({ dataDir: null });
  await migrateToLatest(handle.db);
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: './data-bench' } as never);
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  await seedDemoOnce(ctx, { dossiers: false });
  const app = await buildApp({ ctx });
  const res = await app.inject({ method: 'GET', url: '/api/v1/procedures?pageSize=100' });
  if (res.statusCode !== 200) throw new Error(`search answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const page = res.json() as { total: number; page: number; pageSize: number; items: { code: string }[] };
  await app.close();
  await handle.close();
  const items = Array.from({ length: 100 }, (_, i) => {
    const hit = page.items[i % page.items.length]!;
    return i < page.items.length ? hit : { ...hit, code: `${hit.code}.${Math.floor(i / page.items.length)}` };
  });
  return { ...page, total: Math.max(page.total, 100), pageSize: 100, items };
}

function serializersAlone(answer: unknown): { fjs: number; json: number } {
  const fjs = fastJson(serializationSchema(searchResponse) as never);
  const time = (f: () => string) => {
    for (let i = 0; i < 2000; i++) f();
    const t0 = process.hrtime.bigint();
    let n = 0;
    while (process.hrtime.bigint() - t0 < 2_000_000_000n) {
      for (let i = 0; i < 200; i++) f();
      n += 200;
    }
    return n / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  return { fjs: time(() => fjs(answer)), json: time(() => JSON.stringify(answer)) };
}

async function main() {
  process.stdout.write('seeding the demo catalogue and taking a search page ...\n');
  const answer = await realAnswer();
  const dir = mkdtempSync(join(tmpdir(), 'bench-serialize-'));
  const file = join(dir, 'answer.json');
  writeFileSync(file, JSON.stringify(answer));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/serialize-server.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(PORT), ANSWER_FILE: file },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  try {
    for (let i = 0; i < 1200 && !out.includes('ready'); i++) await sleep(50);
    if (!out.includes('ready')) throw new Error('the bench server did not start');
    const base = `http://127.0.0.1:${PORT}`;
    const [withBody, withoutBody] = await Promise.all(['/with', '/without'].map(async (p) => (await fetch(base + p)).text()));
    if (JSON.stringify(JSON.parse(withBody!)) !== JSON.stringify(JSON.parse(withoutBody!))) throw new Error('the two routes answer different JSON');
    const bytes = Buffer.byteLength(withBody!);
    const rps: Record<'with' | 'without', number[]> = { with: [], without: [] };
    for (const p of ['without', 'with'] as const) await autocannon({ url: `${base}/${p}`, connections: CONNECTIONS, duration: 1 });
    for (let r = 0; r < rounds; r++) {
      for (const p of r % 2 === 0 ? (['without', 'with'] as const) : (['with', 'without'] as const)) {
        const res = await autocannon({ url: `${base}/${p}`, connections: CONNECTIONS, duration: seconds });
        if (res.non2xx || res.errors || res.timeouts) throw new Error(`/${p}: ${res.non2xx} non-2xx, ${res.errors} errors, ${res.timeouts} timeouts`);
        rps[p].push(res.requests.average);
        process.stdout.write(`  round ${r + 1} /${p}: ${fmt(res.requests.average)} requests/s\n`);
      }
    }
    const alone = serializersAlone(answer);
    const w = median(rps.with);
    const wo = median(rps.without);
    // the load of the shared machine drifts between rounds: the figure is the median of each round's pair
    const ratios = rps.with.map((x, i) => x / rps.without[i]!);
    const ratio = median(ratios);
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    const today = new Date().toISOString().slice(0, 10);
    const section = `## Answers serialized through their schemas

Measured ${today} with \`npm run bench:serialize\` (bench/serialize.ts): one real answer, a full page of the procedure search
(\`GET /api/v1/procedures?pageSize=100\` on the demo catalogue, its 45 procedures cycled to 100 hits; ${fmt(bytes)} bytes of JSON),
served by bench/serialize-server.ts through \`api()\` with the route's \`response\` schema (Fastify's fast-json-stringify) and without
(JSON.stringify), nothing else differing (no logger, hooks or plugins); autocannon, ${CONNECTIONS} keep-alive connections, ${rounds} rounds of
${seconds} s per route alternating the order; the ratio is the median of the rounds' ratios (each round's two routes ran back to back). The serializers alone: the same answer in one thread, 2 s each.
Machine: ${machineDescription()}. The machine was shared with other jobs while this ran (load average ${load} at the end, on
2 cores), so the absolute figures are low and noisy; the ratio compares the two routes in the same run.

| route | requests/s (median) | rounds | ratio to the unserialized baseline (median of the rounds) |
| --- | ---: | --- | ---: |
| without a response schema (JSON.stringify) | ${fmt(wo)} | ${rps.without.map(fmt).join(', ')} | 1.00 |
| with the response schema (fast-json-stringify) | ${fmt(w)} | ${rps.with.map(fmt).join(', ')} | ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}) |

| serializer alone | answers/s | ratio |
| --- | ---: | ---: |
| JSON.stringify | ${fmt(alone.json)} | 1.00 |
| fast-json-stringify from the response schema | ${fmt(alone.fjs)} | ${(alone.fjs / alone.json).toFixed(2)} |
`;
    process.stdout.write(`\n${section}\n`);
    if (write) process.stdout.write(`written to ${writeBenchmarkSection('## Answers serialized through their schemas', section)}\n`);
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
