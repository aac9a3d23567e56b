/**
 * Point-in-time restore of a base backup + WAL archive into a new cluster:
 *   npm run backup:restore -- --base BACKUP_DIR/base/2026-12-03T140000+0700 --archive BACKUP_DIR/wal \
 *     --at "2026-12-03 14:05" --to /srv/restore/data --port 5499 [--database dichvucong] [--expect-dossiers N]
 * --at is Vietnam time (UTC+7) unless it carries an offset. The restored server is left running
 * (promoted, writable, archive_mode off) for inspection; it prints the row counts and the audit
 * chain check, and exits 1 when the chain is broken or the dossier count is not the expected one.
 * Stop it with: pg_ctl -D <--to> stop (as the postgres user).
 */
import { resolve } from 'node:path';
import { adminUrl, type Cluster } from './pg';
import { parseRecoveryTarget, TargetError } from './target';
import { countRows, restoreToTime, verifyAudit } from './restore-lib';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(): Promise<number> {
  const base = opt('base');
  const archive = opt('archive');
  const at = opt('at');
  const to = opt('to');
  if (!base || !archive || !at || !to) {
    process.stderr.write(
      'usage: npm run backup:restore -- --base DIR --archive DIR --at "YYYY-MM-DD HH:MM" --to DIR --port PORT [--database NAME] [--expect-dossiers N]\n',
    );
    return 2;
  }
  let target;
  try {
    target = parseRecoveryTarget(at);
  } catch (e) {
    if (e instanceof TargetError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const dataDir = resolve(to);
  const cluster: Cluster = { dataDir, port: Number(opt('port') ?? 5499), socketDir: `${dataDir}.sock`, log: `${dataDir}.sock/server.log` };
  process.stdout.write(`Restoring ${base} + WAL from ${archive} to ${target.label} into ${dataDir} (port ${cluster.port})...\n`);
  const r = await restoreToTime({ base: resolve(base), archive: resolve(archive), target, cluster });
  process.stdout.write(
    `Restored in ${(r.ms / 1000).toFixed(1)} s, ${r.segmentsRestored} WAL segments from the archive; ${r.stoppedAt || 'no stop line in the log (the target is past the last transaction?)'}\n`,
  );
  const url = adminUrl(cluster, opt('database') ?? 'dichvucong');
  const counts = await countRows(url);
  process.stdout.write(`Rows: ${counts.dossiers} dossiers, ${counts.dossier_events} dossier events, ${counts.audit_log} audit entries.\n`);
  const audit = await verifyAudit(url);
  process.stdout.write(`${audit.out}\n`);
  let code = audit.code === 0 ? 0 : 1;
  const expect = opt('expect-dossiers');
  if (expect !== undefined && Number(expect) !== counts.dossiers) {
    process.stderr.write(`MISMATCH: expected ${expect} dossiers, the restored database has ${counts.dossiers}.\n`);
    code = 1;
  }
  process.stdout.write(`The restored server is running on port ${cluster.port}; stop it with: pg_ctl -D ${dataDir} stop\n`);
  return code;
}

main().then(
  (c) => process.exit(c),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
