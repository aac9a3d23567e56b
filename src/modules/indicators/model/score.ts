/**
 * Turning figures into points (regulations-research §1.2):
 *   score = min(max, ratio × max / threshold) where a threshold exists, else ratio × max;
 *   empty denominator -> value null and points null ("no data"; the national system shows 0
 *   or N/A - we show N/A so a unit with nothing to measure is neither rewarded nor punished);
 *   2 decimals for points, 4 for ratios. The total is the sum of points with data, out of 100.
 */
import { GROUPS, INDICATOR_DEFS } from './defaults';
import type { Band, Figure, GroupResult, IndexConfig, IndexResult, IndicatorDef, IndicatorResult } from './types';

export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;
export const round4 = (x: number) => Math.round((x + Number.EPSILON) * 10000) / 10000;

/** numerator / denominator × factor, or null when there is nothing to divide. */
export function ratio(f: Figure): number | null {
  if (f.numerator == null || f.denominator == null || f.denominator <= 0) return null;
  if (f.factor === null) return null;
  const r = (f.numerator / f.denominator) * (f.factor ?? 1);
  return Math.max(0, r);
}

/** Points for a ratio; null ratio -> null points. */
export function pointsFor(value: number | null, maxPoints: number, threshold: number | null): number | null {
  if (value == null) return null;
  if (maxPoints <= 0) return 0;
  const raw = threshold && threshold > 0 ? (value * maxPoints) / threshold : value * maxPoints;
  return round2(Math.min(maxPoints, Math.max(0, raw)));
}

export function scoreIndicator(def: IndicatorDef, f: Figure, cfg: IndexConfig): IndicatorResult {
  const s = cfg.settings[def.key];
  const maxPoints = s && s.enabled ? s.maxPoints : 0;
  const threshold = s ? s.threshold : null;
  const r = ratio(f);
  const value = r == null ? null : def.kind === 'average' ? round2(r) : round4(r);
  const points = def.kind === 'average' ? (value == null ? null : 0) : pointsFor(r, maxPoints, threshold);
  const out: IndicatorResult = { key: def.key, code: def.code, numerator: f.numerator, denominator: f.denominator, value, points, maxPoints };
  if (value == null) out.reason = f.reason ?? (f.factor === null ? 'factor' : 'empty');
  return out;
}

export function bandFor(total: number, bands: Band[]): string | null {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return sorted.find((b) => total >= b.min)?.key ?? null;
}

/** The whole index from each indicator's figures (missing figure = no data). */
export function scoreIndex(figures: Record<string, Figure>, cfg: IndexConfig): IndexResult {
  const groups: GroupResult[] = GROUPS.map((g) => {
    const indicators = INDICATOR_DEFS.filter((d) => d.group === g.key).map((d) =>
      scoreIndicator(d, figures[d.key] ?? { numerator: null, denominator: null, reason: 'source.none' }, cfg),
    );
    return {
      key: g.key,
      points: round2(indicators.reduce((s, i) => s + (i.points ?? 0), 0)),
      maxPoints: round2(indicators.reduce((s, i) => s + i.maxPoints, 0)),
      indicators,
    };
  });
  const total = round2(groups.reduce((s, g) => s + g.points, 0));
  const maxAvailable = round2(groups.reduce((s, g) => s + g.indicators.reduce((t, i) => t + (i.points == null ? 0 : i.maxPoints), 0), 0));
  return { total, maxAvailable, band: bandFor(total, cfg.bands), groups };
}
