/**
 * Files of a dossier: e-form attachments, scans of paper components (digitization), the
 * applicant's supplements and the electronic result.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import * as deps from '../deps';
import { decide, isApplicant } from '../model';
import * as store from '../store';
import type { DossierFile } from '../store';
import { recordEvent, snapshotOf, toMachine } from './common';
import { enqueueResultSigning, signerForAttachedResult } from './sign-result';

export interface UploadedFile {
  componentKey: string | null;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredUpload {
  componentKey: string | null;
  fileName: string;
  contentType: string;
  key: string;
  sha256: string;
  size: number;
}

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function storeUpload(ctx: Ctx, f: UploadedFile, pdfOnly = false): Promise<StoredUpload> {
  if (f.bytes.length > MAX_FILE_BYTES) throw new AppError(413, 'error.payload_too_large');
  const c = deps.checkUpload(f.bytes, f.fileName, f.contentType, pdfOnly);
  const b = await deps.putBlob(ctx, f.bytes, { contentType: c.mime });
  return { componentKey: f.componentKey, fileName: c.name, contentType: c.mime, key: b.key, sha256: b.sha256, size: b.size };
}

export type FileKind = 'component' | 'supplement' | 'result';

/**
 * Adds a file to a dossier:
 * - `component`: the reception desk digitizes a paper component (scan), before or at receipt;
 * - `supplement`: the applicant (or the desk) brings a missing component while the dossier waits;
 * - `result`: the electronic result (PDF), by whoever may attach it at the current step.
 * Appends an event; bumps the dossier's version.
 */
export async function addFile(
  ctx: Ctx,
  actor: Actor,
  dossierId: string,
  kind: FileKind,
  f: UploadedFile,
  ip?: string | null,
  opts: { purpose?: 'new_result' | 'paper_digitized' } = {},
): Promise<DossierFile> {
  const now = ctx.clock.now();
  const d0 = await store.getDossier(ctx.db, dossierId);
  if (!d0) throw notFound('dossier.not_found');
  const files0 = await store.listFiles(ctx.db, dossierId);
  const m = toMachine(d0, files0);
  const comp = f.componentKey ? snapshotOf(d0).components.find((c) => c.key === f.componentKey) : undefined;
  if (kind !== 'result') {
    if (!comp) throw badRequest('dossier.component_unknown', { component: f.componentKey ?? '' }, [{ field: 'componentKey', message: f.componentKey ?? '' }]);
    const desk = actor.kind === 'officer' && actor.roles.some((g) => g.role === 'reception' && g.unitId === d0.receiving_unit_id);
    const applicant = isApplicant(actor, m);
    if (!desk && !applicant) throw forbidden();
    const okStates = kind === 'component' ? (desk ? ['submitted', 'received', 'waiting_supplement'] : ['submitted']) : ['waiting_supplement'];
    if (!okStates.includes(d0.state)) throw conflict('dossier.wrong_state', { state: d0.state });
  } else {
    const r = decide(m, actor, 'attach_result', {}, now);
    if (!r.ok) throw new AppError(r.status, r.key, r.params);
  }
  // Who will sign it is known before anything is stored (a refusal stores nothing).
  const signing = kind === 'result' ? await signerForAttachedResult(ctx.db, d0, actor, opts.purpose) : null;
  if (kind === 'result') {
    if (f.bytes.length > MAX_FILE_BYTES) throw new AppError(413, 'error.payload_too_large');
    deps.checkUpload(f.bytes, f.fileName, f.contentType, true);
    await deps.checkSignableResult(f.bytes);
  }
  const s = await storeUpload(ctx, f, kind === 'result');
  const id = randomUUID();
  const digitized = actor.kind === 'officer' && (kind !== 'result' || signing?.origin === 'paper_digitized');
  await ctx.db.transaction().execute(async (trx) => {
    const d = (await store.getDossier(trx, dossierId))!;
    const version = await store.updateIfVersion(trx, dossierId, d.version, { updated_at: now });
    if (version == null) throw conflict('dossier.changed');
    await store.insertFile(trx, {
      id,
      dossier_id: dossierId,
      kind,
      component_key: kind === 'result' ? null : s.componentKey,
      blob_key: s.key,
      file_name: s.fileName,
      content_type: s.contentType,
      size: s.size,
      sha256: s.sha256,
      digitized,
      uploaded_by_kind: actor.kind,
      uploaded_by: actor.id,
      uploaded_at: now,
    });
    const action = kind === 'result' ? 'attach_result' : kind === 'supplement' ? 'add_supplement_file' : digitized ? 'digitize' : 'add_file';
    await recordEvent(trx, {
      dossier: d,
      seq: version,
      at: now,
      actor,
      action,
      from: d.state,
      to: d.state,
      stepKey: d.step_key ?? null,
      data: {
        fileId: id,
        componentKey: s.componentKey,
        fileName: s.fileName,
        digitized,
        ...(kind === 'result' ? { sha256: s.sha256, origin: signing?.origin ?? null } : {}),
      },
      ip,
    });
    if (kind === 'result' && signing)
      await enqueueResultSigning(trx, dossierId, [{ id, kind, content_type: s.contentType, sha256: s.sha256 }], signing.signerId, { origin: signing.origin });
  });
  return (await store.getFile(ctx.db, dossierId, id))!;
}

/** The bytes of a file, for whoever may see the dossier (checked by the caller). */
export async function readFile(ctx: Ctx, dossierId: string, fileId: string): Promise<{ file: DossierFile; bytes: Buffer }> {
  const file = await store.getFile(ctx.db, dossierId, fileId);
  if (!file) throw notFound('dossier.file_not_found');
  const bytes = await deps.getBlob(ctx, file.blob_key);
  if (!bytes) throw notFound('dossier.file_not_found');
  return { file, bytes };
}
