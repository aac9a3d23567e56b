import type { Ctx } from '../../platform/context';
import { CHANNELS, KINDS } from './model';
import { defaultTemplate } from './templates';

/** Loads the default templates (vi, en) so that admins see and edit them as data. Runs once, on an empty database. */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  const rows = KINDS.flatMap((key) =>
    CHANNELS.flatMap((channel) =>
      (['vi', 'en'] as const).map((lang) => ({ key, channel, lang, ...defaultTemplate(key, channel, lang), updated_at: now, updated_by: null })),
    ),
  );
  await ctx.db
    .insertInto('notification_templates')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
