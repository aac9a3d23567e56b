/**
 * Unit-scoped authorization beyond src/platform/auth.ts: a role held at a unit covers that
 * unit and every unit below it in the tree (a provincial administrator covers the province).
 */
import type { Ctx } from '../../platform/context';
import { unitsWithRole, type Actor, type Role } from '../../platform/auth';
import { forbidden } from '../../platform/errors';
import { descendantIds } from '../units/service';

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
