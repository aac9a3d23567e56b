/**
 * Demo and benchmark dossiers. `generateDossiers(ctx, { size, seed, from })` plans `size` dossiers
 * from `from` (default: 12 months before ctx.clock.now()) to now (plan.ts: procedures and their
 * versions of the day, units of the day, channels, scenarios)
 * and writes them by one of two paths:
 * - service path (run-service.ts): the real use cases with a moved clock - everything real,
 *   ~10 ms per operation on PGlite (a dossier has ~7 operations);
 * - bulk path (run-bulk.ts): the same plans run by an in-memory copy of the engine
 *   (simulate.ts) and written with multi-row INSERTs (write-bulk.ts) - for the older dossiers
 *   of the demo and for the 1,000,000-dossier benchmark.
 * The newest `servicePath` dossiers (default: all when size <= 500, else 300) take the service
 * path, the older ones the bulk path. Same seed, same plans.
 */
import type { Ctx } from '../../../platform/context';
import { planDossier } from './plan';
import { runBulkPath, type BulkOptions } from './run-bulk';
import { runServicePath } from './run-service';
import { loadWorld } from './world';

export interface GenerateOptions {
  size: number;
  seed?: number;
  /** Start of the span (default: 12 months before now); the dossiers are spread evenly from it to now. */
  from?: Date;
  /** How many of the newest dossiers go through the service path. */
  servicePath?: number;
  batch?: number;
  concurrency?: number;
  outbox?: BulkOptions['outbox'];
  onBatch?(done: number): void;
}

export interface GenerateResult {
  dossiers: number;
  bulk: number;
  service: number;
  events: number;
  failures: { index: number; op: string; error: string }[];
  ms: number;
}

export async function generateDossiers(ctx: Ctx, o: GenerateOptions): Promise<GenerateResult> {
  const t0 = Date.now();
  const seed = o.seed ?? 766;
  const w = await loadWorld(ctx, o.from);
  const nService = Math.min(o.size, o.servicePath ?? (o.size <= 500 ? o.size : 300));
  const split = o.size - nService;
  const bulk =
    split > 0
      ? await runBulkPath(ctx, w, { seed, size: o.size, from: 0, to: split, batch: o.batch, concurrency: o.concurrency, outbox: o.outbox, onBatch: o.onBatch })
      : { dossiers: 0, events: 0, skipped: 0, refusals: [] };
  const plans = [];
  for (let i = split; i < o.size; i++) plans.push(planDossier(w, seed, i, o.size));
  const svc = await runServicePath(ctx, plans);
  return {
    dossiers: bulk.dossiers + svc.dossiers,
    bulk: bulk.dossiers,
    service: svc.dossiers,
    events: bulk.events + svc.operations,
    failures: [...svc.failures, ...(bulk.skipped ? [{ index: -1, op: 'bulk', error: `${bulk.skipped} plans refused by the simulation` }] : [])],
    ms: Date.now() - t0,
  };
}

export { planDossier, SCENARIOS, PACE, type DossierPlan, type Op } from './plan';
export { loadWorld, type World } from './world';
export { runServicePath } from './run-service';
export { runBulkPath } from './run-bulk';
