/** Tables of the national-portal module, as Kysely sees them (migrations 0011, 0027, 0029, 0039, 0041). */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface NationalPortalTables {
  np_dossier_sync: {
    dossier_id: string;
    code: string;
    last_seq: Generated<number>;
    last_status: number | null;
    result_synced: Generated<boolean>;
    linked: Generated<boolean>;
    first_synced_at: TsNull;
    last_synced_at: TsNull;
    last_error: string | null;
    last_error_at: TsNull;
    failures: Generated<number>;
  };
  np_sync_log: { event_id: string; dossier_id: string; seq: number; status: number; services: string; at: Ts };
  /** Dossiers pulled from the portal, one row per portal dossier code (exactly once). */
  np_inbound: {
    portal_code: string;
    dossier_id: string | null;
    state: 'received' | 'refused';
    procedure_code: string | null;
    refusal_key: string | null;
    refusal_message: string | null;
    payment: ColumnType<unknown, string | null, string | null>;
    /** The last application of the portal's payment to the fee owed (migration 0039). */
    payment_outcome: ColumnType<unknown, string | null | undefined, string | null>;
    deliveries: Generated<number>;
    first_seen_at: Ts;
    last_seen_at: Ts;
    acknowledged_at: TsNull;
  };
  /** Payment records and supplement answers handed over by the portal, once each (migration 0039). */
  np_inbound_records: {
    kind: 'payment' | 'supplement';
    record_code: string;
    portal_code: string;
    dossier_id: string | null;
    state: 'received' | 'refused';
    message: string | null;
    deliveries: Generated<number>;
    first_seen_at: Ts;
    last_seen_at: Ts;
  };
  /** Bills sent to the portal's payment platform for an officer's fee request (migration 0041). */
  np_bills: {
    bill_code: string;
    dossier_id: string;
    portal_code: string;
    /** bigint: the driver may answer a string. */
    amount: ColumnType<number | string, number, number>;
    payload: ColumnType<unknown, string, string>;
    due_at: Ts;
    state: 'pending' | 'sent' | 'paid';
    attempts: Generated<number>;
    last_error: string | null;
    created_at: Ts;
    sent_at: TsNull;
    paid_transaction: string | null;
    paid_at: TsNull;
  };
  /** The last reconciliation of a dossier with the portal's record (migration 0029). */
  np_reconciliation: {
    dossier_id: string;
    code: string;
    checked_at: Ts;
    missing: boolean;
    differences: ColumnType<{ field: string; ours: string | null; portal: string | null }[], string, string>;
    repaired: boolean;
    resent_at: TsNull;
    error: string | null;
  };
}
