import { sql, type Kysely } from 'kysely';

/**
 * The dossier lifecycle: dossiers (with the procedure version they were submitted under and
 * the state of the process), their events (one per transition, written in the same
 * transaction), files (e-form attachments, scans, results), pauses of the clock, and the
 * history of process steps (for Mẫu 05 and the per-step timeliness).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE dossiers (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      procedure_id text NOT NULL,
      procedure_version_id text NOT NULL,
      procedure_code text NOT NULL,
      procedure_name text NOT NULL,
      snapshot jsonb NOT NULL,
      channel text NOT NULL CHECK (channel IN ('online', 'in_person', 'post', 'assisted')),
      applicant_kind text NOT NULL CHECK (applicant_kind IN ('citizen', 'organisation')),
      applicant_id_number text NOT NULL,
      applicant_name text NOT NULL,
      applicant_phone text,
      applicant_email text,
      applicant_address text,
      submitter_kind text NOT NULL CHECK (submitter_kind IN ('citizen', 'officer')),
      submitter_id text NOT NULL,
      submitter_personal_id text,
      receiving_unit_id text NOT NULL,
      deciding_unit_id text NOT NULL,
      summary text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      state text NOT NULL,
      resume_state text,
      step_index int,
      step_key text,
      step_unit_id text,
      step_role text,
      step_entered_at timestamptz,
      step_due_at timestamptz,
      assignee_id text,
      consult_unit_id text,
      consult_due_at timestamptz,
      submitted_at timestamptz NOT NULL,
      received_at timestamptz,
      due_at timestamptz,
      appointment_at timestamptz,
      paused_since timestamptz,
      supplement_requests int NOT NULL DEFAULT 0,
      apology_at timestamptz,
      result_ready_at timestamptz,
      returned_at timestamptz,
      return_method text,
      closed_at timestamptz,
      close_reason text,
      lookup_pin text,
      idempotency_key text,
      version int NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX dossiers_idempotency ON dossiers (submitter_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
    CREATE INDEX dossiers_state_receiving ON dossiers (receiving_unit_id, state);
    CREATE INDEX dossiers_step_unit ON dossiers (step_unit_id, state);
    CREATE INDEX dossiers_consult_unit ON dossiers (consult_unit_id) WHERE consult_unit_id IS NOT NULL;
    CREATE INDEX dossiers_deciding ON dossiers (deciding_unit_id, received_at);
    CREATE INDEX dossiers_applicant ON dossiers (applicant_id_number, submitted_at DESC);
    CREATE INDEX dossiers_submitter ON dossiers (submitter_personal_id, submitted_at DESC);
    CREATE INDEX dossiers_due ON dossiers (due_at) WHERE closed_at IS NULL AND result_ready_at IS NULL;

    CREATE TABLE dossier_events (
      id text PRIMARY KEY,
      dossier_id text NOT NULL REFERENCES dossiers(id),
      seq int NOT NULL,
      at timestamptz NOT NULL,
      actor_kind text NOT NULL,
      actor_id text,
      actor_name text,
      action text NOT NULL,
      from_state text,
      to_state text NOT NULL,
      step_key text,
      comment text,
      data jsonb NOT NULL DEFAULT '{}'::jsonb,
      UNIQUE (dossier_id, seq)
    );
    CREATE INDEX dossier_events_at ON dossier_events (at);

    CREATE TABLE dossier_files (
      id text PRIMARY KEY,
      dossier_id text NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL CHECK (kind IN ('component', 'result', 'supplement', 'other')),
      component_key text,
      blob_key text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size int NOT NULL,
      sha256 text NOT NULL,
      digitized boolean NOT NULL DEFAULT false,
      uploaded_by_kind text NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id, kind);

    CREATE TABLE dossier_pauses (
      id text PRIMARY KEY,
      dossier_id text NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL CHECK (kind IN ('supplement', 'fee')),
      reason text NOT NULL,
      missing jsonb NOT NULL DEFAULT '[]'::jsonb,
      requested_by text NOT NULL,
      from_at timestamptz NOT NULL,
      to_at timestamptz,
      before_receipt boolean NOT NULL,
      rule text,
      due_before timestamptz,
      due_after timestamptz
    );
    CREATE INDEX dossier_pauses_dossier ON dossier_pauses (dossier_id, from_at);

    CREATE TABLE dossier_steps (
      id text PRIMARY KEY,
      dossier_id text NOT NULL REFERENCES dossiers(id),
      step_index int NOT NULL,
      step_key text NOT NULL,
      step_name text NOT NULL,
      unit_id text NOT NULL,
      role text NOT NULL,
      entered_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      left_at timestamptz,
      outcome text,
      assignee_id text,
      handled_by text
    );
    CREATE INDEX dossier_steps_dossier ON dossier_steps (dossier_id, entered_at);
    CREATE INDEX dossier_steps_unit ON dossier_steps (unit_id, entered_at);
  `,
    )
    .execute(db);
}
