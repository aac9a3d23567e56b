import type { FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from './errors';

/** Officer roles (vai trò), each held at one unit of the tree. */
export const ROLES = ['reception', 'specialist', 'leader', 'controller', 'monitor', 'admin', 'digital_team', 'postal'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  unitId: string;
}

/** Who is acting: a citizen or business logged in through VNeID, or an officer. */
export interface Actor {
  kind: 'citizen' | 'officer';
  /** identity.people.id or identity.officers.id */
  id: string;
  name: string;
  /** Citizens: personal identification number (số định danh cá nhân). */
  personalId?: string;
  /** Businesses: tax code (mã số thuế) of the organisation the citizen acts for. */
  orgTaxCode?: string;
  roles: RoleGrant[];
  sessionId?: string;
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function requireCitizen(req: FastifyRequest): Actor {
  const a = requireActor(req);
  if (a.kind !== 'citizen') throw forbidden();
  return a;
}

/** The officer must hold one of `roles` (at any unit); unit checks happen in the service. */
export function requireOfficer(req: FastifyRequest, roles?: readonly Role[]): Actor {
  const a = requireActor(req);
  if (a.kind !== 'officer') throw forbidden();
  if (roles && !a.roles.some((g) => roles.includes(g.role))) throw forbidden();
  return a;
}

/** Units at which the actor holds any of `roles`. */
export function unitsWithRole(actor: Actor, roles: readonly Role[]): string[] {
  return actor.roles.filter((g) => roles.includes(g.role)).map((g) => g.unitId);
}

export function hasRoleAt(actor: Actor, roles: readonly Role[], unitId: string): boolean {
  return actor.roles.some((g) => roles.includes(g.role) && g.unitId === unitId);
}
