import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../test/harness';
import {
  backoffMs,
  claimDue,
  drainOutbox,
  enqueue,
  outboxStatus,
  registerOutboxHandler,
  retryOutboxMessage,
  runOutboxOnce,
  unregisterOutboxHandler,
} from './outbox';
import { startWorker } from './worker';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(async () => {
  await env?.close();
});
beforeEach(async () => {
  await sql`DELETE FROM outbox`.execute(env.ctx.db);
  for (const t of ['t.ok', 't.flaky', 't.fail', 't.slow']) unregisterOutboxHandler(t);
});

const quiet = { info() {}, warn() {}, error() {} };
const row = (id: string) => env.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('outbox', () => {
  it('enqueue joins the caller transaction: a rollback leaves no message', async () => {
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await enqueue(trx, { topic: 't.ok', key: 'k', payload: { a: 1 } });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect((await outboxStatus(env.ctx)).counts).toEqual({ pending: 0, delivered: 0, failed: 0 });
  });

  it('the same id enqueued twice is one message', async () => {
    await enqueue(env.ctx.db, { id: 'm-1', topic: 't.ok', key: 'k', payload: {} });
    await enqueue(env.ctx.db, { id: 'm-1', topic: 't.ok', key: 'k', payload: {} });
    expect((await outboxStatus(env.ctx)).counts.pending).toBe(1);
  });

  it('two concurrent workers deliver each message exactly once', async () => {
    const seen: string[] = [];
    registerOutboxHandler('t.ok', async (_ctx, m) => {
      seen.push(m.id);
      await new Promise((r) => setTimeout(r, Math.random() * 3));
    });
    for (let i = 0; i < 60; i++) await enqueue(env.ctx.db, { topic: 't.ok', key: `k${i % 7}`, payload: { i } });
    const [a, b] = await Promise.all([drainOutbox(env.ctx, { limit: 4 }), drainOutbox(env.ctx, { limit: 4 })]);
    expect(a.delivered + b.delivered).toBe(60);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    expect((await outboxStatus(env.ctx)).counts).toEqual({ pending: 0, delivered: 60, failed: 0 });
  });

  it('keeps the order per key, even across workers and retries', async () => {
    const got: Record<string, number[]> = {};
    let failOnce = true;
    registerOutboxHandler('t.ok', async (_ctx, m) => {
      if (m.payload.n === 2 && m.key === 'a' && failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
      (got[m.key] ??= []).push(m.payload.n);
    });
    for (let n = 1; n <= 5; n++) for (const key of ['a', 'b']) await enqueue(env.ctx.db, { topic: 't.ok', key, payload: { n } });
    const opts = { limit: 10, backoffBaseMs: 1, backoffMaxMs: 1 };
    // a round hands out only the head of each key
    const first = await claimDue(env.ctx, opts);
    expect(first.map((m) => [m.key, m.payload.n])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    await sql`UPDATE outbox SET next_attempt_at = NULL, claim_token = NULL, attempts = 0`.execute(env.ctx.db);
    for (let i = 0; i < 20; i++) {
      env.clock.advance(10);
      await Promise.all([runOutboxOnce(env.ctx, opts), runOutboxOnce(env.ctx, opts)]);
    }
    expect(got).toEqual({ a: [1, 2, 3, 4, 5], b: [1, 2, 3, 4, 5] });
  });

  it('a handler that throws is retried with backoff, then marked failed (visible), and holds back its key', async () => {
    let calls = 0;
    registerOutboxHandler(
      't.fail',
      async () => {
        calls++;
        throw new Error('national portal said 503');
      },
      { maxAttempts: 3 },
    );
    registerOutboxHandler('t.ok', async () => {});
    const id = await enqueue(env.ctx.db, { topic: 't.fail', key: 'd1', payload: {} });
    const later = await enqueue(env.ctx.db, { topic: 't.fail', key: 'd1', payload: {} });
    const other = await enqueue(env.ctx.db, { topic: 't.ok', key: 'd1', payload: {} }); // another topic: not held back
    expect(await runOutboxOnce(env.ctx)).toMatchObject({ claimed: 2, delivered: 1, retried: 1 });
    expect((await row(other)).status).toBe('delivered');
    const r1 = await row(id);
    expect(r1).toMatchObject({ status: 'pending', attempts: 1, last_error: 'Error: national portal said 503' });
    const wait = r1.next_attempt_at!.getTime() - env.clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(500);
    expect(wait).toBeLessThanOrEqual(1000);
    expect((await runOutboxOnce(env.ctx)).claimed).toBe(0); // not due yet
    env.clock.advance(1000);
    expect(await runOutboxOnce(env.ctx)).toMatchObject({ claimed: 1, retried: 1 });
    env.clock.advance(2000);
    expect(await runOutboxOnce(env.ctx)).toMatchObject({ claimed: 1, failed: 1 });
    expect(calls).toBe(3);
    env.clock.advance(3_600_000);
    expect((await runOutboxOnce(env.ctx)).claimed).toBe(0); // the later message waits behind the failed one
    const status = await outboxStatus(env.ctx, { topic: 't.fail' });
    expect(status.counts).toEqual({ pending: 1, delivered: 0, failed: 1 });
    expect(status.failures).toEqual([expect.objectContaining({ id, key: 'd1', attempts: 3, lastError: 'Error: national portal said 503' })]);
    expect((await outboxStatus(env.ctx)).byTopic['t.ok']).toEqual({ pending: 0, delivered: 1, failed: 0 });
    // an operator fixes the cause and retries: both go out, in order
    registerOutboxHandler('t.fail', async () => {});
    expect(await retryOutboxMessage(env.ctx, id)).toBe(true);
    expect(await retryOutboxMessage(env.ctx, id)).toBe(false);
    await drainOutbox(env.ctx);
    expect((await row(id)).status).toBe('delivered');
    expect((await row(later)).status).toBe('delivered');
  });

  it('a worker that dies mid-delivery (claims, never marks) leads to a retry after the lease, not a loss', async () => {
    let delivered = 0;
    registerOutboxHandler('t.ok', async () => {
      delivered++;
    });
    const id = await enqueue(env.ctx.db, { topic: 't.ok', key: 'k', payload: {} });
    const crashed = await claimDue(env.ctx, { leaseMs: 60_000 }); // the "dead" worker
    expect(crashed).toHaveLength(1);
    expect((await runOutboxOnce(env.ctx)).claimed).toBe(0); // leased
    env.clock.advance(60_001);
    expect(await runOutboxOnce(env.ctx)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await row(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(delivered).toBe(1);
  });

  it('a handler that hangs times out and is retried', async () => {
    let n = 0;
    registerOutboxHandler('t.slow', async () => {
      if (n++ === 0) await new Promise((r) => setTimeout(r, 1000));
    });
    const id = await enqueue(env.ctx.db, { topic: 't.slow', key: 'k', payload: {} });
    expect(await runOutboxOnce(env.ctx, { handlerTimeoutMs: 50 })).toMatchObject({ retried: 1 });
    expect((await row(id)).last_error).toMatch(/timed out/);
    env.clock.advance(10_000);
    expect(await runOutboxOnce(env.ctx)).toMatchObject({ delivered: 1 });
  });

  it('messages of topics without a handler wait (pending, visible)', async () => {
    await enqueue(env.ctx.db, { topic: 't.nobody', key: 'k', payload: {} });
    expect((await runOutboxOnce(env.ctx)).claimed).toBe(0);
    const s = await outboxStatus(env.ctx);
    expect(s.counts.pending).toBe(1);
    expect(s.oldestPendingAt).toBeInstanceOf(Date);
  });

  it('the worker loop delivers, and stop() lets the message in flight finish', async () => {
    env.clock.set(new Date());
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const done: number[] = [];
    registerOutboxHandler('t.slow', async (_ctx, m) => {
      if (m.payload.n === 1) await gate;
      done.push(m.payload.n);
    });
    await enqueue(env.ctx.db, { topic: 't.slow', key: 'a', payload: { n: 1 } });
    await enqueue(env.ctx.db, { topic: 't.slow', key: 'b', payload: { n: 2 } });
    const w = startWorker(env.ctx, quiet, { pollMs: 20 });
    await new Promise((r) => setTimeout(r, 200));
    const stopped = w.stop();
    release();
    await stopped;
    expect(done).toEqual([1]);
    const s = await outboxStatus(env.ctx);
    expect(s.counts).toEqual({ pending: 1, delivered: 1, failed: 0 });
    const left = await env.ctx.db.selectFrom('outbox').selectAll().where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(left).toMatchObject({ attempts: 0, next_attempt_at: null, claim_token: null }); // given back untouched
    const w2 = startWorker(env.ctx, quiet, { pollMs: 20 });
    for (let i = 0; i < 50 && done.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await w2.stop();
    expect(done).toEqual([1, 2]);
  });
});

describe('backoffMs', () => {
  it('doubles up to the cap, with jitter in [d/2, d]', () => {
    expect(backoffMs(1, 1000, 3_600_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 3_600_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 3_600_000, () => 1)).toBe(8000);
    expect(backoffMs(40, 1000, 3_600_000, () => 1)).toBe(3_600_000);
    expect(backoffMs(40, 1000, 3_600_000, () => 0)).toBe(1_800_000);
  });
});
