/** A dossier as the API and the screens show it (service/read.ts): its state, its clock, its files, what comes next. */
import { fetchedKeys, sourcesOf, type ComponentSourceRecord, classifyOpen, classifyTimeliness, NATIONAL_STATUS, type DossierState } from '../model';
import type { Dossier, DossierFile } from '../store';
import { snapshotOf } from './common';

export interface DossierView {
  id: string;
  code: string;
  version: number;
  state: DossierState;
  nationalStatus: number;
  channel: string;
  procedure: { id: string; versionId: string; code: string; name: string };
  /** addressToday: the address in the unit names of the day of submission when it named old units (issue 11.4), else null. */
  applicant: { kind: string; name: string; idNumber: string; phone: string | null; email: string | null; address: string | null; addressToday: string | null };
  receivingUnitId: string;
  decidingUnitId: string;
  step: {
    index: number;
    key: string;
    name: string;
    unitId: string;
    role: string;
    enteredAt: string | null;
    dueAt: string | null;
    dueSoon: boolean;
    assigneeId: string | null;
  } | null;
  consultation: { unitId: string; dueAt: string | null } | null;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  paused: boolean;
  supplementRequests: number;
  apologyAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  returnMethod: string | null;
  closedAt: string | null;
  closeReason: string | null;
  timeliness: 'early' | 'on_time' | 'late' | 'in_time' | null;
  data: unknown;
  files: {
    id: string;
    kind: string;
    componentKey: string | null;
    fileName: string;
    contentType: string;
    size: number;
    digitized: boolean;
    uploadedAt: string;
    signState?: string | null;
    signAttempts?: number;
    signError?: string | null;
  }[];
  /** source: what its data source gave (fetched from the population database / VNeID / e-data store, or why not). */
  components: { key: string; name: string; optional: boolean; provided: boolean; source?: ComponentSourceRecord }[];
}

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function viewOf(d: Dossier, files: DossierFile[], now: Date, cal?: { dueSoon: (due: Date | null) => boolean }): DossierView {
  const snap = snapshotOf(d);
  const step = d.step_index != null ? snap.process.steps[d.step_index] : undefined;
  const end = d.result_ready_at ?? null;
  let timeliness: DossierView['timeliness'] = null;
  if (d.due_at && end) timeliness = classifyTimeliness({ finishedAt: end, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  else if (d.due_at && !d.closed_at) timeliness = classifyOpen({ asOf: now, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  const have = new Set<string | null>(files.filter((f) => f.kind !== 'result').map((f) => f.component_key));
  const sources = sourcesOf(d.component_sources);
  for (const k of fetchedKeys(sources)) have.add(k);
  return {
    id: d.id,
    code: d.code,
    version: d.version,
    state: d.state as DossierState,
    nationalStatus: NATIONAL_STATUS[d.state as DossierState],
    channel: d.channel,
    procedure: { id: d.procedure_id, versionId: d.procedure_version_id, code: d.procedure_code, name: d.procedure_name },
    applicant: {
      kind: d.applicant_kind,
      name: d.applicant_name,
      idNumber: d.applicant_id_number,
      phone: d.applicant_phone,
      email: d.applicant_email,
      address: d.applicant_address,
      addressToday: d.applicant_address_today ?? null,
    },
    receivingUnitId: d.receiving_unit_id,
    decidingUnitId: d.deciding_unit_id,
    step:
      step && d.step_index != null
        ? {
            index: d.step_index,
            key: step.key,
            name: step.name,
            unitId: d.step_unit_id!,
            role: d.step_role!,
            enteredAt: iso(d.step_entered_at),
            dueAt: iso(d.step_due_at),
            dueSoon: cal ? cal.dueSoon(d.step_due_at) : false,
            assigneeId: d.assignee_id ?? null,
          }
        : null,
    consultation: d.consult_unit_id ? { unitId: d.consult_unit_id, dueAt: iso(d.consult_due_at) } : null,
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    appointmentAt: iso(d.appointment_at),
    paused: !!d.paused_since,
    supplementRequests: d.supplement_requests,
    apologyAt: iso(d.apology_at),
    resultReadyAt: iso(d.result_ready_at),
    returnedAt: iso(d.returned_at),
    returnMethod: d.return_method ?? null,
    closedAt: iso(d.closed_at),
    closeReason: d.close_reason ?? null,
    timeliness,
    data: d.data,
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      componentKey: f.component_key,
      fileName: f.file_name,
      contentType: f.content_type,
      size: f.size,
      digitized: f.digitized,
      uploadedAt: f.uploaded_at.toISOString(),
      ...(f.kind === 'result' ? { signState: f.sign_state ?? null, signAttempts: f.sign_attempts ?? 0, signError: f.sign_error ?? null } : {}),
    })),
    components: snap.components.map((c) => ({
      key: c.key,
      name: c.name,
      optional: c.optional,
      provided: have.has(c.key),
      ...(sources[c.key] ? { source: sources[c.key] } : {}),
    })),
  };
}

/** The dossier row (no access check), for other modules. */
