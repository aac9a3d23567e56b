/**
 * Checks the hash chain of the audit log: `npm run audit:verify`.
 * Seals the committed entries first (see src/platform/audit.ts), then checks.
 * Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service first: the embedded
 * database has one user at a time). Exit code 0 when the chain is whole, 1 when it is broken or
 * cannot be checked.
 */
import { loadConfig, ConfigError } from '../src/config';
import { openDatabase } from '../src/db';
import { verifyAuditChain } from '../src/platform/audit';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const started = Date.now();
    const r = await verifyAuditChain(handle.db);
    const where = config.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${config.DATA_DIR}`;
    if (r.ok) {
      process.stdout.write(
        `Audit log OK: ${r.checked} entries checked, the hash chain is whole; ${r.unsealed} committed after the seal, not chained yet (${where}, ${Date.now() - started} ms).\n`,
      );
      return 0;
    }
    process.stderr.write(
      `AUDIT LOG BROKEN: ${r.reason ?? 'hash chain mismatch'}.\n` +
        `  First bad chain position: ${r.firstBadSeq ?? '-'}${r.firstBadId !== undefined ? ` (entry id ${r.firstBadId})` : ''}; entries verified before it: ${r.checked}; not sealed yet: ${r.unsealed} (${where}).\n` +
        `  Entries from position ${r.firstBadSeq ?? 'there'} on cannot be trusted: compare with a backup and investigate.\n`,
    );
    return 1;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    process.stderr.write(
      `Could not check the audit log: ${msg}\n` +
        (/audit_log|audit_chain_head/.test(msg) ? '  (has the service been started once on this database, so the migrations ran?)\n' : ''),
    );
    return 1;
  } finally {
    await handle.close();
  }
}

process.exit(await main());
