/** SQL of drafts and resumable uploads (migration 0032). */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { DossierDraftRow, UploadRow } from './tables';

type Db = Kysely<Database>;
export type Draft = Selectable<DossierDraftRow>;
export type Upload = Selectable<UploadRow>;

export async function getDraft(db: Db, ownerId: string, procedureCode: string): Promise<Draft | undefined> {
  return db.selectFrom('dossier_drafts').selectAll().where('owner_id', '=', ownerId).where('procedure_code', '=', procedureCode).executeTakeFirst();
}

export async function listDrafts(db: Db, ownerId: string): Promise<Draft[]> {
  return db.selectFrom('dossier_drafts').selectAll().where('owner_id', '=', ownerId).orderBy('updated_at', 'desc').limit(50).execute();
}

export async function insertDraft(db: Db, row: Omit<Draft, 'data'> & { data: string }): Promise<void> {
  await db.insertInto('dossier_drafts').values(row).execute();
}

export async function updateDraft(db: Db, id: string, v: { step: string; receiving_unit_id: string | null; data: string; updated_at: Date }): Promise<void> {
  await db.updateTable('dossier_drafts').set(v).where('id', '=', id).execute();
}

export async function touchDraft(db: Db, ownerId: string, procedureCode: string, at: Date): Promise<void> {
  await db.updateTable('dossier_drafts').set({ updated_at: at }).where('owner_id', '=', ownerId).where('procedure_code', '=', procedureCode).execute();
}

/** Deletes the draft; the number of rows deleted (0 or 1). */
export async function deleteDraft(db: Db, ownerId: string, procedureCode: string): Promise<number> {
  const r = await db.deleteFrom('dossier_drafts').where('owner_id', '=', ownerId).where('procedure_code', '=', procedureCode).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function getUpload(db: Db, id: string): Promise<Upload | undefined> {
  return db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUpload(db: Db, row: Omit<Upload, 'state' | 'seq'> & { state?: string }): Promise<void> {
  await db.insertInto('uploads').values(row).execute();
}

export async function countOpenUploads(db: Db, ownerKind: string, ownerId: string, since: Date): Promise<number> {
  const r = await db
    .selectFrom('uploads')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .where('state', '=', 'receiving')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Moves the offset from `offset` to `offset + n` only when it still is `offset` (two PATCHes of
 * the same chunk: one wins); false when it was not.
 */
export async function advanceOffset(db: Db, id: string, offset: number, n: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('uploads')
    .set((eb) => ({ received: eb('received', '+', n), updated_at: at }))
    .where('id', '=', id)
    .where('received', '=', offset)
    .where('state', '=', 'receiving')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertChunk(db: Db, uploadId: string, start: number, bytes: Uint8Array): Promise<void> {
  await db.insertInto('upload_chunks').values({ upload_id: uploadId, start, bytes }).execute();
}

export async function listChunks(db: Db, uploadId: string): Promise<{ start: number; bytes: Buffer }[]> {
  const rows = await db.selectFrom('upload_chunks').select(['start', 'bytes']).where('upload_id', '=', uploadId).orderBy('start').execute();
  return rows.map((r) => ({ start: Number(r.start), bytes: Buffer.from(r.bytes) }));
}

export async function deleteChunks(db: Db, uploadId: string): Promise<void> {
  await db.deleteFrom('upload_chunks').where('upload_id', '=', uploadId).execute();
}

/** Sets the outcome of an upload still receiving; false when another request settled it first. */
export async function settleUpload(
  db: Db,
  id: string,
  v: Partial<Pick<Upload, 'state' | 'sha256' | 'mime' | 'pages' | 'refusal' | 'file_name' | 'completed_at'>> & { updated_at: Date },
  from: string[] = ['receiving'],
): Promise<boolean> {
  const r = await db.updateTable('uploads').set(v).where('id', '=', id).where('state', 'in', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The uploads of a draft (owner, procedure) not yet in a dossier, newest first. */
export async function uploadsOfDraft(db: Db, ownerKind: string, ownerId: string, procedureCode: string): Promise<Upload[]> {
  return db
    .selectFrom('uploads')
    .selectAll()
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .where('procedure_code', '=', procedureCode)
    .where('dossier_id', 'is', null)
    .where('state', 'in', ['receiving', 'stored'])
    .orderBy('seq', 'desc')
    .execute();
}

/** Links the uploads to the dossier; the number linked (each only once). */
export async function linkUploads(db: Db, ids: string[], dossierId: string, at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('uploads')
    .set({ dossier_id: dossierId, updated_at: at })
    .where('id', 'in', ids)
    .where('dossier_id', 'is', null)
    .where('state', '=', 'stored')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The draft's other uploads (not linked) are discarded with it; their chunks go. */
export async function discardDraftUploads(db: Db, ownerKind: string, ownerId: string, procedureCode: string, at: Date): Promise<string[]> {
  const rows = await db
    .updateTable('uploads')
    .set({ state: 'discarded', updated_at: at })
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .where('procedure_code', '=', procedureCode)
    .where('dossier_id', 'is', null)
    .where('state', 'in', ['receiving', 'stored'])
    .returning('id')
    .execute();
  const ids = rows.map((r) => r.id);
  if (ids.length) await db.deleteFrom('upload_chunks').where('upload_id', 'in', ids).execute();
  return ids;
}
