/**
 * An online payment confirmed by the payment platform ends the fee wait (confirm_fee) without a
 * person at the desk: the system takes the action (the event and the audit entry name no person),
 * with the payment in the event. Idempotent: a dossier not waiting for its fee, or whose wait was
 * already ended for this payment, is left alone.
 */
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import * as store from '../store';
import { performAction } from './transition';

export type FeePaidOutcome = 'confirmed' | 'not_waiting' | 'already_confirmed' | 'not_found';

export async function confirmFeePaidOnline(ctx: Ctx, dossierId: string, payment: { paymentId: string; amount?: number }): Promise<FeePaidOutcome> {
  const d = await store.getDossier(ctx.db, dossierId);
  if (!d) return 'not_found';
  const events = await store.listEvents(ctx.db, dossierId);
  const dataOf = (e: store.DossierEvent) => (typeof e.data === 'string' ? JSON.parse(e.data) : (e.data as Record<string, unknown> | null)) ?? {};
  if (events.some((e) => e.action === 'confirm_fee' && dataOf(e).paymentId === payment.paymentId)) return 'already_confirmed';
  if (d.state !== 'waiting_fee') return 'not_waiting';
  // The desk's role at the receiving unit lets the machine allow the action; the event records the system.
  const system: Actor = { kind: 'officer', id: 'system:payments', name: 'Hệ thống thanh toán', roles: [{ role: 'reception', unitId: d.receiving_unit_id }] };
  await performAction(ctx, system, dossierId, 'confirm_fee', {
    version: d.version,
    asSystem: true,
    eventData: { paymentId: payment.paymentId, amount: payment.amount ?? null, paidOnline: true },
  });
  return 'confirmed';
}
