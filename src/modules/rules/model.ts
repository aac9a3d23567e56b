/**
 * The law of the day as data: rule sets with their effective period (inclusive civil dates in
 * Vietnam time) and, for each rule, the clause it comes from. Families replace each other over
 * time (the one-stop decree, the circular's forms, the paper channel of the essential services,
 * the online-service levels); two sets of one family never overlap (checked at start and by a
 * test). What could not be read in the texts is said in docs/decisions-law.md.
 */

export type CivilDate = string; // YYYY-MM-DD
export type RuleValue = string | number | boolean | null | readonly string[] | { readonly [k: string]: RuleValue };

export interface Rule {
  key: string;
  value: RuleValue;
  clause: string;
}

export const FAMILIES = ['one-stop', 'forms', 'essential-paper', 'online-levels'] as const;
export type Family = (typeof FAMILIES)[number];

export interface RuleSet {
  id: string;
  family: Family;
  name: string;
  legalBasis: readonly string[];
  validFrom: CivilDate;
  /** Inclusive; null while in force without an end. */
  validTo: CivilDate | null;
  rules: readonly Rule[];
}

/** What a slip is for; the number it carries depends on the form set in force. */
export const FORM_KINDS = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control', 'register'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

export interface FormDef {
  number: string;
  kind: FormKind;
  title: string;
  legalBasis: string;
}

const ND61 = 'Nghị định 61/2018/NĐ-CP';
const ND107 = 'Nghị định 107/2021/NĐ-CP';
const TT01_2018 = 'Thông tư 01/2018/TT-VPCP';
const ND118 = 'Nghị định 118/2025/NĐ-CP';
const ND367 = 'Nghị định 367/2025/NĐ-CP';
const TT03_2025 = 'Thông tư 03/2025/TT-VPCP';
const TT01_2023 = 'Thông tư 01/2023/TT-VPCP';
const CT24 = 'Chỉ thị 24/CT-TTg';
const ND45_2020 = 'Nghị định 45/2020/NĐ-CP';
const ND42 = 'Nghị định 42/2022/NĐ-CP';
const ND224 = 'Nghị định 224/2026/NĐ-CP';

/** The dossier code of TT 01/2018 Art. 19 (agency identifier - YYMMDD - daily sequence). */
export const DOSSIER_CODE_PATTERN = 'V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX';

/** TT 03/2025 Art. 5: the four cases where paper components are not copied to electronic form. */
export const DIGITISATION_EXEMPTIONS = ['submitted_online', 'presented_only', 'agency_replies', 'confidential'] as const;

export const FORMS_TT01_2018: readonly FormDef[] = [
  { number: '01', kind: 'receipt', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', legalBasis: TT01_2018 },
  { number: '02', kind: 'supplement', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', legalBasis: TT01_2018 },
  { number: '03', kind: 'refusal', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', legalBasis: TT01_2018 },
  { number: '04', kind: 'apology', title: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả', legalBasis: TT01_2018 },
  { number: '05', kind: 'control', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', legalBasis: TT01_2018 },
  { number: '06', kind: 'register', title: 'Sổ theo dõi hồ sơ', legalBasis: TT01_2018 },
];

export const FORMS_TT03_2025: readonly FormDef[] = [
  { number: '01', kind: 'receipt', title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', legalBasis: TT03_2025 },
  { number: '02', kind: 'supplement', title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ', legalBasis: TT03_2025 },
  { number: '03', kind: 'refusal', title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', legalBasis: TT03_2025 },
  { number: '04', kind: 'apology', title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết', legalBasis: TT03_2025 },
  { number: '05', kind: 'stop', title: 'Thông báo dừng giải quyết hồ sơ', legalBasis: TT03_2025 },
  { number: '06', kind: 'control', title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ', legalBasis: TT03_2025 },
  { number: '07', kind: 'register', title: 'Sổ theo dõi hồ sơ', legalBasis: TT03_2025 },
];

const formRule = (forms: readonly FormDef[], clause: string): Rule => ({ key: 'forms', value: forms.map((f) => f.number), clause });

export const RULE_SETS: readonly RuleSet[] = [
  {
    id: 'nd61-2018',
    family: 'one-stop',
    name: 'Cơ chế một cửa, một cửa liên thông theo Nghị định 61/2018/NĐ-CP và Nghị định 107/2021/NĐ-CP',
    legalBasis: [ND61, ND107, TT01_2018],
    validFrom: '2018-06-21',
    validTo: '2025-06-30',
    rules: [
      {
        key: 'reception.where',
        value: 'own_area',
        clause: `${ND61}, Điều 7 và Điều 14 (Bộ phận Một cửa của cấp có thẩm quyền; phi địa giới chỉ khi được quy định)`,
      },
      { key: 'process.steps', value: ['receive', 'transfer', 'process', 'return'], clause: `${ND61}, Điều 15-20` },
      { key: 'reception.cutoffHour', value: 15, clause: `${ND61}, Điều 18 (hồ sơ giấy nhận sau 15 giờ chuyển vào ngày làm việc tiếp theo)` },
      { key: 'supplement.once', value: true, clause: `${ND61}, Điều 15; Điều 19 khoản 4 (trả lại trong 3 ngày làm việc, hạn tính lại từ khi nhận đủ)` },
      { key: 'supplement.returnWithinWorkingDays', value: 3, clause: `${ND61}, Điều 19 khoản 4` },
      { key: 'refusal.writtenNotice', value: true, clause: `${ND61}, Điều 19 khoản 8` },
      { key: 'apology.kind', value: 'new_date', clause: `${ND61}, Điều 19 khoản 9 (xin lỗi và hẹn lại ngày trả)` },
      { key: 'apology.daysBeforeDue', value: 1, clause: `${ND61}, Điều 19 khoản 9 (chậm nhất 01 ngày trước hạn, một lần)` },
      { key: 'stop.available', value: false, clause: `${TT01_2018}, Phụ lục (không có mẫu thông báo dừng giải quyết)` },
      { key: 'digitisation.result', value: true, clause: `${ND107}, Điều 1 (sửa Điều 25 NĐ 61: số hóa kết quả giải quyết)` },
    ],
  },
  {
    id: 'nd118-2025',
    family: 'one-stop',
    name: 'Thực hiện TTHC theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia (Nghị định 118/2025/NĐ-CP, sửa đổi bởi Nghị định 367/2025/NĐ-CP)',
    legalBasis: [ND118, ND367, TT03_2025],
    validFrom: '2025-07-01',
    validTo: null,
    rules: [
      { key: 'reception.where', value: 'province_wide', clause: `${ND118}, Điều 14 khoản 2 (không phụ thuộc địa giới hành chính trong phạm vi cấp tỉnh)` },
      {
        key: 'process.steps',
        value: ['receive', 'transfer', 'process', 'return'],
        clause: `${ND118}, Chương III (điều cụ thể chưa đọc được, xem docs/decisions-law.md)`,
      },
      { key: 'reception.cutoffHour', value: 15, clause: `${ND61}, Điều 18, giữ lại như tham số: chưa đọc được điều tương ứng của ${ND118}` },
      { key: 'supplement.once', value: true, clause: `${ND118}, Điều 16 khoản 3 (hướng dẫn một lần, đầy đủ)` },
      { key: 'supplement.returnWithinWorkingDays', value: 3, clause: `${ND61}, Điều 19 khoản 4, giữ lại: chưa đọc được điều tương ứng của ${ND118}` },
      { key: 'refusal.writtenNotice', value: true, clause: `${TT03_2025}, Phụ lục I, Mẫu số 03` },
      { key: 'apology.kind', value: 'extension', clause: `${TT03_2025}, Phụ lục I, Mẫu số 04 (xin lỗi và đề nghị gia hạn thời gian giải quyết)` },
      { key: 'apology.daysBeforeDue', value: 1, clause: `${ND61}, Điều 19 khoản 9, giữ lại: chưa đọc được điều tương ứng của ${ND118}` },
      { key: 'stop.available', value: true, clause: `${TT03_2025}, Phụ lục I, Mẫu số 05 (Thông báo dừng giải quyết hồ sơ)` },
      { key: 'digitisation.result', value: true, clause: `${ND118} (số hóa kết quả; điều cụ thể chưa đọc được)` },
    ],
  },
  {
    id: 'tt01-2018',
    family: 'forms',
    name: 'Biểu mẫu, mã hồ sơ và số hóa theo Thông tư 01/2018/TT-VPCP',
    legalBasis: [TT01_2018, TT01_2023],
    validFrom: '2019-01-08',
    validTo: '2025-09-14',
    rules: [
      formRule(FORMS_TT01_2018, `${TT01_2018}, Phụ lục (Mẫu số 01-06)`),
      { key: 'dossierCode.format', value: DOSSIER_CODE_PATTERN, clause: `${TT01_2018}, Điều 19` },
      { key: 'digitisation.reception', value: { required: true, exemptions: [] }, clause: `${ND107}; ${TT01_2023} (số hóa thành phần hồ sơ khi tiếp nhận)` },
    ],
  },
  {
    id: 'tt03-2025',
    family: 'forms',
    name: 'Biểu mẫu, mã hồ sơ và số hóa theo Thông tư 03/2025/TT-VPCP',
    legalBasis: [TT03_2025],
    validFrom: '2025-09-15',
    validTo: null,
    rules: [
      formRule(FORMS_TT03_2025, `${TT03_2025}, Phụ lục I (Mẫu số 01-07), áp dụng từ 15/9/2025`),
      { key: 'dossierCode.format', value: DOSSIER_CODE_PATTERN, clause: `${TT01_2018}, Điều 19, giữ lại: cấu trúc mã hồ sơ của ${TT03_2025} chưa đọc được` },
      {
        key: 'digitisation.reception',
        value: { required: true, exemptions: DIGITISATION_EXEMPTIONS },
        clause: `${TT03_2025}, Điều 5 (bốn trường hợp không sao chụp, số hóa)`,
      },
    ],
  },
  {
    id: 'paper-accepted',
    family: 'essential-paper',
    name: 'Tiếp nhận hồ sơ giấy cho các dịch vụ công thiết yếu',
    legalBasis: [ND61, ND118],
    validFrom: '2018-06-21',
    validTo: '2025-09-30',
    rules: [
      { key: 'essential.paperRefused', value: false, clause: `${ND61}, Điều 9; ${ND118} (nộp trực tiếp là một cách thức)` },
      {
        key: 'components.fromSource',
        value: false,
        clause: `${ND45_2020}; ${ND107} (nguyên tắc không yêu cầu nộp lại thông tin, giấy tờ đã có; chưa bắt buộc khai thác thay thế từng thành phần - điều khoản chưa đối chiếu, xem docs/decisions-paper.md)`,
      },
    ],
  },
  {
    id: 'ct24-2025',
    family: 'essential-paper',
    name: 'Không tiếp nhận hồ sơ giấy đối với 25 dịch vụ công thiết yếu (Chỉ thị 24/CT-TTg)',
    legalBasis: [CT24],
    validFrom: '2025-10-01',
    validTo: null,
    rules: [
      { key: 'essential.paperRefused', value: true, clause: `${CT24} ngày 13/9/2025 (từ 01/10/2025 không tiếp nhận hồ sơ giấy cho 25 dịch vụ công thiết yếu)` },
      {
        key: 'components.fromSource',
        value: true,
        clause: `${CT24} ngày 13/9/2025 (không yêu cầu xuất trình, nộp giấy tờ đã tích hợp trên VNeID hoặc có trong cơ sở dữ liệu; khai thác dữ liệu thay thế hồ sơ giấy); Công văn 159/TTg-CĐS ngày 13/2/2026`,
      },
    ],
  },
  {
    id: 'nd42-2022',
    family: 'online-levels',
    name: 'Mức độ dịch vụ công trực tuyến theo Nghị định 42/2022/NĐ-CP',
    legalBasis: [ND42],
    validFrom: '2022-08-01',
    validTo: '2026-06-30',
    rules: [{ key: 'online.levels', value: ['full', 'partial'], clause: `${ND42}, Điều 11 (toàn trình, một phần)` }],
  },
  {
    id: 'nd224-2026',
    family: 'online-levels',
    name: 'Dịch vụ công trực tuyến theo Nghị định 224/2026/NĐ-CP (thi hành Luật Chuyển đổi số)',
    legalBasis: [ND224, 'Luật Chuyển đổi số 148/2025/QH15'],
    validFrom: '2026-07-01',
    validTo: null,
    rules: [
      { key: 'online.levels', value: ['full', 'partial'], clause: `${ND224} (giữ toàn trình/một phần: chưa đọc được văn bản, xem docs/decisions-law.md)` },
      {
        key: 'online.proactiveLevels',
        value: ['1', '2', '3'],
        clause: `${ND224} (dịch vụ công trực tuyến chủ động mức 1-3, theo dự thảo; chưa đọc được văn bản chính thức)`,
      },
    ],
  },
];

const FORM_SETS: Record<string, readonly FormDef[]> = { 'tt01-2018': FORMS_TT01_2018, 'tt03-2025': FORMS_TT03_2025 };

/** Vietnam civil date (UTC+7) of an instant, or the date itself. */
export function civilDate(at: Date | CivilDate): CivilDate {
  if (typeof at === 'string') return at;
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function isCivilDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function inForce(set: Pick<RuleSet, 'validFrom' | 'validTo'>, date: CivilDate): boolean {
  return set.validFrom <= date && (set.validTo == null || date <= set.validTo);
}

/** The rule sets in force on a date (Vietnam time), one per family at most. */
export function rulesAt(at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): RuleSet[] {
  const d = civilDate(at);
  return sets.filter((s) => inForce(s, d));
}

export function ruleAt(key: string, at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): (Rule & { ruleSetId: string }) | null {
  for (const s of rulesAt(at, sets)) {
    const r = s.rules.find((x) => x.key === key);
    if (r) return { ...r, ruleSetId: s.id };
  }
  return null;
}

/** The value of a rule on a date, or undefined when no set in force has it. */
export function ruleValue(key: string, at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): RuleValue | undefined {
  return ruleAt(key, at, sets)?.value;
}

/** The forms of the form set in force on a date (none before TT 01/2018 took effect). */
export function formsAt(at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): readonly FormDef[] {
  const set = rulesAt(at, sets).find((s) => s.family === 'forms');
  return set ? (FORM_SETS[set.id] ?? []) : [];
}

/**
 * The transitional rule: a dossier is judged by the rules in force on the Vietnam civil date it
 * was received (submitted, while not yet received), for every family - the one-stop decree, the
 * forms, the paper channel and the online level. Acts apply to what happens while they are in
 * force (Luật Ban hành văn bản quy phạm pháp luật 2015, Điều 156 khoản 1); the transitional
 * articles of NĐ 118/2025 and TT 03/2025 could not be read (docs/decisions-law.md).
 */
export function rulesForDossier(
  d: { receivedAt: Date | null; submittedAt: Date },
  sets: readonly RuleSet[] = RULE_SETS,
): { date: CivilDate; ruleSets: RuleSet[]; forms: readonly FormDef[] } {
  const date = civilDate(d.receivedAt ?? d.submittedAt);
  return { date, ruleSets: rulesAt(date, sets), forms: formsAt(date, sets) };
}

/** Directive 24/CT-TTg: from 1/10/2025 the 25 essential services take no paper dossier. */
export function paperRefusedFor(procedureIsEssential: boolean, at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): boolean {
  return procedureIsEssential && ruleValue('essential.paperRefused', at, sets) === true;
}

/** From 1/10/2025 a component that names a data source is fetched from it, not asked for (Directive 24/CT-TTg). */
export function componentsFromSourceAt(at: Date | CivilDate, sets: readonly RuleSet[] = RULE_SETS): boolean {
  return ruleValue('components.fromSource', at, sets) === true;
}

export type RuleSetProblem =
  | { key: 'rules.overlap'; params: { family: string; a: string; b: string; from: string; to: string } }
  | { key: 'rules.period_invalid'; params: { id: string; from: string; to: string } }
  | { key: 'rules.duplicate_id'; params: { id: string } }
  | { key: 'rules.duplicate_key'; params: { id: string; rule: string } }
  | { key: 'rules.clause_missing'; params: { id: string; rule: string } };

/** Everything wrong with a list of rule sets; empty when the data is sound. */
export function checkRuleSets(sets: readonly RuleSet[]): RuleSetProblem[] {
  const problems: RuleSetProblem[] = [];
  const ids = new Set<string>();
  for (const s of sets) {
    if (ids.has(s.id)) problems.push({ key: 'rules.duplicate_id', params: { id: s.id } });
    ids.add(s.id);
    if (!isCivilDate(s.validFrom) || (s.validTo != null && (!isCivilDate(s.validTo) || s.validTo < s.validFrom))) {
      problems.push({ key: 'rules.period_invalid', params: { id: s.id, from: s.validFrom, to: s.validTo ?? '…' } });
    }
    const keys = new Set<string>();
    for (const r of s.rules) {
      if (keys.has(r.key)) problems.push({ key: 'rules.duplicate_key', params: { id: s.id, rule: r.key } });
      keys.add(r.key);
      if (!r.clause.trim()) problems.push({ key: 'rules.clause_missing', params: { id: s.id, rule: r.key } });
    }
  }
  for (const family of new Set(sets.map((s) => s.family))) {
    const list = sets.filter((s) => s.family === family).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const aEnd = a.validTo ?? '9999-12-31';
        const bEnd = b.validTo ?? '9999-12-31';
        if (b.validFrom <= aEnd && a.validFrom <= bEnd) {
          problems.push({ key: 'rules.overlap', params: { family, a: a.id, b: b.id, from: b.validFrom, to: aEnd < bEnd ? aEnd : bEnd } });
        }
      }
    }
  }
  return problems;
}
