import { sql, type Kysely } from 'kysely';

/** Procedure catalogue: fields, procedures, publication decisions, versions, agencies. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE procedure_fields (
      code text PRIMARY KEY,
      name text NOT NULL,
      name_en text NOT NULL
    );
    CREATE TABLE procedures (
      id text PRIMARY KEY,
      code text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      retired_at timestamptz
    );
    CREATE TABLE publication_decisions (
      id text PRIMARY KEY,
      number text NOT NULL,
      signed_date date NOT NULL,
      effective_date date NOT NULL,
      signer text,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text
    );
    CREATE TABLE procedure_versions (
      id text PRIMARY KEY,
      procedure_id text NOT NULL REFERENCES procedures(id),
      seq integer NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'published')),
      decision_id text REFERENCES publication_decisions(id),
      effective_from date,
      disclosed_on date,
      published_at timestamptz,
      content jsonb NOT NULL,
      name text NOT NULL,
      name_folded text NOT NULL,
      search_folded text NOT NULL,
      field_code text NOT NULL,
      levels text NOT NULL,
      online_level text NOT NULL CHECK (online_level IN ('full', 'partial', 'none')),
      essential boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      created_by text,
      UNIQUE (procedure_id, seq),
      CHECK (status = 'draft' OR (decision_id IS NOT NULL AND effective_from IS NOT NULL))
    );
    CREATE UNIQUE INDEX procedure_versions_one_draft ON procedure_versions (procedure_id) WHERE status = 'draft';
    CREATE INDEX procedure_versions_in_force ON procedure_versions (procedure_id, effective_from DESC) WHERE status = 'published';
    CREATE INDEX procedure_versions_decision ON procedure_versions (decision_id);
    CREATE TABLE procedure_agencies (
      procedure_id text NOT NULL REFERENCES procedures(id),
      receiving_unit_id text NOT NULL,
      deciding_unit_id text NOT NULL,
      PRIMARY KEY (procedure_id, receiving_unit_id, deciding_unit_id)
    );
    CREATE INDEX procedure_agencies_receiving ON procedure_agencies (receiving_unit_id);
    CREATE INDEX procedure_agencies_deciding ON procedure_agencies (deciding_unit_id);
  `,
    )
    .execute(db);
}
