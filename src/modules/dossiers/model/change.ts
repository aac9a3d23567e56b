/**
 * A dossier's change as data (issue 16 item 6): the use cases decide, build the rows, then write.
 *
 *   decideAction(facts, actor, action, request, now, rules)   -> the plan, or a refusal
 *   buildActionChange(facts, actor, action, request, ...)     -> the rows to insert and update
 *   eventRows(dossier, event, ids)                            -> the event, its outbox message, its audit entry
 *
 * All pure: no clock, no database, ids from the caller (`randomUUID` in the service, the seeded
 * stream in the demo generator's bulk path, which applies the same change to its rows in memory).
 * The store writes a change in one transaction (store.writeActionChange).
 */
import type { Actor } from '../../../platform/auth';
import type { AuditEntry } from '../../../platform/audit';
import type { TimeLimit, WorkCalendar } from '../../../platform/calendar/types';
import type { MessageKey } from '../../../platform/i18n/keys';
import type { ComponentSpec, InternalProcess } from '../../catalogue/model';
import type { Selectable } from 'kysely';
import type { DossierFileRow, DossierPauseRow, DossierRow, DossierStepRow, SupplementItemRow, SupplementRequestRow } from '../tables';
import { MACHINE, type DossierAction } from './actions';
import { applicableLimit, dueAfterSupplement, extendByPause } from './clock';
import { sourcesOf } from './data-sources';
import { decide, resolveStepUnit, type MachineDossier, type TransitionPlan } from './machine';
import { NATIONAL_STATUS, RETURN_METHODS, type DossierState, type ReturnMethod } from './states';
import { checkAnswers, checkSupplementItems, itemsFromMissing, needsLeaderApproval, type SupplementItem, type SupplementItemInput } from './supplement';
import { classifyTimeliness } from './timeliness';

type Dossier = Selectable<DossierRow>;
type DossierFile = Selectable<DossierFileRow>;
type DossierPause = Selectable<DossierPauseRow>;
type DossierStep = Selectable<DossierStepRow>;

/** A dossier's step columns when it stands at no step of the internal process (just submitted, or out of it). */
export const NO_STEP = {
  step_index: null,
  step_key: null,
  step_unit_id: null,
  step_role: null,
  step_entered_at: null,
  step_due_at: null,
  assignee_id: null,
} as const;

/** A new id (the caller's source: random in the service, seeded in the generator). */
export type NewId = () => string;

/** What a dossier keeps of its procedure version that a change reads. */
export interface ChangeSnapshot {
  components: ComponentSpec[];
  process: InternalProcess;
  processingTime: TimeLimit;
  onlineProcessingTime?: TimeLimit;
}

/** A file already in the blob store (content-addressed), named for a dossier row. */
export interface StoredBlobRef {
  key: string;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
}

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
  answers?: { itemId: string; note?: string | null; file?: (StoredBlobRef & { componentKey?: string | null }) | null }[];
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

/** A supplement request as an action reads it. */
export type RequestFact = Pick<Selectable<SupplementRequestRow>, 'id' | 'state' | 'request_no'>;
/** An item of the open request as the applicant's answer reads it. */
export type ItemFact = Pick<Selectable<SupplementItemRow>, 'id' | 'label' | 'component_key'>;

/** What the store holds of the dossier that an action reads (loaded in its transaction). */
export interface ActionFacts {
  dossier: Dossier;
  /** The dossier as the state machine reads it (service/common.ts toMachine). */
  machine: MachineDossier;
  snapshot: ChangeSnapshot;
  files: Pick<DossierFile, 'id' | 'kind' | 'sha256'>[];
  /** The open pause, when the action ends a pause or closes the dossier (`factsNeeded`). */
  openPause?: DossierPause | null;
  /** The supplement requests, in order, for request_supplement with an approval and for supplement. */
  supplementRequests?: RequestFact[];
  /** The items of the last issued request (supplement). */
  openItems?: ItemFact[];
}

/** The rules in force for the dossier that an action reads (rules module). */
export interface ActionRules {
  /** Rule "components from their source" on the dossier's submission date: those are never asked for on paper. */
  componentsFromSource: boolean;
  /** Rule `supplement.once` on the dossier's reception date. */
  supplementOnce: boolean | undefined;
}

export type ActionRefusal = {
  ok: false;
  status: number;
  key: MessageKey;
  params?: Record<string, unknown>;
  fields?: { field: string; message: string }[];
};
export type ActionDecision = { ok: true; plan: TransitionPlan; items: SupplementItem[] } | ActionRefusal;

const CLOSING: readonly DossierAction[] = ['refuse', 'withdraw', 'cancel', 'stop'];
const DEFAULT_CONSULT_DAYS = 2;

/** Which facts beyond the dossier and its files an action needs loaded. */
export function factsNeeded(
  action: DossierAction,
  req: Pick<ActionRequest, 'approval'>,
): { openPause: boolean; supplementRequests: boolean; openItems: boolean } {
  return {
    openPause: MACHINE[action].pause === 'end' || CLOSING.includes(action),
    supplementRequests: action === 'supplement' || (action === 'request_supplement' && !!req.approval),
    openItems: action === 'supplement',
  };
}

const refuse = (status: number, key: MessageKey, params?: Record<string, unknown>, fields?: ActionRefusal['fields']): ActionRefusal => ({
  ok: false,
  status,
  key,
  ...(params ? { params } : {}),
  ...(fields ? { fields } : {}),
});

/** The decision on an action: the machine's plan and the action's own checks, or the first refusal. */
export function decideAction(f: ActionFacts, actor: Actor, action: DossierAction, req: ActionRequest, now: Date, rules: ActionRules): ActionDecision {
  const d = f.dossier;
  if (d.version !== req.version) return refuse(409, 'dossier.changed');
  const decision = decide(f.machine, actor, action, { comment: req.comment, consultUnitId: req.consultUnitId, newAppointmentAt: req.newAppointmentAt }, now);
  if (!decision.ok) return refuse(decision.status, decision.key, decision.params);
  if (action === 'return_result') {
    const method = req.returnMethod;
    if (!method || !RETURN_METHODS.includes(method)) return refuse(400, 'dossier.return_method_invalid');
    const desk = actor.roles.some((g) => g.role === 'reception' && g.unitId === d.receiving_unit_id);
    if (!desk && method !== 'post') return refuse(400, 'dossier.return_method_invalid');
  }
  let items: SupplementItem[] = [];
  if (action === 'request_supplement') {
    // One complete request: every deficient item against the checklist; nothing the state holds asked for on paper.
    const given = req.items && req.items.length ? req.items : itemsFromMissing(req.missing ?? []);
    const r = checkSupplementItems(f.snapshot.components, sourcesOf(d.component_sources), rules.componentsFromSource, given);
    if (!r.ok) return refuse(r.status, r.key, r.params, r.field ? [{ field: r.field, message: r.key }] : undefined);
    items = r.items;
    // A second (or later) request goes through a leader's approval (service/supplement.ts).
    if (!req.approval && needsLeaderApproval(d.supplement_requests, rules.supplementOnce))
      return refuse(409, 'dossier.supplement_needs_approval', { n: d.supplement_requests + 1 });
    if (req.approval && !(f.supplementRequests ?? []).some((x) => x.id === req.approval!.requestId && x.state === 'pending'))
      return refuse(409, 'dossier.supplement_not_pending');
  }
  if (action === 'supplement' && req.answers && openRequest(f)) {
    const c = checkAnswers(
      f.openItems ?? [],
      req.answers.map((a) => ({ itemId: a.itemId, note: a.note, hasFile: !!a.file })),
    );
    if (!c.ok) return refuse(400, c.key, c.params);
  }
  return { ok: true, plan: decision.plan, items };
}

const openRequest = (f: ActionFacts) => (f.supplementRequests ?? []).filter((x) => x.state === 'issued').at(-1);

/** The event of a change and what goes with it in the same transaction. */
export interface EventInput {
  seq: number;
  at: Date;
  actor: Actor | null;
  action: string;
  from: string | null;
  to: string;
  stepKey: string | null;
  comment?: string | null;
  data?: Record<string, unknown>;
  ip?: string | null;
}

export interface EventRow {
  id: string;
  dossier_id: string;
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  step_key: string | null;
  comment: string | null;
  /** JSON text. */
  data: string;
}
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  at: Date;
}
export type AuditRow = AuditEntry & { at: Date; ip: string | null; details: Record<string, unknown> };

export interface EventRows {
  event: EventRow;
  outbox: OutboxRow;
  audit: AuditRow;
}

export const actorKindOf = (a: Actor | null): 'citizen' | 'officer' | 'system' => (a ? a.kind : 'system');

/** The event (seq = the dossier's new version), its 'dossier.event' outbox message and its audit entry. Ids: the event's, then the message's. */
export function eventRows(
  d: Pick<Dossier, 'id' | 'code' | 'procedure_code' | 'receiving_unit_id' | 'deciding_unit_id' | 'channel'>,
  e: EventInput,
  newId: NewId,
): EventRows {
  const id = newId();
  const kind = actorKindOf(e.actor);
  return {
    event: {
      id,
      dossier_id: d.id,
      seq: e.seq,
      at: e.at,
      actor_kind: kind,
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.name ?? null,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      step_key: e.stepKey,
      comment: e.comment ?? null,
      data: JSON.stringify(e.data ?? {}),
    },
    outbox: {
      id: newId(),
      topic: 'dossier.event',
      key: d.id,
      at: e.at,
      payload: {
        eventId: id,
        dossierId: d.id,
        code: d.code,
        procedureCode: d.procedure_code,
        seq: e.seq,
        at: e.at.toISOString(),
        action: e.action,
        from: e.from,
        to: e.to,
        nationalStatus: NATIONAL_STATUS[e.to as DossierState] ?? null,
        stepKey: e.stepKey,
        actorKind: kind,
        actorId: e.actor?.id ?? null,
        receivingUnitId: d.receiving_unit_id,
        decidingUnitId: d.deciding_unit_id,
        channel: d.channel,
        comment: e.comment ?? null,
        ...(e.data ?? {}),
      },
    },
    audit: {
      actorKind: kind,
      actorId: e.actor?.id ?? null,
      action: `dossier.${e.action}`,
      entity: 'dossier',
      entityId: d.id,
      ip: e.ip ?? null,
      details: { code: d.code, from: e.from, to: e.to, step: e.stepKey },
      at: e.at,
    },
  };
}

type Patch<T> = Partial<T>;
type FileInsert = Omit<DossierFile, 'approved_sha256' | 'result_origin' | 'sign_state' | 'sign_attempts' | 'sign_error'>;

/** The rows one action writes. */
export interface ActionChange {
  dossierId: string;
  /** The version the change applies to (written only if the row still has it); the new one is version + 1. */
  version: number;
  patch: Patch<Dossier>;
  pauseInserts: DossierPause[];
  pauseUpdates: { id: string; patch: Patch<Pick<DossierPause, 'to_at' | 'rule' | 'due_after'>> }[];
  /** Applied to the dossier's open step (left_at null): closed, or assigned. */
  openStepPatch: Patch<DossierStep> | null;
  stepInserts: DossierStep[];
  supplementRequestInserts: (Pick<
    Selectable<SupplementRequestRow>,
    'id' | 'dossier_id' | 'request_no' | 'state' | 'reason' | 'requested_by' | 'requested_by_name' | 'requested_at' | 'issued_at'
  > & { items: Pick<Selectable<SupplementItemRow>, 'id' | 'request_id' | 'position' | 'component_key' | 'label' | 'defect' | 'provide'>[] })[];
  supplementRequestUpdates: { id: string; patch: Patch<Selectable<SupplementRequestRow>> }[];
  supplementItemUpdates: { id: string; patch: Patch<Selectable<SupplementItemRow>> }[];
  fileInserts: FileInsert[];
  event: EventRows;
}

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
          items: items.map((x, i) => ({
            id: newId(),
            request_id: id,
            position: i + 1,
            component_key: x.componentKey,
            label: x.label,
            defect: x.defect,
            provide: x.provide,
          })),
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
