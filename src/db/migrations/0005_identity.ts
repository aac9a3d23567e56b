import { sql, type Kysely } from 'kysely';

/**
 * Identity: citizens and businesses known through VNeID (people), officer accounts with
 * roles at units, server-side sessions, and pending OpenID Connect logins.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE people (
      id text PRIMARY KEY,
      personal_id text NOT NULL UNIQUE,
      name text NOT NULL,
      birth_date date,
      gender text,
      address text,
      phone text,
      email text,
      org_tax_code text,
      org_name text,
      notify_email boolean NOT NULL DEFAULT true,
      notify_sms boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      last_login_at timestamptz
    );

    CREATE TABLE officers (
      id text PRIMARY KEY,
      username text NOT NULL UNIQUE,
      name text NOT NULL,
      email text,
      phone text,
      password_hash text NOT NULL,
      disabled boolean NOT NULL DEFAULT false,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      password_changed_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE officer_roles (
      officer_id text NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
      role text NOT NULL,
      unit_id text NOT NULL,
      PRIMARY KEY (officer_id, role, unit_id)
    );
    CREATE INDEX officer_roles_unit ON officer_roles (unit_id, role);

    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('citizen', 'officer')),
      subject_id text NOT NULL,
      csrf_token text NOT NULL,
      org_tax_code text,
      created_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    );
    CREATE INDEX sessions_subject ON sessions (kind, subject_id);
    CREATE INDEX sessions_expires ON sessions (expires_at);

    CREATE TABLE oidc_pending (
      state_hash text PRIMARY KEY,
      code_verifier text NOT NULL,
      nonce text NOT NULL,
      return_to text NOT NULL,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    );
  `,
    )
    .execute(db);
}
