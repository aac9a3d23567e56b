/**
 * Keeps `indicator_dossier_facts` in step with the dossiers: on every 'dossier.event' outbox
 * message the dossier is reloaded through the dossiers service (never from its tables) and its
 * facts row replaced. Idempotent: a redelivered or out-of-date message rewrites the same row from
 * the current state; the row's source_version (the dossier's version) never goes backwards.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { subscribe } from '../../platform/events';
import { enqueue, registerOutboxHandler } from '../../platform/outbox';
import { dossierExtras, populationChecked, versionFeeBearing, type DossierExtras } from './deps';
import { getDossier, getDossierFor, listDossierPauses, type Dossier, type DossierView } from '../dossiers/service';
import type { DossierFacts } from './model/facts';
import { removeDossierFacts, upsertDossierFacts } from './service';

export const DOSSIER_TOPIC = 'dossier.event';

/** Reads with oversight rights, as the monitoring office does. */
const READER: Actor = { kind: 'officer', id: 'system:indicators', name: 'Indicators', roles: [{ role: 'monitor', unitId: 'system' }] };

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
export function populationDataOf(d: Pick<Dossier, 'channel' | 'submitter_kind'>, x: Pick<DossierExtras, 'fromNationalStore' | 'populationChecked'>): boolean | null {
  if (d.channel === 'online' && d.submitter_kind === 'citizen') return true;
  if (x.fromNationalStore === true || x.populationChecked === true) return true;
  return x.fromNationalStore == null || x.populationChecked == null ? null : false;
}

/** Pure mapping from the dossier service's data to the facts the index needs. */
export function factsOfDossier(d: Dossier, view: DossierView, pauses: Pause[], x: DossierExtras = NO_EXTRAS, versionFee: boolean | null = null): DossierFacts | null {
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
  const processingDays = finishedAt && closing !== 'stopped' ? Math.round(((finishedAt.getTime() - received.getTime() - paused) / 86_400_000) * 100) / 100 : null;
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

/** Rebuilds one dossier's facts; returns them (null = not counted). */
export async function refreshDossierFacts(ctx: Ctx, dossierId: string): Promise<DossierFacts | null> {
  const d = await getDossier(ctx, dossierId);
  if (!d) {
    await removeDossierFacts(ctx, dossierId);
    return null;
  }
  const [view, pauses, extras, fee, checked] = await Promise.all([
    getDossierFor(ctx, READER, dossierId),
    listDossierPauses(ctx, dossierId),
    dossierExtras(ctx, dossierId),
    versionFeeBearing(ctx, d.procedure_version_id),
    populationChecked(ctx, d),
  ]);
  const facts = factsOfDossier(d, view, pauses as Pause[], { ...extras, populationChecked: checked }, fee);
  if (!facts) {
    await removeDossierFacts(ctx, dossierId);
    return null;
  }
  await upsertDossierFacts(ctx, facts);
  return facts;
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

let registered = false;
/** Subscribes to 'dossier.event' through the platform fan-out (each subscriber has its own queue and retries). */
export function registerIndicatorHandlers(): void {
  if (registered) return;
  registered = true;
  subscribe(DOSSIER_TOPIC, 'indicators', async (ctx, msg) => {
    await refreshAndFollowUp(ctx, String(msg.payload?.dossierId ?? msg.key), 0, msg.payload?.seq ?? msg.id);
  });
  // A payment confirmed online changes 3.4 / 3.6 without any dossier event.
  subscribe('payment.paid', 'indicators', async (ctx, msg) => {
    await refreshDossierFacts(ctx, String(msg.payload?.dossierId ?? msg.key));
  });
  registerOutboxHandler(REFRESH_TOPIC, async (ctx, msg) => {
    await refreshAndFollowUp(ctx, String(msg.payload?.dossierId ?? msg.key), Number(msg.payload?.round ?? 1), msg.payload?.version ?? '');
  });
}

/** Rebuilds every fact from the dossiers (after a restore or a rule change). */
export async function rebuildFacts(ctx: Ctx, dossierIds: string[]): Promise<void> {
  for (const id of dossierIds) await refreshDossierFacts(ctx, id);
}
