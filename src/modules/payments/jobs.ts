/**
 * Background work through the outbox: `payments.check` asks the gateway about a payment whose
 * callback has not come (again later while it stays pending, up to a day), and
 * `payments.reconcile` reconciles yesterday every night and schedules the next night.
 */
import type { Ctx } from '../../platform/context';
import { enqueue } from '../../platform/outbox';
import type { Jobs } from '../../platform/module';
import { confirmFeePaidOnline } from '../dossiers/service';
import { vnDay, vnDayRange } from './model';
import { reconcileDay } from './reconcile';
import { queryAndApply } from './service';

const MAX_ROUNDS = 8;

/** The module's jobs (declared by its manifest, index.ts). */
export function paymentJobs(jobs: Jobs) {
  jobs.handle('payments.check', async (ctx, msg) => {
    const { paymentId, round } = msg.payload as { paymentId: string; round: number };
    const after = await queryAndApply(ctx, paymentId);
    if (after.state === 'pending' && round < MAX_ROUNDS) {
      const delayMin = ctx.config.payment.queryAfterMinutes * 2 ** round;
      await enqueue(ctx.db, {
        id: `payments.check:${paymentId}:${round + 1}`,
        topic: 'payments.check',
        key: paymentId,
        payload: { paymentId, round: round + 1 },
        notBefore: new Date(ctx.clock.now().getTime() + delayMin * 60_000),
      });
    }
  });
  // A paid online payment ends the dossier's fee wait (subscriber 'dossier-fee' of the payment.paid fan-out).
  jobs.subscribe('payment.paid', 'dossier-fee', async (ctx, msg) => {
    const { dossierId, paymentId, amount } = msg.payload as { dossierId: string; paymentId: string; amount?: number };
    await confirmFeePaidOnline(ctx, dossierId ?? msg.key, { paymentId, amount: amount == null ? undefined : Number(amount) });
  });
  jobs.handle('payments.reconcile', async (ctx, msg) => {
    const { day } = msg.payload as { day: string };
    await reconcileDay(ctx, day);
    await scheduleReconciliation(ctx, nextDay(day));
  });
}

const nextDay = (day: string) => vnDay(vnDayRange(day).to);

/** Schedules the reconciliation of `day` at 01:00 (Vietnam time) the day after; idempotent. */
export async function scheduleReconciliation(ctx: Ctx, day: string) {
  const runAt = new Date(vnDayRange(day).to.getTime() + 3_600_000);
  await enqueue(ctx.db, { id: `payments.reconcile:${day}`, topic: 'payments.reconcile', key: 'payments.reconcile', payload: { day }, notBefore: runAt });
}

/** At start: make sure today's reconciliation is scheduled. */
export async function ensureReconciliationScheduled(ctx: Ctx) {
  await scheduleReconciliation(ctx, vnDay(ctx.clock.now()));
}
