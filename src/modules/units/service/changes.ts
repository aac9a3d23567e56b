/**
 * The units service's changes (service.ts): rename, move, merge, retire, create, contacts - each
 * from a date on, by an officer with the admin role over the units (or the system).
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../../platform/context';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import {
  agencyCodeValid,
  ancestorIdsIn,
  codeValid,
  descendantIdsIn,
  levelFor,
  parentAllowed,
  planChange,
  planRetire,
  toView,
  UNIT_ID_RE,
  versionAt,
  wouldCycle,
  type AgencyType,
  type Unit,
  type UnitKind,
  type UnitVersion,
  type UnitView,
} from '../model';
import * as store from '../store';
import { today } from './common';
import { assertAdminOver, commit, committeeOf, event, loadForChange, requireDate, requireText, retireCascade, take, viewAfter, type Change } from './commit';

export interface RenameInput {
  id: string;
  name: string;
  effectiveDate: string;
  decision: string;
  code?: string | null;
  agencyCode?: string | null;
}

/** Renames a unit (and optionally changes its codes) from a date on. */
export async function renameUnit(ctx: Ctx, actor: Actor | null, input: RenameInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const name = requireText(input.name, 'units.error.name_required');
  const decision = requireText(input.decision, 'units.error.decision_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id], date);
    const l = await loadForChange(trx, [input.id], date);
    const u = l.need(input.id);
    if (input.code !== undefined && !codeValid(u.kind, input.code)) throw badRequest('units.error.bad_code', { kind: u.kind });
    if (input.agencyCode !== undefined && !agencyCodeValid(input.agencyCode)) throw badRequest('units.error.bad_agency_code');
    const change: Change = { ops: [], events: [] };
    const before = versionAt(l.versionsOf(u.id), date);
    change.ops.push(...take(planChange(l.versionsOf(u.id), date, { name, code: input.code, agencyCode: input.agencyCode }, randomUUID())));
    change.events.push(
      event(u.id, 'rename', date, decision, { details: { from: before?.name ?? null, to: name, code: input.code, agencyCode: input.agencyCode } }),
    );
    await commit(trx, actor, change, { action: 'unit.rename', entityId: u.id, details: { name, effectiveDate: date, decision, from: before?.name ?? null } });
    return viewAfter(trx, u.id, date);
  });
}

export interface MoveInput {
  id: string;
  parentId: string;
  effectiveDate: string;
  decision: string;
}

/** Re-attaches a unit to another parent from a date on (e.g. communes to the province on 1/7/2025). */
export async function moveUnit(ctx: Ctx, actor: Actor | null, input: MoveInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id, input.parentId], date);
    const l = await loadForChange(trx, [input.id], date);
    const u = l.need(input.id);
    const parent = l.active(input.parentId);
    l.active(u.id);
    if (!parentAllowed(u.kind, parent.kind)) throw badRequest('units.error.bad_parent');
    if (wouldCycle(l.index, u.id, parent.id)) throw badRequest('units.error.cycle');
    const from = l.index.get(u.id)!.parentId;
    const change: Change = { ops: [], events: [] };
    change.ops.push(...take(planChange(l.versionsOf(u.id), date, { parentId: parent.id }, randomUUID())));
    change.events.push(event(u.id, 'move', date, decision, { details: { from, to: parent.id } }));
    await commit(trx, actor, change, { action: 'unit.move', entityId: u.id, details: { from, to: parent.id, effectiveDate: date, decision } });
    return viewAfter(trx, u.id, date);
  });
}

export interface MergeInput {
  sourceIds: string[];
  targetId: string;
  effectiveDate: string;
  decision: string;
  /** The successor's name from the merge on, when it changes. */
  name?: string;
}

/**
 * Merges several units into one successor (which may be one of the old ones, keeping its id).
 * From the date on: the sources no longer exist, their people's committees are retired (with
 * the successor's committee as successor), their other children move under the successor.
 */
export async function mergeUnits(ctx: Ctx, actor: Actor | null, input: MergeInput): Promise<UnitView> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  const sources = [...new Set(input.sourceIds)];
  if (sources.length === 0) throw badRequest('units.error.merge_empty');
  if (sources.includes(input.targetId)) throw badRequest('units.error.merge_self');
  const newName = input.name === undefined ? undefined : requireText(input.name, 'units.error.name_required');
  return ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.targetId, ...sources], date);
    const l = await loadForChange(trx, [input.targetId, ...sources], date);
    const target = l.active(input.targetId);
    const change: Change = { ops: [], events: [] };
    const targetCommittee = committeeOf(l.index, target.id);
    for (const s of sources) {
      const src = l.active(s);
      if (src.kind !== target.kind) throw badRequest('units.error.merge_kind');
      // A source's people's committee passes its business to the successor's: without one it would be left without successor.
      const srcCommittee = committeeOf(l.index, s);
      if (srcCommittee && !targetCommittee) throw conflict('units.error.merge_no_successor', { unit: l.index.get(srcCommittee)!.name, target: target.name });
      if (ancestorIdsIn(l.index, target.id).includes(s)) throw badRequest('units.error.cycle');
      for (const childId of descendantIdsIn(l.index, s).filter((c) => l.index.get(c)!.parentId === s)) {
        const child = l.index.get(childId)!;
        if (child.agencyType === 'people_committee') {
          retireCascade(l, childId, date, decision, null, change);
          change.events.push(event(childId, 'retire', date, decision, { successorId: targetCommittee }));
        } else {
          change.ops.push(...take(planChange(l.versionsOf(childId), date, { parentId: target.id }, randomUUID())));
          change.events.push(event(childId, 'move', date, decision, { details: { from: s, to: target.id } }));
        }
      }
      change.ops.push(...take(planRetire(l.versionsOf(s), date)));
      change.events.push(event(s, 'merge', date, decision, { successorId: target.id, details: { into: target.id } }));
    }
    if (newName !== undefined && newName !== target.name) {
      change.ops.push(...take(planChange(l.versionsOf(target.id), date, { name: newName }, randomUUID())));
      change.events.push(event(target.id, 'rename', date, decision, { details: { from: target.name, to: newName } }));
    }
    change.events.push(event(target.id, 'merge', date, decision, { details: { absorbed: sources } }));
    await commit(trx, actor, change, { action: 'unit.merge', entityId: target.id, details: { sources, effectiveDate: date, decision, name: newName ?? null } });
    return viewAfter(trx, target.id, date);
  });
}

export interface RetireInput {
  id: string;
  effectiveDate: string;
  decision: string;
  successorId?: string | null;
}

/** Ends a unit (and the agencies inside it) on a date; administrative units inside must be moved or merged first. */
export async function retireUnit(ctx: Ctx, actor: Actor | null, input: RetireInput): Promise<void> {
  const date = requireDate(input.effectiveDate);
  const decision = requireText(input.decision, 'units.error.decision_required');
  const successorId = input.successorId || null;
  await ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [input.id], date);
    const l = await loadForChange(trx, [input.id], date);
    l.active(input.id);
    if (successorId) {
      if (successorId === input.id) throw badRequest('units.error.merge_self');
      l.active(successorId);
      if (descendantIdsIn(l.index, input.id).includes(successorId)) throw badRequest('units.error.cycle');
    }
    const change: Change = { ops: [], events: [] };
    retireCascade(l, input.id, date, decision, successorId, change);
    change.events.push(event(input.id, 'retire', date, decision, { successorId }));
    await commit(trx, actor, change, { action: 'unit.retire', entityId: input.id, details: { effectiveDate: date, decision, successorId } });
  });
}

export interface CreateInput {
  id?: string;
  kind: UnitKind;
  agencyType?: AgencyType | null;
  name: string;
  code?: string | null;
  agencyCode?: string | null;
  parentId: string | null;
  validFrom: string;
  decision?: string | null;
  hotline?: string | null;
  address?: string | null;
}

/** Creates a unit or agency from a date on. */
export async function createUnit(ctx: Ctx, actor: Actor | null, input: CreateInput): Promise<UnitView> {
  const date = requireDate(input.validFrom);
  const name = requireText(input.name, 'units.error.name_required');
  const id = input.id ?? randomUUID();
  if (!UNIT_ID_RE.test(id) && input.id !== undefined) throw badRequest('units.error.bad_id');
  const agencyType = input.kind === 'agency' ? (input.agencyType ?? null) : null;
  if (input.kind === 'agency' && !agencyType) throw badRequest('units.error.agency_type_required');
  const code = input.code ?? null;
  const agencyCode = input.agencyCode ?? null;
  if (!codeValid(input.kind, code)) throw badRequest('units.error.bad_code', { kind: input.kind });
  if (!agencyCodeValid(agencyCode)) throw badRequest('units.error.bad_agency_code');
  return ctx.db.transaction().execute(async (trx) => {
    if (input.parentId) await assertAdminOver(trx, actor, [input.parentId], date);
    else if (actor) throw forbidden('units.error.not_your_unit');
    const l = await loadForChange(trx, input.parentId ? [input.parentId] : [], date);
    if (l.unitById.has(id)) throw conflict('units.error.id_taken', { id });
    const parent = input.parentId ? l.active(input.parentId) : null;
    if (!parentAllowed(input.kind, parent?.kind ?? null)) throw badRequest('units.error.bad_parent');
    const level = levelFor(input.kind, parent?.level ?? null)!;
    const unit: Unit = { id, kind: input.kind, agencyType, hotline: input.hotline?.trim() || null, address: input.address?.trim() || null };
    await store.insertUnit(trx, unit);
    const version: UnitVersion = { id: randomUUID(), unitId: id, validFrom: date, validTo: null, name, code, agencyCode, parentId: parent?.id ?? null, level };
    const change: Change = {
      ops: [{ op: 'insert', version }],
      events: [event(id, 'create', date, input.decision?.trim() || null, { details: { parentId: version.parentId } })],
    };
    await commit(trx, actor, change, { action: 'unit.create', entityId: id, details: { kind: input.kind, name, parentId: version.parentId, validFrom: date } });
    return toView(unit, version);
  });
}

/** Updates a unit's present contact details (hotline, address). */
export async function setContacts(ctx: Ctx, actor: Actor | null, id: string, c: { hotline: string | null; address: string | null }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await assertAdminOver(trx, actor, [id], today(ctx));
    const [u] = await store.loadUnits(trx, [id]);
    if (!u) throw notFound('units.error.not_found', { id });
    await store.updateContacts(trx, id, c);
    await appendAudit(trx, {
      actorKind: actor ? actor.kind : 'system',
      actorId: actor?.id ?? null,
      action: 'unit.contacts',
      entity: 'unit',
      entityId: id,
      details: c,
    });
  });
}
