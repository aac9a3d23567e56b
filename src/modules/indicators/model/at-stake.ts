/**
 * Points at stake: what each open dossier would cost if it went late. Under the national method
 * a dossier turning late leaves TDGQ's numerator and DOSSIER_RECEIVING_SATISFACTION's (both over
 * the handled population); under the first reading only 2.1 moves until the dossier closes.
 * The k-th dossier to go late costs score(numerator − k + 1) − score(numerator − k): thresholds
 * make the cost uneven, so the list is costed in the order the dossiers fall due.
 */
import type { Method } from './methods';
import { scoreMetric } from './method-score';
import { round2 } from './score';
import type { Figure } from './types';

const LATE_ROWS: Record<string, string[]> = { 'dvcqg-2026': ['TDGQ', 'DOSSIER_RECEIVING_SATISFACTION'], 'qd766-2022': ['2.1'] };

/** Cost of each of `count` dossiers going late, in order, from the current figures. */
export function lateCosts(method: Method, figures: Record<string, Figure>, count: number): { total: number; byCode: Record<string, number> }[] {
  const rows = (LATE_ROWS[method.id] ?? []).map((code) => method.metrics.find((m) => m.code === code)!).filter(Boolean);
  const out: { total: number; byCode: Record<string, number> }[] = [];
  for (let k = 1; k <= count; k++) {
    const byCode: Record<string, number> = {};
    for (const r of rows) {
      const f = figures[r.code];
      if (!f || f.numerator == null || f.denominator == null || f.denominator <= 0) continue;
      const at = (n: number) => scoreMetric(r, { numerator: Math.max(0, n), denominator: f.denominator }).points ?? 0;
      byCode[r.code] = round2(at(f.numerator - k + 1) - at(f.numerator - k));
    }
    out.push({ total: round2(Object.values(byCode).reduce((s, x) => s + x, 0)), byCode });
  }
  return out;
}
