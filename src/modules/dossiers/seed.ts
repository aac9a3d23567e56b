import type { Ctx } from '../../platform/context';
import { loadWorld, runBulkPath } from './generator';

/** Demo dossiers on the first start: enough for every screen and indicator, before and after the merger. */
export const DEMO_DOSSIERS = 2400;
/**
 * The demo's dossiers start on 1/3/2025, four months before the merger and the end of the district
 * level (1/7/2025), so both worlds, the dossiers that straddle it and full months before it appear
 * (issue 11 item 9). The span is that or the 12 months before now, whichever is longer.
 */
export const DEMO_FROM = '2025-03-01';
/**
 * The newest ones leave every event pending in the outbox, as the real use cases did when they went
 * through the service path (the worker then tells the citizens and the portal of each step); the
 * older ones only their last event. Both are written by the generator's bulk path, which writes
 * what the use cases write for the same plans (generator.db.test.ts).
 */
export const DEMO_ALL_EVENTS = 150;

/**
 * Loads this module's demo data. Runs once, on an empty database: 2,400 dossiers from 1/3/2025 (or
 * the past 12 months, whichever is longer; seed 766) through the generator's bulk path (same engine
 * rules as the use cases, multi-row INSERTs), in one batch per 1,200 dossiers.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const start = new Date(`${DEMO_FROM}T00:00:00+07:00`);
  const yearAgo = new Date(ctx.clock.now().getTime() - 365 * 86_400_000);
  const w = await loadWorld(ctx, start < yearAgo ? start : yearAgo);
  const split = DEMO_DOSSIERS - DEMO_ALL_EVENTS;
  const common = { seed: 766, size: DEMO_DOSSIERS, batch: 1200 };
  const old = await runBulkPath(ctx, w, { ...common, from: 0, to: split, outbox: 'last' });
  const recent = await runBulkPath(ctx, w, { ...common, from: split, to: DEMO_DOSSIERS, outbox: 'pending' });
  if (old.skipped + recent.skipped > 0) {
    const why = [...old.refusals, ...recent.refusals].join('; ');
    throw new Error(`demo dossiers: ${old.skipped + recent.skipped} plans refused by the simulation (${why})`);
  }
}
