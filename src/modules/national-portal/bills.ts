/**
 * Fee requests as bills on the national portal (issue 11 item 6): when an officer asks for the fee
 * of a dossier that came through the portal, the bill (the payments module's quote line by line,
 * the portal's dossier code, a bill code, a due date) goes to the portal's payment platform
 * through the adapter; the citizen pays exactly that bill there, and the payment comes back
 * through the pull (LayDanhSachThanhToanMoi, answers.ts) carrying the bill code.
 *
 * Exactly once: the bill code is derived from the request_fee event (dossier code + event seq),
 * the bill row is written before it is sent and its payload kept as first built, and the handler
 * runs from the outbox (retries with backoff). A retry after a lost answer sends the same bill
 * under the same code, which the portal takes once.
 */
import type { Ctx } from '../../platform/context';
import { getDossier } from '../dossiers/service';
import { feesOwed, paymentStatus } from '../payments/service';
import { getUnit } from '../units/service';
import { callService } from './adapter';
import { BILL_SERVICE, billCode, billDueAt, billPayload, chargedLines } from './bill-payload';

export interface BillView {
  billCode: string;
  dossierId: string;
  portalCode: string;
  amount: number;
  dueAt: string;
  state: 'pending' | 'sent' | 'paid';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  paidTransaction: string | null;
  paidAt: string | null;
}

type BillRow = {
  bill_code: string;
  dossier_id: string;
  portal_code: string;
  amount: number | string;
  due_at: Date;
  state: 'pending' | 'sent' | 'paid';
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  paid_transaction: string | null;
  paid_at: Date | null;
  payload: unknown;
};

export function billView(r: BillRow): BillView {
  return {
    billCode: r.bill_code,
    dossierId: r.dossier_id,
    portalCode: r.portal_code,
    amount: Number(r.amount),
    dueAt: r.due_at.toISOString(),
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    paidTransaction: r.paid_transaction,
    paidAt: r.paid_at ? r.paid_at.toISOString() : null,
  };
}

const json = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;

export async function findBill(ctx: Ctx, code: string) {
  return ctx.db.selectFrom('np_bills').selectAll().where('bill_code', '=', code).executeTakeFirst();
}

/** The bills of a dossier, oldest first (for the officer's answer and the tests). */
export async function billsOf(ctx: Ctx, dossierId: string): Promise<BillView[]> {
  const rows = await ctx.db.selectFrom('np_bills').selectAll().where('dossier_id', '=', dossierId).orderBy('created_at').execute();
  return rows.map(billView);
}

/**
 * The bill for the fee request `seq` of a dossier received from the portal: created (when the
 * dossier still waits for a fee it owes) and sent, or sent again when an earlier attempt failed.
 * Null when there is nothing to bill (not a portal dossier, nothing owed, already paid).
 * A failed send is recorded on the bill and thrown, so the outbox retries.
 */
export async function issueBill(ctx: Ctx, dossierId: string, seq: number): Promise<BillView | null> {
  const inbound = await ctx.db
    .selectFrom('np_inbound')
    .select('portal_code')
    .where('dossier_id', '=', dossierId)
    .where('state', '=', 'received')
    .executeTakeFirst();
  if (!inbound) return null;
  const d = await getDossier(ctx, dossierId);
  if (!d) return null;
  const code = billCode(d.code, seq);
  let row = await findBill(ctx, code);
  if (!row) {
    // Paid on the portal before submitting: the fee wait already ended (settlePortalPayment), no bill.
    if (d.state !== 'waiting_fee' || (await paymentStatus(ctx, dossierId)).state === 'paid') return null;
    const owed = await feesOwed(ctx, dossierId);
    if (!owed || chargedLines(owed.lines).length === 0) return null;
    const now = ctx.clock.now();
    const dueAt = billDueAt(now);
    const payload = billPayload({
      billCode: code,
      portalCode: inbound.portal_code,
      dossierCode: d.code,
      procedureCode: d.procedure_code,
      procedureName: d.procedure_name,
      unitCode: ctx.config.nationalPortal.madonvi,
      unitName: (await getUnit(ctx, d.receiving_unit_id))?.name ?? d.receiving_unit_id,
      applicant: { name: d.applicant_name, idNumber: d.applicant_id_number, address: d.applicant_address },
      lines: owed.lines,
      issuedAt: now,
      dueAt,
    });
    await ctx.db
      .insertInto('np_bills')
      .values({
        bill_code: code,
        dossier_id: d.id,
        portal_code: inbound.portal_code,
        amount: payload.SoTien,
        payload: JSON.stringify(payload),
        due_at: dueAt,
        state: 'pending',
        last_error: null,
        created_at: now,
      })
      .onConflict((oc) => oc.column('bill_code').doNothing())
      .execute();
    row = (await findBill(ctx, code))!;
  }
  if (row.state !== 'pending') return billView(row);
  try {
    await callService(ctx.config.nationalPortal, BILL_SERVICE, { data: [json(row.payload)] });
  } catch (err) {
    await ctx.db
      .updateTable('np_bills')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: String((err as Error).message ?? err).slice(0, 1000) }))
      .where('bill_code', '=', code)
      .execute();
    throw err;
  }
  await ctx.db
    .updateTable('np_bills')
    .set((eb) => ({ state: 'sent', sent_at: ctx.clock.now(), attempts: eb('attempts', '+', 1), last_error: null }))
    .where('bill_code', '=', code)
    .where('state', '=', 'pending')
    .execute();
  return billView((await findBill(ctx, code))!);
}

/** The bill a payment record names is paid by that transaction (idempotent: a repeat changes nothing). */
export async function markBillPaid(ctx: Ctx, code: string, transactionId: string, paidAt: Date | null): Promise<void> {
  await ctx.db
    .updateTable('np_bills')
    .set({ state: 'paid', paid_transaction: transactionId, paid_at: paidAt ?? ctx.clock.now() })
    .where('bill_code', '=', code)
    .where('state', '!=', 'paid')
    .execute();
}
