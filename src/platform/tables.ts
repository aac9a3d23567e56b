import type { ColumnType } from 'kysely';

/** Tables of the platform layer (audit log, outbox, code counters). */
export interface PlatformTables {
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  outbox: OutboxTable;
  code_counters: CodeCountersTable;
  security_limits: SecurityLimitsTable;
  oidc_provider_state: OidcProviderStateTable;
}

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
type Int8 = ColumnType<number, number | string | bigint, number | string | bigint>;

export interface AuditLogTable {
  /** Insert order (identity, assigned at insert: gaps where a transaction rolled back). */
  id: ColumnType<number, number | string | bigint | undefined, never>;
  at: Timestamp;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  ip: string | null;
  details: Json;
  /** Position in the hash chain: 1, 2, 3... without gaps; null until the sealer reaches the row. */
  chain_seq: ColumnType<number | null, never, number>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
}

export interface AuditChainHeadTable {
  id: number;
  /** The last sealed position (`audit_log.chain_seq`), 0 when nothing is sealed. */
  last_seq: Int8;
  last_hash: string;
}

/** given_up: an operator stopped it (migration 0023); it no longer holds back its key. */
export type OutboxStatus = 'pending' | 'delivered' | 'failed' | 'given_up';

export interface OutboxTable {
  id: string;
  seq: ColumnType<number, never, never>;
  topic: string;
  key: string;
  payload: Json;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  /** Null: due now. Also the lease while a worker holds the message. */
  next_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  claim_token: string | null;
  last_error: string | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  delivered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_attempt_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CodeCountersTable {
  scope: string;
  day: string;
  last: number;
}

/** Counters with windows for rate limits and lock-outs (migration 0024, src/platform/limits.ts). */
export interface SecurityLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  lock_count: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
}

/** The OpenID provider's records (migration 0035): one row per (oidc-provider model, id). */
export interface OidcProviderStateTable {
  model: string;
  id: string;
  payload: Json;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  consumed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
