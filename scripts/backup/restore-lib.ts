/**
 * Point-in-time restore into a scratch cluster, and the checks of a restored database (shared by
 * `npm run backup:restore` and `npm run backup:drill`).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { adminUrl, configure, ownedDir, query, run, sleep, startCluster, tail, type Cluster } from './pg';
import type { RecoveryTarget } from './target';
import { repoRoot } from '../../bench/server-process';

export interface RestoreResult {
  ms: number;
  /** The server log's "recovery stopping before/after ..." line (where the replay stopped). */
  stoppedAt: string;
  /** The server log's "redo done at ..." line, or "" . */
  redo: string;
  /** WAL segments fetched from the archive by restore_command. */
  segmentsRestored: number;
}

/**
 * Copies the base backup into `c.dataDir`, sets restore_command (copy from the archive folder),
 * recovery_target_time and recovery_target_action = promote, creates recovery.signal, starts the
 * server and waits until the replay stopped at the target and the server was promoted.
 * archive_mode is off on the restored cluster, so it never writes into the source's archive.
 */
export async function restoreToTime(opts: { base: string; archive: string; target: RecoveryTarget; cluster: Cluster }): Promise<RestoreResult> {
  const c = opts.cluster;
  const t0 = performance.now();
  if (!existsSync(join(opts.base, 'backup_label'))) throw new Error(`${opts.base} is not a plain-format base backup (no backup_label)`);
  if (existsSync(c.dataDir)) throw new Error(`${c.dataDir} exists: restore into a new folder (nothing was changed)`);
  await ownedDir(c.socketDir, '755');
  await ownedDir(c.dataDir);
  await run('cp', ['-a', `${opts.base}/.`, c.dataDir], { asPostgres: true });
  for (const f of ['postmaster.pid', 'backup_manifest']) rmSync(join(c.dataDir, f), { force: true });
  configure(c, {
    archive_mode: 'off',
    restore_command: `cp '${opts.archive}/%f' '%p'`,
    recovery_target_time: opts.target.pg,
    recovery_target_inclusive: 'on',
    recovery_target_action: 'promote',
    recovery_target_timeline: 'latest',
  });
  await run('touch', [join(c.dataDir, 'recovery.signal')], { asPostgres: true });
  await startCluster(c).catch((e: Error) => {
    throw new Error(`${explainFailure(readLog(c.log))}${e.message}`);
  });
  // pg_ctl -w returns once connections are accepted, which with hot_standby is during the replay.
  const deadline = Date.now() + 600_000;
  for (;;) {
    let inRecovery: boolean;
    try {
      const [r] = await query<{ rec: boolean }>(adminUrl(c), 'SELECT pg_is_in_recovery() AS rec');
      inRecovery = r!.rec;
    } catch (e) {
      await sleep(500);
      if (!existsSync(join(c.dataDir, 'postmaster.pid')))
        throw new Error(`${explainFailure(readLog(c.log))}The restored server stopped during recovery:\n${tail(c.log, 12)}`);
      if (Date.now() > deadline) throw e;
      continue;
    }
    if (!inRecovery) break;
    if (Date.now() > deadline) throw new Error(`still in recovery after 10 min:\n${tail(c.log)}`);
    await sleep(200);
  }
  const log = readFileSync(c.log, 'utf8');
  const stoppedAt = /recovery stopping [^\n]*/.exec(log)?.[0] ?? '';
  const redo = /redo done at [^\n]*/.exec(log)?.[0] ?? '';
  const segmentsRestored = (log.match(/restored log file "[0-9A-F]{24}" from archive/g) ?? []).length;
  return { ms: performance.now() - t0, stoppedAt, redo, segmentsRestored };
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** A sentence for the two ways a point-in-time restore usually fails (from the server log). */
export function explainFailure(log: string): string {
  if (/recovery ended before configured recovery target was reached/.test(log)) {
    return "The WAL archive ends before the target time: the target is after the last archived segment (in the future, or archive_command was failing: check pg_stat_archiver on the source). Nothing after the base backup can be restored past the archive's end.\n";
  }
  if (/requested recovery stop point is before consistent recovery point/.test(log)) {
    return 'The target time is before this base backup ended: restore from an older base backup.\n';
  }
  return '';
}

export interface Counts {
  dossiers: number;
  dossier_events: number;
  audit_log: number;
}

export async function countRows(url: string): Promise<Counts> {
  const [r] = await query<Record<keyof Counts, string>>(
    url,
    `SELECT (SELECT count(*) FROM dossiers) AS dossiers, (SELECT count(*) FROM dossier_events) AS dossier_events, (SELECT count(*) FROM audit_log) AS audit_log`,
  );
  return { dossiers: Number(r!.dossiers), dossier_events: Number(r!.dossier_events), audit_log: Number(r!.audit_log) };
}

/** `npm run audit:verify` against a database: its exit code and its one-line answer. */
export function verifyAudit(databaseUrl: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/verify-audit.ts'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, out: out.trim() }));
  });
}
