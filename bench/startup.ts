/**
 * Startup time and idle memory: `npm run bench:startup [-- --warm-runs 3 --idle-ms 5000 --no-write]`.
 * Spawns the service as `npm start` does (tsx src/main.ts, embedded database, demo seed on) on a
 * fresh data folder, then again on the same (warm) folder; measures spawn -> /readyz 200 and the
 * resident memory (VmRSS) after a few idle seconds. Writes "## Startup and memory" in
 * docs/benchmarks.md (only that section).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, residentBytes, spawnService, waitReady } from './server-process';
import { machineDescription, writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const warmRuns = opt('warm-runs', 3);
const idleMs = opt('idle-ms', 5000);
const write = !args.includes('--no-write');

interface Run {
  kind: 'fresh' | 'warm';
  readyMs: number;
  rssBytes: number | null;
  stopMs: number;
  exitCode: number | null;
}

async function once(kind: Run['kind'], dataDir: string): Promise<Run> {
  const port = await freePort();
  const p = spawnService({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SEED: 'true', LOG_LEVEL: 'warn' });
  try {
    const readyMs = await waitReady(p, 300_000);
    await new Promise((r) => setTimeout(r, idleMs));
    const rssBytes = residentBytes(p.child.pid!);
    const t = performance.now();
    p.child.kill('SIGTERM');
    const { code } = await p.exited;
    return { kind, readyMs, rssBytes, stopMs: performance.now() - t, exitCode: code };
  } finally {
    if (p.child.exitCode === null) p.child.kill('SIGKILL');
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
const mib = (b: number | null) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(0)} MiB`);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const runs: Run[] = [];
  try {
    process.stdout.write(`fresh start (migrations + demo seed) in ${dataDir} ...\n`);
    runs.push(await once('fresh', dataDir));
    for (let i = 0; i < warmRuns; i++) {
      process.stdout.write(`warm start ${i + 1}/${warmRuns} ...\n`);
      runs.push(await once('warm', dataDir));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const fresh = runs[0]!;
  const warm = runs.slice(1);
  const rows = [
    `| fresh data folder (creates the database, runs migrations, loads the demo province) | ${ms(fresh.readyMs)} | ${mib(fresh.rssBytes)} |`,
    `| warm data folder, median of ${warm.length} (${warm.map((r) => ms(r.readyMs)).join(', ')}) | ${ms(median(warm.map((r) => r.readyMs)))} | ${mib(median(warm.map((r) => r.rssBytes ?? NaN)))} |`,
  ];
  const stops = runs.map((r) => `${ms(r.stopMs)} (exit ${r.exitCode})`).join(', ');
  const section = [
    '## Startup and memory',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:startup\` (bench/startup.ts): the service is spawned as \`npm start\` runs it`,
    `(\`tsx src/main.ts\`, embedded PGlite database, demo seed on, worker on); time from spawn to the first \`/readyz\` 200, and the`,
    `resident memory (VmRSS) after ${idleMs / 1000} s idle.`,
    `Machine: ${machineDescription()}. The machine was shared with other work, so treat the figures as upper bounds.`,
    '',
    '| start | spawn -> ready | idle resident memory |',
    '| --- | ---: | ---: |',
    ...rows,
    '',
    `SIGTERM -> exit (no requests in flight): ${stops}.`,
    '',
  ].join('\n');
  process.stdout.write(`\n${section}\n`);
  if (write) {
    process.stdout.write(`written to ${writeBenchmarkSection('## Startup and memory', section)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/startup.ts')) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
