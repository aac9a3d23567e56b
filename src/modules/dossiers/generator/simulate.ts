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
import * as deps from '../deps';
import {
  buildActionChange,
  buildSubmission,
  type Applicant,
  decideAction,
  eventRows,
  type ActionChange,
  type ActionFacts,
  type ActionRequest,
  type AuditRow,
  type EventInput,
  type EventRows,
  type SupplementItem,
} from '../model';
import { toMachine, type DossierSnapshot } from '../service/common';
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
/** An audit entry as the service appends it (model eventRows). */
export type SimAudit = AuditRow;
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
  // The submission's rows as the service builds them (model buildSubmission), from the plan: no
  // consent, reuse or source fetch in replayed history (as run-service.ts: replayedHistory).
  const submitted = buildSubmission(
    {
      channel: p.channel,
      snapshot: p.procedure,
      agency: { receivingUnitId: p.receivingUnitId, decidingUnitId: p.decidingUnitId, boundaryFree: null },
      applicant: applicant as Applicant,
      data: p.data,
      consent: null,
      reused: [],
      fetched: { sources: {}, linked: [] },
      agencyCode: '',
      uploads: [],
    },
    {
      actor,
      now,
      kept: keep,
      addressToday: null,
      sent: p.components.map((k) => ({ ...env.blob, componentKey: k, fileName: demoFileName('component', k), contentType: 'application/pdf' })),
    },
    { id: env.rng.uuid(), code, pin: env.rng.digits(6), newId: () => env.rng.uuid() },
  );
  const out: SimResult = { dossier: submitted.dossier, supplementRequests: [], files: [], steps: [], pauses: [], events: [], audits: [], outbox: [] };
  for (const f of submitted.files) out.files.push({ ...f, approved_sha256: null, result_origin: null, sign_state: null, sign_attempts: 0, sign_error: null });
  for (const e of submitted.events) pushEvent(out, e);
  for (const op of p.ops) apply(env, out, op, keep);
  return out;
}

/** The event, its outbox message and audit entry, as the service's recordEvent builds them (model eventRows). */
function record(env: SimEnv, out: SimResult, e: EventInput) {
  pushEvent(
    out,
    eventRows(out.dossier, e, () => env.rng.uuid()),
  );
}

function pushEvent(out: SimResult, r: EventRows) {
  out.events.push(r.event);
  out.outbox.push({ id: r.outbox.id, key: r.outbox.key, at: r.outbox.at, payload: r.outbox.payload });
  out.audits.push(r.audit);
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
  // As performAction: decide, build the rows (the same model functions), then apply them to the rows in memory.
  const action = op.action;
  const req: ActionRequest = {
    version: d.version,
    comment: op.comment,
    missing: op.missing,
    consultUnitId: op.consultUnitId,
    newAppointmentAt: op.newAppointmentAt,
    returnMethod: op.returnMethod,
  };
  const facts: ActionFacts = {
    dossier: d,
    machine: toMachine(d, out.files),
    snapshot: snap,
    files: out.files,
    openPause: openPause(out) ?? null,
    supplementRequests: out.supplementRequests,
    openItems: [],
  };
  const rules = { componentsFromSource: deps.componentsFromSourceAt(d.submitted_at), supplementOnce: deps.supplementOnceFor(d) };
  const decision = decideAction(facts, actor, action, req, now, rules);
  if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params);
  applyChange(
    out,
    buildActionChange(facts, actor, action, req, now, env.cal, decision, () => env.rng.uuid()),
  );
}

/** What store.writeActionChange writes, applied to the simulated rows. */
function applyChange(out: SimResult, c: ActionChange): void {
  Object.assign(out.dossier, c.patch, { version: c.version + 1 });
  out.pauses.push(...c.pauseInserts);
  for (const u of c.pauseUpdates)
    Object.assign(
      out.pauses.find((p) => p.id === u.id)!,
      u.patch,
    );
  if (c.openStepPatch) for (const s of out.steps) if (s.left_at == null) Object.assign(s, c.openStepPatch);
  out.steps.push(...c.stepInserts);
  for (const r of c.supplementRequestInserts)
    out.supplementRequests.push({
      ...r,
      state: 'issued',
      issued_at: r.issued_at!,
      answered_at: null,
      answered_via: null,
      items: r.items.map((x) => ({
        id: x.id,
        componentKey: x.component_key,
        label: x.label,
        defect: x.defect as SupplementItem['defect'],
        provide: x.provide,
      })),
    });
  for (const u of c.supplementRequestUpdates)
    Object.assign(
      out.supplementRequests.find((r) => r.id === u.id)!,
      u.patch,
    );
  for (const f of c.fileInserts) out.files.push({ ...f, approved_sha256: null, result_origin: null, sign_state: null, sign_attempts: 0, sign_error: null });
  pushEvent(out, c.event);
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
