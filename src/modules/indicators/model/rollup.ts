/**
 * Rolls the per (unit, procedure) aggregates up to one unit and the units below it. Distinct
 * procedure counts (3.2, 3.4, 3.5, 4.6) are exact because rows keep the procedure code.
 */
import { emptyCounts, type FactCounts } from './figures';
import type { AggRow } from './facts';

export function rollUp(rows: AggRow[], unitIds: ReadonlySet<string>, ratingsKnown: boolean): FactCounts {
  const c = emptyCounts();
  c.ratingsKnown = ratingsKnown;
  const procs = new Map<string, { rec: number; pop: number; fee: number; paid: number; feeSynced: number; online: number }>();
  for (const r of rows) {
    if (!unitIds.has(r.unit_id)) continue;
    c.received += r.received;
    c.synced += r.synced;
    c.handled += r.handled;
    c.onTime += r.on_time;
    c.closed += r.closed;
    c.closedDays += r.closed_days;
    c.online += r.online;
    c.feeDossiers += r.fee_dossiers;
    c.paidOnline += r.paid_online;
    c.resultDossiers += r.result_dossiers;
    c.paperResultDossiers += r.paper_result_dossiers;
    c.electronicResults += r.electronic_results;
    c.digitized += r.digitized;
    c.reused += r.reused;
    c.linkedToStore += r.linked_to_store;
    c.populationDossiers += r.population_dossiers;
    c.dissatisfied += r.dissatisfied;
    c.unknown.synced += r.synced_unknown ?? 0;
    c.unknown.paidOnline += r.paid_unknown ?? 0;
    c.unknown.reused += r.reused_unknown ?? 0;
    c.unknown.linkedToStore += r.linked_unknown ?? 0;
    c.unknown.population += r.population_unknown ?? 0;
    const n = c.national;
    n.electronic += r.h_electronic ?? 0;
    n.digitized += r.h_digitized ?? 0;
    n.reused += r.h_reused ?? 0;
    n.linked += r.h_linked ?? 0;
    n.population += r.h_population ?? 0;
    n.dissatisfied += r.h_dissatisfied ?? 0;
    n.unknown.reused += r.h_reused_unknown ?? 0;
    n.unknown.linked += r.h_linked_unknown ?? 0;
    n.unknown.population += r.h_population_unknown ?? 0;
    n.paidOnlineSynced += r.paid_online_synced ?? 0;
    const np = n.byProcedure.get(r.procedure_code) ?? { received: 0, online: 0, population: 0 };
    np.received += r.received;
    np.online += r.online_any;
    np.population += r.h_population ?? 0;
    n.byProcedure.set(r.procedure_code, np);
    const p = procs.get(r.procedure_code) ?? { rec: 0, pop: 0, fee: 0, paid: 0, feeSynced: 0, online: 0 };
    p.rec += r.received;
    p.pop += r.population_dossiers;
    p.fee += r.fee_dossiers;
    p.paid += r.paid_online;
    p.feeSynced += r.fee_synced;
    p.online += r.online_any;
    procs.set(r.procedure_code, p);
  }
  for (const [code, p] of procs) {
    if (p.rec > 0) c.procedures++;
    if (p.pop > 0) c.populationProcedures++;
    if (p.fee > 0) c.feeProcedures++;
    if (p.paid > 0) c.feeProceduresPaidOnline++;
    if (p.feeSynced > 0) c.feeProceduresSynced++;
    if (p.online > 0) c.onlineProcedureCodes.push(code);
  }
  c.closedDays = Math.round(c.closedDays * 100) / 100;
  return c;
}
