/**
 * A stand-alone delivery worker (a separate process): the kill test and the outbox benchmark
 * start it, SIGKILL it mid-delivery, and start another. Settings from the environment
 * (DATABASE_URL required; SMS_/ZALO_/SMTP_ settings; WORKER_LEASE_MS, WORKER_POLL_MS).
 */
import { loadConfig } from '../../config';
import { openDatabase } from '../../db';
import { systemClock, type Ctx } from '../../platform/context';
import { startWorker } from '../../platform/worker';
import { notificationsDelivery } from './index';

const config = loadConfig(process.env);
if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required');
const handle = await openDatabase({ url: config.DATABASE_URL });
const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
const quiet = { info: () => {}, warn: () => {}, error: (o: unknown, m?: string) => process.stderr.write(`${m ?? ''} ${JSON.stringify(o)}\n`) };
const worker = startWorker(ctx, quiet as any, {
  modules: [notificationsDelivery],
  pollMs: Number(process.env.WORKER_POLL_MS ?? 50),
  leaseMs: Number(process.env.WORKER_LEASE_MS ?? 3000),
  limit: Number(process.env.WORKER_BATCH ?? 10),
  topics: ['deliver.email', 'deliver.sms', 'deliver.zalo'],
});
process.stdout.write('worker ready\n');
process.on('SIGTERM', async () => {
  await worker.stop();
  await handle.close();
  process.exit(0);
});
