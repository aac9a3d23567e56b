import { sql, type Kysely } from 'kysely';

/**
 * Issue 17 item 6: intake where the network is poor. One row per dossier received offline and
 * synced: the client-generated idempotency key (a UUID made by the offline reception page) ->
 * the dossier it created. The key is unique, so a queue replayed any number of times creates one
 * dossier and one SMS; the provisional receipt number (TAM-<device>-<n>) given to the citizen
 * offline stays beside the real dossier code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE offline_intakes (
      idempotency_key text PRIMARY KEY,
      provisional_code text NOT NULL,
      device_id text NOT NULL,
      officer_id text NOT NULL,
      dossier_id text NOT NULL,
      dossier_code text NOT NULL,
      procedure_code text NOT NULL,
      received boolean NOT NULL,
      captured_at timestamptz NOT NULL,
      synced_at timestamptz NOT NULL
    );
    CREATE INDEX offline_intakes_provisional ON offline_intakes (provisional_code);
    CREATE INDEX offline_intakes_dossier ON offline_intakes (dossier_id);
  `,
    )
    .execute(db);
}
