/**
 * The electronic result carries the approving leader's signature (remote signing through the
 * signing module). Signing is asynchronous: the leader confirms on their device, which can take
 * minutes, so the change that makes a result signable only enqueues `dossier.sign_result` (one
 * message per file) in its own transaction; the handler signs, stores the signed PDF in place of
 * the unsigned one and appends a `sign_result` event. See docs/decisions-dossiers.md "Signed
 * results" and docs/decisions-signing-payments.md "What is approved is what is signed".
 *
 * - Frozen by hash: when a result becomes signable (approval, or a leader of the deciding unit
 *   attaching it) its SHA-256 is written to `approved_sha256`; the handler signs only bytes with
 *   that hash and refuses (stops, alerts) otherwise.
 * - A file attached after approval by someone else is either a digitized paper result signed by
 *   hand (`paper_digitized`: signed by the officer who scanned it, for their unit, as a certified
 *   digitization, never as the leader) or a new result, which must go back through approval (a
 *   leader of the deciding unit attaches it: that is their approval).
 * - Failures are visible: attempts and the last error are kept on the file; after
 *   SIGNING_MAX_ATTEMPTS (default 5) the job stops and the unit's officers and the administrators
 *   are notified; an officer of the unit can retry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { appendAudit } from '../../../platform/audit';
import { sha256Of } from '../../../platform/blobs';
import { AppError, conflict, forbidden, notFound } from '../../../platform/errors';
import { hasMessage, t } from '../../../platform/i18n';
import { enqueue } from '../../../platform/outbox';
import type { Jobs } from '../../../platform/module';
import * as deps from '../deps';
import * as store from '../store';
import type { Dossier, DossierFile } from '../store';
import { recordEvent } from './common';

export const SIGN_RESULT_TOPIC = 'dossier.sign_result';
export type ResultOrigin = 'approved' | 'paper_digitized';

interface SignPayload {
  dossierId: string;
  fileId: string;
  signerId: string;
  /** The hash frozen at approval (older messages have none: the file's recorded hash is used). */
  sha256?: string;
  origin?: ResultOrigin;
}

/**
 * Queues the signing of `files` (result PDFs) by `signerId`, in the caller's transaction, and
 * freezes each file's hash. `round` makes a retry a new message.
 */
export async function enqueueResultSigning(
  trx: Kysely<Database>,
  dossierId: string,
  files: Pick<DossierFile, 'id' | 'kind' | 'content_type' | 'sha256'>[],
  signerId: string,
  opts: { origin?: ResultOrigin; round?: number } = {},
): Promise<void> {
  const origin = opts.origin ?? 'approved';
  for (const f of files) {
    if (f.kind !== 'result' || f.content_type !== 'application/pdf') continue;
    const already = await trx.selectFrom('dossier_files').select(['sign_state']).where('id', '=', f.id).executeTakeFirst();
    if (already?.sign_state === 'signed') continue;
    await trx
      .updateTable('dossier_files')
      .set({ approved_sha256: f.sha256, result_origin: origin, sign_state: 'pending', sign_attempts: 0, sign_error: null })
      .where('id', '=', f.id)
      .where('dossier_id', '=', dossierId)
      .execute();
    const id = opts.round ? `${SIGN_RESULT_TOPIC}:${f.id}:retry-${opts.round}` : `${SIGN_RESULT_TOPIC}:${f.id}`;
    await enqueue(trx, {
      id,
      topic: SIGN_RESULT_TOPIC,
      key: dossierId,
      payload: { dossierId, fileId: f.id, signerId, sha256: f.sha256, origin } satisfies SignPayload,
    });
  }
}

export const isLeaderAt = (actor: Actor, units: (string | null | undefined)[]) =>
  actor.kind === 'officer' && actor.roles.some((g) => g.role === 'leader' && units.includes(g.unitId));
const isDeskAt = (actor: Actor, unit: string) => actor.kind === 'officer' && actor.roles.some((g) => g.role === 'reception' && g.unitId === unit);

export async function hasBeenApproved(db: Kysely<Database>, d: Dossier): Promise<boolean> {
  return (await store.listEvents(db, d.id)).some((e) => e.action === 'approve' && e.actor_kind === 'officer' && e.actor_id);
}

/**
 * Who signs a result attached by `actor`, and as what:
 * - a leader at the deciding unit (or the current step's unit) signs what they attach: attaching
 *   is their approval of that file;
 * - after approval, anyone else may only attach the digitized copy of a paper result signed by
 *   hand (`purpose: 'paper_digitized'`, the desk of the receiving unit): signed by that officer;
 *   a new result must go back through approval (409);
 * - before approval: nobody yet (the approval will sign it).
 */
export async function signerForAttachedResult(
  db: Kysely<Database>,
  d: Dossier,
  actor: Actor,
  purpose?: 'new_result' | 'paper_digitized',
): Promise<{ signerId: string; origin: ResultOrigin } | null> {
  if (purpose === 'paper_digitized') {
    if (!isDeskAt(actor, d.receiving_unit_id) && !isLeaderAt(actor, [d.deciding_unit_id])) throw forbidden('dossier.result.digitize_desk_only');
    return { signerId: actor.id, origin: 'paper_digitized' };
  }
  if (isLeaderAt(actor, [d.deciding_unit_id, d.step_unit_id])) return { signerId: actor.id, origin: 'approved' };
  if (await hasBeenApproved(db, d)) throw conflict('dossier.result.needs_approval');
  return null;
}

function alreadySigned(events: store.DossierEvent[], fileId: string): boolean {
  return events.some((e) => e.action === 'sign_result' && (typeof e.data === 'string' ? JSON.parse(e.data) : (e.data as any))?.fileId === fileId);
}

/** The message key (and detail) of a signing failure. */
function failureOf(e: unknown): { key: string; detail: string } {
  if (e instanceof AppError && e.key.startsWith('signing.')) return { key: e.key, detail: e.key };
  const msg = e instanceof Error ? e.message : String(e);
  return { key: 'signing.failed_other', detail: msg.slice(0, 300) };
}

async function recordFailure(
  ctx: Ctx,
  d: Dossier,
  file: DossierFile,
  failure: { key: string; detail: string },
  stopNow: boolean,
): Promise<'stopped' | 'failed'> {
  const attempts = (file.sign_attempts ?? 0) + 1;
  const stopped = stopNow || attempts >= ctx.config.esign.maxAttempts;
  const state = stopped ? 'stopped' : 'failed';
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dossier_files')
      .set({
        sign_state: state,
        sign_attempts: attempts,
        sign_error: failure.key === 'signing.failed_other' ? `${failure.key}|${failure.detail}` : failure.key,
      })
      .where('id', '=', file.id)
      .execute();
    await appendAudit(trx, {
      actorKind: 'system',
      actorId: null,
      action: stopped ? 'dossier.sign_stopped' : 'dossier.sign_failed',
      entity: 'dossier_file',
      entityId: file.id,
      details: { dossierId: d.id, attempts, error: failure.detail },
      at: now,
    });
  });
  if (stopped) {
    await deps.alertSigningStopped(ctx, {
      sourceId: `sign-stopped:${file.id}:${attempts}:${now.getTime()}`,
      dossierId: d.id,
      code: d.code,
      procedure: d.procedure_name,
      unitIds: [...new Set([d.deciding_unit_id, d.receiving_unit_id])],
      reason: signErrorText('vi', failure.key === 'signing.failed_other' ? `${failure.key}|${failure.detail}` : failure.key),
    });
  }
  return state;
}

/** The stored error as a sentence. */
export function signErrorText(lang: 'vi' | 'en', stored: string | null): string {
  if (!stored) return '';
  const [key, detail] = stored.split('|');
  // The key was saved with the file (sign_error): read back, it is checked against the catalogues.
  return hasMessage(key!) ? t(lang, key, { detail: detail ?? '' }) : stored;
}

/** The outbox handler: signs one result file. Idempotent (a file is signed once). */
export async function signResultFile(ctx: Ctx, payload: SignPayload): Promise<void> {
  const d0 = await store.getDossier(ctx.db, payload.dossierId);
  const file = d0 && (await store.getFile(ctx.db, payload.dossierId, payload.fileId));
  if (!d0 || !file) return;
  if (file.sign_state === 'stopped' || file.sign_state === 'signed') return;
  if (alreadySigned(await store.listEvents(ctx.db, d0.id), file.id)) return;
  const officer = await deps.officerAccount(ctx, payload.signerId);
  if (!officer) return;
  const pdf = await deps.getBlob(ctx, file.blob_key);
  if (!pdf) throw new Error(`result file ${file.id} has no content`);
  // What is approved is what is signed: the bytes must have the hash frozen at approval.
  const frozen = payload.sha256 ?? file.approved_sha256 ?? file.sha256;
  if (sha256Of(pdf) !== frozen || file.sha256 !== frozen) {
    await recordFailure(ctx, d0, file, { key: 'signing.hash_mismatch', detail: `expected ${frozen}, found ${sha256Of(pdf)}` }, true);
    return;
  }
  const digitized = payload.origin === 'paper_digitized';
  const unitId = digitized ? d0.receiving_unit_id : d0.deciding_unit_id;
  let signed: { pdf: Buffer; signatureId: string };
  try {
    signed = await deps.signResultPdf(ctx, {
      pdf,
      dossierId: d0.id,
      officer: {
        id: officer.id,
        name: officer.name,
        title: digitized ? deps.digitizerTitle() : deps.leaderTitle(),
        unitName: await deps.unitName(ctx, unitId),
        unitId,
      },
      ...(digitized ? { reason: t('vi', 'dossier.result.digitizedReason'), kind: 'document' as const } : {}),
    });
  } catch (e) {
    const f = failureOf(e);
    // An unsignable file never becomes signable by retrying.
    const state = await recordFailure(ctx, d0, file, f, f.key === 'signing.pdf_encrypted' || f.key === 'signing.pdf_damaged');
    if (state === 'stopped') return;
    throw e;
  }
  const blob = await deps.putBlob(ctx, signed.pdf, { contentType: 'application/pdf' });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const d = (await store.getDossier(trx, d0.id))!;
    if (alreadySigned(await store.listEvents(trx, d.id), file.id)) return;
    const version = await store.updateIfVersion(trx, d.id, d.version, { updated_at: now });
    if (version == null) throw new Error('dossier changed while signing; retried');
    await trx
      .updateTable('dossier_files')
      .set({ blob_key: blob.key, sha256: blob.sha256, size: blob.size, sign_state: 'signed', sign_error: null })
      .where('id', '=', file.id)
      .where('dossier_id', '=', d.id)
      .execute();
    const actor: Actor = { kind: 'officer', id: officer.id, name: officer.name, roles: [] };
    await recordEvent(trx, {
      dossier: d,
      seq: version,
      at: now,
      actor,
      action: 'sign_result',
      from: d.state,
      to: d.state,
      stepKey: d.step_key ?? null,
      data: {
        fileId: file.id,
        signatureId: signed.signatureId,
        signerName: officer.name,
        unsignedSha256: file.sha256,
        approvedSha256: frozen,
        sha256: blob.sha256,
        origin: payload.origin ?? 'approved',
      },
    });
  });
}

/**
 * Retry a failed or stopped signing: an officer of the deciding unit (leader or specialist) or
 * the desk of the receiving unit. The same signer and the same frozen hash.
 */
export async function retryResultSigning(ctx: Ctx, actor: Actor, dossierId: string, fileId: string): Promise<void> {
  const d = await store.getDossier(ctx.db, dossierId);
  const file = d && (await store.getFile(ctx.db, dossierId, fileId));
  if (!d || !file || file.kind !== 'result') throw notFound('dossier.file_not_found');
  const allowed =
    actor.kind === 'officer' &&
    actor.roles.some(
      (g) => (['leader', 'specialist'].includes(g.role) && g.unitId === d.deciding_unit_id) || (g.role === 'reception' && g.unitId === d.receiving_unit_id),
    );
  if (!allowed) throw forbidden();
  if (file.sign_state !== 'failed' && file.sign_state !== 'stopped') throw conflict('dossier.result.not_failed');
  if (file.sign_error === 'signing.hash_mismatch') throw conflict('signing.hash_mismatch');
  const last = await ctx.db
    .selectFrom('outbox')
    .select(['payload'])
    .where('topic', '=', SIGN_RESULT_TOPIC)
    .where('id', 'like', `${SIGN_RESULT_TOPIC}:${file.id}%`)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  const prev = (typeof last?.payload === 'string' ? JSON.parse(last.payload) : last?.payload) as SignPayload | undefined;
  if (!prev) throw conflict('dossier.result.not_failed');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const round = now.getTime();
    await trx
      .updateTable('outbox')
      .set({ status: 'delivered' })
      .where('topic', '=', SIGN_RESULT_TOPIC)
      .where('id', 'like', `${SIGN_RESULT_TOPIC}:${file.id}%`)
      .where('status', '<>', 'delivered')
      .execute();
    await trx.updateTable('dossier_files').set({ sign_state: 'pending', sign_attempts: 0, sign_error: null }).where('id', '=', file.id).execute();
    await enqueue(trx, {
      id: `${SIGN_RESULT_TOPIC}:${file.id}:retry-${round}`,
      topic: SIGN_RESULT_TOPIC,
      key: dossierId,
      payload: { ...prev, sha256: file.approved_sha256 ?? prev.sha256 },
    });
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'dossier.sign_retry',
      entity: 'dossier_file',
      entityId: file.id,
      details: { dossierId },
      at: now,
    });
  });
}

/** The signing of results (declared by the module's manifest, index.ts). */
export function resultSigningJobs(jobs: Jobs): void {
  // The handler counts attempts itself and stops at SIGNING_MAX_ATTEMPTS; the outbox limit is a backstop.
  jobs.handle(SIGN_RESULT_TOPIC, (ctx, msg) => signResultFile(ctx, msg.payload), { maxAttempts: 50 });
}
