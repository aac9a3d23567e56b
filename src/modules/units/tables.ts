import type { ColumnType, Generated } from 'kysely';

/** Civil dates travel as 'YYYY-MM-DD' strings (queries cast them with ::text). */
type CivilDate = ColumnType<string, string, string>;

export interface UnitsRow {
  id: string;
  kind: 'province' | 'district' | 'commune' | 'agency';
  agency_type: 'people_committee' | 'department' | 'office' | 'service_centre' | 'police' | 'other' | null;
  hotline: string | null;
  address: string | null;
  created_at: Generated<Date>;
}

export interface UnitVersionsRow {
  id: string;
  unit_id: string;
  valid_from: CivilDate;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  name: string;
  code: string | null;
  agency_code: string | null;
  parent_id: string | null;
  level: 'province' | 'district' | 'commune';
}

export interface UnitEventsRow {
  id: string;
  unit_id: string;
  kind: 'create' | 'rename' | 'move' | 'merge' | 'retire';
  effective_date: CivilDate;
  decision: string | null;
  successor_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}

/** Tables of the units module, as Kysely sees them. */
export interface UnitsTables {
  units: UnitsRow;
  unit_versions: UnitVersionsRow;
  unit_events: UnitEventsRow;
}
