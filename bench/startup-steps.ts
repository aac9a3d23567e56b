/**
 * Where the start goes, step by step, in one process: `npx tsx bench/startup-steps.ts [--dir D] [--drain]`.
 * Does what src/main.ts does (without the sandboxes and the HTTP listener): imports, opens PGlite in a
 * data folder (a fresh temporary one unless --dir names an existing one), builds the app, migrates,
 * loads the demo province (each module's seed timed), runs the data-ready tasks (each timed),
 * renders the home page once, then (with --drain) delivers the outbox as the worker would.
 * Prints the times and the memory (process.memoryUsage and PGlite's WASM heap) after each step.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const t0 = performance.now();
const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir') >= 0 ? args[args.indexOf('--dir') + 1] : undefined;
const drain = args.includes('--drain');
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
let last = t0;
let lastCpu = process.cpuUsage();
const cpuMs = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
const lines: string[] = [];
let wasmHeap = () => 0;
function mark(step: string) {
  const now = performance.now();
  const m = process.memoryUsage();
  const cpu = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  lines.push(
    `${step.padEnd(34)} ${String(Math.round(now - last)).padStart(7)} ms cpu ${String(cpuMs(cpu)).padStart(6)} ms (t=${String(Math.round(now - t0)).padStart(6)})  rss ${mib(m.rss)} heap ${mib(m.heapUsed)} ext ${mib(m.external)} ab ${mib(m.arrayBuffers)} wasm ${mib(wasmHeap())}`,
  );
  process.stdout.write(`${lines[lines.length - 1]}\n`);
  last = now;
}

const { loadConfig } = await import('../src/config');
const { openDatabase } = await import('../src/db');
const { migrateToLatest } = await import('../src/db/migrate');
const { seedDemoOnce } = await import('../src/db/seed');
const { systemClock } = await import('../src/platform/context');
const { runDataReadyTasks } = await import('../src/platform/startup');
mark('import platform + db + seed');
const { buildApp } = await import('../src/app');
mark('import app (every module)');

const dir = dirArg ?? mkdtempSync(join(tmpdir(), 'startup-steps-'));
const config = loadConfig({ ...process.env, DATA_DIR: dir, DEMO_SEED: 'true', NODE_ENV: 'development' } as never);
const handle = await openDatabase({ dataDir: dir });
const ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
// PGlite's WASM memory, when reachable (the embedded engine's own heap, outside the JS heap).
wasmHeap = () => handle.wasmBytes?.() ?? 0;
mark('open PGlite');
const app = await buildApp({ ctx, logger: false });
await app.ready();
mark('build app');
const applied = await migrateToLatest(handle.db);
mark(`migrate (${applied.length} applied)`);
let stepCpu = process.cpuUsage();
const seeded = await seedDemoOnce(ctx, {
  onStep: (name, ms) => {
    process.stdout.write(`  seed ${name.padEnd(28)} ${String(Math.round(ms)).padStart(7)} ms cpu ${String(cpuMs(process.cpuUsage(stepCpu))).padStart(6)} ms\n`);
    stepCpu = process.cpuUsage();
  },
});
mark(seeded ? 'demo seed' : 'demo seed (already there)');
await runDataReadyTasks(
  ctx,
  (msg, err) => process.stdout.write(`${msg}: ${String(err)}\n`),
  (name, ms) => process.stdout.write(`  task ${name.padEnd(28)} ${String(Math.round(ms)).padStart(7)} ms\n`),
);
mark('data-ready tasks');
const home = await app.inject({ url: '/' });
mark(`first render / (${home.statusCode})`);
await app.inject({ url: '/' });
mark('second render /');
if (drain) {
  const { drainOutbox } = await import('../src/platform/outbox');
  const { installJobs } = await import('../src/platform/module');
  void installJobs;
  const { sql } = await import('kysely');
  const pending = await sql<{ n: number }>`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`.execute(handle.db);
  await (drainOutbox as (ctx: unknown) => Promise<unknown>)(ctx);
  mark(`drain outbox (${pending.rows[0]!.n} pending)`);
}
global.gc?.();
mark('after gc');
process.stdout.write(`data folder: ${dir}\n`);
await app.close();
await handle.close();
