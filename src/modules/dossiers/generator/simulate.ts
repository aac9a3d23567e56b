/**
 * The bulk path's engine: runs a plan in memory with the same model functions and the same
 * writes as service/submit.ts, service/files.ts and service/transition.ts (decide, the clock,
 * steps, pauses, events, outbox payloads, audit entries), producing rows instead of SQL.
 * generator.db.test.ts checks that it gives the same rows as the service path.
 */
import type { Actor } from '../../../platform/auth';
import { formatDossierCode, vietnamDate } from '../../../platform/codes';
import type { WorkCalendar } from '../../../platform/calendar/types';
import { AppError } from '../../../platform/errors';
import {
  applicableLimit,
  classifyTimeliness,
  decide,
  dueAfterSupplement,
  checkSupplementItems,
  extendByPause,
  itemsFromMissing,
  NATIONAL_STATUS,
  sourcesOf,
  type SupplementItem,
  resolveStepUnit,
  type DossierState,
} from '../model';
import { actorKind, toMachine, type DossierSnapshot } from '../service/common';
import type { Dossier, DossierFile, DossierPause, DossierStep } from '../store';
import type { DossierEventRow } from '../tables';
import { isLeaderAt } from '../service/sign-result';
import { demoFileName } from './files';
import type { DossierPlan, Op } from './plan';
import type { Rng } from './random';

export interface SimEvent extends Omit<DossierEventRow, 'at' | 'data'> {
  at: Date;
  data: string;
}
export interface SimAudit {
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityId: string;
  details: Record<string, unknown>;
}
export interface SimOutbox {
  id: string;
  key: string;
  payload: Record<string, unknown>;
  at: Date;
}

/** A supplement request as the service path writes it (migration 0030), with its items. */
export interface SimSupplementRequest {
  id: string;
  dossier_id: string;
  request_no: number;
  state: 'issued' | 'answered';
  reason: string;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: Date;
  issued_at: Date;
  answered_at: Date | null;
  answered_via: 'online' | 'desk' | null;
  items: (SupplementItem & { id: string })[];
}

export interface SimResult {
  dossier: Dossier;
  supplementRequests: SimSupplementRequest[];
  files: DossierFile[];
  steps: DossierStep[];
  pauses: DossierPause[];
  events: SimEvent[];
  audits: SimAudit[];
  outbox: SimOutbox[];
}

export interface SimEnv {
  cal: WorkCalendar;
  rng: Rng;
  blob: { key: string; sha256: string; size: number };
  /** The receiving unit's agency code on the submission's day. */
  agencyCode(unitId: string, at: Date): string;
  /** The next code counter value of (agency, VN day). */
  nextCounter(agencyCode: string, day: string): number;
  snapshotOf(p: DossierPlan): DossierSnapshot;
}

export function simulate(env: SimEnv, p: DossierPlan): SimResult {
  const now = p.submittedAt;
  const keep = env.snapshotOf(p);
  const code = (() => {
    const ac = env.agencyCode(p.receivingUnitId, now);
    const day = vietnamDate(now);
    return formatDossierCode(ac, day, env.nextCounter(ac, day));
  })();
  const actor = p.submitter;
  const online = p.channel === 'online';
  const applicant = online
    ? {
        kind: p.asOrganisation ? 'organisation' : 'citizen',
        idNumber: p.asOrganisation ? actor.orgTaxCode! : actor.personalId!,
        name: actor.name,
        phone: p.applicant.phone ?? null,
        email: p.applicant.email ?? null,
        address: p.applicant.address ?? null,
      }
    : {
        kind: p.applicant.kind ?? 'citizen',
        idNumber: p.applicant.idNumber,
        name: p.applicant.name.trim(),
        phone: p.applicant.phone ?? null,
        email: p.applicant.email ?? null,
        address: p.applicant.address ?? null,
      };
  const d: Dossier = {
    id: env.rng.uuid(),
    code,
    procedure_id: p.procedure.procedureId,
    procedure_version_id: p.procedure.versionId,
    procedure_code: p.procedure.code,
    procedure_name: p.procedure.name,
    snapshot: keep,
    channel: p.channel,
    applicant_kind: applicant.kind,
    applicant_id_number: applicant.idNumber,
    applicant_name: applicant.name,
    applicant_phone: applicant.phone,
    applicant_email: applicant.email,
    applicant_address: applicant.address,
    applicant_address_today: null,
    submitter_kind: actor.kind,
    submitter_id: `${actor.kind}:${actor.id}`,
    submitter_personal_id: online ? (actor.personalId ?? null) : null,
    receiving_unit_id: p.receivingUnitId,
    deciding_unit_id: p.decidingUnitId,
    summary: null,
    data: p.data,
    state: 'submitted',
    resume_state: null,
    step_index: null,
    step_key: null,
    step_unit_id: null,
    step_role: null,
    step_entered_at: null,
    step_due_at: null,
    assignee_id: null,
    consult_unit_id: null,
    consult_due_at: null,
    submitted_at: now,
    received_at: null,
    due_at: null,
    appointment_at: null,
    paused_since: null,
    supplement_requests: 0,
    apology_at: null,
    result_ready_at: null,
    returned_at: null,
    return_method: null,
    closed_at: null,
    close_reason: null,
    lookup_pin: env.rng.digits(6),
    idempotency_key: null,
    version: 1,
    updated_at: now,
    component_sources: {},
  };
  const out: SimResult = { dossier: d, supplementRequests: [], files: [], steps: [], pauses: [], events: [], audits: [], outbox: [] };
  for (const k of p.components) addFileRow(env, out, 'component', k, p.channel === 'in_person' || p.channel === 'post', actor, now);
  record(env, out, {
    seq: 1,
    at: now,
    actor,
    action: 'submit',
    from: null,
    to: 'submitted',
    stepKey: null,
    data: { channel: p.channel, files: p.components.length },
  });
  for (const op of p.ops) apply(env, out, op, keep);
  return out;
}

function record(
  env: SimEnv,
  out: SimResult,
  e: {
    seq: number;
    at: Date;
    actor: Actor | null;
    action: string;
    from: string | null;
    to: string;
    stepKey: string | null;
    comment?: string | null;
    data?: Record<string, unknown>;
  },
) {
  const d = out.dossier;
  const id = env.rng.uuid();
  out.events.push({
    id,
    dossier_id: d.id,
    seq: e.seq,
    at: e.at,
    actor_kind: actorKind(e.actor),
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.name ?? null,
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    step_key: e.stepKey,
    comment: e.comment ?? null,
    data: JSON.stringify(e.data ?? {}),
  });
  out.outbox.push({
    id: env.rng.uuid(),
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
      actorKind: actorKind(e.actor),
      actorId: e.actor?.id ?? null,
      receivingUnitId: d.receiving_unit_id,
      decidingUnitId: d.deciding_unit_id,
      channel: d.channel,
      comment: e.comment ?? null,
      ...(e.data ?? {}),
    },
  });
  out.audits.push({
    at: e.at,
    actorKind: actorKind(e.actor),
    actorId: e.actor?.id ?? null,
    action: `dossier.${e.action}`,
    entityId: d.id,
    details: { code: d.code, from: e.from, to: e.to, step: e.stepKey },
  });
}

function apply(env: SimEnv, out: SimResult, op: Op, snap: DossierSnapshot): void {
  const d = out.dossier;
  const now = op.at;
  const actor = op.actor;
  if (op.kind === 'file') {
    const digitized = actor.kind === 'officer' && op.fileKind !== 'result';
    const pre = { ...d };
    d.version += 1;
    d.updated_at = now;
    const f = addFileRow(env, out, op.fileKind, op.fileKind === 'result' ? null : op.componentKey, digitized, actor, now);
    const action = op.fileKind === 'result' ? 'attach_result' : op.fileKind === 'supplement' ? 'add_supplement_file' : digitized ? 'digitize' : 'add_file';
    record(env, out, {
      seq: d.version,
      at: now,
      actor,
      action,
      from: pre.state,
      to: pre.state,
      stepKey: pre.step_key ?? null,
      data: {
        fileId: f.id,
        componentKey: op.componentKey,
        fileName: f.file_name,
        digitized,
        ...(op.fileKind === 'result' ? { sha256: f.sha256, origin: isLeaderAt(actor, [pre.deciding_unit_id, pre.step_unit_id]) ? 'approved' : null } : {}),
      },
    });
    return;
  }
  const cal = env.cal;
  const action = op.action;
  const decision = decide(
    toMachine(d, out.files),
    actor,
    action,
    { comment: op.comment, consultUnitId: op.consultUnitId, newAppointmentAt: op.newAppointmentAt },
    now,
  );
  if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params);
  const plan = decision.plan;
  const pre: Dossier = { ...d };
  const patch: Partial<Dossier> = { state: plan.to, resume_state: plan.resumeState, consult_unit_id: plan.consultUnitId, updated_at: now };
  const data: Record<string, unknown> = {};
  if (action === 'receive') {
    const due = cal.dueAt(now, applicableLimit(snap, d.channel));
    Object.assign(patch, { received_at: now, due_at: due, appointment_at: due });
    data.dueAt = due.toISOString();
  }
  if (plan.pause === 'start') {
    patch.paused_since = now;
    if (action === 'request_supplement') {
      patch.supplement_requests = d.supplement_requests + 1;
      // The items as the service makes them from a plain list (the plans ask only for what the state does not hold).
      const check = checkSupplementItems(snap.components, sourcesOf(d.component_sources), false, itemsFromMissing(op.missing ?? []));
      const items = check.ok ? check.items : [];
      data.missing = items.map((x) => x.label);
      data.items = items;
      data.requestNo = d.supplement_requests + 1;
      if (d.supplement_requests >= 1) data.repeatedRequest = true;
      const requestId = env.rng.uuid();
      data.requestId = requestId;
      out.supplementRequests.push({
        id: requestId,
        dossier_id: d.id,
        request_no: d.supplement_requests + 1,
        state: 'issued',
        reason: op.comment ?? '',
        requested_by: actor.id,
        requested_by_name: actor.name ?? null,
        requested_at: now,
        issued_at: now,
        answered_at: null,
        answered_via: null,
        items: items.map((x) => ({ ...x, id: env.rng.uuid() })),
      });
    }
    out.pauses.push({
      id: env.rng.uuid(),
      dossier_id: d.id,
      kind: action === 'request_fee' ? 'fee' : 'supplement',
      reason: op.comment ?? '',
      missing: op.missing ?? [],
      requested_by: actor.id,
      from_at: now,
      to_at: null,
      before_receipt: d.received_at == null,
      rule: null,
      due_before: d.due_at,
      due_after: null,
    });
  }
  if (plan.pause === 'end') {
    const pause = openPause(out);
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
      Object.assign(pause, { to_at: now, rule: r.rule, due_after: r.dueAt });
      data.dueAt = r.dueAt.toISOString();
      data.clockRule = r.rule;
    } else if (pause) Object.assign(pause, { to_at: now, rule: 'before_receipt' });
  }
  if (action === 'supplement') {
    // As the service's answerSupplementRequest without per-item answers: the open request is answered.
    const via = actor.kind === 'citizen' ? 'online' : 'desk';
    const open = out.supplementRequests.filter((r) => r.state === 'issued').at(-1);
    if (open) {
      Object.assign(open, { state: 'answered', answered_at: now, answered_via: via });
      Object.assign(data, { requestId: open.id, requestNo: open.request_no, answeredVia: via });
    } else data.answeredVia = via;
  }
  if (action === 'apologize') {
    Object.assign(patch, { apology_at: now, appointment_at: op.newAppointmentAt });
    data.newAppointmentAt = op.newAppointmentAt!.toISOString();
  }
  if (action === 'consult') {
    const due = cal.dueAt(now, { value: 2, unit: 'working_days' });
    patch.consult_due_at = due;
    Object.assign(data, { consultUnitId: op.consultUnitId, consultDueAt: due.toISOString() });
  }
  if (action === 'answer_consultation') patch.consult_due_at = null;
  if (action === 'approve') data.approvedResults = out.files.filter((f) => f.kind === 'result').map((f) => ({ fileId: f.id, sha256: f.sha256 }));
  if (plan.to === 'result_ready') patch.result_ready_at = now;
  if (action === 'return_result') Object.assign(patch, { returned_at: now, return_method: op.returnMethod ?? 'desk' });
  const closing = action === 'refuse' || action === 'withdraw' || action === 'cancel';
  if (closing) {
    Object.assign(patch, { closed_at: now, close_reason: op.comment ?? null, paused_since: null });
    const pause = openPause(out);
    if (pause) Object.assign(pause, { to_at: now, rule: 'closed' });
  }
  if (plan.to === 'result_ready' || plan.to === 'returned' || closing) {
    const end = d.result_ready_at ?? now;
    if (d.due_at && d.received_at) data.timeliness = classifyTimeliness({ finishedAt: end, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  }
  if (plan.stepChanged || plan.to === 'refused' || plan.to === 'withdrawn' || plan.to === 'cancelled') {
    if (d.step_index != null && d.step_due_at) {
      data.stepTimeliness = classifyTimeliness({ finishedAt: now, dueAt: d.step_due_at });
      for (const s of out.steps) if (s.left_at == null) Object.assign(s, { left_at: now, outcome: action, handled_by: actor.id });
    }
    for (const i of plan.doneSteps ?? []) {
      const done = snap.process.steps[i]!;
      const enteredAt = d.submitted_at.getTime() < now.getTime() ? d.submitted_at : now;
      const unitId = resolveStepUnit(done, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id });
      out.steps.push({
        id: env.rng.uuid(),
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
      out.steps.push({
        id: env.rng.uuid(),
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
  Object.assign(d, patch);
  d.version += 1;
  record(env, out, { seq: d.version, at: now, actor, action, from: plan.from, to: plan.to, stepKey: pre.step_key ?? null, comment: op.comment ?? null, data });
}

function openPause(out: SimResult): DossierPause | undefined {
  return out.pauses.filter((p) => p.to_at == null).sort((a, b) => b.from_at.getTime() - a.from_at.getTime())[0];
}

function addFileRow(env: SimEnv, out: SimResult, kind: DossierFile['kind'], componentKey: string | null, digitized: boolean, by: Actor, at: Date): DossierFile {
  const f: DossierFile = {
    id: env.rng.uuid(),
    dossier_id: out.dossier.id,
    kind,
    component_key: componentKey,
    blob_key: env.blob.key,
    file_name: demoFileName(kind === 'other' ? 'component' : kind, componentKey),
    content_type: 'application/pdf',
    size: env.blob.size,
    sha256: env.blob.sha256,
    digitized,
    uploaded_by_kind: by.kind,
    uploaded_by: by.id,
    uploaded_at: at,
    approved_sha256: null,
    result_origin: null,
    sign_state: null,
    sign_attempts: 0,
    sign_error: null,
  };
  out.files.push(f);
  return f;
}
