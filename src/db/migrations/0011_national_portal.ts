import { sql, type Kysely } from 'kysely';

/** National portal (DVCQG) sync: state per dossier and a log of what was pushed. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE np_dossier_sync (
      dossier_id text PRIMARY KEY,
      code text NOT NULL,
      last_seq integer NOT NULL DEFAULT 0,
      last_status integer,
      result_synced boolean NOT NULL DEFAULT false,
      linked boolean NOT NULL DEFAULT false,
      first_synced_at timestamptz,
      last_synced_at timestamptz,
      last_error text,
      last_error_at timestamptz,
      failures integer NOT NULL DEFAULT 0
    );
    CREATE TABLE np_sync_log (
      event_id text PRIMARY KEY,
      dossier_id text NOT NULL,
      seq integer NOT NULL,
      status integer NOT NULL,
      services text NOT NULL,
      at timestamptz NOT NULL
    );
    CREATE INDEX np_sync_log_dossier ON np_sync_log (dossier_id, seq);
  `,
    )
    .execute(db);
}
