/**
 * Points of a rule set (model/methods.ts) from figures: the pure functions behind both the live
 * index under the national method and POST /api/v1/indicators/score. Same arithmetic as
 * score.ts (`ratio`, `pointsFor`): min(max, ratio × max / threshold) or ratio × max, two decimals
 * as the portal shows them; the empty cases are the rule's (full points or no data).
 */
import type { Method, MetricRule } from './methods';
import { pointsFor, ratio, round2, round4 } from './score';
import type { Figure } from './types';

export interface MetricScore {
  code: string;
  block: string;
  numerator: number | null;
  denominator: number | null;
  /** Ratio 0..1, 4 decimals; null when nothing was divided. */
  value: number | null;
  /** Null = no data (N/A, 0 in the total). */
  points: number | null;
  maxPoints: number;
  /** Why there is no ratio: 'empty' (0 counted), 'noCounts', or the missing source. */
  reason?: string;
  /** Full points given by the rule's empty case, not earned from a ratio. */
  fullByEmptyCase?: boolean;
}

export interface MethodScore {
  method: string;
  total: number;
  metrics: MetricScore[];
  groups: { code: string; points: number; maxPoints: number }[];
}

const threshold = (r: MetricRule) => (r.scale.kind === 'threshold' ? r.scale.at : null);

export function scoreMetric(rule: MetricRule, f: Figure | undefined): MetricScore {
  const base = { code: rule.code, block: rule.block, numerator: f?.numerator ?? null, denominator: f?.denominator ?? null, maxPoints: rule.maxPoints };
  const noCounts = !f || (f.numerator == null && f.denominator == null);
  if (noCounts) {
    if (rule.noCounts === 'full') return { ...base, value: null, points: rule.maxPoints, reason: 'noCounts', fullByEmptyCase: true };
    return { ...base, value: null, points: null, reason: f?.reason ?? 'noCounts' };
  }
  if (f.denominator === 0) {
    if (rule.empty === 'full') return { ...base, value: null, points: rule.maxPoints, reason: 'empty', fullByEmptyCase: true };
    return { ...base, value: null, points: null, reason: 'empty' };
  }
  const r = ratio(f);
  if (r == null) return { ...base, value: null, points: null, reason: f.reason ?? (f.factor === null ? 'factor' : 'noCounts') };
  return { ...base, value: round4(r), points: pointsFor(r, rule.maxPoints, threshold(rule)) };
}

/** Every row of the method from the figures by code; a missing figure is "no counts". */
export function scoreMethod(method: Method, figures: Record<string, Figure>): MethodScore {
  const metrics = method.metrics.map((m) => scoreMetric(m, figures[m.code]));
  const groups = method.blocks.map((b) => {
    const rows = metrics.filter((m) => m.block === b.code);
    return { code: b.code, points: round2(rows.reduce((s, m) => s + (m.points ?? 0), 0)), maxPoints: round2(rows.reduce((s, m) => s + m.maxPoints, 0)) };
  });
  return { method: method.id, total: round2(groups.reduce((s, g) => s + g.points, 0)), metrics, groups };
}
