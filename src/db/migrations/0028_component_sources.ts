import { sql, type Kysely } from 'kysely';

/**
 * Data instead of paper (issue 11 item 7): per dossier, what was fetched for each component that
 * names a source (population database, e-data store, VNeID document) - or why the fetch failed,
 * which is the only case where the component may be asked for on paper. The population checks
 * log also records VNeID document look-ups ('document').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE dossiers ADD COLUMN component_sources jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE population_checks DROP CONSTRAINT population_checks_kind_check;
    ALTER TABLE population_checks ADD CONSTRAINT population_checks_kind_check CHECK (kind IN ('verify', 'prefill', 'document'));
  `,
    )
    .execute(db);
}
