/**
 * Open dossiers of a retired district (issue 11): a dossier received before 1/7/2025 by a
 * district-level unit of Hậu Giang (UBND thành phố Vị Thanh, UBND huyện Châu Thành A) stays open
 * across the end of the district level. Its unit's recorded successor is the city (the units
 * module retires the districts into it), but the work of the procedure went to the communes: the
 * procedure's version in force today is decided by a commune. So the dossier goes to the commune,
 * among the communes that took over the district's communes, where the applicant lives, and to that
 * commune's pair (desk, deciding agency) of today's version. Only the ended units are replaced; the
 * code, the version it was received under (its steps, time limit) and its history stay.
 * When the commune cannot be told (no address, an address outside the district, no pair there),
 * the dossier is left with the successor, as before, and the answer says why.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Ctx } from '../../../platform/context';
import * as deps from '../deps';
import { resolveStepUnit } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { recordEvent, snapshotOf } from './common';

export type RerouteReason = 'no_address' | 'address_unknown' | 'outside_district' | 'no_version_today' | 'no_agency_there' | 'changed';

export interface RerouteOutcome {
  dossierId: string;
  code: string;
  from: { receivingUnitId: string; decidingUnitId: string };
  /** The units it now has; null when it was left as it was (then `reason`). */
  to: { receivingUnitId: string; decidingUnitId: string } | null;
  /** The commune of today of the applicant's address, when recognised. */
  communeId: string | null;
  reason: RerouteReason | null;
}

/** Where one dossier goes (pure of writes): the pair of today's version in the applicant's commune among the district's heirs. */
async function targetOf(
  ctx: Ctx,
  d: Dossier,
  ended: string[],
  day: string,
): Promise<{ to: RerouteOutcome['to']; communeId: string | null; reason: RerouteReason | null }> {
  if (!d.applicant_address?.trim()) return { to: null, communeId: null, reason: 'no_address' };
  const communeId = (await deps.normaliseAddressNow(ctx, d.applicant_address)).unitId;
  if (!communeId) return { to: null, communeId: null, reason: 'address_unknown' };
  const heirs = new Set<string>();
  for (const id of ended) for (const h of await deps.communeHeirs(ctx, id, day)) heirs.add(h);
  if (!heirs.has(communeId)) return { to: null, communeId, reason: 'outside_district' };
  const snap = await deps.procedureSnapshot(ctx, d.procedure_code, ctx.clock.now());
  if (!snap) return { to: null, communeId, reason: 'no_version_today' };
  for (const pair of snap.agencies) {
    const up = [pair.decidingUnitId, ...(await deps.ancestorIds(ctx, pair.decidingUnitId, day))];
    if (!up.includes(communeId)) continue;
    return {
      to: {
        receivingUnitId: ended.includes(d.receiving_unit_id) ? pair.receivingUnitId : d.receiving_unit_id,
        decidingUnitId: ended.includes(d.deciding_unit_id) ? pair.decidingUnitId : d.deciding_unit_id,
      },
      communeId,
      reason: null,
    };
  }
  return { to: null, communeId, reason: 'no_agency_there' };
}

/**
 * Routes every dossier not yet closed whose desk or deciding agency has ended (today, Vietnam
 * civil date) to the commune that took its work (above). A province administrator's act; each
 * move is one transaction: the dossier's units (and its current step's unit, unassigned), the
 * step history (the step at the old unit closed, the same step opened at the new one, due date
 * kept), an event `reroute` with both pairs, the outbox message and the audit entry. Running it
 * again moves nothing more (the new units exist today).
 */
export async function rerouteRetiredDossiers(ctx: Ctx, actor: Actor, opts: { ip?: string | null } = {}): Promise<RerouteOutcome[]> {
  await deps.requireProvinceRole(ctx, actor, ['admin']);
  const now = ctx.clock.now();
  const day = civilDateVN(now);
  const ended = new Set<string>();
  for (const id of await store.unitsOfUnclosed(ctx.db)) if (!(await deps.getUnit(ctx, id, day))) ended.add(id);
  const out: RerouteOutcome[] = [];
  for (const d of await store.unclosedAtUnits(ctx.db, [...ended])) {
    const endedHere = [d.receiving_unit_id, d.deciding_unit_id].filter((u) => ended.has(u));
    const from = { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id };
    const target = await targetOf(ctx, d, [...new Set(endedHere)], day);
    if (!target.to) {
      out.push({ dossierId: d.id, code: d.code, from, to: null, communeId: target.communeId, reason: target.reason });
      continue;
    }
    const to = target.to;
    const moved = await ctx.db.transaction().execute(async (trx) => {
      const step = d.step_index != null ? snapshotOf(d).process.steps[d.step_index] : undefined;
      const stepUnit = step ? resolveStepUnit(step, to) : d.step_unit_id;
      const stepMoved = !!step && stepUnit !== d.step_unit_id;
      const version = await store.updateIfVersion(trx, d.id, d.version, {
        receiving_unit_id: to.receivingUnitId,
        deciding_unit_id: to.decidingUnitId,
        step_unit_id: stepUnit ?? null,
        ...(stepMoved ? { assignee_id: null } : {}),
        updated_at: now,
      });
      if (version === null) return false;
      if (stepMoved && step) {
        const open = (await store.listSteps(trx, d.id)).find((s) => s.left_at === null);
        await store.closeOpenStep(trx, d.id, { left_at: now, outcome: 'reroute', handled_by: actor.id });
        await store.insertStep(trx, {
          id: randomUUID(),
          dossier_id: d.id,
          step_index: d.step_index!,
          step_key: step.key,
          step_name: step.name,
          unit_id: stepUnit!,
          role: step.role,
          entered_at: now,
          due_at: open?.due_at ?? d.step_due_at ?? now,
        });
      }
      const after = { ...d, receiving_unit_id: to.receivingUnitId, deciding_unit_id: to.decidingUnitId };
      await recordEvent(trx, {
        dossier: after,
        seq: version,
        at: now,
        actor,
        action: 'reroute',
        from: d.state,
        to: d.state,
        stepKey: d.step_key ?? null,
        data: { previous: from, next: to, communeId: target.communeId, basis: 'retired_unit' },
        ip: opts.ip ?? null,
      });
      return true;
    });
    out.push({ dossierId: d.id, code: d.code, from, to: moved ? to : null, communeId: target.communeId, reason: moved ? null : 'changed' });
  }
  return out;
}
