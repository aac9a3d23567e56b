/**
 * The change builder (model/change.ts): the decision's verdict -> the rows to insert and update.
 */
import type { Actor } from '../../../platform/auth';
import type { WorkCalendar } from '../../../platform/calendar/types';
import type { Selectable } from 'kysely';
import type { DossierRow } from '../tables';
import type { DossierAction } from './actions';
import { applicableLimit, dueAfterSupplement, extendByPause } from './clock';
import { resolveStepUnit, type TransitionPlan } from './machine';
import { supplementItemRows, type SupplementItem } from './supplement';
import { classifyTimeliness } from './timeliness';
import { eventRows, type EventRows } from './change-events';
import { CLOSING, NO_STEP, openRequest, type ActionChange, type ActionFacts, type ActionRequest, type NewId, type Patch } from './change-types';

type Dossier = Selectable<DossierRow>;

const DEFAULT_CONSULT_DAYS = 2;

/**
 * The rows of an action the decision allowed: the dossier's patch (state, the clock, the step),
 * pauses opened or closed, steps left and entered, the supplement request issued or answered,
 * the answer's files, the event with its outbox message and audit entry.
 */
export function buildActionChange(
  f: ActionFacts,
  actor: Actor,
  action: DossierAction,
  req: ActionRequest,
  now: Date,
  cal: WorkCalendar,
  decided: { plan: TransitionPlan; items: SupplementItem[] },
  newId: NewId,
): ActionChange {
  const d = f.dossier;
  const snap = f.snapshot;
  const { plan, items } = decided;
  const patch: Patch<Dossier> = { state: plan.to, resume_state: plan.resumeState, consult_unit_id: plan.consultUnitId, updated_at: now };
  const data: Record<string, unknown> = {};
  const change: ActionChange = {
    dossierId: d.id,
    version: req.version,
    patch,
    pauseInserts: [],
    pauseUpdates: [],
    openStepPatch: null,
    stepInserts: [],
    supplementRequestInserts: [],
    supplementRequestUpdates: [],
    supplementItemUpdates: [],
    fileInserts: [],
    event: undefined as unknown as EventRows,
  };
  let openPause = f.openPause ?? null;

  // The clock.
  if (action === 'receive') {
    const due = cal.dueAt(now, applicableLimit(snap, d.channel));
    Object.assign(patch, { received_at: now, due_at: due, appointment_at: due });
    data.dueAt = due.toISOString();
  }
  if (plan.pause === 'start') {
    patch.paused_since = now;
    if (action === 'request_supplement') {
      const requestNo = d.supplement_requests + 1;
      patch.supplement_requests = requestNo;
      data.missing = items.map((x) => x.label);
      data.items = items;
      data.requestNo = requestNo;
      // Only one request is allowed by the rules (NĐ 61 art. 15); a second one, approved by a leader, is recorded and counts as late.
      if (d.supplement_requests >= 1) data.repeatedRequest = true;
      if (req.approval) {
        data.approval = { requestId: req.approval.requestId, by: actor.id, byName: actor.name, reason: req.approval.reason };
        // The approved pending request is the one issued.
        change.supplementRequestUpdates.push({
          id: req.approval.requestId,
          patch: {
            state: 'issued',
            request_no: requestNo,
            issued_at: now,
            decided_by: actor.id,
            decided_by_name: actor.name,
            decided_at: now,
            decision_reason: req.approval.reason,
          },
        });
        data.requestId = req.approval.requestId;
      } else {
        const id = newId();
        change.supplementRequestInserts.push({
          id,
          dossier_id: d.id,
          request_no: requestNo,
          state: 'issued',
          reason: req.comment ?? '',
          requested_by: actor.id,
          requested_by_name: actor.name,
          requested_at: now,
          issued_at: now,
          items: supplementItemRows(id, items, newId),
        });
        data.requestId = id;
      }
    }
    change.pauseInserts.push({
      id: newId(),
      dossier_id: d.id,
      kind: action === 'request_fee' ? 'fee' : 'supplement',
      reason: req.comment ?? '',
      missing: action === 'request_supplement' ? items.map((x) => x.label) : [],
      requested_by: actor.id,
      from_at: now,
      to_at: null,
      before_receipt: d.received_at == null,
      rule: null,
      due_before: d.due_at,
      due_after: null,
    });
  }
  if (action === 'supplement') Object.assign(data, answerSupplement(f, actor, now, req.answers, change, newId));
  if (plan.pause === 'end') {
    patch.paused_since = null;
    if (openPause && d.received_at && d.due_at) {
      const pause = openPause;
      const r =
        pause.kind === 'supplement'
          ? dueAfterSupplement(cal, {
              receivedAt: d.received_at,
              dueAt: d.due_at,
              requestedAt: pause.from_at,
              resumedAt: now,
              limit: applicableLimit(snap, d.channel),
            })
          : { dueAt: extendByPause(cal, d.due_at, pause.from_at, now), rule: 'extend' as const };
      patch.due_at = r.dueAt;
      patch.appointment_at = d.apology_at && d.appointment_at ? new Date(d.appointment_at.getTime() + (r.dueAt.getTime() - d.due_at.getTime())) : r.dueAt;
      if (d.step_due_at) patch.step_due_at = extendByPause(cal, d.step_due_at, pause.from_at, now);
      change.pauseUpdates.push({ id: pause.id, patch: { to_at: now, rule: r.rule, due_after: r.dueAt } });
      data.dueAt = r.dueAt.toISOString();
      data.clockRule = r.rule;
    } else if (openPause) {
      change.pauseUpdates.push({ id: openPause.id, patch: { to_at: now, rule: 'before_receipt' } });
    }
    openPause = null;
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
    change.openStepPatch = { assignee_id: req.assigneeId! };
    data.assigneeId = req.assigneeId;
  }
  if (plan.to === 'result_ready') patch.result_ready_at = now;
  if (action === 'return_result') Object.assign(patch, { returned_at: now, return_method: req.returnMethod ?? 'desk' });
  if (action === 'stop') data.stage = d.step_key ? (snap.process.steps.find((x) => x.key === d.step_key)?.name ?? d.step_key) : d.state;
  if (CLOSING.includes(action)) {
    Object.assign(patch, { closed_at: now, close_reason: req.comment ?? null, paused_since: null });
    if (openPause) change.pauseUpdates.push({ id: openPause.id, patch: { to_at: now, rule: 'closed' } });
  }
  if (plan.to === 'result_ready' || plan.to === 'returned' || ['refuse', 'withdraw', 'cancel'].includes(action)) {
    const end = d.result_ready_at ?? now;
    if (d.due_at && d.received_at) data.timeliness = classifyTimeliness({ finishedAt: end, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  }

  // The process step.
  if (plan.stepChanged || plan.to === 'refused' || plan.to === 'withdrawn' || plan.to === 'cancelled') {
    if (d.step_index != null && d.step_due_at) {
      data.stepTimeliness = classifyTimeliness({ finishedAt: now, dueAt: d.step_due_at });
      change.openStepPatch = { left_at: now, outcome: action, handled_by: actor.id };
    }
    // Receiving completes the reception steps (model firstProcessingStep): recorded as done by the receiver.
    for (const i of plan.doneSteps ?? []) {
      const done = snap.process.steps[i]!;
      const enteredAt = d.submitted_at.getTime() < now.getTime() ? d.submitted_at : now;
      change.stepInserts.push({
        id: newId(),
        dossier_id: d.id,
        step_index: i,
        step_key: done.key,
        step_name: done.name,
        unit_id: resolveStepUnit(done, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id }),
        role: done.role,
        entered_at: enteredAt,
        due_at: cal.dueAt(enteredAt, done.duration),
        left_at: now,
        outcome: action,
        assignee_id: null,
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
      change.stepInserts.push({
        id: newId(),
        dossier_id: d.id,
        step_index: plan.stepIndex,
        step_key: step.key,
        step_name: step.name,
        unit_id: unitId,
        role: step.role,
        entered_at: now,
        due_at: stepDue,
        left_at: null,
        outcome: null,
        assignee_id: null,
        handled_by: null,
      });
      Object.assign(data, { toStep: step.key, toUnitId: unitId, stepDueAt: stepDue.toISOString(), transfer: plan.to === 'transferred' });
    } else {
      Object.assign(patch, NO_STEP);
    }
  }

  change.event = eventRows(
    d,
    {
      seq: req.version + 1,
      at: now,
      actor: req.asSystem ? null : actor,
      action,
      from: plan.from,
      to: plan.to,
      stepKey: d.step_key ?? null,
      comment: req.comment ?? null,
      data: {
        ...data,
        ...(action === 'approve' ? { approvedResults: f.files.filter((x) => x.kind === 'result').map((x) => ({ fileId: x.id, sha256: x.sha256 })) } : {}),
        ...req.eventData,
        ...(req.idempotencyKey ? { idempotencyKey: req.idempotencyKey } : {}),
      },
      ip: req.ip,
    },
    newId,
  );
  return change;
}

/**
 * The applicant's supplement arrives: the open request is answered. With `answers`, every item
 * has a note or a file (checked by decideAction; the files are added as the item's component's
 * supplement); without (the older "supplement received" action), the request is closed with no
 * per-item answer. Returns the event's data.
 */
function answerSupplement(
  f: ActionFacts,
  actor: Actor,
  now: Date,
  answers: ActionRequest['answers'],
  change: ActionChange,
  newId: NewId,
): Record<string, unknown> {
  const open = openRequest(f);
  const via = actor.kind === 'citizen' ? 'online' : 'desk';
  if (!open) return { answeredVia: via };
  const out: { itemId: string; label: string; note: string | null; fileId: string | null }[] = [];
  if (answers) {
    const digitized = actor.kind === 'officer';
    for (const a of answers) {
      const item = (f.openItems ?? []).find((x) => x.id === a.itemId)!;
      let fileId: string | null = null;
      if (a.file) {
        fileId = newId();
        change.fileInserts.push({
          id: fileId,
          dossier_id: f.dossier.id,
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
      change.supplementItemUpdates.push({ id: item.id, patch: { answer_note: note, answer_file_id: fileId, answered_at: now, answered_by: actor.id } });
      out.push({ itemId: item.id, label: item.label, note, fileId });
    }
  }
  change.supplementRequestUpdates.push({ id: open.id, patch: { state: 'answered', answered_at: now, answered_via: via } });
  return { requestId: open.id, requestNo: open.request_no, answeredVia: via, ...(answers ? { answers: out } : {}) };
}
