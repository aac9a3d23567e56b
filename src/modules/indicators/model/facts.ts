/**
 * The facts of one dossier that the index needs (one row of `indicator_dossier_facts`).
 * Built from the dossiers service's view of the dossier by the outbox handler (service/facts.ts).
 */
import { onTimeStatus, summariseSupplements, type SupplementSpan } from './on-time';

export interface DossierFacts {
  // Flags typed boolean | null: null = the module that knows it has not landed (no data).
  dossierId: string;
  code: string;
  /** The unit that decides (cơ quan giải quyết); figures roll up through its ancestors. */
  unitId: string;
  receivingUnitId: string | null;
  procedureCode: string;
  channel: string; // online | in_person | post | assisted
  state: string;
  receivedAt: Date;
  dueAt: Date | null;
  /** Time of the first closing status (done, returned, stopped/refused/withdrawn). */
  finishedAt: Date | null;
  closing: 'done' | 'returned' | 'stopped' | null;
  maxProcessingMs: number | null;
  supplements: SupplementSpan[];
  /** Processing time in days (2.2), for dossiers closed with a result. */
  processingDays: number | null;
  online: boolean;
  paperResult: boolean;
  eResult: boolean;
  digitized: boolean;
  reused: boolean | null;
  linkedToStore: boolean | null;
  populationData: boolean | null;
  feeBearing: boolean;
  paidOnline: boolean | null;
  synced: boolean | null;
  rating: 'satisfied' | 'unsatisfied' | null;
  hasPetition: boolean;
  /** Monotonic version of the source (e.g. the dossier's event count): older updates are ignored. */
  sourceVersion: number;
}

export function factsRow(f: DossierFacts) {
  const sorted = [...f.supplements].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  const s = summariseSupplements(sorted);
  // Once closed, the verdict of §1.4 is fixed: computed here by the pure rule, read by the SQL.
  const verdict = (compare: 'instant' | 'day') =>
    f.finishedAt
      ? onTimeStatus(
          { receivedAt: f.receivedAt, dueAt: f.dueAt, finishedAt: f.finishedAt, supplements: sorted, maxProcessingMs: f.maxProcessingMs },
          f.finishedAt,
          compare,
        ).status !== 'late'
      : null;
  return {
    dossier_id: f.dossierId,
    code: f.code,
    unit_id: f.unitId,
    receiving_unit_id: f.receivingUnitId,
    procedure_code: f.procedureCode,
    channel: f.channel,
    state: f.state,
    received_at: f.receivedAt,
    due_at: f.dueAt,
    finished_at: f.finishedAt,
    closing: f.closing,
    max_processing_ms: f.maxProcessingMs,
    supplement_count: s.count,
    supplement_requested_at: s.requestedAt,
    supplement_returned_at: s.returnedAt,
    supplement2_requested_at: sorted[1]?.requestedAt ?? null,
    supplement_ms: s.pausedMs,
    closed_on_time: verdict('instant'),
    closed_on_time_day: verdict('day'),
    processing_days: f.processingDays,
    online: f.online,
    paper_result: f.paperResult,
    e_result: f.eResult,
    digitized: f.digitized,
    reused: f.reused,
    linked_to_store: f.linkedToStore,
    population_data: f.populationData,
    fee_bearing: f.feeBearing,
    paid_online: f.paidOnline,
    synced: f.synced,
    rating: f.rating,
    has_petition: f.hasPetition,
    source_version: f.sourceVersion,
  };
}
export type FactsRow = ReturnType<typeof factsRow>;

/** The supplement spans a facts row stands for (enough for the on-time rules, §1.4). */
export function spansOfRow(r: {
  supplement_requested_at: Date | null;
  supplement_returned_at: Date | null;
  supplement2_requested_at: Date | null;
}): SupplementSpan[] {
  const out: SupplementSpan[] = [];
  if (r.supplement_requested_at) out.push({ requestedAt: r.supplement_requested_at, returnedAt: r.supplement_returned_at });
  if (r.supplement2_requested_at) out.push({ requestedAt: r.supplement2_requested_at, returnedAt: null });
  return out;
}

/** Per (unit, procedure) aggregate row, as the SQL returns it. */
export interface AggRow {
  unit_id: string;
  procedure_code: string;
  received: number;
  synced: number;
  handled: number;
  on_time: number;
  closed: number;
  closed_days: number;
  online: number;
  online_any: number;
  fee_dossiers: number;
  paid_online: number;
  fee_synced: number;
  result_dossiers: number;
  paper_result_dossiers: number;
  electronic_results: number;
  digitized: number;
  reused: number;
  linked_to_store: number;
  population_dossiers: number;
  dissatisfied: number;
  synced_unknown: number;
  paid_unknown: number;
  reused_unknown: number;
  linked_unknown: number;
  population_unknown: number;
  // national method (dvcqg-2026); optional so older callers building rows by hand still type-check
  h_electronic?: number;
  h_digitized?: number;
  h_reused?: number;
  h_linked?: number;
  h_population?: number;
  h_dissatisfied?: number;
  h_reused_unknown?: number;
  h_linked_unknown?: number;
  h_population_unknown?: number;
  paid_online_synced?: number;
}
