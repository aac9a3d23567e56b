/**
 * Points at stake (issue 12 item 3): the open dossiers of a unit that will go late within the
 * next N working hours (option `alertHours`, default 8) and the points each would cost in the
 * current month's index if it did (model/at-stake.ts), who holds each one, the same summed per
 * officer and per unit, and the end-of-month forecast at today's pace (model/forecast.ts).
 * Assumes nothing else changes: the other dossiers keep their standing; the cost is that of
 * this dossier alone, in due order.
 */
import type { Ctx } from '../../platform/context';
import { getWorkCalendar } from '../../platform/calendar/service';
import { dossierTimeline, holdersOf, unitIndex, type OfficerContact, type UnitIndex } from './deps';
import { lateCosts } from './model/at-stake';
import { forecastPeriod, type Forecast } from './model/forecast';
import { currentMonthKey } from './model/period';
import type { Figure } from './model/types';
import { prepare, provinceOf, resolveUnit } from './service';
import { loadSettings, openDueBetween, openNotLate } from './store';

export const DEFAULT_ALERT_HOURS = 8;

export async function alertHours(ctx: Ctx): Promise<number> {
  const v = Number((await loadSettings(ctx.db)).options.find((o) => o.key === 'alertHours')?.value);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_ALERT_HOURS;
}

export interface StakeDossier {
  dossierId: string;
  code: string;
  unitId: string;
  procedureCode: string;
  dueAt: string;
  points: number;
  byCode: Record<string, number>;
  holders: { id: string; name: string }[];
}

export async function pointsAtStake(ctx: Ctx, input: { unit?: string; hours?: number; officer?: string; idx?: UnitIndex }) {
  const idx = input.idx ?? (await unitIndex(ctx));
  const unit = input.unit ? resolveUnit(idx, input.unit) : provinceOf(idx);
  const hours = input.hours ?? (await alertHours(ctx));
  const now = ctx.clock.now();
  const cal = await getWorkCalendar(ctx);
  const horizon = cal.addWorkingMs(now, hours * 3600_000);
  const comp = await prepare(ctx, currentMonthKey(now), idx);
  const r = await comp.score(unit.id);
  const figures: Record<string, Figure> = {};
  for (const g of r.groups) for (const i of g.indicators) figures[i.code] = { numerator: i.numerator, denominator: i.denominator };
  const unitIds = [...idx.withDescendants(unit.id)];
  const open = await openDueBetween(ctx.db, { unitIds, from: now, to: horizon });
  const costs = lateCosts(comp.method, figures, open.length);
  const holders = new Map<string, OfficerContact[]>();
  for (const d of open) {
    const t = await dossierTimeline(ctx, d.dossier_id);
    holders.set(d.dossier_id, t ? await holdersOf(ctx, t) : []);
  }
  let dossiers: StakeDossier[] = open.map((d, k) => ({
    dossierId: d.dossier_id,
    code: d.code,
    unitId: d.unit_id,
    procedureCode: d.procedure_code,
    dueAt: d.due.toISOString(),
    points: costs[k].total,
    byCode: costs[k].byCode,
    holders: (holders.get(d.dossier_id) ?? []).map((o) => ({ id: o.id, name: o.name })),
  }));
  if (input.officer) dossiers = dossiers.filter((d) => d.holders.some((h) => h.id === input.officer));
  const sum = (xs: StakeDossier[]) => Math.round(xs.reduce((s, c) => s + c.points, 0) * 100) / 100;
  const officers = new Map<string, { officerId: string; name: string; dossiers: StakeDossier[] }>();
  for (const d of dossiers)
    for (const h of d.holders) (officers.get(h.id) ?? officers.set(h.id, { officerId: h.id, name: h.name, dossiers: [] }).get(h.id)!).dossiers.push(d);
  const units = new Map<string, StakeDossier[]>();
  for (const d of dossiers) (units.get(d.unitId) ?? units.set(d.unitId, []).get(d.unitId)!).push(d);
  return {
    unit,
    method: comp.method.id,
    period: comp.period.key,
    hours,
    horizon,
    dossiers,
    total: sum(dossiers),
    byOfficer: [...officers.values()]
      .map((o) => ({ officerId: o.officerId, name: o.name, count: o.dossiers.length, points: sum(o.dossiers) }))
      .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, 'vi')),
    byUnit: [...units]
      .map(([id, xs]) => ({ unitId: id, name: idx.byId.get(id)?.name ?? id, count: xs.length, points: sum(xs) }))
      .sort((a, b) => b.points - a.points),
    forecast: await forecastOf(ctx, { unitIds, figures, total: r.total, method: comp.method, from: comp.period.from, to: comp.period.to, now, cal }),
  };
}

/** The month's end at today's pace (model/forecast.ts states what it assumes). */
async function forecastOf(
  ctx: Ctx,
  x: {
    unitIds: string[];
    figures: Record<string, Figure>;
    total: number;
    method: Parameters<typeof forecastPeriod>[0]['method'];
    from: Date;
    to: Date;
    now: Date;
    cal: Awaited<ReturnType<typeof getWorkCalendar>>;
  },
): Promise<Forecast> {
  const { closed, open } = await openNotLate(ctx.db, { unitIds: x.unitIds, from: x.from, now: x.now });
  return forecastPeriod({
    method: x.method,
    figures: x.figures,
    total: x.total,
    closed,
    workedMs: x.cal.workingMsBetween(x.from, x.now),
    remainingMs: x.cal.workingMsBetween(x.now, x.to),
    openDueInMs: open.map((d) => x.cal.workingMsBetween(x.now, d)),
  });
}
