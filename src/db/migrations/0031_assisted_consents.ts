import { sql, type Kysely } from 'kysely';

/**
 * Issue 17 item 3. assisted_consents: the citizen's recorded consent to an assisted submission
 * (an officer, postal worker or digital-team member submits on the citizen's behalf). The
 * one-time code sent by SMS is kept only as a keyed hash; a consent is confirmed once, used for
 * one dossier (dossier_id, unique) and then closed. See docs/decisions-dossiers.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE assisted_consents (
      id text PRIMARY KEY,
      helper_id text NOT NULL,
      helper_name text NOT NULL,
      helper_role text NOT NULL CHECK (helper_role IN ('reception', 'postal', 'digital_team')),
      citizen_id_number text NOT NULL,
      citizen_name text NOT NULL,
      procedure_code text NOT NULL,
      phone text NOT NULL,
      method text NOT NULL CHECK (method IN ('sms_code')),
      code_hash text NOT NULL,
      consent_text text NOT NULL,
      lang text NOT NULL CHECK (lang IN ('vi', 'en')),
      state text NOT NULL CHECK (state IN ('pending', 'confirmed', 'used', 'locked')),
      attempts integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      code_expires_at timestamptz NOT NULL,
      confirmed_at timestamptz,
      used_at timestamptz,
      dossier_id text UNIQUE
    );
    CREATE INDEX assisted_consents_helper ON assisted_consents (helper_id, created_at DESC);
    CREATE INDEX assisted_consents_phone ON assisted_consents (phone, created_at DESC);
  `,
    )
    .execute(db);
}
