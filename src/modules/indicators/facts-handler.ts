/**
 * Keeps `indicator_dossier_facts` in step with the dossiers: on every 'dossier.event' outbox
 * message the dossier is reloaded through the dossiers service (never from its tables) and its
 * facts row replaced. Idempotent: a redelivered or out-of-date message rewrites the same row from
 * the current state; the row's source_version (the dossier's version) never goes backwards.
 */
import type { Ctx } from '../../platform/context';
import { enqueue } from '../../platform/outbox';
import type { Jobs } from '../../platform/module';
import { dossierExtras, feedbackFactsOf, populationChecked, versionFeeBearing, type DossierExtras, type FeedbackFacts } from './deps';
import { dossierFacts, getDossier, getDossierViewForSystem, listDossierPauses, type Dossier, type DossierView } from '../dossiers/service';
import { unitTree, type TreeNode } from '../units/service';
import { feedbackColumns, setFeedbackColumns } from './store';
import type { DossierFacts } from './model/facts';
import { removeDossierFacts, upsertDossierFacts } from './service';
import { indicatorsChanged } from './snapshot';

export const DOSSIER_TOPIC = 'dossier.event';
export const DOSSIER_RATED_TOPIC = 'feedback.dossier_rated';
export const DOSSIER_PETITIONED_TOPIC = 'feedback.dossier_petitioned';

/** Reads with oversight rights, as the monitoring office does. */

type Pause = { kind: string; from_at: Date; to_at: Date | null; before_receipt: boolean; due_before: Date | null };

const STOPPED = new Set(['refused', 'withdrawn', 'cancelled']);
const NO_EXTRAS: DossierExtras = { synced: null, linked: null, paidOnline: null, reused: null, fromNationalStore: null, digitizedAll: null, eResult: null };

/**
 * 4.6 / 4.7 (research 4.5a / 4.5b): a dossier uses population data when it was submitted online by
 * a citizen account, authenticated through VNeID (citizens log in only through VNeID:
 * TaiKhoanDuocXacThucVoiVNeID = 1), or a component came from the national store
 * (DuocLayTuKhoDMQG), or the applicant was confirmed against the population database around
 * reception (MaCSDL). Unknown (null) when a module that could make it true did not answer.
 */
export function populationDataOf(
  d: Pick<Dossier, 'channel' | 'submitter_kind'>,
  x: Pick<DossierExtras, 'fromNationalStore' | 'populationChecked'>,
): boolean | null {
  if (d.channel === 'online' && d.submitter_kind === 'citizen') return true;
  if (x.fromNationalStore === true || x.populationChecked === true) return true;
  return x.fromNationalStore == null || x.populationChecked == null ? null : false;
}

/** Pure mapping from the dossier service's data to the facts the index needs. */
export function factsOfDossier(
  d: Dossier,
  view: Pick<DossierView, never> & { files: { kind: string }[] },
  pauses: Pause[],
  x: DossierExtras = NO_EXTRAS,
  versionFee: boolean | null = null,
): DossierFacts | null {
  if (!d.received_at) return null; // not received (yet, or refused at reception): not counted
  const snap = (d.snapshot ?? {}) as { result?: string; fees?: { amount?: number }[]; financialObligation?: boolean };
  const supplementPauses = pauses.filter((p) => p.kind === 'supplement' && !p.before_receipt).sort((a, b) => a.from_at.getTime() - b.from_at.getTime());
  const supplements = supplementPauses.map((p) => ({ requestedAt: new Date(p.from_at), returnedAt: p.to_at ? new Date(p.to_at) : null }));
  // The appointment before any supplement pushed it (§1.4 subtracts the supplement time itself).
  const firstPause = supplementPauses[0];
  const dueAt = firstPause?.due_before ? new Date(firstPause.due_before) : d.due_at ? new Date(d.due_at) : null;
  let finishedAt: Date | null = null;
  let closing: DossierFacts['closing'] = null;
  if (d.result_ready_at) [finishedAt, closing] = [new Date(d.result_ready_at), 'done'];
  else if (d.returned_at) [finishedAt, closing] = [new Date(d.returned_at), 'returned'];
  else if (d.closed_at && STOPPED.has(d.state)) [finishedAt, closing] = [new Date(d.closed_at), 'stopped'];
  const paused = supplements.reduce((s, x) => s + (x.returnedAt ? x.returnedAt.getTime() - x.requestedAt.getTime() : 0), 0);
  const received = new Date(d.received_at);
  const processingDays =
    finishedAt && closing !== 'stopped' ? Math.round(((finishedAt.getTime() - received.getTime() - paused) / 86_400_000) * 100) / 100 : null;
  const resultFiles = view.files.filter((f) => f.kind === 'result');
  const componentFiles = view.files.filter((f) => f.kind === 'component' || f.kind === 'supplement');
  // The dossier keeps only part of the procedure snapshot; fees come from the catalogue's version.
  const feeBearing = versionFee ?? (snap.financialObligation === true || (snap.fees ?? []).some((f) => (f.amount ?? 0) > 0));
  return {
    dossierId: d.id,
    code: d.code,
    unitId: d.deciding_unit_id,
    receivingUnitId: d.receiving_unit_id,
    procedureCode: d.procedure_code,
    channel: d.channel,
    state: d.state,
    receivedAt: received,
    dueAt,
    finishedAt,
    closing,
    maxProcessingMs: null,
    supplements,
    processingDays,
    online: d.channel === 'online' || d.channel === 'assisted',
    paperResult: Boolean(snap.result),
    // The warehouse's view of digitization when it answers, else the dossier's own files.
    eResult: x.eResult ?? resultFiles.length > 0,
    digitized: x.digitizedAll != null ? x.digitizedAll && (x.eResult ?? resultFiles.length > 0) : componentFiles.length > 0 && resultFiles.length > 0,
    synced: x.synced,
    paidOnline: feeBearing ? x.paidOnline : false,
    reused: x.reused,
    // 4.5: a component taken from the national store, or the dossier linked to the owner's list on the portal.
    linkedToStore: x.fromNationalStore == null && x.linked == null ? null : Boolean(x.fromNationalStore || x.linked),
    populationData: populationDataOf(d, x),
    feeBearing,
    rating: null,
    hasPetition: false,
    sourceVersion: Number(d.version ?? 0),
  };
}

/** Rebuilds one dossier's facts; returns them (null = not counted). `feedback`: preloaded rating / petition (bulk rebuild). */
export async function refreshDossierFacts(ctx: Ctx, dossierId: string, feedback?: FeedbackFacts): Promise<DossierFacts | null> {
  const d = await getDossier(ctx, dossierId);
  if (!d) {
    await removeDossierFacts(ctx, dossierId);
    return null;
  }
  const [view, pauses, extras, fee, checked, fb] = await Promise.all([
    getDossierViewForSystem(ctx, dossierId),
    listDossierPauses(ctx, dossierId),
    dossierExtras(ctx, dossierId),
    versionFeeBearing(ctx, d.procedure_version_id),
    populationChecked(ctx, d),
    feedback ? null : feedbackFactsOf(ctx, [{ id: d.id, code: d.code }]),
  ]);
  const facts = factsOfDossier(d, view, pauses as Pause[], { ...extras, populationChecked: checked }, fee);
  if (!facts) {
    await removeDossierFacts(ctx, dossierId);
    return null;
  }
  // 5.4: the rating and petition flag come from the feedback module; if it does not answer, keep what the row had.
  const known = feedback ?? fb?.get(d.id) ?? (fb ? { rating: null, hasPetition: false } : await keptFeedback(ctx, dossierId));
  facts.rating = known.rating;
  facts.hasPetition = known.hasPetition;
  await upsertDossierFacts(ctx, facts);
  return facts;
}

async function keptFeedback(ctx: Ctx, dossierId: string): Promise<FeedbackFacts> {
  const row = await feedbackColumns(ctx.db, dossierId);
  return { rating: row?.rating ?? null, hasPetition: row?.has_petition ?? false };
}

/**
 * A rating (created or changed) or a petition about a dossier: re-reads what the feedback module
 * knows now (idempotent, order-free) and sets the row's rating / has_petition columns. `ref` is the
 * dossier's id, or its code for a petition that names it by code. A dossier without a row (not
 * received) has nothing to update; its row, when written, asks the feedback module itself.
 */
export async function refreshFeedbackFacts(ctx: Ctx, ref: string): Promise<void> {
  const row = await ctx.db
    .selectFrom('indicator_dossier_facts')
    .select(['dossier_id', 'code'])
    .where((eb) => eb.or([eb('dossier_id', '=', ref), eb('code', '=', ref)]))
    .executeTakeFirst();
  if (!row) return;
  const fb = await feedbackFactsOf(ctx, [{ id: row.dossier_id, code: row.code }]);
  if (!fb) throw new Error('feedback module did not answer'); // retried by the outbox
  if (await setFeedbackColumns(ctx.db, row.dossier_id, fb.get(row.dossier_id) ?? { rating: null, hasPetition: false })) indicatorsChanged(ctx);
}

/**
 * The national-portal sync runs as its own subscriber of the same event, possibly after us: a
 * dossier not yet synced is looked at again a little later (15 s, 2 min, 15 min), so the facts
 * converge without any 'synced' event from that module.
 */
export const REFRESH_TOPIC = 'indicators.refresh';
const REFRESH_DELAYS_MS = [15_000, 120_000, 900_000];

async function refreshAndFollowUp(ctx: Ctx, dossierId: string, round: number, version: number | string): Promise<void> {
  const facts = await refreshDossierFacts(ctx, dossierId);
  if (!facts || facts.synced !== false || round >= REFRESH_DELAYS_MS.length) return;
  await enqueue(ctx.db, {
    id: `${REFRESH_TOPIC}:${dossierId}:${version}:${round + 1}`,
    topic: REFRESH_TOPIC,
    key: dossierId,
    payload: { dossierId, round: round + 1, version },
    notBefore: new Date(ctx.clock.now().getTime() + REFRESH_DELAYS_MS[round]),
  });
}

/** Subscribes to 'dossier.event' through the platform fan-out (each subscriber has its own queue and retries); declared by the module's manifest (index.ts). */
export function indicatorJobs(jobs: Jobs): void {
  jobs.subscribe(DOSSIER_TOPIC, 'indicators', async (ctx, msg) => {
    await refreshAndFollowUp(ctx, String(msg.payload?.dossierId ?? msg.key), 0, msg.payload?.seq ?? msg.id);
  });
  // A payment confirmed online changes 3.4 / 3.6 without any dossier event.
  jobs.subscribe('payment.paid', 'indicators', async (ctx, msg) => {
    await refreshDossierFacts(ctx, String(msg.payload?.dossierId ?? msg.key));
  });
  // 5.4: ratings and petitions about dossiers (the feedback module enqueues them in their transaction).
  jobs.subscribe(DOSSIER_RATED_TOPIC, 'indicators', async (ctx, msg) => {
    await refreshFeedbackFacts(ctx, String(msg.payload?.dossierId ?? msg.key));
  });
  jobs.subscribe(DOSSIER_PETITIONED_TOPIC, 'indicators', async (ctx, msg) => {
    await refreshFeedbackFacts(ctx, String(msg.payload?.dossierRef ?? msg.key));
  });
  jobs.handle(REFRESH_TOPIC, async (ctx, msg) => {
    await refreshAndFollowUp(ctx, String(msg.payload?.dossierId ?? msg.key), Number(msg.payload?.round ?? 1), msg.payload?.version ?? '');
  });
}

/** Rebuilds the facts of a list of dossiers (after a restore or a rule change). */
export async function rebuildFacts(ctx: Ctx, dossierIds: string[]): Promise<void> {
  for (const id of dossierIds) await refreshDossierFacts(ctx, id);
}

export interface RebuildReport {
  dossiers: number;
  rows: number;
  removed: number;
  failed: { id: string; error: string }[];
  ms: number;
}

/**
 * Rebuilds every facts row from the dossiers: lists all dossiers in one query (dossiers service,
 * every unit, all time), then per batch of `batchSize` reads the feedback flags in one query and
 * refreshes the batch's dossiers concurrently; finally refreshes the rows of dossiers that were not
 * listed (removed when the dossier no longer exists). Idempotent (each row is rebuilt from the current state), safe
 * while the outbox runs (`source_version` never goes backwards). A dossier that fails is reported,
 * the others go on.
 */
export async function rebuildAllFacts(ctx: Ctx, opts: { batchSize?: number; onBatch?: (done: number, total: number) => void } = {}): Promise<RebuildReport> {
  const started = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 50);
  const unitIds: string[] = [];
  const walk = (ns: TreeNode[]) => ns.forEach((n) => (unitIds.push(n.id), walk(n.children)));
  walk(await unitTree(ctx));
  const all = await dossierFacts(ctx, { unitIds, from: new Date(0), to: new Date('9999-12-31T00:00:00Z') });
  const dossiers = [...new Map(all.map((d) => [d.id, { id: d.id, code: d.code }])).values()];
  // Rows whose dossier was not listed (deleted, or under a unit no longer in the tree) are refreshed
  // one by one: the handler removes the row only when the dossiers service no longer knows the dossier.
  const listed = new Set(dossiers.map((d) => d.id));
  const rowIds = (await ctx.db.selectFrom('indicator_dossier_facts').select(['dossier_id', 'code']).execute()).filter((r) => !listed.has(r.dossier_id));
  const report: RebuildReport = { dossiers: dossiers.length, rows: 0, removed: 0, failed: [], ms: 0 };
  for (let i = 0; i < dossiers.length; i += batchSize) {
    const batch = dossiers.slice(i, i + batchSize);
    const fb = await feedbackFactsOf(ctx, batch);
    const results = await Promise.allSettled(
      batch.map((d) => refreshDossierFacts(ctx, d.id, fb?.get(d.id) ?? (fb ? { rating: null, hasPetition: false } : undefined))),
    );
    results.forEach((r, k) => {
      if (r.status === 'rejected') report.failed.push({ id: batch[k].id, error: r.reason instanceof Error ? r.reason.message : String(r.reason) });
      else if (r.value) report.rows++;
    });
    opts.onBatch?.(Math.min(i + batchSize, dossiers.length), dossiers.length);
  }
  for (const r of rowIds) {
    try {
      if (!(await refreshDossierFacts(ctx, r.dossier_id))) report.removed++;
    } catch (e) {
      report.failed.push({ id: r.dossier_id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  report.ms = Date.now() - started;
  return report;
}
