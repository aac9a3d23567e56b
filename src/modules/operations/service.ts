/**
 * Background jobs an operator can see and act on (issue 13.6): the outbox messages that failed
 * at least once (retrying, failed, given up) with their topic, key, attempts and last error;
 * retry and give up, each audited in the same transaction. Administrators only.
 */
import type { Actor } from '../../platform/auth';
import { AppError, notFound } from '../../platform/errors';
import { requireProvinceRole } from '../identity/service';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { giveUpOutboxMessage, listTroubleMessages, retryOutboxMessage, troubleTopics, type TroubleMessage, type TroubleState } from '../../platform/outbox';
import { countOperatorAction } from '../../platform/outbox-metrics';

export type { TroubleMessage, TroubleState };
export { TROUBLE_STATES } from '../../platform/outbox';

/** The outbox is the whole installation's: an administrator at the root unit. */
export async function requireOperator(ctx: Ctx, actor: Actor): Promise<void> {
  await requireProvinceRole(ctx, actor, ['admin']);
}

export async function listJobs(
  ctx: Ctx,
  actor: Actor,
  filter: { topic?: string; state?: TroubleState; page?: number },
): Promise<{ items: TroubleMessage[]; topics: string[]; more: boolean }> {
  await requireOperator(ctx, actor);
  const page = Math.max(1, filter.page ?? 1);
  const rows = await listTroubleMessages(ctx, { topic: filter.topic, state: filter.state, limit: 51, offset: (page - 1) * 50 });
  return { items: rows.slice(0, 50), topics: await troubleTopics(ctx), more: rows.length > 50 };
}

export type JobAction = 'retry' | 'give_up';

/** Retries or gives up one message; refuses (409) a message not in a state for it, and writes nothing then. */
export async function actOnJob(ctx: Ctx, actor: Actor, id: string, action: JobAction, ip?: string | null): Promise<void> {
  await requireOperator(ctx, actor);
  const before = await ctx.db.selectFrom('outbox').select(['id', 'topic', 'key', 'status', 'attempts', 'last_error']).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('operations.job_not_found');
  await ctx.db.transaction().execute(async (trx) => {
    const done = action === 'retry' ? await retryOutboxMessage(ctx, id, trx) : await giveUpOutboxMessage(ctx, id, trx);
    if (!done) throw new AppError(409, `operations.cannot_${action}`);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: `outbox.${action}`,
      entity: 'outbox',
      entityId: id,
      ip: ip ?? null,
      at: ctx.clock.now(),
      details: { topic: before.topic, key: before.key, status: before.status, attempts: before.attempts, lastError: before.last_error },
    });
  });
  countOperatorAction(before.topic, action);
}
