/** Reading dossiers: who may see what, the applicant's list, officers' queues, public lookup, facts for the indicators. */
import { ROLES, type Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, forbidden, notFound } from '../../../platform/errors';
import { countAndLock, lockedUntil, type LimitRule } from '../../../platform/limits';
import * as deps from '../deps';
import {
  fetchedKeys,
  sourcesOf,
  type ComponentSourceRecord,
  classifyOpen,
  classifyTimeliness,
  isApplicant,
  isDueSoon,
  NATIONAL_STATUS,
  resolveStepUnit,
  secretMatches,
  type DossierState,
} from '../model';
import * as store from '../store';
import type { Dossier, DossierEvent, DossierFile, FactRow } from '../store';
import { snapshotOf, toMachine } from './common';
import { dossierIdByPortalCode, frontDoorOf } from './front-door';

export { getDossier as getDossierRow } from '../store';

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

export interface DossierView {
  id: string;
  code: string;
  version: number;
  state: DossierState;
  nationalStatus: number;
  channel: string;
  procedure: { id: string; versionId: string; code: string; name: string };
  /** addressToday: the address in the unit names of the day of submission when it named old units (issue 11.4), else null. */
  applicant: { kind: string; name: string; idNumber: string; phone: string | null; email: string | null; address: string | null; addressToday: string | null };
  receivingUnitId: string;
  decidingUnitId: string;
  step: {
    index: number;
    key: string;
    name: string;
    unitId: string;
    role: string;
    enteredAt: string | null;
    dueAt: string | null;
    dueSoon: boolean;
    assigneeId: string | null;
  } | null;
  consultation: { unitId: string; dueAt: string | null } | null;
  submittedAt: string;
  receivedAt: string | null;
  dueAt: string | null;
  appointmentAt: string | null;
  paused: boolean;
  supplementRequests: number;
  apologyAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  returnMethod: string | null;
  closedAt: string | null;
  closeReason: string | null;
  timeliness: 'early' | 'on_time' | 'late' | 'in_time' | null;
  data: unknown;
  files: {
    id: string;
    kind: string;
    componentKey: string | null;
    fileName: string;
    contentType: string;
    size: number;
    digitized: boolean;
    uploadedAt: string;
    signState?: string | null;
    signAttempts?: number;
    signError?: string | null;
  }[];
  /** source: what its data source gave (fetched from the population database / VNeID / e-data store, or why not). */
  components: { key: string; name: string; optional: boolean; provided: boolean; source?: ComponentSourceRecord }[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function viewOf(d: Dossier, files: DossierFile[], now: Date, cal?: { dueSoon: (due: Date | null) => boolean }): DossierView {
  const snap = snapshotOf(d);
  const step = d.step_index != null ? snap.process.steps[d.step_index] : undefined;
  const end = d.result_ready_at ?? null;
  let timeliness: DossierView['timeliness'] = null;
  if (d.due_at && end) timeliness = classifyTimeliness({ finishedAt: end, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  else if (d.due_at && !d.closed_at) timeliness = classifyOpen({ asOf: now, dueAt: d.due_at, supplementRequests: d.supplement_requests });
  const have = new Set<string | null>(files.filter((f) => f.kind !== 'result').map((f) => f.component_key));
  const sources = sourcesOf(d.component_sources);
  for (const k of fetchedKeys(sources)) have.add(k);
  return {
    id: d.id,
    code: d.code,
    version: d.version,
    state: d.state as DossierState,
    nationalStatus: NATIONAL_STATUS[d.state as DossierState],
    channel: d.channel,
    procedure: { id: d.procedure_id, versionId: d.procedure_version_id, code: d.procedure_code, name: d.procedure_name },
    applicant: {
      kind: d.applicant_kind,
      name: d.applicant_name,
      idNumber: d.applicant_id_number,
      phone: d.applicant_phone,
      email: d.applicant_email,
      address: d.applicant_address,
      addressToday: d.applicant_address_today ?? null,
    },
    receivingUnitId: d.receiving_unit_id,
    decidingUnitId: d.deciding_unit_id,
    step:
      step && d.step_index != null
        ? {
            index: d.step_index,
            key: step.key,
            name: step.name,
            unitId: d.step_unit_id!,
            role: d.step_role!,
            enteredAt: iso(d.step_entered_at),
            dueAt: iso(d.step_due_at),
            dueSoon: cal ? cal.dueSoon(d.step_due_at) : false,
            assigneeId: d.assignee_id ?? null,
          }
        : null,
    consultation: d.consult_unit_id ? { unitId: d.consult_unit_id, dueAt: iso(d.consult_due_at) } : null,
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    dueAt: iso(d.due_at),
    appointmentAt: iso(d.appointment_at),
    paused: !!d.paused_since,
    supplementRequests: d.supplement_requests,
    apologyAt: iso(d.apology_at),
    resultReadyAt: iso(d.result_ready_at),
    returnedAt: iso(d.returned_at),
    returnMethod: d.return_method ?? null,
    closedAt: iso(d.closed_at),
    closeReason: d.close_reason ?? null,
    timeliness,
    data: d.data,
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind,
      componentKey: f.component_key,
      fileName: f.file_name,
      contentType: f.content_type,
      size: f.size,
      digitized: f.digitized,
      uploadedAt: f.uploaded_at.toISOString(),
      ...(f.kind === 'result' ? { signState: f.sign_state ?? null, signAttempts: f.sign_attempts ?? 0, signError: f.sign_error ?? null } : {}),
    })),
    components: snap.components.map((c) => ({
      key: c.key,
      name: c.name,
      optional: c.optional,
      provided: have.has(c.key),
      ...(sources[c.key] ? { source: sources[c.key] } : {}),
    })),
  };
}

/** The dossier row (no access check), for other modules. */
export async function getDossier(ctx: Ctx, id: string): Promise<Dossier | null> {
  return (await store.getDossier(ctx.db, id)) ?? null;
}

/** The dossier as `actor` may see it: 404 when it does not exist or is not theirs to see. */
export async function getDossierFor(ctx: Ctx, actor: Actor, id: string): Promise<DossierView> {
  const d = await store.getDossier(ctx.db, id);
  if (!d || !(await canSeeDossier(ctx, actor, d))) throw notFound('dossier.not_found');
  return fullView(ctx, d);
}

/**
 * The dossier's view for the system's own background work (indicator facts, national sync, the
 * data store), with no actor: it used to pass a "monitor at unit system" actor, which only worked
 * while a monitor at any unit saw every dossier (issue 14 item 4). 404 when it does not exist.
 */
export async function getDossierViewForSystem(ctx: Ctx, id: string): Promise<DossierView> {
  const d = await store.getDossier(ctx.db, id);
  if (!d) throw notFound('dossier.not_found');
  return fullView(ctx, d);
}

async function fullView(ctx: Ctx, d: Dossier): Promise<DossierView> {
  const id = d.id;
  const cal = await deps.workCalendar(ctx);
  const now = ctx.clock.now();
  return viewOf(d, await store.listFiles(ctx.db, id), now, { dueSoon: (due) => isDueSoon(cal, now, due) });
}

/**
 * The answer to a submission, built from the rows its transaction inserted (RETURNING) instead of
 * reading them back: the same view as getDossierFor (same visibility rule, files in listFiles'
 * order), or null when `actor` may not see it. The calendar is read only when a step is open.
 */
export async function viewOfInserted(ctx: Ctx, actor: Actor, d: Dossier, files: DossierFile[]): Promise<DossierView | null> {
  if (!(await canSeeDossier(ctx, actor, d))) return null;
  const now = ctx.clock.now();
  const cal = d.step_index != null ? await deps.workCalendar(ctx) : null;
  const ordered = [...files].sort((a, b) => a.uploaded_at.getTime() - b.uploaded_at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return viewOf(d, ordered, now, { dueSoon: (due) => (cal ? isDueSoon(cal, now, due) : false) });
}

export async function listDossierEvents(ctx: Ctx, id: string): Promise<DossierEvent[]> {
  return store.listEvents(ctx.db, id);
}

export async function listDossierSteps(ctx: Ctx, id: string) {
  return store.listSteps(ctx.db, id);
}

export async function listDossierPauses(ctx: Ctx, id: string) {
  return store.listPauses(ctx.db, id);
}

export function eventView(e: DossierEvent) {
  return {
    seq: e.seq,
    at: e.at.toISOString(),
    actor: { kind: e.actor_kind, id: e.actor_id, name: e.actor_name },
    action: e.action,
    from: e.from_state,
    to: e.to_state,
    step: e.step_key,
    comment: e.comment,
    data: e.data,
  };
}

export async function listMyDossiers(ctx: Ctx, actor: Actor, page: { limit: number; offset: number }): Promise<DossierView[]> {
  if (actor.kind !== 'citizen') throw forbidden();
  const ids = [actor.personalId, actor.orgTaxCode].filter((x): x is string => !!x);
  const rows = await store.listForApplicant(ctx.db, ids, page.limit, page.offset);
  const now = ctx.clock.now();
  return rows.filter((d) => canSee(actor, d)).map((d) => viewOf(d, [], now));
}

export const QUEUES = ['to-receive', 'to-process', 'due-soon', 'late'] as const;
export type QueueName = (typeof QUEUES)[number];

export async function workQueue(ctx: Ctx, actor: Actor, queue: QueueName, page: { limit: number; offset: number }): Promise<DossierView[]> {
  if (actor.kind !== 'officer') throw forbidden();
  const now = ctx.clock.now();
  const cal = await deps.workCalendar(ctx);
  const f = {
    receptionUnits: actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId),
    grants: actor.roles.map((g) => ({ unitId: g.unitId, role: g.role })),
    limit: page.limit,
    offset: page.offset,
    now,
  };
  let rows: Dossier[];
  if (queue === 'to-receive') rows = await store.queueToReceive(ctx.db, f);
  else if (queue === 'to-process') rows = await store.queueToProcess(ctx.db, f);
  else if (queue === 'due-soon') {
    // Due today or on the next working day: anything due before the end of the next working day.
    const horizon = cal.addWorkingMs(now, 2 * 8 * 3_600_000);
    rows = (await store.queueToProcess(ctx.db, { ...f, limit: 1000, offset: 0 }, horizon))
      .filter((d) => isDueSoon(cal, now, d.step_due_at) || isDueSoon(cal, now, d.due_at))
      .slice(page.offset, page.offset + page.limit);
  } else rows = await store.queueLate(ctx.db, f, [...new Set(actor.roles.map((g) => g.unitId))]);
  return rows.map((d) => viewOf(d, [], now, { dueSoon: (due) => isDueSoon(cal, now, due) }));
}

// Public lookup (issue 14 item 3), counted in PostgreSQL: 10 tries per minute per client address,
// and 20 failures per hour per (dossier code, client) - never per code alone, so that someone
// else's failures cannot lock the applicant out of their own dossier.
const LOOKUP_PER_CLIENT: LimitRule = { max: 10, windowMs: 60_000, lockMs: 60_000, maxLockMs: 3_600_000 };
// (`max` failures pass; the 20th locks.)
const LOOKUP_FAILURES_PER_CODE_CLIENT: LimitRule = { max: 19, windowMs: 3_600_000, lockMs: 3_600_000 };

export interface PublicStatus {
  code: string;
  /** Its code on the National Public Service Portal, for a dossier that came through it (the citizen may look it up by either). */
  portalCode: string | null;
  procedure: string;
  state: DossierState;
  nationalStatus: number;
  submittedAt: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  history: { at: string; action: string; to: string }[];
}

export async function lookupPublic(ctx: Ctx, input: { code: string; secret: string; client: string }): Promise<PublicStatus> {
  const now = ctx.clock.now();
  const code = input.code.trim().toUpperCase().slice(0, 40);
  const codeKey = `lookup:code:${code}|${input.client}`;
  const lockAudit = { ip: input.client, entity: 'dossier_lookup' };
  if ((await countAndLock(ctx.db, `lookup:client:${input.client}`, LOOKUP_PER_CLIENT, now, lockAudit)).locked || (await lockedUntil(ctx.db, codeKey, now))) {
    throw new AppError(429, 'error.rate_limited');
  }
  // Our code, or the portal's for a dossier that came through the National Public Service Portal (issue 11).
  let d = await store.getDossierByCode(ctx.db, code);
  let byPortal = false;
  if (!d) {
    const id = await dossierIdByPortalCode(ctx, code);
    d = id ? await store.getDossier(ctx.db, id) : undefined;
    byPortal = !!d;
  }
  if (!d || !secretMatches(input.secret, { idNumber: d.applicant_id_number, phone: d.applicant_phone, pin: d.lookup_pin })) {
    await countAndLock(ctx.db, codeKey, LOOKUP_FAILURES_PER_CODE_CLIENT, now, { ...lockAudit, details: { code } });
    throw notFound('dossier.lookup_failed');
  }
  const events = await store.listEvents(ctx.db, d.id);
  return {
    code: d.code,
    portalCode: byPortal ? code : ((await frontDoorOf(ctx, d.id))?.code ?? null),
    procedure: d.procedure_name,
    state: d.state as DossierState,
    nationalStatus: NATIONAL_STATUS[d.state as DossierState],
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    appointmentAt: iso(d.appointment_at),
    resultReadyAt: iso(d.result_ready_at),
    returnedAt: iso(d.returned_at),
    history: events.filter((e) => e.from_state !== e.to_state).map((e) => ({ at: e.at.toISOString(), action: e.action, to: e.to_state })),
  };
}

/** Raw facts of the dossiers of `unitIds` active in [from, to), for the indicators module. */
export async function dossierFacts(ctx: Ctx, f: { unitIds: string[]; from: Date; to: Date }): Promise<FactRow[]> {
  return store.facts(ctx.db, f);
}

/**
 * A page of dossier ids in id order after `afterId` (the indicators' set-based rebuild walks every
 * dossier with it), and the rows, file kinds and pauses of a batch of dossiers in three queries.
 */
export async function dossierIdsAfter(ctx: Ctx, afterId: string | null, limit: number): Promise<string[]> {
  let q = ctx.db.selectFrom('dossiers').select('id').orderBy('id').limit(limit);
  if (afterId != null) q = q.where('id', '>', afterId);
  return (await q.execute()).map((r) => r.id);
}
export async function dossiersForFacts(ctx: Ctx, ids: string[]): Promise<{ dossier: Dossier; files: { kind: string }[]; pauses: store.DossierPause[] }[]> {
  if (ids.length === 0) return [];
  const [rows, files, pauses] = await Promise.all([
    ctx.db.selectFrom('dossiers').selectAll().where('id', 'in', ids).execute(),
    ctx.db.selectFrom('dossier_files').select(['dossier_id', 'kind']).where('dossier_id', 'in', ids).execute(),
    ctx.db.selectFrom('dossier_pauses').selectAll().where('dossier_id', 'in', ids).orderBy('from_at').execute(),
  ]);
  const fileKinds = new Map<string, { kind: string }[]>();
  for (const f of files) (fileKinds.get(f.dossier_id) ?? fileKinds.set(f.dossier_id, []).get(f.dossier_id)!).push({ kind: f.kind });
  const pausesOf = new Map<string, store.DossierPause[]>();
  for (const p of pauses) (pausesOf.get(p.dossier_id) ?? pausesOf.set(p.dossier_id, []).get(p.dossier_id)!).push(p);
  return rows.map((d) => ({ dossier: d, files: fileKinds.get(d.id) ?? [], pauses: pausesOf.get(d.id) ?? [] }));
}

/** getDossierViewForSystem for a batch (two queries and one calendar); unknown ids are left out. */
export async function dossierViewsForSystem(ctx: Ctx, ids: string[]): Promise<DossierView[]> {
  if (ids.length === 0) return [];
  const [rows, files, cal] = await Promise.all([
    ctx.db.selectFrom('dossiers').selectAll().where('id', 'in', ids).execute(),
    ctx.db.selectFrom('dossier_files').selectAll().where('dossier_id', 'in', ids).orderBy('uploaded_at').orderBy('id').execute(),
    deps.workCalendar(ctx),
  ]);
  const byDossier = new Map<string, DossierFile[]>();
  for (const f of files) (byDossier.get(f.dossier_id) ?? byDossier.set(f.dossier_id, []).get(f.dossier_id)!).push(f);
  const now = ctx.clock.now();
  return rows.map((d) => viewOf(d, byDossier.get(d.id) ?? [], now, { dueSoon: (due) => isDueSoon(cal, now, due) }));
}

/**
 * Where a dossier was received when that unit has since ended in a merger (issue 11 item 4):
 * the desk it was received at (its last name) and the unit that holds it now. For a dossier
 * moved by the reroute (service/reroute.ts) the first `reroute` event keeps the original desk
 * and the holder is the present desk; for one that stayed (closed before, or no successor) the
 * holder is the ended desk's successor today. Null when the desk still exists (nothing to say).
 */
export async function receivedAtFormer(ctx: Ctx, receivingUnitId: string, events: readonly DossierEvent[]): Promise<{ former: string; now: string } | null> {
  for (const e of events) {
    if (e.action !== 'reroute') continue;
    const prev = (e.data as { previous?: { receivingUnitId?: unknown } } | null)?.previous?.receivingUnitId;
    if (typeof prev === 'string' && prev !== receivingUnitId) return { former: await deps.unitName(ctx, prev), now: await deps.unitName(ctx, receivingUnitId) };
  }
  if (await deps.getUnit(ctx, receivingUnitId)) return null;
  const successor = await deps.successorOf(ctx, receivingUnitId);
  if (!successor || successor === receivingUnitId) return null;
  return { former: await deps.unitName(ctx, receivingUnitId), now: await deps.unitName(ctx, successor) };
}
