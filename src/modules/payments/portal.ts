/**
 * A payment made on the National Public Service Portal (DVCQG) for a dossier that came through
 * it: the portal's own payment record decides (docs/decisions-national-portal.md). When it covers
 * exactly the fees the dossier owes (its procedure version, channel and answers), it is recorded
 * as a paid payment with the portal's transaction reference and ends the dossier's fee wait if it
 * is waiting (the same confirm_fee as a payment through the provincial gateway). A partial or
 * different amount records nothing and ends nothing: the caller shows it to the officer.
 * Idempotent: the same transaction again finds its payment (and ends a wait that began since).
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { enqueue } from '../../platform/outbox';
import type { FeeSpec } from '../catalogue/model';
import { getProcedureSnapshotByVersion } from '../catalogue/service';
import { confirmFeePaidOnline, getDossier, type FeePaidOutcome } from '../dossiers/service';
import { recordEvent } from './apply';
import { computeFees, type FeeLine } from './model';

export type PortalPaymentOutcome =
  | { outcome: 'paid' | 'duplicate'; paymentId: string; owed: number; amount: number; feeWait: FeePaidOutcome }
  | { outcome: 'amount_mismatch'; owed: number; amount: number }
  | { outcome: 'nothing_owed'; owed: 0; amount: number }
  | { outcome: 'transaction_elsewhere'; owed: number; amount: number }
  | { outcome: 'dossier_not_found' };

/** The order reference of a portal payment: never one of the gateway's (those start with the dossier code). */
export const portalOrderRef = (transactionId: string) => `DVCQG-${transactionId}`;

const answersOf = (data: unknown): Record<string, unknown> => {
  const v = typeof data === 'string' ? JSON.parse(data) : data;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};

/** What the dossier owes in total (đồng), by its fee rules, line by line (the quote a bill on the national portal carries). */
export async function feesOwed(ctx: Ctx, dossierId: string): Promise<{ total: number; lines: FeeLine[] } | null> {
  const d = await getDossier(ctx, dossierId);
  if (!d) return null;
  const kept = (d.snapshot as { fees?: FeeSpec[] } | null)?.fees;
  const fees = kept ?? (await getProcedureSnapshotByVersion(ctx, d.procedure_version_id))?.fees ?? [];
  const q = computeFees(fees, d.channel, { answers: answersOf(d.data) });
  return { total: q.total, lines: q.lines };
}

export async function applyPortalPayment(
  ctx: Ctx,
  input: { dossierId: string; transactionId: string; amount: number; paidAt: Date | null; payerId: string; payerName: string },
): Promise<PortalPaymentOutcome> {
  const d = await getDossier(ctx, input.dossierId);
  if (!d) return { outcome: 'dossier_not_found' };
  const orderRef = portalOrderRef(input.transactionId);
  const existing = await ctx.db.selectFrom('payments').selectAll().where('order_ref', '=', orderRef).executeTakeFirst();
  if (existing) {
    if (existing.dossier_id !== d.id) return { outcome: 'transaction_elsewhere', owed: Number(existing.amount), amount: input.amount };
    const feeWait = await confirmFeePaidOnline(ctx, d.id, { paymentId: existing.id, amount: Number(existing.amount) });
    return { outcome: 'duplicate', paymentId: existing.id, owed: Number(existing.amount), amount: input.amount, feeWait };
  }
  const owed = (await feesOwed(ctx, d.id))!;
  if (owed.total <= 0) return { outcome: 'nothing_owed', owed: 0, amount: input.amount };
  if (input.amount !== owed.total) return { outcome: 'amount_mismatch', owed: owed.total, amount: input.amount };
  const now = ctx.clock.now();
  const paidAt = input.paidAt ?? now;
  const id = randomUUID();
  const inserted = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('payments')
      .values({
        id,
        dossier_id: d.id,
        dossier_code: d.code,
        order_ref: orderRef,
        amount: owed.total,
        fee_lines: JSON.stringify(owed.lines),
        state: 'paid',
        payer_kind: 'citizen',
        payer_id: input.payerId,
        payer_name: input.payerName,
        pay_url: null,
        gateway_txn_id: input.transactionId,
        bank_code: 'DVCQG',
        paid_at: paidAt,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('order_ref').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) return false;
    await recordEvent(trx, {
      paymentId: id,
      orderRef,
      at: now,
      source: 'dvcqg',
      outcome: 'paid',
      data: { transactionId: input.transactionId, amount: input.amount, paidAt: paidAt.toISOString() },
    });
    await appendAudit(trx, {
      actorKind: 'system',
      actorId: null,
      action: 'payment.paid',
      entity: 'payment',
      entityId: id,
      details: { dossierId: d.id, orderRef, amount: owed.total, transactionId: input.transactionId, source: 'dvcqg' },
      at: now,
    });
    // The same fan-out as a gateway payment: the portal sync and the citizen's notice.
    await enqueue(trx, {
      id: `payment.paid:${id}`,
      topic: 'payment.paid',
      key: d.id,
      payload: { paymentId: id, dossierId: d.id, dossierCode: d.code, amount: owed.total, paidAt: paidAt.toISOString(), online: true },
    });
    return true;
  });
  // Two pulls at once: the other one recorded it; this one is the repeat.
  if (!inserted) return applyPortalPayment(ctx, input);
  const feeWait = await confirmFeePaidOnline(ctx, d.id, { paymentId: id, amount: owed.total });
  return { outcome: 'paid', paymentId: id, owed: owed.total, amount: input.amount, feeWait };
}
