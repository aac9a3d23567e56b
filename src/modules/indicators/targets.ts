/** Plan targets (chỉ tiêu) per unit and year: progress, units below target first, quarterly statistics. */
import type { Ctx } from '../../platform/context';
import { READING_2022_ID } from './model/methods'; // plan targets name the first reading's indicators
import { unitIndex, type TreeNode } from './deps';
import { loadIndexConfig } from './config';
import { peerGroupOf, prepare, resolveUnit } from './service';
import type { IndexResult } from './model/types';

export interface Target {
  id: string;
  plan: string;
  year: number;
  unitId: string;
  seq: number;
  section: string;
  name: string;
  indicatorKey: string | null;
  level: 'province' | 'district' | 'commune' | null;
  target: number;
}

export async function listTargets(ctx: Ctx, year: number): Promise<Target[]> {
  const rows = await ctx.db.selectFrom('indicator_targets').selectAll().where('year', '=', year).orderBy('unit_id').orderBy('seq').execute();
  return rows.map((r) => ({
    id: r.id,
    plan: r.plan,
    year: r.year,
    unitId: r.unit_id,
    seq: r.seq,
    section: r.section,
    name: r.name,
    indicatorKey: r.indicator_key,
    level: r.level,
    target: Number(r.target),
  }));
}

/** Percent (2 decimals) of an indicator's value, null = no data. */
export function percentOf(res: IndexResult, key: string | null): number | null {
  if (!key) return null;
  const ind = res.groups.flatMap((g) => g.indicators).find((i) => i.key === key);
  return ind?.value == null ? null : Math.round(ind.value * 10000) / 100;
}

export interface ProgressRow {
  targetId: string;
  seq: number;
  name: string;
  indicatorKey: string | null;
  unitId: string;
  unitName: string;
  target: number;
  actual: number | null;
  /** true met, false below, null no data */
  met: boolean | null;
}

/** Units a target binds: the units of the same level as the target (or every peer unit) under the assigning unit. */
function boundUnits(all: TreeNode[], below: Set<string>, t: Target, idx: Parameters<typeof peerGroupOf>[1]): TreeNode[] {
  return all.filter((n) => below.has(n.id) && peerGroupOf(n, idx) != null && (!t.level || n.level === t.level));
}

export async function targetProgress(ctx: Ctx, input: { year: number; period?: string; unit?: string }): Promise<ProgressRow[]> {
  const idx = await unitIndex(ctx);
  const cfg = await loadIndexConfig(ctx);
  const comp = await prepare(ctx, input.period ?? String(input.year), idx, cfg, READING_2022_ID);
  const targets = await listTargets(ctx, input.year);
  const only = input.unit ? resolveUnit(idx, input.unit) : null;
  const all = [...idx.byId.values()];
  const cache = new Map<string, IndexResult>();
  const score = async (id: string) => cache.get(id) ?? (cache.set(id, await comp.score(id)), cache.get(id)!);
  const rows: ProgressRow[] = [];
  for (const t of targets) {
    const units = only ? [only] : boundUnits(all, idx.withDescendants(t.unitId), t, idx);
    for (const u of units) {
      if (t.level && u.level !== t.level) continue;
      const actual = t.indicatorKey ? percentOf(await score(u.id), t.indicatorKey) : null;
      rows.push({
        targetId: t.id,
        seq: t.seq,
        name: t.name,
        indicatorKey: t.indicatorKey,
        unitId: u.id,
        unitName: u.name,
        target: t.target,
        actual,
        met: actual == null ? null : actual >= t.target,
      });
    }
  }
  const order = (m: boolean | null) => (m === false ? 0 : m === true ? 1 : 2);
  rows.sort((a, b) => order(a.met) - order(b.met) || a.seq - b.seq || (a.actual ?? 0) - (b.actual ?? 0) || a.unitName.localeCompare(b.unitName, 'vi'));
  return rows;
}

export interface QuarterRow {
  seq: number;
  section: string;
  name: string;
  indicatorKey: string | null;
  target: number;
  quarters: (number | null)[]; // Q1..Q4 percent
  year: number | null; // year to date
}

/** Quarterly statistics of every target for one unit (as the plans ask units to report). */
export async function quarterlyStatistics(
  ctx: Ctx,
  input: { year: number; unit: string; upToQuarter?: number },
): Promise<{ unit: TreeNode; rows: QuarterRow[]; indexByQuarter: (IndexResult | null)[] }> {
  const idx = await unitIndex(ctx);
  const cfg = await loadIndexConfig(ctx);
  const unit = resolveUnit(idx, input.unit);
  const nowYear = ctx.clock.now().getUTCFullYear();
  const q = input.upToQuarter ?? 4;
  const byQuarter: (IndexResult | null)[] = [];
  for (let i = 1; i <= 4; i++) {
    const start = Date.UTC(input.year, (i - 1) * 3, 1) - 7 * 3600_000;
    if (i > q || (input.year >= nowYear && start > ctx.clock.now().getTime())) byQuarter.push(null);
    else byQuarter.push(await (await prepare(ctx, `${input.year}-Q${i}`, idx, cfg, READING_2022_ID)).score(unit.id));
  }
  const yearRes = await (await prepare(ctx, String(input.year), idx, cfg, READING_2022_ID)).score(unit.id);
  const targets = (await listTargets(ctx, input.year)).filter((t) => idx.withDescendants(t.unitId).has(unit.id) && (!t.level || t.level === unit.level));
  const rows = targets.map((t) => ({
    seq: t.seq,
    section: t.section,
    name: t.name,
    indicatorKey: t.indicatorKey,
    target: t.target,
    quarters: byQuarter.map((r) => (r ? percentOf(r, t.indicatorKey) : null)),
    year: percentOf(yearRes, t.indicatorKey),
  }));
  return { unit, rows, indexByQuarter: byQuarter };
}
