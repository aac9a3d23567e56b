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
  supplementOfFetched,
  type DossierAction,
  type ReturnMethod,
} from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import type { DossierRow } from '../tables';
import { recordEvent, snapshotOf, toMachine } from './common';
import { enqueueResultSigning } from './sign-result';

export interface ActionRequest {
  /** The version of the dossier the client saw. */
  version: number;
  comment?: string | null;
  /** request_supplement: every missing item, in one go (Mẫu 02). */
  missing?: string[];
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
}

const DEFAULT_CONSULT_DAYS = 2;

export async function performAction(ctx: Ctx, actor: Actor, dossierId: string, action: DossierAction, req: ActionRequest): Promise<Dossier> {
  if (action === 'attach_result') throw badRequest('dossier.use_file_upload');
  const now = ctx.clock.now();
  const cal = await deps.workCalendar(ctx);
  const pre = await store.getDossier(ctx.db, dossierId);
  if (!pre) throw notFound('dossier.not_found');
  if (action === 'assign') await checkAssignee(ctx, pre, req.assigneeId);

  await ctx.db.transaction().execute(async (trx) => {
    const d = await store.getDossier(trx, dossierId);
    if (!d) throw notFound('dossier.not_found');
    if (d.version !== req.version) throw conflict('dossier.changed');
    const files = await store.listFiles(trx, dossierId);
    const decision = decide(toMachine(d, files), actor, action, { comment: req.comment, consultUnitId: req.consultUnitId, newAppointmentAt: req.newAppointmentAt }, now);
    if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params);
    const plan = decision.plan;
    if (action === 'return_result') checkReturn(actor, d, req.returnMethod);
    if (action === 'request_supplement' && (!req.missing || req.missing.length === 0)) throw badRequest('dossier.missing_list_required');
    if (action === 'request_supplement') {
      // Data instead of paper: what was fetched from its source is not asked for on paper (only a failed fetch may be).
      const fetched = supplementOfFetched(snapshotOf(d).components, sourcesOf(d.component_sources), req.missing ?? []);
      if (fetched.length) throw conflict('dossier.supplement_from_source', { components: fetched.map((c) => c.name).join(', ') });
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
        data.missing = req.missing;
        data.requestNo = d.supplement_requests + 1;
        // Only one request is allowed by the rules (NĐ 61 art. 15); a second one is recorded and counts as late.
        if (d.supplement_requests >= 1) data.repeatedRequest = true;
      }
      await store.insertPause(trx, {
        id: randomUUID(),
        dossier_id: d.id,
        kind: action === 'request_fee' ? 'fee' : 'supplement',
        reason: req.comment ?? '',
        missing: JSON.stringify(req.missing ?? []),
        requested_by: actor.id,
        from_at: now,
        before_receipt: d.received_at == null,
        due_before: d.due_at,
      });
    }
    if (plan.pause === 'end') {
      const pause = await store.openPause(trx, d.id);
      patch.paused_since = null;
      if (pause && d.received_at && d.due_at) {
        const limit = applicableLimit(snap, d.channel);
        const r = pause.kind === 'supplement' ? dueAfterSupplement(cal, { receivedAt: d.received_at, dueAt: d.due_at, requestedAt: pause.from_at, resumedAt: now, limit }) : { dueAt: extendByPause(cal, d.due_at, pause.from_at, now), rule: 'extend' as const };
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
        await store.insertStep(trx, { id: randomUUID(), dossier_id: d.id, step_index: i, step_key: done.key, step_name: done.name, unit_id: unitId, role: done.role, entered_at: enteredAt, due_at: cal.dueAt(enteredAt, done.duration), left_at: now, outcome: action, handled_by: actor.id });
      }
      if (plan.stepChanged && plan.stepIndex != null) {
        const step = snap.process.steps[plan.stepIndex]!;
        const unitId = resolveStepUnit(step, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id });
        const stepDue = cal.dueAt(now, step.duration);
        Object.assign(patch, { step_index: plan.stepIndex, step_key: step.key, step_unit_id: unitId, step_role: step.role, step_entered_at: now, step_due_at: stepDue, assignee_id: null });
        await store.insertStep(trx, { id: randomUUID(), dossier_id: d.id, step_index: plan.stepIndex, step_key: step.key, step_name: step.name, unit_id: unitId, role: step.role, entered_at: now, due_at: stepDue });
        Object.assign(data, { toStep: step.key, toUnitId: unitId, stepDueAt: stepDue.toISOString(), transfer: plan.to === 'transferred' });
      } else {
        Object.assign(patch, { step_index: null, step_key: null, step_unit_id: null, step_role: null, step_entered_at: null, step_due_at: null, assignee_id: null });
      }
    }

    const version = await store.updateIfVersion(trx, d.id, req.version, patch);
    if (version == null) throw conflict('dossier.changed');
    await recordEvent(trx, { dossier: d, seq: version, at: now, actor: req.asSystem ? null : actor, action, from: plan.from, to: plan.to, stepKey: d.step_key ?? null, comment: req.comment ?? null, data: { ...data, ...(action === 'approve' ? { approvedResults: files.filter((f) => f.kind === 'result').map((f) => ({ fileId: f.id, sha256: f.sha256 })) } : {}), ...req.eventData }, ip: req.ip });
    // The approving leader signs the results already attached (docs/decisions-dossiers.md "Signed results").
    if (action === 'approve') await enqueueResultSigning(trx, d.id, files, actor.id);
  });
  return (await store.getDossier(ctx.db, dossierId))!;
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

