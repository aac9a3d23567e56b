/**
 * The bulk path: plans in index order (= time order), simulated in memory (simulate.ts) and
 * written in batches (write-bulk.ts). Ids and lookup PINs come from the seeded stream too.
 * A plan the simulation refuses is skipped and counted (there should be none).
 */
import { sql } from 'kysely';
import { TestClock, type Ctx } from '../../../platform/context';
import * as deps from '../deps';
import { keepOfSnapshot } from '../service/submit';
import type { DossierSnapshot } from '../service/common';
import { DEMO_PDF } from './files';
import { planDossier } from './plan';
import { createRng, subSeed } from './random';
import { simulate, type SimEnv, type SimResult } from './simulate';
import { writeBatch, type BulkWriteOptions } from './write-bulk';
import type { World } from './world';

export interface BulkOptions {
  seed: number;
  size: number;
  from: number;
  to: number;
  batch?: number;
  outbox?: BulkWriteOptions['outbox'];
  /** Batches written at the same time (PostgreSQL; PGlite has one connection). */
  concurrency?: number;
  onBatch?(done: number): void;
}

export interface BulkResult {
  dossiers: number;
  events: number;
  skipped: number;
  /** Why the first refused plans were refused (index and message), so a failed seed says why. */
  refusals: string[];
}

export async function runBulkPath(ctx: Ctx, w: World, o: BulkOptions): Promise<BulkResult> {
  const blob = await deps.putBlob(ctx, DEMO_PDF, { contentType: 'application/pdf' });
  const counters = new Map<string, number>();
  const rows = await sql<{
    scope: string;
    day: string;
    last: number;
  }>`SELECT scope, day::text AS day, last FROM code_counters WHERE scope LIKE 'dossier:%'`.execute(ctx.db);
  for (const r of rows.rows) counters.set(`${r.scope}|${r.day}`, Number(r.last));
  // A unit's agency code as the submission reads it on its day; it changes only when the tree does.
  const agencyCodes = new Map<string, string>();
  for (const period of w.periods) {
    const then: Ctx = { ...ctx, clock: new TestClock(new Date(`${period}T12:00:00+07:00`)) };
    for (const p of w.versions)
      for (const a of p.agencies) {
        const k = `${a.receivingUnitId}|${period}`;
        if (!agencyCodes.has(k)) agencyCodes.set(k, (await deps.agencyCodeOf(then, a.receivingUnitId)) ?? '');
      }
  }
  const keeps = new Map<string, { keep: DossierSnapshot; json: string }>();
  for (const p of w.versions) {
    const keep = keepOfSnapshot(p);
    keeps.set(p.versionId, { keep, json: JSON.stringify(keep) });
  }
  const env: SimEnv = {
    cal: w.cal,
    rng: createRng(subSeed(o.seed ^ 0x5bd1e995, o.from)),
    blob,
    agencyCode: (u, at) => agencyCodes.get(`${u}|${w.periodOf(at)}`)!,
    nextCounter(ac, day) {
      const k = `dossier:${ac}|${day}`;
      const n = (counters.get(k) ?? 0) + 1;
      counters.set(k, n);
      return n;
    },
    snapshotOf: (p) => keeps.get(p.procedure.versionId)!.keep,
  };
  const writeOpts: BulkWriteOptions = { outbox: o.outbox ?? 'all', snapshotJson: (v) => keeps.get(v)!.json };
  const batch = o.batch ?? 1000;
  const res: BulkResult = { dossiers: 0, events: 0, skipped: 0, refusals: [] };
  const inflight = new Set<Promise<void>>();
  for (let start = o.from; start < o.to; start += batch) {
    const sims: SimResult[] = [];
    const touched = new Map<string, number>();
    const plans = [];
    for (let i = start; i < Math.min(o.to, start + batch); i++) plans.push(planDossier(w, o.seed, i, o.size));
    // Codes are numbered in submission order within the batch (a desk submission planned outside
    // office hours moves to the next working morning, so index order is only nearly time order).
    plans.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime() || a.index - b.index);
    for (const plan of plans) {
      try {
        sims.push(simulate(env, plan));
      } catch (e) {
        res.skipped++;
        if (res.refusals.length < 5) res.refusals.push(`#${plan.index} ${plan.procedure.code} ${plan.submittedAt.toISOString()}: ${(e as Error).message}`);
      }
    }
    for (const s of sims) {
      const k = `dossier:${s.dossier.code.slice(0, s.dossier.code.indexOf('-'))}|${vnDay(s.dossier.code)}`;
      touched.set(k, counters.get(k)!);
      res.events += s.events.length;
    }
    res.dossiers += sims.length;
    const p = writeBatch(ctx.db, sims, touched, writeOpts).then(() => {
      inflight.delete(p);
      o.onBatch?.(res.dossiers);
    });
    inflight.add(p);
    if (inflight.size >= (o.concurrency ?? 1)) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  return res;
}

/** YYYY-MM-DD of a code's YYMMDD part. */
function vnDay(code: string): string {
  const m = /-(\d{2})(\d{2})(\d{2})-/.exec(code)!;
  return `20${m[1]}-${m[2]}-${m[3]}`;
}
