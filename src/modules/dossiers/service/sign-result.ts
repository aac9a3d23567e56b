/**
 * The electronic result carries the approving leader's signature (remote signing through the
 * signing module). Signing is asynchronous: the leader confirms on their device, which can take
 * minutes, so the change that makes a result signable (approval with a result attached, or a
 * result attached after approval) only enqueues `dossier.sign_result` (one message per file,
 * id `dossier.sign_result:<file id>`) in its own transaction; the handler signs, stores the
 * signed PDF in place of the unsigned one and appends a `sign_result` event. See
 * docs/decisions-dossiers.md "Signed results".
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { enqueue, registerOutboxHandler } from '../../../platform/outbox';
import * as deps from '../deps';
import * as store from '../store';
import type { Dossier, DossierFile } from '../store';
import { recordEvent } from './common';

export const SIGN_RESULT_TOPIC = 'dossier.sign_result';

/** Queues the signing of `files` (result PDFs) by `signerId`, in the caller's transaction. */
export async function enqueueResultSigning(trx: Kysely<Database>, dossierId: string, files: Pick<DossierFile, 'id' | 'kind' | 'content_type'>[], signerId: string): Promise<void> {
  for (const f of files) {
    if (f.kind !== 'result' || f.content_type !== 'application/pdf') continue;
    await enqueue(trx, { id: `${SIGN_RESULT_TOPIC}:${f.id}`, topic: SIGN_RESULT_TOPIC, key: dossierId, payload: { dossierId, fileId: f.id, signerId } });
  }
}

/**
 * Who signs a result attached by `actor`: the leader of the latest approval when the dossier
 * has been approved; else the uploader when they are a leader at the deciding unit or the
 * current step's unit; else nobody yet (the approval will sign it).
 */
export async function signerForAttachedResult(db: Kysely<Database>, d: Dossier, actor: Actor): Promise<string | null> {
  const approvals = (await store.listEvents(db, d.id)).filter((e) => e.action === 'approve' && e.actor_kind === 'officer' && e.actor_id);
  const last = approvals[approvals.length - 1];
  if (last) return last.actor_id;
  const units = [d.deciding_unit_id, d.step_unit_id].filter(Boolean);
  if (actor.kind === 'officer' && actor.roles.some((g) => g.role === 'leader' && units.includes(g.unitId))) return actor.id;
  return null;
}

function alreadySigned(events: store.DossierEvent[], fileId: string): boolean {
  return events.some((e) => e.action === 'sign_result' && (typeof e.data === 'string' ? JSON.parse(e.data) : (e.data as any))?.fileId === fileId);
}

/** The outbox handler: signs one result file. Idempotent (a file is signed once). */
export async function signResultFile(ctx: Ctx, payload: { dossierId: string; fileId: string; signerId: string }): Promise<void> {
  const d0 = await store.getDossier(ctx.db, payload.dossierId);
  const file = d0 && (await store.getFile(ctx.db, payload.dossierId, payload.fileId));
  if (!d0 || !file) return;
  if (alreadySigned(await store.listEvents(ctx.db, d0.id), file.id)) return;
  const officer = await deps.officerAccount(ctx, payload.signerId);
  if (!officer) return;
  const pdf = await deps.getBlob(ctx, file.blob_key);
  if (!pdf) throw new Error(`result file ${file.id} has no content`);
  const signed = await deps.signResultPdf(ctx, { pdf, dossierId: d0.id, officer: { id: officer.id, name: officer.name, title: deps.leaderTitle(), unitName: await deps.unitName(ctx, d0.deciding_unit_id), unitId: d0.deciding_unit_id } });
  const blob = await deps.putBlob(ctx, signed.pdf, { contentType: 'application/pdf' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const d = (await store.getDossier(trx, d0.id))!;
    if (alreadySigned(await store.listEvents(trx, d.id), file.id)) return;
    const version = await store.updateIfVersion(trx, d.id, d.version, { updated_at: now });
    if (version == null) throw new Error('dossier changed while signing; retried');
    await trx.updateTable('dossier_files').set({ blob_key: blob.key, sha256: blob.sha256, size: blob.size }).where('id', '=', file.id).where('dossier_id', '=', d.id).execute();
    const actor: Actor = { kind: 'officer', id: officer.id, name: officer.name, roles: [] };
    await recordEvent(trx, { dossier: d, seq: version, at: now, actor, action: 'sign_result', from: d.state, to: d.state, stepKey: d.step_key ?? null, data: { fileId: file.id, signatureId: signed.signatureId, signerName: officer.name, unsignedSha256: file.sha256, sha256: blob.sha256 } });
  });
}

let registered = false;
export function registerResultSigning(): void {
  if (registered) return;
  registered = true;
  registerOutboxHandler(SIGN_RESULT_TOPIC, (ctx, msg) => signResultFile(ctx, msg.payload), { maxAttempts: 12 });
}
