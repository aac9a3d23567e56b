import { sql, type Kysely } from 'kysely';

/**
 * Payments: one row per attempt (MaThamChieu), a state machine pending -> paid | failed | cancelled,
 * the gateway's transaction id unique (a payment is never counted twice), every message received
 * or sent in payment_events, and the daily reconciliation with its flagged mismatches.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE payments (
      id text PRIMARY KEY,
      dossier_id text NOT NULL,
      dossier_code text NOT NULL,
      order_ref text NOT NULL UNIQUE,
      amount bigint NOT NULL CHECK (amount > 0),
      currency text NOT NULL DEFAULT 'VND',
      fee_lines jsonb NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'paid', 'failed', 'cancelled')),
      payer_kind text NOT NULL,
      payer_id text NOT NULL,
      payer_name text NOT NULL,
      pay_url text,
      gateway_txn_id text UNIQUE,
      bank_code text,
      gateway_time text,
      paid_at timestamptz,
      closed_reason text,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      last_query_at timestamptz,
      version integer NOT NULL DEFAULT 1
    );
    CREATE INDEX payments_dossier ON payments (dossier_id);
    CREATE INDEX payments_paid_at ON payments (paid_at) WHERE state = 'paid';
    CREATE INDEX payments_pending ON payments (created_at) WHERE state = 'pending';

    CREATE TABLE payment_events (
      id text PRIMARY KEY,
      payment_id text REFERENCES payments (id),
      order_ref text NOT NULL,
      at timestamptz NOT NULL,
      source text NOT NULL,
      outcome text NOT NULL,
      data jsonb NOT NULL
    );
    CREATE INDEX payment_events_payment ON payment_events (payment_id, at);

    CREATE TABLE payment_reconciliations (
      id text PRIMARY KEY,
      day date NOT NULL,
      ran_at timestamptz NOT NULL,
      ours integer NOT NULL,
      theirs integer NOT NULL,
      matched integer NOT NULL,
      mismatches integer NOT NULL
    );
    CREATE INDEX payment_reconciliations_day ON payment_reconciliations (day, ran_at);

    CREATE TABLE payment_reconciliation_items (
      id text PRIMARY KEY,
      reconciliation_id text NOT NULL REFERENCES payment_reconciliations (id),
      kind text NOT NULL,
      order_ref text NOT NULL,
      payment_id text,
      ours jsonb,
      theirs jsonb
    );
    CREATE INDEX payment_reconciliation_items_run ON payment_reconciliation_items (reconciliation_id);
  `,
    )
    .execute(db);
}
