/**
 * Small builders for the demo procedures: e-form fields (JSON Schema + JSON Forms uiSchema built
 * from one definition, so every Control points to a property), internal processes whose step
 * durations add up to the processing time, and common fee/field/legal snippets.
 */
import type { TimeLimit } from '../../../platform/calendar/types';
import type { Role } from '../../../platform/auth';
import type { InternalProcess, ProcessStep, StepUnit } from '../process';
import type { ComponentSpec, EFormDefinition, FeeSpec } from '../snapshot';
import { DEMO } from '../../units/demo';
import { DEMO_FORM_ENGLISH } from './english';

type Schema = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Field schemas

export const str = (title: string, extra: Schema = {}): Schema => ({ type: 'string', title, ...extra });
export const text = (title: string, extra: Schema = {}): Schema => ({ type: 'string', title, maxLength: 2000, ...extra });
export const date = (title: string, extra: Schema = {}): Schema => ({ type: 'string', format: 'date', title, ...extra });
export const int = (title: string, extra: Schema = {}): Schema => ({ type: 'integer', title, ...extra });
export const num = (title: string, extra: Schema = {}): Schema => ({ type: 'number', title, ...extra });
export const bool = (title: string, extra: Schema = {}): Schema => ({ type: 'boolean', title, ...extra });
/** A choice with Vietnamese labels: `oneOf: [{ const, title }]`. */
export const choice = (title: string, options: [string, string][], extra: Schema = {}): Schema => ({
  type: 'string',
  title,
  oneOf: options.map(([c, t]) => ({ const: c, title: t })),
  ...extra,
});
export const prefill = (schema: Schema, source: string): Schema => ({ ...schema, 'x-prefill': source });

export const PERSONAL_ID = { pattern: '^[0-9]{12}$', description: 'Số định danh cá nhân (12 chữ số, in trên thẻ căn cước).' };
export const PHONE = { pattern: '^0[0-9]{9}$', description: 'Số điện thoại di động 10 chữ số để nhận tin nhắn về hồ sơ.' };
export const TAX_CODE = { pattern: '^[0-9]{10}(-[0-9]{3})?$', description: 'Mã số thuế 10 số (hoặc 13 số đối với đơn vị phụ thuộc).' };

export const GENDER = choice('Giới tính', [
  ['nam', 'Nam'],
  ['nu', 'Nữ'],
]);
export const ETHNICITY = str('Dân tộc', { default: 'Kinh', maxLength: 50 });
export const NATIONALITY = str('Quốc tịch', { default: 'Việt Nam', maxLength: 50 });

export const RESULT_DELIVERY = choice(
  'Hình thức nhận kết quả',
  [
    ['truc-tiep', 'Nhận trực tiếp tại Bộ phận Một cửa'],
    ['buu-chinh', 'Nhận qua dịch vụ bưu chính công ích'],
    ['dien-tu', 'Nhận bản điện tử trên Cổng Dịch vụ công / kho dữ liệu cá nhân'],
  ],
  { default: 'dien-tu' },
);

// ---------------------------------------------------------------------------------------------
// E-form definition: sections of fields -> JSON Schema + JSON Forms uiSchema

export interface FieldDef {
  key: string;
  schema: Schema;
  required?: boolean;
  /** Shown only when another field has the given value (JSON Forms rule SHOW). */
  showIf?: { field: string; equals: string | boolean | number };
  /** Required when shown (only meaningful with showIf). */
  requiredWhenShown?: boolean;
  multiline?: boolean;
}

export interface SectionDef {
  label: string;
  fields: FieldDef[];
}

/**
 * What a field of a given pattern must look like, said to the person when the value does not match ({label} is the
 * field's label): "Số định danh cá nhân gồm 12 chữ số." rather than "không đúng định dạng". Keyed by the pattern.
 */
export const PATTERN_MESSAGES: Readonly<Record<string, [vi: string, en: string]>> = {
  '^[0-9]{12}$': ['{label} gồm 12 chữ số.', '{label} must have 12 digits.'],
  '^0[0-9]{9}$': ['{label} gồm 10 chữ số, bắt đầu bằng số 0, ví dụ 0912345678.', '{label} must have 10 digits starting with 0, for example 0912345678.'],
  '^[0-9]{10}(-[0-9]{3})?$': [
    '{label} gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số đối với đơn vị phụ thuộc (ví dụ 6300123456-001).',
    '{label} must have 10 digits, or 10 digits, a hyphen and 3 digits for a dependent unit (for example 6300123456-001).',
  ],
  '^[0-9]{10}$': ['{label} gồm 10 chữ số.', '{label} must have 10 digits.'],
  '^[0-9]{9}$': ['{label} gồm 9 chữ số.', '{label} must have 9 digits.'],
  '^[0-9]{6,20}$': ['{label} gồm từ 6 đến 20 chữ số.', '{label} must have 6 to 20 digits.'],
  '^[0-9]{1,4}$': ['{label} chỉ gồm chữ số (nhiều nhất 4 chữ số).', '{label} must be digits only (at most 4).'],
  '^[0-9]{1,5}$': ['{label} chỉ gồm chữ số (nhiều nhất 5 chữ số).', '{label} must be digits only (at most 5).'],
  '^([01][0-9]|2[0-3]):[0-5][0-9]$': ['{label} ghi theo dạng giờ:phút, ví dụ 08:30.', '{label} must be written as hours:minutes, for example 08:30.'],
  '^[A-Z0-9-]{5,20}$': [
    '{label} gồm 5 đến 20 ký tự: chữ in hoa không dấu, chữ số hoặc dấu gạch ngang.',
    '{label} must have 5 to 20 characters: capital letters, digits or hyphens.',
  ],
  '^[A-Z0-9]{6,12}$': ['{label} gồm 6 đến 12 ký tự: chữ in hoa không dấu hoặc chữ số.', '{label} must have 6 to 12 characters: capital letters or digits.'],
};

const english = (vi: unknown): string | undefined => (typeof vi === 'string' ? DEMO_FORM_ENGLISH[vi] : undefined);

/** A field's schema with its English label, hint and option labels (english.ts) and, for a pattern, what a right value looks like. */
function withEnglish(schema: Schema): Schema {
  const out: Schema = { ...schema };
  const title = english(schema.title);
  if (title) out['x-title-en'] = title;
  const hint = english(schema.description);
  if (hint) out['x-description-en'] = hint;
  if (Array.isArray(schema.oneOf))
    out.oneOf = (schema.oneOf as Schema[]).map((a) => {
      const en = english(a.title);
      return en ? { ...a, 'x-title-en': en } : a;
    });
  const pattern = typeof schema.pattern === 'string' ? PATTERN_MESSAGES[schema.pattern] : undefined;
  if (pattern && schema['x-errorMessage'] === undefined) {
    out['x-errorMessage'] = pattern[0];
    out['x-errorMessage-en'] = pattern[1];
  }
  return out;
}

export function eform(sections: SectionDef[]): EFormDefinition {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const allOf: Schema[] = [];
  const groups: Schema[] = [];
  for (const section of sections) {
    const elements: Schema[] = [];
    for (const f of section.fields) {
      if (properties[f.key]) throw new Error(`duplicate e-form field ${f.key}`);
      properties[f.key] = withEnglish(f.schema);
      if (f.required && !f.showIf) required.push(f.key);
      const control: Schema = { type: 'Control', scope: `#/properties/${f.key}` };
      if (f.multiline) control.options = { multi: true };
      if (f.showIf) {
        control.rule = {
          effect: 'SHOW',
          condition: { scope: `#/properties/${f.showIf.field}`, schema: { const: f.showIf.equals } },
        };
        if (f.requiredWhenShown) {
          allOf.push({
            if: { properties: { [f.showIf.field]: { const: f.showIf.equals } }, required: [f.showIf.field] },
            then: { required: [f.key] },
          });
        }
      }
      elements.push(control);
    }
    const labelEn = english(section.label);
    groups.push(labelEn ? { type: 'Group', label: section.label, 'x-label-en': labelEn, elements } : { type: 'Group', label: section.label, elements });
  }
  const schema: Schema = { type: 'object', properties, required };
  if (allOf.length) schema.allOf = allOf;
  return { schema, uiSchema: { type: 'VerticalLayout', elements: groups } };
}

/** The person who submits (người yêu cầu / người nộp hồ sơ), prefilled from the VNeID identity. */
export function applicantFields(opts: { relation?: [string, string][]; label?: string } = {}): SectionDef {
  const fields: FieldDef[] = [
    { key: 'applicantName', schema: prefill(str('Họ, chữ đệm, tên người yêu cầu', { minLength: 2, maxLength: 100 }), 'applicant.name'), required: true },
    { key: 'applicantPersonalId', schema: prefill(str('Số định danh cá nhân', PERSONAL_ID), 'applicant.personalId'), required: true },
    { key: 'applicantBirthDate', schema: prefill(date('Ngày sinh'), 'applicant.birthDate') },
    { key: 'applicantAddress', schema: prefill(str('Nơi cư trú', { maxLength: 300 }), 'applicant.address'), required: true },
    { key: 'applicantPhone', schema: prefill(str('Số điện thoại', PHONE), 'applicant.phone'), required: true },
    {
      key: 'applicantEmail',
      schema: prefill(str('Thư điện tử', { format: 'email', description: 'Không bắt buộc; dùng để nhận thông báo.' }), 'applicant.email'),
    },
  ];
  if (opts.relation) {
    fields.push({ key: 'applicantRelation', schema: choice('Quan hệ với người được đăng ký', opts.relation), required: true });
  }
  return { label: opts.label ?? 'Thông tin người yêu cầu', fields };
}

/** The organisation (business) that applies, prefilled from the business account. */
export function orgFields(label = 'Thông tin tổ chức'): SectionDef {
  return {
    label,
    fields: [
      { key: 'orgName', schema: prefill(str('Tên tổ chức, doanh nghiệp', { maxLength: 250 }), 'org.name'), required: true },
      { key: 'orgTaxCode', schema: prefill(str('Mã số thuế / mã số doanh nghiệp', TAX_CODE), 'org.taxCode'), required: true },
      { key: 'orgAddress', schema: str('Địa chỉ trụ sở chính', { maxLength: 300 }), required: true },
      { key: 'orgRepresentative', schema: prefill(str('Người đại diện theo pháp luật', { maxLength: 100 }), 'applicant.name'), required: true },
      { key: 'orgPhone', schema: prefill(str('Điện thoại liên hệ', PHONE), 'applicant.phone'), required: true },
      { key: 'orgEmail', schema: prefill(str('Thư điện tử', { format: 'email' }), 'applicant.email') },
    ],
  };
}

export function deliverySection(): SectionDef {
  return {
    label: 'Nhận kết quả',
    fields: [
      { key: 'resultDelivery', schema: RESULT_DELIVERY, required: true },
      {
        key: 'deliveryAddress',
        schema: str('Địa chỉ nhận kết quả qua bưu chính', { maxLength: 300 }),
        showIf: { field: 'resultDelivery', equals: 'buu-chinh' },
        requiredWhenShown: true,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Internal processes

export const HOURS_PER_DAY = 8;

export function toHours(t: TimeLimit): number {
  if (t.unit === 'working_hours') return t.value;
  if (t.unit === 'working_days') return t.value * HOURS_PER_DAY;
  return t.value * HOURS_PER_DAY; // calendar days are not used by the demo data
}

function limit(hours: number): TimeLimit {
  return hours % HOURS_PER_DAY === 0 ? { value: hours / HOURS_PER_DAY, unit: 'working_days' } : { value: hours, unit: 'working_hours' };
}

export const days = (value: number): TimeLimit => ({ value, unit: 'working_days' });
export const hours = (value: number): TimeLimit => ({ value, unit: 'working_hours' });

export interface ExtraStep {
  key: string;
  name: string;
  nameEn: string;
  role?: Role;
  /** A DEMO unit id (liên thông) or the deciding agency. */
  unit: StepUnit;
  hours: number;
}

/**
 * A standard one-stop process: reception -> (specialist appraisal) -> [extra steps, e.g. liên
 * thông with another agency] -> leader approval. The specialist gets what remains, so the step
 * durations add up exactly to `total`.
 */
export function standardProcess(
  total: TimeLimit,
  opts: { extra?: ExtraStep[]; specialistName?: string; specialistNameEn?: string; leaderUnit?: StepUnit } = {},
): InternalProcess {
  const totalH = toHours(total);
  const extra = opts.extra ?? [];
  const extraH = extra.reduce((s, e) => s + e.hours, 0);
  let receptionH: number;
  let leaderH: number;
  if (totalH <= 8) {
    receptionH = totalH / 4;
    leaderH = totalH / 4;
  } else if (totalH <= 24) {
    receptionH = 2;
    leaderH = 4;
  } else {
    receptionH = 4;
    leaderH = 8;
  }
  const specialistH = totalH - receptionH - leaderH - extraH;
  if (specialistH <= 0) throw new Error(`process steps exceed processing time (${totalH}h)`);
  const steps: ProcessStep[] = [
    {
      key: 'tiep-nhan',
      name: 'Tiếp nhận, kiểm tra và số hóa hồ sơ',
      nameEn: 'Receive, check and digitize the dossier',
      role: 'reception',
      unit: { kind: 'receiving' },
      duration: limit(receptionH),
    },
    {
      key: 'tham-dinh',
      name: opts.specialistName ?? 'Thẩm định hồ sơ, dự thảo kết quả',
      nameEn: opts.specialistNameEn ?? 'Appraise the dossier and draft the result',
      role: 'specialist',
      unit: { kind: 'deciding' },
      duration: limit(specialistH),
    },
    ...extra.map<ProcessStep>((e) => ({ key: e.key, name: e.name, nameEn: e.nameEn, role: e.role ?? 'specialist', unit: e.unit, duration: limit(e.hours) })),
    {
      key: 'phe-duyet',
      name: 'Lãnh đạo xem xét, ký duyệt kết quả',
      nameEn: 'Leader reviews and signs the result',
      role: 'leader',
      unit: opts.leaderUnit ?? { kind: 'deciding' },
      duration: limit(leaderH),
      approval: true,
    },
  ];
  return { steps };
}

export const unit = (unitId: string): StepUnit => ({ kind: 'unit', unitId });
export { DEMO };

// ---------------------------------------------------------------------------------------------
// Common snippets

export const FIELD = {
  hoTich: { code: 'HT', name: 'Hộ tịch', nameEn: 'Civil status' },
  chungThuc: { code: 'CT', name: 'Chứng thực', nameEn: 'Authentication' },
  lyLichTuPhap: { code: 'LLTP', name: 'Lý lịch tư pháp', nameEn: 'Criminal records' },
  cuTru: { code: 'CTRU', name: 'Đăng ký, quản lý cư trú', nameEn: 'Residence registration' },
  canCuoc: { code: 'CC', name: 'Cấp, quản lý căn cước', nameEn: 'Identity cards' },
  xuatNhapCanh: { code: 'XNC', name: 'Quản lý xuất nhập cảnh', nameEn: 'Immigration' },
  dangKyXe: { code: 'DKX', name: 'Đăng ký, quản lý phương tiện giao thông cơ giới đường bộ', nameEn: 'Vehicle registration' },
  conDau: { code: 'CD', name: 'Đăng ký, quản lý con dấu', nameEn: 'Seals' },
  duongBo: { code: 'DB', name: 'Đường bộ', nameEn: 'Road transport' },
  giaoDuc: { code: 'GDDT', name: 'Giáo dục và Đào tạo', nameEn: 'Education' },
  viecLam: { code: 'VL', name: 'Việc làm', nameEn: 'Employment' },
  baoTroXaHoi: { code: 'BTXH', name: 'Bảo trợ xã hội', nameEn: 'Social protection' },
  datDai: { code: 'DD', name: 'Đất đai', nameEn: 'Land' },
  hoKinhDoanh: { code: 'HKD', name: 'Thành lập và hoạt động của hộ kinh doanh', nameEn: 'Household businesses' },
  doanhNghiep: { code: 'DN', name: 'Thành lập và hoạt động của doanh nghiệp', nameEn: 'Enterprises' },
  xayDung: { code: 'XD', name: 'Hoạt động xây dựng', nameEn: 'Construction' },
} as const;

export const LEGAL = {
  luatHoTich: 'Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014',
  nd123: 'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  nd120_2025:
    'Nghị định số 120/2025/NĐ-CP ngày 11/6/2025 quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
  tt04_2020: 'Thông tư số 04/2020/TT-BTP ngày 28/5/2020 quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP',
  tt04_2024: 'Thông tư số 04/2024/TT-BTP ngày 06/6/2024 sửa đổi, bổ sung một số điều của Thông tư số 04/2020/TT-BTP',
  tt85_2019: 'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh',
  tt281_2016:
    'Thông tư số 281/2016/TT-BTC ngày 14/11/2016 quy định mức thu, chế độ thu, nộp phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người gốc Việt Nam, lệ phí quốc tịch',
  nd63_2024:
    'Nghị định số 63/2024/NĐ-CP ngày 10/6/2024 quy định việc thực hiện liên thông điện tử 02 nhóm thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất',
  luatCuTru: 'Luật Cư trú số 68/2020/QH14 ngày 13/11/2020',
  nd154: 'Nghị định số 154/2024/NĐ-CP ngày 26/11/2024 quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú',
  tt55: 'Thông tư số 55/2021/TT-BCA ngày 15/5/2021 quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú (được sửa đổi bởi Thông tư số 66/2023/TT-BCA)',
  tt56: 'Thông tư số 56/2021/TT-BCA ngày 15/5/2021 quy định về biểu mẫu trong đăng ký, quản lý cư trú (được sửa đổi bởi Thông tư số 66/2023/TT-BCA)',
  tt75_2022: 'Thông tư số 75/2022/TT-BTC ngày 22/12/2022 quy định mức thu, chế độ thu, nộp, quản lý và sử dụng lệ phí đăng ký cư trú',
  nd23_2015:
    'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
  tt01_2020: 'Thông tư số 01/2020/TT-BTP ngày 03/3/2020 quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP',
  tt226_2016: 'Thông tư số 226/2016/TT-BTC ngày 11/11/2016 quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
  luatDatDai: 'Luật Đất đai số 31/2024/QH15 ngày 18/01/2024',
  nd101_2024:
    'Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và hệ thống thông tin đất đai',
  nd151_2025:
    'Nghị định số 151/2025/NĐ-CP ngày 12/6/2025 quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai',
  nd140_2025:
    'Nghị định số 140/2025/NĐ-CP ngày 12/6/2025 quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
  nd103_2024: 'Nghị định số 103/2024/NĐ-CP ngày 30/7/2024 quy định về tiền sử dụng đất, tiền thuê đất',
  nd10_2022: 'Nghị định số 10/2022/NĐ-CP ngày 15/01/2022 quy định về lệ phí trước bạ',
  nd01_2021: 'Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 về đăng ký doanh nghiệp',
  nd168_2025: 'Nghị định số 168/2025/NĐ-CP ngày 30/6/2025 về đăng ký doanh nghiệp',
  tt02_2023: 'Thông tư số 02/2023/TT-BKHĐT ngày 18/4/2023 sửa đổi, bổ sung một số điều của Thông tư số 01/2021/TT-BKHĐT hướng dẫn về đăng ký doanh nghiệp',
  tt47_2019:
    'Thông tư số 47/2019/TT-BTC ngày 05/8/2019 quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp',
  luatDoanhNghiep: 'Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020',
  tt106_2021: 'Thông tư số 106/2021/TT-BTC ngày 26/11/2021 sửa đổi, bổ sung Thông tư số 281/2016/TT-BTC (giảm phí khi nộp hồ sơ trực tuyến)',
  tt63_2023: 'Thông tư số 63/2023/TT-BTC ngày 16/10/2023 quy định mức thu một số khoản phí, lệ phí nhằm khuyến khích sử dụng dịch vụ công trực tuyến',
  nd42_2022:
    'Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng',
} as const;

export const HO_TICH_EXEMPTION = 'Miễn lệ phí cho người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật (Điều 11 Luật Hộ tịch)';

/** A dossier component: `o` originals, `c` copies. */
export function comp(
  key: string,
  name: string,
  o: number,
  c: number,
  opts: { optional?: boolean; doc?: string; source?: ComponentSpec['dataSource'] } = {},
): ComponentSpec {
  const spec: ComponentSpec = { key, name, originals: o, copies: c, optional: opts.optional ?? false };
  if (opts.doc) spec.documentType = opts.doc;
  if (opts.source) spec.dataSource = opts.source;
  return spec;
}

export function fee(
  key: string,
  name: string,
  amount: number,
  opts: { kind?: 'fee' | 'charge'; online?: number; exemption?: string } & Pick<FeeSpec, 'when' | 'perUnit' | 'exemptWhen' | 'basis'> = {},
): FeeSpec {
  const spec: FeeSpec = { key, name, kind: opts.kind ?? 'charge', amount };
  if (opts.online !== undefined) spec.onlineAmount = opts.online;
  if (opts.exemption) spec.exemption = opts.exemption;
  if (opts.when) spec.when = opts.when;
  if (opts.perUnit) spec.perUnit = opts.perUnit;
  if (opts.exemptWhen) spec.exemptWhen = opts.exemptWhen;
  if (opts.basis) spec.basis = opts.basis;
  return spec;
}

/** Điều 11 khoản 1 điểm a Luật Hộ tịch 2014: the e-form question and the exemption it grants. */
export const HO_TICH_EXEMPT_FIELD = {
  key: 'feeExempt',
  schema: {
    type: 'boolean',
    title: 'Người được đăng ký thuộc gia đình có công với cách mạng, thuộc hộ nghèo hoặc là người khuyết tật (được miễn lệ phí)',
    default: false,
  },
};
export const HO_TICH_EXEMPT_WHEN = [{ field: 'feeExempt', is: true }];
export const ART11 = 'Điều 11 Luật Hộ tịch số 60/2014/QH13';

/** "Giấy tờ tùy thân" is shown, not submitted, when the person logs in with VNeID level 2. */
/** `fromPopulation`: the identity data is taken from the national population database (Chỉ thị 24/CT-TTg). */
export const ID_CARD = (opts: { optional?: boolean; fromPopulation?: boolean } = {}) =>
  comp(
    'giay-to-tuy-than',
    'Thẻ căn cước / căn cước công dân hoặc hộ chiếu của người yêu cầu (xuất trình; không phải nộp khi đã xác thực bằng tài khoản định danh điện tử mức 2)',
    1,
    0,
    {
      optional: opts.optional ?? true,
      doc: 'can-cuoc',
      ...(opts.fromPopulation ? { source: { source: 'population' as const, kind: 'identity' } } : {}),
    },
  );
export const AUTHORISATION = comp('van-ban-uy-quyen', 'Văn bản ủy quyền được chứng thực (trường hợp ủy quyền nộp hồ sơ)', 1, 0, {
  optional: true,
  doc: 'van-ban-uy-quyen',
});
