/**
 * Kill the worker mid-delivery: nothing lost, nothing sent twice. On PostgreSQL
 * (TEST_DATABASE_URL) a separate worker process is SIGKILLed while the SMS gateway holds its
 * request; a second process takes over when the lease runs out. On PGlite (one process), the
 * same is simulated: a claimed message whose send reached the gateway is never marked, and
 * the lease expiry hands it to the next round.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { startSandboxSms, type GatewaySandbox } from '../../../sandbox/sms/server';
import { claimDue, runOutboxOnce } from '../../platform/outbox';
import { notify } from './service';
import { sendSms } from './channels';

const N = 8;
let env: TestEnv;
let sms: GatewaySandbox;
const children: ChildProcess[] = [];

beforeAll(async () => {
  env = await createTestEnv({ seed: false });
  sms = await startSandboxSms({ port: 0, token: env.ctx.config.sms.token });
  env.ctx.config.sms.url = sms.url;
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await sms?.close();
  await env?.close();
});

async function enqueueMessages(): Promise<string[]> {
  for (let i = 0; i < N; i++) {
    await notify(env.ctx, {
      sourceId: `kill-test-${i}`,
      kind: 'received',
      recipient: {
        personId: null,
        name: `Người ${i}`,
        email: null,
        phone: `09120000${String(i).padStart(2, '0')}`,
        lang: 'vi',
        wants: { email: false, sms: true, zalo: false, inbox: false },
      },
      params: { code: `K-${i}`, procedure: 'Thử', appointment: '', link: '' },
    });
  }
  return (await env.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'deliver.sms').execute()).map((r) => r.id);
}

function spawnWorker(dbUrl: string): ChildProcess {
  const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const c = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: dbUrl,
      SMS_MODE: 'real',
      SMS_URL: sms.url,
      SMS_TOKEN: env.ctx.config.sms.token,
      WORKER_LEASE_MS: '2000',
      WORKER_POLL_MS: '50',
      WORKER_BATCH: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(c);
  return c;
}

const until = async (cond: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('timed out waiting');
};

function checkExactlyOnce(ids: string[]) {
  const keys = sms.messages.map((m) => m.key).sort();
  expect(keys).toEqual([...ids].sort()); // nothing lost, nothing twice
  expect(new Set(keys).size).toBe(N);
}

describe('a worker killed mid-delivery', () => {
  it('loses nothing and sends nothing twice', async () => {
    const ids = await enqueueMessages();
    expect(ids).toHaveLength(N);
    let inFlightKey: string | undefined;
    if (env.ctx.engine === 'postgres') {
      const db = (await sql<{ d: string }>`SELECT current_database() AS d`.execute(env.ctx.db)).rows[0]!.d;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${db}`;
      sms.faults.delayMs = 1500;
      const first = spawnWorker(url.toString());
      await until(() => sms.inFlight() > 0, 20_000);
      inFlightKey = sms.attempts.at(-1)!.key;
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      sms.faults.delayMs = 0;
      const second = spawnWorker(url.toString());
      await until(
        async () =>
          (await env.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'deliver.sms').where('status', '<>', 'delivered').execute()).length === 0,
        30_000,
      );
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    } else {
      // One process: the "dead" worker claimed a message with a lease and its send reached the gateway.
      const [claimed] = await claimDue(env.ctx, { topics: ['deliver.sms'], limit: 1, leaseMs: 2000 });
      inFlightKey = claimed!.id;
      await env.ctx.db
        .insertInto('notification_deliveries')
        .values({
          outbox_id: claimed!.id,
          notification_id: claimed!.payload.notificationId,
          channel: 'sms',
          recipient: claimed!.payload.to,
          status: 'sending',
          started_at: env.clock.now(),
        })
        .execute();
      await sendSms(env.ctx.config, {
        key: claimed!.id,
        to: claimed!.payload.to,
        subject: '',
        body: claimed!.payload.body,
        templateId: 'received',
        params: {},
      });
      // ... and it died there. Another worker delivers the rest; the claimed message waits for its lease.
      for (let i = 0; i < 20; i++) await runOutboxOnce(env.ctx, { topics: ['deliver.sms'] });
      expect((await env.ctx.db.selectFrom('outbox').select('status').where('id', '=', claimed!.id).executeTakeFirstOrThrow()).status).toBe('pending');
      env.clock.advance(2001);
      for (let i = 0; i < 5; i++) await runOutboxOnce(env.ctx, { topics: ['deliver.sms'] });
    }
    checkExactlyOnce(ids);
    // The message in flight at the kill was sent again with the same key and absorbed by the gateway.
    expect(sms.attempts.filter((a) => a.key === inFlightKey).length).toBe(2);
    const rows = await env.ctx.db.selectFrom('notification_deliveries').select(['status']).execute();
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(N);
    const outbox = await env.ctx.db.selectFrom('outbox').select(['status']).where('topic', '=', 'deliver.sms').execute();
    expect(outbox.every((o) => o.status === 'delivered')).toBe(true);
  }, 60_000);
});
