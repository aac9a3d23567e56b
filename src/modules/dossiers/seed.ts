import type { Ctx } from '../../platform/context';
import { generateDossiers } from './generator';

/** Demo dossiers on the first start: enough for every screen and indicator, before and after the merger. */
export const DEMO_DOSSIERS = 2400;
/**
 * The demo's dossiers start on 1/3/2025, four months before the merger and the end of the district
 * level (1/7/2025), so both worlds, the dossiers that straddle it and full months before it appear
 * (issue 11 item 9). The span is that or the 12 months before now, whichever is longer.
 */
export const DEMO_FROM = '2025-03-01';
/** The newest ones go through the real use cases (service path); the older ones through the bulk path. */
export const DEMO_SERVICE_PATH = 150;

/**
 * Loads this module's demo data. Runs once, on an empty database: 2,400 dossiers from 1/3/2025 (or
 * the past 12 months, whichever is longer; seed 766), the older ones through the generator's bulk
 * path (same engine rules, multi-row INSERTs), the newest 150 through the service functions with a
 * moved clock.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const start = new Date(`${DEMO_FROM}T00:00:00+07:00`);
  const yearAgo = new Date(ctx.clock.now().getTime() - 365 * 86_400_000);
  await generateDossiers(ctx, { size: DEMO_DOSSIERS, seed: 766, from: start < yearAgo ? start : yearAgo, servicePath: DEMO_SERVICE_PATH, outbox: 'last' });
}
