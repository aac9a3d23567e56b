/**
 * Unit-scoped authorization beyond src/platform/auth.ts: a role held at a unit covers that
 * unit and every unit below it in the tree (a provincial administrator covers the province),
 * and follows the mergers of administrative units (actingGrants).
 */
import type { Ctx } from '../../platform/context';
import { unitsWithRole, type Actor, type Role, type RoleGrant } from '../../platform/auth';
import { forbidden } from '../../platform/errors';
import { descendantIds, grantReach } from '../units/service';

/** The units where `actor` may act with one of `roles`: the units of the grants and their descendants. */
export async function unitScope(ctx: Ctx, actor: Actor, roles: readonly Role[]): Promise<Set<string>> {
  const out = new Set<string>();
  if (actor.kind !== 'officer') return out;
  for (const unitId of new Set(unitsWithRole(actor, roles))) {
    out.add(unitId);
    for (const d of await descendantIds(ctx, unitId)) out.add(d);
  }
  return out;
}

export async function canActAt(ctx: Ctx, actor: Actor, roles: readonly Role[], unitId: string): Promise<boolean> {
  return (await unitScope(ctx, actor, roles)).has(unitId);
}

/** Throws 403 unless the officer holds one of `roles` at `unitId` or above it. */
export async function requireRoleAt(ctx: Ctx, actor: Actor, roles: readonly Role[], unitId: string): Promise<void> {
  if (!(await canActAt(ctx, actor, roles, unitId))) throw forbidden();
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
  const reach = await grantReach(ctx, grants.map((g) => g.unitId));
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
