import { sql, type Kysely } from 'kysely';

/**
 * Catalogue: a procedure is retired (bãi bỏ) by a publication decision; from the decision's
 * effective date it leaves search and online application (its versions stay readable and
 * dossiers keep theirs). `retired_at` records when the controller entered it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE procedures ADD COLUMN retired_from date;
    ALTER TABLE procedures ADD COLUMN retirement_decision_id text REFERENCES publication_decisions(id);
    ALTER TABLE procedures ADD CONSTRAINT procedures_retirement CHECK ((retired_from IS NULL) = (retirement_decision_id IS NULL));
  `,
    )
    .execute(db);
}
