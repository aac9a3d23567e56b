import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Unit, UnitEvent, UnitVersion, VersionOp } from './model';

type Q = Kysely<Database>;

const versionCols = [
  'id',
  'unit_id',
  sql<string>`valid_from::text`.as('valid_from'),
  sql<string | null>`valid_to::text`.as('valid_to'),
  'name',
  'code',
  'agency_code',
  'parent_id',
  'level',
] as const;

function toVersion(r: any): UnitVersion {
  return {
    id: r.id,
    unitId: r.unit_id,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    name: r.name,
    code: r.code,
    agencyCode: r.agency_code,
    parentId: r.parent_id,
    level: r.level,
  };
}

function toUnit(r: any): Unit {
  return { id: r.id, kind: r.kind, agencyType: r.agency_type, hotline: r.hotline, address: r.address };
}

function toEvent(r: any): UnitEvent {
  return {
    id: r.id,
    unitId: r.unit_id,
    kind: r.kind,
    effectiveDate: r.effective_date,
    decision: r.decision,
    successorId: r.successor_id,
    details: r.details ?? {},
  };
}

export async function loadUnits(db: Q, ids?: readonly string[]): Promise<Unit[]> {
  let q = db.selectFrom('units').select(['id', 'kind', 'agency_type', 'hotline', 'address']);
  if (ids) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', ids);
  }
  return (await q.orderBy('id').execute()).map(toUnit);
}

export async function loadVersions(db: Q, unitId?: string): Promise<UnitVersion[]> {
  let q = db.selectFrom('unit_versions').select(versionCols as any);
  if (unitId) q = q.where('unit_id', '=', unitId);
  return (await q.orderBy('unit_id').orderBy('valid_from').execute()).map(toVersion);
}

export async function loadEvents(db: Q, unitId?: string): Promise<UnitEvent[]> {
  let q = db
    .selectFrom('unit_events')
    .select(['id', 'unit_id', 'kind', sql<string>`effective_date::text`.as('effective_date'), 'decision', 'successor_id', 'details']);
  if (unitId) q = q.where((eb) => eb.or([eb('unit_id', '=', unitId), eb('successor_id', '=', unitId)]));
  return (await q.orderBy('effective_date').orderBy('created_at').orderBy('id').execute()).map(toEvent);
}

/** Serializes changes to these units until the transaction ends. */
export async function lockUnits(trx: Q, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await sql`SELECT id FROM units WHERE id IN (${sql.join([...ids].sort())}) ORDER BY id FOR UPDATE`.execute(trx);
}

export async function insertUnit(trx: Q, u: Unit): Promise<void> {
  await trx.insertInto('units').values({ id: u.id, kind: u.kind, agency_type: u.agencyType, hotline: u.hotline, address: u.address }).execute();
}

export async function updateContacts(trx: Q, id: string, c: { hotline: string | null; address: string | null }): Promise<void> {
  await trx.updateTable('units').set(c).where('id', '=', id).execute();
}

export async function applyVersionOps(trx: Q, ops: readonly VersionOp[]): Promise<void> {
  // Closes first, so the "one open version per unit" index holds at every statement.
  const ordered = [...ops].sort((a, b) => (a.op === 'insert' ? 1 : 0) - (b.op === 'insert' ? 1 : 0));
  for (const o of ordered) {
    if (o.op === 'close') {
      await trx.updateTable('unit_versions').set({ valid_to: o.validTo }).where('id', '=', o.versionId).execute();
    } else if (o.op === 'update') {
      const s = o.set;
      await trx
        .updateTable('unit_versions')
        .set({
          ...(s.name !== undefined ? { name: s.name } : {}),
          ...(s.code !== undefined ? { code: s.code } : {}),
          ...(s.agencyCode !== undefined ? { agency_code: s.agencyCode } : {}),
          ...(s.parentId !== undefined ? { parent_id: s.parentId } : {}),
          ...(s.level !== undefined ? { level: s.level } : {}),
        })
        .where('id', '=', o.versionId)
        .execute();
    } else {
      const v = o.version;
      await trx
        .insertInto('unit_versions')
        .values({
          id: v.id,
          unit_id: v.unitId,
          valid_from: v.validFrom,
          valid_to: v.validTo,
          name: v.name,
          code: v.code,
          agency_code: v.agencyCode,
          parent_id: v.parentId,
          level: v.level,
        })
        .execute();
    }
  }
}

export async function insertEvent(trx: Q, e: UnitEvent): Promise<void> {
  await trx
    .insertInto('unit_events')
    .values({
      id: e.id,
      unit_id: e.unitId,
      kind: e.kind,
      effective_date: e.effectiveDate,
      decision: e.decision,
      successor_id: e.successorId,
      details: JSON.stringify(e.details),
    })
    .execute();
}
