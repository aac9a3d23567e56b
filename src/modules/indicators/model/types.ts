/** Types of the Decision 766/QĐ-TTg service-quality index. Pure data, no I/O. */

export type GroupKey = 'publicity' | 'progress' | 'online' | 'digitization' | 'satisfaction';

/** Where an indicator's numbers come from. A source that has not landed yet means "no data". */
export type SourceKey = 'facts' | 'catalogue' | 'feedback' | 'warehouse' | 'none';

/** Static definition of one sub-indicator (its points and threshold are configuration). */
export interface IndicatorDef {
  key: string; // English identifier, e.g. "onTimeRate"
  code: string; // the number used in the plans, e.g. "2.1"
  group: GroupKey;
  source: SourceKey;
  /** Kind of value: a ratio 0..1 (default) or an average (monitoring only, e.g. days). */
  kind?: 'ratio' | 'average';
}

/** Editable by an administrator; the decision's values are the defaults. */
export interface IndicatorSetting {
  key: string;
  maxPoints: number;
  /** Ratio (0..1] at which the full score is reached; null = proportional. */
  threshold: number | null;
  enabled: boolean;
}

export interface Band {
  key: string; // e.g. "good"
  /** Lowest total (inclusive) of the band. */
  min: number;
}

export interface IndexConfig {
  settings: Record<string, IndicatorSetting>;
  /** Sorted from the highest `min` down by `bandFor`. */
  bands: Band[];
  /** How 2.1 compares the end with the due time: by instant or by civil day (VN). */
  onTimeCompare: 'instant' | 'day';
}

/** Raw figures for one indicator: null numerator/denominator when the source has no data. */
export interface Figure {
  numerator: number | null;
  denominator: number | null;
  /** Optional multiplier applied to the ratio (3.3: the sync ratio), null = unknown. */
  factor?: number | null;
  /** Why the figure is missing ("source.catalogue", "empty"), when it is. */
  reason?: string;
}

export interface IndicatorResult {
  key: string;
  code: string;
  numerator: number | null;
  denominator: number | null;
  /** Ratio 0..1 (or an average for monitoring indicators), 4 decimals; null = no data. */
  value: number | null;
  /** Points, 2 decimals; null = no data. */
  points: number | null;
  maxPoints: number;
  reason?: string;
}

export interface GroupResult {
  /** A group of the first reading (GroupKey) or a block of the national method (CKMB, TDGQ, ...). */
  key: GroupKey | string;
  points: number;
  maxPoints: number;
  indicators: IndicatorResult[];
}

export interface IndexResult {
  /** The rule set (model/methods.ts) the points follow. */
  method?: string;
  total: number;
  /** Points that could be earned from indicators with data (total is out of 100 regardless). */
  maxAvailable: number;
  band: string | null;
  groups: GroupResult[];
}
