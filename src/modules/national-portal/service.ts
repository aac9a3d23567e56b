/**
 * National portal sync: every dossier event (creation, each status change, the result) is
 * pushed to the National Public Service Portal through the outbox (subscriber
 * 'national-portal' of 'dossier.event': retries with backoff, order per dossier):
 * DongBoHoSoMC with the whole dossier (isUpdating "False" the first time), then
 * CapNhatTienDoHoSoMC with the step. A digitized dossier carries HoSoCoThanhPhanSoHoa = 1 and
 * the owner's DinhDanhCHS, which links it to the applicant's dossier list on the portal.
 * A retry first asks TraCuuHoSo whether the step already landed (a lost answer), so a step is
 * not recorded twice. np_sync_log keeps one row per synced event; np_dossier_sync the state per
 * dossier with the last error: the monitors' "what has not synced and why".
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { outboxStatus, retryOutboxMessage } from '../../platform/outbox';
import { subscriberTopic } from '../../platform/events';
import type { Jobs } from '../../platform/module';
import { getDossier, getDossierViewForSystem, listSupplementRequests } from '../dossiers/service';
import { paymentStatus } from '../payments/service';
import { reuseFacts } from '../warehouse/service';
import { getUnit } from '../units/service';
import { officerNames } from '../identity/service';
import { callService } from './adapter';
import { dossierPayload, portalTime, stepPayload } from './payload';
import { portalCodes } from './intake';

export const SYNC_TOPIC = subscriberTopic('dossier.event', 'national-portal');

interface EventPayload {
  dossierId: string;
  seq: number;
  at: string;
  action: string;
  nationalStatus: number | null;
  actorKind: string;
  actorId: string | null;
  stepKey: string | null;
  comment: string | null;
}

async function unitName(ctx: Ctx, id: string): Promise<string> {
  return (await getUnit(ctx, id))?.name ?? id;
}

async function recordFailure(ctx: Ctx, dossierId: string, code: string, error: string) {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('np_dossier_sync')
    .values({ dossier_id: dossierId, code, last_error: error.slice(0, 1000), last_error_at: now, failures: 1, last_status: null })
    .onConflict((oc) =>
      oc.column('dossier_id').doUpdateSet((eb) => ({ last_error: error.slice(0, 1000), last_error_at: now, failures: eb('np_dossier_sync.failures', '+', 1) })),
    )
    .execute();
}

/** The fees paid online for a dossier (payments module), for DuocThanhToanTrucTuyen and DanhSachLePhi. */
async function paymentOf(ctx: Ctx, dossierId: string) {
  const st = await paymentStatus(ctx, dossierId);
  const paid = st.payments.filter((p) => p.state === 'paid');
  return {
    paidOnline: st.state === 'paid',
    paidAt: st.paidAt,
    lines: paid.flatMap((p) => p.feeLines.filter((l) => !l.exempt).map((l) => ({ key: l.key, name: l.name, kind: l.kind, amount: l.amount }))),
  };
}

type DossierRow = NonNullable<Awaited<ReturnType<typeof getDossier>>>;

/** The DongBoHoSoMC record of a dossier as it stands (status: the event's, else the current one). */
export async function currentPayload(ctx: Ctx, d: DossierRow, statusOverride?: number | null) {
  const view = await getDossierViewForSystem(ctx, d.id);
  const snap = d.snapshot as { fieldName?: string; result?: string };
  const status = statusOverride ?? view.nationalStatus;
  const inbound = (await portalCodes(ctx, [d.id])).get(d.id);
  // The intake submits with idempotency key dvcqg:<portal code>, so the code is known even
  // before its np_inbound row is written (the submit event may be synced first).
  const fromKey = d.idempotency_key?.startsWith('dvcqg:') ? d.idempotency_key.slice(6) : null;
  const portalCode = inbound?.portalCode ?? fromKey ?? d.code;
  const payload = dossierPayload({
    dossier: {
      id: d.id,
      code: d.code,
      procedureCode: d.procedure_code,
      procedureName: d.procedure_name,
      fieldName: snap.fieldName ?? '',
      resultName: snap.result ?? '',
      channel: d.channel,
      applicantKind: d.applicant_kind,
      applicantName: d.applicant_name,
      applicantIdNumber: d.applicant_id_number,
      applicantEmail: d.applicant_email,
      applicantPhone: d.applicant_phone,
      summary: d.summary,
      submittedAt: d.submitted_at,
      receivedAt: d.received_at,
      appointmentAt: d.appointment_at,
      dueAt: d.due_at,
      resultReadyAt: d.result_ready_at,
      returnedAt: d.returned_at,
      closedAt: d.closed_at,
      closeReason: d.close_reason ?? null,
      submitterKind: d.submitter_kind,
      files: view.files,
    },
    status,
    payment: await paymentOf(ctx, d.id),
    supplements: (await listSupplementRequests(ctx, d.id)).map((r) => ({
      id: r.id,
      no: r.no,
      state: r.state,
      reason: r.reason,
      issuedAt: r.issuedAt,
      answeredAt: r.answeredAt,
      items: r.items.map((x) => ({ id: x.id, componentKey: x.componentKey, label: x.label, defect: x.defect, provide: x.provide, answered: !!x.answer })),
    })),
    reuses: (await reuseFacts(ctx, { dossierIds: [d.id] }))[0]?.reusedComponents ?? [],
    receivingUnitName: await unitName(ctx, d.receiving_unit_id),
    decidingUnitName: await unitName(ctx, d.deciding_unit_id),
    publicUrl: ctx.config.publicUrl,
    portal: portalCode !== d.code ? { code: portalCode, paidOnPortal: !!inbound?.payment?.paid } : null,
  });
  return { payload, status, portalCode };
}

/** Pushes one dossier event to the portal (the outbox handler). Idempotent per event. */
export async function syncEvent(ctx: Ctx, msg: { id: string; payload: EventPayload; attempts: number }): Promise<void> {
  const e = msg.payload;
  const done = await ctx.db.selectFrom('np_sync_log').select('event_id').where('event_id', '=', msg.id).executeTakeFirst();
  if (done) return;
  const d = await getDossier(ctx, e.dossierId);
  if (!d) return;
  try {
    const { payload, status, portalCode } = await currentPayload(ctx, d, e.nationalStatus);
    const actorName =
      e.actorKind === 'officer' && e.actorId
        ? ((await officerNames(ctx, [e.actorId])).get(e.actorId) ?? e.actorId)
        : e.actorKind === 'citizen'
          ? d.applicant_name
          : 'Hệ thống';
    const step = stepPayload({
      code: portalCode,
      seq: e.seq,
      at: e.at,
      action: e.action,
      status,
      actorName,
      unitName: await unitName(ctx, d.step_unit_id ?? d.receiving_unit_id),
      comment: e.comment,
      dueAt: d.due_at,
    });
    const cfg = ctx.config.nationalPortal;
    const known = await ctx.db.selectFrom('np_dossier_sync').select(['first_synced_at']).where('dossier_id', '=', d.id).executeTakeFirst();
    let exists = !!known?.first_synced_at;
    let stepThere = false;
    if (msg.attempts > 1 || !exists) {
      // A retry (or a first push): ask the portal what it already has, as TraCuuHoSo is meant for.
      const found = (await callService(cfg, 'TraCuuHoSo', { mahoso: portalCode })).result;
      exists = !!found;
      stepThere = !!found && (found.QuaTrinhXuLy ?? []).some((s: any) => s.ThoiDiemXuLy === step.ThoiDiemXuLy && s.NoiDungXuLy === step.NoiDungXuLy);
    }
    await callService(cfg, 'DongBoHoSoMC', { isUpdating: exists ? 'True' : 'False', data: [payload] });
    if (!stepThere) await callService(cfg, 'CapNhatTienDoHoSoMC', { data: [step] });
    const now = ctx.clock.now();
    const hasResult = (payload.DanhSachGiayToKetQua as unknown[]).length > 0;
    const linked = payload.HoSoCoThanhPhanSoHoa === 1;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('np_sync_log')
        .values({ event_id: msg.id, dossier_id: d.id, seq: e.seq, status, services: stepThere ? 'DongBoHoSoMC' : 'DongBoHoSoMC,CapNhatTienDoHoSoMC', at: now })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .execute();
      await trx
        .insertInto('np_dossier_sync')
        .values({
          dossier_id: d.id,
          code: d.code,
          last_seq: e.seq,
          last_status: status,
          result_synced: hasResult,
          linked,
          first_synced_at: now,
          last_synced_at: now,
          last_error: null,
          last_error_at: null,
        })
        .onConflict((oc) =>
          oc.column('dossier_id').doUpdateSet({
            last_seq: e.seq,
            last_status: status,
            result_synced: hasResult,
            linked: sql<boolean>`np_dossier_sync.linked OR ${linked}`,
            first_synced_at: sql<Date>`coalesce(np_dossier_sync.first_synced_at, ${now})`,
            last_synced_at: now,
            last_error: null,
            last_error_at: null,
          }),
        )
        .execute();
    });
  } catch (err) {
    await recordFailure(ctx, d.id, d.code, String((err as Error).message ?? err));
    throw err;
  }
}

/** The status sync's job (declared by the module's manifest, index.ts). */
export function nationalPortalJobs(jobs: Jobs): void {
  jobs.subscribe('dossier.event', 'national-portal', syncEvent as any, { maxAttempts: 15 });
}

export interface SyncStatus {
  dossiers: { synced: number; withResult: number; linked: number; failing: number };
  outbox: { pending: number; delivered: number; failed: number; oldestPendingAt: string | null };
  /** Dossiers whose last push failed and is being retried, with the portal's reason. */
  failing: { dossierId: string; code: string; lastError: string | null; lastErrorAt: string | null; failures: number; lastSyncedStatus: number | null }[];
  /** Events that ran out of attempts: an operator must fix the cause and retry them. */
  failed: { messageId: string; dossierId: string; attempts: number; lastError: string | null; createdAt: string }[];
}

export async function syncStatus(ctx: Ctx): Promise<SyncStatus> {
  const o = await outboxStatus(ctx, { topic: SYNC_TOPIC });
  const rows = await ctx.db.selectFrom('np_dossier_sync').selectAll().execute();
  const failing = rows.filter((r) => r.last_error && (!r.last_synced_at || (r.last_error_at && r.last_error_at >= r.last_synced_at)));
  return {
    dossiers: {
      synced: rows.filter((r) => r.first_synced_at).length,
      withResult: rows.filter((r) => r.result_synced).length,
      linked: rows.filter((r) => r.linked).length,
      failing: failing.length,
    },
    outbox: { ...o.counts, oldestPendingAt: o.oldestPendingAt ? new Date(o.oldestPendingAt).toISOString() : null },
    failing: failing.map((r) => ({
      dossierId: r.dossier_id,
      code: r.code,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at ? r.last_error_at.toISOString() : null,
      failures: r.failures,
      lastSyncedStatus: r.last_status,
    })),
    failed: o.failures.map((f) => ({
      messageId: f.id,
      dossierId: f.key,
      attempts: f.attempts,
      lastError: f.lastError,
      createdAt: new Date(f.createdAt).toISOString(),
    })),
  };
}

export async function retryFailed(ctx: Ctx, messageId: string): Promise<boolean> {
  return retryOutboxMessage(ctx, messageId);
}

export interface SyncFact {
  dossierId: string;
  code: string;
  synced: boolean;
  resultSynced: boolean;
  linked: boolean;
  lastStatus: number | null;
  firstSyncedAt: string | null;
  lastSyncedAt?: string | null;
  lastError?: string | null;
  lastErrorAt?: string | null;
  failures?: number;
}

/**
 * For the indicators: per dossier, whether it reached the portal, whether its result did, and
 * whether it is linked to the owner's list. With dossierIds, unsynced dossiers are included
 * (synced: false); with from/to, the dossiers first synced in [from, to).
 */
export async function syncFacts(ctx: Ctx, f: { dossierIds?: string[]; from?: Date; to?: Date }): Promise<SyncFact[]> {
  let q = ctx.db.selectFrom('np_dossier_sync').selectAll();
  if (f.dossierIds) {
    if (f.dossierIds.length === 0) return [];
    q = q.where('dossier_id', 'in', f.dossierIds);
  } else {
    if (f.from) q = q.where('first_synced_at', '>=', f.from);
    if (f.to) q = q.where('first_synced_at', '<', f.to);
  }
  const rows = await q.execute();
  const facts: SyncFact[] = rows.map((r) => ({
    dossierId: r.dossier_id,
    code: r.code,
    synced: !!r.first_synced_at,
    resultSynced: r.result_synced,
    linked: r.linked,
    lastStatus: r.last_status,
    firstSyncedAt: r.first_synced_at ? r.first_synced_at.toISOString() : null,
    lastSyncedAt: r.last_synced_at ? r.last_synced_at.toISOString() : null,
    lastError: r.last_error,
    lastErrorAt: r.last_error_at ? r.last_error_at.toISOString() : null,
    failures: r.failures,
  }));
  for (const id of f.dossierIds ?? [])
    if (!facts.some((x) => x.dossierId === id))
      facts.push({ dossierId: id, code: '', synced: false, resultSynced: false, linked: false, lastStatus: null, firstSyncedAt: null });
  return facts;
}

export { portalTime };
export { reconcileDossiers, reconciliationFacts, compareRecords, type ReconcileOutcome, type ReconciliationFact } from './reconcile';
