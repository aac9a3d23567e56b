/** SQL of the e-data store. */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { Owner, StoredDocument } from './model';
import type { DocumentShareRow, StoredDocumentRow } from './tables';

type Db = Kysely<Database>;

const COLUMNS = [
  'id',
  'owner_kind',
  'owner_id',
  'document_type',
  'name',
  'code',
  'issuing_body',
  'issuing_unit_id',
  'sha256',
  'file_name',
  'content_type',
  'size',
  'source',
  'source_dossier_id',
  'source_component_key',
  'source_file_id',
  'digitized',
  'from_national_store',
  'signed',
  'details',
  'created_at',
] as const;

function selectDocs(db: Db) {
  return db
    .selectFrom('stored_documents')
    .select(COLUMNS)
    .select([
      sql<string | null>`issued_on::text`.as('issued_on'),
      sql<string | null>`valid_from::text`.as('valid_from'),
      sql<string | null>`valid_to::text`.as('valid_to'),
    ]);
}

type Row = Selectable<StoredDocumentRow>;

export function toDocument(r: Row): StoredDocument {
  return {
    id: r.id,
    owner: { kind: r.owner_kind, id: r.owner_id },
    documentType: r.document_type,
    name: r.name,
    code: r.code,
    issuingBody: r.issuing_body,
    issuedOn: r.issued_on,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    sha256: r.sha256,
    fileName: r.file_name,
    contentType: r.content_type,
    size: r.size,
    source: r.source,
    sourceDossierId: r.source_dossier_id,
    sourceComponentKey: r.source_component_key,
    digitized: r.digitized,
    fromNationalStore: r.from_national_store,
    signed: r.signed,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function getDocument(db: Db, id: string): Promise<StoredDocument | null> {
  const r = await selectDocs(db).where('id', '=', id).executeTakeFirst();
  return r ? toDocument(r as Row) : null;
}

export async function listForOwners(db: Db, owners: Owner[], documentType?: string): Promise<StoredDocument[]> {
  if (owners.length === 0) return [];
  let q = selectDocs(db).where((eb) => eb.or(owners.map((o) => eb.and([eb('owner_kind', '=', o.kind), eb('owner_id', '=', o.id)]))));
  if (documentType) q = q.where('document_type', '=', documentType);
  return (await q.orderBy('document_type').orderBy('created_at', 'desc').execute()).map((r) => toDocument(r as Row));
}

export async function listByIds(db: Db, ids: string[]): Promise<StoredDocument[]> {
  if (ids.length === 0) return [];
  return (await selectDocs(db).where('id', 'in', ids).orderBy('created_at').execute()).map((r) => toDocument(r as Row));
}

/** The dossiers among `dossierIds` whose result was stored in the owner's store (source 'result'). */
export async function dossiersWithStoredResult(db: Db, dossierIds: string[]): Promise<Set<string>> {
  if (dossierIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('stored_documents')
    .select('source_dossier_id')
    .distinct()
    .where('source_dossier_id', 'in', dossierIds)
    .where('source', '=', 'result')
    .execute();
  return new Set(rows.map((r) => r.source_dossier_id as string));
}

export async function idsFromDossier(db: Db, dossierId: string): Promise<string[]> {
  const rows = await db.selectFrom('stored_documents').select('id').where('source_dossier_id', '=', dossierId).execute();
  return rows.map((r) => r.id);
}

export async function hasSourceFile(db: Db, fileId: string): Promise<boolean> {
  return !!(await db.selectFrom('stored_documents').select('id').where('source_file_id', '=', fileId).executeTakeFirst());
}

/** The owner already keeps this very content under this type (a reused document coming back). */
export async function findSame(db: Db, owner: Owner, sha256: string): Promise<string | null> {
  const r = await db
    .selectFrom('stored_documents')
    .select('id')
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', '=', owner.id)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return r?.id ?? null;
}

export async function nextNumber(db: Db, prefix: string): Promise<number> {
  const r = await db
    .insertInto('stored_document_counters')
    .values({ prefix, last_number: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet((eb) => ({ last_number: eb('stored_document_counters.last_number', '+', 1) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return r.last_number;
}

export type NewDocumentRow = Omit<Insertable<StoredDocumentRow>, 'details'> & { details?: Record<string, unknown> };

/** Inserts unless a row for the same source file exists (idempotent ingestion); true when inserted. */
export async function insertDocument(db: Db, row: NewDocumentRow): Promise<boolean> {
  const r = await db
    .insertInto('stored_documents')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .onConflict((oc) => oc.column('source_file_id').where('source_file_id', 'is not', null).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

// ---- reuses ----

export async function insertReuse(
  db: Db,
  r: {
    id: string;
    dossier_id: string;
    component_key: string;
    document_id: string;
    document_code: string;
    dossier_file_id: string | null;
    reuse_kind: number;
    from_national_store: boolean;
    at: Date;
  },
) {
  await db
    .insertInto('document_reuses')
    .values(r)
    .onConflict((oc) => oc.columns(['dossier_id', 'component_key']).doNothing())
    .execute();
}

export async function reusesOf(db: Db, dossierIds: string[]) {
  if (dossierIds.length === 0) return [];
  return db.selectFrom('document_reuses').selectAll().where('dossier_id', 'in', dossierIds).execute();
}

export async function reusesBetween(db: Db, from: Date, to: Date) {
  return db.selectFrom('document_reuses').selectAll().where('at', '>=', from).where('at', '<', to).execute();
}

export async function certifiedCopiesBetween(db: Db, from: Date, to: Date, unitIds?: string[]) {
  let q = selectDocs(db).where('source', '=', 'certified_copy').where('created_at', '>=', from).where('created_at', '<', to);
  if (unitIds) q = unitIds.length ? q.where('issuing_unit_id', 'in', unitIds) : q.where(sql<boolean>`false`);
  return (await q.execute()).map((r) => ({ doc: toDocument(r as Row), unitId: r.issuing_unit_id }));
}

// ---- shares ----

export async function insertShare(db: Db, row: Insertable<DocumentShareRow>) {
  await db.insertInto('document_shares').values(row).execute();
}
export async function shareByHash(db: Db, hash: string) {
  return db.selectFrom('document_shares').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}
export async function sharesOf(db: Db, documentId: string) {
  return db.selectFrom('document_shares').selectAll().where('document_id', '=', documentId).orderBy('created_at', 'desc').execute();
}
export async function revokeShare(db: Db, documentId: string, shareId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('document_shares')
    .set({ revoked_at: at })
    .where('id', '=', shareId)
    .where('document_id', '=', documentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
