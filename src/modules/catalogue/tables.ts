/** Tables of the catalogue module, as Kysely sees them. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Civil dates (YYYY-MM-DD): always read through `::text` casts in the store. */
type CivilDateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface CatalogueTables {
  procedure_fields: ProcedureFieldsTable;
  procedures: ProceduresTable;
  publication_decisions: PublicationDecisionsTable;
  procedure_versions: ProcedureVersionsTable;
  procedure_version_agencies: ProcedureVersionAgenciesTable;
  procedure_form_templates: ProcedureFormTemplatesTable;
  procedure_boundary_free: ProcedureBoundaryFreeTable;
}

/** Lĩnh vực (field), e.g. HT = Hộ tịch. */
export interface ProcedureFieldsTable {
  code: string;
  name: string;
  name_en: string;
}

/** One administrative procedure, identified by its national code; its content lives in versions. */
export interface ProceduresTable {
  id: string;
  code: string;
  created_at: Generated<Date>;
  /** When the controller recorded the retirement. */
  retired_at: Timestamp | null;
  /** Bãi bỏ: the retiring decision's effective date (out of search and online application from then). */
  retired_from: ColumnType<string | null, string | null | undefined, string | null>;
  retirement_decision_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Quyết định công bố: a decision of the Chairman of the provincial People's Committee. */
export interface PublicationDecisionsTable {
  id: string;
  number: string; // "1234/QĐ-UBND"
  signed_date: CivilDateCol;
  /** Date the published procedures take effect (= the effective date of the legal text). */
  effective_date: CivilDateCol;
  signer: string | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

/** A version of a procedure: a draft being edited, or published by a decision. */
export interface ProcedureVersionsTable {
  id: string;
  procedure_id: string;
  seq: number;
  status: 'draft' | 'published';
  decision_id: string | null;
  effective_from: CivilDateCol | null;
  /** Date the version was disclosed (công khai) on the portal / national database. */
  disclosed_on: CivilDateCol | null;
  published_at: Timestamp | null;
  /** Every component part (ProcedureContent) as JSON. */
  content: Json;
  // Denormalised for search and filters
  name: string;
  name_folded: string;
  search_folded: string;
  field_code: string;
  /** ",province,commune," so a level filters with LIKE. */
  levels: string;
  online_level: string;
  essential: boolean;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  created_by: string | null;
}

/** Which unit receives and which decides a procedure in one version (one row per pair). */
export interface ProcedureVersionAgenciesTable {
  version_id: string;
  receiving_unit_id: string;
  deciding_unit_id: string;
}

/** An official template file (PDF/DOCX in the blob store) for one of a procedure's forms. */
export interface ProcedureFormTemplatesTable {
  procedure_id: string;
  /** fold(form name): the template follows the form across versions. */
  form_key: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_at: Timestamp;
  uploaded_by: string | null;
}

/** A period during which a version is on the province's "phi địa giới" list (Decree 118/2025 Art. 14(2)). */
export interface ProcedureBoundaryFreeTable {
  id: string;
  version_id: string;
  valid_from: CivilDateCol;
  /** Inclusive; null while listed without an end. */
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** The decision of the provincial Chair that publishes the list, e.g. "1579/QĐ-UBND ngày 30/6/2025". */
  decision: string;
  created_at: Generated<Date>;
  created_by: string | null;
}
