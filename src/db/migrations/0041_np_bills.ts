import { sql, type Kysely } from 'kysely';

/**
 * The officer's fee request as a bill on the national portal (issue 11 item 6): one row per bill
 * sent to DVCQG's payment platform for a dossier that came through the portal. The bill code is
 * derived from the fee-request event, so a retried send is the same bill; the payload is kept as
 * first built, so every retry sends the same amounts; the portal's payment is matched to it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE np_bills (
      bill_code text PRIMARY KEY,
      dossier_id text NOT NULL,
      portal_code text NOT NULL,
      amount bigint NOT NULL CHECK (amount > 0),
      payload jsonb NOT NULL,
      due_at timestamptz NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'sent', 'paid')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      paid_transaction text,
      paid_at timestamptz
    );
    CREATE INDEX np_bills_dossier ON np_bills (dossier_id);
  `,
    )
    .execute(db);
}
