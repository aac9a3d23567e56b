/**
 * How a change to the units is loaded, checked and committed (service/changes.ts): the shared steps
 * of renaming, moving, merging, retiring and creating units.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import {
  ancestorIdsIn,
  descendantIdsIn,
  indexAt,
  isCivilDate,
  planRetire,
  predecessorIdsIn,
  toView,
  versionAt,
  type Plan,
  type Unit,
  type UnitEvent,
  type UnitView,
  type VersionOp,
} from '../model';
import * as store from '../store';
import type { MessageKey } from '../../../platform/i18n/keys';
import { snapshot, type Q } from './common';

export interface Change {
  ops: VersionOp[];
  events: UnitEvent[];
}

export function requireDate(d: string): string {
  if (!isCivilDate(d)) throw badRequest('units.error.bad_date', { value: d });
  return d;
}

export function requireText(s: string | undefined, key: MessageKey): string {
  const v = (s ?? '').trim();
  if (!v) throw badRequest(key);
  return v;
}

export function take(plan: Plan): VersionOp[] {
  if (plan.ok) return plan.ops;
  throw conflict(plan.error);
}

export function event(unitId: string, kind: UnitEvent['kind'], date: string, decision: string | null, extra: Partial<UnitEvent> = {}): UnitEvent {
  return { id: randomUUID(), unitId, kind, effectiveDate: date, decision, successorId: null, details: {}, ...extra };
}

export async function loadForChange(trx: Q, lockIds: string[], date: string) {
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

export type Loaded = Awaited<ReturnType<typeof loadForChange>>;

/** Retires `id` and every agency inside it; refuses while administrative units still sit inside. */
export function retireCascade(l: Loaded, id: string, date: string, decision: string, successorId: string | null, out: Change) {
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

export function committeeOf(index: Map<string, UnitView>, unitId: string): string | null {
  for (const v of index.values()) if (v.parentId === unitId && v.agencyType === 'people_committee') return v.id;
  return null;
}

export async function commit(trx: Q, actor: Actor | null, change: Change, audit: { action: string; entityId: string; details: Record<string, unknown> }) {
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
export async function assertAdminOver(trx: Q, actor: Actor | null, ids: string[], date: string) {
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

export async function viewAfter(trx: Q, id: string, date: string): Promise<UnitView> {
  const [u] = await store.loadUnits(trx, [id]);
  const v = versionAt(await store.loadVersions(trx, id), date)!;
  return toView(u!, v);
}
