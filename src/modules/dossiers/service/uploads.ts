/**
 * Resumable uploads (tus 1.0.0, core + creation + termination; routes-uploads.ts speaks the
 * protocol). The bytes arrive chunk by chunk into upload_chunks; each PATCH is accepted only at
 * the current offset (a chunk sent twice, or two requests racing, leave one copy). When the last
 * byte is in, the whole file is checked on the server (type from the content, size, PDF page
 * count), hashed, put in the blob store and acknowledged with a receipt (name, size, pages,
 * sha256, time). A submission names acknowledged uploads by id and hash: each must be stored,
 * the owner's, not yet used, and its blob must be there with that hash and size
 * (readUploadsForSubmission, model/submission.ts), else the submission is refused and nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { appendAudit } from '../../../platform/audit';
import type { Actor } from '../../../platform/auth';
import { checkUpload, sha256Of } from '../../../platform/blobs';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors';
import { hasMessage, t, type Lang } from '../../../platform/i18n';
import * as deps from '../deps';
import * as ds from '../drafts-store';
import type { Upload } from '../drafts-store';
import { MAX_FILE_BYTES } from './files';
import { procedureSnapshotAt } from './snapshot-cache';

/** The largest file (the same as a multipart upload's). */
export const UPLOAD_MAX_BYTES = MAX_FILE_BYTES;
/** The largest chunk one PATCH may carry (the browser client sends 1 MB). */
export const CHUNK_MAX_BYTES = 5 * 1024 * 1024;
/** A PDF of more pages is refused (docs/decisions-drafts.md). */
export const MAX_PDF_PAGES = 300;
/** An upload not finished within this time expires (its bytes are dropped). */
export const UPLOAD_TTL_MS = 24 * 3600 * 1000;
/** Uploads still receiving that one person may hold (created in the last TTL). */
export const MAX_OPEN_UPLOADS = 30;

export interface UploadReceipt {
  id: string;
  state: 'receiving' | 'stored' | 'refused' | 'discarded';
  name: string;
  /** Bytes announced (Upload-Length) and received so far. */
  length: number;
  offset: number;
  procedureCode: string | null;
  componentKey: string | null;
  /** Once stored: */
  size: number | null;
  pages: number | null;
  sha256: string | null;
  mime: string | null;
  receivedAt: string | null;
  expiresAt: string;
  /** Refused: why, in the reader's language. */
  refusal: string | null;
}

export interface CreateUploadInput {
  length: number;
  fileName: string;
  fileType?: string | null;
  procedureCode?: string | null;
  componentKey?: string | null;
  ip?: string | null;
}

export type { UploadRef } from '../model';
import type { UploadRef } from '../model';

const ownerOf = (actor: Actor) => ({ kind: actor.kind, id: actor.id });
const isOwner = (u: Upload, actor: Actor) => u.owner_kind === actor.kind && u.owner_id === actor.id;

function refusalParts(u: Upload): { key: string; params: Record<string, unknown> } | null {
  if (!u.refusal) return null;
  try {
    const v = JSON.parse(u.refusal) as { key: string; params?: Record<string, unknown> };
    return { key: v.key, params: v.params ?? {} };
  } catch {
    return { key: u.refusal, params: {} };
  }
}

export function receiptOf(u: Upload, lang: Lang): UploadReceipt {
  const r = refusalParts(u);
  const stored = u.state === 'stored';
  return {
    id: u.id,
    state: u.state as UploadReceipt['state'],
    name: u.file_name,
    length: Number(u.length),
    offset: Number(u.received),
    procedureCode: u.procedure_code,
    componentKey: u.component_key,
    size: stored ? Number(u.length) : null,
    pages: stored ? u.pages : null,
    sha256: stored ? u.sha256 : null,
    mime: stored ? u.mime : null,
    receivedAt: stored && u.completed_at ? new Date(u.completed_at).toISOString() : null,
    expiresAt: new Date(u.expires_at).toISOString(),
    // The refusal's key was saved with the upload: read back, it is checked against the catalogues.
    refusal: r ? (hasMessage(r.key) ? t(lang, r.key, r.params) : r.key) : null,
  };
}

/** The upload when `actor` owns it; another person's is as unknown as a missing one (404). */
export async function getUploadFor(ctx: Ctx, actor: Actor, id: string): Promise<Upload> {
  const u = await ds.getUpload(ctx.db, id);
  if (!u || !isOwner(u, actor) || u.state === 'discarded') throw notFound('upload.not_found');
  return u;
}

export async function createUpload(ctx: Ctx, actor: Actor, input: CreateUploadInput): Promise<Upload> {
  const now = ctx.clock.now();
  const name = input.fileName?.trim() ? input.fileName : 'tep';
  if (!Number.isSafeInteger(input.length) || input.length < 0) throw badRequest('upload.length_required');
  if (input.length === 0) throw badRequest('upload.empty', { name });
  if (input.length > UPLOAD_MAX_BYTES) throw new AppError(413, 'upload.too_large', { name, max: UPLOAD_MAX_BYTES / 1024 / 1024 });
  const procedureCode = input.procedureCode || null;
  const componentKey = input.componentKey || null;
  if (componentKey && !procedureCode) throw badRequest('upload.procedure_required');
  if (procedureCode) {
    const snap = await procedureSnapshotAt(ctx, procedureCode, now);
    if (!snap) throw notFound('dossier.procedure_unknown', { code: procedureCode });
    if (componentKey && !snap.components.some((c) => c.key === componentKey))
      throw badRequest('dossier.component_unknown', { component: componentKey }, [{ field: 'componentKey', message: componentKey }]);
  }
  const owner = ownerOf(actor);
  if ((await ds.countOpenUploads(ctx.db, owner.kind, owner.id, new Date(now.getTime() - UPLOAD_TTL_MS))) >= MAX_OPEN_UPLOADS)
    throw new AppError(429, 'upload.too_many', { n: MAX_OPEN_UPLOADS });
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await ds.insertUpload(trx, {
      id,
      owner_kind: owner.kind,
      owner_id: owner.id,
      procedure_code: procedureCode,
      component_key: componentKey,
      file_name: name.slice(0, 255),
      declared_type: input.fileType ? input.fileType.slice(0, 200) : null,
      length: input.length,
      received: 0,
      sha256: null,
      mime: null,
      pages: null,
      refusal: null,
      dossier_id: null,
      created_at: now,
      updated_at: now,
      completed_at: null,
      expires_at: new Date(now.getTime() + UPLOAD_TTL_MS),
    });
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'upload.create',
      entity: 'upload',
      entityId: id,
      ip: input.ip ?? null,
      details: { length: input.length, procedureCode, componentKey },
      at: now,
    });
  });
  return (await ds.getUpload(ctx.db, id))!;
}

function expired(ctx: Ctx, u: Upload): boolean {
  return u.state === 'receiving' && new Date(u.expires_at).getTime() <= ctx.clock.now().getTime();
}

/** HEAD: the upload as it stands (410 once expired). */
export async function uploadStatus(ctx: Ctx, actor: Actor, id: string): Promise<Upload> {
  const u = await getUploadFor(ctx, actor, id);
  if (expired(ctx, u)) throw new AppError(410, 'upload.expired');
  return u;
}

/**
 * PATCH: `bytes` at `offset`. Refused with 409 (upload.offset_mismatch, nothing kept) unless
 * `offset` is what the server holds; the last chunk completes the upload (finishUpload).
 */
export async function appendChunk(ctx: Ctx, actor: Actor, id: string, offset: number, bytes: Buffer, ip?: string | null): Promise<Upload> {
  const u = await getUploadFor(ctx, actor, id);
  const length = Number(u.length);
  if (u.state === 'stored' && offset === length && bytes.length === 0) return u;
  if (u.state === 'refused') throw conflict('upload.refused', { name: u.file_name });
  if (u.state !== 'receiving') throw conflict('upload.not_receiving');
  if (expired(ctx, u)) throw new AppError(410, 'upload.expired');
  if (!Number.isSafeInteger(offset) || offset !== Number(u.received)) throw new AppError(409, 'upload.offset_mismatch', { expected: Number(u.received) });
  if (offset + bytes.length > length) throw badRequest('upload.too_long', { length });
  if (bytes.length > 0) {
    const now = ctx.clock.now();
    try {
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await ds.advanceOffset(trx, id, offset, bytes.length, now))) throw new AppError(409, 'upload.offset_mismatch', { expected: -1 });
        await ds.insertChunk(trx, id, offset, bytes);
      });
    } catch (err) {
      // Another request took this offset first (its chunk is kept, this one is not).
      const now2 = (await ds.getUpload(ctx.db, id))!;
      if (err instanceof AppError || Number(now2.received) !== offset) throw new AppError(409, 'upload.offset_mismatch', { expected: Number(now2.received) });
      throw err;
    }
  }
  const after = (await ds.getUpload(ctx.db, id))!;
  if (Number(after.received) === length && after.state === 'receiving') return finishUpload(ctx, actor, after, ip);
  return after;
}

async function pdfPages(bytes: Buffer): Promise<number> {
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return doc.getPageCount();
  } catch {
    return 0;
  }
}

/** Checks what a file is and how many pages it has; throws the 400 AppError of a refusal. */
export async function checkFile(bytes: Buffer, name: string, declaredType: string | null): Promise<{ name: string; mime: string; pages: number }> {
  const c = checkUpload(bytes, name, declaredType, { maxBytes: UPLOAD_MAX_BYTES, allowed: ['pdf', 'jpeg', 'png'] });
  let pages = 1;
  if (c.kind === 'pdf') {
    pages = await pdfPages(bytes);
    if (pages < 1) throw badRequest('upload.pdf_unreadable', { name: c.name });
    if (pages > MAX_PDF_PAGES) throw badRequest('upload.too_many_pages', { name: c.name, max: MAX_PDF_PAGES });
  }
  return { name: c.name, mime: c.mime, pages };
}

/** All bytes are in: assemble, check, store in the blob store, acknowledge (or refuse). */
async function finishUpload(ctx: Ctx, actor: Actor, u: Upload, ip?: string | null): Promise<Upload> {
  const length = Number(u.length);
  const chunks = await ds.listChunks(ctx.db, u.id);
  let at = 0;
  for (const c of chunks) {
    if (c.start !== at) throw new AppError(500, 'upload.corrupt');
    at += c.bytes.length;
  }
  if (at !== length) throw new AppError(500, 'upload.corrupt');
  const bytes = Buffer.concat(chunks.map((c) => c.bytes));
  const now = ctx.clock.now();
  let checked: { name: string; mime: string; pages: number };
  try {
    checked = await checkFile(bytes, u.file_name, u.declared_type);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await ds.settleUpload(trx, u.id, { state: 'refused', refusal: JSON.stringify({ key: err.key, params: err.params ?? {} }), updated_at: now })))
        return;
      await ds.deleteChunks(trx, u.id);
      await appendAudit(trx, {
        actorKind: actor.kind,
        actorId: actor.id,
        action: 'upload.refuse',
        entity: 'upload',
        entityId: u.id,
        ip: ip ?? null,
        details: { reason: err.key },
        at: now,
      });
    });
    throw err;
  }
  const blob = await deps.putBlob(ctx, bytes, { contentType: checked.mime });
  await ctx.db.transaction().execute(async (trx) => {
    if (
      !(await ds.settleUpload(trx, u.id, {
        state: 'stored',
        sha256: blob.sha256,
        mime: checked.mime,
        pages: checked.pages,
        file_name: checked.name,
        completed_at: now,
        updated_at: now,
      }))
    )
      return;
    await ds.deleteChunks(trx, u.id);
    if (u.procedure_code && actor.kind === 'citizen') await ds.touchDraft(trx, actor.id, u.procedure_code, now);
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'upload.store',
      entity: 'upload',
      entityId: u.id,
      ip: ip ?? null,
      details: { sha256: blob.sha256, size: length, pages: checked.pages, componentKey: u.component_key },
      at: now,
    });
  });
  return (await ds.getUpload(ctx.db, u.id))!;
}

/**
 * A file that came whole (the plain form, without JavaScript) kept as an acknowledged upload of
 * the draft, so a refused submission does not lose it. Throws the refusal of checkFile.
 */
export async function storeWholeUpload(
  ctx: Ctx,
  actor: Actor,
  f: { bytes: Buffer; fileName: string; contentType: string; procedureCode: string; componentKey: string },
  ip?: string | null,
): Promise<Upload> {
  const checked = await checkFile(f.bytes, f.fileName, f.contentType);
  const blob = await deps.putBlob(ctx, f.bytes, { contentType: checked.mime });
  const now = ctx.clock.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await ds.insertUpload(trx, {
      id,
      owner_kind: actor.kind,
      owner_id: actor.id,
      procedure_code: f.procedureCode,
      component_key: f.componentKey,
      file_name: checked.name,
      declared_type: f.contentType || null,
      length: f.bytes.length,
      received: f.bytes.length,
      state: 'stored',
      sha256: blob.sha256,
      mime: checked.mime,
      pages: checked.pages,
      refusal: null,
      dossier_id: null,
      created_at: now,
      updated_at: now,
      completed_at: now,
      expires_at: new Date(now.getTime() + UPLOAD_TTL_MS),
    });
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'upload.store',
      entity: 'upload',
      entityId: id,
      ip: ip ?? null,
      details: { sha256: blob.sha256, size: f.bytes.length, pages: checked.pages, componentKey: f.componentKey, whole: true },
      at: now,
    });
  });
  return (await ds.getUpload(ctx.db, id))!;
}

/** DELETE (tus termination): an upload not in a dossier is discarded with its bytes. */
export async function discardUpload(ctx: Ctx, actor: Actor, id: string, ip?: string | null): Promise<void> {
  const u = await getUploadFor(ctx, actor, id);
  if (u.dossier_id) throw conflict('upload.in_dossier');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await ds.settleUpload(trx, id, { state: 'discarded', updated_at: now }, ['receiving', 'stored', 'refused']))) return;
    await ds.deleteChunks(trx, id);
    await appendAudit(trx, { actorKind: actor.kind, actorId: actor.id, action: 'upload.discard', entity: 'upload', entityId: id, ip: ip ?? null, at: now });
  });
}

/** Per component, the newest upload of the draft (stored, or still receiving). */
export async function draftUploads(ctx: Ctx, actor: Actor, procedureCode: string): Promise<Record<string, Upload>> {
  const rows = await ds.uploadsOfDraft(ctx.db, actor.kind, actor.id, procedureCode);
  const out: Record<string, Upload> = {};
  for (const r of rows) if (r.component_key && !out[r.component_key]) out[r.component_key] = r;
  return out;
}

/**
 * The uploads a submission names, as read for its decision (model/submission.ts checks them:
 * the owner's, stored, not used, same hash, and the blob there whole - read back and hashed, so
 * a file cannot arrive empty).
 */
export async function readUploadsForSubmission(ctx: Ctx, refs: readonly UploadRef[]): Promise<{ ref: UploadRef; upload: Upload | null; blobWhole: boolean }[]> {
  const out: { ref: UploadRef; upload: Upload | null; blobWhole: boolean }[] = [];
  for (const ref of refs) {
    const u = (await ds.getUpload(ctx.db, ref.uploadId)) ?? null;
    // The bytes are read only for the upload the receipt names (the decision refuses the others first).
    const bytes = u?.sha256 && u.sha256 === ref.sha256 ? await deps.getBlob(ctx, u.sha256) : null;
    out.push({ ref, upload: u, blobWhole: !!bytes && !!u && bytes.length === Number(u.length) && sha256Of(bytes) === u.sha256 });
  }
  return out;
}
