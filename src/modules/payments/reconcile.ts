/**
 * Daily reconciliation: our payments of a Vietnam calendar day against the gateway's list of
 * transactions (DOI_SOAT). Mismatches are flagged for the monitors, never fixed silently:
 * paid there but not here, paid here but unknown there, different amounts or transaction ids.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { requireProvinceRole } from '../identity/service';
import { GatewayError, listTransactions } from './gateway';
import { AppError } from '../../platform/errors';
import { TRANG_THAI, vnDayRange } from './model';
import { gatewaySettings } from './service';

export type MismatchKind = 'paid_there_not_here' | 'paid_here_not_there' | 'amount' | 'transaction_id' | 'second_transaction';

export interface ReconciliationResult {
  id: string;
  day: string;
  ranAt: string;
  ours: number;
  theirs: number;
  matched: number;
  items: { kind: MismatchKind; orderRef: string; paymentId: string | null; ours: unknown; theirs: unknown }[];
}

export async function reconcileDay(
  ctx: Ctx,
  day: string,
  actor: { kind: 'officer' | 'system'; id: string | null } = { kind: 'system', id: null },
): Promise<ReconciliationResult> {
  const { from, to } = vnDayRange(day);
  const theirs = (await theirTransactions(ctx, day)).filter((t) => t.status === TRANG_THAI.paid);
  // Payments made on the national portal (DVCQG-...) went through the portal's platform, not this gateway.
  const ours = await ctx.db
    .selectFrom('payments')
    .selectAll()
    .where('state', '=', 'paid')
    .where('paid_at', '>=', from)
    .where('paid_at', '<', to)
    .where('order_ref', 'not like', 'DVCQG-%')
    .execute();
  const items: ReconciliationResult['items'] = [];
  const oursByRef = new Map(ours.map((p) => [p.order_ref, p]));
  let matched = 0;
  for (const t of theirs) {
    const p = oursByRef.get(t.orderRef) ?? (await ctx.db.selectFrom('payments').selectAll().where('order_ref', '=', t.orderRef).executeTakeFirst());
    const mine = p ? { state: p.state, amount: Number(p.amount), transactionId: p.gateway_txn_id } : null;
    if (!p || p.state !== 'paid') items.push({ kind: 'paid_there_not_here', orderRef: t.orderRef, paymentId: p?.id ?? null, ours: mine, theirs: t });
    else if (Number(p.amount) !== t.amount) items.push({ kind: 'amount', orderRef: t.orderRef, paymentId: p.id, ours: mine, theirs: t });
    else if (p.gateway_txn_id !== t.transactionId) items.push({ kind: 'transaction_id', orderRef: t.orderRef, paymentId: p.id, ours: mine, theirs: t });
    else matched++;
  }
  const theirRefs = new Set(theirs.map((t) => t.orderRef));
  for (const p of ours)
    if (!theirRefs.has(p.order_ref))
      items.push({
        kind: 'paid_here_not_there',
        orderRef: p.order_ref,
        paymentId: p.id,
        ours: { state: p.state, amount: Number(p.amount), transactionId: p.gateway_txn_id },
        theirs: null,
      });
  // Second transactions for an order already paid (recorded by the callback handler, never counted).
  const seconds = await ctx.db
    .selectFrom('payment_events')
    .select(['payment_id', 'order_ref', 'data'])
    .where('outcome', 'in', ['second_transaction', 'txn_reused'])
    .where('at', '>=', from)
    .where('at', '<', to)
    .execute();
  for (const s of seconds) items.push({ kind: 'second_transaction', orderRef: s.order_ref, paymentId: s.payment_id, ours: null, theirs: s.data });
  const id = randomUUID();
  const ranAt = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payment_reconciliations')
      .values({ id, day, ran_at: ranAt, ours: ours.length, theirs: theirs.length, matched, mismatches: items.length })
      .execute();
    for (const it of items) {
      await trx
        .insertInto('payment_reconciliation_items')
        .values({
          id: randomUUID(),
          reconciliation_id: id,
          kind: it.kind,
          order_ref: it.orderRef,
          payment_id: it.paymentId,
          ours: it.ours === null ? null : JSON.stringify(it.ours),
          theirs: it.theirs === null ? null : JSON.stringify(it.theirs),
        })
        .execute();
    }
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'payment.reconcile',
      entity: 'payment_reconciliation',
      entityId: id,
      details: { day, ours: ours.length, theirs: theirs.length, matched, mismatches: items.length },
      at: ranAt,
    });
  });
  return { id, day, ranAt: ranAt.toISOString(), ours: ours.length, theirs: theirs.length, matched, items };
}

/** Reconciliation is the province's: a monitor or administrator at the root unit (docs/authorization.md). */
export async function requireMonitor(ctx: Ctx, actor: Actor): Promise<void> {
  await requireProvinceRole(ctx, actor, ['monitor', 'admin']);
}

/** Recent reconciliations with their flagged items, newest first. */
export async function listReconciliations(ctx: Ctx, opts: { limit: number; onlyMismatches?: boolean }): Promise<ReconciliationResult[]> {
  // `day` is a date column: read as text, the driver would otherwise make it a Date (and String() of that is not a day)
  let q = ctx.db
    .selectFrom('payment_reconciliations')
    .select(['id', sql<string>`day::text`.as('day'), 'ran_at', 'ours', 'theirs', 'matched'])
    .orderBy('ran_at', 'desc')
    .limit(opts.limit);
  if (opts.onlyMismatches) q = q.where('mismatches', '>', 0);
  const runs = await q.execute();
  if (runs.length === 0) return [];
  const items = await ctx.db
    .selectFrom('payment_reconciliation_items')
    .selectAll()
    .where(
      'reconciliation_id',
      'in',
      runs.map((r) => r.id),
    )
    .execute();
  return runs.map((r) => ({
    id: r.id,
    day: r.day,
    ranAt: r.ran_at.toISOString(),
    ours: r.ours,
    theirs: r.theirs,
    matched: r.matched,
    items: items
      .filter((i) => i.reconciliation_id === r.id)
      .map((i) => ({ kind: i.kind as MismatchKind, orderRef: i.order_ref, paymentId: i.payment_id, ours: i.ours, theirs: i.theirs })),
  }));
}

/** The platform's list of the day; unreachable or unreadable is a retryable 502, nothing recorded. */
async function theirTransactions(ctx: Ctx, day: string) {
  try {
    return await listTransactions(gatewaySettings(ctx), day, ctx.clock.now());
  } catch (e) {
    if (e instanceof GatewayError) throw new AppError(502, 'payments.gateway_unavailable');
    throw e;
  }
}
