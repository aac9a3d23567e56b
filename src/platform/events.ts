/**
 * Several modules react to one event (a dossier's change feeds the indicators, the
 * notifications and the national-portal sync). The outbox has one handler per topic, so a
 * topic with subscribers gets a fan-out handler that copies each message to one topic per
 * subscriber (`<topic>><subscriber>`, same key, id `<message id>><subscriber>`). Each
 * subscriber then has its own retries and its own order per key, and a failing one never
 * holds back the others. Copying is idempotent: the copy's id is derived from the original's.
 */
import { enqueue, registerOutboxHandler, type HandlerOptions, type OutboxHandler } from './outbox';

const subscribers = new Map<string, Set<string>>();

export function subscriberTopic(topic: string, subscriber: string): string {
  return `${topic}>${subscriber}`;
}

/** Registers `handler` for every message of `topic`, under the name `subscriber`. */
export function subscribe(topic: string, subscriber: string, handler: OutboxHandler, opts?: HandlerOptions) {
  let subs = subscribers.get(topic);
  if (!subs) {
    subs = new Set();
    subscribers.set(topic, subs);
    registerOutboxHandler(topic, async (ctx, msg) => {
      for (const sub of subscribers.get(topic) ?? []) {
        await enqueue(ctx.db, { id: `${msg.id}>${sub}`, topic: subscriberTopic(topic, sub), key: msg.key, payload: msg.payload });
      }
    });
  }
  subs.add(subscriber);
  registerOutboxHandler(subscriberTopic(topic, subscriber), handler, opts);
}

export function subscribersOf(topic: string): string[] {
  return [...(subscribers.get(topic) ?? [])];
}
