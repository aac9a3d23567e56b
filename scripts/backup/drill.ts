/**
 * Restore drill: `npm run backup:drill -- [--at "2026-12-03 14:05"] [--dir /tmp/dichvucong-drill]
 * [--port-base 7800] [--before 20] [--after 20] [--keep] [--write docs/restore-drill.md]`.
 *
 * 1. A source cluster (initdb on port-base) with WAL archiving (scripts/backup/archive-wal.sh
 *    as archive_command, archive_timeout 60 s) and a database `dichvucong`.
 * 2. The real service (src/main.ts) on port-base+2 against it: migrations and the demo province
 *    (its dossiers go through the real use cases), worker on.
 * 3. A base backup (pg_basebackup + pg_verifybackup, as `npm run backup:base`).
 * 4. Online submissions over HTTP (POST /api/v1/dossiers, citizens logged in through the
 *    identity service as the VNeID callback does) until a few seconds before the target minute
 *    (--at, Vietnam time, within the next 30 min; default the next whole minute at least 90 s
 *    away); no writes from the drill from 5 s before the target to 5 s after it; the counts
 *    (dossiers, dossier events, audit entries) are noted in that quiet window.
 * 5. More submissions after the target (--after), then pg_switch_wal() and a wait until the
 *    segment is archived; the service and the source cluster are stopped.
 * 6. The base backup + archive restored to the target (recovery_target_time, recovery.signal,
 *    promote) into a scratch cluster on port-base+1.
 * 7. Checks: the restored dossier and event counts equal the counts at the target, and differ
 *    from the final ones (the replay stopped at the minute, not at the end); the audit chain
 *    verifies (`npm run audit:verify` on the restored database).
 * Prints a short report (and writes it with --write); exit 1 on any mismatch. Other ports used:
 * port-base+3..+10 for the service's sandboxes. Run as root, the servers run as `postgres`.
 * `--restore-offset S` restores S seconds after the target instead: a check that the drill fails
 * when the restore is not the one asked for (the count checks must report it).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db';
import { systemClock, type Ctx } from '../../src/platform/context';
import { loginCitizen } from '../../src/modules/identity/service';
import { SESSION_COOKIE } from '../../src/modules/identity/sessions';
import { loadWorld } from '../../src/modules/dossiers/generator';
import { formData } from '../../src/modules/dossiers/generator/eform-data';
import { randomPerson } from '../../src/modules/dossiers/generator/names';
import { createRng } from '../../src/modules/dossiers/generator/random';
import { DEMO_PDF } from '../../src/modules/dossiers/generator/files';
import { spawnService, waitReady, repoRoot } from '../../bench/server-process';
import { adminUrl, baseBackup, initCluster, ownedDir, query, sleep, startCluster, stopCluster, tail, type Cluster } from './pg';
import { countRows, restoreToTime, verifyAudit, type Counts } from './restore-lib';
import { fromInstant, nextMinute, parseRecoveryTarget, TargetError, type RecoveryTarget } from './target';

const args = process.argv.slice(2);
const opt = (name: string, dflt?: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);
const DB = 'dichvucong';
const QUIET_MS = 5000;
const PROCEDURE = '2.001417';

const log = (s: string) => process.stdout.write(`[${new Date().toISOString().slice(11, 19)}Z] ${s}\n`);

interface Submitter {
  submit(): Promise<boolean>;
  close(): Promise<void>;
}

/** Citizens logged in through the identity service, each submitting dossiers over HTTP. */
async function submitter(databaseUrl: string, dataDir: string, base: string, citizens: number): Promise<Submitter> {
  const handle = await openDatabase({ url: databaseUrl });
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as never);
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  const w = await loadWorld(ctx);
  const proc = w.procedures.find((p) => p.code === PROCEDURE);
  if (!proc) throw new Error(`procedure ${PROCEDURE} is not in the demo catalogue`);
  const r = createRng(2026);
  const users: { cookie: string; csrf: string; data: Record<string, unknown> }[] = [];
  for (let i = 0; i < citizens; i++) {
    const person = randomPerson(r);
    const { session } = await loginCitizen(
      ctx,
      { personalId: person.idNumber, name: person.name, address: person.address, phone: person.phone, email: person.email, birthDate: person.birthDate },
      { ip: '127.0.0.1' },
    );
    users.push({ cookie: `${SESSION_COOKIE}=${session.rawId}`, csrf: session.csrfToken, data: w.cleanForm(proc, formData(proc.eForm.schema, { person }, r))! });
  }
  const components = proc.components.filter((c) => !c.optional).map((c) => c.key);
  let n = 0;
  return {
    async submit() {
      const u = users[n++ % users.length]!;
      const form = new FormData();
      form.append('payload', JSON.stringify({ procedureCode: PROCEDURE, data: u.data }));
      for (const k of components) form.append(`file:${k}`, new Blob([DEMO_PDF], { type: 'application/pdf' }), `${k}.pdf`);
      const res = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { cookie: u.cookie, 'x-csrf-token': u.csrf }, body: form });
      const body = await res.text();
      if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${body.slice(0, 300)}`);
      return true;
    },
    close: () => handle.close(),
  };
}

/** Submits, 4 at a time, until `until` (ms since epoch) or `count` submissions, whichever first. */
async function submitWhile(s: Submitter, until: number, count: number): Promise<number> {
  let done = 0;
  let started = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (Date.now() < until && started < count) {
        started++;
        await s.submit();
        done++;
      }
    }),
  );
  return done;
}

const fmt = (c: Counts) => `${c.dossiers} dossiers, ${c.dossier_events} dossier events, ${c.audit_log} audit entries`;

async function main(): Promise<number> {
  const portBase = Number(opt('port-base', '7800'));
  const root = resolve(opt('dir', '/tmp/dichvucong-drill')!, new Date().toISOString().replace(/[:.]/g, '').slice(0, 15));
  const before = Number(opt('before', '20'));
  const after = Number(opt('after', '20'));
  let given: RecoveryTarget | undefined;
  try {
    const at = opt('at');
    given = at ? parseRecoveryTarget(at) : undefined;
  } catch (e) {
    if (e instanceof TargetError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (given) {
    const lead = given.at.getTime() - Date.now();
    if (lead < 3 * 60_000 || lead > 30 * 60_000) {
      process.stderr.write(
        `--at ${given.label}: the drill first builds its source database (1-2 min) and writes its own data before and after the target, so the target must be between 3 and 30 minutes from now. To restore an existing backup to a past minute, use npm run backup:restore.\n`,
      );
      return 2;
    }
  }
  mkdirSync(root, { recursive: true });
  await ownedDir(root, '755');
  const archive = join(root, 'wal');
  await ownedDir(archive);
  const source: Cluster = { dataDir: join(root, 'source'), port: portBase, socketDir: join(root, 'source.sock'), log: join(root, 'source.sock', 'server.log') };
  const restored: Cluster = {
    dataDir: join(root, 'restored'),
    port: portBase + 1,
    socketDir: join(root, 'restored.sock'),
    log: join(root, 'restored.sock', 'server.log'),
  };
  const appPort = portBase + 2;
  const appData = join(root, 'app-data');
  const report: string[] = [];
  const problems: string[] = [];
  let app: ReturnType<typeof spawnService> | undefined;
  let sub: Submitter | undefined;
  const t0 = Date.now();
  let target: RecoveryTarget = given ?? fromInstant(new Date());
  let sizes = '';
  log(`drill in ${root}; target ${given ? given.label : 'the next whole minute at least 60 s after the base backup'}`);
  try {
    await initCluster(source, {
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: `${join(repoRoot, 'scripts/backup/archive-wal.sh')} %p %f ${archive}`,
      archive_timeout: 60,
      max_wal_senders: 4,
      shared_buffers: '128MB',
      max_connections: 50,
    });
    await startCluster(source);
    await query(adminUrl(source), `CREATE DATABASE ${DB}`);
    const dbUrl = adminUrl(source, DB);
    const pgVersion = (await query<{ v: string }>(dbUrl, `SELECT current_setting('server_version') AS v`))[0]!.v;
    log(`source cluster on port ${source.port} (PostgreSQL ${pgVersion}), WAL archived into ${archive}`);

    const ports = ['VNEID', 'ESIGN', 'PAYMENT', 'SMTP', 'SMS', 'ZALO', 'NATIONAL_PORTAL', 'POPULATION'];
    app = spawnService({
      PORT: String(appPort),
      HOST: '127.0.0.1',
      DATABASE_URL: dbUrl,
      DATA_DIR: appData,
      DEMO_SEED: 'true',
      WORKER: 'true',
      ...Object.fromEntries(ports.map((p, i) => [`${p}_SANDBOX_PORT`, String(portBase + 3 + i)])),
    });
    const readyMs = await waitReady(app, 600_000);
    const seeded = await countRows(dbUrl);
    log(`service ready on port ${appPort} in ${(readyMs / 1000).toFixed(0)} s (migrations + demo province): ${fmt(seeded)}`);

    const b = await baseBackup({ host: '127.0.0.1', port: source.port, user: 'postgres', dir: join(root, 'base', 'backup') });
    log(`base backup in ${(b.ms / 1000).toFixed(1)} s; ${b.verified}`);
    const atBackup = await countRows(dbUrl);

    sub = await submitter(dbUrl, appData, `http://127.0.0.1:${appPort}`, 8);
    target = given ?? fromInstant(nextMinute(new Date(), 60_000));
    log(`target ${target.label}`);
    const quietFrom = target.at.getTime() - QUIET_MS;
    if (Date.now() > quietFrom - 10_000)
      throw new Error(`the service and the base backup took until ${new Date().toISOString()}: too close to the target ${target.label}; choose a later --at`);
    let beforeN = await submitWhile(sub, quietFrom, before);
    // Spread the rest of the writes up to the quiet window: a few at a time, so WAL keeps moving.
    while (Date.now() < quietFrom - 1000) {
      beforeN += await submitWhile(sub, quietFrom, 2);
      await sleep(Math.min(3000, Math.max(0, quietFrom - Date.now() - 1000)));
    }
    await sleep(Math.max(0, quietFrom + 1000 - Date.now()));
    const atTarget = await countRows(dbUrl);
    await sleep(Math.max(0, target.at.getTime() + QUIET_MS - Date.now()));
    const afterQuiet = await countRows(dbUrl);
    log(`before the target: ${beforeN} submissions over HTTP; at the target: ${fmt(atTarget)}; 5 s after it: ${fmt(afterQuiet)}`);
    if (afterQuiet.dossiers !== atTarget.dossiers || afterQuiet.dossier_events !== atTarget.dossier_events)
      problems.push('dossiers changed in the quiet window around the target (something else writes to the source database)');

    const afterN = await submitWhile(sub, Date.now() + 120_000, after);
    const final = await countRows(dbUrl);
    const [sw] = await query<{ f: string }>(dbUrl, `SELECT pg_walfile_name(pg_switch_wal()) AS f`);
    for (let i = 0; ; i++) {
      const [a] = await query<{ last: string | null; failed: string | null }>(
        dbUrl,
        `SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver`,
      );
      if (a!.last && a!.last >= sw!.f) break;
      if (i > 600) throw new Error(`WAL ${sw!.f} not archived after 60 s (last archived ${a!.last}, last failed ${a!.failed}):\n${tail(source.log)}`);
      await sleep(100);
    }
    const [dbSize] = await query<{ b: string }>(dbUrl, `SELECT pg_database_size(current_database())::text AS b`);
    const segments = readdirSync(archive).filter((f) => /^[0-9A-F]{24}$/.test(f));
    const archiveBytes = segments.reduce((a, f) => a + statSync(join(archive, f)).size, 0);
    sizes = `database ${(Number(dbSize!.b) / 2 ** 20).toFixed(0)} MiB at the end; WAL archive ${segments.length} segments, ${(archiveBytes / 2 ** 20).toFixed(0)} MiB (from initdb on, migrations and demo province included, forced switches every archive_timeout = 60 s)`;
    log(`after the target: ${afterN} more submissions; final: ${fmt(final)}; WAL switched and archived up to ${sw!.f}; ${sizes}`);
    await sub.close();
    sub = undefined;
    app.child.kill('SIGTERM');
    await app.exited;
    app = undefined;
    await stopCluster(source);
    log('service and source cluster stopped');

    // --restore-offset S (a check of the drill itself): restore to S seconds after the target,
    // which must make the count checks fail.
    const offset = Number(opt('restore-offset', '0'));
    const restoreTarget = offset ? fromInstant(new Date(target.at.getTime() + offset * 1000)) : target;
    if (offset) log(`--restore-offset ${offset}: restoring to ${restoreTarget.label} instead of the target`);
    const r = await restoreToTime({ base: b.dir, archive, target: restoreTarget, cluster: restored });
    log(`restored in ${(r.ms / 1000).toFixed(1)} s (${r.segmentsRestored} WAL segments from the archive): ${r.stoppedAt}`);
    const restUrl = adminUrl(restored, DB);
    const got = await countRows(restUrl);
    const audit = await verifyAudit(restUrl);
    log(`restored database: ${fmt(got)}; ${audit.out}`);

    const check = (ok: boolean, what: string) => {
      report.push(`| ${what} | ${ok ? 'yes' : '**NO**'} |`);
      if (!ok) problems.push(what);
    };
    report.push(
      `Run ${new Date(t0).toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run backup:drill\` (scripts/backup/drill.ts), PostgreSQL ${pgVersion}, machine ${cpus()[0]?.model ?? 'CPU'} (${cpus().length} cores), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average at the end ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')}.`,
      '',
      `Target: **${target.label}** (\`recovery_target_time = '${target.pg}'\`).`,
      '',
      '| moment | dossiers | dossier events | audit entries |',
      '| --- | ---: | ---: | ---: |',
      `| demo province loaded through the service (${(readyMs / 1000).toFixed(0)} s) | ${seeded.dossiers} | ${seeded.dossier_events} | ${seeded.audit_log} |`,
      `| base backup taken (${(b.ms / 1000).toFixed(1)} s, verified with pg_verifybackup) | ${atBackup.dossiers} | ${atBackup.dossier_events} | ${atBackup.audit_log} |`,
      `| 4 s before the target minute, after ${beforeN} online submissions over HTTP | ${atTarget.dossiers} | ${atTarget.dossier_events} | ${atTarget.audit_log} |`,
      `| 5 s after the target minute (no submissions in between; the worker runs) | ${afterQuiet.dossiers} | ${afterQuiet.dossier_events} | ${afterQuiet.audit_log} |`,
      `| end of the source, after ${afterN} more submissions | ${final.dossiers} | ${final.dossier_events} | ${final.audit_log} |`,
      `| **restored to the target** (${(r.ms / 1000).toFixed(1)} s, ${r.segmentsRestored} WAL segments from the archive) | ${got.dossiers} | ${got.dossier_events} | ${got.audit_log} |`,
      '',
      `Sizes: ${sizes}.`,
      '',
      `Replay: \`${r.stoppedAt || '(no stop line in the log)'}\``,
      '',
      `Audit check on the restored database: \`${audit.out.replace(/\n/g, ' ')}\``,
      '',
      '| check | passed |',
      '| --- | --- |',
    );
    check(got.dossiers === atTarget.dossiers, `dossier count equals the count at the target (${got.dossiers} = ${atTarget.dossiers})`);
    check(
      got.dossier_events === atTarget.dossier_events,
      `dossier event count equals the count at the target (${got.dossier_events} = ${atTarget.dossier_events})`,
    );
    // The worker keeps writing audit entries (outbox deliveries) in the quiet window, so the count
    // at the exact minute is only known to lie between the two counts taken around it.
    check(
      got.audit_log >= atTarget.audit_log && got.audit_log <= afterQuiet.audit_log,
      `audit entry count is between the counts 4 s before and 5 s after the target (${atTarget.audit_log} <= ${got.audit_log} <= ${afterQuiet.audit_log}; the worker writes in between)`,
    );
    check(got.dossiers < final.dossiers, `the replay stopped at the target, not at the end of the WAL (${got.dossiers} < ${final.dossiers} dossiers)`);
    check(got.dossiers > atBackup.dossiers, `the replay went past the base backup through the archive (${got.dossiers} > ${atBackup.dossiers} dossiers)`);
    check(audit.code === 0, 'the audit hash chain verifies (npm run audit:verify, exit 0)');
    report.push('', problems.length === 0 ? `**Drill passed** in ${((Date.now() - t0) / 1000).toFixed(0)} s.` : `**DRILL FAILED**: ${problems.join('; ')}.`);
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
    report.push('', `**DRILL FAILED**: ${problems.at(-1)}`);
    if (app) process.stderr.write(`--- service output (last lines) ---\n${app.output().split('\n').slice(-30).join('\n')}\n`);
  } finally {
    await sub?.close().catch(() => undefined);
    if (app) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await stopCluster(source);
    await stopCluster(restored);
  }
  const text = report.join('\n');
  process.stdout.write(`\n${text}\n`);
  const out = opt('write');
  if (out)
    writeFileSync(
      resolve(repoRoot, out),
      `# Restore drill (last run)\n\nWritten by \`npm run backup:drill -- --write ${out}\`; see docs/operations.md, "Backup and restore".\n\n${text}\n`,
    );
  if (problems.length === 0 && !flag('keep')) rmSync(root, { recursive: true, force: true });
  else log(`folders kept for inspection: ${root}`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (c) => process.exit(c),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
