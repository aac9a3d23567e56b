/**
 * One complete supplement request (issue 17 items 1-2): the officer's request with its deficient
 * items (issued at once when it is the first; a second or later one waits for a leader of the
 * dossier's units, who approves it - only then the dossier waits and the clock stops - or refuses
 * it, both with a written reason), and the applicant's answer item by item, online or recorded at
 * the desk. The state change itself is performAction's (transition.ts), in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import * as deps from '../deps';
import {
  checkAnswers,
  checkSupplementItems,
  decide,
  mayApproveSupplement,
  needsLeaderApproval,
  sourcesOf,
  supplementItemRows,
  type Defect,
  type SupplementItemInput,
} from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { recordEvent, snapshotOf, toMachine } from './common';
import { storeUpload, type UploadedFile } from './files';
import { performAction } from './transition';

export interface SupplementItemView {
  id: string;
  position: number;
  componentKey: string | null;
  label: string;
  defect: Defect;
  provide: string;
  answer: { note: string | null; fileId: string | null; at: string } | null;
}

export interface SupplementRequestView {
  id: string;
  no: number;
  state: 'pending' | 'refused' | 'issued' | 'answered';
  reason: string;
  requestedBy: { id: string; name: string | null };
  requestedAt: string;
  decision: { by: string; byName: string | null; at: string; reason: string | null } | null;
  issuedAt: string | null;
  answeredAt: string | null;
  answeredVia: 'online' | 'desk' | null;
  items: SupplementItemView[];
}

/** Every request of a dossier with its items and answers, oldest first (access checked by the caller). */
export async function listSupplementRequests(ctx: Ctx, dossierId: string): Promise<SupplementRequestView[]> {
  const reqs = await store.listSupplementRequests(ctx.db, dossierId);
  const items = await store.listSupplementItems(
    ctx.db,
    reqs.map((r) => r.id),
  );
  return reqs.map((r) => ({
    id: r.id,
    no: r.request_no,
    state: r.state,
    reason: r.reason,
    requestedBy: { id: r.requested_by, name: r.requested_by_name },
    requestedAt: r.requested_at.toISOString(),
    decision:
      r.decided_by && r.decided_at
        ? { by: r.decided_by, byName: r.decided_by_name ?? null, at: r.decided_at.toISOString(), reason: r.decision_reason ?? null }
        : null,
    issuedAt: r.issued_at ? r.issued_at.toISOString() : null,
    answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
    answeredVia: r.answered_via ?? null,
    items: items
      .filter((i) => i.request_id === r.id)
      .map((i) => ({
        id: i.id,
        position: i.position,
        componentKey: i.component_key,
        label: i.label,
        defect: i.defect as Defect,
        provide: i.provide,
        answer: i.answered_at ? { note: i.answer_note ?? null, fileId: i.answer_file_id ?? null, at: i.answered_at.toISOString() } : null,
      })),
  }));
}

export interface SupplementInput {
  version: number;
  comment?: string | null;
  items: SupplementItemInput[];
  ip?: string | null;
}

/**
 * The officer's request. The first is issued at once (the dossier waits, Mẫu 02); a second or
 * later one is recorded as pending a leader's approval and changes nothing else.
 */
export async function requestSupplementItems(
  ctx: Ctx,
  actor: Actor,
  dossierId: string,
  input: SupplementInput,
): Promise<{ dossier: Dossier; pending: boolean; requestId: string | null }> {
  const now = ctx.clock.now();
  const d0 = await store.getDossier(ctx.db, dossierId);
  if (!d0) throw notFound('dossier.not_found');
  if (!needsLeaderApproval(d0.supplement_requests, deps.supplementOnceFor(d0))) {
    const d = await performAction(ctx, actor, dossierId, 'request_supplement', {
      version: input.version,
      comment: input.comment,
      items: input.items,
      ip: input.ip,
    });
    const last = (await store.listSupplementRequests(ctx.db, dossierId)).at(-1);
    return { dossier: d, pending: false, requestId: last?.id ?? null };
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const d = await store.getDossier(trx, dossierId);
    if (!d) throw notFound('dossier.not_found');
    if (d.version !== input.version) throw conflict('dossier.changed');
    const r = decide(toMachine(d, await store.listFiles(trx, dossierId)), actor, 'request_supplement', { comment: input.comment }, now);
    if (!r.ok) throw new AppError(r.status, r.key, r.params);
    const c = checkSupplementItems(snapshotOf(d).components, sourcesOf(d.component_sources), deps.componentsFromSourceAt(d.submitted_at), input.items);
    if (!c.ok) throw new AppError(c.status, c.key, c.params, c.field ? [{ field: c.field, message: c.key }] : undefined);
    if ((await store.listSupplementRequests(trx, dossierId)).some((x) => x.state === 'pending')) throw conflict('dossier.supplement_pending_exists');
    const version = await store.updateIfVersion(trx, d.id, input.version, { updated_at: now });
    if (version == null) throw conflict('dossier.changed');
    const requestNo = d.supplement_requests + 1;
    await store.insertSupplementRequest(
      trx,
      {
        id,
        dossier_id: d.id,
        request_no: requestNo,
        state: 'pending',
        reason: input.comment!.trim(),
        requested_by: actor.id,
        requested_by_name: actor.name,
        requested_at: now,
      },
      supplementItemRows(id, c.items, randomUUID),
    );
    await recordEvent(trx, {
      dossier: d,
      seq: version,
      at: now,
      actor,
      action: 'supplement_proposed',
      from: d.state,
      to: d.state,
      stepKey: d.step_key ?? null,
      comment: input.comment ?? null,
      data: { requestId: id, requestNo, missing: c.items.map((x) => x.label), items: c.items },
      ip: input.ip,
    });
  });
  return { dossier: (await store.getDossier(ctx.db, dossierId))!, pending: true, requestId: id };
}

/**
 * A leader of the dossier's units decides a pending request, with a written reason: approved, it
 * is issued (the dossier waits, the clock stops); refused, the dossier goes on unchanged.
 */
export async function decideSupplementRequest(
  ctx: Ctx,
  actor: Actor,
  dossierId: string,
  requestId: string,
  input: { version: number; approve: boolean; reason?: string | null; ip?: string | null },
): Promise<Dossier> {
  const now = ctx.clock.now();
  const d0 = await store.getDossier(ctx.db, dossierId);
  if (!d0) throw notFound('dossier.not_found');
  if (!mayApproveSupplement(actor, { receivingUnitId: d0.receiving_unit_id, decidingUnitId: d0.deciding_unit_id, stepUnitId: d0.step_unit_id ?? null }))
    throw forbidden('dossier.supplement_leader_only');
  const reason = input.reason?.trim() ?? '';
  if (!reason)
    throw badRequest('dossier.supplement_decision_reason_required', undefined, [{ field: 'reason', message: 'dossier.supplement_decision_reason_required' }]);
  const pending = (await store.listSupplementRequests(ctx.db, dossierId)).find((x) => x.id === requestId);
  if (!pending) throw notFound('dossier.supplement_request_not_found');
  if (pending.state !== 'pending') throw conflict('dossier.supplement_not_pending');
  if (input.approve) {
    const items = await store.listSupplementItems(ctx.db, [pending.id]);
    return performAction(ctx, actor, dossierId, 'request_supplement', {
      version: input.version,
      comment: pending.reason,
      items: items.map((i) => ({ componentKey: i.component_key, label: i.label, defect: i.defect, provide: i.provide })),
      approval: { requestId: pending.id, reason },
      ip: input.ip,
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const d = (await store.getDossier(trx, dossierId))!;
    if (d.version !== input.version) throw conflict('dossier.changed');
    const still = (await store.listSupplementRequests(trx, dossierId)).find((x) => x.id === requestId);
    if (still?.state !== 'pending') throw conflict('dossier.supplement_not_pending');
    const version = await store.updateIfVersion(trx, d.id, input.version, { updated_at: now });
    if (version == null) throw conflict('dossier.changed');
    await store.updateSupplementRequest(trx, requestId, {
      state: 'refused',
      decided_by: actor.id,
      decided_by_name: actor.name,
      decided_at: now,
      decision_reason: reason,
    });
    await recordEvent(trx, {
      dossier: d,
      seq: version,
      at: now,
      actor,
      action: 'supplement_proposal_refused',
      from: d.state,
      to: d.state,
      stepKey: d.step_key ?? null,
      comment: reason,
      data: { requestId, requestNo: pending.request_no },
      ip: input.ip,
    });
  });
  return (await store.getDossier(ctx.db, dossierId))!;
}

export interface AnswerInput {
  version: number;
  answers: { itemId: string; note?: string | null; file?: UploadedFile | null }[];
  ip?: string | null;
}

/**
 * The applicant's answer, item by item (online by the applicant, or recorded by the desk): every
 * item of the open request has a note or a file; the files become the items' supplements; the
 * dossier goes back to where it was and the clock resumes (performAction 'supplement').
 */
export async function answerSupplement(ctx: Ctx, actor: Actor, dossierId: string, input: AnswerInput): Promise<Dossier> {
  const d = await store.getDossier(ctx.db, dossierId);
  if (!d) throw notFound('dossier.not_found');
  const open = (await store.listSupplementRequests(ctx.db, dossierId)).filter((x) => x.state === 'issued').at(-1);
  if (d.state !== 'waiting_supplement' || !open) throw conflict('dossier.wrong_state', { state: d.state });
  // Who may answer is the machine's (the applicant or the desk): checked before any file is stored.
  const r = decide(toMachine(d, []), actor, 'supplement', {}, ctx.clock.now());
  if (!r.ok) throw new AppError(r.status, r.key, r.params);
  const items = await store.listSupplementItems(ctx.db, [open.id]);
  const c = checkAnswers(
    items,
    input.answers.map((a) => ({ itemId: a.itemId, note: a.note, hasFile: !!a.file })),
  );
  if (!c.ok) throw badRequest(c.key, c.params);
  const answers = [];
  for (const a of input.answers) answers.push({ itemId: a.itemId, note: a.note ?? null, file: a.file ? await storeUpload(ctx, a.file) : null });
  return performAction(ctx, actor, dossierId, 'supplement', { version: input.version, answers, ip: input.ip });
}

/** The second or later supplement requests issued in [from, to) on dossiers received or decided by these units - for the indicators. */
export async function repeatedSupplementRequests(ctx: Ctx, f: { unitIds: string[]; from: Date; to: Date }): Promise<number> {
  return store.repeatedSupplementCount(ctx.db, f);
}
