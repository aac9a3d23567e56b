/**
 * The transactional outbox. CONTRACT (implemented by the platform work): enqueue inside the
 * transaction of the change; the worker delivers each message to the handler of its topic,
 * at least once with retries and backoff, in order per key; handlers must be idempotent
 * (they receive the message id to deduplicate on).
 *
 * Delivery is AT LEAST ONCE: a worker that dies after the handler's side effect but before it
 * marks the message delivered leaves it to be delivered again when its lease runs out. An
 * idempotent handler (one that records `msg.id`, or sends it as the idempotency key to the
 * remote system, and does nothing the second time) turns that into an EXACTLY-ONCE EFFECT.
 *
 * Ordering: per (topic, key), a message is never handed out while an earlier message of the
 * same topic and key is not delivered (pending, in flight or failed). A failed message thus
 * holds back the later ones of its key until an operator retries it (`retryOutboxMessage`).
 * Keys are per topic so that, say, a failing SMS never blocks the national-portal sync.
 *
 * Claiming uses `FOR UPDATE SKIP LOCKED` and a lease (`next_attempt_at` moves to now + lease
 * while a worker holds the message), so several workers share the work without waiting on each
 * other and the handler runs outside any database transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Ctx } from './context';
import { countDelivery } from './outbox-metrics';

export interface OutboxMessage {
  topic: string; // e.g. "notify.dossier_received", "national_portal.sync"
  key: string; // ordering key, e.g. the dossier id
  payload: Record<string, unknown>;
  /** Optional id: enqueueing the same id twice stores one message (idempotent producers). */
  id?: string;
  /** Do not deliver before this instant. */
  notBefore?: Date;
}

export type OutboxHandler = (ctx: Ctx, msg: { id: string; topic: string; key: string; payload: any; attempts: number }) => Promise<void>;

export interface HandlerOptions {
  /** Attempts before the message is marked failed (default 10). */
  maxAttempts?: number;
}

const handlers = new Map<string, { handler: OutboxHandler; opts: HandlerOptions }>();

export function registerOutboxHandler(topic: string, handler: OutboxHandler, opts: HandlerOptions = {}) {
  handlers.set(topic, { handler, opts });
}
export function outboxHandler(topic: string): OutboxHandler | undefined {
  return handlers.get(topic)?.handler;
}
export function unregisterOutboxHandler(topic: string) {
  handlers.delete(topic);
}
/** Topics that have a handler in this process: the worker only claims those. */
export function registeredTopics(): string[] {
  return [...handlers.keys()];
}

/**
 * The INSERT of several messages (each with its id), not yet run: a caller that writes many rows
 * at once puts it in one statement with its own (e.g. as a WITH query); `enqueue` runs it alone.
 */
export function enqueueQuery(db: Kysely<Database>, msgs: (OutboxMessage & { id: string })[]) {
  return db
    .insertInto('outbox')
    .values(msgs.map((m) => ({ id: m.id, topic: m.topic, key: m.key, payload: JSON.stringify(m.payload ?? {}), next_attempt_at: m.notBefore ?? null })))
    .onConflict((oc) => oc.column('id').doNothing());
}

/** Stores a message in the caller's transaction; returns its id. */
export async function enqueue(db: Kysely<Database>, msg: OutboxMessage): Promise<string> {
  const id = msg.id ?? randomUUID();
  await enqueueQuery(db, [{ ...msg, id }]).execute();
  return id;
}

export interface DeliveryOptions {
  /** Messages claimed per round (default 10). */
  limit?: number;
  /** How long a claimed message stays with its worker before another may take it (default 120 s). */
  leaseMs?: number;
  /** A handler running longer than this counts as a failure (default 80% of the lease). */
  handlerTimeoutMs?: number;
  /** Default maximum attempts (a handler's own option wins; default 10). */
  maxAttempts?: number;
  /** Backoff: base and cap (defaults 1 s and 1 h). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Only these topics (default: every registered topic). */
  topics?: string[];
  /** Checked between messages: when true, the rest of the claimed batch is released. */
  shouldStop?: () => boolean;
  random?: () => number;
  /** Told of every failed attempt (the worker logs one line per failure with these fields). */
  onFailure?: (f: DeliveryFailure) => void;
}

/** One failed attempt: what an operator needs to see (issue 13.6). */
export interface DeliveryFailure {
  id: string;
  topic: string;
  key: string;
  attempts: number;
  maxAttempts: number;
  error: string;
  /** retry: tried again at nextAttemptAt; failed: out of attempts, waits for an operator. */
  outcome: 'retry' | 'failed';
  nextAttemptAt: Date | null;
}

export interface ClaimedMessage {
  id: string;
  seq: number;
  topic: string;
  key: string;
  payload: any;
  attempts: number;
  claimToken: string;
}

/** Exponential backoff with jitter: a random delay in [d/2, d], d = min(cap, base * 2^(attempts-1)). */
export function backoffMs(attempts: number, baseMs = 1000, maxMs = 3_600_000, random: () => number = Math.random): number {
  const d = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(d / 2 + (d / 2) * random());
}

/** Takes up to `limit` due messages (oldest first, respecting per-key order) for this worker. */
export async function claimDue(ctx: Ctx, opts: DeliveryOptions = {}): Promise<ClaimedMessage[]> {
  const topics = opts.topics ?? registeredTopics();
  if (topics.length === 0) return [];
  const now = ctx.clock.now();
  const leaseUntil = new Date(now.getTime() + (opts.leaseMs ?? 120_000));
  const token = randomUUID();
  const r = await sql<{ id: string; seq: number; topic: string; key: string; payload: unknown; attempts: number }>`
    WITH due AS (
      SELECT o.id FROM outbox o
      WHERE o.status = 'pending'
        AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ${now})
        AND o.topic IN (${sql.join(topics)})
        AND NOT EXISTS (
          SELECT 1 FROM outbox e
          WHERE e.topic = o.topic AND e.key = o.key AND e.seq < o.seq AND e.status NOT IN ('delivered', 'given_up'))
      ORDER BY o.seq
      LIMIT ${opts.limit ?? 10}
      FOR UPDATE OF o SKIP LOCKED
    )
    UPDATE outbox m SET next_attempt_at = ${leaseUntil}, claim_token = ${token}, attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.seq, m.topic, m.key, m.payload, m.attempts`.execute(ctx.db);
  return r.rows
    .map((m) => ({ ...m, seq: Number(m.seq), payload: typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload, claimToken: token }))
    .sort((a, b) => a.seq - b.seq);
}

/** Gives claimed messages back (a stopping worker), as if they had not been attempted. */
export async function releaseClaimed(ctx: Ctx, msgs: ClaimedMessage[]): Promise<void> {
  for (const m of msgs) {
    await ctx.db
      .updateTable('outbox')
      .set({ next_attempt_at: null, claim_token: null, attempts: sql<number>`attempts - 1` as any })
      .where('id', '=', m.id)
      .where('claim_token', '=', m.claimToken)
      .where('status', '=', 'pending')
      .execute();
  }
}

export type DeliveryResult = 'delivered' | 'retry' | 'failed' | 'lost-lease';

/** Runs the handler of one claimed message and records the outcome. */
export async function deliverClaimed(ctx: Ctx, m: ClaimedMessage, opts: DeliveryOptions = {}): Promise<DeliveryResult> {
  const entry = handlers.get(m.topic);
  const timeoutMs = opts.handlerTimeoutMs ?? Math.floor((opts.leaseMs ?? 120_000) * 0.8);
  let error: string | null = null;
  try {
    if (!entry) throw new Error(`no handler for topic ${m.topic}`);
    await withTimeout(entry.handler(ctx, { id: m.id, topic: m.topic, key: m.key, payload: m.payload, attempts: m.attempts }), timeoutMs);
  } catch (err) {
    error = errorText(err);
  }
  const now = ctx.clock.now();
  // `returning` rather than numUpdatedRows: the PGlite pool does not report affected rows to Kysely.
  const mine = async (q: any): Promise<boolean> =>
    (await q.where('id', '=', m.id).where('claim_token', '=', m.claimToken).where('status', '=', 'pending').returning('id').execute()).length === 1;
  const outcome = await recordOutcome();
  countDelivery(m.topic, outcome);
  return outcome;

  async function recordOutcome(): Promise<DeliveryResult> {
    if (error === null) {
      const ok = await mine(
        ctx.db
          .updateTable('outbox')
          .set({ status: 'delivered', delivered_at: now, next_attempt_at: null, claim_token: null, last_error: null, last_attempt_at: now }),
      );
      return ok ? 'delivered' : 'lost-lease';
    }
    const max = entry?.opts.maxAttempts ?? opts.maxAttempts ?? 10;
    const failure = { id: m.id, topic: m.topic, key: m.key, attempts: m.attempts, maxAttempts: max, error };
    if (m.attempts >= max) {
      const ok = await mine(
        ctx.db.updateTable('outbox').set({ status: 'failed', next_attempt_at: null, claim_token: null, last_error: error, last_attempt_at: now }),
      );
      if (ok) opts.onFailure?.({ ...failure, outcome: 'failed', nextAttemptAt: null });
      return ok ? 'failed' : 'lost-lease';
    }
    const next = new Date(now.getTime() + backoffMs(m.attempts, opts.backoffBaseMs, opts.backoffMaxMs, opts.random));
    const ok = await mine(ctx.db.updateTable('outbox').set({ next_attempt_at: next, claim_token: null, last_error: error, last_attempt_at: now }));
    if (ok) opts.onFailure?.({ ...failure, outcome: 'retry', nextAttemptAt: next });
    return ok ? 'retry' : 'lost-lease';
  }
}

export interface RoundResult {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** One round: claim due messages and deliver them in order. For the worker loop and for tests. */
export async function runOutboxOnce(ctx: Ctx, opts: DeliveryOptions = {}): Promise<RoundResult> {
  const claimed = await claimDue(ctx, opts);
  const res: RoundResult = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
  for (let i = 0; i < claimed.length; i++) {
    if (opts.shouldStop?.()) {
      await releaseClaimed(ctx, claimed.slice(i));
      break;
    }
    const out = await deliverClaimed(ctx, claimed[i]!, opts);
    if (out === 'delivered') res.delivered++;
    else if (out === 'retry') res.retried++;
    else if (out === 'failed') res.failed++;
  }
  return res;
}

/** Rounds until nothing is due (tests). */
export async function drainOutbox(ctx: Ctx, opts: DeliveryOptions = {}, maxRounds = 1000): Promise<RoundResult> {
  const total: RoundResult = { claimed: 0, delivered: 0, retried: 0, failed: 0 };
  for (let i = 0; i < maxRounds; i++) {
    const r = await runOutboxOnce(ctx, opts);
    total.claimed += r.claimed;
    total.delivered += r.delivered;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.claimed === 0) break;
  }
  return total;
}

export interface OutboxFailure {
  id: string;
  topic: string;
  key: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

type StatusCounts = { pending: number; delivered: number; failed: number };
export interface OutboxStatusView {
  counts: StatusCounts;
  byTopic: Record<string, StatusCounts>;
  /** Messages an operator gave up (not in `counts`). */
  givenUp: number;
  oldestPendingAt: Date | null;
  failures: OutboxFailure[];
}

/** Counts by status (and topic), the age of the oldest pending message, and the failed messages. */
export async function outboxStatus(ctx: Ctx, filter: { topic?: string; failuresLimit?: number } = {}): Promise<OutboxStatusView> {
  let q = ctx.db
    .selectFrom('outbox')
    .select(['topic', 'status', sql<number>`count(*)`.as('n'), sql<Date | null>`min(created_at) FILTER (WHERE status = 'pending')`.as('oldest')])
    .groupBy(['topic', 'status']);
  if (filter.topic) q = q.where('topic', '=', filter.topic);
  const rows = await q.execute();
  const view: OutboxStatusView = { counts: { pending: 0, delivered: 0, failed: 0 }, byTopic: {}, givenUp: 0, oldestPendingAt: null, failures: [] };
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === 'given_up') {
      view.givenUp += n;
      continue;
    }
    const t = (view.byTopic[r.topic] ??= { pending: 0, delivered: 0, failed: 0 });
    t[r.status] += n;
    view.counts[r.status] += n;
    const oldest = r.oldest ? new Date(r.oldest) : null;
    if (oldest && (!view.oldestPendingAt || oldest < view.oldestPendingAt)) view.oldestPendingAt = oldest;
  }
  let f = ctx.db
    .selectFrom('outbox')
    .select(['id', 'topic', 'key', 'attempts', 'last_error', 'created_at'])
    .where('status', '=', 'failed')
    .orderBy('seq')
    .limit(filter.failuresLimit ?? 100);
  if (filter.topic) f = f.where('topic', '=', filter.topic);
  view.failures = (await f.execute()).map((r) => ({
    id: r.id,
    topic: r.topic,
    key: r.key,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
  }));
  return view;
}

/**
 * An operator's "try again": a failed or given-up message, or one waiting for its next retry
 * (not held by a worker, not already due), goes back to pending, due now, attempts reset.
 */
export async function retryOutboxMessage(ctx: Ctx, id: string, db: Kysely<Database> = ctx.db): Promise<boolean> {
  const now = ctx.clock.now();
  const r = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: null, claim_token: null })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['failed', 'given_up']),
        eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null), eb('claim_token', 'is', null), eb('next_attempt_at', '>', now)]),
      ]),
    )
    .returning('id')
    .execute();
  return r.length === 1;
}

/** An operator's "give up": a failed message, or one still retrying, stops for good and no longer holds back its key. */
export async function giveUpOutboxMessage(ctx: Ctx, id: string, db: Kysely<Database> = ctx.db): Promise<boolean> {
  const now = ctx.clock.now();
  const r = await db
    .updateTable('outbox')
    .set({ status: 'given_up', next_attempt_at: null, claim_token: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'pending'), eb('last_error', 'is not', null), notHeld(eb, now)])]))
    .returning('id')
    .execute();
  return r.length === 1;
}

/** Not claimed by a worker whose lease is still running. */
function notHeld(eb: any, now: Date) {
  return eb.or([eb('claim_token', 'is', null), eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]);
}

/** What an operator filters on: retrying (pending after a failed attempt), failed (out of attempts), given up. */
export const TROUBLE_STATES = ['retrying', 'failed', 'given_up'] as const;
export type TroubleState = (typeof TROUBLE_STATES)[number];

export interface TroubleMessage {
  id: string;
  topic: string;
  key: string;
  state: TroubleState;
  attempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

/** Messages that failed at least once and are not delivered, newest attempt first. */
export async function listTroubleMessages(
  ctx: Ctx,
  filter: { topic?: string; state?: TroubleState; limit?: number; offset?: number } = {},
): Promise<TroubleMessage[]> {
  let q = ctx.db
    .selectFrom('outbox')
    .select(['id', 'topic', 'key', 'status', 'attempts', 'last_error', 'last_attempt_at', 'next_attempt_at', 'created_at'])
    .where('last_error', 'is not', null)
    .where('status', '<>', 'delivered');
  if (filter.topic) q = q.where('topic', '=', filter.topic);
  if (filter.state) q = q.where('status', '=', filter.state === 'retrying' ? 'pending' : filter.state);
  const rows = await q
    .orderBy('last_attempt_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(filter.limit ?? 100)
    .offset(filter.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    topic: r.topic,
    key: r.key,
    state: r.status === 'pending' ? 'retrying' : (r.status as 'failed' | 'given_up'),
    attempts: r.attempts,
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    createdAt: r.created_at,
  }));
}

/** The topics that have messages in trouble, for the filter. */
export async function troubleTopics(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select('topic')
    .distinct()
    .where('last_error', 'is not', null)
    .where('status', '<>', 'delivered')
    .orderBy('topic')
    .execute();
  return rows.map((r) => r.topic);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`handler timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

function errorText(err: unknown): string {
  const s = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return s.slice(0, 2000);
}
