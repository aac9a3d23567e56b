/** Tables of the warehouse module, as Kysely sees them (migration 0007). */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | undefined, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;

export interface WarehouseTables {
  stored_documents: StoredDocumentRow;
  stored_document_counters: { prefix: string; last_number: number };
  document_reuses: DocumentReuseRow;
  document_shares: DocumentShareRow;
}

export interface StoredDocumentRow {
  id: string;
  owner_kind: 'citizen' | 'organisation';
  owner_id: string;
  document_type: string;
  name: string;
  code: string;
  issuing_body: string | null;
  issuing_unit_id: string | null;
  /** Civil dates, 'YYYY-MM-DD'. */
  issued_on: string | null;
  valid_from: string | null;
  valid_to: string | null;
  sha256: string;
  file_name: string;
  content_type: string;
  size: number;
  source: 'component' | 'result' | 'certified_copy' | 'seed';
  source_dossier_id: string | null;
  source_component_key: string | null;
  source_file_id: string | null;
  digitized: Opt<boolean>;
  from_national_store: Opt<boolean>;
  signed: Opt<boolean>;
  details: Json<Record<string, unknown>>;
  created_at: Ts;
}

export interface DocumentReuseRow {
  id: string;
  dossier_id: string;
  component_key: string;
  document_id: string;
  document_code: string;
  dossier_file_id: string | null;
  reuse_kind: Opt<number>;
  from_national_store: Opt<boolean>;
  at: Ts;
}

export interface DocumentShareRow {
  id: string;
  document_id: string;
  token_hash: string;
  created_by: string;
  created_at: Ts;
  expires_at: Ts;
  revoked_at: TsNull;
}
