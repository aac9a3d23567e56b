/**
 * Keeps `indicator_dossier_facts` in step with the dossiers: on every 'dossier.event' outbox
 * message the dossier is reloaded through the dossiers service (never from its tables) and its
 * facts row replaced. Idempotent: a redelivered or out-of-date message rewrites the same row from
 * the current state; the row's source_version (the dossier's version) never goes backwards.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { outboxHandler, registerOutboxHandler } from '../../platform/outbox';
import { getDossier, getDossierFor, listDossierPauses, type Dossier, type DossierView } from '../dossiers/service';
import type { DossierFacts } from './model/facts';
import { removeDossierFacts, upsertDossierFacts } from './service';

export const DOSSIER_TOPIC = 'dossier.event';

/** Reads with oversight rights, as the monitoring office does. */
const READER: Actor = { kind: 'officer', id: 'system:indicators', name: 'Indicators', roles: [{ role: 'monitor', unitId: 'system' }] };

type Pause = { kind: string; from_at: Date; to_at: Date | null; before_receipt: boolean; due_before: Date | null };

const STOPPED = new Set(['refused', 'withdrawn', 'cancelled']);

/** Pure mapping from the dossier service's data to the facts the index needs. */
export function factsOfDossier(d: Dossier, view: DossierView, pauses: Pause[]): DossierFacts | null {
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
  const feeBearing = snap.financialObligation === true || (snap.fees ?? []).some((f) => (f.amount ?? 0) > 0);
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
    eResult: resultFiles.length > 0,
    digitized: componentFiles.length > 0 && resultFiles.length > 0,
    // Not recorded until their modules land (national portal, payments, warehouse, population): no data.
    synced: null,
    paidOnline: feeBearing ? null : false,
    reused: null,
    linkedToStore: null,
    populationData: null,
    feeBearing,
    rating: null,
    hasPetition: false,
    sourceVersion: Number(d.version ?? 0),
  };
}

export async function refreshDossierFacts(ctx: Ctx, dossierId: string): Promise<void> {
  const d = await getDossier(ctx, dossierId);
  if (!d) return removeDossierFacts(ctx, dossierId);
  const [view, pauses] = await Promise.all([getDossierFor(ctx, READER, dossierId), listDossierPauses(ctx, dossierId)]);
  const facts = factsOfDossier(d, view, pauses as Pause[]);
  if (!facts) return removeDossierFacts(ctx, dossierId);
  await upsertDossierFacts(ctx, facts);
}

let registered = false;
/**
 * The outbox keeps one handler per topic; another module's handler of 'dossier.event' that was
 * registered first is kept and called before ours (a platform fan-out would be cleaner).
 */
export function registerIndicatorHandlers(): void {
  if (registered) return;
  registered = true;
  const previous = outboxHandler(DOSSIER_TOPIC);
  registerOutboxHandler(DOSSIER_TOPIC, async (ctx, msg) => {
    if (previous) await previous(ctx, msg);
    await refreshDossierFacts(ctx, String(msg.payload?.dossierId ?? msg.key));
  });
}

/** Rebuilds every fact from the dossiers (after a restore or a rule change). */
export async function rebuildFacts(ctx: Ctx, dossierIds: string[]): Promise<void> {
  for (const id of dossierIds) await refreshDossierFacts(ctx, id);
}
