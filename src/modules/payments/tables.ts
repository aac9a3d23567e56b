/** Tables of the payments module, as Kysely sees them (migration 0009). */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;
type Int8 = ColumnType<number, number | string | bigint, number | string | bigint>;

export interface PaymentsTables {
  payments: PaymentRow;
  payment_events: PaymentEventRow;
  payment_reconciliations: ReconciliationRow;
  payment_reconciliation_items: ReconciliationItemRow;
}

export interface PaymentRow {
  id: string;
  dossier_id: string;
  dossier_code: string;
  order_ref: string;
  amount: Int8;
  currency: Opt<string>;
  fee_lines: Json;
  state: string;
  payer_kind: string;
  payer_id: string;
  payer_name: string;
  pay_url: Opt<string | null>;
  gateway_txn_id: Opt<string | null>;
  bank_code: Opt<string | null>;
  gateway_time: Opt<string | null>;
  paid_at: TsNull;
  closed_reason: Opt<string | null>;
  created_at: Ts;
  updated_at: Ts;
  last_query_at: TsNull;
  version: Opt<number>;
}

export interface PaymentEventRow {
  id: string;
  payment_id: string | null;
  order_ref: string;
  at: Ts;
  source: string;
  outcome: string;
  data: Json;
}

export interface ReconciliationRow {
  id: string;
  day: ColumnType<string, string, string>;
  ran_at: Ts;
  ours: number;
  theirs: number;
  matched: number;
  mismatches: number;
}

export interface ReconciliationItemRow {
  id: string;
  reconciliation_id: string;
  kind: string;
  order_ref: string;
  payment_id: string | null;
  ours: Json | null;
  theirs: Json | null;
}
