/**
 * From counts to each indicator's figure (numerator / denominator). The counts come from SQL
 * aggregates over `indicator_dossier_facts` (see store.ts), the catalogue and the feedback
 * modules; a source that is not there yet gives null = "no data" with the reason.
 */
import type { Figure } from './types';

/** Aggregates over the dossier facts of a unit (and the units below it) for a period. */
export interface FactCounts {
  /** Dossiers received in the period (NgayTiepNhan in the period). */
  received: number;
  /** ... of which synchronised to the national portal. */
  synced: number;
  /** 2.1: dossiers received or handled in the period (received before its end, not closed before its start). */
  handled: number;
  /** ... of which on time or early (§1.4). */
  onTime: number;
  /** 2.2: dossiers closed in the period and the sum of their processing days. */
  closed: number;
  closedDays: number;
  /** 3.3: received online (with an e-result when the procedure requires a paper result). */
  online: number;
  /** 3.4: distinct procedures with fee-bearing dossiers received, and those with >= 1 paid online. */
  feeProcedures: number;
  feeProceduresPaidOnline: number;
  /** 3.5: distinct procedures with synced fee-bearing dossiers. */
  feeProceduresSynced: number;
  /** 3.6: fee-bearing dossiers received (fee > 0) and those paid online. */
  feeDossiers: number;
  paidOnline: number;
  /** 4.1/4.2: dossiers closed with a result in the period; of procedures requiring a paper result; with an e-result; digitized. */
  resultDossiers: number;
  paperResultDossiers: number;
  electronicResults: number;
  digitized: number;
  /** 4.3/4.5/4.7 over dossiers received. */
  reused: number;
  linkedToStore: number;
  populationDossiers: number;
  /** 4.6: distinct procedures with dossiers received, and those with >= 1 using population data. */
  procedures: number;
  populationProcedures: number;
  /** 5.4: dossiers handled that were late, rated not satisfied, or with a petition about them. */
  dissatisfied: number;
  /** Whether dossier ratings are recorded yet (the feedback module). */
  ratingsKnown: boolean;
  /**
   * Dossiers whose flag is unknown because the module that records it has not landed yet
   * (national-portal sync, payments, warehouse, population data). When every dossier of an
   * indicator's population is unknown the indicator is "no data"; otherwise unknown = not done.
   */
  unknown: { synced: number; paidOnline: number; reused: number; linkedToStore: number; population: number };
  /** 3.2: codes of procedures that received >= 1 online dossier in the period. */
  onlineProcedureCodes: string[];
  /** Counts only the national method (dvcqg-2026) uses: rows over the handled population, per procedure. */
  national: NationalCounts;
}

export interface NationalCounts {
  electronic: number;
  digitized: number;
  reused: number;
  linked: number;
  population: number;
  dissatisfied: number;
  unknown: { reused: number; linked: number; population: number };
  /** Fee-bearing dossiers received, synced and paid online (F1 3.6 requires the sync). */
  paidOnlineSynced: number;
  /** Per procedure: dossiers received, of which online; handled dossiers using population data. */
  byProcedure: Map<string, { received: number; online: number; population: number }>;
}

/** What the catalogue module reports for 1.1-1.3, 3.1, 3.2, 3.5 (null = not available yet). */
export interface CatalogueFigures {
  publishedOnTime: { onTime: number; total: number } | null;
  disclosedOnTime: { onTime: number; total: number } | null;
  fullyDisclosed: { full: number; total: number } | null;
  /** Procedures under the unit's authority, and those offered online (partial or full). */
  procedures: { total: number; online: number; onlineCodes: string[]; feeBearing: number; fullOnlineCodes?: string[]; citizenCodes?: string[] } | null;
}

/** What the feedback module reports for 5.1-5.3 (null = not available yet). */
export interface FeedbackFigures {
  /** 5.1: petitions counted in the period and those classified (procedure vs conduct). */
  petitions: number;
  classified: number;
  /** 5.2: petitions handled on time / petitions handled or open and overdue. */
  onTime: { numerator: number; denominator: number };
  /** 5.3: petitions not rated unsatisfied, not raised again, not overdue / petitions. */
  satisfaction: { numerator: number; denominator: number };
  /** 5.4 as the feedback module computes it from dossier ratings and petitions (null = not available). */
  dossierSatisfaction: { numerator: number; denominator: number } | null;
}

const none = (reason: string): Figure => ({ numerator: null, denominator: null, reason });
const fig = (numerator: number, denominator: number): Figure => (denominator > 0 ? { numerator, denominator } : { numerator, denominator, reason: 'empty' });

const allUnknown = (unknown: number, population: number) => population > 0 && unknown >= population;

/** 4.4: units that must offer electronic certified copies (communes, district justice offices) and those that issued any. */
export interface CertifiedCopyFigures {
  offering: number;
  units: number;
}

export function figuresFrom(
  c: FactCounts,
  cat: CatalogueFigures | null,
  fb: FeedbackFigures | null,
  copies: CertifiedCopyFigures | null = null,
): Record<string, Figure> {
  const f: Record<string, Figure> = {};
  const u = c.unknown;
  const syncUnknown = allUnknown(u.synced, c.received);
  const syncRatio = c.received > 0 && !syncUnknown ? c.synced / c.received : null;
  const guard = (unknown: number, population: number, reason: string, x: Figure): Figure => (allUnknown(unknown, population) ? none(reason) : x);
  // 1. Publicity and transparency
  f.publishedOnTime = cat?.publishedOnTime ? fig(cat.publishedOnTime.onTime, cat.publishedOnTime.total) : none('source.catalogue');
  f.disclosedOnTime = cat?.disclosedOnTime ? fig(cat.disclosedOnTime.onTime, cat.disclosedOnTime.total) : none('source.catalogue');
  f.fullyDisclosed = cat?.fullyDisclosed ? fig(cat.fullyDisclosed.full, cat.fullyDisclosed.total) : none('source.catalogue');
  f.syncedDossiers = guard(u.synced, c.received, 'source.nationalPortal', fig(c.synced, c.received));
  // 2. Progress
  f.onTimeRate = fig(c.onTime, c.handled);
  f.averageTime = fig(c.closedDays, c.closed);
  // 3. Online services and payment
  f.onlineProcedures = cat?.procedures ? fig(cat.procedures.online, cat.procedures.total) : none('source.catalogue');
  if (cat?.procedures) {
    const used = new Set(c.onlineProcedureCodes);
    f.onlineServicesUsed = fig(cat.procedures.onlineCodes.filter((x) => used.has(x)).length, cat.procedures.onlineCodes.length);
  } else f.onlineServicesUsed = none('source.catalogue');
  f.onlineDossiers = syncUnknown ? none('source.nationalPortal') : { ...fig(c.online, c.received), factor: syncRatio };
  f.proceduresPaidOnline = guard(u.paidOnline, c.feeDossiers, 'source.payments', fig(c.feeProceduresPaidOnline, c.feeProcedures));
  f.feeProceduresIntegrated = allUnknown(u.synced, c.received)
    ? none('source.nationalPortal')
    : cat?.procedures
      ? fig(Math.min(c.feeProceduresSynced, cat.procedures.feeBearing), cat.procedures.feeBearing)
      : none('source.catalogue');
  f.paidOnline = guard(u.paidOnline, c.feeDossiers, 'source.payments', fig(c.paidOnline, c.feeDossiers));
  // 4. Digitization
  f.electronicResults = fig(c.electronicResults, c.paperResultDossiers);
  f.digitized = fig(c.digitized, c.resultDossiers);
  f.reused = guard(u.reused, c.received, 'source.warehouse', fig(c.reused, c.received));
  f.certifiedCopies = copies ? fig(copies.offering, copies.units) : none('source.certifiedCopies');
  f.linkedToStore = guard(u.linkedToStore, c.received, 'source.warehouse', fig(c.linkedToStore, c.received));
  f.populationProcedures = guard(u.population, c.received, 'source.population', fig(c.populationProcedures, c.procedures));
  f.populationDossiers = guard(u.population, c.received, 'source.population', fig(c.populationDossiers, c.received));
  // 5. Satisfaction
  f.petitionsClassified = fb ? fig(fb.classified, fb.petitions) : none('source.feedback');
  f.petitionsOnTime = fb ? fig(fb.onTime.numerator, fb.onTime.denominator) : none('source.feedback');
  f.petitionSatisfaction = fb ? fig(fb.satisfaction.numerator, fb.satisfaction.denominator) : none('source.feedback');
  // 5.4: (dossiers with a result in the period - late - rated not satisfied - with a petition) / dossiers with a result,
  // from the facts when they carry ratings; else the feedback module's own figure; else no data.
  f.dossierSatisfaction = c.ratingsKnown
    ? fig(Math.max(0, c.resultDossiers - c.dissatisfied), c.resultDossiers)
    : fb?.dossierSatisfaction
      ? fig(fb.dossierSatisfaction.numerator, fb.dossierSatisfaction.denominator)
      : none('source.feedback');
  return f;
}

export function emptyCounts(): FactCounts {
  return {
    received: 0,
    synced: 0,
    handled: 0,
    onTime: 0,
    closed: 0,
    closedDays: 0,
    online: 0,
    feeProcedures: 0,
    feeProceduresPaidOnline: 0,
    feeProceduresSynced: 0,
    feeDossiers: 0,
    paidOnline: 0,
    resultDossiers: 0,
    paperResultDossiers: 0,
    electronicResults: 0,
    digitized: 0,
    reused: 0,
    linkedToStore: 0,
    populationDossiers: 0,
    procedures: 0,
    populationProcedures: 0,
    dissatisfied: 0,
    ratingsKnown: false,
    onlineProcedureCodes: [],
    unknown: { synced: 0, paidOnline: 0, reused: 0, linkedToStore: 0, population: 0 },
    national: {
      electronic: 0,
      digitized: 0,
      reused: 0,
      linked: 0,
      population: 0,
      dissatisfied: 0,
      unknown: { reused: 0, linked: 0, population: 0 },
      paidOnlineSynced: 0,
      byProcedure: new Map(),
    },
  };
}
