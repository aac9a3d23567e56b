/**
 * The authorization matrix as data (issue 14 item 4): for each officer action or read, which
 * roles may do it and where the role must be held relative to the unit the action is about.
 * docs/authorization.md is rendered from it (renderAuthorizationDoc; authz-matrix.test.ts checks
 * the file is current) and src/modules/identity/authz-matrix.db.test.ts runs every role x
 * relation x entry through HTTP.
 *
 * Relations of the unit where the officer holds the role to the unit of the action:
 *   same      - the unit itself;
 *   above     - its parent (any ancestor, and a successor of a merged unit, behaves the same);
 *   below     - a unit under it;
 *   elsewhere - a unit neither above nor below it.
 */
import { ROLES, type Role } from '../../platform/auth';

export const RELATIONS = ['same', 'above', 'below', 'elsewhere'] as const;
export type Relation = (typeof RELATIONS)[number];

export type Area = 'dossiers' | 'petitions' | 'payments' | 'indicators' | 'identity' | 'units' | 'catalogue' | 'settings';

export interface Refusal {
  status: number;
  key: string;
}

export interface MatrixEntry {
  key: string;
  area: Area;
  /** The request the entry is about (the matrix test sends it). */
  request: string;
  does: { vi: string; en: string };
  /** The unit the action is about. */
  unit: { vi: string; en: string };
  roles: readonly Role[];
  /** Where one of `roles` must be held. */
  at: readonly Relation[];
  /** Relations that do not exist for this unit (the root has nothing above it, nor beside it). */
  none?: readonly Relation[];
  /** The answer to an officer without any of `roles`, and to one holding them at the wrong unit. */
  refused: { role: Refusal; unit: Refusal };
  /** Roles that may see the object at these relations but not do this: their (different) refusal. */
  seers?: { roles: readonly Role[]; at: readonly Relation[]; refusal: Refusal };
  /** Why: the legal clause or the design decision. */
  basis: string;
}

const ALL: readonly Role[] = ROLES;
const WATCHERS: readonly Role[] = ['monitor', 'leader', 'admin'];
const PETITION_SEERS: readonly Role[] = ['reception', 'specialist', 'leader', 'controller', 'monitor', 'admin'];
const PETITION_HANDLERS: readonly Role[] = ['reception', 'specialist', 'leader', 'controller'];
const COVERING: readonly Relation[] = ['same', 'above'];
const ROOT_ONLY: readonly Relation[] = ['above', 'elsewhere'];

const FORBIDDEN: Refusal = { status: 403, key: 'error.forbidden' };
const WRONG_UNIT: Refusal = { status: 403, key: 'identity.error.wrong_unit' };
const DOSSIER_HIDDEN: Refusal = { status: 404, key: 'dossier.not_found' };
const PETITION_HIDDEN: Refusal = { status: 404, key: 'feedback.error.not_found' };

const DOSSIER_UNIT = { vi: 'cơ quan tiếp nhận và giải quyết hồ sơ (UBND Phường I)', en: "the dossier's receiving and deciding unit (UBND Phường I)" };
const COMMUNE = { vi: 'xã, phường (Phường I)', en: 'a commune (Phường I)' };
const PETITION_UNIT = { vi: 'cơ quan được phản ánh (UBND Phường I)', en: 'the unit the petition is about (UBND Phường I)' };
const PROVINCE = { vi: 'tỉnh (đơn vị gốc)', en: 'the province (root unit)' };
const PROVINCIAL = { vi: 'cơ quan cấp tỉnh (Văn phòng UBND)', en: "a provincial agency (the People's Committee Office)" };
const PROVINCE_LEVEL_BASIS =
  'The province acts as a whole through its own agencies (requireProvinceLevelRole): the role held at the root or at an agency directly under it; a commune officer with the same role is refused.';

export const MATRIX: readonly MatrixEntry[] = [
  {
    key: 'dossier.read',
    area: 'dossiers',
    request: 'GET /api/v1/dossiers/:id',
    does: { vi: 'Xem hồ sơ', en: 'Read a dossier' },
    unit: DOSSIER_UNIT,
    roles: ALL,
    at: COVERING,
    refused: { role: DOSSIER_HIDDEN, unit: DOSSIER_HIDDEN },
    basis:
      'An officer of a unit the dossier passes through, or of a unit above it (oversight). A dossier that is not theirs answers 404, as for a citizen (no existence oracle). dossiers/service/read.ts canSeeDossier.',
  },
  {
    key: 'dossier.receive',
    area: 'dossiers',
    request: 'POST /api/v1/dossiers/:id/actions/receive',
    does: { vi: 'Tiếp nhận hồ sơ', en: 'Receive a dossier' },
    unit: DOSSIER_UNIT,
    roles: ['reception'],
    at: ['same'],
    refused: { role: DOSSIER_HIDDEN, unit: DOSSIER_HIDDEN },
    seers: { roles: ALL, at: COVERING, refusal: FORBIDDEN },
    basis:
      "Receiving is the one-stop desk's own act at the unit the procedure names (Decree 118/2025/NĐ-CP, one-stop reception); a unit above does not receive for it. Steps of the process are bound to the exact unit of the step (dossiers/model/actions.ts); docs/decisions-authorization.md.",
  },
  {
    key: 'dossier.register',
    area: 'dossiers',
    request: 'GET /api/v1/units/:unitId/dossier-register.pdf',
    does: { vi: 'In sổ theo dõi hồ sơ của đơn vị', en: "Print a unit's dossier register" },
    unit: DOSSIER_UNIT,
    roles: ALL,
    at: COVERING,
    refused: { role: WRONG_UNIT, unit: WRONG_UNIT },
    basis: "The register (Form 07, Circular 03/2025/TT-VPCP) is the unit's: its officers and those above it.",
  },
  {
    key: 'payment.list',
    area: 'payments',
    request: 'GET /api/v1/dossiers/:id/payments',
    does: { vi: 'Xem các khoản thanh toán của hồ sơ', en: "Read a dossier's payments" },
    unit: DOSSIER_UNIT,
    roles: ALL,
    at: COVERING,
    refused: { role: DOSSIER_HIDDEN, unit: DOSSIER_HIDDEN },
    basis: 'Whoever may read the dossier (canSeeDossier).',
  },
  {
    key: 'payment.reconciliations',
    area: 'payments',
    request: 'GET /api/v1/payments/reconciliations',
    does: { vi: 'Xem kết quả đối soát thanh toán', en: 'Read payment reconciliations' },
    unit: PROVINCE,
    roles: ['monitor', 'admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'Reconciliation covers every payment of the province: a monitor or administrator of the province.',
  },
  {
    key: 'petition.read',
    area: 'petitions',
    request: 'GET /api/v1/petitions/:id',
    does: { vi: 'Xem phản ánh, kiến nghị', en: 'Read a petition' },
    unit: PETITION_UNIT,
    roles: PETITION_SEERS,
    at: COVERING,
    refused: { role: PETITION_HIDDEN, unit: PETITION_HIDDEN },
    basis: 'The unit the petition is about and the units above it (Decree 20/2008/NĐ-CP on petitions about administrative regulations).',
  },
  {
    key: 'petition.request_info',
    area: 'petitions',
    request: 'POST /api/v1/petitions/:id/request_info',
    does: { vi: 'Đề nghị bổ sung thông tin phản ánh', en: 'Ask the petitioner for more information' },
    unit: PETITION_UNIT,
    roles: PETITION_HANDLERS,
    at: COVERING,
    refused: { role: PETITION_HIDDEN, unit: PETITION_HIDDEN },
    seers: { roles: PETITION_SEERS, at: COVERING, refusal: { status: 403, key: 'feedback.error.wrong_unit' } },
    basis: 'Handlers at the unit or above it; oversight roles read but do not handle (403 once they can see it, 404 otherwise).',
  },
  {
    key: 'indicators.records',
    area: 'indicators',
    request: 'GET /api/v1/indicators/:key/records?unit=',
    does: { vi: 'Xem chi tiết hồ sơ làm mất điểm chỉ số', en: 'Drill down into the records behind an indicator' },
    unit: COMMUNE,
    roles: WATCHERS,
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis:
      "The records behind a unit's Decision 766 figures are the unit's: its leaders, monitors and administrators, and those above it. The index totals stay public.",
  },
  // indicators.at_stake is not in the matrix yet: its scope (indicators/scope.ts) lets the leader of a
  // people's committee watch the commune it leads, which the same/above relations here cannot say.
  {
    key: 'identity.officer.read',
    area: 'identity',
    request: 'GET /quan-tri/tai-khoan/:id',
    does: { vi: 'Xem tài khoản cán bộ', en: "Read an officer's account" },
    unit: { vi: 'đơn vị của vai trò được giao cho cán bộ đó (Phường I)', en: "the unit of the officer's grant (Phường I)" },
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'An administrator manages the accounts whose every grant lies in the units their admin role covers (identity/service.ts mayManage).',
  },
  {
    key: 'identity.officer.lock',
    area: 'identity',
    request: 'POST /quan-tri/tai-khoan/:id/khoa',
    does: { vi: 'Khóa tài khoản cán bộ', en: "Lock an officer's account" },
    unit: { vi: 'đơn vị của vai trò được giao cho cán bộ đó (Phường I)', en: "the unit of the officer's grant (Phường I)" },
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'As identity.officer.read.',
  },
  {
    key: 'identity.officer.create',
    area: 'identity',
    request: 'POST /quan-tri/tai-khoan/moi',
    does: { vi: 'Tạo tài khoản cán bộ có vai trò tại đơn vị', en: 'Create an officer account with a role at the unit' },
    unit: COMMUNE,
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'An administrator grants roles only at the units their admin role covers.',
  },
  {
    key: 'units.rename',
    area: 'units',
    request: 'POST /api/v1/units/:id/rename',
    does: { vi: 'Đổi tên đơn vị', en: 'Rename a unit' },
    unit: { vi: 'đơn vị được đổi tên (UBND Phường I), vào ngày hiệu lực', en: 'the unit renamed (UBND Phường I), on the effective date' },
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: { status: 403, key: 'units.error.not_your_unit' } },
    basis: 'An administrator changes the units their grant covers on the effective date of the change (units/service.ts assertAdminOver).',
  },
  {
    key: 'settings.feedback',
    area: 'settings',
    request: 'PUT /api/v1/feedback/settings',
    does: { vi: 'Thay đổi thời hạn xử lý phản ánh, đánh giá', en: 'Change the petition and rating deadlines' },
    unit: PROVINCE,
    roles: ['admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: "Settings are the whole province's: an administrator of the province.",
  },
  {
    key: 'settings.indicators',
    area: 'settings',
    request: 'PUT /api/v1/indicators/settings/:key',
    does: { vi: 'Thay đổi điểm, ngưỡng của chỉ số', en: "Change an indicator's points or threshold" },
    unit: PROVINCE,
    roles: ['admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'As settings.feedback.',
  },
  {
    key: 'settings.outbox',
    area: 'settings',
    request: 'GET /api/v1/admin/outbox',
    does: { vi: 'Xem hàng đợi gửi đi (vận hành)', en: 'Read the outbox (operations)' },
    unit: PROVINCE,
    roles: ['admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'As settings.feedback.',
  },
  {
    key: 'dossier.reroute_retired',
    area: 'dossiers',
    request: 'POST /api/v1/admin/dossiers/reroute-retired',
    does: {
      vi: 'Chuyển hồ sơ đang giải quyết của đơn vị đã sáp nhập, giải thể sang đơn vị kế thừa',
      en: 'Move the open dossiers of merged or retired units to their successors',
    },
    unit: PROVINCE,
    roles: ['admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis:
      'It moves dossiers of any unit of the province (a merger is decided for the whole map: Resolution 1668/NQ-UBTVQH15, Law 72/2025/QH15): only an administrator of the province (requireProvinceRole); an administrator of one commune or agency is refused. The scheduled job dossiers.reroute-retired does the same every day as the system (docs/decisions-units.md).',
  },
  {
    key: 'dossier.reroute_screen',
    area: 'dossiers',
    request: 'GET /quan-tri/sap-nhap-ho-so',
    does: {
      vi: 'Xem đơn vị đã sáp nhập, giải thể còn hồ sơ đang giải quyết',
      en: 'See the merged or retired units that open dossiers still name',
    },
    unit: PROVINCE,
    roles: ['admin'],
    at: ['same'],
    none: ROOT_ONLY,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: 'As dossier.reroute_retired (the screen lists what the run would move and runs it).',
  },
  {
    key: 'catalogue.export',
    area: 'catalogue',
    request: 'GET /api/v1/admin/procedures/export',
    does: { vi: 'Xuất danh mục thủ tục (kể cả bản nháp)', en: 'Export the catalogue (drafts included)' },
    unit: PROVINCIAL,
    roles: ['controller'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: `The catalogue is published by the provincial People's Committee and controlled by its Office (Decree 63/2010 art. 15; Decree 118/2025). ${PROVINCE_LEVEL_BASIS}`,
  },
  {
    key: 'feedback.faq.create',
    area: 'catalogue',
    request: 'POST /api/v1/faq',
    does: { vi: 'Thêm câu hỏi thường gặp', en: 'Add a FAQ entry' },
    unit: PROVINCIAL,
    roles: ['controller', 'admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: `The FAQ answers for the province's catalogue. ${PROVINCE_LEVEL_BASIS}`,
  },
  {
    key: 'feedback.survey.create',
    area: 'settings',
    request: 'POST /api/v1/surveys',
    does: { vi: 'Tạo phiếu khảo sát', en: 'Create a survey' },
    unit: PROVINCIAL,
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: `Surveys measure the province's satisfaction figures (Decision 766). ${PROVINCE_LEVEL_BASIS}`,
  },
  {
    key: 'settings.calendar',
    area: 'settings',
    request: 'PUT /api/v1/calendar/schedules/:year',
    does: { vi: 'Thay đổi lịch nghỉ, làm bù của một năm', en: "Replace a year's schedule of days off and make-up days" },
    unit: PROVINCIAL,
    roles: ['admin'],
    at: COVERING,
    refused: { role: FORBIDDEN, unit: WRONG_UNIT },
    basis: `Working days decide every deadline of the province. ${PROVINCE_LEVEL_BASIS}`,
  },
];

/** The outcome the matrix gives for `role` held at `relation` to the entry's unit. */
export function expected(e: MatrixEntry, role: Role, relation: Relation): { allowed: true } | { allowed: false; refusal: Refusal } {
  if (e.roles.includes(role) && e.at.includes(relation)) return { allowed: true };
  if (e.seers?.roles.includes(role) && e.seers.at.includes(relation)) return { allowed: false, refusal: e.seers.refusal };
  return { allowed: false, refusal: e.roles.includes(role) ? e.refused.unit : e.refused.role };
}

const AREA_VI: Record<Area, string> = {
  dossiers: 'Hồ sơ',
  petitions: 'Phản ánh, kiến nghị',
  payments: 'Thanh toán',
  indicators: 'Chỉ số 766',
  identity: 'Quản trị tài khoản',
  units: 'Đơn vị',
  catalogue: 'Danh mục thủ tục',
  settings: 'Cấu hình',
};
const REL_VI: Record<Relation, string> = { same: 'tại đơn vị', above: 'cấp trên', below: 'cấp dưới', elsewhere: 'nơi khác' };

/** docs/authorization.md, from MATRIX (Vietnamese first, English second). */
export function renderAuthorizationDoc(): string {
  const out: string[] = [];
  out.push('# Phân quyền theo đơn vị / Authorization by unit');
  out.push('');
  out.push('<!-- Generated from src/modules/identity/authz-matrix.ts by `npx tsx scripts/render-authorization.ts`; do not edit by hand. -->');
  out.push('');
  out.push('Mỗi dòng: thao tác, đơn vị liên quan, vai trò được phép và vị trí của vai trò so với đơn vị đó.');
  out.push(
    'Một vai trò được giao tại một đơn vị bao gồm đơn vị đó, các đơn vị cấp dưới và các đơn vị đã sáp nhập vào chúng (`requireRoleAt`, `src/modules/identity/authz.ts`).',
  );
  out.push('');
  out.push('Each row: the action, the unit it is about, the roles that may do it and where the role must be held relative to that unit.');
  out.push('A role held at a unit covers that unit, the units below it and the units merged into them (`requireRoleAt`, `src/modules/identity/authz.ts`).');
  out.push(
    'Relations: **same** (the unit), **above** (an ancestor), **below** (a unit under it), **elsewhere** (neither). Every row is run for every role and relation by `src/modules/identity/authz-matrix.db.test.ts`.',
  );
  out.push('');
  out.push(
    'Cột từ chối: khi không có vai trò; khi có vai trò tại đơn vị khác; và (nếu có) khi thấy được đối tượng nhưng không được làm. / Refused column: without the role; with the role at another unit; and (where given) when the officer can see the object but may not do this.',
  );
  out.push('');
  out.push(
    '| khu vực / area | thao tác / action | yêu cầu / request | đơn vị / unit | vai trò / roles | ' +
      RELATIONS.map((r) => `${REL_VI[r]} / ${r}`).join(' | ') +
      ' | từ chối / refused (role; unit) |',
  );
  out.push('| --- | --- | --- | --- | --- | ' + RELATIONS.map(() => '---').join(' | ') + ' | --- |');
  for (const e of MATRIX) {
    const cells = RELATIONS.map((r) => (e.none?.includes(r) ? '–' : e.at.includes(r) ? 'được / yes' : 'không / no'));
    const seers = e.seers ? `; ${e.seers.refusal.status} \`${e.seers.refusal.key}\` (${e.seers.roles.join(', ')} ${e.seers.at.join('/')})` : '';
    out.push(
      `| ${AREA_VI[e.area]} / ${e.area} | ${e.does.vi} / ${e.does.en} | \`${e.request}\` | ${e.unit.vi} / ${e.unit.en} | ${e.roles.join(', ')} | ${cells.join(' | ')} | ${e.refused.role.status} \`${e.refused.role.key}\`; ${e.refused.unit.status} \`${e.refused.unit.key}\`${seers} |`,
    );
  }
  out.push('');
  out.push('## Căn cứ / Basis');
  out.push('');
  for (const e of MATRIX) out.push(`- \`${e.key}\`: ${e.basis}`);
  out.push('');
  return out.join('\n');
}
