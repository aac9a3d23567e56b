/**
 * Base backup: `npm run backup:base -- [--dir /backup/base] [--host H --port P --user U] [--keep 7 --archive /backup/wal]`.
 * pg_basebackup (plain format, the WAL it needs streamed in, fast checkpoint, SHA-256 manifest)
 * into a folder named by the Vietnam time it started (2026-12-03T140500+0700), then
 * pg_verifybackup. With --keep N, removes all but the N newest base backups and, with --archive,
 * the archived WAL older than the oldest kept one (pg_archivecleanup), which is what a restore
 * of the kept backups can still need. Defaults: BACKUP_DIR/base (BACKUP_DIR default ./backups),
 * PGHOST/PGPORT/PGUSER or 127.0.0.1:5432 postgres. The user needs the REPLICATION attribute.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { baseBackup, bin, run } from './pg';
import { backupFolderName } from './target';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};

async function main(): Promise<number> {
  const root = resolve(opt('dir') ?? join(process.env.BACKUP_DIR ?? './backups', 'base'));
  const dir = join(root, backupFolderName(new Date()));
  const b = await baseBackup({
    host: opt('host', process.env.PGHOST ?? '127.0.0.1')!,
    port: Number(opt('port', process.env.PGPORT ?? '5432')),
    user: opt('user', process.env.PGUSER ?? 'postgres')!,
    dir,
  });
  const label = readFileSync(join(dir, 'backup_label'), 'utf8');
  const wal = /START WAL LOCATION: (\S+) \(file ([0-9A-F]{24})\)/.exec(label);
  process.stdout.write(`Base backup in ${dir} (${(b.ms / 1000).toFixed(1)} s), starts at WAL ${wal?.[1] ?? '?'} (file ${wal?.[2] ?? '?'}).\n${b.verified}\n`);
  const keep = opt('keep');
  if (keep !== undefined) {
    const all = readdirSync(root)
      .filter((n) => /^\d{4}-\d{2}-\d{2}T\d{6}\+0700$/.test(n))
      .sort();
    const drop = all.slice(0, Math.max(0, all.length - Number(keep)));
    for (const n of drop) rmSync(join(root, n), { recursive: true, force: true });
    if (drop.length) process.stdout.write(`Removed ${drop.length} older base backup(s): ${drop.join(', ')}.\n`);
    const archive = opt('archive');
    const oldest = all[all.length - Math.min(all.length, Number(keep))];
    if (archive && oldest) {
      const first = /START WAL LOCATION: \S+ \(file ([0-9A-F]{24})\)/.exec(readFileSync(join(root, oldest, 'backup_label'), 'utf8'))?.[1];
      if (first) {
        await run(bin('pg_archivecleanup'), [resolve(archive), first], { asPostgres: true });
        process.stdout.write(`Archived WAL before ${first} (needed by no kept backup) removed from ${archive}.\n`);
      }
    }
  }
  return 0;
}

main().then(
  (c) => process.exit(c),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
