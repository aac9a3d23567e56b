/**
 * The transactional outbox. CONTRACT (implemented by the platform work): enqueue inside the
 * transaction of the change; the worker delivers each message to the handler of its topic,
 * at least once with retries and backoff, in order per key; handlers must be idempotent
 * (they receive the message id to deduplicate on).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Ctx } from './context';

export interface OutboxMessage {
  topic: string; // e.g. "notify.dossier_received", "national_portal.sync"
  key: string; // ordering key, e.g. the dossier id
  payload: Record<string, unknown>;
}

export type OutboxHandler = (ctx: Ctx, msg: { id: string; topic: string; key: string; payload: any; attempts: number }) => Promise<void>;

const handlers = new Map<string, OutboxHandler>();

export function registerOutboxHandler(topic: string, handler: OutboxHandler) {
  handlers.set(topic, handler);
}
export function outboxHandler(topic: string): OutboxHandler | undefined {
  return handlers.get(topic);
}

export async function enqueue(_db: Kysely<Database>, _msg: OutboxMessage): Promise<void> {
  // placeholder until the outbox table lands
}
