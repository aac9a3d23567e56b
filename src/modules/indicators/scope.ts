/**
 * Which units an officer may watch (forecast, points at stake, overdue-cause ledger): an
 * administrator or a monitor everything below the unit where they hold the role; a leader his
 * unit and everything below it - the leader of a people's committee leads its commune, district
 * or province, so his scope is the committee's parent.
 */
import type { Actor } from '../../platform/auth';
import { forbidden } from '../../platform/errors';
import type { UnitIndex } from './deps';
import type { TreeNode } from './deps';

const WIDE = ['admin', 'monitor'] as const;

function scopeRoot(idx: UnitIndex, unitId: string, role: string): string {
  const n = idx.byId.get(unitId);
  if (role === 'leader' && n && n.kind === 'agency' && n.agencyType === 'people_committee' && n.parentId) return n.parentId;
  return unitId;
}

/** The units the actor's watching roles cover (the roots of their scopes). */
export function watchRoots(actor: Actor, idx: UnitIndex): string[] {
  return actor.roles
    .filter((g) => g.role === 'leader' || (WIDE as readonly string[]).includes(g.role))
    .map((g) => (g.unitId === 'system' ? (idx.roots[0]?.id ?? g.unitId) : scopeRoot(idx, g.unitId, g.role)));
}

export function canWatch(actor: Actor, idx: UnitIndex, unitId: string): boolean {
  if (actor.roles.some((g) => g.role === 'admin')) return true;
  return watchRoots(actor, idx).some((root) => idx.withDescendants(root).has(unitId));
}

/** Refuses (403, Vietnamese) a unit outside the actor's scope. */
export function assertCanWatch(actor: Actor, idx: UnitIndex, unit: TreeNode): void {
  if (!canWatch(actor, idx, unit.id)) throw forbidden('indicators.scope.forbidden', { unit: unit.name });
}

/** The unit a screen opens on when none is asked: the first of the actor's scopes. */
export function defaultWatchUnit(actor: Actor, idx: UnitIndex): TreeNode | null {
  if (actor.roles.some((g) => g.role === 'admin')) return idx.roots[0] ?? null;
  for (const r of watchRoots(actor, idx)) {
    const n = idx.byId.get(r);
    if (n) return n;
  }
  return null;
}
