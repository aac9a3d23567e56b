import { sql, type Kysely } from 'kysely';

/**
 * Issue 12 items 3-4. np_reconciliation: per dossier, the last comparison of our record with what
 * the national portal holds (the differences, whether a resend repaired them, why not).
 * indicator_breach_alerts: who was told that a dossier is about to go late, once per dossier,
 * alert window (working hours) and recipient.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE np_reconciliation (
      dossier_id text PRIMARY KEY,
      code text NOT NULL,
      checked_at timestamptz NOT NULL,
      missing boolean NOT NULL DEFAULT false,
      differences jsonb NOT NULL DEFAULT '[]',
      repaired boolean NOT NULL DEFAULT false,
      resent_at timestamptz,
      error text
    );
    CREATE INDEX np_reconciliation_checked ON np_reconciliation (checked_at);
    CREATE TABLE indicator_breach_alerts (
      dossier_id text NOT NULL,
      hours integer NOT NULL,
      officer_id text NOT NULL,
      role text NOT NULL,
      due_at timestamptz NOT NULL,
      points double precision NOT NULL,
      notified_at timestamptz NOT NULL,
      PRIMARY KEY (dossier_id, hours, officer_id)
    );
  `,
    )
    .execute(db);
}
