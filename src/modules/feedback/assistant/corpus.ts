/**
 * What the assistant knows: every published procedure of the catalogue (name, field, result,
 * components, fees, processing time, agencies) and the published FAQ, indexed for retrieval.
 * Built on first use and kept for a minute per database.
 */
import type { Ctx } from '../../../platform/context';
import type { Db } from '../../../db';
import { exportRecords, getProcedureSnapshot } from '../../catalogue/service';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { listFaqs, type Faq } from '../faq';
import { buildIndex, type Doc, type Index } from './retrieval';

export interface Corpus {
  index: Index;
  procedures: Map<string, ProcedureSnapshot>;
  faqs: Faq[];
  builtAt: number;
}

const TTL_MS = 60_000;
const cache = new WeakMap<Db, Promise<Corpus>>();
const builtAt = new WeakMap<Db, number>();

async function allProcedures(ctx: Ctx): Promise<ProcedureSnapshot[]> {
  const codes = (await exportRecords(ctx)).map((r) => r.code);
  const snaps = await Promise.all(codes.map((c) => getProcedureSnapshot(ctx, c, ctx.clock.now())));
  return snaps.filter((s): s is ProcedureSnapshot => !!s);
}

export function docsOf(procs: ProcedureSnapshot[], faqs: Faq[]): Doc[] {
  return procs.map((p) => ({
    code: p.code,
    parts: [
      { text: p.name, weight: 3 },
      { text: p.fieldName, weight: 1 },
      { text: p.result, weight: 1 },
      ...faqs.filter((f) => f.procedureCode === p.code).map((f) => ({ text: f.question, weight: 1 })),
    ],
  }));
}

async function build(ctx: Ctx): Promise<Corpus> {
  const [procs, faqs] = await Promise.all([allProcedures(ctx), listFaqs(ctx)]);
  return { index: buildIndex(docsOf(procs, faqs)), procedures: new Map(procs.map((p) => [p.code, p])), faqs, builtAt: Date.now() };
}

export async function corpus(ctx: Ctx): Promise<Corpus> {
  const at = builtAt.get(ctx.db);
  let hit = cache.get(ctx.db);
  if (!hit || at === undefined || Date.now() - at > TTL_MS) {
    hit = build(ctx);
    cache.set(ctx.db, hit);
    builtAt.set(ctx.db, Date.now());
    hit.catch(() => cache.delete(ctx.db));
  }
  return hit;
}

/** Forget the index (after an FAQ change), so the next question sees it. */
export function invalidateCorpus(ctx: Ctx): void {
  cache.delete(ctx.db);
}
