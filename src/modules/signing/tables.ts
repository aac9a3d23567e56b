/** Tables of the signing module, as Kysely sees them (migration 0008). */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;

export interface SigningTables {
  signatures: SignatureRow;
  certified_copies: CertifiedCopyRow;
  certified_copy_counters: { unit_key: string; year: number; last_number: number };
}

export interface SignatureRow {
  id: string;
  kind: 'result' | 'certified_copy' | 'document';
  dossier_id: string | null;
  signer_id: string;
  signer_name: string;
  signer_title: string;
  signer_unit: string;
  reason: string;
  input_sha256: string;
  output_sha256: string;
  signed_at: Ts;
}

export interface CertifiedCopyRow {
  id: string;
  unit_key: string;
  year: number;
  number: number;
  book: string;
  dossier_id: string | null;
  officer_id: string;
  original_sha256: string;
  original_type: string;
  copy_sha256: string;
  signature_id: string;
  issued_at: Ts;
}
