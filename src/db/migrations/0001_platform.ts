import { sql, type Kysely } from 'kysely';

/**
 * Platform tables: the hash-chained audit log (append-only, enforced by triggers), its chain
 * head (one row, locked by every append so the chain never forks), the transactional outbox
 * and the per-scope, per-day counters behind the dossier codes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE audit_log (
      id          bigint PRIMARY KEY,
      at          timestamptz NOT NULL,
      actor_kind  text NOT NULL,
      actor_id    text,
      action      text NOT NULL,
      entity      text NOT NULL,
      entity_id   text,
      ip          text,
      details     jsonb NOT NULL DEFAULT '{}'::jsonb,
      prev_hash   text NOT NULL,
      hash        text NOT NULL
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
    CREATE INDEX audit_log_actor_idx ON audit_log (actor_kind, actor_id, id);
    CREATE INDEX audit_log_at_idx ON audit_log (at);

    CREATE TABLE audit_chain_head (
      id        int PRIMARY KEY CHECK (id = 1),
      last_id   bigint NOT NULL,
      last_hash text NOT NULL
    );
    INSERT INTO audit_chain_head (id, last_id, last_hash)
      VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

    CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
    END;
    $fn$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();

    CREATE TABLE outbox (
      id              text PRIMARY KEY,
      seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      topic           text NOT NULL,
      key             text NOT NULL,
      payload         jsonb NOT NULL,
      status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts        int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz,
      claim_token     text,
      last_error      text,
      created_at      timestamptz NOT NULL DEFAULT now(),
      delivered_at    timestamptz
    );
    CREATE INDEX outbox_due_idx ON outbox (seq) WHERE status = 'pending';
    CREATE INDEX outbox_key_idx ON outbox (topic, key, seq) WHERE status <> 'delivered';
    CREATE INDEX outbox_failed_idx ON outbox (topic) WHERE status = 'failed';

    CREATE TABLE code_counters (
      scope text NOT NULL,
      day   date NOT NULL,
      last  int NOT NULL,
      PRIMARY KEY (scope, day)
    );
  `,
    )
    .execute(db);
}
