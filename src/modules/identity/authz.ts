/**
 * Authorization by unit (issue 14 item 4): a role held at a unit covers that unit, every unit
 * below it and every unit merged or retired into them (units service `coveredIds`), so a
 * successor's officers handle what its predecessors left open. The matrix of who may do what
 * at which unit is data: authz-matrix.ts, rendered to docs/authorization.md. The grants an
 * officer acts with follow the mergers of administrative units by date (actingGrants).
 */
import type { Ctx } from '../../platform/context';
import { unitsWithRole, type Actor, type Role, type RoleGrant } from '../../platform/auth';
import { forbidden } from '../../platform/errors';
import { coveredIds, grantReach, homeProvince, unitTree, type TreeNode } from '../units/service';

/** The units where `actor` may act with one of `roles`: what the units of the grants cover. */
export async function unitScope(ctx: Ctx, actor: Actor, roles: readonly Role[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (actor.kind !== 'officer') return out;
  for (const unitId of new Set(unitsWithRole(actor, roles))) {
    for (const id of await coveredIds(ctx, unitId)) out.add(id);
  }
  return out;
}

export async function canActAt(ctx: Ctx, actor: Actor, roles: readonly Role[], unitId: string): Promise<boolean> {
  if (actor.kind !== 'officer' || !actor.roles.some((g) => roles.includes(g.role))) return false;
  return (await unitScope(ctx, actor, roles)).has(unitId);
}

/**
 * Throws 403 unless `actor` is an officer holding one of `roles` at `unitId` or at a unit whose
 * scope covers it. The one check every module uses for an officer's action or read at a unit.
 * 403 `error.forbidden` without any of the roles, 403 `identity.error.wrong_unit` when they are
 * held only at units that do not cover `unitId`.
 */
export async function requireRoleAt(ctx: Ctx, actor: Actor, roles: readonly Role[], unitId: string): Promise<void> {
  // Without any of the roles anywhere: the plain refusal; with them at another unit: say so.
  if (actor.kind !== 'officer' || !actor.roles.some((g) => roles.includes(g.role))) throw forbidden();
  if (!(await canActAt(ctx, actor, roles, unitId))) throw forbidden('identity.error.wrong_unit');
}

/** True when every unit of `unitIds` is in the actor's scope for `roles` (and there is at least one). */
export async function coversAll(ctx: Ctx, actor: Actor, roles: readonly Role[], unitIds: readonly string[]): Promise<boolean> {
  if (unitIds.length === 0) return false;
  const scope = await unitScope(ctx, actor, roles);
  return unitIds.every((id) => scope.has(id));
}

/** The root of the unit tree today (the province): province-wide settings are acts at this unit. */
export async function rootUnitId(ctx: Ctx): Promise<string> {
  const roots: TreeNode[] = await unitTree(ctx);
  if (!roots[0]) throw forbidden('identity.error.wrong_unit');
  return roots[0].id;
}

/** requireRoleAt at the root of the tree: for what is the whole province's (settings, national links). */
export async function requireProvinceRole(ctx: Ctx, actor: Actor, roles: readonly Role[]): Promise<void> {
  if (actor.kind !== 'officer') throw forbidden();
  await requireRoleAt(ctx, actor, roles, await rootUnitId(ctx));
}

/**
 * requireRoleAt for what the province does as a whole through one of its own agencies: the
 * catalogue of procedures (Decree 63/2010 art. 15 and Decree 118/2025: the provincial People's
 * Committee publishes it, its Office controls it), the FAQ, the surveys, the working calendar.
 * Passes when one of `roles` is held at the root of the tree or at an agency directly under it
 * (Văn phòng UBND, a Sở); a commune's officer with the same role is refused (identity.error.wrong_unit).
 */
export async function requireProvinceLevelRole(ctx: Ctx, actor: Actor, roles: readonly Role[]): Promise<void> {
  if (actor.kind !== 'officer' || !actor.roles.some((g) => roles.includes(g.role))) throw forbidden();
  // The province the system serves on the day (the tree may hold other roots: a neighbour before a merger).
  const home = await homeProvince(ctx);
  const roots = await unitTree(ctx);
  const root = roots.find((r) => r.id === home?.id) ?? roots[0];
  if (!root) throw forbidden('identity.error.wrong_unit');
  const provincial = new Set([root.id, ...root.children.filter((c) => c.kind === 'agency').map((c) => c.id)]);
  const scope = await unitScope(ctx, actor, roles);
  if (![...provincial].some((id) => scope.has(id))) throw forbidden('identity.error.wrong_unit');
}

/**
 * The grants an officer acts with today: the stored ones, plus the same role at the units whose
 * business has passed to the granted unit by merger (from 1/7/2025 UBND phường Vị Thanh acts for
 * the former UBND phường III and VII: their open dossiers, Resolution 1668/NQ-UBTVQH15), and at
 * the successor of a granted unit that has ended (an officer of a merged commune works for the
 * new one until the administrator changes the account). Stored grants come first.
 */
export async function actingGrants(ctx: Ctx, grants: readonly RoleGrant[]): Promise<RoleGrant[]> {
  if (grants.length === 0) return [];
  const reach = await grantReach(
    ctx,
    grants.map((g) => g.unitId),
  );
  const out: RoleGrant[] = [...grants];
  const has = new Set(grants.map((g) => `${g.role}|${g.unitId}`));
  for (const g of grants) {
    for (const unitId of reach.get(g.unitId) ?? []) {
      const k = `${g.role}|${unitId}`;
      if (has.has(k)) continue;
      has.add(k);
      out.push({ role: g.role, unitId });
    }
  }
  return out;
}
