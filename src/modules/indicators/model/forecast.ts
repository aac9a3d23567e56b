/**
 * End-of-period forecast "if today's pace holds" (issue 12 item 3). Pure.
 *
 * Assumed, and said on every answer (`assumptions`):
 * - pace: the unit keeps closing dossiers at the rate it closed them so far this period
 *   (closed ÷ working time elapsed), taking the open ones in due order;
 * - an open dossier whose due time comes before both its turn and the period's end goes late;
 *   one already late stays late (it is already counted so in today's figures);
 * - dossiers received from now on are not counted (their due dates mostly fall after the period);
 * - every other figure keeps today's value.
 * No closure yet this period: there is no pace, so no forecast (null), never a guessed number.
 */
import { lateCosts } from './at-stake';
import type { Method } from './methods';
import { round2 } from './score';
import type { Figure } from './types';

export const FORECAST_ASSUMPTIONS = ['pace', 'dueOrder', 'noNewDossiers', 'otherFiguresHold'] as const;

export interface ForecastInput {
  method: Method;
  figures: Record<string, Figure>;
  /** Today's total points. */
  total: number;
  /** Dossiers closed so far in the period. */
  closed: number;
  /** Working ms from the period's start (or the unit's first dossier) to now. */
  workedMs: number;
  /** Working ms from now to the period's end. */
  remainingMs: number;
  /** Open dossiers, not late yet: working ms from now to each due time. */
  openDueInMs: number[];
}

export interface Forecast {
  assumptions: readonly string[];
  /** Dossiers closed per working day so far; null: nothing closed yet. */
  pacePerWorkingDay: number | null;
  /** Open dossiers that would go late before the period ends at that pace. */
  goingLate: number;
  total: number;
  projectedTotal: number | null;
  change: number | null;
  byCode: Record<string, number>;
}

const WORKING_DAY_MS = 8 * 3600_000;

export function forecastPeriod(x: ForecastInput): Forecast {
  const base = { assumptions: FORECAST_ASSUMPTIONS, total: x.total };
  if (x.closed <= 0 || x.workedMs <= 0) return { ...base, pacePerWorkingDay: null, goingLate: 0, projectedTotal: null, change: null, byCode: {} };
  const msPerDossier = x.workedMs / x.closed;
  const due = [...x.openDueInMs].sort((a, b) => a - b);
  let goingLate = 0;
  due.forEach((d, i) => {
    const turn = (i + 1) * msPerDossier;
    if (d < turn && d < x.remainingMs) goingLate++;
  });
  const costs = lateCosts(x.method, x.figures, goingLate);
  const byCode: Record<string, number> = {};
  for (const c of costs) for (const [k, v] of Object.entries(c.byCode)) byCode[k] = round2((byCode[k] ?? 0) + v);
  const lost = round2(costs.reduce((s, c) => s + c.total, 0));
  return {
    ...base,
    pacePerWorkingDay: round2((x.closed / x.workedMs) * WORKING_DAY_MS),
    goingLate,
    projectedTotal: round2(x.total - lost),
    change: round2(-lost),
    byCode,
  };
}
