/**
 * What the national portal hands over after a dossier arrived (issue 11 item 6): the portal's
 * payment records and the citizen's answers to a supplement request, pulled like the dossiers
 * (list, detail, acknowledgement; docs/decisions-national-portal.md) and taken exactly once each
 * (np_inbound_records: kind + the portal's code of the record). A payment covering the fee ends
 * the fee wait through the payments module; an answer, item by item with its files, ends the
 * supplement wait through the dossiers module as the desk's recording does. Bad input (a payment
 * for an unknown dossier, an answer for a dossier not waiting for one, malformed data) is refused
 * with a Vietnamese reason the portal is told, and changes nothing.
 */
import { z } from 'zod';
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { t, type MessageKey } from '../../platform/i18n';
import { answerSupplement, getDossier, listSupplementRequests } from '../dossiers/service';
import { applyPortalPayment, type PortalPaymentOutcome } from '../payments/service';
import { fromPortalTime, type InboundPayment } from './inbound';
import { findBill, markBillPaid } from './bills';

const TS = /^\d{14}$/;
const CODE = /^[A-Za-z0-9.\-_]{4,60}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const vi = (key: MessageKey, params?: Record<string, unknown>) => t('vi', key, params);
/** An amount in đồng as Vietnamese write it (200.000). */
const vnd = (n: number) => n.toLocaleString('vi-VN');

export const paymentRecordSchema = z.object({
  MaGiaoDich: z.string().regex(CODE),
  MaHoSo: z.string().regex(CODE),
  DaThanhToan: z.boolean(),
  SoTien: z.number().int().min(0),
  ThoiDiemThanhToan: z.string().regex(TS).optional(),
  /** The bill this system sent for the officer's fee request (bills.ts); absent for a payment made before submitting. */
  MaThamChieu: z.string().regex(CODE).optional(),
});

export const supplementAnswerSchema = z.object({
  MaBoSung: z.string().regex(CODE),
  MaHoSo: z.string().regex(CODE),
  MaYeuCauBoSung: z.string().min(1).max(100),
  DanhSachGiayTo: z
    .array(
      z.object({
        MaMuc: z.string().min(1).max(100),
        GhiChu: z.string().max(2000).optional(),
        TenTepDinhKem: z.string().min(1).max(255).optional(),
        LoaiTep: z.string().min(3).max(100).optional(),
        DuLieuTepDinhKem: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .max(50),
});

export type RecordKind = 'payment' | 'supplement';

export interface RecordResult {
  kind: RecordKind;
  outcome: 'received' | 'duplicate' | 'refused';
  /** The portal's code of the record (MaGiaoDich, MaBoSung) when readable. */
  code: string | null;
  portalCode: string | null;
  dossierId: string | null;
  message: string;
  payment?: PortalPaymentOutcome | null;
}

const fieldsOf = (e: z.ZodError) => [...new Set(e.issues.map((i) => i.path.join('.') || '(gốc)'))].join(', ');
const readable = (raw: unknown, key: string) => {
  const v = (raw as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' && CODE.test(v) ? v : null;
};

/** A record seen before: counted, and given its first answer again. */
async function seen(ctx: Ctx, kind: RecordKind, code: string): Promise<RecordResult | null> {
  const row = await ctx.db.selectFrom('np_inbound_records').selectAll().where('kind', '=', kind).where('record_code', '=', code).executeTakeFirst();
  if (!row) return null;
  await ctx.db
    .updateTable('np_inbound_records')
    .set((eb) => ({ deliveries: eb('deliveries', '+', 1), last_seen_at: ctx.clock.now() }))
    .where('kind', '=', kind)
    .where('record_code', '=', code)
    .execute();
  if (row.state === 'refused') return { kind, outcome: 'refused', code, portalCode: row.portal_code, dossierId: row.dossier_id, message: row.message ?? '' };
  const params = kind === 'payment' ? { transaction: code, portalCode: row.portal_code } : { answer: code, portalCode: row.portal_code };
  return { kind, outcome: 'duplicate', code, portalCode: row.portal_code, dossierId: row.dossier_id, message: vi(`national_portal.${kind}.duplicate`, params) };
}

async function keep(ctx: Ctx, r: RecordResult): Promise<RecordResult> {
  if (!r.code || !r.portalCode) return r;
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('np_inbound_records')
    .values({
      kind: r.kind,
      record_code: r.code,
      portal_code: r.portalCode,
      dossier_id: r.dossierId,
      state: r.outcome === 'refused' ? 'refused' : 'received',
      message: r.message.slice(0, 2000),
      first_seen_at: now,
      last_seen_at: now,
    })
    .onConflict((oc) => oc.columns(['kind', 'record_code']).doNothing())
    .execute();
  return r;
}

const refused = (kind: RecordKind, code: string | null, portalCode: string | null, message: string, dossierId: string | null = null): RecordResult => ({
  kind,
  outcome: 'refused',
  code,
  portalCode,
  dossierId,
  message,
});

/** The dossier a portal code became here (received, not refused). */
async function inboundOf(ctx: Ctx, portalCode: string) {
  const row = await ctx.db.selectFrom('np_inbound').selectAll().where('portal_code', '=', portalCode).where('state', '=', 'received').executeTakeFirst();
  return row?.dossier_id ? row : null;
}

const paymentOf = (v: unknown): InboundPayment | null => (typeof v === 'string' ? JSON.parse(v) : (v ?? null)) as InboundPayment | null;

/** The applicant as the portal authenticated them (VNeID), the same actor the intake used. */
function portalCitizen(d: { applicant_id_number: string; applicant_name: string }): Actor {
  return { kind: 'citizen', id: `dvcqg:${d.applicant_id_number}`, name: d.applicant_name, personalId: d.applicant_id_number, roles: [] };
}

export interface PaymentOutcomeRecord {
  outcome: PortalPaymentOutcome['outcome'];
  owed: number | null;
  amount: number | null;
  paymentId: string | null;
  at: string;
}

/**
 * Applies the portal's payment record of a pulled dossier to the fee it owes (at intake, when a
 * later record arrives, and when the dossier starts waiting for its fee). Null when the portal
 * reports no payment. The outcome is kept for the officer's screen.
 */
export async function settlePortalPayment(ctx: Ctx, dossierId: string): Promise<PortalPaymentOutcome | null> {
  const row = await ctx.db.selectFrom('np_inbound').selectAll().where('dossier_id', '=', dossierId).where('state', '=', 'received').executeTakeFirst();
  const p = row ? paymentOf(row.payment) : null;
  if (!row || !p?.paid) return null;
  const d = (await getDossier(ctx, dossierId))!;
  const out = await applyPortalPayment(ctx, {
    dossierId,
    transactionId: p.transactionId ?? row.portal_code,
    amount: p.amount,
    paidAt: p.paidAt ? new Date(p.paidAt) : null,
    payerId: portalCitizen(d).id,
    payerName: d.applicant_name,
  });
  const kept: PaymentOutcomeRecord = {
    outcome: out.outcome,
    owed: 'owed' in out ? out.owed : null,
    amount: 'amount' in out ? out.amount : null,
    paymentId: 'paymentId' in out ? out.paymentId : null,
    at: ctx.clock.now().toISOString(),
  };
  await ctx.db
    .updateTable('np_inbound')
    .set({ payment_outcome: JSON.stringify(kept) })
    .where('portal_code', '=', row.portal_code)
    .execute();
  return out;
}

/** A payment record the portal hands over (LayDanhSachThanhToanMoi): the portal's record replaces the one kept. */
export async function ingestPayment(ctx: Ctx, raw: unknown): Promise<RecordResult> {
  const r = paymentRecordSchema.safeParse(raw);
  const code = r.success ? r.data.MaGiaoDich : readable(raw, 'MaGiaoDich');
  const portalCode = r.success ? r.data.MaHoSo : readable(raw, 'MaHoSo');
  const before = code ? await seen(ctx, 'payment', code) : null;
  if (before) return before;
  if (!r.success) return keep(ctx, refused('payment', code, portalCode, vi('national_portal.payment.malformed', { fields: fieldsOf(r.error) })));
  const p = r.data;
  const inbound = await inboundOf(ctx, p.MaHoSo);
  if (!inbound)
    return keep(
      ctx,
      refused('payment', p.MaGiaoDich, p.MaHoSo, vi('national_portal.payment.unknown_dossier', { portalCode: p.MaHoSo, transaction: p.MaGiaoDich })),
    );
  const paidAt = p.ThoiDiemThanhToan ? fromPortalTime(p.ThoiDiemThanhToan) : null;
  if (p.MaThamChieu) {
    // A payment of a bill: exactly that bill, for exactly its amount, once.
    const bill = await findBill(ctx, p.MaThamChieu);
    const params = { bill: p.MaThamChieu, portalCode: p.MaHoSo, transaction: p.MaGiaoDich, amount: vnd(p.SoTien) };
    /** The payment refused for this bill, kept with the reason (on the dossier the portal code names). */
    const refuseForBill = (reason: string) => keep(ctx, refused('payment', p.MaGiaoDich, p.MaHoSo, reason, inbound.dossier_id));
    if (!bill || bill.portal_code !== p.MaHoSo) return refuseForBill(vi('national_portal.bill.unknown', params));
    if (Number(bill.amount) !== p.SoTien) return refuseForBill(vi('national_portal.bill.amount_mismatch', { ...params, billAmount: vnd(Number(bill.amount)) }));
    if (bill.state === 'paid' && bill.paid_transaction !== p.MaGiaoDich)
      return refuseForBill(vi('national_portal.bill.already_paid', { ...params, paidBy: bill.paid_transaction ?? '' }));
    if (p.DaThanhToan) await markBillPaid(ctx, bill.bill_code, p.MaGiaoDich, paidAt);
  }
  const record: InboundPayment = {
    paid: p.DaThanhToan,
    amount: p.SoTien,
    transactionId: p.MaGiaoDich,
    paidAt: paidAt ? paidAt.toISOString() : null,
  };
  await ctx.db
    .updateTable('np_inbound')
    .set({ payment: JSON.stringify(record) })
    .where('portal_code', '=', p.MaHoSo)
    .execute();
  const payment = await settlePortalPayment(ctx, inbound.dossier_id!);
  return keep(ctx, {
    kind: 'payment',
    outcome: 'received',
    code: p.MaGiaoDich,
    portalCode: p.MaHoSo,
    dossierId: inbound.dossier_id,
    message: vi('national_portal.payment.received', { transaction: p.MaGiaoDich, portalCode: p.MaHoSo }),
    payment,
  });
}

/** The citizen's answer to a supplement request, given on the portal (LayChiTietBoSung). */
export async function ingestSupplement(ctx: Ctx, raw: unknown): Promise<RecordResult> {
  const r = supplementAnswerSchema.safeParse(raw);
  const code = r.success ? r.data.MaBoSung : readable(raw, 'MaBoSung');
  const portalCode = r.success ? r.data.MaHoSo : readable(raw, 'MaHoSo');
  const before = code ? await seen(ctx, 'supplement', code) : null;
  if (before) return before;
  if (!r.success) return keep(ctx, refused('supplement', code, portalCode, vi('national_portal.supplement.malformed', { fields: fieldsOf(r.error) })));
  const a = r.data;
  const bad = a.DanhSachGiayTo.map((f, i) =>
    f.DuLieuTepDinhKem && !BASE64.test(f.DuLieuTepDinhKem.replace(/\s/g, ''))
      ? `DanhSachGiayTo.${i}.DuLieuTepDinhKem`
      : f.DuLieuTepDinhKem && (!f.TenTepDinhKem || !f.LoaiTep)
        ? `DanhSachGiayTo.${i}.TenTepDinhKem`
        : null,
  ).filter((x): x is string => !!x);
  if (bad.length) return keep(ctx, refused('supplement', a.MaBoSung, a.MaHoSo, vi('national_portal.supplement.malformed', { fields: bad.join(', ') })));
  const params = { answer: a.MaBoSung, portalCode: a.MaHoSo, request: a.MaYeuCauBoSung };
  const inbound = await inboundOf(ctx, a.MaHoSo);
  if (!inbound) return keep(ctx, refused('supplement', a.MaBoSung, a.MaHoSo, vi('national_portal.supplement.unknown_dossier', params)));
  const d = (await getDossier(ctx, inbound.dossier_id!))!;
  const request = (await listSupplementRequests(ctx, d.id)).find((x) => x.id === a.MaYeuCauBoSung);
  // Answered online before (this answer, whose acknowledgement was lost after it was recorded): the same answer.
  if (request?.state === 'answered') {
    const via = request.answeredVia === 'online';
    return keep(ctx, {
      kind: 'supplement',
      outcome: via ? 'duplicate' : 'refused',
      code: a.MaBoSung,
      portalCode: a.MaHoSo,
      dossierId: d.id,
      message: vi(via ? 'national_portal.supplement.duplicate' : 'national_portal.supplement.already_answered', params),
    });
  }
  if (d.state !== 'waiting_supplement' || request?.state !== 'issued')
    return keep(ctx, refused('supplement', a.MaBoSung, a.MaHoSo, vi('national_portal.supplement.not_waiting', { ...params, code: d.code }), d.id));
  const answers = a.DanhSachGiayTo.map((x) => ({
    itemId: x.MaMuc,
    note: x.GhiChu ?? null,
    file: x.DuLieuTepDinhKem
      ? { componentKey: null, fileName: x.TenTepDinhKem!, contentType: x.LoaiTep!, bytes: Buffer.from(x.DuLieuTepDinhKem, 'base64') }
      : null,
  }));
  try {
    await answerSupplement(ctx, portalCitizen(d), d.id, { version: d.version, answers });
  } catch (err) {
    if (err instanceof AppError && err.status < 500)
      return keep(
        ctx,
        refused('supplement', a.MaBoSung, a.MaHoSo, vi('national_portal.supplement.refused', { ...params, reason: vi(err.key, err.params) }), d.id),
      );
    throw err;
  }
  return keep(ctx, {
    kind: 'supplement',
    outcome: 'received',
    code: a.MaBoSung,
    portalCode: a.MaHoSo,
    dossierId: d.id,
    message: vi('national_portal.supplement.received', params),
  });
}

/** For the officer's screen and API: the portal code of a pulled dossier and what its portal payment did. */
export interface FrontDoorFacts {
  portalCode: string;
  payment: InboundPayment | null;
  paymentOutcome: PaymentOutcomeRecord | null;
}

export async function frontDoorFacts(ctx: Ctx, dossierId: string): Promise<FrontDoorFacts | null> {
  const row = await ctx.db.selectFrom('np_inbound').selectAll().where('dossier_id', '=', dossierId).where('state', '=', 'received').executeTakeFirst();
  if (!row) return null;
  const o = row.payment_outcome;
  return {
    portalCode: row.portal_code,
    payment: paymentOf(row.payment),
    paymentOutcome: (typeof o === 'string' ? JSON.parse(o) : (o ?? null)) as PaymentOutcomeRecord | null,
  };
}
