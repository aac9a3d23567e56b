/**
 * Payment use cases: start a payment for a dossier (fees from its procedure version), take the
 * gateway's callback, ask the gateway (QUERY) when a callback does not come, read the status,
 * the facts for the indicators. Reconciliation and the receipt are in reconcile.ts, receipt.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { enqueue } from '../../platform/outbox';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import type { FeeSpec } from '../catalogue/model';
import { getProcedureSnapshotByVersion } from '../catalogue/service';
import { canSeeDossier, getDossier } from '../dossiers/service';
import { applyReport, lockPayment, recordEvent, type ApplyOutcome, type Payment } from './apply';
import { GatewayError, initPayment, queryPayment as gatewayQuery, type GatewaySettings } from './gateway';
import { CALLBACK_FIELDS, CALLBACK_TYPE, computeFees, MA_LOI_OK, newOrderRef, TRANG_THAI, verifySigned, type FeeLine, type PaymentState } from './model';

export type { Payment } from './apply';

export function gatewaySettings(ctx: Ctx): GatewaySettings {
  return {
    url: ctx.config.payment.url,
    partnerCode: ctx.config.payment.partnerCode,
    secret: ctx.config.payment.secret,
    macScheme: ctx.config.payment.macScheme,
  };
}

export interface PaymentView {
  id: string;
  dossierId: string;
  dossierCode: string;
  orderRef: string;
  amount: number;
  currency: string;
  feeLines: FeeLine[];
  state: PaymentState;
  payUrl: string | null;
  transactionId: string | null;
  paidAt: string | null;
  createdAt: string;
}

export function viewOf(p: Payment): PaymentView {
  return {
    id: p.id,
    dossierId: p.dossier_id,
    dossierCode: p.dossier_code,
    orderRef: p.order_ref,
    amount: Number(p.amount),
    currency: p.currency,
    feeLines: p.fee_lines as FeeLine[],
    state: p.state as PaymentState,
    payUrl: p.state === 'pending' ? p.pay_url : null,
    transactionId: p.gateway_txn_id,
    paidAt: p.paid_at ? p.paid_at.toISOString() : null,
    createdAt: p.created_at.toISOString(),
  };
}

async function dossierFor(ctx: Ctx, actor: Actor, dossierId: string) {
  const d = await getDossier(ctx, dossierId);
  if (!d || !(await canSeeDossier(ctx, actor, d))) throw notFound('payments.dossier_not_found');
  return d;
}

/** The fee lines of the procedure version the dossier was submitted under. */
async function feesOf(ctx: Ctx, versionId: string, snapshot: unknown): Promise<FeeSpec[]> {
  const kept = (snapshot as { fees?: FeeSpec[] } | null)?.fees;
  if (kept) return kept;
  return (await getProcedureSnapshotByVersion(ctx, versionId))?.fees ?? [];
}

/** The e-form answers kept with the dossier (JSON text or an object, by driver). */
export function answersOf(data: unknown): Record<string, unknown> {
  const v = typeof data === 'string' ? JSON.parse(data) : data;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The fees the dossier owes, from its procedure version, channel and the applicant's answers. */
export async function quoteFees(ctx: Ctx, actor: Actor, dossierId: string, feeKeys?: string[]) {
  const d = await dossierFor(ctx, actor, dossierId);
  const fees = await feesOf(ctx, d.procedure_version_id, d.snapshot);
  return { dossier: d, fees, quote: computeFees(fees, d.channel, { feeKeys, answers: answersOf(d.data) }) };
}

const ageMinutes = (ctx: Ctx, p: Payment) => (ctx.clock.now().getTime() - p.created_at.getTime()) / 60_000;

/**
 * The applicant starts (or resumes) paying the dossier's fees: 409 when already paid; a recent
 * pending attempt is resumed (same payment page) rather than doubled; an older one is asked
 * about first (it may have been paid after all) and given up only if the gateway says it is not.
 */
export async function startPayment(ctx: Ctx, actor: Actor, dossierId: string, input: { feeKeys?: string[]; ip?: string | null } = {}): Promise<PaymentView> {
  if (actor.kind !== 'citizen') throw forbidden('payments.only_applicant');
  const { dossier, quote } = await quoteFees(ctx, actor, dossierId, input.feeKeys);
  if (dossier.closed_at) throw conflict('payments.dossier_closed');
  if (quote.total <= 0) throw badRequest('payments.nothing_to_pay');
  const existing = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('dossier_id', '=', dossierId)
    .where('state', 'in', ['pending', 'paid'])
    .orderBy('created_at', 'desc')
    .execute();
  if (existing.some((p) => p.state === 'paid')) throw conflict('payments.already_paid');
  for (const p of existing) {
    if (ageMinutes(ctx, p) < ctx.config.payment.queryAfterMinutes && p.pay_url && Number(p.amount) === quote.total) return viewOf(p);
    const after = await queryAndApply(ctx, p.id);
    if (after.state === 'paid') throw conflict('payments.already_paid');
    if (after.state === 'pending') await giveUp(ctx, p.id, 'superseded');
  }
  const now = ctx.clock.now();
  const id = randomUUID();
  const orderRef = newOrderRef(dossier.code, now, randomBytes(3).toString('hex'));
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payments')
      .values({
        id,
        dossier_id: dossier.id,
        dossier_code: dossier.code,
        order_ref: orderRef,
        amount: quote.total,
        fee_lines: JSON.stringify(quote.lines),
        state: 'pending',
        payer_kind: actor.kind,
        payer_id: actor.id,
        payer_name: actor.name,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordEvent(trx, { paymentId: id, orderRef, at: now, source: 'init', outcome: 'created', data: { amount: quote.total, lines: quote.lines } });
    // If no callback comes, the worker asks the gateway (QUERY) after PAYMENT_QUERY_AFTER_MIN.
    await enqueue(trx, {
      id: `payments.check:${id}:1`,
      topic: 'payments.check',
      key: id,
      payload: { paymentId: id, round: 1 },
      notBefore: new Date(now.getTime() + ctx.config.payment.queryAfterMinutes * 60_000),
    });
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: 'payment.start',
      entity: 'payment',
      entityId: id,
      ip: input.ip ?? null,
      details: { dossierId, orderRef, amount: quote.total },
      at: now,
    });
  });
  let payUrl: string;
  try {
    ({ payUrl } = await initPayment(gatewaySettings(ctx), {
      orderRef,
      amount: quote.total,
      description: `Thanh toan phi, le phi ho so ${dossier.code}`,
      ip: input.ip ?? '127.0.0.1',
      at: now,
      receipt: {
        MaDichVu: '2',
        MaTTHC: dossier.procedure_code,
        TenTTHC: dossier.procedure_name,
        MaHoSo: dossier.code,
        HoTenNguoiNop: dossier.applicant_name,
        SoCMNDNguoiNop: dossier.applicant_id_number,
        DiaChiNguoiNop: dossier.applicant_address ?? '',
        NoiDungThanhToan: `Phí, lệ phí hồ sơ ${dossier.code}`,
        PhiLePhi: quote.lines
          .filter((l) => l.amount > 0)
          .map((l) => ({ LoaiPhiLePhi: l.kind === 'fee' ? '1' : '2', MaPhiLePhi: l.key, TenPhiLePhi: l.name, SoTien: l.amount })),
      },
    }));
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    await giveUp(ctx, id, 'init_failed', 'failed');
    throw new AppError(502, 'payments.gateway_unavailable');
  }
  await ctx.db.updateTable('payments').set({ pay_url: payUrl }).where('id', '=', id).execute();
  return viewOf(await ctx.db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

/** Marks a pending payment cancelled (or failed) locally; a later success from the gateway still wins. */
async function giveUp(ctx: Ctx, id: string, reason: string, to: 'cancelled' | 'failed' = 'cancelled') {
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await lockPayment(trx, { id });
    if (!p || p.state !== 'pending') return;
    await trx
      .updateTable('payments')
      .set({ state: to, closed_reason: reason, updated_at: at, version: p.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordEvent(trx, { paymentId: id, orderRef: p.order_ref, at, source: 'portal', outcome: to, data: { reason } });
    await appendAudit(trx, { actorKind: 'system', actorId: null, action: `payment.${to}`, entity: 'payment', entityId: id, details: { reason }, at });
  });
}

export interface CallbackAnswer {
  MaLoi: string;
  MoTaLoi: string;
  MaDoiTac: string;
  MaThamChieu: string;
  TrangThaiGD: string;
}

/**
 * The gateway's callback. Checked in this order: MaXacThuc, message type, partner, the order
 * exists, the amount and currency match; only the signed fields are read from then on. Only an
 * unambiguous signed success (MaLoi 00) is applied directly, under a row lock, idempotently;
 * any other signed outcome is confirmed by asking the platform (QUERY, server to server) and
 * the answer applied instead, so a captured "not paid" message can never make a payment paid.
 * A refused callback changes nothing (it is logged by the caller).
 */
export async function handleCallback(
  ctx: Ctx,
  body: Record<string, unknown>,
): Promise<{ answer: CallbackAnswer; outcome: ApplyOutcome | 'refused' | 'queried'; reason?: string }> {
  const s = gatewaySettings(ctx);
  const m = verifySigned(body, CALLBACK_FIELDS, s.secret, s.macScheme);
  const ref = m?.MaThamChieu ?? '';
  const answer = (MaLoi: string, MoTaLoi: string, TrangThaiGD = ''): CallbackAnswer => ({
    MaLoi,
    MoTaLoi,
    MaDoiTac: s.partnerCode,
    MaThamChieu: ref,
    TrangThaiGD,
  });
  if (!m) return { answer: answer('11', 'MaXacThuc không hợp lệ'), outcome: 'refused', reason: 'bad_mac' };
  if (m.LoaiBanTin !== CALLBACK_TYPE) return { answer: answer('12', 'LoaiBanTin không hợp lệ'), outcome: 'refused', reason: 'bad_type' };
  if (m.MaDoiTac !== s.partnerCode) return { answer: answer('10', 'MaDoiTac không hợp lệ'), outcome: 'refused', reason: 'bad_partner' };
  const at = ctx.clock.now();
  const success = m.MaLoi === MA_LOI_OK;
  type Decided = { answer: CallbackAnswer; outcome: ApplyOutcome | 'refused'; reason?: string };
  const applied = await ctx.db.transaction().execute(async (trx): Promise<Decided | { paymentId: string }> => {
    const p = await lockPayment(trx, { orderRef: ref });
    if (!p) return { answer: answer('04', 'Không tìm thấy giao dịch'), outcome: 'refused' as const, reason: 'unknown_order' };
    if (Number(m.SoTien) !== Number(p.amount) || (m.MaTienTe || 'VND') !== p.currency) {
      await recordEvent(trx, { paymentId: p.id, orderRef: ref, at, source: 'callback', outcome: 'refused_amount', data: m });
      return { answer: answer('03', 'Số tiền không khớp'), outcome: 'refused' as const, reason: 'amount' };
    }
    if (!success) {
      await recordEvent(trx, { paymentId: p.id, orderRef: ref, at, source: 'callback', outcome: 'to_confirm', data: m });
      return { paymentId: p.id };
    }
    const outcome = await applyReport(
      trx,
      p,
      { status: TRANG_THAI.paid, amount: Number(m.SoTien), transactionId: m.MaGiaoDich || null, bankCode: m.MaNganHang || null, time: m.ThoiGianGD || null },
      'callback',
      at,
    );
    if (outcome === 'second_transaction' || outcome === 'txn_reused')
      return { answer: answer('05', 'Giao dịch trùng hoặc mâu thuẫn, cần đối soát', TRANG_THAI.paid), outcome };
    return { answer: answer(MA_LOI_OK, outcome === 'duplicate' ? 'Đã ghi nhận trước đó' : 'Thành công', TRANG_THAI.paid), outcome };
  });
  if (!('paymentId' in applied)) return applied;
  // Not a success: what the platform answers to QUERY decides (a later success still wins).
  try {
    const after = await queryAndApply(ctx, applied.paymentId);
    return { answer: answer(MA_LOI_OK, 'Đã ghi nhận, đã đối chiếu với nền tảng', after.state === 'paid' ? TRANG_THAI.paid : ''), outcome: 'queried' };
  } catch (e) {
    if (!(e instanceof GatewayError)) throw e;
    // The scheduled check (payments.check) asks again later.
    return { answer: answer(MA_LOI_OK, 'Đã ghi nhận, sẽ đối chiếu với nền tảng'), outcome: 'queried' };
  }
}

/** Asks the gateway about a payment (QUERY) and applies the answer; returns the payment after. */
export async function queryAndApply(ctx: Ctx, paymentId: string): Promise<PaymentView> {
  const before = await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirst();
  if (!before) throw notFound('payments.not_found');
  if (before.state === 'paid') return viewOf(before);
  const tx = await gatewayQuery(gatewaySettings(ctx), before.order_ref, ctx.clock.now());
  const at = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await lockPayment(trx, { id: paymentId });
    if (!p) return;
    await trx.updateTable('payments').set({ last_query_at: at }).where('id', '=', p.id).execute();
    if (tx.status === TRANG_THAI.paid && tx.amount !== Number(p.amount)) {
      await recordEvent(trx, { paymentId: p.id, orderRef: p.order_ref, at, source: 'query', outcome: 'refused_amount', data: tx });
      return;
    }
    await applyReport(trx, p, tx, 'query', at);
  });
  return viewOf(await ctx.db.selectFrom('payments').selectAll().where('id', '=', paymentId).executeTakeFirstOrThrow());
}

async function paymentFor(ctx: Ctx, actor: Actor, where: { id?: string; orderRef?: string }): Promise<Payment> {
  let q = ctx.db.selectFrom('payments').selectAll();
  if (where.id) q = q.where('id', '=', where.id);
  if (where.orderRef) q = q.where('order_ref', '=', where.orderRef);
  const p = await q.executeTakeFirst();
  if (!p) throw notFound('payments.not_found');
  const d = await getDossier(ctx, p.dossier_id);
  if (!d || !(await canSeeDossier(ctx, actor, d))) throw notFound('payments.not_found');
  return p;
}

export async function getPayment(ctx: Ctx, actor: Actor, id: string): Promise<PaymentView> {
  return viewOf(await paymentFor(ctx, actor, { id }));
}

/** The payer came back from the gateway: never trust the redirect, ask the gateway when still pending. */
export async function paymentReturned(ctx: Ctx, actor: Actor, orderRef: string): Promise<PaymentView> {
  const p = await paymentFor(ctx, actor, { orderRef });
  if (p.state !== 'pending') return viewOf(p);
  try {
    return await queryAndApply(ctx, p.id);
  } catch (e) {
    if (e instanceof GatewayError) return viewOf(p);
    throw e;
  }
}

export async function refreshPayment(ctx: Ctx, actor: Actor, id: string): Promise<PaymentView> {
  await paymentFor(ctx, actor, { id });
  try {
    return await queryAndApply(ctx, id);
  } catch (e) {
    if (e instanceof GatewayError) throw new AppError(502, 'payments.gateway_unavailable');
    throw e;
  }
}

export interface PaymentStatus {
  dossierId: string;
  state: 'none' | 'pending' | 'paid' | 'failed' | 'cancelled';
  amountPaid: number;
  paidAt: string | null;
  payments: PaymentView[];
}

/** Payment status of a dossier, for the dossier screens (no access check: the caller checked). */
export async function paymentStatus(ctx: Ctx, dossierId: string): Promise<PaymentStatus> {
  const rows = await ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at', 'asc').execute();
  const paid = rows.filter((p) => p.state === 'paid');
  const latest = rows[rows.length - 1];
  const state: PaymentStatus['state'] = paid.length > 0 ? 'paid' : latest ? (latest.state as PaymentState) : 'none';
  const firstPaid = paid.map((p) => p.paid_at!).sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    dossierId,
    state,
    amountPaid: paid.reduce((s, p) => s + Number(p.amount), 0),
    paidAt: firstPaid ? firstPaid.toISOString() : null,
    payments: rows.map(viewOf),
  };
}

export interface PaymentFact {
  dossierId: string;
  paidOnline: boolean;
  amount: number;
  paidAt: string | null;
}

/**
 * Facts for the indicators (766 group 3b, "dossiers paid online"): one row per dossier with a
 * payment, paid online yes/no and the amount paid, counted once per dossier whatever the number
 * of attempts. With `dossierIds`: those dossiers (any payment time); otherwise dossiers paid in [from, to).
 */
export async function dossierPaymentFacts(ctx: Ctx, f: { dossierIds?: string[]; from: Date; to: Date }): Promise<PaymentFact[]> {
  let q = ctx.db.selectFrom('payments').select(['dossier_id', 'state', 'amount', 'paid_at']);
  if (f.dossierIds) {
    if (f.dossierIds.length === 0) return [];
    q = q.where('dossier_id', 'in', f.dossierIds);
  } else q = q.where('state', '=', 'paid').where('paid_at', '>=', f.from).where('paid_at', '<', f.to);
  const rows = await q.execute();
  const by = new Map<string, PaymentFact>();
  for (const r of rows) {
    const fact = by.get(r.dossier_id) ?? { dossierId: r.dossier_id, paidOnline: false, amount: 0, paidAt: null };
    if (r.state === 'paid') {
      fact.paidOnline = true;
      fact.amount += Number(r.amount);
      const at = r.paid_at!.toISOString();
      if (!fact.paidAt || at < fact.paidAt) fact.paidAt = at;
    }
    by.set(r.dossier_id, fact);
  }
  return [...by.values()];
}

export { applyPortalPayment, feesOwed, portalOrderRef, type PortalPaymentOutcome } from './portal';
