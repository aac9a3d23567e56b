/**
 * Startup time and idle memory: `npm run bench:startup [-- --fresh-runs 2 --warm-runs 3 --idle-ms 10000 --no-write]`.
 * Spawns the service as `npm start` does (builds dist/main.js with scripts/build.mjs, then node on it;
 * `--tsx`: tsx src/main.ts as before the build step), embedded database, demo seed on, on a
 * fresh data folder (each fresh run its own), then again on the last one (warm); measures spawn ->
 * /readyz 200 and the resident memory (VmRSS) after `idle-ms` idle, with the machine's load average
 * at each start. Writes "## Startup and memory" in docs/benchmarks.md (only that section).
 * Where the seconds go step by step: bench/startup-steps.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, repoRoot, residentBytes, spawnService, waitReady } from './server-process';
import { machineDescription, writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const freshRuns = Math.max(1, opt('fresh-runs', 2));
const warmRuns = opt('warm-runs', 3);
const idleMs = opt('idle-ms', 10_000);
const write = !args.includes('--no-write');
const viaTsx = args.includes('--tsx');
const script = viaTsx ? 'src/main.ts' : 'dist/main.js';

interface Run {
  kind: 'fresh' | 'warm';
  readyMs: number;
  rssBytes: number | null;
  stopMs: number;
  exitCode: number | null;
  /** Load average (1 min) when the run started and when its memory was read. */
  load: [number, number];
}

async function once(kind: Run['kind'], dataDir: string): Promise<Run> {
  const port = await freePort();
  const load0 = loadavg()[0]!;
  const p = spawnService({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_SEED: 'true', LOG_LEVEL: 'warn' }, script);
  try {
    const readyMs = await waitReady(p, 300_000);
    await new Promise((r) => setTimeout(r, idleMs));
    const rssBytes = residentBytes(p.child.pid!);
    const load1 = loadavg()[0]!;
    const t = performance.now();
    p.child.kill('SIGTERM');
    const { code } = await p.exited;
    return { kind, readyMs, rssBytes, stopMs: performance.now() - t, exitCode: code, load: [load0, load1] };
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
  if (!viaTsx) execFileSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { stdio: 'inherit' });
  const dirs: string[] = [];
  const runs: Run[] = [];
  try {
    for (let i = 0; i < freshRuns; i++) {
      dirs.push(mkdtempSync(join(tmpdir(), 'bench-startup-')));
      process.stdout.write(`fresh start ${i + 1}/${freshRuns} (migrations + demo seed) in ${dirs[i]} ...\n`);
      runs.push(await once('fresh', dirs[i]!));
    }
    for (let i = 0; i < warmRuns; i++) {
      process.stdout.write(`warm start ${i + 1}/${warmRuns} ...\n`);
      runs.push(await once('warm', dirs[dirs.length - 1]!));
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const fresh = runs.filter((r) => r.kind === 'fresh');
  const warm = runs.filter((r) => r.kind === 'warm');
  const loads = (rs: Run[]) => rs.map((r) => `${r.load[0].toFixed(1)} -> ${r.load[1].toFixed(1)}`).join(', ');
  const each = (rs: Run[]) => rs.map((r) => `${ms(r.readyMs)} / ${mib(r.rssBytes)}`).join('; ');
  const rows = [
    `| fresh data folder (creates the database, runs migrations, loads the demo province), median of ${fresh.length} (${each(fresh)}) | ${ms(median(fresh.map((r) => r.readyMs)))} | ${mib(median(fresh.map((r) => r.rssBytes ?? NaN)))} | ${loads(fresh)} |`,
    `| warm data folder, median of ${warm.length} (${each(warm)}) | ${ms(median(warm.map((r) => r.readyMs)))} | ${mib(median(warm.map((r) => r.rssBytes ?? NaN)))} | ${loads(warm)} |`,
  ];
  const stops = runs.map((r) => `${ms(r.stopMs)} (exit ${r.exitCode})`).join(', ');
  const section = [
    '## Startup and memory',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:startup\` (bench/startup.ts): the service is spawned as \`npm start\` runs it`,
    `(${viaTsx ? '`tsx src/main.ts`' : "`node dist/main.js`, built by `npm start`'s prestart step (scripts/build.mjs) before the runs"}, embedded PGlite database, demo seed on, worker on); time from spawn to the first \`/readyz\` 200, and the`,
    `resident memory (VmRSS) after ${idleMs / 1000} s idle.`,
    `Machine: ${machineDescription()}. The machine was shared with other work (7 other engineers on the 2 cores; load average in the table), so treat the figures as upper bounds.`,
    `Aims (issue 15 item 5): fresh < 10 s, warm < 2 s, idle < 300 MiB.`,
    '',
    '| start | spawn -> ready | idle resident memory | load average (1 min) at start -> at the memory reading |',
    '| --- | ---: | ---: | --- |',
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
