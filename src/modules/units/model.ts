/**
 * Administrative units and agencies as a tree with history: types and pure rules (no I/O).
 * A unit's attributes live in versions over half-open periods [validFrom, validTo) of civil
 * dates ('YYYY-MM-DD'); validTo null means "still so". Dates compare as strings.
 */

import type { MessageKey } from '../../platform/i18n/keys';

export { fold, normaliseAddress, normaliseIssuer, placeOfCode, type NormalisedAddress, type Place } from './address';

export const UNIT_KINDS = ['province', 'district', 'commune', 'agency'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const AGENCY_TYPES = ['people_committee', 'office', 'service_centre', 'department', 'police', 'other'] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

export const EVENT_KINDS = ['create', 'rename', 'move', 'merge', 'retire'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface Unit {
  id: string;
  kind: UnitKind;
  agencyType: AgencyType | null;
  hotline: string | null;
  address: string | null;
}

export interface UnitVersion {
  id: string;
  unitId: string;
  validFrom: string;
  validTo: string | null;
  name: string;
  /** Official administrative unit code (national list): 2 digits province, 3 district, 5 commune. */
  code: string | null;
  /** Electronic agency identifier (mã định danh), V1V2V3.Z1Z2.Y1Y2.MX1X2. */
  agencyCode: string | null;
  parentId: string | null;
  level: Level;
}

export interface UnitEvent {
  id: string;
  unitId: string;
  kind: EventKind;
  effectiveDate: string;
  decision: string | null;
  successorId: string | null;
  details: Record<string, unknown>;
}

/** A unit as it stood on one date. */
export interface UnitView {
  id: string;
  kind: UnitKind;
  agencyType: AgencyType | null;
  name: string;
  code: string | null;
  agencyCode: string | null;
  level: Level;
  parentId: string | null;
  hotline: string | null;
  address: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface TreeNode extends UnitView {
  children: TreeNode[];
}

/** The attributes a change may set. */
export type VersionPatch = Partial<Pick<UnitVersion, 'name' | 'code' | 'agencyCode' | 'parentId' | 'level'>>;

export type VersionOp =
  { op: 'update'; versionId: string; set: VersionPatch } | { op: 'close'; versionId: string; validTo: string } | { op: 'insert'; version: UnitVersion };

export type Plan = { ok: true; ops: VersionOp[] } | { ok: false; error: MessageKey };

// ---------- dates ----------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD. */
export function isCivilDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** The civil date in Vietnam (UTC+7) at an instant. */
export function civilDateOf(instant: Date): string {
  return new Date(instant.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function covers(v: Pick<UnitVersion, 'validFrom' | 'validTo'>, date: string): boolean {
  return v.validFrom <= date && (v.validTo === null || date < v.validTo);
}

/** The version of one unit in force on `date`, if the unit existed then. */
export function versionAt(versions: readonly UnitVersion[], date: string): UnitVersion | null {
  return versions.find((v) => covers(v, date)) ?? null;
}

export function nameAt(versions: readonly UnitVersion[], date: string): string | null {
  return versionAt(versions, date)?.name ?? null;
}

export function openVersion(versions: readonly UnitVersion[]): UnitVersion | null {
  return versions.find((v) => v.validTo === null) ?? null;
}

/** Versions of one unit must not overlap and at most one may be open. */
export function versionsConsistent(versions: readonly UnitVersion[]): boolean {
  const sorted = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (v.validTo !== null && v.validTo <= v.validFrom) return false;
    const next = sorted[i + 1];
    if (next && (v.validTo === null || v.validTo > next.validFrom)) return false;
  }
  return true;
}

// ---------- codes and structure ----------

const CODE_RE: Record<Exclude<UnitKind, 'agency'>, RegExp> = { province: /^\d{2}$/, district: /^\d{3}$/, commune: /^\d{5}$/ };
export const AGENCY_CODE_RE = /^\d{3}\.\d{2}\.\d{2}\.[A-Y]\d{2}$/;
export const UNIT_ID_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Administrative units carry an official code of their width; agencies have none. */
export function codeValid(kind: UnitKind, code: string | null): boolean {
  if (kind === 'agency') return code === null;
  return code === null || CODE_RE[kind].test(code);
}

export function agencyCodeValid(code: string | null): boolean {
  return code === null || AGENCY_CODE_RE.test(code);
}

/** Where a unit may sit: provinces at the root, districts in a province, communes in a district or (two-tier) a province, agencies anywhere below. */
export function parentAllowed(kind: UnitKind, parentKind: UnitKind | null): boolean {
  switch (kind) {
    case 'province':
      return parentKind === null;
    case 'district':
      return parentKind === 'province';
    case 'commune':
      return parentKind === 'district' || parentKind === 'province';
    case 'agency':
      return parentKind !== null;
  }
}

/** The level of government: the kind for administrative units, the parent's level for agencies. */
export function levelFor(kind: UnitKind, parentLevel: Level | null): Level | null {
  if (kind !== 'agency') return kind;
  return parentLevel;
}

// ---------- the tree on a date ----------

/** Every unit in existence on `date`, by id, with its attributes then. */
export function indexAt(units: readonly Unit[], versions: readonly UnitVersion[], date: string): Map<string, UnitView> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Map<string, UnitView>();
  for (const v of versions) {
    if (!covers(v, date)) continue;
    const u = byId.get(v.unitId);
    if (!u) continue;
    out.set(u.id, toView(u, v));
  }
  return out;
}

export function toView(u: Unit, v: UnitVersion): UnitView {
  return {
    id: u.id,
    kind: u.kind,
    agencyType: u.agencyType,
    name: v.name,
    code: v.code,
    agencyCode: v.agencyCode,
    level: v.level,
    parentId: v.parentId,
    hotline: u.hotline,
    address: u.address,
    validFrom: v.validFrom,
    validTo: v.validTo,
  };
}

const KIND_ORDER: Record<UnitKind, number> = { agency: 0, province: 1, district: 2, commune: 3 };
const AGENCY_ORDER: Record<AgencyType, number> = { people_committee: 0, office: 1, service_centre: 2, department: 3, police: 4, other: 5 };

/** Agencies first (people's committee, office, service centre, departments...), then units by official code, then by name. */
export function compareViews(a: UnitView, b: UnitView): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (a.agencyType && b.agencyType ? AGENCY_ORDER[a.agencyType] - AGENCY_ORDER[b.agencyType] : 0) ||
    (a.code ?? '').localeCompare(b.code ?? '') ||
    a.name.localeCompare(b.name, 'vi')
  );
}

function childrenMap(index: Map<string, UnitView>): Map<string | null, UnitView[]> {
  const m = new Map<string | null, UnitView[]>();
  for (const v of index.values()) {
    const key = v.parentId !== null && index.has(v.parentId) ? v.parentId : null;
    const list = m.get(key) ?? [];
    list.push(v);
    m.set(key, list);
  }
  for (const list of m.values()) list.sort(compareViews);
  return m;
}

/** The forest as it stood: roots are units whose parent did not exist on that date (normally the province). */
export function buildTree(index: Map<string, UnitView>): TreeNode[] {
  const kids = childrenMap(index);
  const seen = new Set<string>();
  const build = (v: UnitView): TreeNode => {
    seen.add(v.id);
    const children = (kids.get(v.id) ?? []).filter((c) => !seen.has(c.id)).map(build);
    return { ...v, children };
  };
  return (kids.get(null) ?? []).map(build);
}

/** Parent, grandparent, ... up to the root (nearest first). Stops on a cycle. */
export function ancestorIdsIn(index: Map<string, UnitView>, id: string): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let cur = index.get(id)?.parentId ?? null;
  while (cur !== null && index.has(cur) && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = index.get(cur)!.parentId;
  }
  return out;
}

/** Everything below `id` (units and the agencies inside them), breadth first. */
export function descendantIdsIn(index: Map<string, UnitView>, id: string): string[] {
  const kids = childrenMap(index);
  const out: string[] = [];
  const seen = new Set([id]);
  const queue = [id];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const c of kids.get(cur) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c.id);
      queue.push(c.id);
    }
  }
  return out;
}

/** Whether putting `id` under `newParentId` would make it its own ancestor. */
export function wouldCycle(index: Map<string, UnitView>, id: string, newParentId: string): boolean {
  return newParentId === id || ancestorIdsIn(index, newParentId).includes(id);
}

/**
 * Where a retired or merged unit's business went: follows successor links (merge, retire)
 * from `id` until a unit that is active (per `isActive`); null when the chain ends without
 * one or loops.
 */
export function resolveSuccessor(events: readonly UnitEvent[], id: string, isActive: (id: string) => boolean): string | null {
  const seen = new Set<string>();
  let cur: string | null = id;
  while (cur !== null && !seen.has(cur)) {
    if (isActive(cur)) return cur;
    seen.add(cur);
    const unitId: string = cur;
    const ev = events
      .filter((e) => e.unitId === unitId && (e.kind === 'merge' || e.kind === 'retire') && e.successorId)
      .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))[0];
    cur = ev?.successorId ?? null;
  }
  return null;
}

// ---------- planning changes ----------

function differs(v: UnitVersion, patch: VersionPatch): boolean {
  return (Object.keys(patch) as (keyof VersionPatch)[]).some((k) => patch[k] !== undefined && patch[k] !== v[k]);
}

function clean(patch: VersionPatch): VersionPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, val]) => val !== undefined)) as VersionPatch;
}

/**
 * The version edits that make `patch` true from `date` on. History before the present version
 * is never rewritten: the date must fall on or after the start of the open version. A change
 * on that very start day edits the version in place; a later one closes it and opens another.
 */
export function planChange(versions: readonly UnitVersion[], date: string, patch: VersionPatch, newId: string): Plan {
  const open = openVersion(versions);
  if (!open) return { ok: false, error: 'units.error.retired' };
  if (date < open.validFrom) return { ok: false, error: 'units.error.before_current' };
  const set = clean(patch);
  if (!differs(open, set)) return { ok: false, error: 'units.error.unchanged' };
  if (date === open.validFrom) return { ok: true, ops: [{ op: 'update', versionId: open.id, set }] };
  return {
    ok: true,
    ops: [
      { op: 'close', versionId: open.id, validTo: date },
      { op: 'insert', version: { ...open, ...set, id: newId, validFrom: date, validTo: null } },
    ],
  };
}

/** Ends a unit's existence on `date` (it existed until the day before). */
export function planRetire(versions: readonly UnitVersion[], date: string): Plan {
  const open = openVersion(versions);
  if (!open) return { ok: false, error: 'units.error.retired' };
  if (date <= open.validFrom) return { ok: false, error: 'units.error.before_current' };
  return { ok: true, ops: [{ op: 'close', versionId: open.id, validTo: date }] };
}

/** Applies planned ops to a list of versions (what the store does, for tests and previews). */
export function applyOps(versions: readonly UnitVersion[], ops: readonly VersionOp[]): UnitVersion[] {
  let out = versions.map((v) => ({ ...v }));
  for (const o of ops) {
    if (o.op === 'update') out = out.map((v) => (v.id === o.versionId ? { ...v, ...o.set } : v));
    else if (o.op === 'close') out = out.map((v) => (v.id === o.versionId ? { ...v, validTo: o.validTo } : v));
    else out.push({ ...o.version });
  }
  return out;
}

/** The province `id` is in (itself when a province) on the index's date; null when none. */
export function provinceIn(index: Map<string, UnitView>, id: string): UnitView | null {
  for (const x of [id, ...ancestorIdsIn(index, id)]) {
    const v = index.get(x);
    if (v?.kind === 'province') return v;
  }
  return null;
}

/**
 * The province this system serves on the index's date: the one holding the provincial public
 * administration service centre (Decree 118/2025 Art. 7; before, Decree 61/2018 Art. 7), so the
 * answer follows the centre across a provincial merger; else the first province at the root.
 */
export function homeProvinceIn(index: Map<string, UnitView>): UnitView | null {
  const views = [...index.values()].sort(compareViews);
  const centre = views.find((v) => v.kind === 'agency' && v.agencyType === 'service_centre' && v.level === 'province');
  const p = centre ? provinceIn(index, centre.id) : null;
  return p ?? views.find((v) => v.kind === 'province' && v.parentId === null) ?? null;
}

// ---------- history of a unit's business ----------

/**
 * The units whose business passed to one of `ids` through merges and retirements, transitively,
 * with what sat inside each the day before it ended (e.g. Phường III and its committee for
 * Phường Vị Thanh; Tỉnh Hậu Giang and everything in it for Thành phố Cần Thơ). `below(id, date)`
 * answers the units below `id` on a date. Not `ids` themselves.
 */
export function predecessorIdsIn(events: readonly UnitEvent[], ids: Iterable<string>, below: (id: string, date: string) => string[]): Set<string> {
  const covered = new Set(ids);
  const out = new Set<string>();
  const ends = events.filter((e) => (e.kind === 'merge' || e.kind === 'retire') && e.successorId);
  let grew = true;
  while (grew) {
    grew = false;
    for (const e of ends) {
      if (!covered.has(e.successorId!) || covered.has(e.unitId)) continue;
      for (const id of [e.unitId, ...below(e.unitId, dayBefore(e.effectiveDate))]) {
        if (covered.has(id)) continue;
        covered.add(id);
        out.add(id);
      }
      grew = true;
    }
  }
  return out;
}

export function dayBefore(date: string): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
