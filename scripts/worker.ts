/**
 * The stand-alone job worker: every module's outbox handlers and scheduled jobs (the manifests of
 * src/manifests.ts), no HTTP. Run it when the web processes run with WORKER=false (docs/operations.md);
 * one or several, on any machine: messages are claimed with FOR UPDATE SKIP LOCKED, and a scheduled
 * job (e.g. the breach alerts, BREACH_ALERT_MINUTES) has one message per time slot, so it runs once
 * per slot in the cluster whatever the number of workers. The notifications delivery worker
 * (src/modules/notifications/worker-process.ts) runs only the delivery topics.
 * Run: DATABASE_URL=postgres://... npx tsx scripts/worker.ts  (WORKER_POLL_MS, default 500)
 */
import pino from 'pino';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { MODULES } from '../src/manifests';
import { systemClock, type Ctx } from '../src/platform/context';
import { startWorker } from '../src/platform/worker';

const config = loadConfig(process.env);
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const log = pino({ level: config.LOG_LEVEL });
const handle = await openDatabase({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
const worker = startWorker(ctx, log, { modules: MODULES, pollMs: Number(process.env.WORKER_POLL_MS ?? 500) });
log.info('job worker ready');
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, async () => {
    await worker.stop();
    await handle.close();
    process.exit(0);
  });
