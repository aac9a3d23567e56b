/**
 * Applying what the gateway says about an order (a callback or a QUERY answer), inside a
 * transaction holding the payment row (SELECT ... FOR UPDATE). Idempotent: the same success
 * twice changes nothing the second time; a payment is counted once.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { appendAudit } from '../../platform/audit';
import { enqueue } from '../../platform/outbox';
import { canTransition, parseGatewayTime, TRANG_THAI, type PaymentState } from './model';
import type { PaymentRow } from './tables';
import type { Selectable } from 'kysely';

export type Payment = Selectable<PaymentRow>;

export interface GatewayReport {
  status: string;
  amount: number;
  transactionId: string | null;
  bankCode: string | null;
  time: string | null;
}

export type ApplyOutcome = 'paid' | 'duplicate' | 'second_transaction' | 'failed' | 'cancelled' | 'unchanged' | 'txn_reused';

export async function recordEvent(
  db: Kysely<Database>,
  e: { paymentId: string | null; orderRef: string; at: Date; source: string; outcome: string; data: unknown },
) {
  await db
    .insertInto('payment_events')
    .values({
      id: randomUUID(),
      payment_id: e.paymentId,
      order_ref: e.orderRef,
      at: e.at,
      source: e.source,
      outcome: e.outcome,
      data: JSON.stringify(e.data ?? {}),
    })
    .execute();
}

export async function lockPayment(trx: Kysely<Database>, where: { orderRef?: string; id?: string }): Promise<Payment | undefined> {
  let q = trx.selectFrom('payments').selectAll();
  if (where.orderRef) q = q.where('order_ref', '=', where.orderRef);
  if (where.id) q = q.where('id', '=', where.id);
  return q.forUpdate().executeTakeFirst();
}

async function setState(
  trx: Kysely<Database>,
  p: Payment,
  to: PaymentState,
  at: Date,
  extra: Partial<Record<'gateway_txn_id' | 'bank_code' | 'gateway_time' | 'closed_reason', string | null>> & { paid_at?: Date } = {},
) {
  await trx
    .updateTable('payments')
    .set({ state: to, updated_at: at, version: p.version + 1, ...extra })
    .where('id', '=', p.id)
    .execute();
}

/** Applies a gateway report to a locked payment; returns what happened. The caller checked the MAC and the amount. */
export async function applyReport(trx: Kysely<Database>, p: Payment, r: GatewayReport, source: 'callback' | 'query', at: Date): Promise<ApplyOutcome> {
  const from = p.state as PaymentState;
  let outcome: ApplyOutcome = 'unchanged';
  if (r.status === TRANG_THAI.paid) {
    if (from === 'paid') outcome = p.gateway_txn_id === r.transactionId ? 'duplicate' : 'second_transaction';
    else if (r.transactionId && (await trx.selectFrom('payments').select('id').where('gateway_txn_id', '=', r.transactionId).executeTakeFirst()))
      outcome = 'txn_reused';
    else if (canTransition(from, 'paid')) {
      const paidAt = parseGatewayTime(r.time ?? '') ?? at;
      await setState(trx, p, 'paid', at, {
        gateway_txn_id: r.transactionId,
        bank_code: r.bankCode,
        gateway_time: r.time,
        paid_at: paidAt,
        closed_reason: null,
      });
      await appendAudit(trx, {
        actorKind: 'system',
        actorId: null,
        action: 'payment.paid',
        entity: 'payment',
        entityId: p.id,
        details: { dossierId: p.dossier_id, orderRef: p.order_ref, amount: p.amount, transactionId: r.transactionId, source, previousState: from },
        at,
      });
      await enqueue(trx, {
        id: `payment.paid:${p.id}`,
        topic: 'payment.paid',
        key: p.dossier_id,
        payload: { paymentId: p.id, dossierId: p.dossier_id, dossierCode: p.dossier_code, amount: p.amount, paidAt: paidAt.toISOString(), online: true },
      });
      await enqueue(trx, {
        id: `notify.payment_paid:${p.id}`,
        topic: 'notify.payment_paid',
        key: p.dossier_id,
        payload: { dossierId: p.dossier_id, dossierCode: p.dossier_code, paymentId: p.id, amount: p.amount },
      });
      outcome = 'paid';
    }
  } else if (r.status === TRANG_THAI.failed || r.status === TRANG_THAI.cancelled) {
    const to: PaymentState = r.status === TRANG_THAI.failed ? 'failed' : 'cancelled';
    if (canTransition(from, to)) {
      await setState(trx, p, to, at, { closed_reason: `gateway:${r.status}` });
      await appendAudit(trx, {
        actorKind: 'system',
        actorId: null,
        action: `payment.${to}`,
        entity: 'payment',
        entityId: p.id,
        details: { dossierId: p.dossier_id, orderRef: p.order_ref, source },
        at,
      });
      outcome = to;
    }
  }
  await recordEvent(trx, { paymentId: p.id, orderRef: p.order_ref, at, source, outcome, data: r });
  return outcome;
}
