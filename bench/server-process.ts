/**
 * Starts the real service (`src/main.ts`) in a child process, for the shutdown test and the
 * startup benchmark: a free port, a data folder, wait for /readyz.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `node --import tsx <script>` for a TypeScript script, `node --enable-source-maps <script>` for
 * a built one (dist/main.js: what `npm start` runs after its build step, without npm in between).
 */
export function spawnService(env: Record<string, string>, script = 'src/main.ts'): ServerProcess {
  const port = Number(env.PORT ?? 0);
  // The embedded database in DATA_DIR unless the caller passes DATABASE_URL itself.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [...(script.endsWith('.js') ? ['--enable-source-maps'] : ['--import', 'tsx']), script], {
    cwd: repoRoot,
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

/** Polls /readyz until 200; returns the milliseconds waited. Throws if the process exits or time runs out. */
export async function waitReady(p: ServerProcess, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  let gone = false;
  void p.exited.then(() => (gone = true));
  while (performance.now() - started < timeoutMs) {
    if (gone) throw new Error(`the service exited before it was ready:\n${p.output()}`);
    try {
      const res = await fetch(`${p.url}/readyz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${p.output()}`);
}

/** Resident memory of a process in bytes (Linux /proc). */
export function residentBytes(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
