import type { Ctx } from '../../platform/context';
import { generateDossiers } from './generator';

/** Demo dossiers on the first start: enough for every screen and indicator. */
export const DEMO_DOSSIERS = 2400;
/** The newest ones go through the real use cases (service path); the older ones through the bulk path. */
export const DEMO_SERVICE_PATH = 150;

/**
 * Loads this module's demo data. Runs once, on an empty database: 2,400 dossiers over the past
 * 12 months (seed 766), the older ones through the generator's bulk path (same engine rules,
 * multi-row INSERTs), the newest 150 through the service functions with a moved clock.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  await generateDossiers(ctx, { size: DEMO_DOSSIERS, seed: 766, servicePath: DEMO_SERVICE_PATH, outbox: 'last' });
}
