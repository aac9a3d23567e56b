/**
 * The append-only audit log (who, what, when, from where), hash-chained.
 * CONTRACT: call `appendAudit(trx, entry)` inside the same transaction as the change.
 *
 * Each row holds `hash = sha256(prev_hash + "\n" + canonicalJson(row))`, so editing,
 * deleting or reordering rows breaks the chain and `verifyAuditChain` finds the first bad row.
 * Appends lock the single chain-head row (`FOR UPDATE`) until the caller's transaction ends,
 * so concurrent appends queue up and the chain never forks. Tip: append the audit entry as the
 * last statement of a transaction, so the head row is held for as short a time as possible.
 * The table refuses UPDATE, DELETE and TRUNCATE (triggers in migration 0001).
 * Use the default READ COMMITTED isolation for transactions that append (under REPEATABLE READ
 * or SERIALIZABLE a concurrent append makes the lock fail with a serialization error).
 * Check the chain with `npm run audit:verify` (exit code 1 when broken).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEntry {
  actorKind: 'citizen' | 'officer' | 'system' | 'anonymous';
  actorId: string | null;
  action: string; // e.g. "dossier.receive", "procedure.publish", "login.failed"
  entity: string; // e.g. "dossier"
  entityId: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
  /** When it happened (default: now). Pass `ctx.clock.now()` to follow the test clock. */
  at?: Date;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level (undefined dropped, as JSON.stringify does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(JSON.parse(JSON.stringify(value ?? null))));
}
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** The hash of one row, given the previous row's hash. */
export function auditRowHash(prevHash: string, row: Omit<AuditRecord, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    actorKind: row.actorKind,
    actorId: row.actorId,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    ip: row.ip,
    details: row.details,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`, 'utf8').digest('hex');
}

/** Appends one entry to the chain, inside the caller's transaction (or its own one). */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<{ id: number; hash: string }> {
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, entry));
  const head = await db
    .selectFrom('audit_chain_head')
    .select(['last_id', 'last_hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const details = JSON.parse(canonicalJson(entry.details ?? {})) as Record<string, unknown>;
  const row = {
    id: Number(head.last_id) + 1,
    at: entry.at ?? new Date(),
    actorKind: entry.actorKind,
    actorId: entry.actorId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    ip: entry.ip ?? null,
    details,
  };
  const hash = auditRowHash(head.last_hash, row);
  await db
    .insertInto('audit_log')
    .values({
      id: row.id,
      at: row.at,
      actor_kind: row.actorKind,
      actor_id: row.actorId,
      action: row.action,
      entity: row.entity,
      entity_id: row.entityId,
      ip: row.ip,
      details: JSON.stringify(details),
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await db.updateTable('audit_chain_head').set({ last_id: row.id, last_hash: hash }).where('id', '=', 1).execute();
  return { id: row.id, hash };
}

export interface AuditVerification {
  ok: boolean;
  /** Rows checked. */
  checked: number;
  /** The first row that does not fit the chain (or the expected id of a missing row). */
  firstBadId?: number;
  reason?: string;
}

/** Re-computes the whole chain, in pages, and compares it with the chain head. */
export async function verifyAuditChain(db: Kysely<Database>, opts: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 1000;
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>=', expectedId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    for (const r of rows) {
      const id = Number(r.id);
      if (id !== expectedId) return { ok: false, checked, firstBadId: expectedId, reason: `row ${expectedId} is missing` };
      const rec = toRecord(r);
      if (rec.prevHash !== prevHash) return { ok: false, checked, firstBadId: id, reason: `row ${id} does not link to the previous row` };
      if (auditRowHash(prevHash, rec) !== rec.hash) return { ok: false, checked, firstBadId: id, reason: `row ${id} was changed (hash mismatch)` };
      prevHash = rec.hash;
      expectedId++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_chain_head').select(['last_id', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return { ok: false, checked, reason: 'the chain head row is missing' };
  if (Number(head.last_id) !== checked || head.last_hash !== prevHash) {
    return { ok: false, checked, firstBadId: checked + 1, reason: `the chain head says ${head.last_id} rows, found ${checked}: rows at the end were removed or the head was changed` };
  }
  return { ok: true, checked };
}

/** Audit rows about one entity, newest first (for history screens). */
export async function auditTrail(db: Kysely<Database>, entity: string, entityId: string, limit = 200): Promise<AuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toRecord);
}

function toRecord(r: Record<string, any>): AuditRecord {
  return {
    id: Number(r.id),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    ip: r.ip,
    details: typeof r.details === 'string' ? JSON.parse(r.details) : (r.details ?? {}),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
