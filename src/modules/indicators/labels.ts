/**
 * The indicators' labels in words. Their keys come from data (the methods' indicators and blocks,
 * the stored snapshots, the ledger), so each kind of label has its closed list here: tsc checks
 * that every entry has a message (`indicators.ind.${key}` must be a MessageKey), and a value off
 * the list (an older snapshot, a changed method) shows as itself instead of a raw message key.
 */
import { oneOf, t, type Lang } from '../../platform/i18n';
import { FORECAST_ASSUMPTIONS } from './model/forecast';

/** Indicators of the 2022 reading (model/defaults.ts) and of the national method (model/methods.ts). */
const INDICATOR_KEYS = [
  'publishedOnTime',
  'disclosedOnTime',
  'fullyDisclosed',
  'syncedDossiers',
  'onTimeRate',
  'averageTime',
  'onlineProcedures',
  'onlineServicesUsed',
  'onlineDossiers',
  'proceduresPaidOnline',
  'feeProceduresIntegrated',
  'paidOnline',
  'electronicResults',
  'digitized',
  'reused',
  'certifiedCopies',
  'linkedToStore',
  'populationProcedures',
  'populationDossiers',
  'petitionsClassified',
  'petitionsOnTime',
  'petitionSatisfaction',
  'dossierSatisfaction',
  'PUBLISH_ON_TIME',
  'PUBLIC_UPDATE_ON_TIME',
  'PUBLIC_CONTENT_FULL',
  'DOSSIER_SYNC',
  'TDGQ',
  'ONLINE',
  'TTTT_PROCEDURE_PAYMENT',
  'TTTT_FEE_INTEGRATION',
  'TTTT_DOSSIER_PAYMENT',
  'ORIGINAL_RESULT_AVAILABLE',
  'SO_HOA_GIAY_TO_GIAI_QUYET',
  'REUSED_DIGITIZED_DATA',
  'ELECTRONIC_CERTIFIED_COPY',
  'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
  'CITIZEN_DATA_CONNECTED_FORMALITY',
  'CITIZEN_DATA_CONNECTED_DOSSIER',
  'PETITION_CLASSIFICATION_TTHC',
  'PETITION_CLASSIFICATION_STAFF',
  'DOSSIER_RECEIVING_SATISFACTION',
  'PETITION_PROCESSING_ON_TIME',
  'PETITION_HANDLING_SATISFACTION',
] as const;

/** Groups of the 2022 reading (GroupKey) and blocks of the national method. */
const GROUP_KEYS = ['publicity', 'progress', 'online', 'digitization', 'satisfaction', 'CKMB', 'TDGQ', 'ONLINE', 'TTTT', 'MDSH', 'MDHL'] as const;
export const BAND_KEYS = ['excellent', 'good', 'fair', 'average', 'weak'] as const;
/** Why a figure is missing (Figure.reason). */
const REASON_KEYS = [
  'empty',
  'factor',
  'noCounts',
  'full.empty',
  'full.noCounts',
  'source.none',
  'source.catalogue',
  'source.certifiedCopies',
  'source.feedback',
  'source.nationalPortal',
  'source.payments',
  'source.population',
  'source.warehouse',
] as const;
/** Why a record of the drill-down costs points. */
const COST_KEYS = [
  'disclosedOnTime',
  'dissatisfied',
  'fullyDisclosed',
  'late',
  'multipleSupplements',
  'noCertifiedCopy',
  'noElectronicResult',
  'noPopulationData',
  'notDigitized',
  'notLinked',
  'notOnline',
  'notPaidOnline',
  'notReused',
  'notSynced',
  'petition',
  'petitionLate',
  'petitionOverdue',
  'petitionReraised',
  'petitionUnsatisfied',
  'publishedOnTime',
  'unsatisfied',
] as const;
const METHOD_IDS = ['qd766-2022', 'dvcqg-2026'] as const;
const PEER_GROUPS = ['department', 'district', 'commune'] as const;
/** The ledger's causes, as kind.reason (model/causes.ts). */
const CAUSES = [
  'clock_paused.no_missing_items',
  'clock_paused.restart_counted_later',
  'clock_paused.second_request',
  'portal_mismatch.differs',
  'portal_mismatch.portal_missing',
  'portal_mismatch.repaired',
  'step_overrun.closed_step',
  'step_overrun.open_step',
  'sync_failure.never_sent',
  'sync_failure.rejected',
  'sync_failure.status_behind',
  'sync_failure.status_rejected',
  'unexplained.no_event',
] as const;

export const indicatorName = (lang: Lang, key: string) => (oneOf(INDICATOR_KEYS, key) ? t(lang, `indicators.ind.${key}`) : key);
export const groupName = (lang: Lang, key: string) => (oneOf(GROUP_KEYS, key) ? t(lang, `indicators.group.${key}`) : key);
export const bandName = (lang: Lang, key: string) => (oneOf(BAND_KEYS, key) ? t(lang, `indicators.band.${key}`) : key);
export const reasonText = (lang: Lang, key: string) => (oneOf(REASON_KEYS, key) ? t(lang, `indicators.reason.${key}`) : key);
export const costText = (lang: Lang, key: string) => (oneOf(COST_KEYS, key) ? t(lang, `indicators.cost.${key}`) : key);
export const methodName = (lang: Lang, id: string) => (oneOf(METHOD_IDS, id) ? t(lang, `indicators.method.${id}`) : id);
export const peerName = (lang: Lang, group: string) => (oneOf(PEER_GROUPS, group) ? t(lang, `indicators.peer.${group}`) : group);
export const assumptionText = (lang: Lang, a: string) => (oneOf(FORECAST_ASSUMPTIONS, a) ? t(lang, `indicators.forecast.assume.${a}`) : a);
export const causeWords = (lang: Lang, kind: string, reason: string, params: Record<string, unknown>) => {
  const c = `${kind}.${reason}`;
  return oneOf(CAUSES, c) ? t(lang, `indicators.cause.${c}`, params) : c;
};
