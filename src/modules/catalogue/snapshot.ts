/**
 * CONTRACT between the catalogue and the dossier engine: what a dossier keeps of the procedure
 * version it was submitted under. The catalogue's service.ts exports
 *
 *   getProcedureSnapshot(ctx, code: string, at?: Date): Promise<ProcedureSnapshot | null>
 *     - the version in force at `at` (default now), null when unknown or not published;
 *   getProcedureSnapshotByVersion(ctx, versionId: string): Promise<ProcedureSnapshot | null>;
 *   validateApplication(ctx, snapshot, data: unknown, lang): { ok: true, data } | { ok: false, fields: FieldError[] }
 *     - validates e-form data with the version's JSON Schema (AJV), messages in `lang`;
 *   renderEForm(snapshot, { values, errors, prefill, lang }): VNode - the accessible HTML form.
 */
import type { TimeLimit } from '../../platform/calendar/types';
import type { InternalProcess } from './process';
import type { BoundaryFreePeriod } from './boundary-free';

export type { BoundaryFreePeriod } from './boundary-free';

export type OnlineLevel = 'full' | 'partial' | 'none';
export type UnitLevel = 'province' | 'district' | 'commune';

export interface ComponentSpec {
  key: string; // stable within the version, e.g. "to-khai"
  name: string; // "Tờ khai đăng ký khai sinh theo mẫu"
  originals: number; // số bản chính
  copies: number; // số bản sao
  optional: boolean;
  /** Document type in the personal e-data store that can satisfy it (for reuse), e.g. "giay-chung-sinh". */
  documentType?: string;
  /**
   * The state already holds it: fetched from this source instead of asked for (Chỉ thị 24/CT-TTg
   * ngày 13/9/2025; Công văn 159/TTg-CĐS). See docs/decisions-paper.md.
   */
  dataSource?: ComponentDataSource;
}

/** Where a component's data is fetched: the population database, the e-data store (kho dữ liệu), a VNeID document. */
export const DATA_SOURCES = ['population', 'warehouse', 'vneid'] as const;
export type DataSourceName = (typeof DATA_SOURCES)[number];
/** `kind`: population - the record kind ("identity", "residence"); warehouse - the document type; vneid - the VNeID document kind ("driving-licence"). */
export interface ComponentDataSource {
  source: DataSourceName;
  kind: string;
}

export interface FeeSpec {
  key: string;
  name: string; // "Lệ phí đăng ký khai sinh"
  kind: 'fee' | 'charge'; // phí | lệ phí
  amount: number; // VND
  /** Amount when applying online, where a reduction is set. */
  onlineAmount?: number;
  exemption?: string; // who is exempt
  /** The line applies only when every condition holds on the applicant's answers (e.g. late registration ticked). */
  when?: FeeCondition[];
  /** The amount is per unit: the number answered in `field` (pages, copies) less `free` units, at most `max`, times the number answered in `times` (copies) when set. */
  perUnit?: { field: string; free?: number; max?: number; times?: string };
  /** Exempt (0 đ, still listed) when any condition holds (exemption by law or by person). */
  exemptWhen?: FeeCondition[];
  /** The clause the rule comes from ("Điều 11 Luật Hộ tịch 2014"). */
  basis?: string;
}

/** A condition on one e-form answer: equal to `is`, or different from `isNot` (a missing answer is neither true nor a number). */
export type FeeCondition = { field: string; is: string | number | boolean } | { field: string; isNot: string | number | boolean };

export interface EFormDefinition {
  /** JSON Schema (draft 2020-12 subset) with Vietnamese titles/descriptions; `x-prefill` names a source such as "applicant.name". */
  schema: Record<string, unknown>;
  /** UI schema in the JSON Forms format (VerticalLayout / Group / Control with `rule` for conditional fields). */
  uiSchema: Record<string, unknown>;
}

export interface ProcedureSnapshot {
  procedureId: string;
  versionId: string;
  code: string; // national code, e.g. "1.001193"
  name: string;
  nameEn: string;
  fieldCode: string;
  fieldName: string;
  levels: UnitLevel[];
  onlineLevel: OnlineLevel;
  essential: boolean;
  financialObligation: boolean;
  processingTime: TimeLimit;
  onlineProcessingTime?: TimeLimit;
  components: ComponentSpec[];
  fees: FeeSpec[];
  eForm: EFormDefinition;
  process: InternalProcess;
  /** Units that receive and decide this procedure (a unit may be both). */
  agencies: { receivingUnitId: string; decidingUnitId: string }[];
  /** Periods on the province's "phi địa giới" list (Decree 118/2025 Art. 14(2)): any desk of the province may receive it then. */
  boundaryFree?: BoundaryFreePeriod[];
  /** The result document, e.g. "Giấy khai sinh". */
  result: string;
  resultDocumentType?: string;
}
