/** Tables of the dossiers module, as Kysely sees them (migration 0006). */
import type { ColumnType } from 'kysely';
import type { OfflineIntakeTables } from './offline-tables';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;

export interface DossiersTables extends OfflineIntakeTables {
  dossiers: DossierRow;
  dossier_events: DossierEventRow;
  dossier_files: DossierFileRow;
  dossier_pauses: DossierPauseRow;
  dossier_steps: DossierStepRow;
  dossier_drafts: DossierDraftRow;
  uploads: UploadRow;
  upload_chunks: UploadChunkRow;
  dossier_supplement_requests: SupplementRequestRow;
  dossier_supplement_items: SupplementItemRow;
  assisted_consents: AssistedConsentRow;
}

export interface DossierRow {
  id: string;
  code: string;
  procedure_id: string;
  procedure_version_id: string;
  procedure_code: string;
  procedure_name: string;
  snapshot: Json;
  channel: string;
  applicant_kind: string;
  applicant_id_number: string;
  applicant_name: string;
  applicant_phone: string | null;
  applicant_email: string | null;
  applicant_address: string | null;
  /** Migration 0037: the address in the unit names of the day of submission when it named old units (issue 11.4). */
  applicant_address_today: ColumnType<string | null, string | null | undefined, string | null>;
  submitter_kind: string;
  submitter_id: string;
  submitter_personal_id: string | null;
  receiving_unit_id: string;
  deciding_unit_id: string;
  summary: string | null;
  data: Json;
  state: string;
  resume_state: Opt<string | null>;
  step_index: Opt<number | null>;
  step_key: Opt<string | null>;
  step_unit_id: Opt<string | null>;
  step_role: Opt<string | null>;
  step_entered_at: TsNull;
  step_due_at: TsNull;
  assignee_id: Opt<string | null>;
  consult_unit_id: Opt<string | null>;
  consult_due_at: TsNull;
  submitted_at: Ts;
  received_at: TsNull;
  due_at: TsNull;
  appointment_at: TsNull;
  paused_since: TsNull;
  supplement_requests: Opt<number>;
  apology_at: TsNull;
  result_ready_at: TsNull;
  returned_at: TsNull;
  return_method: Opt<string | null>;
  closed_at: TsNull;
  close_reason: Opt<string | null>;
  lookup_pin: string | null;
  idempotency_key: string | null;
  version: Opt<number>;
  updated_at: Ts;
  /** Migration 0028: componentKey -> ComponentSourceRecord (model/data-sources.ts). */
  component_sources: ColumnType<unknown, string | undefined, string>;
}

export interface DossierEventRow {
  id: string;
  dossier_id: string;
  seq: number;
  at: Ts;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  step_key: string | null;
  comment: string | null;
  data: Json;
}

export interface DossierFileRow {
  id: string;
  dossier_id: string;
  kind: 'component' | 'result' | 'supplement' | 'other';
  component_key: string | null;
  blob_key: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  digitized: boolean;
  uploaded_by_kind: string;
  uploaded_by: string;
  uploaded_at: Ts;
  /** The SHA-256 frozen when the result was approved: only these bytes are signed (migration 0022). */
  approved_sha256: Opt<string | null>;
  /** 'approved' (signed as the approving leader) or 'paper_digitized' (a scan of a paper result signed by hand). */
  result_origin: Opt<string | null>;
  /** null: nothing to sign; pending | signed | failed (retrying) | stopped (after SIGNING_MAX_ATTEMPTS, or refused). */
  sign_state: Opt<string | null>;
  sign_attempts: Opt<number>;
  /** The message key of the last failure (signing.*). */
  sign_error: Opt<string | null>;
}

export interface DossierPauseRow {
  id: string;
  dossier_id: string;
  kind: 'supplement' | 'fee';
  reason: string;
  missing: Json;
  requested_by: string;
  from_at: Ts;
  to_at: TsNull;
  before_receipt: boolean;
  rule: Opt<string | null>;
  due_before: TsNull;
  due_after: TsNull;
}

export interface DossierStepRow {
  id: string;
  dossier_id: string;
  step_index: number;
  step_key: string;
  step_name: string;
  unit_id: string;
  role: string;
  entered_at: Ts;
  due_at: Ts;
  left_at: TsNull;
  outcome: Opt<string | null>;
  assignee_id: Opt<string | null>;
  handled_by: Opt<string | null>;
}

/** Migration 0032: a citizen's draft of an online application (one per procedure). */
export interface DossierDraftRow {
  id: string;
  owner_id: string;
  procedure_code: string;
  procedure_name: string;
  /** 'form' (the e-form, not yet valid) or 'review' (valid answers, attachments next). */
  step: string;
  receiving_unit_id: string | null;
  data: Json;
  idempotency_key: string;
  created_at: Ts;
  updated_at: Ts;
}

/** Migration 0032: a resumable upload (tus) and, once stored, its receipt. */
export interface UploadRow {
  id: string;
  /** Creation order (times tie under a test clock). */
  seq: ColumnType<number, never, never>;
  owner_kind: string;
  owner_id: string;
  procedure_code: string | null;
  component_key: string | null;
  file_name: string;
  declared_type: string | null;
  length: ColumnType<number, number, number>;
  received: ColumnType<number, number | undefined, number>;
  /** receiving | stored | refused | discarded */
  state: Opt<string>;
  sha256: string | null;
  mime: string | null;
  pages: number | null;
  refusal: string | null;
  dossier_id: string | null;
  created_at: Ts;
  updated_at: Ts;
  completed_at: TsNull;
  expires_at: Ts;
}

export interface UploadChunkRow {
  upload_id: string;
  start: ColumnType<number, number, number>;
  bytes: ColumnType<Uint8Array, Uint8Array, Uint8Array>;
}

/** Migration 0030: one supplement request of a dossier (a second or later one waits for a leader's approval). */
export interface SupplementRequestRow {
  id: string;
  dossier_id: string;
  request_no: number;
  state: 'pending' | 'refused' | 'issued' | 'answered';
  reason: string;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: Ts;
  decided_by: Opt<string | null>;
  decided_by_name: Opt<string | null>;
  decided_at: TsNull;
  decision_reason: Opt<string | null>;
  issued_at: TsNull;
  answered_at: TsNull;
  answered_via: Opt<'online' | 'desk' | null>;
}

/** Migration 0030: a deficient item of a request, and the applicant's answer to it. */
export interface SupplementItemRow {
  id: string;
  request_id: string;
  position: number;
  component_key: string | null;
  label: string;
  defect: string;
  provide: string;
  answer_note: Opt<string | null>;
  answer_file_id: Opt<string | null>;
  answered_at: TsNull;
  answered_by: Opt<string | null>;
}

/** Migration 0031: the citizen's consent to an assisted submission (model/consent.ts). */
export interface AssistedConsentRow {
  id: string;
  helper_id: string;
  helper_name: string;
  helper_role: 'reception' | 'postal' | 'digital_team';
  citizen_id_number: string;
  citizen_name: string;
  procedure_code: string;
  phone: string;
  method: 'sms_code';
  code_hash: string;
  consent_text: string;
  lang: 'vi' | 'en';
  state: 'pending' | 'confirmed' | 'used' | 'locked';
  attempts: Opt<number>;
  created_at: Ts;
  code_expires_at: Ts;
  confirmed_at: TsNull;
  used_at: TsNull;
  dossier_id: Opt<string | null>;
}
