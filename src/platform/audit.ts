/**
 * The append-only audit log (who, what, when, from where), hash-chained by a sealer.
 * CONTRACT: call `appendAudit(trx, entry)` inside the same transaction as the change.
 *
 * Appending is one INSERT of the entry's content in the caller's transaction: no lock is shared
 * between appends, so concurrent transactions no longer queue on the audit log. The row gets its
 * `id` (an identity: insert order, with gaps where a transaction rolled back) and is *unsealed*.
 *
 * Sealing (`sealAudit`, run by the worker loop every few hundred ms and by `verifyAuditChain`
 * before it checks): one sealer at a time (it holds the chain-head row `FOR UPDATE`; appends
 * never touch that row) gives committed unsealed rows, in id order, the next chain positions
 * `chain_seq` 1, 2, 3... (no gaps), `prev_hash` and `hash = sha256(prev_hash + "\n" +
 * canonicalJson(row))` (the row's content including its id), then moves the head on.
 *
 * Sealing rule (chosen): each run seals, in id order, every row committed before the run's
 * statement began; rows still in flight are invisible and are sealed by a later run. So the chain
 * order is the order in which rows became visible to the sealer (≈ commit order), id order within
 * one run, and a row of a long transaction can be sealed after rows with higher ids. We do not
 * hold back rows above the smallest in-flight id: PostgreSQL cannot tell an id still in flight
 * from an id lost to a rollback (both are invisible gaps), so that rule would wait out every
 * rollback gap on a timeout, and it adds nothing to what the chain proves. What the chain proves:
 * a sealed row cannot be edited, removed or moved unnoticed (`verifyAuditChain` finds the first
 * bad position); an unsealed row is protected by the triggers only, for the few hundred ms until
 * the next seal (`verifyAuditChain` reports how many rows are unsealed).
 *
 * The table refuses DELETE and TRUNCATE, and every UPDATE except the sealer's one-time setting of
 * the three seal columns of an unsealed row (triggers in migrations 0001 and 0016).
 * Check the chain with `npm run audit:verify` (exit code 1 when broken).
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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
  /** Insert order (gaps where a transaction rolled back). */
  id: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  /** Position in the hash chain; null (with the hashes) until sealed. */
  chainSeq: number | null;
  prevHash: string | null;
  hash: string | null;
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
export function auditRowHash(prevHash: string, row: Omit<AuditRecord, 'chainSeq' | 'prevHash' | 'hash'>): string {
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

/**
 * Appends one entry, unsealed, inside the caller's transaction (or as a statement of its own).
 * Returns the row's id; `hash` is undefined: the sealer sets it after the commit.
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<{ id: number; hash?: string }> {
  const r = await appendAuditQuery(db, [entry]).returning('id').executeTakeFirstOrThrow();
  return { id: Number(r.id), hash: undefined };
}

/**
 * The INSERT of several entries, unsealed, in their order (ids are assigned in it), not yet run:
 * for a caller that writes them in one statement with its own rows (e.g. as a WITH query).
 */
export function appendAuditQuery(db: Kysely<Database>, entries: AuditEntry[]) {
  return db.insertInto('audit_log').values(
    entries.map((entry) => ({
      at: entry.at ?? new Date(),
      actor_kind: entry.actorKind,
      actor_id: entry.actorId ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      ip: entry.ip ?? null,
      details: canonicalJson(entry.details ?? {}),
    })),
  );
}

export interface SealResult {
  /** Rows sealed by this call. */
  sealed: number;
  /** The chain position of the last sealed row (0: nothing sealed yet). */
  lastSeq: number;
}

/**
 * Seals the committed unsealed rows, in id order, in transactions of `batchSize` rows (default
 * 1000), holding the chain-head row so only one sealer runs at a time (others wait, then find
 * nothing left). Safe to call from any number of processes. Given a transaction, seals within it.
 */
export async function sealAudit(db: Kysely<Database>, opts: { batchSize?: number } = {}): Promise<SealResult> {
  const batchSize = opts.batchSize ?? 1000;
  let sealed = 0;
  let lastSeq = 0;
  for (;;) {
    const step = (trx: Kysely<Database>) => sealBatch(trx, batchSize);
    const r = db.isTransaction ? await step(db) : await db.transaction().execute(step);
    sealed += r.sealed;
    lastSeq = r.lastSeq;
    if (r.sealed < batchSize) return { sealed, lastSeq };
  }
}

async function sealBatch(trx: Kysely<Database>, batchSize: number): Promise<SealResult> {
  // The head row is the sealer's lock; the next statement's snapshot sees every seal committed before it.
  const head = await trx.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
  let seq = Number(head.last_seq);
  let prev = head.last_hash;
  const rows = await trx.selectFrom('audit_log').selectAll().where('chain_seq', 'is', null).orderBy('id').limit(batchSize).execute();
  if (rows.length === 0) return { sealed: 0, lastSeq: seq };
  const ids: number[] = [];
  const seqs: number[] = [];
  const prevs: string[] = [];
  const hashes: string[] = [];
  for (const r of rows) {
    const hash = auditRowHash(prev, toRecord(r));
    ids.push(Number(r.id));
    seqs.push(++seq);
    prevs.push(prev);
    hashes.push(hash);
    prev = hash;
  }
  await sql`UPDATE audit_log AS a SET chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
    FROM unnest(${ids}::bigint[], ${seqs}::bigint[], ${prevs}::text[], ${hashes}::text[]) AS v(id, seq, prev, hash)
    WHERE a.id = v.id AND a.chain_seq IS NULL`.execute(trx);
  await trx.updateTable('audit_chain_head').set({ last_seq: seq, last_hash: prev }).where('id', '=', 1).execute();
  return { sealed: rows.length, lastSeq: seq };
}

export interface AuditVerification {
  ok: boolean;
  /** Sealed rows checked. */
  checked: number;
  /** Rows not sealed yet (committed after the seal that ran first, or when `seal: false`). */
  unsealed: number;
  /** The first chain position that does not fit (or the position of a missing row). */
  firstBadSeq?: number;
  /** The id of the row at that position, when there is one. */
  firstBadId?: number;
  reason?: string;
}

/**
 * Seals what is committed (unless `seal: false`), then re-computes the whole chain in position
 * order, in pages, compares its end with the chain head and counts the rows still unsealed.
 */
export async function verifyAuditChain(db: Kysely<Database>, opts: { pageSize?: number; seal?: boolean } = {}): Promise<AuditVerification> {
  const pageSize = opts.pageSize ?? 1000;
  if (opts.seal !== false) await sealAudit(db);
  const countUnsealed = async () =>
    Number(
      (
        await db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('chain_seq', 'is', null)
          .executeTakeFirstOrThrow()
      ).n,
    );
  let prevHash = GENESIS_HASH;
  let expected = 1;
  let checked = 0;
  const bad = async (firstBadSeq: number, firstBadId: number | undefined, reason: string): Promise<AuditVerification> => ({
    ok: false,
    checked,
    unsealed: await countUnsealed(),
    firstBadSeq,
    ...(firstBadId !== undefined ? { firstBadId } : {}),
    reason,
  });
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('chain_seq', '>=', expected).orderBy('chain_seq').limit(pageSize).execute();
    for (const r of rows) {
      const rec = toRecord(r);
      if (rec.chainSeq !== expected) return bad(expected, undefined, `the row at position ${expected} is missing`);
      if (rec.prevHash !== prevHash) return bad(expected, rec.id, `the row at position ${expected} (id ${rec.id}) does not link to the previous row`);
      if (auditRowHash(prevHash, rec) !== rec.hash) return bad(expected, rec.id, `the row at position ${expected} (id ${rec.id}) was changed (hash mismatch)`);
      prevHash = rec.hash;
      expected++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_chain_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst();
  if (!head) return bad(checked + 1, undefined, 'the chain head row is missing');
  if (Number(head.last_seq) !== checked || head.last_hash !== prevHash) {
    return bad(
      checked + 1,
      undefined,
      `the chain head says ${head.last_seq} sealed rows, found ${checked}: rows at the end were removed or the head was changed`,
    );
  }
  return { ok: true, checked, unsealed: await countUnsealed() };
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
    chainSeq: r.chain_seq == null ? null : Number(r.chain_seq),
    prevHash: r.prev_hash ?? null,
    hash: r.hash ?? null,
  };
}
