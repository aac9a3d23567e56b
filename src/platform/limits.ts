/**
 * Rate limits and lock-outs kept in PostgreSQL (table security_limits, migration 0024), so they
 * hold across restarts and app instances and no flood of other keys can empty them (issue 14
 * item 3). A key counts attempts or failures in a fixed window; reaching the rule's limit locks
 * the key for `lockMs`, doubled at each further lock of the same key up to `maxLockMs`. Every
 * lock is written to the audit log.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { appendAudit, type AuditEntry } from './audit';

export interface LimitRule {
  /** Attempts (or failures) allowed per window; the next one locks. */
  max: number;
  windowMs: number;
  /** The first lock lasts this long; each further lock of the same key twice as long. */
  lockMs: number;
  maxLockMs?: number;
}

/** Who a lock is about, for its audit entry (default: the limit key itself). */
export type LockAudit = Partial<Pick<AuditEntry, 'actorKind' | 'actorId' | 'action' | 'entity' | 'entityId' | 'ip' | 'details'>>;

export function lockDelayMs(rule: LimitRule, previousLocks: number): number {
  const d = rule.lockMs * 2 ** Math.min(previousLocks, 30);
  return Math.min(d, rule.maxLockMs ?? 24 * 3_600_000);
}

/** The end of the key's lock, or null when it is not locked at `now`. */
export async function lockedUntil(db: Kysely<Database>, key: string, now: Date): Promise<Date | null> {
  const r = await db.selectFrom('security_limits').select('locked_until').where('key', '=', key).executeTakeFirst();
  return r?.locked_until && r.locked_until.getTime() > now.getTime() ? r.locked_until : null;
}

/**
 * Counts one attempt or failure of `key` in its window; when the count passes `rule.max` the
 * key is locked (audited). Returns whether the key is locked after this count. A key already
 * locked is not counted again.
 */
export async function countAndLock(
  db: Kysely<Database>,
  key: string,
  rule: LimitRule,
  now: Date,
  audit: LockAudit = {},
): Promise<{ locked: boolean; lockedUntil: Date | null }> {
  const current = await lockedUntil(db, key, now);
  if (current) return { locked: true, lockedUntil: current };
  const cutoff = new Date(now.getTime() - rule.windowMs);
  // One statement: concurrent requests of other instances add up instead of overwriting.
  const row = await db
    .insertInto('security_limits')
    .values({ key, window_start: now, hits: 1, locked_until: null, lock_count: 0, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        window_start: sql`CASE WHEN security_limits.window_start <= ${cutoff} THEN ${now}::timestamptz ELSE security_limits.window_start END`,
        hits: sql`CASE WHEN security_limits.window_start <= ${cutoff} THEN 1 ELSE security_limits.hits + 1 END`,
        updated_at: now,
      }),
    )
    .returning(['hits', 'lock_count'])
    .executeTakeFirstOrThrow();
  if (row.hits <= rule.max) return { locked: false, lockedUntil: null };
  const until = new Date(now.getTime() + lockDelayMs(rule, row.lock_count));
  // Only the request that finds the key unlocked locks it (and audits): no double lock.
  const locked = await db
    .updateTable('security_limits')
    .set({ locked_until: until, lock_count: sql`lock_count + 1`, hits: 0, window_start: now, updated_at: now })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning('lock_count')
    .executeTakeFirst();
  if (locked) {
    await appendAudit(db, {
      actorKind: audit.actorKind ?? 'anonymous',
      actorId: audit.actorId ?? null,
      action: audit.action ?? 'limit.locked',
      entity: audit.entity ?? 'security_limit',
      entityId: audit.entityId ?? key,
      ip: audit.ip ?? null,
      at: now,
      details: { ...audit.details, until: until.toISOString(), lockCount: locked.lock_count },
    });
  }
  return { locked: true, lockedUntil: (await lockedUntil(db, key, now)) ?? until };
}

/** Forgets the keys (e.g. after a good password, or an administrator's unlock). */
export async function clearLimits(db: Kysely<Database>, keys: { key?: string; prefix?: string }): Promise<number> {
  let q = db.deleteFrom('security_limits');
  if (keys.key !== undefined) q = q.where('key', '=', keys.key);
  else if (keys.prefix) q = q.where(sql<boolean>`starts_with(key, ${keys.prefix})`);
  else return 0;
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Longest a quiet, unlocked row is kept: longer than every rule's window (at most an hour), so
 * a live count is never lost; a day, so the doubling of lock delays remembers a day's locks.
 */
export const LIMIT_RETENTION_MS = 24 * 3_600_000;

/**
 * Deletes the rows whose window and lock are over: not locked at `now` and untouched for
 * `retentionMs`. A live lock is always kept, however old its row. Returns how many went.
 */
export async function pruneLimits(db: Kysely<Database>, now: Date, retentionMs = LIMIT_RETENTION_MS): Promise<number> {
  const r = await db
    .deleteFrom('security_limits')
    .where('updated_at', '<=', new Date(now.getTime() - retentionMs))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
