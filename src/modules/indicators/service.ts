/**
 * Use cases of the indicators module: the Decision 766 index for any unit and period, the
 * facts upsert behind it, drill-down, rankings. Targets live in targets.ts, exports in export.ts.
 */
import { staleReadDb, type Ctx } from '../../platform/context';
import { badRequest, notFound } from '../../platform/errors';
import { loadIndexConfig } from './config';
import { catalogueFigures, certifiedCopyFigures, feedbackFigures, RATINGS_KNOWN, unitIndex, type TreeNode, type UnitIndex } from './deps';
import { factsRow, type AggRow, type DossierFacts } from './model/facts';
import { figuresFrom } from './model/figures';
import { parsePeriod, shiftMonth, type Period } from './model/period';
import { rollUp } from './model/rollup';
import { bandFor, scoreIndex } from './model/score';
import { methodById, methodInForce, READING_2022_ID, type Method } from './model/methods';
import { scoreMethod, type MethodScore } from './model/method-score';
import { nationalFigures } from './model/national-figures';
import { civilDateVN } from '../../platform/calendar/types';
import type { IndexConfig, IndexResult } from './model/types';
import { aggregateFacts, aggregateTotals, channelCounts, deleteFacts, upsertFactsRow } from './store';
import { channelBreakdown, type ChannelBreakdown } from './model/channels';
import { indicatorsChanged, invalidateSnapshots } from './snapshot';

export type { IndexResult } from './model/types';
export type { DossierFacts } from './model/facts';
export { loadIndexConfig } from './config';

/**
 * Stores (or replaces) the facts of one dossier; idempotent, ignores an older source version. The
 * public snapshot is told only when the row changed: a refresh that finds the same facts costs no
 * recomputation of the public figures (issue 15, item 3).
 */
export async function upsertDossierFacts(ctx: Ctx, facts: DossierFacts): Promise<void> {
  if (await upsertFactsRow(ctx.db, factsRow(facts))) indicatorsChanged(ctx);
}
export async function removeDossierFacts(ctx: Ctx, dossierId: string): Promise<void> {
  if (await deleteFacts(ctx.db, dossierId)) indicatorsChanged(ctx);
}

export function periodOrThrow(ctx: Ctx, key: string): Period {
  const p = parsePeriod(key, ctx.clock.now());
  if (!p) throw badRequest('indicators.error.period', { period: key });
  return p;
}

export function resolveUnit(idx: UnitIndex, ref: string): TreeNode {
  const byId = idx.byId.get(ref);
  if (byId) return byId;
  for (const n of idx.byId.values()) if (n.code === ref || n.agencyCode === ref) return n;
  throw notFound('indicators.error.unit', { unit: ref });
}

export interface UnitScore {
  unit: TreeNode;
  result: IndexResult;
}

export interface Computation {
  period: Period;
  idx: UnitIndex;
  cfg: IndexConfig;
  /** The rule set the figures are scored by. */
  method: Method;
  score(unitId: string): Promise<IndexResult>;
}

/** The method asked for, or the one in force on the period's first day (Vietnam time). */
export function methodFor(ctx: Ctx, period: Period, methodId?: string): Method {
  if (methodId) {
    const m = methodById(methodId);
    if (!m) throw badRequest('indicators.error.method', { method: methodId }, [{ field: 'method', message: methodId }]);
    return m;
  }
  void ctx;
  return methodInForce(civilDateVN(period.from));
}

/** A rule set's score in the shape of the index (blocks as groups, codes as keys). */
export function methodIndexResult(ms: MethodScore, cfg: IndexConfig): IndexResult {
  const groups = ms.groups.map((g) => ({
    key: g.code,
    points: g.points,
    maxPoints: g.maxPoints,
    indicators: ms.metrics
      .filter((m) => m.block === g.code)
      .map((m) => ({
        key: m.code,
        code: m.code,
        numerator: m.numerator,
        denominator: m.denominator,
        value: m.value,
        points: m.points,
        maxPoints: m.maxPoints,
        ...(m.value == null ? { reason: m.fullByEmptyCase ? `full.${m.reason}` : m.reason } : {}),
      })),
  }));
  const maxAvailable = ms.metrics.reduce((s, m) => s + (m.points == null ? 0 : m.maxPoints), 0);
  return { method: ms.method, total: ms.total, maxAvailable: Math.round(maxAvailable * 100) / 100, band: bandFor(ms.total, cfg.bands), groups };
}

/**
 * One aggregate query for the period (grouped by unit and procedure), then every unit's index
 * is a roll-up in memory: the province and all its units cost one scan of the period's facts.
 */
export async function prepare(
  ctx: Ctx,
  periodKey: string,
  idx?: UnitIndex,
  cfg?: IndexConfig,
  methodId?: string,
  source: AggregateSource = 'totals',
): Promise<Computation> {
  const period = periodOrThrow(ctx, periodKey);
  const method = methodFor(ctx, period, methodId);
  idx ??= await unitIndex(ctx);
  cfg ??= await loadIndexConfig(ctx);
  // Not awaited here: each score's catalogue and petition queries run beside the aggregate, on other connections.
  const rowsP = periodAggregate(ctx, period, cfg.onTimeCompare, source);
  rowsP.catch(() => undefined); // a failure is thrown by the score that awaits it
  const c = cfg;
  const i = idx;
  let provinceParts: Promise<{ counts: ReturnType<typeof rollUp>; cat: Awaited<ReturnType<typeof catalogueFigures>> }> | null = null;
  const provinceOnce = () => {
    provinceParts ??= (async () => {
      const root = provinceOf(i);
      const units = i.withDescendants(root.id);
      const [rows, cat] = await Promise.all([rowsP, catalogueFigures(ctx, root, units, period.from, period.to)]);
      return { counts: rollUp(rows, units, RATINGS_KNOWN), cat };
    })();
    return provinceParts;
  };
  return {
    period,
    idx,
    cfg,
    method,
    async score(unitId: string) {
      const unit = i.byId.get(unitId);
      const units = i.withDescendants(unitId);
      if (method.id !== READING_2022_ID) {
        const [rows, cat, fb, prov] = await Promise.all([
          rowsP,
          unit ? catalogueFigures(ctx, unit, units, period.from, period.to, { publication: false }) : Promise.resolve(null),
          feedbackFigures(ctx, units, period.from, period.to),
          provinceOnce(),
        ]);
        return methodIndexResult(scoreMethod(method, nationalFigures(rollUp(rows, units, RATINGS_KNOWN), prov.counts, cat, prov.cat, fb)), c);
      }
      const [rows, cat, fb, copies] = await Promise.all([
        rowsP,
        unit ? catalogueFigures(ctx, unit, units, period.from, period.to) : Promise.resolve(null),
        feedbackFigures(ctx, units, period.from, period.to),
        certifiedCopyFigures(ctx, i, units, period.from, period.to),
      ]);
      return { method: method.id, ...scoreIndex(figuresFrom(rollUp(rows, units, RATINGS_KNOWN), cat, fb, copies), c) };
    },
  };
}

export async function computeIndex(
  ctx: Ctx,
  input: { unitId: string; period: string; method?: string },
): Promise<UnitScore & { period: Period; method: Method }> {
  const idx = await unitIndex(ctx);
  const unit = resolveUnit(idx, input.unitId);
  const comp = await prepare(ctx, input.period, idx, undefined, input.method);
  return { unit, period: comp.period, method: comp.method, result: await comp.score(unit.id) };
}

/**
 * Aggregates of periods that have ended are kept for a minute (trend charts and rankings read
 * 12-13 past months per screen). Their figures barely move: a dossier still open at a period's
 * end is judged at that end whatever happens later, so only late flags (sync, payment, e-result)
 * can change them, and those show within the minute. The current period is always computed.
 */
const PAST_TTL_MS = 60_000;
const pastCache = new Map<string, { at: number; rows: AggRow[] }>();
export function clearAggregateCache() {
  pastCache.clear();
  invalidateSnapshots();
}
/**
 * Where a period's rows come from: the monthly totals (migration 0044, what the index reads) or the
 * scan of the period's facts (the reference the totals are tested and benchmarked against).
 */
export type AggregateSource = 'totals' | 'facts';
async function periodAggregate(ctx: Ctx, period: Period, compare: 'instant' | 'day', source: AggregateSource): Promise<AggRow[]> {
  const params = { from: period.from, to: period.to, asOf: period.asOf, compare };
  const read = source === 'facts' ? aggregateFacts : aggregateTotals;
  if (period.toDate) return read(staleReadDb(ctx), params);
  const key = `${source}|${period.from.toISOString()}|${period.to.toISOString()}|${compare}`;
  const hit = pastCache.get(key);
  if (hit && Date.now() - hit.at < PAST_TTL_MS) return hit.rows;
  const rows = await read(staleReadDb(ctx), params);
  if (pastCache.size > 200) pastCache.clear();
  pastCache.set(key, { at: Date.now(), rows });
  return rows;
}

/**
 * The root of the tree (the province): the one holding the provincial public administration
 * service centre, so before the provincial merger of 1/7/2025 it is Tỉnh Hậu Giang (the city's
 * figures, which include Hậu Giang's units as predecessors, stay available by its id).
 */
export function provinceOf(idx: UnitIndex): TreeNode {
  const provinces = idx.roots.filter((r) => r.kind === 'province');
  const centre = [...idx.byId.values()].find((n) => n.kind === 'agency' && n.agencyType === 'service_centre' && n.level === 'province');
  let top: TreeNode | undefined = centre;
  while (top?.parentId && idx.byId.has(top.parentId)) top = idx.byId.get(top.parentId);
  return (top && provinces.includes(top) ? top : undefined) ?? provinces[0] ?? idx.roots[0];
}

/** Peer groups ranked together: the province's agencies, the districts, the communes. */
export type PeerGroup = 'department' | 'district' | 'commune';
export function peerGroupOf(n: TreeNode, idx: UnitIndex): PeerGroup | null {
  if (n.kind === 'district') return 'district';
  if (n.kind === 'commune') return 'commune';
  const parent = n.parentId ? idx.byId.get(n.parentId) : null;
  if (n.kind === 'agency' && parent?.kind === 'province') return 'department';
  return null;
}
export function peers(idx: UnitIndex, group: PeerGroup): TreeNode[] {
  return [...idx.byId.values()].filter((n) => peerGroupOf(n, idx) === group);
}

export interface RankingRow {
  unitId: string;
  name: string;
  total: number;
  rank: number;
  previousTotal: number | null;
  previousRank: number | null;
  /** Positive = moved up since last month. */
  rankChange: number | null;
  totalChange: number | null;
}

function rank(scores: { id: string; total: number }[]): Map<string, number> {
  const sorted = [...scores].sort((a, b) => b.total - a.total);
  const out = new Map<string, number>();
  sorted.forEach((s, i) => out.set(s.id, i > 0 && sorted[i - 1].total === s.total ? out.get(sorted[i - 1].id)! : i + 1));
  return out;
}

/** Units of one peer group ranked for a month, with the change since the month before. */
export async function rankings(ctx: Ctx, input: { month: string; group: PeerGroup }): Promise<{ month: string; previous: string; rows: RankingRow[] }> {
  const idx = await unitIndex(ctx);
  const cfg = await loadIndexConfig(ctx);
  const cur = await prepare(ctx, input.month, idx, cfg);
  if (cur.period.kind !== 'month') throw badRequest('indicators.error.month');
  const previous = shiftMonth(cur.period.key, -1);
  const prev = await prepare(ctx, previous, idx, cfg);
  const units = peers(idx, input.group);
  const now = await Promise.all(units.map(async (u) => ({ id: u.id, total: (await cur.score(u.id)).total })));
  const before = await Promise.all(units.map(async (u) => ({ id: u.id, total: (await prev.score(u.id)).total })));
  const r1 = rank(now);
  const r0 = rank(before);
  const rows = units.map((u) => {
    const t = now.find((x) => x.id === u.id)!.total;
    const p = before.find((x) => x.id === u.id)!.total;
    return {
      unitId: u.id,
      name: u.name,
      total: t,
      rank: r1.get(u.id)!,
      previousTotal: p,
      previousRank: r0.get(u.id)!,
      rankChange: r0.get(u.id)! - r1.get(u.id)!,
      totalChange: Math.round((t - p) * 100) / 100,
    };
  });
  rows.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'vi'));
  return { month: cur.period.key, previous, rows };
}

/** Dossiers received by a unit (and the units below it) in a period, by channel: self-service, assisted, in person, post. */
export async function channelFigures(ctx: Ctx, input: { unitId: string; period: string }): Promise<{ unitId: string; period: string } & ChannelBreakdown> {
  const idx = await unitIndex(ctx);
  const unit = resolveUnit(idx, input.unitId);
  const period = periodOrThrow(ctx, input.period);
  const rows = await channelCounts(ctx.db, { from: period.from, to: period.to, unitIds: [...idx.withDescendants(unit.id)] });
  return { unitId: unit.id, period: period.key, ...channelBreakdown(rows) };
}
