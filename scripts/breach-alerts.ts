/**
 * Breach alerts (issue 12 item 3): tells the holder and the unit's leaders of every open dossier
 * that will go late within the next N working hours (default: option alertHours, 8), once per
 * dossier, window and officer. The worker runs this itself every BREACH_ALERT_MINUTES in office
 * hours (src/modules/indicators/alerts-job.ts); this script is for a run by hand:
 * `npx tsx scripts/breach-alerts.ts [--hours=N]`; the messages go out through the outbox (the running
 * service's worker sends them). Uses DATABASE_URL (the embedded database has one user at a
 * time: with it, call POST /api/v1/indicators/alerts/run instead). Exit code 0 on success.
 */
import { loadConfig, ConfigError } from '../src/config';
import { openDatabase } from '../src/db';
import { systemClock, type Ctx } from '../src/platform/context';
import { runBreachAlerts } from '../src/modules/indicators/alerts';

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
  const arg = process.argv.find((a) => a.startsWith('--hours='));
  const hours = arg ? Number(arg.split('=')[1]) : undefined;
  if (hours !== undefined && (!Number.isInteger(hours) || hours < 1 || hours > 400)) {
    process.stderr.write('--hours must be an integer from 1 to 400\n');
    return 1;
  }
  const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  try {
    const r = await runBreachAlerts(ctx, { hours });
    process.stdout.write(`Breach alerts (${r.hours} working hours): ${r.sent.length} sent, ${r.alreadySent} already sent.\n`);
    for (const s of r.sent) process.stdout.write(`  ${s.code} -> ${s.officerName} (${s.role}), ${s.points} points\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`Could not run the breach alerts: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}

process.exit(await main());
