/**
 * Scoring methods of the Decision 766 index as rule sets with their effective periods.
 *
 * - `qd766-2022`: the project's first reading of Decision 766/QĐ-TTg (23/06/2022), five groups
 *   18/20/22/22/18, kept for history. Its points and thresholds are the defaults of
 *   `indicator_settings` (model/defaults.ts) and an administrator may override them.
 * - `dvcqg-2026`: the national portal's implementation as it ranks units in 2026
 *   (../shared/spec/D766-NATIONAL.md: F1 formula description, F2 reconciliation, P published
 *   unit figures). Six blocks CKMB 18, TDGQ 20, ONLINE 12, TTTT 10, MDSH 22, MDHL 18.
 *
 * A period is scored by the method in force on its first day unless another is asked for.
 * Every row names its numerator, denominator, population, scale, empty case, scope and source.
 */
import { INDICATORS } from './defaults';

export type Scale = { kind: 'linear' } | { kind: 'threshold'; at: number };

/** Who a row's figure belongs to: the unit itself (and below), or the province's figure shown for every unit. */
export type Scope = 'own' | 'province';

/** What the counts are taken over (the figure's denominator population). */
export type Population = 'received' | 'handled' | 'closedWithResult' | 'catalogue' | 'petitions' | 'units' | 'procedures';

export interface MetricRule {
  /** The portal's metric code (dvcqg-2026) or the plan number (qd766-2022). */
  code: string;
  block: string;
  maxPoints: number;
  scale: Scale;
  /** Denominator 0: no data (N/A, 0 in the total) or full points. */
  empty: 'none' | 'full';
  /** Neither count given: no data, or full points (the portal gives 2/2 to certified copies without counts). */
  noCounts: 'none' | 'full';
  scope: Scope;
  population: Population;
  numerator: string;
  denominator: string;
  /** Where the rule comes from (D766-NATIONAL.md sources F1 / F2 / P, or the research note). */
  source: string;
  /** The first reading's indicator key with the same meaning (drill-down, settings), when there is one. */
  key2022?: string;
}

export interface Method {
  id: string;
  effectiveFrom: string; // YYYY-MM-DD, inclusive
  effectiveTo: string | null; // inclusive; null = still in force
  blocks: { code: string; maxPoints: number }[];
  metrics: MetricRule[];
}

const lin: Scale = { kind: 'linear' };
const at = (x: number): Scale => ({ kind: 'threshold', at: x });

type RowInput = Omit<MetricRule, 'empty' | 'noCounts' | 'scope'> & Partial<Pick<MetricRule, 'empty' | 'noCounts' | 'scope'>>;
const row = (r: RowInput): MetricRule => ({ empty: 'none', noCounts: 'none', scope: 'own', ...r });

const NATIONAL_METRICS: MetricRule[] = [
  // CKMB 18 — P: every unit below the province shows the province's figures.
  row({
    code: 'PUBLISH_ON_TIME',
    block: 'CKMB',
    maxPoints: 6,
    scale: lin,
    scope: 'province',
    population: 'catalogue',
    key2022: 'publishedOnTime',
    numerator: 'TTHC có quyết định công bố ký ≤ ngày hiệu lực − 5 ngày làm việc (một TTHC trong nhiều quyết định tính một lần, trễ nếu trễ một lần)',
    denominator: 'TTHC có quyết định công bố ký trong kỳ',
    source: 'F1; F2 6 điểm; P 1/47 → 0,13 (mọi đơn vị cấp dưới hiện số của tỉnh)',
  }),
  row({
    code: 'PUBLIC_UPDATE_ON_TIME',
    block: 'CKMB',
    maxPoints: 4,
    scale: lin,
    scope: 'province',
    population: 'catalogue',
    key2022: 'disclosedOnTime',
    numerator: 'TTHC được công khai ≤ ngày ký quyết định công bố + 5 ngày làm việc',
    denominator: 'TTHC công khai trong kỳ + TTHC đến hạn công khai trong kỳ',
    source: 'F1 "chỉ thống kê theo cấp Tỉnh"; F2 4 điểm; P 43/47 → 3,66',
  }),
  row({
    code: 'PUBLIC_CONTENT_FULL',
    block: 'CKMB',
    maxPoints: 2,
    scale: lin,
    scope: 'province',
    population: 'catalogue',
    key2022: 'fullyDisclosed',
    numerator: 'TTHC công khai đủ các bộ phận a–g (NĐ 63/2010 Điều 8 khoản 2)',
    denominator: 'TTHC đang công khai',
    source: 'F1; F2 2 điểm',
  }),
  row({
    code: 'DOSSIER_SYNC',
    block: 'CKMB',
    maxPoints: 6,
    scale: lin,
    scope: 'province',
    population: 'received',
    key2022: 'syncedDossiers',
    numerator: 'Hồ sơ tiếp nhận trong kỳ đã đồng bộ lên Cổng DVCQG',
    denominator: 'Hồ sơ tiếp nhận trong kỳ',
    source: 'F1; F2 6 điểm; P (khối CKMB là số của tỉnh)',
  }),
  // TDGQ 20
  row({
    code: 'TDGQ',
    block: 'TDGQ',
    maxPoints: 20,
    scale: lin,
    population: 'handled',
    key2022: 'onTimeRate',
    numerator: 'Hồ sơ hoàn thành trước hạn, đúng hạn + hồ sơ đang giải quyết còn trong hạn (cuối kỳ)',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ (kể cả chưa xong)',
    source: 'F1; P 99,85 % → 19,97; 97,06 % → 19,41',
  }),
  // ONLINE 12 — F2's newest configuration (formula-maximums row 7): one row carries the 12 points.
  row({
    code: 'ONLINE',
    block: 'ONLINE',
    maxPoints: 12,
    scale: lin,
    population: 'received',
    key2022: 'onlineDossiers',
    numerator: 'Hồ sơ tiếp nhận trong kỳ nộp trực tuyến của TTHC cung cấp DVCTT toàn trình',
    denominator: 'Hồ sơ tiếp nhận trong kỳ của TTHC đủ điều kiện DVCTT toàn trình',
    source: 'F2 (cấu hình mới nhất, 12 điểm); thang điểm không nêu: tính tuyến tính',
  }),
  // TTTT 10 — the portal shows one block; its three rows as F1/F2 describe them (sub-codes are ours).
  row({
    code: 'TTTT_PROCEDURE_PAYMENT',
    block: 'TTTT',
    maxPoints: 2,
    scale: at(0.8),
    population: 'procedures',
    key2022: 'proceduresPaidOnline',
    numerator: 'TTHC có ≥ 1 giao dịch thanh toán trực tuyến thành công',
    denominator: 'TTHC có thu phí, lệ phí có hồ sơ trong kỳ',
    source: 'F2 (đối chiếu API 08/10/2026): từ 80 % được 2 điểm',
  }),
  row({
    code: 'TTTT_FEE_INTEGRATION',
    block: 'TTTT',
    maxPoints: 2,
    scale: at(0.8),
    population: 'procedures',
    key2022: 'feeProceduresIntegrated',
    numerator: 'TTHC có hồ sơ đồng bộ có phí ≠ 0 trong kỳ',
    denominator: 'TTHC có nghĩa vụ tài chính trong CSDL TTHC',
    source: 'F1; F2 2 điểm',
  }),
  row({
    code: 'TTTT_DOSSIER_PAYMENT',
    block: 'TTTT',
    maxPoints: 6,
    scale: lin,
    population: 'received',
    key2022: 'paidOnline',
    numerator: 'Hồ sơ đã đồng bộ, có phí, thanh toán trực tuyến',
    denominator: 'Hồ sơ tiếp nhận trong kỳ của TTHC có thu phí',
    source: 'F1; F2 6 điểm',
  }),
  // MDSH 22 — P: every dossier row's denominator is TDGQ's population.
  row({
    code: 'ORIGINAL_RESULT_AVAILABLE',
    block: 'MDSH',
    maxPoints: 6,
    scale: lin,
    population: 'handled',
    key2022: 'electronicResults',
    numerator: 'Hồ sơ có kết quả giải quyết điện tử',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ (như TDGQ)',
    source: 'F1; P 610/654 → 5,60 (654 = mẫu số TDGQ)',
  }),
  row({
    code: 'SO_HOA_GIAY_TO_GIAI_QUYET',
    block: 'MDSH',
    maxPoints: 4,
    scale: lin,
    population: 'handled',
    key2022: 'digitized',
    numerator: 'Hồ sơ số hóa thành phần và có kết quả điện tử',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ',
    source: 'P 92,2 % → 3,69; 58,06 % → 2,32 (tuyến tính; F1 ghi 80 % nhưng API không áp dụng)',
  }),
  row({
    code: 'REUSED_DIGITIZED_DATA',
    block: 'MDSH',
    maxPoints: 2,
    scale: at(0.8),
    population: 'handled',
    key2022: 'reused',
    numerator: 'Hồ sơ có ≥ 1 thành phần sử dụng lại dữ liệu số hóa',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ',
    source: 'F1 ngưỡng 80 %; P 58,94 % → 1,47; mẫu số P 654/2618 = TDGQ',
  }),
  row({
    code: 'ELECTRONIC_CERTIFIED_COPY',
    block: 'MDSH',
    maxPoints: 2,
    scale: lin,
    empty: 'full',
    noCounts: 'full',
    population: 'units',
    key2022: 'certifiedCopies',
    numerator: 'Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính (Cổng không công bố số đếm)',
    denominator: '—',
    source: 'P: tử số, mẫu số null, tỷ lệ 100 → 2/2 cho mọi đơn vị',
  }),
  row({
    code: 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
    block: 'MDSH',
    maxPoints: 4,
    scale: lin,
    population: 'handled',
    key2022: 'linkedToStore',
    numerator: 'Hồ sơ có thành phần lấy từ kho DVCQG hoặc kết quả đồng bộ vào kho cá nhân',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ',
    source: 'F1 4.4; P tuyến tính',
  }),
  row({
    code: 'CITIZEN_DATA_CONNECTED_FORMALITY',
    block: 'MDSH',
    maxPoints: 2,
    scale: lin,
    population: 'catalogue',
    key2022: 'populationProcedures',
    numerator: 'TTHC có hồ sơ sử dụng dữ liệu dân cư (VNeID, kho DVCQG, CSDL dân cư)',
    denominator: 'TTHC của đơn vị có đối tượng thực hiện là công dân (danh mục)',
    source: 'F1 4.5a; P 16/147, 28/388',
  }),
  row({
    code: 'CITIZEN_DATA_CONNECTED_DOSSIER',
    block: 'MDSH',
    maxPoints: 2,
    scale: lin,
    population: 'handled',
    key2022: 'populationDossiers',
    numerator: 'Hồ sơ sử dụng dữ liệu dân cư',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ',
    source: 'F1 4.5b; P (mẫu số = TDGQ)',
  }),
  // MDHL 18
  row({
    code: 'PETITION_CLASSIFICATION_TTHC',
    block: 'MDHL',
    maxPoints: 0,
    scale: lin,
    population: 'petitions',
    key2022: 'petitionsClassified',
    numerator: 'PAKN về TTHC đã phân loại',
    denominator: 'PAKN trong kỳ',
    source: 'F2, P maxScore 0 (theo dõi)',
  }),
  row({
    code: 'PETITION_CLASSIFICATION_STAFF',
    block: 'MDHL',
    maxPoints: 0,
    scale: lin,
    population: 'petitions',
    numerator: 'PAKN về hành vi cán bộ',
    denominator: 'PAKN trong kỳ',
    source: 'P maxScore 0 (theo dõi)',
  }),
  row({
    code: 'DOSSIER_RECEIVING_SATISFACTION',
    block: 'MDHL',
    maxPoints: 6,
    scale: at(0.9),
    population: 'handled',
    key2022: 'dossierSatisfaction',
    numerator: 'Hồ sơ − quá hạn − bị đánh giá không hài lòng − có PAKN',
    denominator: 'Hồ sơ tiếp nhận hoặc đang giải quyết trong kỳ (như TDGQ)',
    source: 'F1 ngưỡng 90 %; P 97,02 % → 6; 653/654, 2540/2618',
  }),
  row({
    code: 'PETITION_PROCESSING_ON_TIME',
    block: 'MDHL',
    maxPoints: 6,
    scale: lin,
    empty: 'full',
    population: 'petitions',
    key2022: 'petitionsOnTime',
    numerator: 'PAKN xử lý đúng hạn (15 ngày làm việc; từ chối ≤ 2; yêu cầu bổ sung ≤ 5; công khai ≤ 2)',
    denominator: 'PAKN đã xử lý hoặc đang xử lý',
    source: 'F1; P: 0 PAKN → 6/6',
  }),
  row({
    code: 'PETITION_HANDLING_SATISFACTION',
    block: 'MDHL',
    maxPoints: 6,
    scale: lin,
    empty: 'full',
    population: 'petitions',
    key2022: 'petitionSatisfaction',
    numerator: 'PAKN − không hài lòng − phản ánh lại − quá hạn',
    denominator: 'PAKN tiếp nhận lần đầu trong kỳ',
    source: 'W1/F1; P: 0 PAKN → 6/6',
  }),
];

const POPULATION_2022: Record<string, Population> = {
  '1.1': 'catalogue',
  '1.2': 'catalogue',
  '1.3': 'catalogue',
  '1.4': 'received',
  '2.1': 'handled',
  '2.2': 'closedWithResult',
  '3.1': 'catalogue',
  '3.2': 'catalogue',
  '3.3': 'received',
  '3.4': 'procedures',
  '3.5': 'procedures',
  '3.6': 'received',
  '4.1': 'closedWithResult',
  '4.2': 'closedWithResult',
  '4.3': 'received',
  '4.4': 'units',
  '4.5': 'received',
  '4.6': 'procedures',
  '4.7': 'received',
  '5.1': 'petitions',
  '5.2': 'petitions',
  '5.3': 'petitions',
  '5.4': 'closedWithResult',
};

/** The first reading, as rules (the defaults; the live index applies `indicator_settings` over them). */
const READING_2022: MetricRule[] = INDICATORS.map((i) =>
  row({
    code: i.code,
    block: i.group,
    maxPoints: i.kind === 'average' ? 0 : i.maxPoints,
    scale: i.threshold ? at(i.threshold) : lin,
    population: POPULATION_2022[i.code],
    key2022: i.key,
    numerator: `indicators.ind.${i.key}`,
    denominator: 'docs/decisions-indicators.md',
    source: 'regulations-research §1.2 (F2 values, first release)',
  }),
);

export const METHODS: Method[] = [
  {
    id: 'qd766-2022',
    effectiveFrom: '2022-06-23',
    effectiveTo: '2025-12-31',
    blocks: [
      { code: 'publicity', maxPoints: 18 },
      { code: 'progress', maxPoints: 20 },
      { code: 'online', maxPoints: 22 },
      { code: 'digitization', maxPoints: 22 },
      { code: 'satisfaction', maxPoints: 18 },
    ],
    metrics: READING_2022,
  },
  {
    id: 'dvcqg-2026',
    // The portal publishes no cut-over date; 2026 is the first year its published figures (P) show this method.
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    blocks: [
      { code: 'CKMB', maxPoints: 18 },
      { code: 'TDGQ', maxPoints: 20 },
      { code: 'ONLINE', maxPoints: 12 },
      { code: 'TTTT', maxPoints: 10 },
      { code: 'MDSH', maxPoints: 22 },
      { code: 'MDHL', maxPoints: 18 },
    ],
    metrics: NATIONAL_METRICS,
  },
];

export const NATIONAL_METHOD_ID = 'dvcqg-2026';
export const READING_2022_ID = 'qd766-2022';

export const methodById = (id: string): Method | undefined => METHODS.find((m) => m.id === id);

/** The method in force on a civil date (YYYY-MM-DD); before the first, the first; after the last, the last. */
export function methodInForce(date: string): Method {
  const m = METHODS.find((x) => x.effectiveFrom <= date && (x.effectiveTo == null || date <= x.effectiveTo));
  if (m) return m;
  return date < METHODS[0].effectiveFrom ? METHODS[0] : METHODS[METHODS.length - 1];
}
