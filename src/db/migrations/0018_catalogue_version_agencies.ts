import { sql, type Kysely } from 'kysely';

/**
 * Catalogue: the receiving/deciding agency pairs belong to each version (a publication decision
 * can change which agencies handle a procedure; a dossier keeps its version's agencies).
 * Backfill: every version gets its procedure's current pairs. `procedure_agencies` is left in
 * place (forward-only) but is no longer read or written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE procedure_version_agencies (
      version_id text NOT NULL REFERENCES procedure_versions(id),
      receiving_unit_id text NOT NULL,
      deciding_unit_id text NOT NULL,
      PRIMARY KEY (version_id, receiving_unit_id, deciding_unit_id)
    );
    CREATE INDEX procedure_version_agencies_receiving ON procedure_version_agencies (receiving_unit_id);
    CREATE INDEX procedure_version_agencies_deciding ON procedure_version_agencies (deciding_unit_id);
    INSERT INTO procedure_version_agencies (version_id, receiving_unit_id, deciding_unit_id)
      SELECT v.id, a.receiving_unit_id, a.deciding_unit_id
      FROM procedure_versions v JOIN procedure_agencies a ON a.procedure_id = v.procedure_id;
  `,
    )
    .execute(db);
}
