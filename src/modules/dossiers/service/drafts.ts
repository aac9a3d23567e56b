/**
 * Drafts of online applications: one per citizen and procedure, saved on the server after each
 * step (the e-form, "save draft", each acknowledged upload touches it), so the application can
 * be resumed in another session (another device) after logging in; deleted when the dossier is
 * submitted (in the submission's transaction, submit.ts) or when the citizen discards it.
 */
import { randomUUID } from 'node:crypto';
import { appendAudit } from '../../../platform/audit';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { badRequest, forbidden, notFound } from '../../../platform/errors';
import * as ds from '../drafts-store';
import type { Draft } from '../drafts-store';
import { procedureSnapshotAt } from './snapshot-cache';

export type DraftStep = 'form' | 'review';
/** The largest draft (its answers as JSON). */
export const DRAFT_MAX_BYTES = 64 * 1024;

export interface DraftView {
  id: string;
  procedureCode: string;
  procedureName: string;
  step: DraftStep;
  receivingUnitId: string | null;
  data: Record<string, unknown>;
  /** The key the submission of this draft carries: a second click, or a second device, gives the same dossier. */
  idempotencyKey: string;
  createdAt: string;
  updatedAt: string;
}

function citizen(actor: Actor): Actor {
  if (actor.kind !== 'citizen') throw forbidden();
  return actor;
}

export function viewOfDraft(d: Draft): DraftView {
  const data = typeof d.data === 'string' ? JSON.parse(d.data) : d.data;
  return {
    id: d.id,
    procedureCode: d.procedure_code,
    procedureName: d.procedure_name,
    step: d.step === 'review' ? 'review' : 'form',
    receivingUnitId: d.receiving_unit_id,
    data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {},
    idempotencyKey: d.idempotency_key,
    createdAt: new Date(d.created_at).toISOString(),
    updatedAt: new Date(d.updated_at).toISOString(),
  };
}

export async function getDraftFor(ctx: Ctx, actor: Actor, procedureCode: string): Promise<DraftView | null> {
  const d = await ds.getDraft(ctx.db, citizen(actor).id, procedureCode);
  return d ? viewOfDraft(d) : null;
}

export async function listDraftsFor(ctx: Ctx, actor: Actor): Promise<DraftView[]> {
  return (await ds.listDrafts(ctx.db, citizen(actor).id)).map(viewOfDraft);
}

export interface SaveDraftInput {
  procedureCode: string;
  step: DraftStep;
  receivingUnitId?: string | null;
  data: Record<string, unknown>;
  ip?: string | null;
}

/** Creates or replaces the citizen's draft of the procedure; the draft as saved. */
export async function saveDraft(ctx: Ctx, actor: Actor, input: SaveDraftInput): Promise<DraftView> {
  citizen(actor);
  const now = ctx.clock.now();
  const snap = await procedureSnapshotAt(ctx, input.procedureCode, now);
  if (!snap) throw notFound('dossier.procedure_unknown', { code: input.procedureCode });
  const json = JSON.stringify(input.data ?? {});
  if (Buffer.byteLength(json) > DRAFT_MAX_BYTES) throw badRequest('draft.too_large', { max: DRAFT_MAX_BYTES / 1024 });
  const unit = input.receivingUnitId || null;
  await ctx.db.transaction().execute(async (trx) => {
    const prior = await ds.getDraft(trx, actor.id, snap.code);
    if (prior) await ds.updateDraft(trx, prior.id, { step: input.step, receiving_unit_id: unit, data: json, updated_at: now });
    else
      await ds.insertDraft(trx, {
        id: randomUUID(),
        owner_id: actor.id,
        procedure_code: snap.code,
        procedure_name: snap.name,
        step: input.step,
        receiving_unit_id: unit,
        data: json,
        idempotency_key: randomUUID(),
        created_at: now,
        updated_at: now,
      });
    const id = prior?.id ?? (await ds.getDraft(trx, actor.id, snap.code))!.id;
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: prior ? 'draft.save' : 'draft.create',
      entity: 'dossier_draft',
      entityId: id,
      ip: input.ip ?? null,
      details: { procedureCode: snap.code, step: input.step },
      at: now,
    });
  });
  return (await getDraftFor(ctx, actor, snap.code))!;
}

/** The citizen discards the draft and its uploads not in a dossier (404 when there is none). */
export async function discardDraft(ctx: Ctx, actor: Actor, procedureCode: string, ip?: string | null): Promise<void> {
  citizen(actor);
  const now = ctx.clock.now();
  const d = await ds.getDraft(ctx.db, actor.id, procedureCode);
  if (!d) throw notFound('draft.not_found');
  await ctx.db.transaction().execute(async (trx) => {
    if ((await ds.deleteDraft(trx, actor.id, procedureCode)) === 0) return;
    const uploads = await ds.discardDraftUploads(trx, actor.kind, actor.id, procedureCode, now);
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: 'draft.discard',
      entity: 'dossier_draft',
      entityId: d.id,
      ip: ip ?? null,
      details: { procedureCode, uploads: uploads.length },
      at: now,
    });
  });
}

/** In the submission's transaction: the draft goes, its unused uploads with it. */
export async function closeDraftOnSubmission(
  trx: Ctx['db'],
  actor: Actor,
  procedureCode: string,
  dossierId: string,
  at: Date,
  ip?: string | null,
): Promise<void> {
  const d = await ds.getDraft(trx, actor.id, procedureCode);
  const uploads = await ds.discardDraftUploads(trx, actor.kind, actor.id, procedureCode, at);
  if (!d) return;
  await ds.deleteDraft(trx, actor.id, procedureCode);
  await appendAudit(trx, {
    actorKind: 'citizen',
    actorId: actor.id,
    action: 'draft.submitted',
    entity: 'dossier_draft',
    entityId: d.id,
    ip: ip ?? null,
    details: { procedureCode, dossierId, discardedUploads: uploads.length },
    at,
  });
}
