import { sql, type Kysely } from 'kysely';

/**
 * Dossiers citizens submit on the National Public Service Portal (DVCQG) and this system pulls
 * (issue 11 item 6, docs/decisions-national-portal.md): one row per portal dossier code, the
 * key that makes a pulled dossier arrive exactly once, with the dossier it became (or why it
 * was refused), the payment state the portal reported and when the portal was told.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE np_inbound (
      portal_code text PRIMARY KEY,
      dossier_id text UNIQUE,
      state text NOT NULL CHECK (state IN ('received', 'refused')),
      procedure_code text,
      refusal_key text,
      refusal_message text,
      payment jsonb,
      deliveries integer NOT NULL DEFAULT 1,
      first_seen_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      acknowledged_at timestamptz
    );
    CREATE INDEX np_inbound_unacknowledged ON np_inbound (first_seen_at) WHERE acknowledged_at IS NULL;
  `,
    )
    .execute(db);
}
