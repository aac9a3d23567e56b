/**
 * Reading dossiers: a dossier as its reader may see it, the applicant's list, officers' queues, facts for the indicators.
 * Who may see what is in service/access.ts, the view in service/view.ts, the public lookup in service/public-lookup.ts.
 */
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { forbidden, notFound } from '../../../platform/errors';
import * as deps from '../deps';
import { isDueSoon } from '../model';
import * as store from '../store';
import type { Dossier, DossierEvent, DossierFile, FactRow } from '../store';
import { canSee, canSeeDossier } from './access';
import { viewOf, type DossierView } from './view';

export { getDossier as getDossierRow } from '../store';

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
