import { sql, type Kysely } from 'kysely';

/**
 * Catalogue: the province's list of procedures received "không phụ thuộc địa giới hành chính"
 * (Decree 118/2025/NĐ-CP Art. 14(2); the Chair of the provincial People's Committee publishes it).
 * One row per listing period of a procedure version, with the deciding text that put it on the list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE procedure_boundary_free (
      id text PRIMARY KEY,
      version_id text NOT NULL REFERENCES procedure_versions(id),
      valid_from date NOT NULL,
      valid_to date,
      decision text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text,
      CONSTRAINT procedure_boundary_free_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
    );
    CREATE INDEX procedure_boundary_free_version ON procedure_boundary_free (version_id);
  `,
    )
    .execute(db);
}
