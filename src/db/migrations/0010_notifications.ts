import { sql, type Kysely } from 'kysely';

/** Notifications: templates (data, editable), channel preferences, the inbox, deliveries per outbox message. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE notification_templates (
      key text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'zalo', 'inbox')),
      lang text NOT NULL CHECK (lang IN ('vi', 'en')),
      subject text NOT NULL DEFAULT '',
      body text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text,
      PRIMARY KEY (key, channel, lang)
    );
    CREATE TABLE notification_prefs (
      person_id text PRIMARY KEY,
      zalo boolean NOT NULL DEFAULT true,
      inbox boolean NOT NULL DEFAULT true,
      lang text NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE notifications (
      id text PRIMARY KEY,
      source_id text NOT NULL UNIQUE,
      person_id text,
      dossier_id text,
      kind text NOT NULL,
      lang text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      channels jsonb NOT NULL DEFAULT '[]',
      in_inbox boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL,
      read_at timestamptz
    );
    CREATE INDEX notifications_inbox ON notifications (person_id, created_at DESC) WHERE in_inbox;
    CREATE INDEX notifications_dossier ON notifications (dossier_id);
    CREATE TABLE notification_deliveries (
      outbox_id text PRIMARY KEY,
      notification_id text NOT NULL,
      channel text NOT NULL,
      recipient text NOT NULL,
      status text NOT NULL CHECK (status IN ('sending', 'sent')),
      attempts integer NOT NULL DEFAULT 1,
      provider_id text,
      error text,
      started_at timestamptz NOT NULL,
      sent_at timestamptz
    );
    CREATE INDEX notification_deliveries_notification ON notification_deliveries (notification_id);
  `,
    )
    .execute(db);
}
