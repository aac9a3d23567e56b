import { sql, type Kysely } from 'kysely';

/**
 * Issue 18 item 1: the state of the (sandbox) VNeID OpenID provider in the database instead of
 * in one process's memory, so any number of provider processes behind a load balancer share
 * interactions, sessions, grants, authorization codes and tokens (oidc-provider's adapter), and
 * its signing key and cookie keys (model '_keys'). Rows past expires_at are dead; the adapter
 * ignores and removes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE oidc_provider_state (
      model text NOT NULL,
      id text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX oidc_provider_state_grant ON oidc_provider_state (grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX oidc_provider_state_uid ON oidc_provider_state (model, uid) WHERE uid IS NOT NULL;
    CREATE INDEX oidc_provider_state_user_code ON oidc_provider_state (model, user_code) WHERE user_code IS NOT NULL;
    CREATE INDEX oidc_provider_state_expires ON oidc_provider_state (expires_at) WHERE expires_at IS NOT NULL;
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS oidc_provider_state`.execute(db);
}
