/** Tables of the indicators module, as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null, Date | string | null>;

export interface IndicatorDossierFactsTable {
  dossier_id: string;
  code: string;
  unit_id: string;
  receiving_unit_id: string | null;
  procedure_code: string;
  channel: string;
  state: string;
  received_at: Ts;
  due_at: TsNull;
  finished_at: TsNull;
  closing: 'done' | 'returned' | 'stopped' | null;
  max_processing_ms: number | null;
  supplement_count: number;
  supplement_requested_at: TsNull;
  supplement_returned_at: TsNull;
  supplement2_requested_at: TsNull;
  supplement_ms: number;
  closed_on_time: boolean | null;
  closed_on_time_day: boolean | null;
  processing_days: number | null;
  online: boolean;
  paper_result: boolean;
  e_result: boolean;
  digitized: boolean;
  reused: boolean | null;
  linked_to_store: boolean | null;
  population_data: boolean | null;
  fee_bearing: boolean;
  paid_online: boolean | null;
  synced: boolean | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  has_petition: boolean;
  source_version: number;
  updated_at: Generated<Date>;
}

export interface IndicatorSettingsTable {
  key: string;
  max_points: number;
  threshold: number | null;
  enabled: boolean;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface IndicatorBandsTable {
  key: string;
  min: number;
}

export interface IndicatorOptionsTable {
  key: string;
  value: unknown;
}

export interface IndicatorTargetsTable {
  id: string;
  plan: string;
  year: number;
  unit_id: string;
  seq: number;
  section: string;
  name: string;
  indicator_key: string | null;
  level: 'province' | 'district' | 'commune' | null;
  target: number;
  unit_of_measure: string;
  basis: string | null;
  created_at: Generated<Date>;
}

export interface IndicatorsTables {
  indicator_dossier_facts: IndicatorDossierFactsTable;
  indicator_settings: IndicatorSettingsTable;
  indicator_bands: IndicatorBandsTable;
  indicator_options: IndicatorOptionsTable;
  indicator_targets: IndicatorTargetsTable;
  /** Breach alerts sent, once per dossier, window and recipient (migration 0029). */
  indicator_breach_alerts: { dossier_id: string; hours: number; officer_id: string; role: string; due_at: Ts; points: number; notified_at: Ts };
}
