/** A role grant as people read it: the role and the unit's name (issue 13.5: unit names everywhere, never ids). */
import type { FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n';
import type { RoleGrant } from '../../platform/auth';
import { unitNameOrLast } from '../units/service';
import type { OfficerAccount } from './model';

/** Unit names for the grants shown (issue 13.5: unit names, never ids); a unit that has ended keeps its last name. */
export type UnitNames = ReadonlyMap<string, string>;
export async function unitNamesOf(req: FastifyRequest, officers: readonly OfficerAccount[]): Promise<UnitNames> {
  const ids = [...new Set(officers.flatMap((o) => o.roles.map((g) => g.unitId)))];
  const names = await Promise.all(ids.map(async (id) => [id, (await unitNameOrLast(req.server.ctx, id)) ?? id] as const));
  return new Map(names);
}

export function GrantText({ req, g, names }: { req: FastifyRequest; g: RoleGrant; names: UnitNames }) {
  return (
    <>
      {t(req.lang, `identity.role.${g.role}`)} – {names.get(g.unitId) ?? g.unitId}
    </>
  );
}
