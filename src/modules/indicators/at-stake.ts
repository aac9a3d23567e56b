/**
 * Points at stake (issue 12 item 3, first part): the open dossiers of a unit that will go late
 * within the next N working hours (option `alertHours`, default 8) and the points each would cost
 * in the current month's index if it did (model/at-stake.ts). Assumes nothing else changes: the
 * other dossiers keep their standing; the cost is that of this dossier alone, in due order.
 */
import type { Ctx } from '../../platform/context';
import { getWorkCalendar } from '../../platform/calendar/service';
import { unitIndex } from './deps';
import { lateCosts } from './model/at-stake';
import { currentMonthKey } from './model/period';
import type { Figure } from './model/types';
import { prepare, provinceOf, resolveUnit } from './service';
import { loadSettings, openDueBetween } from './store';

export const DEFAULT_ALERT_HOURS = 8;

export async function alertHours(ctx: Ctx): Promise<number> {
  const v = Number((await loadSettings(ctx.db)).options.find((o) => o.key === 'alertHours')?.value);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_ALERT_HOURS;
}

export async function pointsAtStake(ctx: Ctx, input: { unit?: string; hours?: number }) {
  const idx = await unitIndex(ctx);
  const unit = input.unit ? resolveUnit(idx, input.unit) : provinceOf(idx);
  const hours = input.hours ?? (await alertHours(ctx));
  const now = ctx.clock.now();
  const cal = await getWorkCalendar(ctx);
  const horizon = cal.addWorkingMs(now, hours * 3600_000);
  const comp = await prepare(ctx, currentMonthKey(now), idx);
  const r = await comp.score(unit.id);
  const figures: Record<string, Figure> = {};
  for (const g of r.groups) for (const i of g.indicators) figures[i.code] = { numerator: i.numerator, denominator: i.denominator };
  const open = await openDueBetween(ctx.db, { unitIds: [...idx.withDescendants(unit.id)], from: now, to: horizon });
  const costs = lateCosts(comp.method, figures, open.length);
  return {
    unit,
    method: comp.method.id,
    period: comp.period.key,
    hours,
    horizon,
    dossiers: open.map((d, k) => ({ dossierId: d.dossier_id, code: d.code, unitId: d.unit_id, procedureCode: d.procedure_code, dueAt: d.due.toISOString(), points: costs[k].total, byCode: costs[k].byCode })),
    total: Math.round(costs.reduce((s, c) => s + c.total, 0) * 100) / 100,
  };
}
