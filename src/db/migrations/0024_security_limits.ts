import { sql, type Kysely } from 'kysely';

/**
 * Security limits (issue 14 item 3): one row per counted key (e.g. a lookup client, a
 * (dossier code, client) pair, an (officer, client) pair) with its fixed window and, when the
 * key is over its limit, the time it stays locked and how many locks it has had (growing delays).
 * In the database so limits hold across restarts and instances, and nothing empties it by volume.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE security_limits (
      key text PRIMARY KEY,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      locked_until timestamptz,
      lock_count integer NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX security_limits_updated ON security_limits (updated_at);
  `,
    )
    .execute(db);
}
