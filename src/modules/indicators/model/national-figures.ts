/**
 * Figures of the national method (dvcqg-2026) from the same counts the first reading uses
 * (model/figures.ts), by the portal's codes. Differences from the first reading, each from
 * ../shared/spec/D766-NATIONAL.md:
 * - CKMB rows are the province's figures for every unit (P);
 * - MDSH dossier rows and DOSSIER_RECEIVING_SATISFACTION are over TDGQ's population (handled), open dossiers included (P);
 * - ONLINE is one row: online dossiers of full-online procedures ÷ dossiers of those procedures (F2);
 * - TTTT_DOSSIER_PAYMENT counts a paid dossier only once synced (F1);
 * - CITIZEN_DATA_CONNECTED_FORMALITY divides by the unit's procedures for citizens in the catalogue (P);
 * - ELECTRONIC_CERTIFIED_COPY carries no counts (P: 2/2); petitions 0/0 score full (empty case of the rule).
 */
import type { CatalogueFigures, FactCounts, FeedbackFigures } from './figures';
import type { Figure } from './types';

const none = (reason: string): Figure => ({ numerator: null, denominator: null, reason });
const fig = (numerator: number, denominator: number): Figure => ({ numerator, denominator });
const allUnknown = (unknown: number, population: number) => population > 0 && unknown >= population;

export function nationalFigures(
  own: FactCounts,
  province: FactCounts,
  cat: CatalogueFigures | null,
  provinceCat: CatalogueFigures | null,
  fb: FeedbackFigures | null,
): Record<string, Figure> {
  const f: Record<string, Figure> = {};
  const n = own.national;
  // CKMB: the province's figures (scope 'province').
  f.PUBLISH_ON_TIME = provinceCat?.publishedOnTime ? fig(provinceCat.publishedOnTime.onTime, provinceCat.publishedOnTime.total) : none('source.catalogue');
  f.PUBLIC_UPDATE_ON_TIME = provinceCat?.disclosedOnTime
    ? fig(provinceCat.disclosedOnTime.onTime, provinceCat.disclosedOnTime.total)
    : none('source.catalogue');
  f.PUBLIC_CONTENT_FULL = provinceCat?.fullyDisclosed ? fig(provinceCat.fullyDisclosed.full, provinceCat.fullyDisclosed.total) : none('source.catalogue');
  f.DOSSIER_SYNC = allUnknown(province.unknown.synced, province.received) ? none('source.nationalPortal') : fig(province.synced, province.received);
  // TDGQ
  f.TDGQ = fig(own.onTime, own.handled);
  // ONLINE
  if (cat?.procedures?.fullOnlineCodes) {
    let rec = 0;
    let online = 0;
    for (const code of cat.procedures.fullOnlineCodes) {
      const p = n.byProcedure.get(code);
      if (p) {
        rec += p.received;
        online += p.online;
      }
    }
    f.ONLINE = fig(online, rec);
  } else f.ONLINE = none('source.catalogue');
  // TTTT
  const payUnknown = allUnknown(own.unknown.paidOnline, own.feeDossiers);
  f.TTTT_PROCEDURE_PAYMENT = payUnknown ? none('source.payments') : fig(own.feeProceduresPaidOnline, own.feeProcedures);
  f.TTTT_FEE_INTEGRATION = allUnknown(own.unknown.synced, own.received)
    ? none('source.nationalPortal')
    : cat?.procedures
      ? fig(Math.min(own.feeProceduresSynced, cat.procedures.feeBearing), cat.procedures.feeBearing)
      : none('source.catalogue');
  f.TTTT_DOSSIER_PAYMENT = payUnknown ? none('source.payments') : fig(n.paidOnlineSynced, own.feeDossiers);
  // MDSH over the handled population
  const h = own.handled;
  f.ORIGINAL_RESULT_AVAILABLE = fig(n.electronic, h);
  f.SO_HOA_GIAY_TO_GIAI_QUYET = fig(n.digitized, h);
  f.REUSED_DIGITIZED_DATA = allUnknown(n.unknown.reused, h) ? none('source.warehouse') : fig(n.reused, h);
  f.ELECTRONIC_CERTIFIED_COPY = none('noCounts');
  f.SYNCED_WITH_DVCQG_PERSONAL_STORAGE = allUnknown(n.unknown.linked, h) ? none('source.warehouse') : fig(n.linked, h);
  if (allUnknown(n.unknown.population, h)) f.CITIZEN_DATA_CONNECTED_FORMALITY = none('source.population');
  else if (cat?.procedures?.citizenCodes) {
    const used = cat.procedures.citizenCodes.filter((c) => (n.byProcedure.get(c)?.population ?? 0) > 0).length;
    f.CITIZEN_DATA_CONNECTED_FORMALITY = fig(used, cat.procedures.citizenCodes.length);
  } else f.CITIZEN_DATA_CONNECTED_FORMALITY = none('source.catalogue');
  f.CITIZEN_DATA_CONNECTED_DOSSIER = allUnknown(n.unknown.population, h) ? none('source.population') : fig(n.population, h);
  // MDHL
  f.PETITION_CLASSIFICATION_TTHC = fb ? fig(fb.classified, fb.petitions) : none('source.feedback');
  f.PETITION_CLASSIFICATION_STAFF = none('source.feedback');
  f.DOSSIER_RECEIVING_SATISFACTION = fig(Math.max(0, h - n.dissatisfied), h);
  f.PETITION_PROCESSING_ON_TIME = fb ? fig(fb.onTime.numerator, fb.onTime.denominator) : none('source.feedback');
  f.PETITION_HANDLING_SATISFACTION = fb ? fig(fb.satisfaction.numerator, fb.satisfaction.denominator) : none('source.feedback');
  return f;
}
