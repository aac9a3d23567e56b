/** Points, thresholds, bands and options: database rows over the decision's defaults. */
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { defaultConfig, INDICATORS } from './model/defaults';
import type { IndexConfig } from './model/types';
import { loadSettings } from './store';
import { indicatorsChanged } from './snapshot';

export async function loadIndexConfig(ctx: Ctx): Promise<IndexConfig> {
  const cfg = defaultConfig();
  const { settings, bands, options } = await loadSettings(ctx.db);
  for (const s of settings) {
    if (!cfg.settings[s.key]) continue;
    cfg.settings[s.key] = { key: s.key, maxPoints: Number(s.max_points), threshold: s.threshold == null ? null : Number(s.threshold), enabled: s.enabled };
  }
  if (bands.length) cfg.bands = bands.map((b) => ({ key: b.key, min: Number(b.min) }));
  const cmp = options.find((o) => o.key === 'onTimeCompare')?.value;
  if (cmp === 'day' || cmp === 'instant') cfg.onTimeCompare = cmp;
  return cfg;
}

export interface SettingInput {
  key: string;
  maxPoints: number;
  threshold: number | null;
  enabled: boolean;
}

export async function saveSetting(ctx: Ctx, actorId: string, s: SettingInput): Promise<void> {
  if (!INDICATORS.some((i) => i.key === s.key)) throw new Error('unknown indicator');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('indicator_settings')
      .values({ key: s.key, max_points: s.maxPoints, threshold: s.threshold, enabled: s.enabled, updated_by: actorId })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ max_points: s.maxPoints, threshold: s.threshold, enabled: s.enabled, updated_by: actorId, updated_at: ctx.clock.now() }),
      )
      .execute();
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId,
      action: 'indicator.setting',
      entity: 'indicator_setting',
      entityId: s.key,
      details: { ...s },
      at: ctx.clock.now(),
    });
  });
  indicatorsChanged(ctx);
}

export async function saveBands(ctx: Ctx, actorId: string, bands: { key: string; min: number }[]): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId,
      action: 'indicator.bands',
      entity: 'indicator_bands',
      entityId: null,
      details: { bands },
      at: ctx.clock.now(),
    });
    await trx.deleteFrom('indicator_bands').execute();
    if (bands.length) await trx.insertInto('indicator_bands').values(bands).execute();
  });
  indicatorsChanged(ctx);
}
