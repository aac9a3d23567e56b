import { sql, type Kysely } from 'kysely';

/** Population database: each check of an applicant's identity data (use of population data, indicator 4). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE population_checks (
      id text PRIMARY KEY,
      personal_id text NOT NULL,
      actor_kind text NOT NULL,
      actor_id text,
      kind text NOT NULL CHECK (kind IN ('verify', 'prefill')),
      outcome text NOT NULL CHECK (outcome IN ('match', 'mismatch', 'not_found', 'found', 'unavailable')),
      mismatches jsonb NOT NULL DEFAULT '[]',
      at timestamptz NOT NULL
    );
    CREATE INDEX population_checks_at ON population_checks (at);
  `,
    )
    .execute(db);
}
