import { sql, type Kysely } from 'kysely';

/**
 * The national portal as the front door, continued (issue 11 item 6): what the portal hands over
 * after a dossier arrived - payment records made on the portal and the citizen's answers to a
 * supplement request - one row per portal record (kind + the portal's code of it), the key that
 * makes each arrive exactly once; and, per pulled dossier, the outcome of applying the portal's
 * payment to the fee it owes (np_inbound.payment_outcome, shown to the officer).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE np_inbound ADD COLUMN payment_outcome jsonb;
    CREATE TABLE np_inbound_records (
      kind text NOT NULL CHECK (kind IN ('payment', 'supplement')),
      record_code text NOT NULL,
      portal_code text NOT NULL,
      dossier_id text,
      state text NOT NULL CHECK (state IN ('received', 'refused')),
      message text,
      deliveries integer NOT NULL DEFAULT 1,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      PRIMARY KEY (kind, record_code)
    );
  `,
    )
    .execute(db);
}
