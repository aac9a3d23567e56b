import { sql } from 'kysely';
import type { Ctx } from '../platform/context';
import { seedDemo as seedUnits } from '../modules/units/seed';
import { seedDemo as seedCatalogue } from '../modules/catalogue/seed';
import { seedDemo as seedIdentity } from '../modules/identity/seed';
import { seedDemo as seedPopulation } from '../modules/population/seed';
import { seedDemo as seedWarehouse } from '../modules/warehouse/seed';
import { seedDemo as seedPayments } from '../modules/payments/seed';
import { seedDemo as seedSigning } from '../modules/signing/seed';
import { seedDemo as seedNotifications } from '../modules/notifications/seed';
import { seedDemo as seedNationalPortal } from '../modules/national-portal/seed';
import { seedDemo as seedFeedback } from '../modules/feedback/seed';
import { seedDemo as seedIndicators } from '../modules/indicators/seed';
import { seedDemo as seedDossiers } from '../modules/dossiers/seed';

/**
 * Loads the demo province once: the marker row makes a second start skip it. Dossiers come
 * after the reference data, and the services around them (feedback, indicators) after the dossiers.
 */
export async function seedDemoOnce(ctx: Ctx, opts: { dossiers?: boolean; onStep?: (name: string, ms: number) => void } = {}): Promise<boolean> {
  await sql`CREATE TABLE IF NOT EXISTS demo_seed (id int PRIMARY KEY, seeded_at timestamptz NOT NULL DEFAULT now())`.execute(ctx.db);
  const done = await sql<{ id: number }>`SELECT id FROM demo_seed WHERE id = 1`.execute(ctx.db);
  if (done.rows.length > 0) return false;
  const steps: [string, (ctx: Ctx) => Promise<void>][] = [
    ['units', seedUnits],
    ['catalogue', seedCatalogue],
    ['identity', seedIdentity],
    ['population', seedPopulation],
    ['warehouse', seedWarehouse],
    ['payments', seedPayments],
    ['signing', seedSigning],
    ['notifications', seedNotifications],
    ['national-portal', seedNationalPortal],
    ...(opts.dossiers !== false ? ([['dossiers', seedDossiers]] as [string, (ctx: Ctx) => Promise<void>][]) : []),
    ['feedback', seedFeedback],
    ['indicators', seedIndicators],
  ];
  for (const [name, run] of steps) {
    const t = performance.now();
    await run(ctx);
    opts.onStep?.(name, performance.now() - t);
  }
  await sql`INSERT INTO demo_seed (id) VALUES (1)`.execute(ctx.db);
  return true;
}
