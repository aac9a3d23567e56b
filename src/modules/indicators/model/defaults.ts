/**
 * The Decision 766/QĐ-TTg index as the national system computes it (regulations-research §1.2,
 * F2 point values). Five groups: 18 / 20 / 22 / 22 / 18 = 100. Every number here is a DEFAULT:
 * the table `indicator_settings` overrides it, so a province follows an amendment without a release.
 */
import type { Band, GroupKey, IndexConfig, IndicatorDef, IndicatorSetting } from './types';

export const GROUPS: { key: GroupKey; code: string; maxPoints: number }[] = [
  { key: 'publicity', code: '1', maxPoints: 18 },
  { key: 'progress', code: '2', maxPoints: 20 },
  { key: 'online', code: '3', maxPoints: 22 },
  { key: 'digitization', code: '4', maxPoints: 22 },
  { key: 'satisfaction', code: '5', maxPoints: 18 },
];

interface Row extends IndicatorDef {
  maxPoints: number;
  threshold: number | null;
}

export const INDICATORS: Row[] = [
  // 1. Công khai, minh bạch (18)
  { key: 'publishedOnTime', code: '1.1', group: 'publicity', source: 'catalogue', maxPoints: 6, threshold: null },
  { key: 'disclosedOnTime', code: '1.2', group: 'publicity', source: 'catalogue', maxPoints: 4, threshold: null },
  { key: 'fullyDisclosed', code: '1.3', group: 'publicity', source: 'catalogue', maxPoints: 2, threshold: null },
  { key: 'syncedDossiers', code: '1.4', group: 'publicity', source: 'facts', maxPoints: 6, threshold: null },
  // 2. Tiến độ, kết quả giải quyết (20)
  { key: 'onTimeRate', code: '2.1', group: 'progress', source: 'facts', maxPoints: 20, threshold: null },
  { key: 'averageTime', code: '2.2', group: 'progress', source: 'facts', maxPoints: 0, threshold: null, kind: 'average' },
  // 3. Cung cấp dịch vụ trực tuyến (22): online services 12 + online payment 10
  { key: 'onlineProcedures', code: '3.1', group: 'online', source: 'catalogue', maxPoints: 2, threshold: 0.8 },
  { key: 'onlineServicesUsed', code: '3.2', group: 'online', source: 'catalogue', maxPoints: 4, threshold: 1 },
  { key: 'onlineDossiers', code: '3.3', group: 'online', source: 'facts', maxPoints: 6, threshold: 0.5 },
  { key: 'proceduresPaidOnline', code: '3.4', group: 'online', source: 'facts', maxPoints: 2, threshold: null },
  { key: 'feeProceduresIntegrated', code: '3.5', group: 'online', source: 'catalogue', maxPoints: 2, threshold: 0.8 },
  { key: 'paidOnline', code: '3.6', group: 'online', source: 'facts', maxPoints: 6, threshold: null },
  // 4. Số hóa hồ sơ (22)
  { key: 'electronicResults', code: '4.1', group: 'digitization', source: 'facts', maxPoints: 6, threshold: null },
  { key: 'digitized', code: '4.2', group: 'digitization', source: 'facts', maxPoints: 4, threshold: 0.8 },
  { key: 'reused', code: '4.3', group: 'digitization', source: 'facts', maxPoints: 2, threshold: 0.8 },
  { key: 'certifiedCopies', code: '4.4', group: 'digitization', source: 'warehouse', maxPoints: 2, threshold: null },
  { key: 'linkedToStore', code: '4.5', group: 'digitization', source: 'facts', maxPoints: 4, threshold: null },
  { key: 'populationProcedures', code: '4.6', group: 'digitization', source: 'facts', maxPoints: 2, threshold: null },
  { key: 'populationDossiers', code: '4.7', group: 'digitization', source: 'facts', maxPoints: 2, threshold: null },
  // 5. Mức độ hài lòng (18)
  { key: 'petitionsClassified', code: '5.1', group: 'satisfaction', source: 'feedback', maxPoints: 0, threshold: null },
  { key: 'petitionsOnTime', code: '5.2', group: 'satisfaction', source: 'feedback', maxPoints: 6, threshold: null },
  { key: 'petitionSatisfaction', code: '5.3', group: 'satisfaction', source: 'feedback', maxPoints: 6, threshold: null },
  { key: 'dossierSatisfaction', code: '5.4', group: 'satisfaction', source: 'facts', maxPoints: 6, threshold: 0.9 },
];

export const INDICATOR_DEFS: IndicatorDef[] = INDICATORS.map(({ key, code, group, source, kind }) => ({ key, code, group, source, kind }));
export const indicatorDef = (key: string) => INDICATOR_DEFS.find((d) => d.key === key);

/**
 * NOT OFFICIAL (regulations-research §1.3): no band for the 766 total exists in any source; the
 * national portal publishes a score and a rank only. These defaults are a provincial choice
 * an administrator edits; they are not the decision's.
 */
export const DEFAULT_BANDS: Band[] = [
  { key: 'excellent', min: 90 },
  { key: 'good', min: 80 },
  { key: 'fair', min: 65 },
  { key: 'average', min: 50 },
  { key: 'weak', min: 0 },
];

export function defaultConfig(): IndexConfig {
  const settings: Record<string, IndicatorSetting> = {};
  for (const r of INDICATORS) settings[r.key] = { key: r.key, maxPoints: r.maxPoints, threshold: r.threshold, enabled: true };
  return { settings, bands: DEFAULT_BANDS.map((b) => ({ ...b })), onTimeCompare: 'instant' };
}
