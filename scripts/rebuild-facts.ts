/**
 * Rebuilds the indicators' facts table (indicator_dossier_facts) from the dossiers, in batches:
 * `npx tsx scripts/rebuild-facts.ts [--batch-size=N]` (default 50). After a restore, or a change of
 * the facts mapping. Uses DATABASE_URL, or the embedded database in DATA_DIR (stop the service
 * first: the embedded database has one user at a time). Idempotent; safe to run again. Exit code
 * 0 when every dossier was rebuilt, 1 otherwise (the failed dossiers are listed).
 */
import { loadConfig, ConfigError } from '../src/config';
import { openDatabase } from '../src/db';
import { systemClock, type Ctx } from '../src/platform/context';
import { rebuildAllFacts } from '../src/modules/indicators/facts-handler';

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
  const arg = process.argv.find((a) => a.startsWith('--batch-size='));
  const batchSize = arg ? Number(arg.split('=')[1]) : 50;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    process.stderr.write('--batch-size must be a positive integer\n');
    return 1;
  }
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  try {
    const r = await rebuildAllFacts(ctx, { batchSize, onBatch: (done, total) => process.stdout.write(`\r${done}/${total} dossiers`) });
    process.stdout.write(
      `\nFacts rebuilt: ${r.dossiers} dossiers, ${r.rows} rows written, ${r.removed} stale rows removed, ${r.failed.length} failed (${r.ms} ms).\n`,
    );
    for (const f of r.failed) process.stderr.write(`  ${f.id}: ${f.error}\n`);
    return r.failed.length ? 1 : 0;
  } catch (err) {
    process.stderr.write(`Could not rebuild the facts: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}

process.exit(await main());
