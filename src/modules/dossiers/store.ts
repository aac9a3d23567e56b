/** SQL of the dossiers module (Kysely). Every function takes the db or the transaction. */
import { sql, type Kysely, type Selectable, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/schema';
import type {
  AssistedConsentRow,
  DossierEventRow,
  DossierFileRow,
  DossierPauseRow,
  DossierRow,
  DossierStepRow,
  SupplementItemRow,
  SupplementRequestRow,
} from './tables';

type Q = Kysely<Database>;
export type Dossier = Selectable<DossierRow>;
export type DossierEvent = Selectable<DossierEventRow>;
export type DossierFile = Selectable<DossierFileRow>;
export type DossierPause = Selectable<DossierPauseRow>;
export type DossierStep = Selectable<DossierStepRow>;
export type SupplementRequest = Selectable<SupplementRequestRow>;
export type SupplementItemRecord = Selectable<SupplementItemRow>;

export async function getDossier(db: Q, id: string): Promise<Dossier | undefined> {
  return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getDossierByCode(db: Q, code: string): Promise<Dossier | undefined> {
  return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findByIdempotencyKey(db: Q, submitterId: string, key: string): Promise<Dossier | undefined> {
  return db.selectFrom('dossiers').selectAll().where('submitter_id', '=', submitterId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function insertDossier(db: Q, row: Insertable<DossierRow>): Promise<void> {
  await db.insertInto('dossiers').values(row).execute();
}

/** Inserts and returns the stored row (with its defaults) in one round trip. */
export async function insertDossierReturning(db: Q, row: Insertable<DossierRow>): Promise<Dossier> {
  return db.insertInto('dossiers').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Several files in one statement. */
export async function insertFiles(db: Q, rows: Insertable<DossierFileRow>[]): Promise<void> {
  if (rows.length) await db.insertInto('dossier_files').values(rows).execute();
}

/** Several files in one statement, returned as stored. */
export async function insertFilesReturning(db: Q, rows: Insertable<DossierFileRow>[]): Promise<DossierFile[]> {
  return rows.length ? db.insertInto('dossier_files').values(rows).returningAll().execute() : [];
}

export async function insertFileReturning(db: Q, row: Insertable<DossierFileRow>): Promise<DossierFile> {
  return db.insertInto('dossier_files').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Optimistic concurrency: writes only if the row still has `version`; returns the new version,
 * or null when someone else changed it first (nothing written).
 */
export async function updateIfVersion(db: Q, id: string, version: number, patch: Updateable<DossierRow>): Promise<number | null> {
  const r = await db
    .updateTable('dossiers')
    .set({ ...patch, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  return r ? r.version : null;
}

export async function insertEvent(db: Q, row: Insertable<DossierEventRow>): Promise<void> {
  await db.insertInto('dossier_events').values(row).execute();
}

/** The event of an action taken with this Idempotency-Key by this actor (a repeated request after a lost answer). */
export async function findEventByKey(db: Q, dossierId: string, action: string, actorId: string, key: string): Promise<DossierEvent | undefined> {
  return db
    .selectFrom('dossier_events')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('action', '=', action)
    .where('actor_id', '=', actorId)
    .where(sql<string>`data->>'idempotencyKey'`, '=', key)
    .executeTakeFirst();
}

export async function listEvents(db: Q, dossierId: string): Promise<DossierEvent[]> {
  return db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', dossierId).orderBy('seq').execute();
}

export async function insertFile(db: Q, row: Insertable<DossierFileRow>): Promise<void> {
  await db.insertInto('dossier_files').values(row).execute();
}

export async function listFiles(db: Q, dossierId: string): Promise<DossierFile[]> {
  return db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', dossierId).orderBy('uploaded_at').orderBy('id').execute();
}

export async function getFile(db: Q, dossierId: string, fileId: string): Promise<DossierFile | undefined> {
  return db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', dossierId).where('id', '=', fileId).executeTakeFirst();
}

export async function insertPause(db: Q, row: Insertable<DossierPauseRow>): Promise<void> {
  await db.insertInto('dossier_pauses').values(row).execute();
}

export async function openPause(db: Q, dossierId: string): Promise<DossierPause | undefined> {
  return db
    .selectFrom('dossier_pauses')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('to_at', 'is', null)
    .orderBy('from_at', 'desc')
    .executeTakeFirst();
}

export async function closePause(db: Q, id: string, patch: Updateable<DossierPauseRow>): Promise<void> {
  await db.updateTable('dossier_pauses').set(patch).where('id', '=', id).execute();
}

export async function listPauses(db: Q, dossierId: string): Promise<DossierPause[]> {
  return db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', dossierId).orderBy('from_at').execute();
}

export async function insertStep(db: Q, row: Insertable<DossierStepRow>): Promise<void> {
  await db.insertInto('dossier_steps').values(row).execute();
}

export async function closeOpenStep(db: Q, dossierId: string, patch: Updateable<DossierStepRow>): Promise<void> {
  await db.updateTable('dossier_steps').set(patch).where('dossier_id', '=', dossierId).where('left_at', 'is', null).execute();
}

export async function updateOpenStep(db: Q, dossierId: string, patch: Updateable<DossierStepRow>): Promise<void> {
  await closeOpenStep(db, dossierId, patch);
}

export async function listSteps(db: Q, dossierId: string): Promise<DossierStep[]> {
  return db.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', dossierId).orderBy('entered_at').orderBy('step_index').execute();
}

export async function listForApplicant(db: Q, ids: string[], limit: number, offset: number): Promise<Dossier[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where((eb) => eb.or([eb('applicant_id_number', 'in', ids), eb('submitter_personal_id', 'in', ids)]))
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

const RUNNING = ['received', 'processing', 'transferred'];
const OPEN = ['submitted', 'received', 'processing', 'consulting', 'transferred', 'waiting_supplement', 'waiting_fee'];

/** The desks and deciding agencies of the dossiers not yet closed (open or with a result waiting to go back). */
export async function unitsOfUnclosed(db: Q): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select(['receiving_unit_id', 'deciding_unit_id'])
    .where('state', 'in', [...OPEN, 'result_ready'])
    .distinct()
    .execute();
  return [...new Set(rows.flatMap((r) => [r.receiving_unit_id, r.deciding_unit_id]))];
}

/** The dossiers not yet closed whose desk or deciding agency is one of `unitIds`, oldest first. */
export async function unclosedAtUnits(db: Q, unitIds: string[]): Promise<Dossier[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('state', 'in', [...OPEN, 'result_ready'])
    .where((eb) => eb.or([eb('receiving_unit_id', 'in', unitIds), eb('deciding_unit_id', 'in', unitIds)]))
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
}

export interface QueueFilter {
  /** Units where the officer holds reception. */
  receptionUnits: string[];
  /** (unit, role) pairs the officer holds. */
  grants: { unitId: string; role: string }[];
  limit: number;
  offset: number;
  now: Date;
}

export async function queueToReceive(db: Q, f: QueueFilter): Promise<Dossier[]> {
  if (f.receptionUnits.length === 0) return [];
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('state', 'in', ['submitted', 'result_ready'])
    .where('receiving_unit_id', 'in', f.receptionUnits)
    .orderBy('submitted_at')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

function grantMatch(f: QueueFilter) {
  return (eb: any) =>
    eb.or([
      ...f.grants.map((g) => eb.and([eb('step_unit_id', '=', g.unitId), eb('step_role', '=', g.role), eb('state', 'in', RUNNING)])),
      ...f.grants
        .filter((g) => g.role === 'specialist' || g.role === 'leader')
        .map((g) => eb.and([eb('consult_unit_id', '=', g.unitId), eb('state', '=', 'consulting')])),
      ...f.grants.filter((g) => g.role === 'leader').map((g) => eb.and([eb('step_unit_id', '=', g.unitId), eb('state', 'in', RUNNING)])),
    ]);
}

export async function queueToProcess(db: Q, f: QueueFilter, dueBefore?: Date): Promise<Dossier[]> {
  if (f.grants.length === 0) return [];
  let q = db.selectFrom('dossiers').selectAll().where(grantMatch(f));
  if (dueBefore) q = q.where((eb) => eb.or([eb('step_due_at', '<=', dueBefore), eb('due_at', '<=', dueBefore)]));
  return q.orderBy('step_due_at').limit(f.limit).offset(f.offset).execute();
}

export async function queueLate(db: Q, f: QueueFilter, unitIds: string[]): Promise<Dossier[]> {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('state', 'in', OPEN)
    .where('due_at', '<', f.now)
    .where((eb) => eb.or([eb('receiving_unit_id', 'in', unitIds), eb('deciding_unit_id', 'in', unitIds), eb('step_unit_id', 'in', unitIds)]))
    .orderBy('due_at')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export interface FactRow {
  id: string;
  code: string;
  procedure_code: string;
  channel: string;
  receiving_unit_id: string;
  deciding_unit_id: string;
  state: string;
  submitted_at: Date;
  received_at: Date | null;
  due_at: Date | null;
  result_ready_at: Date | null;
  returned_at: Date | null;
  return_method: string | null;
  closed_at: Date | null;
  supplement_requests: number;
  apology_at: Date | null;
  digitized_files: number;
}

/** Dossiers of units submitted or finished in [from, to) - the raw facts for the indicators. */
export async function facts(db: Q, f: { unitIds: string[]; from: Date; to: Date }): Promise<FactRow[]> {
  if (f.unitIds.length === 0) return [];
  const r = await sql<FactRow>`
    SELECT d.id, d.code, d.procedure_code, d.channel, d.receiving_unit_id, d.deciding_unit_id, d.state,
           d.submitted_at, d.received_at, d.due_at, d.result_ready_at, d.returned_at, d.return_method, d.closed_at,
           d.supplement_requests, d.apology_at,
           (SELECT count(*) FROM dossier_files f WHERE f.dossier_id = d.id AND f.digitized)::int AS digitized_files
    FROM dossiers d
    WHERE (d.receiving_unit_id IN (${sql.join(f.unitIds)}) OR d.deciding_unit_id IN (${sql.join(f.unitIds)}))
      AND d.submitted_at < ${f.to}
      AND (d.closed_at IS NULL OR d.closed_at >= ${f.from})
      AND (d.result_ready_at IS NULL OR d.result_ready_at >= ${f.from} OR d.returned_at IS NULL OR d.returned_at >= ${f.from})
    ORDER BY d.submitted_at`.execute(db);
  return r.rows;
}

/** The dossiers a unit received in a period, in order of reception (the register, Sổ theo dõi hồ sơ). */
export async function receivedBetween(db: Q, unitId: string, from: Date, to: Date): Promise<Dossier[]> {
  return db
    .selectFrom('dossiers')
    .selectAll()
    .where('receiving_unit_id', '=', unitId)
    .where('received_at', '>=', from)
    .where('received_at', '<', to)
    .orderBy('received_at')
    .orderBy('code')
    .limit(5000)
    .execute() as Promise<Dossier[]>;
}

// Supplement requests and their items (migration 0030).

export async function insertSupplementRequest(db: Q, row: Insertable<SupplementRequestRow>, items: Insertable<SupplementItemRow>[]): Promise<void> {
  await db.insertInto('dossier_supplement_requests').values(row).execute();
  if (items.length) await db.insertInto('dossier_supplement_items').values(items).execute();
}

export async function updateSupplementRequest(db: Q, id: string, patch: Updateable<SupplementRequestRow>): Promise<void> {
  await db.updateTable('dossier_supplement_requests').set(patch).where('id', '=', id).execute();
}

export async function updateSupplementItem(db: Q, id: string, patch: Updateable<SupplementItemRow>): Promise<void> {
  await db.updateTable('dossier_supplement_items').set(patch).where('id', '=', id).execute();
}

export async function listSupplementRequests(db: Q, dossierId: string): Promise<SupplementRequest[]> {
  return db
    .selectFrom('dossier_supplement_requests')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .orderBy('requested_at')
    .orderBy('request_no')
    .execute() as Promise<SupplementRequest[]>;
}

export async function listSupplementItems(db: Q, requestIds: string[]): Promise<SupplementItemRecord[]> {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('dossier_supplement_items')
    .selectAll()
    .where('request_id', 'in', requestIds)
    .orderBy('request_id')
    .orderBy('position')
    .execute() as Promise<SupplementItemRecord[]>;
}

/** The issued supplement requests numbered 2 or more of dossiers received or decided by these units, issued in [from, to). */
export async function repeatedSupplementCount(db: Q, f: { unitIds: string[]; from: Date; to: Date }): Promise<number> {
  if (f.unitIds.length === 0) return 0;
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n
    FROM dossier_supplement_requests r
    JOIN dossiers d ON d.id = r.dossier_id
    WHERE r.request_no >= 2 AND r.state IN ('issued', 'answered') AND r.issued_at >= ${f.from} AND r.issued_at < ${f.to}
      AND (d.receiving_unit_id IN (${sql.join(f.unitIds)}) OR d.deciding_unit_id IN (${sql.join(f.unitIds)}))`.execute(db);
  return r.rows[0]?.n ?? 0;
}

// ---- assisted submission: the citizen's consent (migration 0031) ----

export type AssistedConsent = Selectable<AssistedConsentRow>;

export async function insertConsent(db: Q, row: Insertable<AssistedConsentRow>): Promise<void> {
  await db.insertInto('assisted_consents').values(row).execute();
}

export async function getConsent(db: Q, id: string): Promise<AssistedConsent | undefined> {
  return db.selectFrom('assisted_consents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function consentOfDossier(db: Q, dossierId: string): Promise<AssistedConsent | undefined> {
  return db.selectFrom('assisted_consents').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
}

export async function countConsentsToPhone(db: Q, phone: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('assisted_consents')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('phone', '=', phone)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateConsent(db: Q, id: string, patch: Updateable<AssistedConsentRow>, whenState?: string): Promise<number> {
  let q = db.updateTable('assisted_consents').set(patch).where('id', '=', id);
  if (whenState) q = q.where('state', '=', whenState as AssistedConsentRow['state']);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

// ---- a change written as few statements: store-writes.ts ----

export { eventQueries, writeActionChange, writeAll, writeSubmission } from './store-writes';
