import { sql, type Kysely } from 'kysely';

/**
 * Outbox messages an operator can see and act on (issue 13.6): a message can be given up
 * (status 'given_up': it no longer holds back the later messages of its key), and every failed
 * attempt records when it happened; who retried or gave up is in the audit log.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
    ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'delivered', 'failed', 'given_up'));
    ALTER TABLE outbox ADD COLUMN last_attempt_at timestamptz;
    CREATE INDEX outbox_trouble_idx ON outbox (topic, status) WHERE last_error IS NOT NULL AND status <> 'delivered';
  `,
    )
    .execute(db);
}
