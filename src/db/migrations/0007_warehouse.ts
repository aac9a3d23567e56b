import { sql, type Kysely } from 'kysely';

/**
 * The personal / organisational e-data store (kho quản lý dữ liệu điện tử, TT 01/2023/TT-VPCP):
 * stored documents, their codes, reuses by later dossiers, share links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE stored_documents (
      id text PRIMARY KEY,
      owner_kind text NOT NULL CHECK (owner_kind IN ('citizen', 'organisation')),
      owner_id text NOT NULL,
      document_type text NOT NULL,
      name text NOT NULL,
      code text NOT NULL UNIQUE,
      issuing_body text,
      issuing_unit_id text,
      issued_on date,
      valid_from date,
      valid_to date,
      sha256 text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size integer NOT NULL,
      source text NOT NULL CHECK (source IN ('component', 'result', 'certified_copy', 'seed')),
      source_dossier_id text,
      source_component_key text,
      source_file_id text,
      digitized boolean NOT NULL DEFAULT false,
      from_national_store boolean NOT NULL DEFAULT false,
      signed boolean NOT NULL DEFAULT false,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL
    );
    CREATE UNIQUE INDEX stored_documents_source_file ON stored_documents (source_file_id) WHERE source_file_id IS NOT NULL;
    CREATE INDEX stored_documents_owner ON stored_documents (owner_kind, owner_id, document_type);
    CREATE INDEX stored_documents_dossier ON stored_documents (source_dossier_id) WHERE source_dossier_id IS NOT NULL;

    CREATE TABLE stored_document_counters (
      prefix text PRIMARY KEY,
      last_number integer NOT NULL
    );

    CREATE TABLE document_reuses (
      id text PRIMARY KEY,
      dossier_id text NOT NULL,
      component_key text NOT NULL,
      document_id text NOT NULL REFERENCES stored_documents (id),
      document_code text NOT NULL,
      dossier_file_id text,
      reuse_kind smallint NOT NULL DEFAULT 1 CHECK (reuse_kind IN (1, 2)),
      from_national_store boolean NOT NULL DEFAULT false,
      at timestamptz NOT NULL,
      UNIQUE (dossier_id, component_key)
    );
    CREATE INDEX document_reuses_document ON document_reuses (document_id);
    CREATE INDEX document_reuses_at ON document_reuses (at);

    CREATE TABLE document_shares (
      id text PRIMARY KEY,
      document_id text NOT NULL REFERENCES stored_documents (id),
      token_hash text NOT NULL UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    );
    CREATE INDEX document_shares_document ON document_shares (document_id);
  `,
    )
    .execute(db);
}
