/**
 * The units module's use cases. Other modules use ONLY these functions (and types from model.ts).
 * Reads take an optional `at` date ('YYYY-MM-DD', Vietnam civil date; today by default) and
 * answer as the tree stood that day.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import {
  agencyCodeValid,
  ancestorIdsIn,
  buildTree,
  civilDateOf,
  codeValid,
  compareViews,
  descendantIdsIn,
  homeProvinceIn,
  provinceIn,
  indexAt,
  isCivilDate,
  levelFor,
  normaliseAddress,
  normaliseIssuer,
  nameAt,
  parentAllowed,
  planChange,
  planRetire,
  predecessorIdsIn,
  resolveSuccessor,
  toView,
  UNIT_ID_RE,
  versionAt,
  wouldCycle,
  type AgencyType,
  type Level,
  type NormalisedAddress,
  type Place,
  type Plan,
  type TreeNode,
  type Unit,
  type UnitEvent,
  type UnitKind,
  type UnitVersion,
  type UnitView,
  type VersionOp,
} from './model';
import * as store from './store';
import type { MessageKey } from '../../platform/i18n/keys';

type Q = Kysely<Database>;

export type { TreeNode, UnitView, UnitEvent, UnitVersion, AgencyType, Level, UnitKind } from './model';

// ---------- reads ----------

export function today(ctx: Ctx): string {
  return civilDateOf(ctx.clock.now());
}

function dateOr(ctx: Ctx, at: string | undefined): string {
  if (at === undefined) return today(ctx);
  if (!isCivilDate(at)) throw badRequest('units.error.bad_date', { value: at });
  return at;
}

async function snapshot(db: Q) {
  const [units, versions] = await Promise.all([store.loadUnits(db), store.loadVersions(db)]);
  return { units, versions };
}

async function indexOn(db: Q, date: string) {
  const { units, versions } = await snapshot(db);
  return indexAt(units, versions, date);
}

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

/**
 * Every name a commune has had, with its district and province then, and the commune of today
 * that holds its business (for normaliseAddress / placeOfCode). One read; a few hundred rows.
 */
export async function addressPlaces(ctx: Ctx): Promise<Place[]> {
  const [{ units, versions }, events] = await Promise.all([snapshot(ctx.db), store.loadEvents(ctx.db)]);
  const now = indexAt(units, versions, today(ctx));
  const dates = [...new Set(versions.flatMap((v) => (v.validTo ? [v.validFrom, v.validTo] : [v.validFrom])))].sort();
  const out = new Map<string, Place>();
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const next = dates[i + 1] ?? null;
    const idx = indexAt(units, versions, d);
    for (const v of idx.values()) {
      if (v.kind !== 'commune') continue;
      const holder = resolveSuccessor(events, v.id, (x) => now.has(x));
      const h = holder ? now.get(holder) : undefined;
      if (!h) continue;
      const up = ancestorIdsIn(idx, v.id).map((a) => idx.get(a)!);
      const district = up.find((a) => a.kind === 'district')?.name ?? null;
      const province = up.find((a) => a.kind === 'province')?.name ?? null;
      const key = [v.name, v.code, district, province].join('|');
      const prev = out.get(key);
      if (prev && prev.to === d) {
        prev.to = next;
        continue;
      }
      if (prev) continue;
      out.set(key, {
        commune: v.name,
        code: v.code,
        district,
        province,
        from: d,
        to: next,
        now: {
          unitId: h.id,
          commune: h.name,
          code: h.code,
          province: provinceIn(now, h.id)?.name ?? null,
          district:
            ancestorIdsIn(now, h.id)
              .map((a) => now.get(a)!)
              .find((a) => a.kind === 'district')?.name ?? null,
        },
      });
    }
  }
  return [...out.values()];
}

/** An address as typed (old names accepted), with today's names alongside: never refused. */
export async function normaliseAddressNow(ctx: Ctx, address: string): Promise<NormalisedAddress> {
  return normaliseAddress(address, await addressPlaces(ctx));
}

/**
 * Issuing bodies of stored documents with old unit names ("UBND Phường I, thành phố Vị Thanh"),
 * with today's beside them; one read of the units for a whole list.
 */
export async function issuerNormaliser(ctx: Ctx): Promise<(issuer: string) => NormalisedAddress> {
  const places = await addressPlaces(ctx);
  return (issuer) => normaliseIssuer(issuer, places);
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

// ---------- changes ----------

interface Change {
  ops: VersionOp[];
  events: UnitEvent[];
}

function requireDate(d: string): string {
  if (!isCivilDate(d)) throw badRequest('units.error.bad_date', { value: d });
  return d;
}

function requireText(s: string | undefined, key: MessageKey): string {
  const v = (s ?? '').trim();
  if (!v) throw badRequest(key);
  return v;
}

function take(plan: Plan): VersionOp[] {
  if (plan.ok) return plan.ops;
  throw conflict(plan.error);
}

function event(unitId: string, kind: UnitEvent['kind'], date: string, decision: string | null, extra: Partial<UnitEvent> = {}): UnitEvent {
  return { id: randomUUID(), unitId, kind, effectiveDate: date, decision, successorId: null, details: {}, ...extra };
}

async function loadForChange(trx: Q, lockIds: string[], date: string) {
  await store.lockUnits(trx, lockIds);
  const { units, versions } = await snapshot(trx);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const versionsOf = (id: string) => versions.filter((v) => v.unitId === id);
  const index = indexAt(units, versions, date);
  const need = (id: string): Unit => {
    const u = unitById.get(id);
    if (!u) throw notFound('units.error.not_found', { id });
    return u;
  };
  const active = (id: string): UnitView => {
    need(id);
    const v = index.get(id);
    if (!v) throw conflict('units.error.not_active', { id, date });
    return v;
  };
  return { units, versions, unitById, versionsOf, index, need, active };
}

type Loaded = Awaited<ReturnType<typeof loadForChange>>;

/** Retires `id` and every agency inside it; refuses while administrative units still sit inside. */
function retireCascade(l: Loaded, id: string, date: string, decision: string, successorId: string | null, out: Change) {
  const below = descendantIdsIn(l.index, id);
  const unitBelow = below.find((c) => l.index.get(c)!.kind !== 'agency');
  if (unitBelow) throw conflict('units.error.has_children', { id, child: l.index.get(unitBelow)!.name });
  const successorCommittee = successorId ? committeeOf(l.index, successorId) : null;
  for (const c of below) {
    const succ = l.index.get(c)!.agencyType === 'people_committee' ? successorCommittee : null;
    out.ops.push(...take(planRetire(l.versionsOf(c), date)));
    out.events.push(event(c, 'retire', date, decision, { successorId: succ }));
  }
  out.ops.push(...take(planRetire(l.versionsOf(id), date)));
}

function committeeOf(index: Map<string, UnitView>, unitId: string): string | null {
  for (const v of index.values()) if (v.parentId === unitId && v.agencyType === 'people_committee') return v.id;
  return null;
}

async function commit(trx: Q, actor: Actor | null, change: Change, audit: { action: string; entityId: string; details: Record<string, unknown> }) {
  await store.applyVersionOps(trx, change.ops);
  for (const e of change.events) await store.insertEvent(trx, e);
  await appendAudit(trx, {
    actorKind: actor ? actor.kind : 'system',
    actorId: actor?.id ?? null,
    action: audit.action,
    entity: 'unit',
    entityId: audit.entityId,
    details: audit.details,
  });
}

/** An officer may change units only under a unit where they hold the admin role (null actor = the system, e.g. the seed). */
async function assertAdminOver(trx: Q, actor: Actor | null, ids: string[], date: string) {
  if (!actor) return;
  const granted = actor.roles.filter((g) => g.role === 'admin').map((g) => g.unitId);
  if (actor.kind !== 'officer' || granted.length === 0) throw forbidden();
  const { units, versions } = await snapshot(trx);
  const now = indexAt(units, versions, date);
  // A grant also covers the units whose business passed to the granted unit (Hậu Giang's for Cần Thơ).
  const events = await store.loadEvents(trx);
  const grants = [...granted, ...predecessorIdsIn(events, granted, (u, d) => descendantIdsIn(indexAt(units, versions, d), u))];
  // Units not in existence on the date (retired, or not yet created) are placed by their last version.
  const lastParent = new Map<string, string | null>();
  for (const v of [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom))) lastParent.set(v.unitId, v.parentId);
  const chainOf = (id: string): string[] => {
    const out = [id];
    let cur = now.has(id) ? null : (lastParent.get(id) ?? null);
    while (cur !== null && !out.includes(cur) && !now.has(cur)) {
      out.push(cur);
      cur = lastParent.get(cur) ?? null;
    }
    const anchor = now.has(id) ? id : cur;
    return anchor === null ? out : [...out, ...(anchor === id ? [] : [anchor]), ...ancestorIdsIn(now, anchor)];
  };
  for (const id of ids) {
    if (!lastParent.has(id)) throw notFound('units.error.not_found', { id });
    const chain = chainOf(id);
    if (!chain.some((c) => grants.includes(c))) throw forbidden('units.error.not_your_unit');
  }
}

export interface RenameInput {
  id: string;
  name: string;
  effectiveDate: string;
  decision: string;
  code?: string | null;
  agencyCode?: string | null;
}

/** Renames a unit (and optionally changes its codes) from a date on. */
export async function renameUnit(ctx: Ctx, actor: Actor | null, input: RenameInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const name = requireText(input.name, 'units.error.name_required');
  const decision = requireText(input.decision, 'units.error.decision_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id], date);
    const l = await loadForChange(trx, [input.id], date);
    const u = l.need(input.id);
    if (input.code !== undefined && !codeValid(u.kind, input.code)) throw badRequest('units.error.bad_code', { kind: u.kind });
    if (input.agencyCode !== undefined && !agencyCodeValid(input.agencyCode)) throw badRequest('units.error.bad_agency_code');
    const change: Change = { ops: [], events: [] };
    const before = versionAt(l.versionsOf(u.id), date);
    change.ops.push(...take(planChange(l.versionsOf(u.id), date, { name, code: input.code, agencyCode: input.agencyCode }, randomUUID())));
    change.events.push(
      event(u.id, 'rename', date, decision, { details: { from: before?.name ?? null, to: name, code: input.code, agencyCode: input.agencyCode } }),
    );
    await commit(trx, actor, change, { action: 'unit.rename', entityId: u.id, details: { name, effectiveDate: date, decision, from: before?.name ?? null } });
    return viewAfter(trx, u.id, date);
  });
}

export interface MoveInput {
  id: string;
  parentId: string;
  effectiveDate: string;
  decision: string;
}

/** Re-attaches a unit to another parent from a date on (e.g. communes to the province on 1/7/2025). */
export async function moveUnit(ctx: Ctx, actor: Actor | null, input: MoveInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id, input.parentId], date);
    const l = await loadForChange(trx, [input.id], date);
    const u = l.need(input.id);
    const parent = l.active(input.parentId);
    l.active(u.id);
    if (!parentAllowed(u.kind, parent.kind)) throw badRequest('units.error.bad_parent');
    if (wouldCycle(l.index, u.id, parent.id)) throw badRequest('units.error.cycle');
    const from = l.index.get(u.id)!.parentId;
    const change: Change = { ops: [], events: [] };
    change.ops.push(...take(planChange(l.versionsOf(u.id), date, { parentId: parent.id }, randomUUID())));
    change.events.push(event(u.id, 'move', date, decision, { details: { from, to: parent.id } }));
    await commit(trx, actor, change, { action: 'unit.move', entityId: u.id, details: { from, to: parent.id, effectiveDate: date, decision } });
    return viewAfter(trx, u.id, date);
  });
}

export interface MergeInput {
  sourceIds: string[];
  targetId: string;
  effectiveDate: string;
  decision: string;
  /** The successor's name from the merge on, when it changes. */
  name?: string;
}

/**
 * Merges several units into one successor (which may be one of the old ones, keeping its id).
 * From the date on: the sources no longer exist, their people's committees are retired (with
 * the successor's committee as successor), their other children move under the successor.
 */
export async function mergeUnits(ctx: Ctx, actor: Actor | null, input: MergeInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  const sources = [...new Set(input.sourceIds)];
  if (sources.length === 0) throw badRequest('units.error.merge_empty');
  if (sources.includes(input.targetId)) throw badRequest('units.error.merge_self');
  const newName = input.name === undefined ? undefined : requireText(input.name, 'units.error.name_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.targetId, ...sources], date);
    const l = await loadForChange(trx, [input.targetId, ...sources], date);
    const target = l.active(input.targetId);
    const change: Change = { ops: [], events: [] };
    const targetCommittee = committeeOf(l.index, target.id);
    for (const s of sources) {
      const src = l.active(s);
      if (src.kind !== target.kind) throw badRequest('units.error.merge_kind');
      // A source's people's committee passes its business to the successor's: without one it would be left without successor.
      const srcCommittee = committeeOf(l.index, s);
      if (srcCommittee && !targetCommittee) throw conflict('units.error.merge_no_successor', { unit: l.index.get(srcCommittee)!.name, target: target.name });
      if (ancestorIdsIn(l.index, target.id).includes(s)) throw badRequest('units.error.cycle');
      for (const childId of descendantIdsIn(l.index, s).filter((c) => l.index.get(c)!.parentId === s)) {
        const child = l.index.get(childId)!;
        if (child.agencyType === 'people_committee') {
          retireCascade(l, childId, date, decision, null, change);
          change.events.push(event(childId, 'retire', date, decision, { successorId: targetCommittee }));
        } else {
          change.ops.push(...take(planChange(l.versionsOf(childId), date, { parentId: target.id }, randomUUID())));
          change.events.push(event(childId, 'move', date, decision, { details: { from: s, to: target.id } }));
        }
      }
      change.ops.push(...take(planRetire(l.versionsOf(s), date)));
      change.events.push(event(s, 'merge', date, decision, { successorId: target.id, details: { into: target.id } }));
    }
    if (newName !== undefined && newName !== target.name) {
      change.ops.push(...take(planChange(l.versionsOf(target.id), date, { name: newName }, randomUUID())));
      change.events.push(event(target.id, 'rename', date, decision, { details: { from: target.name, to: newName } }));
    }
    change.events.push(event(target.id, 'merge', date, decision, { details: { absorbed: sources } }));
    await commit(trx, actor, change, { action: 'unit.merge', entityId: target.id, details: { sources, effectiveDate: date, decision, name: newName ?? null } });
    return viewAfter(trx, target.id, date);
  });
}

export interface RetireInput {
  id: string;
  effectiveDate: string;
  decision: string;
  successorId?: string | null;
}

/** Ends a unit (and the agencies inside it) on a date; administrative units inside must be moved or merged first. */
export async function retireUnit(ctx: Ctx, actor: Actor | null, input: RetireInput): Promise<void> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  const successorId = input.successorId || null;
  await ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id], date);
    const l = await loadForChange(trx, [input.id], date);
    l.active(input.id);
    if (successorId) {
      if (successorId === input.id) throw badRequest('units.error.merge_self');
      l.active(successorId);
      if (descendantIdsIn(l.index, input.id).includes(successorId)) throw badRequest('units.error.cycle');
    }
    const change: Change = { ops: [], events: [] };
    retireCascade(l, input.id, date, decision, successorId, change);
    change.events.push(event(input.id, 'retire', date, decision, { successorId }));
    await commit(trx, actor, change, { action: 'unit.retire', entityId: input.id, details: { effectiveDate: date, decision, successorId } });
  });
}

export interface CreateInput {
  id?: string;
  kind: UnitKind;
  agencyType?: AgencyType | null;
  name: string;
  code?: string | null;
  agencyCode?: string | null;
  parentId: string | null;
  validFrom: string;
  decision?: string | null;
  hotline?: string | null;
  address?: string | null;
}

/** Creates a unit or agency from a date on. */
export async function createUnit(ctx: Ctx, actor: Actor | null, input: CreateInput): Promise<UnitView> {
  const date = requireDate(input.validFrom);
  const name = requireText(input.name, 'units.error.name_required');
  const id = input.id ?? randomUUID();
  if (!UNIT_ID_RE.test(id) && input.id !== undefined) throw badRequest('units.error.bad_id');
  const agencyType = input.kind === 'agency' ? (input.agencyType ?? null) : null;
  if (input.kind === 'agency' && !agencyType) throw badRequest('units.error.agency_type_required');
  const code = input.code ?? null;
  const agencyCode = input.agencyCode ?? null;
  if (!codeValid(input.kind, code)) throw badRequest('units.error.bad_code', { kind: input.kind });
  if (!agencyCodeValid(agencyCode)) throw badRequest('units.error.bad_agency_code');
  return ctx.db.transaction().execute(async (trx) => {
    if (input.parentId) await assertAdminOver(trx, actor, [input.parentId], date);
    else if (actor) throw forbidden('units.error.not_your_unit');
    const l = await loadForChange(trx, input.parentId ? [input.parentId] : [], date);
    if (l.unitById.has(id)) throw conflict('units.error.id_taken', { id });
    const parent = input.parentId ? l.active(input.parentId) : null;
    if (!parentAllowed(input.kind, parent?.kind ?? null)) throw badRequest('units.error.bad_parent');
    const level = levelFor(input.kind, parent?.level ?? null)!;
    const unit: Unit = { id, kind: input.kind, agencyType, hotline: input.hotline?.trim() || null, address: input.address?.trim() || null };
    await store.insertUnit(trx, unit);
    const version: UnitVersion = { id: randomUUID(), unitId: id, validFrom: date, validTo: null, name, code, agencyCode, parentId: parent?.id ?? null, level };
    const change: Change = {
      ops: [{ op: 'insert', version }],
      events: [event(id, 'create', date, input.decision?.trim() || null, { details: { parentId: version.parentId } })],
    };
    await commit(trx, actor, change, { action: 'unit.create', entityId: id, details: { kind: input.kind, name, parentId: version.parentId, validFrom: date } });
    return toView(unit, version);
  });
}

/** Updates a unit's present contact details (hotline, address). */
export async function setContacts(ctx: Ctx, actor: Actor | null, id: string, c: { hotline: string | null; address: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [id], today(ctx));
    const [u] = await store.loadUnits(trx, [id]);
    if (!u) throw notFound('units.error.not_found', { id });
    await store.updateContacts(trx, id, c);
    await appendAudit(trx, {
      actorKind: actor ? actor.kind : 'system',
      actorId: actor?.id ?? null,
      action: 'unit.contacts',
      entity: 'unit',
      entityId: id,
      details: c,
    });
  });
}

async function viewAfter(trx: Q, id: string, date: string): Promise<UnitView> {
  const [u] = await store.loadUnits(trx, [id]);
  const v = versionAt(await store.loadVersions(trx, id), date)!;
  return toView(u!, v);
}
