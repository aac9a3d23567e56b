import { sql, type Kysely } from 'kysely';

/**
 * Issue 17 items 1-2: one complete supplement request. Each request of a dossier (numbered 1, 2,
 * ...) lists its deficient items against the procedure's components (or a free item), each with
 * the defect and what to provide; a second or later request waits for a leader's approval
 * (pending -> issued, or refused, with the leader's written reason). The applicant's answer is
 * kept per item (a note and/or a file, online or recorded at the desk).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE dossier_supplement_requests (
      id text PRIMARY KEY,
      dossier_id text NOT NULL REFERENCES dossiers(id),
      request_no integer NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'refused', 'issued', 'answered')),
      reason text NOT NULL,
      requested_by text NOT NULL,
      requested_by_name text,
      requested_at timestamptz NOT NULL,
      decided_by text,
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text,
      issued_at timestamptz,
      answered_at timestamptz,
      answered_via text CHECK (answered_via IN ('online', 'desk'))
    );
    CREATE INDEX dossier_supplement_requests_dossier ON dossier_supplement_requests (dossier_id, request_no);
    CREATE TABLE dossier_supplement_items (
      id text PRIMARY KEY,
      request_id text NOT NULL REFERENCES dossier_supplement_requests(id),
      position integer NOT NULL,
      component_key text,
      label text NOT NULL,
      defect text NOT NULL CHECK (defect IN ('missing', 'unreadable', 'expired', 'wrong_form', 'data_mismatch')),
      provide text NOT NULL,
      answer_note text,
      answer_file_id text,
      answered_at timestamptz,
      answered_by text,
      UNIQUE (request_id, position)
    );
  `,
    )
    .execute(db);
}
