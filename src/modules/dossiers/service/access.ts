/** Who may see a dossier (service/read.ts): its applicant, its submitter, officers of its units and of the units above. */
import { ROLES, type Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import * as deps from '../deps';
import { isApplicant, resolveStepUnit } from '../model';
import type { Dossier } from '../store';
import { snapshotOf, toMachine } from './common';

/** Units involved in a dossier: the desk, the deciding agency, every step's unit, the consulted unit. */
export function dossierUnits(d: Dossier): string[] {
  const ids = new Set([d.receiving_unit_id, d.deciding_unit_id]);
  for (const s of snapshotOf(d).process.steps) ids.add(resolveStepUnit(s, { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id }));
  if (d.consult_unit_id) ids.add(d.consult_unit_id);
  return [...ids];
}

/**
 * Who may see a dossier without asking the unit tree: its applicant, the officer who submitted
 * it on the applicant's behalf (postal point, digital team) and officers holding a role at one
 * of its units. canSeeDossier adds the units above (issue 14 item 4).
 */
export function canSee(actor: Actor, d: Dossier): boolean {
  if (actor.kind === 'citizen') return isApplicant(actor, toMachine(d, []));
  if (d.submitter_id === `officer:${actor.id}`) return true;
  const units = new Set(dossierUnits(d));
  return actor.roles.some((g) => units.has(g.unitId));
}

/**
 * canSee, and officers whose grants cover one of the dossier's units: any role at the unit or
 * above it (a monitor or administrator of the province sees the province's dossiers, not
 * another province's; a leader of a commune sees neither a department's nor another commune's).
 */
export async function canSeeDossier(ctx: Ctx, actor: Actor, d: Dossier): Promise<boolean> {
  if (canSee(actor, d)) return true;
  if (actor.kind !== 'officer') return false;
  const scope = await deps.unitScope(ctx, actor, ROLES);
  return dossierUnits(d).some((u) => scope.has(u));
}
