/**
 * A store for @fastify/rate-limit kept in PostgreSQL (table security_limits, keys prefixed
 * `rate:`), so a per-route limit (e.g. the officer login form's per-address limit) counts the
 * requests of every app instance behind the load balancer instead of each instance's own (the
 * plugin's default store is a per-process LRU map). One statement per request, the same fixed
 * window as the default store; rows are pruned with the other security_limits rows.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

export const RATE_KEY_PREFIX = 'rate:';

/** The class the plugin's `store` option takes; `db()` is read at each request, `now()` is the app's clock. */
export function rateLimitStore(db: () => Db, now: () => Date = () => new Date()) {
  return class DbRateLimitStore {
    incr(key: string, cb: Callback, timeWindow: number): void {
      const at = now();
      const cutoff = new Date(at.getTime() - timeWindow);
      sql<{ hits: number; window_start: Date }>`
        INSERT INTO security_limits (key, window_start, hits, locked_until, lock_count, updated_at)
        VALUES (${RATE_KEY_PREFIX + key}, ${at}, 1, NULL, 0, ${at})
        ON CONFLICT (key) DO UPDATE SET
          window_start = CASE WHEN security_limits.window_start <= ${cutoff} THEN ${at}::timestamptz ELSE security_limits.window_start END,
          hits = CASE WHEN security_limits.window_start <= ${cutoff} THEN 1 ELSE security_limits.hits + 1 END,
          updated_at = ${at}
        RETURNING hits, window_start`
        .execute(db())
        .then((r) => {
          const row = r.rows[0]!;
          cb(null, { current: Number(row.hits), ttl: Math.max(0, timeWindow - (at.getTime() - new Date(row.window_start).getTime())) });
        })
        .catch((err: Error) => cb(err));
    }

    read(key: string, cb: Callback, timeWindow: number): void {
      const at = now().getTime();
      db()
        .selectFrom('security_limits')
        .select(['hits', 'window_start'])
        .where('key', '=', RATE_KEY_PREFIX + key)
        .executeTakeFirst()
        .then((row) => {
          const age = row ? at - row.window_start.getTime() : Infinity;
          cb(null, row && age < timeWindow ? { current: Number(row.hits), ttl: timeWindow - age } : { current: 0, ttl: timeWindow });
        })
        .catch((err: Error) => cb(err));
    }

    child() {
      return new DbRateLimitStore();
    }
  };
}
