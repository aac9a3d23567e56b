import { sql, type Kysely } from 'kysely';

/** Signing: every signature made through the eSign gateway, and the register of electronic certified copies. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE signatures (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('result', 'certified_copy', 'document')),
      dossier_id text,
      signer_id text NOT NULL,
      signer_name text NOT NULL,
      signer_title text NOT NULL,
      signer_unit text NOT NULL,
      reason text NOT NULL,
      input_sha256 text NOT NULL,
      output_sha256 text NOT NULL,
      signed_at timestamptz NOT NULL
    );
    CREATE INDEX signatures_dossier ON signatures (dossier_id) WHERE dossier_id IS NOT NULL;

    CREATE TABLE certified_copies (
      id text PRIMARY KEY,
      unit_key text NOT NULL,
      year integer NOT NULL,
      number integer NOT NULL,
      book text NOT NULL,
      dossier_id text,
      officer_id text NOT NULL,
      original_sha256 text NOT NULL,
      original_type text NOT NULL,
      copy_sha256 text NOT NULL,
      signature_id text NOT NULL REFERENCES signatures (id),
      issued_at timestamptz NOT NULL,
      UNIQUE (unit_key, year, number)
    );

    CREATE TABLE certified_copy_counters (
      unit_key text NOT NULL,
      year integer NOT NULL,
      last_number integer NOT NULL,
      PRIMARY KEY (unit_key, year)
    );
  `,
    )
    .execute(db);
}
