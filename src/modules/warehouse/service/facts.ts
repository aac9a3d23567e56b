/** Digitization status of a dossier and the facts the indicators count (QĐ 766 group 4). */
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import * as deps from '../deps';
import { digitizationOf, type DossierDigitization } from '../model';
import * as store from '../store';

async function statusOf(ctx: Ctx, view: deps.DossierView): Promise<DossierDigitization> {
  const reused = new Set((await store.reusesOf(ctx.db, [view.id])).map((r) => r.component_key));
  const files = view.files.map((f) => ({ kind: f.kind, componentKey: f.componentKey, electronic: deps.componentIsElectronic(f) }));
  return digitizationOf(view.components, files, reused);
}

/**
 * Per component: digitized yes/no (an electronic file - desk scan, online upload or a document
 * from the store); the dossier is digitized when every applicable component is. With `actor`,
 * the actor must be allowed to see the dossier (404 otherwise).
 */
export async function dossierDigitization(ctx: Ctx, dossierId: string, actor?: Actor): Promise<DossierDigitization & { dossierId: string; code: string }> {
  const view = actor ? await deps.dossierViewFor(ctx, actor, dossierId) : await deps.dossierViewForSystem(ctx, dossierId);
  return { dossierId: view.id, code: view.code, ...(await statusOf(ctx, view)) };
}

export interface ReuseFact {
  dossierId: string;
  /** Components reused from the store (DuocTaiSuDung 1 or 2), with the stored documents' codes. */
  reusedComponents: { componentKey: string; documentCode: string; kind: number; fromNationalStore: boolean; fileId: string | null }[];
  reused: boolean;
  /** >= 1 component taken from the national portal's store (DuocLayTuKhoDMQG = 1). */
  fromNationalStore: boolean;
}

export type FactsQuery = { dossierIds: string[] } | { from: Date; to: Date };

async function reuseRows(ctx: Ctx, q: FactsQuery) {
  return 'dossierIds' in q ? store.reusesOf(ctx.db, q.dossierIds) : store.reusesBetween(ctx.db, q.from, q.to);
}

/** Indicator 4.3 (and 4.4's "taken from the store"): reuses per dossier; dossiers without reuse are listed with reused=false when asked by id. */
export async function reuseFacts(ctx: Ctx, q: FactsQuery): Promise<ReuseFact[]> {
  const rows = await reuseRows(ctx, q);
  const ids = 'dossierIds' in q ? q.dossierIds : [...new Set(rows.map((r) => r.dossier_id))];
  return ids.map((id) => {
    const mine = rows.filter((r) => r.dossier_id === id);
    return {
      dossierId: id,
      reusedComponents: mine.map((r) => ({
        componentKey: r.component_key,
        documentCode: r.document_code,
        kind: r.reuse_kind,
        fromNationalStore: r.from_national_store,
        fileId: r.dossier_file_id,
      })),
      reused: mine.length > 0,
      fromNationalStore: mine.some((r) => r.from_national_store),
    };
  });
}

export interface DigitizationFact {
  dossierId: string;
  /** 4.2: every component digitized. */
  digitizedAll: boolean;
  /** 4.1: an electronic result is attached. */
  eResult: boolean;
  /** 4.3: >= 1 component reused. */
  reused: boolean;
  /** 4.4: >= 1 component from the e-data store, or the e-result stored in the owner's store. */
  fromStore: boolean;
  resultInStore: boolean;
}

/** Per dossier, the digitization facts (by id: the indicators ask for the dossiers of a period). */
export async function digitizationFacts(ctx: Ctx, q: { dossierIds: string[] }): Promise<DigitizationFact[]> {
  const out: DigitizationFact[] = [];
  const reuses = await store.reusesOf(ctx.db, q.dossierIds);
  for (const id of q.dossierIds) {
    const d = await deps.dossierRow(ctx, id);
    if (!d) continue;
    const status = await dossierDigitization(ctx, id);
    const produced = await store.listByIds(ctx.db, await store.idsFromDossier(ctx.db, id));
    const reused = reuses.some((r) => r.dossier_id === id);
    out.push({
      dossierId: id,
      digitizedAll: status.digitized,
      eResult: status.eResult,
      reused,
      fromStore: reused,
      resultInStore: produced.some((p) => p.source === 'result'),
    });
  }
  return out;
}

/**
 * digitizationFacts for a batch in a fixed number of queries (the indicators' set-based rebuild):
 * the dossiers' views, their reuses and stored results each read once for the whole batch, the
 * same pure rule (digitizationOf) per dossier. Equal to digitizationFacts (facts-rebuild.db.test.ts).
 */
export async function digitizationFactsMany(ctx: Ctx, q: { dossierIds: string[] }): Promise<DigitizationFact[]> {
  const [views, reuses, stored] = await Promise.all([
    deps.dossierViewsForSystemMany(ctx, q.dossierIds),
    store.reusesOf(ctx.db, q.dossierIds),
    store.dossiersWithStoredResult(ctx.db, q.dossierIds),
  ]);
  const reusedKeys = new Map<string, Set<string>>();
  for (const r of reuses) (reusedKeys.get(r.dossier_id) ?? reusedKeys.set(r.dossier_id, new Set()).get(r.dossier_id)!).add(r.component_key);
  const byId = new Map(views.map((v) => [v.id, v]));
  const out: DigitizationFact[] = [];
  for (const id of q.dossierIds) {
    const view = byId.get(id);
    if (!view) continue;
    const files = view.files.map((f) => ({ kind: f.kind, componentKey: f.componentKey, electronic: deps.componentIsElectronic(f) }));
    const status = digitizationOf(view.components, files, reusedKeys.get(id) ?? new Set());
    const reused = reusedKeys.has(id);
    out.push({ dossierId: id, digitizedAll: status.digitized, eResult: status.eResult, reused, fromStore: reused, resultInStore: stored.has(id) });
  }
  return out;
}

/** Indicator 4.x (ELECTRONIC_CERTIFIED_COPY): electronic certified copies issued, per issuing unit. */
export async function certifiedCopyFacts(ctx: Ctx, q: { from: Date; to: Date; unitIds?: string[] }) {
  const rows = await store.certifiedCopiesBetween(ctx.db, q.from, q.to, q.unitIds);
  const byUnit = new Map<string, number>();
  for (const r of rows) byUnit.set(r.unitId ?? '', (byUnit.get(r.unitId ?? '') ?? 0) + 1);
  return {
    total: rows.length,
    byUnit: [...byUnit].map(([unitId, count]) => ({ unitId, count })),
    copies: rows.map((r) => ({ id: r.doc.id, code: r.doc.code, unitId: r.unitId, issuedAt: r.doc.createdAt, signed: r.doc.signed })),
  };
}
