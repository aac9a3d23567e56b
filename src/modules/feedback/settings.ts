/** The module's settings as data (one row), with the regulation's values as defaults. */
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { requireProvinceRole } from '../identity/service';
import { mergeSettings, type FeedbackSettings } from './model';

export async function getSettings(ctx: Ctx): Promise<FeedbackSettings> {
  const row = await ctx.db.selectFrom('feedback_settings').select('settings').where('id', '=', 1).executeTakeFirst();
  return mergeSettings((row?.settings as Partial<FeedbackSettings>) ?? null);
}

/** Administrators of the province (the root unit) change the deadlines, the rating window or the criteria. */
export async function saveSettings(ctx: Ctx, actor: Actor, patch: Partial<FeedbackSettings>): Promise<FeedbackSettings> {
  await requireProvinceRole(ctx, actor, ['admin']);
  const next = mergeSettings({ ...(await getSettings(ctx)), ...patch });
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('feedback_settings')
      .values({ id: 1, settings: JSON.stringify(next) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings: JSON.stringify(next), updated_at: ctx.clock.now() }))
      .execute();
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'feedback.settings',
      entity: 'feedback_settings',
      entityId: '1',
      details: { ...next, criteria: next.criteria.map((c) => c.key) },
      at: ctx.clock.now(),
    });
  });
  return next;
}
