/** The offline intake's table (migration 0034): client idempotency key -> the dossier it created. */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;

export interface OfflineIntakeTables {
  offline_intakes: OfflineIntakeRow;
}

export interface OfflineIntakeRow {
  idempotency_key: string;
  provisional_code: string;
  device_id: string;
  officer_id: string;
  dossier_id: string;
  dossier_code: string;
  procedure_code: string;
  received: boolean;
  captured_at: Ts;
  synced_at: Ts;
}
