/** Drill-down: the records that cost an indicator its points, with links. */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { badRequest } from '../../platform/errors';
import { catalogueRecords, certifiedCopyFigures, certifyingUnit, dossierHref, petitionRecords, procedureHref, unitIndex } from './deps';
import { certifiedCopyFacts } from '../warehouse/service';
import { indicatorDef } from './model/defaults';
import { spansOfRow } from './model/facts';
import { onTimeStatus } from './model/on-time';
import { loadIndexConfig } from './config';
import { periodOrThrow, resolveUnit } from './service';
import { listFacts, type FactRecord } from './store';

export interface CostRecord {
  kind: 'dossier' | 'procedure' | 'unit' | 'petition';
  id: string;
  code: string;
  unitId: string | null;
  procedureCode: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  /** Message key of why it costs points. */
  reason: string;
  /** Every reason when there are several (petitions: late and rated not satisfied, ...); `reason` is the first. */
  reasons?: string[];
  detail?: string;
  href: string;
}

type Spec = { population: 'received' | 'handled' | 'closed'; where?: ReturnType<typeof sql>; late?: boolean; reason: string };

const SPECS: Record<string, Spec> = {
  syncedDossiers: { population: 'received', where: sql`synced IS NOT TRUE`, reason: 'notSynced' },
  onTimeRate: { population: 'handled', late: true, reason: 'late' },
  onlineDossiers: { population: 'received', where: sql`NOT online OR (paper_result AND NOT e_result)`, reason: 'notOnline' },
  proceduresPaidOnline: { population: 'received', where: sql`fee_bearing AND paid_online IS NOT TRUE`, reason: 'notPaidOnline' },
  paidOnline: { population: 'received', where: sql`fee_bearing AND paid_online IS NOT TRUE`, reason: 'notPaidOnline' },
  feeProceduresIntegrated: { population: 'received', where: sql`fee_bearing AND synced IS NOT TRUE`, reason: 'notSynced' },
  electronicResults: { population: 'closed', where: sql`paper_result AND NOT e_result`, reason: 'noElectronicResult' },
  digitized: { population: 'closed', where: sql`NOT (digitized AND e_result)`, reason: 'notDigitized' },
  reused: { population: 'received', where: sql`reused IS NOT TRUE`, reason: 'notReused' },
  linkedToStore: { population: 'received', where: sql`linked_to_store IS NOT TRUE`, reason: 'notLinked' },
  populationProcedures: { population: 'received', where: sql`population_data IS NOT TRUE`, reason: 'noPopulationData' },
  populationDossiers: { population: 'received', where: sql`population_data IS NOT TRUE`, reason: 'noPopulationData' },
  dossierSatisfaction: { population: 'handled', late: true, reason: 'dissatisfied' },
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function dossierRecord(r: FactRecord, reason: string): CostRecord {
  return {
    kind: 'dossier',
    id: r.dossier_id,
    code: r.code,
    unitId: r.unit_id,
    procedureCode: r.procedure_code,
    receivedAt: iso(r.received_at),
    dueAt: iso(r.due_at),
    finishedAt: iso(r.finished_at),
    reason,
    href: dossierHref(r.dossier_id),
  };
}

export async function costRecords(
  ctx: Ctx,
  input: { key: string; unit: string; period: string; limit?: number },
): Promise<{ records: CostRecord[]; truncated: boolean; noData?: string }> {
  const def = indicatorDef(input.key);
  if (!def) throw badRequest('indicators.error.key', { key: input.key });
  const idx = await unitIndex(ctx);
  const unit = resolveUnit(idx, input.unit);
  const p = periodOrThrow(ctx, input.period);
  const limit = Math.min(input.limit ?? 500, 2000);
  if (def.source === 'catalogue') {
    const list = await catalogueRecords(ctx, unit, def.key, p.from, p.to);
    if (list == null)
      return {
        records: [],
        truncated: false,
        noData: ['publishedOnTime', 'disclosedOnTime', 'fullyDisclosed'].includes(def.key) ? 'source.catalogue' : undefined,
      };
    return {
      records: list.slice(0, limit).map((x) => ({
        kind: 'procedure',
        id: x.code,
        code: x.code,
        unitId: null,
        procedureCode: x.code,
        receivedAt: null,
        dueAt: null,
        finishedAt: null,
        reason: def.key,
        detail: x.detail,
        href: procedureHref(x.code),
      })),
      truncated: list.length > limit,
    };
  }
  if (def.key === 'petitionsOnTime' || def.key === 'petitionSatisfaction') {
    // Petitions answered late or open past due (5.2); also rated not satisfied or raised again (5.3).
    const list = await petitionRecords(ctx, idx.withDescendants(unit.id), p.from, p.to, def.key === 'petitionsOnTime' ? 'onTime' : 'satisfaction');
    if (list == null) return { records: [], truncated: false, noData: 'source.feedback' };
    const reasonKey = (r: string) => `petition${r[0].toUpperCase()}${r.slice(1)}`;
    return {
      records: list.slice(0, limit).map((x) => ({
        kind: 'petition',
        id: x.id,
        code: x.code,
        unitId: x.unitId,
        procedureCode: null,
        receivedAt: x.receivedAt,
        dueAt: x.dueAt,
        finishedAt: x.handledAt,
        reason: reasonKey(x.reasons[0] ?? 'late'),
        reasons: x.reasons.map(reasonKey),
        detail: x.title,
        href: x.href,
      })),
      truncated: list.length > limit,
    };
  }
  if (def.key === 'certifiedCopies') {
    // Units that must offer electronic certified copies and issued none in the period.
    const units = [...idx.withDescendants(unit.id)].map((id) => idx.byId.get(id)!).filter((n) => n && certifyingUnit(n));
    if ((await certifiedCopyFigures(ctx, idx, new Set(units.map((n) => n.id)), p.from, p.to)) == null)
      return { records: [], truncated: false, noData: 'source.certifiedCopies' };
    const facts = await certifiedCopyFacts(ctx, { from: p.from, to: p.to, unitIds: units.map((n) => n.id) });
    const issued = new Set(facts.byUnit.filter((b) => b.count > 0).map((b) => b.unitId));
    const missing = units.filter((n) => !issued.has(n.id));
    return {
      records: missing.slice(0, limit).map((n) => ({
        kind: 'unit',
        id: n.id,
        code: n.name,
        unitId: n.id,
        procedureCode: null,
        receivedAt: null,
        dueAt: null,
        finishedAt: null,
        reason: 'noCertifiedCopy',
        href: `/chi-so?unit=${encodeURIComponent(n.id)}&period=${encodeURIComponent(p.key)}`,
      })),
      truncated: missing.length > limit,
    };
  }
  const spec = SPECS[def.key];
  if (!spec)
    return {
      records: [],
      truncated: false,
      noData: def.source === 'feedback' ? 'source.feedback' : def.source === 'none' ? 'source.certifiedCopies' : undefined,
    };
  const units = [...idx.withDescendants(unit.id)];
  const cfg = await loadIndexConfig(ctx);
  const out: CostRecord[] = [];
  if (!spec.late) {
    const rows = await listFacts(ctx.db, { from: p.from, to: p.to, unitIds: units, population: spec.population, where: spec.where, limit: limit + 1 });
    for (const r of rows.slice(0, limit)) out.push(dossierRecord(r, spec.reason));
    return { records: out, truncated: rows.length > limit };
  }
  // On time is judged by the pure rule (§1.4) on each dossier of the population.
  const rows = await listFacts(ctx.db, { from: p.from, to: p.to, unitIds: units, population: spec.population, limit: 200_000 });
  for (const r of rows) {
    const v = onTimeStatus(
      {
        receivedAt: new Date(r.received_at),
        dueAt: r.due_at && new Date(r.due_at),
        finishedAt: r.finished_at && new Date(r.finished_at),
        supplements: spansOfRow(r),
        maxProcessingMs: r.max_processing_ms == null ? null : Number(r.max_processing_ms),
      },
      p.asOf,
      cfg.onTimeCompare,
    );
    const late = v.status === 'late';
    const costs = def.key === 'onTimeRate' ? late : late || r.rating === 'unsatisfied' || r.has_petition;
    if (!costs) continue;
    out.push(dossierRecord(r, late ? (v.reason === 'multipleSupplements' ? 'multipleSupplements' : 'late') : r.has_petition ? 'petition' : 'unsatisfied'));
    if (out.length > limit) break;
  }
  return { records: out.slice(0, limit), truncated: out.length > limit };
}
