/**
 * The procedure catalogue's model: a procedure record with every component part of Decree
 * 63/2010 art. 8(2) (the shape of the national procedure database, see demo-data/types.ts),
 * its versions and publication decisions. Pure types; rules live in publication.ts,
 * completeness.ts, search-query.ts and the eform-*.ts files.
 */
import type { CivilDate } from '../../platform/calendar/types';
import type { ProcedureSeed } from './demo-data/types';
import type { OnlineLevel, UnitLevel } from './snapshot';
import type { BoundaryFreePeriod } from './boundary-free';

export type { OnlineLevel, UnitLevel } from './snapshot';
/** What other modules read of a procedure: the snapshot a dossier keeps, its internal process, the one fee function (pure). */
export type { ComponentSpec, FeeSpec, ProcedureSnapshot, ComponentDataSource, DataSourceName } from './snapshot';
export type { InternalProcess, ProcessStep } from './process';
export { quoteFeeRules, type FeeQuoteLine, type FeeQuoteResult } from './fee-rules';

/** A procedure with every part, as imported, exported, edited and seeded. */
export type ProcedureRecord = ProcedureSeed;
/** Everything of a version but its national code. */
export type ProcedureContent = Omit<ProcedureRecord, 'code'>;

export type Channel = ProcedureRecord['channels'][number];
export type Applicant = ProcedureRecord['applicants'][number];
export const CHANNELS: Channel[] = ['in_person', 'post', 'online'];
export const APPLICANTS: Applicant[] = ['citizen', 'organisation'];
export const ONLINE_LEVELS: OnlineLevel[] = ['full', 'partial', 'none'];
export const UNIT_LEVELS: UnitLevel[] = ['province', 'district', 'commune'];

export interface PublicationDecision {
  id: string;
  number: string; // "1234/QĐ-UBND"
  signedDate: CivilDate;
  /** Date the procedures it publishes take effect (the legal text's effective date). */
  effectiveDate: CivilDate;
  signer: string | null;
}

export interface VersionSummary {
  versionId: string;
  procedureId: string;
  code: string;
  seq: number;
  status: 'draft' | 'published';
  effectiveFrom: CivilDate | null;
  disclosedOn: CivilDate | null;
  decision: PublicationDecision | null;
}

export interface ProcedureVersion extends VersionSummary {
  content: ProcedureContent;
  agencies: { receivingUnitId: string; decidingUnitId: string }[];
  /** Periods on the province's "phi địa giới" list (boundary-free.ts). */
  boundaryFree: BoundaryFreePeriod[];
  /** Bãi bỏ: the procedure is retired by `decision` from `from` (null while in use). */
  retirement: { from: CivilDate; decision: PublicationDecision } | null;
}

/** A search hit: enough to list it. */
export interface ProcedureHit {
  code: string;
  name: string;
  nameEn: string;
  fieldCode: string;
  fieldName: string;
  levels: UnitLevel[];
  onlineLevel: OnlineLevel;
  essential: boolean;
}

export interface SearchParams {
  q?: string;
  field?: string;
  agency?: string; // unit id receiving or deciding
  level?: UnitLevel;
  online?: OnlineLevel;
  essential?: boolean;
  page?: number;
  pageSize?: number;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: ProcedureHit[];
}

export function levelsColumn(levels: UnitLevel[]): string {
  return ',' + levels.join(',') + ',';
}
export function levelsFromColumn(s: string): UnitLevel[] {
  return s.split(',').filter(Boolean) as UnitLevel[];
}
