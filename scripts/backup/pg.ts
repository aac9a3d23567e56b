/**
 * Small helpers around the PostgreSQL server programs for the backup scripts: run them as the
 * `postgres` user when we are root (PostgreSQL refuses to run as root), create, configure,
 * start and stop scratch clusters on our own port, take and verify base backups.
 * PG_BIN (default /usr/lib/postgresql/15/bin) says where the programs are.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
export const PG_OS_USER = process.env.PG_OS_USER ?? 'postgres';

export interface RunResult {
  code: number;
  out: string;
}

/** Runs a command (as PG_OS_USER when we are root); rejects with its output when it fails, unless `allowFail`. */
export function run(cmd: string, args: string[], opts: { asPostgres?: boolean; allowFail?: boolean; env?: Record<string, string> } = {}): Promise<RunResult> {
  const [file, argv] = opts.asPostgres && asRoot ? ['runuser', ['-u', PG_OS_USER, '--', cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0 && !opts.allowFail) reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}:\n${out}`));
      else resolve({ code: code ?? 1, out });
    });
  });
}

export const bin = (name: string) => join(PG_BIN, name);

/** Creates a folder the postgres user owns (PostgreSQL wants its data folder 0700 and its own). */
export async function ownedDir(dir: string, mode = '700'): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (asRoot) await run('chown', [`${PG_OS_USER}:${PG_OS_USER}`, dir]);
  await run('chmod', [mode, dir]);
}

export interface Cluster {
  dataDir: string;
  port: number;
  /** Socket folder (inside our own folders: never the system server's /var/run/postgresql). */
  socketDir: string;
  log: string;
}

export function adminUrl(c: Pick<Cluster, 'port'>, database = 'postgres'): string {
  return `postgres://postgres@127.0.0.1:${c.port}/${database}`;
}

/** initdb (trust on 127.0.0.1 only: a scratch cluster) and our settings appended to postgresql.conf. */
export async function initCluster(c: Cluster, settings: Record<string, string | number>): Promise<void> {
  await ownedDir(c.dataDir);
  await ownedDir(c.socketDir, '755');
  await run(bin('initdb'), ['-D', c.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], { asPostgres: true });
  configure(c, settings);
}

export function configure(c: Cluster, settings: Record<string, string | number>): void {
  const base = { port: c.port, listen_addresses: '127.0.0.1', unix_socket_directories: c.socketDir };
  const lines = Object.entries({ ...base, ...settings }).map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v.replace(/'/g, "''")}'`}`);
  appendFileSync(join(c.dataDir, 'postgresql.conf'), `\n# backup scripts\n${lines.join('\n')}\n`);
}

export async function startCluster(c: Cluster): Promise<void> {
  await run(bin('pg_ctl'), ['-D', c.dataDir, '-l', c.log, '-w', '-t', '300', 'start'], { asPostgres: true }).catch((e: Error) => {
    throw new Error(`${e.message}\n--- server log ---\n${tail(c.log)}`);
  });
}

export async function stopCluster(c: Cluster, mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
  if (!existsSync(join(c.dataDir, 'postmaster.pid'))) return;
  await run(bin('pg_ctl'), ['-D', c.dataDir, '-m', mode, '-w', 'stop'], { asPostgres: true, allowFail: true });
}

export function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function query<T = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

export interface BaseBackup {
  dir: string;
  /** pg_verifybackup's answer. */
  verified: string;
  ms: number;
}

/**
 * pg_basebackup in plain format with the WAL it needs streamed alongside (the backup is
 * consistent on its own; PITR beyond its end needs the WAL archive), a fast checkpoint and a
 * manifest, then pg_verifybackup against that manifest.
 */
export async function baseBackup(opts: { host: string; port: number; user: string; dir: string }): Promise<BaseBackup> {
  const t0 = performance.now();
  mkdirSync(join(opts.dir, '..'), { recursive: true });
  await ownedDir(opts.dir);
  await run(
    bin('pg_basebackup'),
    [
      '-h',
      opts.host,
      '-p',
      String(opts.port),
      '-U',
      opts.user,
      '-D',
      opts.dir,
      '-Fp',
      '-X',
      'stream',
      '-c',
      'fast',
      '--manifest-checksums=SHA256',
      '-l',
      `dichvucong ${new Date().toISOString()}`,
    ],
    { asPostgres: true },
  );
  const v = await run(bin('pg_verifybackup'), [opts.dir], { asPostgres: true });
  return { dir: opts.dir, verified: v.out.trim(), ms: performance.now() - t0 };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
