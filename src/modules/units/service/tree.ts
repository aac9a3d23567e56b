/**
 * The units service's reads of the tree (service.ts): a unit, its name, its place in the tree,
 * its ending and heirs, on a date (today by default), and a unit's history.
 */
import type { Ctx } from '../../../platform/context';
import {
  ancestorIdsIn,
  buildTree,
  compareViews,
  descendantIdsIn,
  homeProvinceIn,
  provinceIn,
  indexAt,
  nameAt,
  predecessorIdsIn,
  resolveSuccessor,
  toView,
  versionAt,
  type AgencyType,
  type Level,
  type TreeNode,
  type Unit,
  type UnitEvent,
  type UnitVersion,
  type UnitView,
} from '../model';
import * as store from '../store';
import { dateOr, indexOn, snapshot, today } from './common';

/** The unit as it stood on `at` (today by default): name, codes, kind, level, parent, contacts. Null when it did not exist then. */
export async function getUnit(ctx: Ctx, id: string, at?: string): Promise<UnitView | null> {
  const date = dateOr(ctx, at);
  const [u] = await store.loadUnits(ctx.db, [id]);
  if (!u) return null;
  const v = versionAt(await store.loadVersions(ctx.db, id), date);
  return v ? toView(u, v) : null;
}

/** What the unit was called on `date` (e.g. a dossier's unit on the day it was received). */
export async function unitNameAt(ctx: Ctx, id: string, date: string): Promise<string | null> {
  return nameAt(await store.loadVersions(ctx.db, id), dateOr(ctx, date));
}

/** The unit's name today or, when it has ended (merged, retired), its last name: for records that keep a former unit. */
export async function unitNameOrLast(ctx: Ctx, id: string): Promise<string | null> {
  const versions = await store.loadVersions(ctx.db, id);
  return nameAt(versions, today(ctx)) ?? [...versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]?.name ?? null;
}

/**
 * The unit on `at`, else on the nearest day it existed (its first version when it did not exist
 * yet, its last when it has ended), with that day: for records dated outside the unit's life
 * (the demo generator's past dossiers at today's units). Null for an unknown id.
 */
export async function unitNearest(ctx: Ctx, id: string, at?: string): Promise<{ unit: UnitView; date: string } | null> {
  const date = dateOr(ctx, at);
  const [u] = await store.loadUnits(ctx.db, [id]);
  if (!u) return null;
  const versions = [...(await store.loadVersions(ctx.db, id))].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const v = versionAt(versions, date) ?? versions.find((x) => x.validFrom > date) ?? versions[versions.length - 1];
  if (!v) return null;
  const on = versionAt(versions, date) ? date : v.validTo && v.validTo <= date ? dayBeforeDate(v.validTo) : v.validFrom;
  return { unit: toView(u, v), date: on };
}

function dayBeforeDate(d: string): string {
  const x = new Date(d + 'T00:00:00Z');
  x.setUTCDate(x.getUTCDate() - 1);
  return x.toISOString().slice(0, 10);
}

/** The whole tree (province -> districts/communes -> agencies) as it stood on `at`. */
export async function unitTree(ctx: Ctx, at?: string): Promise<TreeNode[]> {
  return buildTree(await indexOn(ctx.db, dateOr(ctx, at)));
}

/** Parent, grandparent, ... (nearest first) on `at`. Empty when the unit did not exist then. */
export async function ancestorIds(ctx: Ctx, id: string, at?: string): Promise<string[]> {
  return ancestorIdsIn(await indexOn(ctx.db, dateOr(ctx, at)), id);
}

/** Every unit and agency below `id` on `at` (not `id` itself). */
export async function descendantIds(ctx: Ctx, id: string, at?: string): Promise<string[]> {
  return descendantIdsIn(await indexOn(ctx.db, dateOr(ctx, at)), id);
}

/** Agencies in existence on `at`, optionally of one level of government and/or one type. */
export async function listAgencies(ctx: Ctx, filter: { level?: Level; kind?: AgencyType; at?: string } = {}): Promise<UnitView[]> {
  const index = await indexOn(ctx.db, dateOr(ctx, filter.at));
  return [...index.values()]
    .filter((v) => v.kind === 'agency' && (!filter.level || v.level === filter.level) && (!filter.kind || v.agencyType === filter.kind))
    .sort(compareViews);
}

/** The province `id` sat in on `at` (itself when a province): e.g. the province named on a dossier's documents. */
export async function provinceOf(ctx: Ctx, id: string, at?: string): Promise<UnitView | null> {
  return provinceIn(await indexOn(ctx.db, dateOr(ctx, at)), id);
}

/** The province this system serves on `at` (Tỉnh Hậu Giang until 30/6/2025, Thành phố Cần Thơ from 1/7/2025 in the demo). */
export async function homeProvince(ctx: Ctx, at?: string): Promise<UnitView | null> {
  return homeProvinceIn(await indexOn(ctx.db, dateOr(ctx, at)));
}

/** The days on which some unit began or ended a version, in order: the tree is the same between two of them. */
export async function changeDates(ctx: Ctx): Promise<string[]> {
  const days = new Set<string>();
  for (const v of await store.loadVersions(ctx.db)) {
    days.add(v.validFrom);
    if (v.validTo) days.add(v.validTo);
  }
  return [...days].sort();
}

/** Where a merged or retired unit's business went, as of `at` (itself when still active). */
export async function successorOf(ctx: Ctx, id: string, at?: string): Promise<string | null> {
  const index = await indexOn(ctx.db, dateOr(ctx, at));
  return resolveSuccessor(await store.loadEvents(ctx.db), id, (x) => index.has(x));
}

/** How a unit that no longer exists on a date ended: its merge or retirement, and where its business is on that date. */
export interface UnitEnding {
  unitId: string;
  /** Its last name and level (the version it ended with). */
  name: string;
  level: Level;
  /** The merge or retirement event that ended it (null fields when none was recorded). */
  effectiveDate: string | null;
  decision: string | null;
  /** The unit active on the date that holds its business (following merges and retirements); null: retired without successor. */
  successorId: string | null;
  successorName: string | null;
}

/**
 * How `id` ended, as seen on `at` (today by default): null while it exists on that date (or for an
 * unknown id). Only events effective on or before `at` count, so a merger decided for a later date
 * leaves the unit alone until then.
 */
export async function unitEnding(ctx: Ctx, id: string, at?: string): Promise<UnitEnding | null> {
  const date = dateOr(ctx, at);
  const versions = [...(await store.loadVersions(ctx.db, id))].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  if (versions.length === 0 || versionAt(versions, date)) return null;
  const last = versions.find((v) => v.validFrom <= date);
  if (!last) return null; // not created yet
  const [index, events] = await Promise.all([indexOn(ctx.db, date), store.loadEvents(ctx.db)]);
  const past = events.filter((e) => e.effectiveDate <= date);
  const ev = past
    .filter((e) => e.unitId === id && (e.kind === 'merge' || e.kind === 'retire'))
    .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))[0];
  const successorId = resolveSuccessor(past, id, (x) => index.has(x));
  return {
    unitId: id,
    name: last.name,
    level: last.level,
    effectiveDate: ev?.effectiveDate ?? null,
    decision: ev?.decision ?? null,
    successorId,
    successorName: successorId ? (index.get(successorId)?.name ?? null) : null,
  };
}

/**
 * Where a retired district's local work went (two tiers from 1/7/2025, Law 72/2025/QH15): the
 * communes that hold, on `at`, the business of the communes that sat in the district of `id` (the
 * district or an agency inside it) on the last day `id` existed. Empty when `id` sat in no district.
 * E.g. UBND thành phố Vị Thanh -> Phường Vị Thanh, Phường Vị Tân, Xã Hỏa Lựu (Resolution 1668/NQ-UBTVQH15).
 */
export async function communeHeirs(ctx: Ctx, id: string, at?: string): Promise<string[]> {
  const date = dateOr(ctx, at);
  const near = await unitNearest(ctx, id, date);
  if (!near) return [];
  const [then, now, events] = await Promise.all([indexOn(ctx.db, near.date), indexOn(ctx.db, date), store.loadEvents(ctx.db)]);
  const district = [id, ...ancestorIdsIn(then, id)].find((x) => then.get(x)?.kind === 'district');
  if (!district) return [];
  const out = new Set<string>();
  for (const c of descendantIdsIn(then, district)) {
    if (then.get(c)?.kind !== 'commune') continue;
    const heir = resolveSuccessor(events, c, (x) => now.has(x));
    if (heir && now.get(heir)?.kind === 'commune') out.add(heir);
  }
  return [...out].sort();
}

/**
 * The units whose business passed to `id` or a unit below it on `at` (merged or retired into
 * them, transitively, with what sat inside them): a successor handles their open dossiers and
 * its indicators include theirs. Not the unit itself nor its present descendants.
 */
export async function predecessorIds(ctx: Ctx, id: string, at?: string): Promise<string[]> {
  return (await predecessorLookup(ctx, at))(id);
}

/** predecessorIds for any unit, with one read: for indexes that ask about many units (indicators). */
export async function predecessorLookup(ctx: Ctx, at?: string): Promise<(id: string) => string[]> {
  const date = dateOr(ctx, at);
  const [{ units, versions }, events] = await Promise.all([snapshot(ctx.db), store.loadEvents(ctx.db)]);
  const indexes = new Map<string, Map<string, UnitView>>();
  const on = (d: string) => {
    let ix = indexes.get(d);
    if (!ix) indexes.set(d, (ix = indexAt(units, versions, d)));
    return ix;
  };
  const memo = new Map<string, string[]>();
  return (id) => {
    let hit = memo.get(id);
    if (!hit) memo.set(id, (hit = [...predecessorIdsIn(events, [id, ...descendantIdsIn(on(date), id)], (u, d) => descendantIdsIn(on(d), u))]));
    return hit;
  };
}

/** The unit, the units below it on `at`, and their predecessors (see predecessorIds). */
export async function coveredIds(ctx: Ctx, id: string, at?: string): Promise<string[]> {
  return [id, ...(await descendantIds(ctx, id, at)), ...(await predecessorIds(ctx, id, at))];
}

/**
 * Where a role granted at each of `ids` acts on `at` (today by default): at the unit or, once it
 * has ended, at its successor; and at the units whose business had passed to that unit by `at`
 * (merged or retired into it or a unit below it on or before `at`, with what sat inside them).
 * E.g. a grant at UBND phường I also acts for UBND phường III and VII from 1/7/2025 (Resolution
 * 1668/NQ-UBTVQH15): their open dossiers are the successor's to finish. One read for all ids.
 */
export async function grantReach(ctx: Ctx, ids: readonly string[], at?: string): Promise<Map<string, string[]>> {
  const date = dateOr(ctx, at);
  const out = new Map<string, string[]>();
  if (ids.length === 0) return out;
  const [{ units, versions }, events] = await Promise.all([snapshot(ctx.db), store.loadEvents(ctx.db)]);
  const past = events.filter((e) => e.effectiveDate <= date);
  const indexes = new Map<string, Map<string, UnitView>>();
  const on = (d: string) => {
    let ix = indexes.get(d);
    if (!ix) indexes.set(d, (ix = indexAt(units, versions, d)));
    return ix;
  };
  const now = on(date);
  for (const id of new Set(ids)) {
    const holder = resolveSuccessor(past, id, (x) => now.has(x)) ?? id;
    const start = [holder, ...descendantIdsIn(now, holder)];
    out.set(id, [...new Set([id, holder, ...predecessorIdsIn(past, start, (u, d) => descendantIdsIn(on(d), u))])]);
  }
  return out;
}

export interface UnitHistory {
  unit: Unit;
  versions: UnitVersion[];
  /** Events of this unit, and merges/retirements that named it as successor. */
  events: UnitEvent[];
}

export async function unitHistory(ctx: Ctx, id: string): Promise<UnitHistory | null> {
  const [unit] = await store.loadUnits(ctx.db, [id]);
  if (!unit) return null;
  const [versions, events] = await Promise.all([store.loadVersions(ctx.db, id), store.loadEvents(ctx.db, id)]);
  return { unit, versions, events };
}
