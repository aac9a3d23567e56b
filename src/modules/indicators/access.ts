/**
 * Who may drill into a unit's figures (issue 14 item 4): an officer watching (WATCHERS) at the
 * unit or above it. The index totals stay public (GET /api/v1/indicators); the records behind
 * them - dossiers, petitions, points at stake, targets, reports - are the unit's.
 */
import type { Actor, Role } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { canActAt, requireRoleAt, unitIndex } from './deps';
import { provinceOf, resolveUnit } from './service';

export const WATCHERS: Role[] = ['monitor', 'leader', 'admin'];

/**
 * The unit `ref` names (id or code), checked against the actor's scope. Without `ref`: the
 * province when the actor watches it, else the first unit the actor watches.
 */
export async function watchedUnit(ctx: Ctx, actor: Actor, ref?: string): Promise<{ id: string; isProvince: boolean }> {
  const idx = await unitIndex(ctx);
  const province = provinceOf(idx).id;
  let id: string;
  if (ref) id = resolveUnit(idx, ref).id;
  else if (await canActAt(ctx, actor, WATCHERS, province)) id = province;
  else id = actor.roles.find((g) => WATCHERS.includes(g.role) && idx.byId.has(g.unitId))?.unitId ?? province;
  await requireRoleAt(ctx, actor, WATCHERS, id);
  return { id, isProvince: id === province };
}
