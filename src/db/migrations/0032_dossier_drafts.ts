import { sql, type Kysely } from 'kysely';

/**
 * Issue 17 item 4: drafts and uploads that never get lost.
 * dossier_drafts: one draft per citizen and procedure, saved after each step of the online
 * application (resumable from another session), deleted when the dossier is submitted.
 * uploads: resumable uploads (tus 1.0.0) of a citizen or an officer; the bytes arrive in
 * upload_chunks (one row per accepted PATCH, keyed by its offset, so a chunk sent twice is
 * refused by the key) and move into the blob store once the whole file is there and checked;
 * the row then holds the per-file receipt (name, size, pages, sha256, time).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE dossier_drafts (
      id text PRIMARY KEY,
      owner_id text NOT NULL,
      procedure_code text NOT NULL,
      procedure_name text NOT NULL,
      step text NOT NULL,
      receiving_unit_id text,
      data jsonb NOT NULL DEFAULT '{}',
      idempotency_key text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (owner_id, procedure_code)
    );
    CREATE INDEX dossier_drafts_owner ON dossier_drafts (owner_id, updated_at);
    CREATE TABLE uploads (
      id text PRIMARY KEY,
      seq bigint GENERATED ALWAYS AS IDENTITY,
      owner_kind text NOT NULL,
      owner_id text NOT NULL,
      procedure_code text,
      component_key text,
      file_name text NOT NULL,
      declared_type text,
      length bigint NOT NULL,
      received bigint NOT NULL DEFAULT 0,
      state text NOT NULL DEFAULT 'receiving',
      sha256 text,
      mime text,
      pages integer,
      refusal text,
      dossier_id text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      completed_at timestamptz,
      expires_at timestamptz NOT NULL,
      CHECK (state IN ('receiving', 'stored', 'refused', 'discarded')),
      CHECK (received >= 0 AND received <= length)
    );
    CREATE INDEX uploads_owner ON uploads (owner_kind, owner_id, procedure_code, component_key);
    CREATE TABLE upload_chunks (
      upload_id text NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
      start bigint NOT NULL,
      bytes bytea NOT NULL,
      PRIMARY KEY (upload_id, start)
    );
  `,
    )
    .execute(db);
}
