/**
 * The breach-alert job runs in whichever process runs jobs (issue 12, loose end): with WORKER=false on
 * every web process, a worker that installs the indicators manifest (scripts/worker.ts installs them
 * all) enqueues the job's first message itself (manifest `schedules`), and two such workers give one
 * message per slot, delivered once and rescheduled once. A worker of the delivery topics only
 * (notifications/worker-process.ts) schedules nothing. PGlite, and PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { startWorker, type Worker } from '../../platform/worker';
import { indicatorsModule } from './index';
import { notificationsDelivery } from '../notifications/index';
import { BREACH_ALERTS_TOPIC } from './alerts-job';
import { quietLog, waitUntil } from '../../test/workers';

let env: TestEnv;
const workers: Worker[] = [];
const jobs = () =>
  env.ctx.db.selectFrom('outbox').select(['id', 'status', 'attempts', 'next_attempt_at']).where('topic', '=', BREACH_ALERTS_TOPIC).orderBy('id').execute();
const until = (what: string, check: () => Promise<boolean>) => waitUntil(what, check, { wake: () => workers.forEach((w) => w.wake()), state: jobs });

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-02T02:00:00Z' }); // Monday 09:00 in Vietnam
  (env.ctx.config as { breachAlertMinutes: number }).breachAlertMinutes = 15;
  await env.ctx.db.deleteFrom('outbox').where('topic', '=', BREACH_ALERTS_TOPIC).execute(); // no web process scheduled it
}, 300_000);
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await env?.close();
});

it('a delivery-only worker schedules nothing; two workers of the indicators jobs: one message per slot, run once, rescheduled once', async () => {
  const opts = { pollMs: 50, sealMs: 0, pruneMs: 0, topics: [BREACH_ALERTS_TOPIC] };
  const delivery = startWorker(env.ctx, quietLog, { ...opts, modules: [notificationsDelivery] });
  await new Promise((r) => setTimeout(r, 500));
  await delivery.stop();
  expect(await jobs()).toEqual([]);

  workers.push(
    startWorker(env.ctx, quietLog, { ...opts, modules: [indicatorsModule] }),
    startWorker(env.ctx, quietLog, { ...opts, modules: [indicatorsModule] }),
  );
  await until('the first message', async () => (await jobs()).length > 0);
  await new Promise((r) => setTimeout(r, 300));
  const slot = Math.floor((Date.parse('2026-03-02T02:00:00Z') + 15 * 60_000) / (15 * 60_000));
  expect(await jobs()).toEqual([
    { id: `${BREACH_ALERTS_TOPIC}:15:${slot}`, status: 'pending', attempts: 0, next_attempt_at: new Date('2026-03-02T02:15:00Z') },
  ]);

  env.clock.set('2026-03-02T02:15:00Z');
  await until('the slot delivered and the next scheduled', async () => (await jobs()).some((j) => j.status === 'delivered') && (await jobs()).length === 2);
  await new Promise((r) => setTimeout(r, 300));
  expect(await jobs()).toEqual([
    { id: `${BREACH_ALERTS_TOPIC}:15:${slot}`, status: 'delivered', attempts: 1, next_attempt_at: null },
    { id: `${BREACH_ALERTS_TOPIC}:15:${slot + 1}`, status: 'pending', attempts: 0, next_attempt_at: new Date('2026-03-02T02:30:00Z') },
  ]);
}, 300_000);
