/**
 * Every change of a dossier's state goes through `performAction`: the model decides, then one
 * transaction writes the change (UPDATE ... WHERE version = the version the client saw), the
 * event, the step history, the pauses of the clock, the outbox message and the audit entry.
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors';
import { listOfficersAt } from '../../identity/service';
import * as deps from '../deps';
import {
  applicableLimit,
  classifyTimeliness,
  decide,
  dueAfterSupplement,
  extendByPause,
  resolveStepUnit,
  RETURN_METHODS,
  sourcesOf,
  checkAnswers,
  checkSupplementItems,
  itemsFromMissing,
  needsLeaderApproval,
  type DossierAction,
  type ReturnMethod,
  type SupplementItem,
  type SupplementItemInput,
} from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import type { DossierRow } from '../tables';
import { recordEvent, snapshotOf, toMachine } from './common';
import type { StoredUpload } from './files';
import { enqueueResultSigning } from './sign-result';

export interface ActionRequest {
  /** The version of the dossier the client saw. */
  version: number;
  comment?: string | null;
  /** request_supplement: every missing item, in one go (Mẫu 02) - a plain list (each becomes an item with defect "missing"). */
  missing?: string[];
  /** request_supplement: the deficient items against the checklist, each with its defect and what to provide (takes precedence over `missing`). */
  items?: SupplementItemInput[];
  /** request_supplement: set by the leader's approval of a pending second (or later) request (service/supplement.ts), never from the client. */
  approval?: { requestId: string; reason: string };
  /** supplement: the applicant's answer per item of the open request (a note and/or a file already stored). */
  answers?: { itemId: string; note?: string | null; file?: StoredUpload | null }[];
  /** assign: the officer to assign. */
  assigneeId?: string;
  /** consult: the unit asked and the working days it has to answer (default 2). */
  consultUnitId?: string;
  consultDays?: number;
  /** apologize: the new appointment date. */
  newAppointmentAt?: Date;
  /** return_result: how the result went back. */
  returnMethod?: ReturnMethod;
  ip?: string | null;
  /** The system takes the action (e.g. confirm_fee after an online payment): the event and audit name no person. */
  asSystem?: boolean;
  /** Extra data recorded in the event (e.g. the payment id). */
  eventData?: Record<string, unknown>;
  /**
   * The client's Idempotency-Key: a repeat of the same action by the same actor with the same key
   * (its first answer lost, e.g. in a database failover) answers the dossier as that action left it
   * instead of 409 "changed".
   */
  idempotencyKey?: string;
}

const DEFAULT_CONSULT_DAYS = 2;

export async function performAction(ctx: Ctx, actor: Actor, dossierId: string, action: DossierAction, req: ActionRequest): Promise<Dossier> {
  if (action === 'attach_result') throw badRequest('dossier.use_file_upload');
  const now = ctx.clock.now();
  const cal = await deps.workCalendar(ctx);
  const pre = await store.getDossier(ctx.db, dossierId);
  if (!pre) throw notFound('dossier.not_found');
  if (action === 'assign') await checkAssignee(ctx, pre, req.assigneeId);

  try {
    await writeAction(ctx, actor, dossierId, action, req, now, cal);
  } catch (err) {
    if (!(err instanceof AppError && err.key === 'dossier.changed' && req.idempotencyKey)) throw err;
    const done = await store.findEventByKey(ctx.db, dossierId, action, actor.id, req.idempotencyKey);
    if (!done) throw err;
  }
  return (await store.getDossier(ctx.db, dossierId))!;
}

async function writeAction(
  ctx: Ctx,
  actor: Actor,
  dossierId: string,
  action: DossierAction,
  req: ActionRequest,
  now: Date,
  cal: Awaited<ReturnType<typeof deps.workCalendar>>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const d = await store.getDossier(trx, dossierId);
    if (!d) throw notFound('dossier.not_found');
    if (d.version !== req.version) throw conflict('dossier.changed');
    const files = await store.listFiles(trx, dossierId);
    const decision = decide(
      toMachine(d, files),
      actor,
      action,
      { comment: req.comment, consultUnitId: req.consultUnitId, newAppointmentAt: req.newAppointmentAt },
      now,
    );
    if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params);
    const plan = decision.plan;
    if (action === 'return_result') checkReturn(actor, d, req.returnMethod);
    let items: SupplementItem[] = [];
    if (action === 'request_supplement') {
      // One complete request: every deficient item against the checklist; nothing the state holds asked for on paper.
      const given = req.items && req.items.length ? req.items : itemsFromMissing(req.missing ?? []);
      const r = checkSupplementItems(snapshotOf(d).components, sourcesOf(d.component_sources), deps.componentsFromSourceAt(d.submitted_at), given);
      if (!r.ok) throw new AppError(r.status, r.key, r.params, r.field ? [{ field: r.field, message: r.key }] : undefined);
      items = r.items;
      // A second (or later) request goes through a leader's approval (service/supplement.ts).
      if (!req.approval && needsLeaderApproval(d.supplement_requests, deps.supplementOnceFor(d)))
        throw conflict('dossier.supplement_needs_approval', { n: d.supplement_requests + 1 });
    }

    const snap = snapshotOf(d);
    const patch: Updateable<DossierRow> = { state: plan.to, resume_state: plan.resumeState, consult_unit_id: plan.consultUnitId, updated_at: now };
    const data: Record<string, unknown> = {};

    // The clock.
    if (action === 'receive') {
      const limit = applicableLimit(snap, d.channel);
      const due = cal.dueAt(now, limit);
      Object.assign(patch, { received_at: now, due_at: due, appointment_at: due });
      data.dueAt = due.toISOString();
    }
    if (plan.pause === 'start') {
      patch.paused_since = now;
      if (action === 'request_supplement') {
        patch.supplement_requests = d.supplement_requests + 1;
        data.missing = items.map((x) => x.label);
        data.items = items;
        data.requestNo = d.supplement_requests + 1;
        // Only one request is allowed by the rules (NĐ 61 art. 15); a second one, approved by a leader, is recorded and counts as late.
        if (d.supplement_requests >= 1) data.repeatedRequest = true;
        if (req.approval) data.approval = { requestId: req.approval.requestId, by: actor.id, byName: actor.name, reason: req.approval.reason };
        data.requestId = await issueSupplementRequest(trx, d, actor, now, {
          requestNo: d.supplement_requests + 1,
          reason: req.comment ?? '',
          items,
          approval: req.approval,
        });
      }
      await store.insertPause(trx, {
        id: randomUUID(),
        dossier_id: d.id,
        kind: action === 'request_fee' ? 'fee' : 'supplement',
        reason: req.comment ?? '',
        missing: JSON.stringify(action === 'request_supplement' ? items.map((x) => x.label) : []),
        requested_by: actor.id,
        from_at: now,
        before_receipt: d.received_at == null,
        due_before: d.due_at,
      });
    }
    if (action === 'supplement') Object.assign(data, await answerSupplementRequest(trx, d, actor, now, req.answers));
    if (plan.pause === 'end') {
      const pause = await store.openPause(trx, d.id);
      patch.paused_since = null;
      if (pause && d.received_at && d.due_at) {
        const limit = applicableLimit(snap, d.channel);
        const r =
          pause.kind === 'supplement'
            ? dueAfterSupplement(cal, { receivedAt: d.received_at, dueAt: d.due_at, requestedAt: pause.from_at, resumedAt: now, limit })
            : { dueAt: extendByPause(cal, d.due_at, pause.from_at, now), rule: 'extend' as const };
        patch.due_at = r.dueAt;
        patch.appointment_at = d.apology_at && d.appointment_at ? new Date(d.appointment_at.getTime() + (r.dueAt.getTime() - d.due_at.getTime())) : r.dueAt;
        if (d.step_due_at) patch.step_due_at = extendByPause(cal, d.step_due_at, pause.from_at, now);
        await store.closePause(trx, pause.id, { to_at: now, rule: r.rule, due_after: r.dueAt });
        data.dueAt = r.dueAt.toISOString();
        data.clockRule = r.rule;
      } else if (pause) {
        await store.closePause(trx, pause.id, { to_at: now, rule: 'before_receipt' });
      }
    }
    if (action === 'apologize') {
      Object.assign(patch, { apology_at: now, appointment_at: req.newAppointmentAt });
      data.newAppointmentAt = req.newAppointmentAt!.toISOString();
    }
    if (action === 'consult') {
      const due = cal.dueAt(now, { value: req.consultDays ?? DEFAULT_CONSULT_DAYS, unit: 'working_days' });
      patch.consult_due_at = due;
      Object.assign(data, { consultUnitId: req.consultUnitId, consultDueAt: due.toISOString() });
    }
    if (action === 'answer_consultation') patch.consult_due_at = null;
    if (action === 'assign') {
      patch.assignee_id = req.assigneeId!;
      await store.updateOpenStep(trx, d.id, { assignee_id: req.assigneeId! });
      data.assigneeId = req.assigneeId;
    }
    if (plan.to === 'result_ready') patch.result_ready_at = now;
    if (action === 'return_result') Object.assign(patch, { returned_at: now, return_method: req.returnMethod ?? 'desk' });
    if (action === 'stop') data.stage = d.step_key ? (snap.process.steps.find((x) => x.key === d.step_key)?.name ?? d.step_key) : d.state;
    if (['refuse', 'withdraw', 'cancel', 'stop'].includes(action)) {
      Object.assign(patch, { closed_at: now, close_reason: req.comment ?? null, paused_since: null });
      const pause = await store.openPause(trx, d.id);
      if (pause) await store.closePause(trx, pause.id, { to_at: now, rule: 'closed' });
    }
    if (plan.to === 'result_ready' || plan.to === 'returned' || ['refuse', 'withdraw', 'cancel'].includes(action)) {
      const end = d.result_ready_at ?? now;
      if (d.due_at && d.received_at) data.timeliness = classifyTimeliness({ finishedAt: end, dueAt: d.due_at, supplementRequests: d.supplement_requests });
    }

    // The process step.
    if (plan.stepChanged || plan.to === 'refused' || plan.to === 'withdrawn' || plan.to === 'cancelled') {
      if (d.step_index != null && d.step_due_at) {
        data.stepTimeliness = classifyTimeliness({ finishedAt: now, dueAt: d.step_due_at });
        await store.closeOpenStep(trx, d.id, { left_at: now, outcome: action, handled_by: actor.id });
      }
      // Receiving completes the reception steps (model firstProcessingStep): recorded as done by the receiver.
      for (const i of plan.doneSteps ?? []) {
        const done = snap.process.steps[i]!;
        const enteredAt = d.submitted_at.getTime() < now.getTime() ? d.submitted_at : now;
        const unitId = resolveStepUnit(done, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id });
        await store.insertStep(trx, {
          id: randomUUID(),
          dossier_id: d.id,
          step_index: i,
          step_key: done.key,
          step_name: done.name,
          unit_id: unitId,
          role: done.role,
          entered_at: enteredAt,
          due_at: cal.dueAt(enteredAt, done.duration),
          left_at: now,
          outcome: action,
          handled_by: actor.id,
        });
      }
      if (plan.stepChanged && plan.stepIndex != null) {
        const step = snap.process.steps[plan.stepIndex]!;
        const unitId = resolveStepUnit(step, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id });
        const stepDue = cal.dueAt(now, step.duration);
        Object.assign(patch, {
          step_index: plan.stepIndex,
          step_key: step.key,
          step_unit_id: unitId,
          step_role: step.role,
          step_entered_at: now,
          step_due_at: stepDue,
          assignee_id: null,
        });
        await store.insertStep(trx, {
          id: randomUUID(),
          dossier_id: d.id,
          step_index: plan.stepIndex,
          step_key: step.key,
          step_name: step.name,
          unit_id: unitId,
          role: step.role,
          entered_at: now,
          due_at: stepDue,
        });
        Object.assign(data, { toStep: step.key, toUnitId: unitId, stepDueAt: stepDue.toISOString(), transfer: plan.to === 'transferred' });
      } else {
        Object.assign(patch, {
          step_index: null,
          step_key: null,
          step_unit_id: null,
          step_role: null,
          step_entered_at: null,
          step_due_at: null,
          assignee_id: null,
        });
      }
    }

    const version = await store.updateIfVersion(trx, d.id, req.version, patch);
    if (version == null) throw conflict('dossier.changed');
    await recordEvent(trx, {
      dossier: d,
      seq: version,
      at: now,
      actor: req.asSystem ? null : actor,
      action,
      from: plan.from,
      to: plan.to,
      stepKey: d.step_key ?? null,
      comment: req.comment ?? null,
      data: {
        ...data,
        ...(action === 'approve' ? { approvedResults: files.filter((f) => f.kind === 'result').map((f) => ({ fileId: f.id, sha256: f.sha256 })) } : {}),
        ...req.eventData,
        ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
      },
      ip: req.ip,
    });
    // The approving leader signs the results already attached (docs/decisions-dossiers.md "Signed results").
    if (action === 'approve') await enqueueResultSigning(trx, d.id, files, actor.id);
  });
}

async function checkAssignee(ctx: Ctx, d: Dossier, assigneeId?: string) {
  if (!assigneeId) throw badRequest('dossier.assignee_invalid');
  if (!d.step_unit_id || !d.step_role) return; // the state check will refuse
  const officers = await listOfficersAt(ctx, [d.step_unit_id], [d.step_role as never]);
  if (!officers.some((o) => o.id === assigneeId)) throw badRequest('dossier.assignee_invalid');
}

function checkReturn(actor: Actor, d: Dossier, method?: ReturnMethod) {
  if (!method || !RETURN_METHODS.includes(method)) throw badRequest('dossier.return_method_invalid');
  const desk = actor.roles.some((g) => g.role === 'reception' && g.unitId === d.receiving_unit_id);
  if (!desk && method !== 'post') throw badRequest('dossier.return_method_invalid');
}

/** Writes the issued request and its items (or marks the approved pending one issued); returns its id. */
async function issueSupplementRequest(
  trx: Parameters<typeof store.insertSupplementRequest>[0],
  d: Dossier,
  actor: Actor,
  now: Date,
  r: { requestNo: number; reason: string; items: SupplementItem[]; approval?: { requestId: string; reason: string } },
): Promise<string> {
  if (r.approval) {
    const pending = (await store.listSupplementRequests(trx, d.id)).find((x) => x.id === r.approval!.requestId && x.state === 'pending');
    if (!pending) throw conflict('dossier.supplement_not_pending');
    await store.updateSupplementRequest(trx, pending.id, {
      state: 'issued',
      request_no: r.requestNo,
      issued_at: now,
      decided_by: actor.id,
      decided_by_name: actor.name,
      decided_at: now,
      decision_reason: r.approval.reason,
    });
    return pending.id;
  }
  const id = randomUUID();
  await store.insertSupplementRequest(
    trx,
    {
      id,
      dossier_id: d.id,
      request_no: r.requestNo,
      state: 'issued',
      reason: r.reason,
      requested_by: actor.id,
      requested_by_name: actor.name,
      requested_at: now,
      issued_at: now,
    },
    r.items.map((x, i) => ({
      id: randomUUID(),
      request_id: id,
      position: i + 1,
      component_key: x.componentKey,
      label: x.label,
      defect: x.defect,
      provide: x.provide,
    })),
  );
  return id;
}

/**
 * The applicant's supplement arrives: the open request is answered. With `answers`, every item
 * must have a note or a file (the files are added as the item's component's supplement); without
 * (the older "supplement received" action), the request is closed with no per-item answer.
 */
async function answerSupplementRequest(
  trx: Parameters<typeof store.insertSupplementRequest>[0],
  d: Dossier,
  actor: Actor,
  now: Date,
  answers: ActionRequest['answers'],
): Promise<Record<string, unknown>> {
  const open = (await store.listSupplementRequests(trx, d.id)).filter((x) => x.state === 'issued').at(-1);
  const via = actor.kind === 'citizen' ? 'online' : 'desk';
  if (!open) return { answeredVia: via };
  const items = await store.listSupplementItems(trx, [open.id]);
  const out: { itemId: string; label: string; note: string | null; fileId: string | null }[] = [];
  if (answers) {
    const c = checkAnswers(
      items,
      answers.map((a) => ({ itemId: a.itemId, note: a.note, hasFile: !!a.file })),
    );
    if (!c.ok) throw badRequest(c.key, c.params);
    const digitized = actor.kind === 'officer';
    for (const a of answers) {
      const item = items.find((x) => x.id === a.itemId)!;
      let fileId: string | null = null;
      if (a.file) {
        fileId = randomUUID();
        await store.insertFile(trx, {
          id: fileId,
          dossier_id: d.id,
          kind: 'supplement',
          component_key: item.component_key,
          blob_key: a.file.key,
          file_name: a.file.fileName,
          content_type: a.file.contentType,
          size: a.file.size,
          sha256: a.file.sha256,
          digitized,
          uploaded_by_kind: actor.kind,
          uploaded_by: actor.id,
          uploaded_at: now,
        });
      }
      const note = a.note?.trim() ? a.note.trim().slice(0, 2000) : null;
      await store.updateSupplementItem(trx, item.id, { answer_note: note, answer_file_id: fileId, answered_at: now, answered_by: actor.id });
      out.push({ itemId: item.id, label: item.label, note, fileId });
    }
  }
  await store.updateSupplementRequest(trx, open.id, { state: 'answered', answered_at: now, answered_via: via });
  return { requestId: open.id, requestNo: open.request_no, answeredVia: via, ...(answers ? { answers: out } : {}) };
}
