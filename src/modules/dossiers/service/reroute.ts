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
 * the dossier goes to the district's recorded successor (the city's committee) and the answer says why.
 *
 * Every other ended unit (a commune's committee merged into another commune's, Resolution
 * 1668/NQ-UBTVQH15; a province's agency) hands its open dossiers to its recorded successor
 * (`unitEnding`: the merge or retirement event effective on or before today, Vietnam civil date).
 * A unit retired without successor is not touched: its dossiers are reported, never guessed.
 * The scheduled job (`dossiers.reroute-retired`, index.ts) runs this every day at 00:05 in Vietnam.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Ctx } from '../../../platform/context';
import * as deps from '../deps';
import { resolveStepUnit } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { appendAudit } from '../../../platform/audit';
import { recordEvent, snapshotOf } from './common';

export type RerouteReason = 'no_address' | 'address_unknown' | 'outside_district' | 'no_version_today' | 'no_agency_there' | 'changed' | 'no_successor';

export interface RerouteOutcome {
  dossierId: string;
  code: string;
  from: { receivingUnitId: string; decidingUnitId: string };
  /** The units it now has; null when it was left as it was (then `reason`). */
  to: { receivingUnitId: string; decidingUnitId: string } | null;
  /** The commune of today of the applicant's address, when recognised (dossiers of a retired district). */
  communeId: string | null;
  /** Not moved: why. Moved from a retired district to its recorded successor instead of a commune: why not a commune. */
  reason: RerouteReason | null;
}

/** An ended unit with open dossiers and no successor: nothing of it is moved (the administrator decides). */
export interface UnitWithoutSuccessor {
  unitId: string;
  name: string;
  effectiveDate: string | null;
  decision: string | null;
  dossiers: string[];
}

export interface RerouteRun {
  /** Vietnam civil date the run was made for. */
  day: string;
  outcomes: RerouteOutcome[];
  withoutSuccessor: UnitWithoutSuccessor[];
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

/** The history text of a move (Vietnamese, as every dossier history): "Chuyển sang <successor> do sáp nhập đơn vị, theo <legal basis>". */
export function rerouteComment(successorNames: string[], decisions: string[]): string {
  const basis = decisions.length ? decisions.join('; ') : 'quyết định sắp xếp đơn vị hành chính';
  return `Chuyển sang ${successorNames.join(', ')} do sáp nhập đơn vị, theo ${basis}`;
}

/**
 * Moves every dossier not yet closed whose desk or deciding agency has ended (on or before today,
 * Vietnam civil date) to the unit that holds that unit's business: for a retired district the
 * commune that took its work (above), else the recorded successor. `actor` null: the scheduled job
 * (the system); an officer must be a province administrator. Each move is one transaction,
 * guarded by the dossier's version (two runs at once move it once): the dossier's units (and its
 * current step's unit, unassigned), the step history (the step at the old unit closed, the same
 * step opened at the new one, due date kept), an event `reroute` with both pairs, the legal basis
 * and the text "Chuyển sang ... do sáp nhập đơn vị, theo ...", the outbox message and the audit
 * entry; then the new units' officers are told (inbox), and one audit entry `dossier.reroute_run`
 * sums the run up. The code, the original units (in the event) and the history stay. Running it
 * again moves nothing more (the new units exist today).
 */
export async function rerouteRetiredDossiers(ctx: Ctx, actor: Actor | null, opts: { ip?: string | null } = {}): Promise<RerouteRun> {
  if (actor) await deps.requireProvinceRole(ctx, actor, ['admin']);
  const now = ctx.clock.now();
  const day = civilDateVN(now);
  const ended = new Map<string, deps.UnitEnding>();
  for (const id of await store.unitsOfUnclosed(ctx.db)) {
    const e = await deps.unitEnding(ctx, id, day);
    if (e) ended.set(id, e);
  }
  const out: RerouteOutcome[] = [];
  const orphans = new Map<string, UnitWithoutSuccessor>();
  const names = new Map<string, string>();
  const nameOf = async (id: string) => {
    let n = names.get(id);
    if (n === undefined) names.set(id, (n = await deps.unitName(ctx, id)));
    return n;
  };
  for (const d of await store.unclosedAtUnits(ctx.db, [...ended.keys()])) {
    const endedHere = [...new Set([d.receiving_unit_id, d.deciding_unit_id].filter((u) => ended.has(u)))];
    const from = { receivingUnitId: d.receiving_unit_id, decidingUnitId: d.deciding_unit_id };
    const endings = endedHere.map((u) => ended.get(u)!);
    const orphan = endings.filter((e) => !e.successorId);
    if (orphan.length > 0) {
      for (const e of orphan) {
        const o = orphans.get(e.unitId) ?? { unitId: e.unitId, name: e.name, effectiveDate: e.effectiveDate, decision: e.decision, dossiers: [] };
        o.dossiers.push(d.code);
        orphans.set(e.unitId, o);
      }
      out.push({ dossierId: d.id, code: d.code, from, to: null, communeId: null, reason: 'no_successor' });
      continue;
    }
    // A retired district's work went to the communes (Law 72/2025/QH15): the applicant's commune when it can be told.
    const district = endings.every((e) => e.level === 'district');
    const target = district ? await targetOf(ctx, d, endedHere, day) : { to: null, communeId: null, reason: null };
    const successor = (u: string) => ended.get(u)?.successorId ?? u;
    const to = target.to ?? { receivingUnitId: successor(d.receiving_unit_id), decidingUnitId: successor(d.deciding_unit_id) };
    const newUnits = [...new Set([to.receivingUnitId, to.decidingUnitId].filter((u, i) => u !== [from.receivingUnitId, from.decidingUnitId][i]))];
    const decisions = [...new Set(endings.map((e) => e.decision).filter((x): x is string => !!x))];
    const successorNames = await Promise.all(newUnits.map(nameOf));
    const comment = rerouteComment(successorNames, decisions);
    let stepUnitAfter: string | null = null;
    const version = await ctx.db.transaction().execute(async (trx) => {
      const step = d.step_index != null ? snapshotOf(d).process.steps[d.step_index] : undefined;
      const stepUnit = step ? resolveStepUnit(step, to) : d.step_unit_id;
      const stepMoved = !!step && stepUnit !== d.step_unit_id;
      stepUnitAfter = stepUnit ?? null;
      const version = await store.updateIfVersion(trx, d.id, d.version, {
        receiving_unit_id: to.receivingUnitId,
        deciding_unit_id: to.decidingUnitId,
        step_unit_id: stepUnit ?? null,
        ...(stepMoved ? { assignee_id: null } : {}),
        updated_at: now,
      });
      if (version === null) return null;
      if (stepMoved && step) {
        const open = (await store.listSteps(trx, d.id)).find((s) => s.left_at === null);
        await store.closeOpenStep(trx, d.id, { left_at: now, outcome: 'reroute', handled_by: actor?.id ?? null });
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
        comment,
        data: {
          previous: from,
          next: to,
          communeId: target.communeId,
          basis: 'retired_unit',
          decisions,
          ended: endings.map((e) => ({ unitId: e.unitId, name: e.name, effectiveDate: e.effectiveDate, successorId: e.successorId })),
        },
        ip: opts.ip ?? null,
      });
      return version;
    });
    if (version === null) {
      out.push({ dossierId: d.id, code: d.code, from, to: null, communeId: target.communeId, reason: 'changed' });
      continue;
    }
    out.push({ dossierId: d.id, code: d.code, from, to, communeId: target.communeId, reason: target.reason });
    await deps.tellDossierTransferred(ctx, {
      sourceId: `dossier.reroute:${d.id}:${version}`,
      dossierId: d.id,
      code: d.code,
      procedure: d.procedure_name,
      unitIds: [...new Set([...newUnits, ...(stepUnitAfter ? [stepUnitAfter] : [])])],
      unit: successorNames.join(', '),
      reason: comment,
    });
  }
  const withoutSuccessor = [...orphans.values()];
  const moved = out.filter((o) => o.to);
  if (moved.length > 0 || withoutSuccessor.length > 0)
    await appendAudit(ctx.db, {
      actorKind: actor ? actor.kind : 'system',
      actorId: actor?.id ?? null,
      action: 'dossier.reroute_run',
      entity: 'dossier',
      entityId: null,
      ip: opts.ip ?? null,
      at: now,
      details: {
        day,
        moved: moved.length,
        kept: out.length - moved.length,
        rerouted: moved.map((o) => ({ code: o.code, from: o.from, to: o.to })),
        withoutSuccessor: withoutSuccessor.map((u) => ({ unitId: u.unitId, name: u.name, decision: u.decision, dossiers: u.dossiers })),
      },
    });
  return { day, outcomes: out, withoutSuccessor };
}

/** An ended unit that open dossiers still name, and where they would go (the administrator's screen). */
export interface EndedUnitWithDossiers {
  unitId: string;
  name: string;
  effectiveDate: string | null;
  decision: string | null;
  successorId: string | null;
  successorName: string | null;
  dossiers: string[];
}

/**
 * What the next run would find (no writes): every unit ended by today that open dossiers still
 * name as desk or deciding agency, with its successor (null: none, they stay) and their codes.
 * A province administrator's read, like the run itself.
 */
export async function endedUnitsWithDossiers(ctx: Ctx, actor: Actor): Promise<EndedUnitWithDossiers[]> {
  await deps.requireProvinceRole(ctx, actor, ['admin']);
  const day = civilDateVN(ctx.clock.now());
  const out = new Map<string, EndedUnitWithDossiers>();
  for (const id of await store.unitsOfUnclosed(ctx.db)) {
    const e = await deps.unitEnding(ctx, id, day);
    if (e)
      out.set(id, {
        unitId: id,
        name: e.name,
        effectiveDate: e.effectiveDate,
        decision: e.decision,
        successorId: e.successorId,
        successorName: e.successorName,
        dossiers: [],
      });
  }
  for (const d of await store.unclosedAtUnits(ctx.db, [...out.keys()]))
    for (const u of new Set([d.receiving_unit_id, d.deciding_unit_id])) out.get(u)?.dossiers.push(d.code);
  for (const u of out.values()) u.dossiers.sort();
  return [...out.values()].sort((a, b) => Number(!!a.successorId) - Number(!!b.successorId) || a.name.localeCompare(b.name, 'vi'));
}
