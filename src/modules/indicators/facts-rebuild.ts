/**
 * The set-based rebuild of indicator_dossier_facts (issue 12 item 6): the same facts as the
 * per-dossier path (facts-handler.ts refreshDossierFacts, one dossier at a time through six
 * services), but per batch of dossiers each module answers once for the whole batch (dossiers: rows,
 * file kinds, pauses; national portal, payments, warehouse: their facts by dossier ids; population:
 * confirmation times; feedback: ratings and petitions), the pure mapping factsOfDossier runs in
 * memory and the batch is written by one INSERT ... ON CONFLICT. The module rule holds: nothing
 * here reads another module's tables. Equal to the per-dossier path (facts-rebuild.db.test.ts).
 */
import type { Ctx } from '../../platform/context';
import { dossierIdsAfter, dossiersForFacts } from '../dossiers/service';
import { dossierExtrasMany, feedbackFactsOf, populationCheckedMany, versionFeeBearing } from './deps';
import { factsOfDossier, refreshDossierFacts, type RebuildReport } from './facts-handler';
import { factsRow, type FactsRow } from './model/facts';
import { deleteFactsOf, upsertFactsRows } from './store';
import { indicatorsChanged } from './snapshot';

const WRITE_CHUNK = 500; // rows per INSERT (35 columns: well under PostgreSQL's 65,535 parameters)

export async function rebuildFactsSetBased(ctx: Ctx, opts: { batchSize?: number; onBatch?: (done: number) => void } = {}): Promise<RebuildReport> {
  const started = Date.now();
  const batchSize = Math.max(1, opts.batchSize ?? 2000);
  const report: RebuildReport = { dossiers: 0, rows: 0, removed: 0, failed: [], ms: 0 };
  let after: string | null = null;
  for (;;) {
    const ids = await dossierIdsAfter(ctx, after, batchSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    report.dossiers += ids.length;
    try {
      const r = await rebuildBatch(ctx, ids);
      report.rows += r.rows;
      report.removed += r.removed;
    } catch (e) {
      // A batch that fails is retried dossier by dossier on the per-dossier path, so one bad dossier costs only itself.
      for (const id of ids) {
        try {
          if (await refreshDossierFacts(ctx, id)) report.rows++;
        } catch (err) {
          report.failed.push({ id, error: err instanceof Error ? err.message : String(err ?? e) });
        }
      }
    }
    opts.onBatch?.(report.dossiers);
  }
  // Rows whose dossier is gone: the per-dossier path removes them (the dossiers service no longer knows them).
  const orphans = await ctx.db
    .selectFrom('indicator_dossier_facts as f')
    .select('f.dossier_id')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossiers').select('id').whereRef('dossiers.id', '=', 'f.dossier_id'))))
    .execute();
  for (const o of orphans) if (!(await refreshDossierFacts(ctx, o.dossier_id))) report.removed++;
  report.ms = Date.now() - started;
  return report;
}

async function rebuildBatch(ctx: Ctx, ids: string[]): Promise<{ rows: number; removed: number }> {
  const loaded = await dossiersForFacts(ctx, ids);
  const [extras, checked, fb] = await Promise.all([
    dossierExtrasMany(ctx, ids),
    populationCheckedMany(
      ctx,
      loaded.map((x) => x.dossier),
    ),
    feedbackFactsOf(
      ctx,
      loaded.map((x) => ({ id: x.dossier.id, code: x.dossier.code })),
    ),
  ]);
  if (!fb) throw new Error('feedback module did not answer');
  const rows: FactsRow[] = [];
  const notCounted: string[] = [];
  for (const { dossier: d, files, pauses } of loaded) {
    const fee = await versionFeeBearing(ctx, d.procedure_version_id); // cached per version
    const facts = factsOfDossier(d, { files }, pauses as never, { ...extras.get(d.id)!, populationChecked: checked.get(d.id) as boolean | null }, fee);
    if (!facts) {
      notCounted.push(d.id);
      continue;
    }
    const known = fb.get(d.id) ?? { rating: null, hasPetition: false };
    facts.rating = known.rating;
    facts.hasPetition = known.hasPetition;
    rows.push(factsRow(facts));
  }
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) await upsertFactsRows(ctx.db, rows.slice(i, i + WRITE_CHUNK));
  const removed = await deleteFactsOf(ctx.db, notCounted);
  // The public snapshot is stale now (it was only bounded by its minute before).
  if (rows.length > 0 || removed > 0) indicatorsChanged(ctx);
  return { rows: rows.length, removed };
}
