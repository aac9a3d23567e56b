/**
 * The national portal as the front door (issue 11 item 6): dossiers citizens submit on DVCQG are
 * pulled into this system, exactly once, and enter the one-stop lifecycle at the reception step
 * of the agency the citizen chose (state `submitted`, the desk's "to receive" queue), like an
 * online submission. Pull, not push: see docs/decisions-national-portal.md for why.
 *
 * One pull: LayDanhSachHoSoMoi (the portal's dossiers not yet acknowledged by this system), then
 * per dossier LayChiTietHoSo and CapNhatDaNhanHoSo (acknowledged, with our code, or refused with
 * the reason). The portal code is the key (np_inbound): a dossier offered twice, in any order,
 * or again because an acknowledgement was lost, is recognised and only acknowledged again.
 * Every later status and the result go back through the existing sync (service.ts), under the
 * portal's code.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t, type MessageKey } from '../../platform/i18n';
import { enqueue } from '../../platform/outbox';
import type { Jobs } from '../../platform/module';
import { submitDossier } from '../dossiers/service';
import { getUnit, listAgencies } from '../units/service';
import { callService } from './adapter';
import { parseInbound, type InboundPayment } from './inbound';
import { ingestPayment, ingestSupplement, settlePortalPayment, type RecordResult } from './answers';
import { issueBill } from './bills';

export type IntakeResult =
  | { outcome: 'received'; portalCode: string; dossierId: string; code: string; message: string }
  | { outcome: 'duplicate'; portalCode: string; dossierId: string; code: string; message: string }
  | { outcome: 'refused'; portalCode: string | null; key: string; message: string };

const vi = (key: MessageKey, params?: Record<string, unknown>) => t('vi', key, params);

/** The receiving unit the portal names: our unit id or its agency code (mã định danh). */
async function receivingUnitOf(ctx: Ctx, ref: string | undefined): Promise<string | undefined> {
  if (!ref) return undefined;
  if (await getUnit(ctx, ref)) return ref;
  const byCode = (await listAgencies(ctx)).find((u) => u.agencyCode === ref || u.code === ref);
  return byCode?.id ?? ref;
}

async function refuse(ctx: Ctx, portalCode: string | null, procedureCode: string | null, key: string, message: string): Promise<IntakeResult> {
  if (portalCode) {
    const now = ctx.clock.now();
    await ctx.db
      .insertInto('np_inbound')
      .values({
        portal_code: portalCode,
        dossier_id: null,
        state: 'refused',
        procedure_code: procedureCode,
        refusal_key: key,
        refusal_message: message.slice(0, 2000),
        payment: null,
        first_seen_at: now,
        last_seen_at: now,
      })
      .onConflict((oc) => oc.column('portal_code').doNothing())
      .execute();
  }
  return { outcome: 'refused', portalCode, key, message };
}

async function codeOf(ctx: Ctx, dossierId: string): Promise<string> {
  return (await ctx.db.selectFrom('dossiers').select('code').where('id', '=', dossierId).executeTakeFirst())?.code ?? '';
}

/** What is already known of a portal code: a second delivery changes nothing and gets the first answer. */
async function known(ctx: Ctx, portalCode: string): Promise<IntakeResult | null> {
  const row = await ctx.db.selectFrom('np_inbound').selectAll().where('portal_code', '=', portalCode).executeTakeFirst();
  if (!row) return null;
  await ctx.db
    .updateTable('np_inbound')
    .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_seen_at: ctx.clock.now() }))
    .where('portal_code', '=', portalCode)
    .execute();
  if (row.state === 'refused')
    return { outcome: 'refused', portalCode, key: row.refusal_key ?? 'national_portal.inbound.refused', message: row.refusal_message ?? '' };
  const code = await codeOf(ctx, row.dossier_id!);
  return { outcome: 'duplicate', portalCode, dossierId: row.dossier_id!, code, message: vi('national_portal.inbound.duplicate', { portalCode, code }) };
}

/**
 * Takes one dossier handed over by the portal. Bad input (malformed, unknown procedure, e-form or
 * files not matching the procedure) is refused with a Vietnamese reason and creates no dossier;
 * a transient failure (database, blob store) throws, so the dossier is not acknowledged and comes
 * again at the next pull.
 */
export async function ingest(ctx: Ctx, raw: unknown): Promise<IntakeResult> {
  const p = parseInbound(raw);
  if (!p.ok) {
    const seen = p.portalCode ? await known(ctx, p.portalCode) : null;
    if (seen) return seen;
    return refuse(ctx, p.portalCode, null, 'national_portal.inbound.malformed', vi('national_portal.inbound.malformed', { fields: p.fields.join(', ') }));
  }
  const d = p.value;
  const seen = await known(ctx, d.MaHoSo);
  if (seen) return seen;
  // The applicant authenticated with VNeID on the portal; the dossier is theirs, submitted online
  // through the portal. The submitter id stays the same whether or not they ever log in here, so
  // the idempotency key below always finds an interrupted earlier intake.
  const citizen: Actor = { kind: 'citizen', id: `dvcqg:${d.ChuHoSo.SoDinhDanh}`, name: d.ChuHoSo.HoVaTen, personalId: d.ChuHoSo.SoDinhDanh, roles: [] };
  let created;
  try {
    created = await submitDossier(ctx, citizen, {
      procedureCode: d.MaTTHC,
      channel: 'online',
      receivingUnitId: await receivingUnitOf(ctx, d.MaCoQuanTiepNhan),
      applicant: {
        idNumber: d.ChuHoSo.SoDinhDanh,
        name: d.ChuHoSo.HoVaTen,
        phone: d.ChuHoSo.SoDienThoai ?? null,
        email: d.ChuHoSo.Email ?? null,
        address: d.ChuHoSo.DiaChi ?? null,
      },
      data: d.DuLieuBieuMau,
      summary: d.TrichYeuHoSo,
      files: p.files,
      // A crash between the dossier and the np_inbound row: the next pull finds the dossier again.
      idempotencyKey: `dvcqg:${d.MaHoSo}`,
      lang: 'vi',
    });
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const detail = err.fields?.length ? ` (${err.fields.map((f) => f.field).join(', ')})` : '';
      return refuse(ctx, d.MaHoSo, d.MaTTHC, err.key, vi(err.key, err.params) + detail);
    }
    throw err;
  }
  const now = ctx.clock.now();
  const payment: InboundPayment | null = p.payment;
  const inserted = await ctx.db
    .insertInto('np_inbound')
    .values({
      portal_code: d.MaHoSo,
      dossier_id: created.dossier.id,
      state: 'received',
      procedure_code: d.MaTTHC,
      refusal_key: null,
      refusal_message: null,
      payment: payment ? JSON.stringify(payment) : null,
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.column('portal_code').doNothing())
    .returning('portal_code')
    .executeTakeFirst();
  const code = created.dossier.code;
  if (!inserted || created.replayed) {
    // Another puller (or an earlier, interrupted pull) got there first: the same dossier.
    await ctx.db
      .insertInto('np_inbound')
      .values({
        portal_code: d.MaHoSo,
        dossier_id: created.dossier.id,
        state: 'received',
        procedure_code: d.MaTTHC,
        refusal_key: null,
        refusal_message: null,
        payment: payment ? JSON.stringify(payment) : null,
        first_seen_at: now,
        last_seen_at: now,
      })
      .onConflict((oc) => oc.column('portal_code').doNothing())
      .execute();
    return {
      outcome: 'duplicate',
      portalCode: d.MaHoSo,
      dossierId: created.dossier.id,
      code,
      message: vi('national_portal.inbound.duplicate', { portalCode: d.MaHoSo, code }),
    };
  }
  // Paid on the portal before submitting: recorded now, so the dossier never waits for that fee.
  if (payment?.paid) await settlePortalPayment(ctx, created.dossier.id);
  return {
    outcome: 'received',
    portalCode: d.MaHoSo,
    dossierId: created.dossier.id,
    code,
    message: vi('national_portal.inbound.received', { portalCode: d.MaHoSo, code }),
  };
}

export interface PullReport {
  offered: number;
  received: number;
  duplicates: number;
  refused: number;
  /** Dossiers left for the next pull (portal or transient errors), with the reason. */
  failed: { portalCode: string; error: string }[];
  results: IntakeResult[];
  /** Payment records and supplement answers handed over in the same pull. */
  payments: RecordReport;
  supplements: RecordReport;
}

export interface RecordReport {
  offered: number;
  received: number;
  duplicates: number;
  refused: number;
  failed: { code: string; error: string }[];
  results: RecordResult[];
}

const emptyReport = (): RecordReport => ({ offered: 0, received: 0, duplicates: 0, refused: 0, failed: [], results: [] });

function count(r: RecordReport, x: RecordResult) {
  r.results.push(x);
  if (x.outcome === 'received') r.received++;
  else if (x.outcome === 'duplicate') r.duplicates++;
  else r.refused++;
}

/** The payment records the portal has not had acknowledged (LayDanhSachThanhToanMoi: whole records), each taken once. */
async function pullPayments(ctx: Ctx, report: RecordReport): Promise<void> {
  const cfg = ctx.config.nationalPortal;
  const list = (await callService(cfg, 'LayDanhSachThanhToanMoi', { soLuong: 50 })).result;
  const offered: unknown[] = Array.isArray(list) ? list : [];
  report.offered = offered.length;
  for (const rec of offered) {
    const code = String((rec as { MaGiaoDich?: unknown })?.MaGiaoDich ?? '');
    try {
      const x = await ingestPayment(ctx, rec);
      count(report, x);
      await callService(cfg, 'CapNhatDaNhanThanhToan', { maGiaoDich: code, daNhan: x.outcome !== 'refused', LyDo: x.outcome === 'refused' ? x.message : '' });
    } catch (err) {
      report.failed.push({ code, error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }
}

/** The supplement answers given on the portal (LayDanhSachBoSungMoi, then LayChiTietBoSung each), each taken once. */
async function pullSupplements(ctx: Ctx, report: RecordReport): Promise<void> {
  const cfg = ctx.config.nationalPortal;
  const list = (await callService(cfg, 'LayDanhSachBoSungMoi', { soLuong: 50 })).result;
  const offered: string[] = (Array.isArray(list) ? list : []).map((x: { MaBoSung?: unknown }) => String(x?.MaBoSung ?? '')).filter((c: string) => c);
  report.offered = offered.length;
  for (const code of offered) {
    try {
      const known = await ctx.db
        .selectFrom('np_inbound_records')
        .select('record_code')
        .where('kind', '=', 'supplement')
        .where('record_code', '=', code)
        .executeTakeFirst();
      const x = known
        ? await ingestSupplement(ctx, { MaBoSung: code })
        : await ingestSupplement(ctx, (await callService(cfg, 'LayChiTietBoSung', { maBoSung: code })).result);
      count(report, x);
      await callService(cfg, 'CapNhatDaNhanBoSung', { maBoSung: code, daNhan: x.outcome !== 'refused', LyDo: x.outcome === 'refused' ? x.message : '' });
    } catch (err) {
      report.failed.push({ code, error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }
}

/** One pull from the portal. Safe to run twice at once: the portal code keeps each dossier single. */
export async function pullOnce(ctx: Ctx, opts: { batch?: number } = {}): Promise<PullReport> {
  const cfg = ctx.config.nationalPortal;
  const list = (await callService(cfg, 'LayDanhSachHoSoMoi', { soLuong: opts.batch ?? 50 })).result;
  const offered: string[] = (Array.isArray(list) ? list : []).map((x: { MaHoSo?: unknown }) => String(x?.MaHoSo ?? '')).filter((c: string) => c);
  const report: PullReport = {
    offered: offered.length,
    received: 0,
    duplicates: 0,
    refused: 0,
    failed: [],
    results: [],
    payments: emptyReport(),
    supplements: emptyReport(),
  };
  for (const portalCode of offered) {
    try {
      const already = await ctx.db.selectFrom('np_inbound').select('portal_code').where('portal_code', '=', portalCode).executeTakeFirst();
      let result: IntakeResult;
      if (already) result = (await known(ctx, portalCode))!;
      else {
        const detail = (await callService(cfg, 'LayChiTietHoSo', { mahoso: portalCode })).result;
        // The detail must be the dossier that was listed; otherwise it is refused under the listed code.
        result =
          detail?.MaHoSo === portalCode
            ? await ingest(ctx, detail)
            : await refuse(ctx, portalCode, null, 'national_portal.inbound.malformed', vi('national_portal.inbound.malformed', { fields: 'MaHoSo' }));
      }
      report.results.push(result);
      if (result.outcome === 'received') report.received++;
      else if (result.outcome === 'duplicate') report.duplicates++;
      else report.refused++;
      await callService(cfg, 'CapNhatDaNhanHoSo', {
        mahoso: portalCode,
        daNhan: result.outcome !== 'refused',
        MaHoSoTinh: result.outcome === 'refused' ? '' : result.code,
        LyDo: result.outcome === 'refused' ? result.message : '',
      });
      await ctx.db.updateTable('np_inbound').set({ acknowledged_at: ctx.clock.now() }).where('portal_code', '=', portalCode).execute();
    } catch (err) {
      report.failed.push({ portalCode, error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }
  // After the dossiers, so a payment or an answer for a dossier offered in this pull finds it.
  for (const [pull, r] of [
    [pullPayments, report.payments],
    [pullSupplements, report.supplements],
  ] as const) {
    try {
      await pull(ctx, r);
    } catch (err) {
      r.failed.push({ code: '', error: String((err as Error).message ?? err).slice(0, 500) });
    }
  }
  return report;
}

export const PULL_TOPIC = 'national-portal.pull';

/** Schedules the next pull in `minutes` (one message per time slot, so restarts do not pile them up). */
export async function schedulePull(ctx: Ctx, minutes = ctx.config.nationalPortal.pullMinutes): Promise<void> {
  if (minutes <= 0) return;
  const at = ctx.clock.now().getTime() + minutes * 60_000;
  const slot = Math.floor(at / (minutes * 60_000));
  await enqueue(ctx.db, { id: `${PULL_TOPIC}:${slot}`, topic: PULL_TOPIC, key: PULL_TOPIC, payload: {}, notBefore: new Date(at) });
}

export const FEE_SUBSCRIBER = 'national-portal-fee';

/** The pull's job, which schedules the next pull, and the fee wait's subscription (declared by the module's manifest, index.ts). */
export function pullJobs(jobs: Jobs): void {
  // A pulled dossier that starts waiting for its fee: the portal's payment, if it covers the fee,
  // ends the wait; otherwise the fee goes to the portal as a bill the citizen pays there (bills.ts).
  jobs.subscribe('dossier.event', FEE_SUBSCRIBER, async (ctx, msg) => {
    const e = msg.payload as { dossierId: string; action: string; seq: number };
    if (e.action !== 'request_fee') return;
    await settlePortalPayment(ctx, e.dossierId);
    await issueBill(ctx, e.dossierId, e.seq);
  });
  jobs.handle(PULL_TOPIC, async (ctx) => {
    try {
      await pullOnce(ctx);
    } finally {
      await schedulePull(ctx);
    }
  });
}

/** The portal code of each dossier that came from the portal (for the outward sync and the screens). */
export async function portalCodes(ctx: Ctx, dossierIds: string[]): Promise<Map<string, { portalCode: string; payment: InboundPayment | null }>> {
  if (dossierIds.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('np_inbound').select(['dossier_id', 'portal_code', 'payment']).where('dossier_id', 'in', dossierIds).execute();
  return new Map(
    rows.map((r) => [
      r.dossier_id!,
      { portalCode: r.portal_code, payment: (typeof r.payment === 'string' ? JSON.parse(r.payment) : r.payment) as InboundPayment | null },
    ]),
  );
}

export interface InboundRow {
  portalCode: string;
  state: 'received' | 'refused';
  dossierId: string | null;
  procedureCode: string | null;
  reason: string | null;
  payment: InboundPayment | null;
  deliveries: number;
  firstSeenAt: string;
  acknowledgedAt: string | null;
}

export async function listInbound(ctx: Ctx, limit = 100): Promise<InboundRow[]> {
  const rows = await ctx.db.selectFrom('np_inbound').selectAll().orderBy('first_seen_at', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    portalCode: r.portal_code,
    state: r.state,
    dossierId: r.dossier_id,
    procedureCode: r.procedure_code,
    reason: r.refusal_message,
    payment: (typeof r.payment === 'string' ? JSON.parse(r.payment) : r.payment) as InboundPayment | null,
    deliveries: r.deliveries,
    firstSeenAt: r.first_seen_at.toISOString(),
    acknowledgedAt: r.acknowledged_at ? r.acknowledged_at.toISOString() : null,
  }));
}
