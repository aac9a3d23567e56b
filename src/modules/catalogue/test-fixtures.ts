/** Three procedures for tests (independent of demo-data/), in the ProcedureSeed shape. */
import type { ProcedureRecord } from './model';
import type { EFormDefinition } from './snapshot';

export const BIRTH_FORM: EFormDefinition = {
  schema: {
    type: 'object',
    required: ['nguoiYeuCau', 'tre'],
    properties: {
      nguoiYeuCau: {
        type: 'object',
        title: 'Người yêu cầu',
        'x-title-en': 'Applicant',
        required: ['hoTen', 'soDinhDanh', 'quanHe'],
        properties: {
          hoTen: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-title-en': 'Full name', minLength: 2, maxLength: 100, 'x-prefill': 'applicant.name' },
          soDinhDanh: { type: 'string', title: 'Số định danh cá nhân', 'x-title-en': 'Personal identification number', description: 'Gồm 12 chữ số', 'x-description-en': '12 digits', pattern: '^[0-9]{12}$', 'x-prefill': 'applicant.personalId' },
          dienThoai: { type: 'string', title: 'Số điện thoại', 'x-title-en': 'Phone', pattern: '^0[0-9]{9}$', 'x-prefill': 'applicant.phone' },
          email: { type: 'string', format: 'email', title: 'Thư điện tử', 'x-title-en': 'Email', 'x-prefill': 'applicant.email' },
          quanHe: { type: 'string', title: 'Quan hệ với người được khai sinh', 'x-title-en': 'Relationship to the child', enum: ['cha', 'me', 'khac'], 'x-enumTitles': ['Cha', 'Mẹ', 'Khác'], 'x-enumTitles-en': ['Father', 'Mother', 'Other'] },
          quanHeKhac: { type: 'string', title: 'Quan hệ khác (ghi rõ)', 'x-title-en': 'Other relationship (specify)' },
        },
        if: { properties: { quanHe: { const: 'khac' } }, required: ['quanHe'] },
        then: { required: ['quanHeKhac'] },
      },
      tre: {
        type: 'object',
        title: 'Người được khai sinh',
        'x-title-en': 'The child',
        required: ['hoTen', 'ngaySinh', 'gioiTinh', 'noiSinh'],
        properties: {
          hoTen: { type: 'string', title: 'Họ, chữ đệm, tên', 'x-title-en': 'Full name', minLength: 2 },
          ngaySinh: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh', 'x-title-en': 'Date of birth' },
          gioiTinh: { type: 'string', title: 'Giới tính', 'x-title-en': 'Sex', enum: ['Nam', 'Nữ'], 'x-enumTitles-en': ['Male', 'Female'] },
          noiSinh: { type: 'string', title: 'Nơi sinh', 'x-title-en': 'Place of birth', maxLength: 300 },
          soCon: { type: 'integer', title: 'Con thứ mấy', 'x-title-en': 'Birth order', minimum: 1, maximum: 20 },
        },
      },
      nhanBanSao: { type: 'boolean', title: 'Đề nghị cấp bản sao trích lục', 'x-title-en': 'Request certified extracts' },
      soBanSao: { type: 'integer', title: 'Số bản sao', 'x-title-en': 'Number of copies', minimum: 1, maximum: 10 },
    },
  },
  uiSchema: {
    type: 'VerticalLayout',
    elements: [
      {
        type: 'Group',
        label: 'Người yêu cầu',
        'x-label-en': 'Applicant',
        elements: [
          { type: 'Control', scope: '#/properties/nguoiYeuCau/properties/hoTen' },
          { type: 'Control', scope: '#/properties/nguoiYeuCau/properties/soDinhDanh' },
          { type: 'Control', scope: '#/properties/nguoiYeuCau/properties/dienThoai' },
          { type: 'Control', scope: '#/properties/nguoiYeuCau/properties/email' },
          { type: 'Control', scope: '#/properties/nguoiYeuCau/properties/quanHe', options: { format: 'radio' } },
          {
            type: 'Control',
            scope: '#/properties/nguoiYeuCau/properties/quanHeKhac',
            rule: { effect: 'SHOW', condition: { scope: '#/properties/nguoiYeuCau/properties/quanHe', schema: { const: 'khac' } } },
          },
        ],
      },
      {
        type: 'Group',
        label: 'Người được khai sinh',
        'x-label-en': 'The child',
        elements: [
          { type: 'Control', scope: '#/properties/tre/properties/hoTen' },
          { type: 'Control', scope: '#/properties/tre/properties/ngaySinh' },
          { type: 'Control', scope: '#/properties/tre/properties/gioiTinh' },
          { type: 'Control', scope: '#/properties/tre/properties/noiSinh', options: { multi: true } },
          { type: 'Control', scope: '#/properties/tre/properties/soCon' },
        ],
      },
      { type: 'Control', scope: '#/properties/nhanBanSao' },
      { type: 'Control', scope: '#/properties/soBanSao', rule: { effect: 'SHOW', condition: { scope: '#/properties/nhanBanSao', schema: { const: true } } } },
    ],
  },
};

const SIMPLE_FORM: EFormDefinition = {
  schema: {
    type: 'object',
    required: ['hoTen', 'soDinhDanh'],
    properties: {
      hoTen: { type: 'string', title: 'Họ và tên người yêu cầu', 'x-title-en': 'Applicant full name', 'x-prefill': 'applicant.name' },
      soDinhDanh: { type: 'string', title: 'Số định danh cá nhân', 'x-title-en': 'Personal identification number', pattern: '^[0-9]{12}$', 'x-prefill': 'applicant.personalId' },
      diaChi: { type: 'string', title: 'Nơi cư trú', 'x-title-en': 'Residence', 'x-prefill': 'applicant.address' },
    },
  },
  uiSchema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/hoTen' },
      { type: 'Control', scope: '#/properties/soDinhDanh' },
      { type: 'Control', scope: '#/properties/diaChi' },
    ],
  },
};

const HOTICH = { code: 'HT', name: 'Hộ tịch', nameEn: 'Civil status' };
const communeProcess = {
  steps: [
    { key: 'tiep-nhan', name: 'Tiếp nhận hồ sơ', nameEn: 'Receive the dossier', role: 'reception' as const, unit: { kind: 'receiving' as const }, duration: { value: 2, unit: 'working_hours' as const } },
    { key: 'tham-dinh', name: 'Thẩm định hồ sơ', nameEn: 'Review the dossier', role: 'specialist' as const, unit: { kind: 'deciding' as const }, duration: { value: 3, unit: 'working_hours' as const } },
    { key: 'phe-duyet', name: 'Phê duyệt, ký kết quả', nameEn: 'Approve and sign', role: 'leader' as const, unit: { kind: 'deciding' as const }, duration: { value: 2, unit: 'working_hours' as const }, approval: true },
  ],
};

export const FIXTURE_PROCEDURES: ProcedureRecord[] = [
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    field: HOTICH,
    levels: ['commune'],
    onlineLevel: 'full',
    essential: true,
    steps: ['Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến.', 'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi vào Sổ hộ tịch.', 'Chủ tịch UBND cấp xã ký Giấy khai sinh và trả kết quả.'],
    channels: ['in_person', 'post', 'online'],
    components: [
      { key: 'to-khai', name: 'Tờ khai đăng ký khai sinh theo mẫu', originals: 1, copies: 0, optional: false },
      { key: 'giay-chung-sinh', name: 'Giấy chứng sinh', originals: 1, copies: 0, optional: false, documentType: 'giay-chung-sinh' },
      { key: 'uy-quyen', name: 'Văn bản ủy quyền (nếu ủy quyền)', originals: 1, copies: 0, optional: true },
    ],
    processingTime: { value: 1, unit: 'working_days', note: 'Ngay trong ngày tiếp nhận; nếu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo.' },
    applicants: ['citizen'],
    decidingAgency: 'commune',
    receivingAgency: 'commune',
    result: 'Giấy khai sinh (bản chính)',
    resultDocumentType: 'giay-khai-sinh',
    fees: [{ key: 'le-phi', name: 'Lệ phí đăng ký khai sinh', kind: 'charge', amount: 0, exemption: 'Miễn lệ phí khi đăng ký khai sinh đúng hạn' }],
    forms: [{ name: 'Tờ khai đăng ký khai sinh', code: 'Mẫu TT04/2020' }],
    requirements: 'Không',
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13', 'Nghị định số 123/2015/NĐ-CP', 'Thông tư số 04/2020/TT-BTP'],
    financialObligation: false,
    nationalPortalIntegrated: true,
    eForm: BIRTH_FORM,
    process: communeProcess,
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    nameEn: 'Death registration',
    field: HOTICH,
    levels: ['commune'],
    onlineLevel: 'full',
    essential: true,
    steps: ['Người đi khai tử nộp hồ sơ.', 'Công chức tư pháp - hộ tịch ghi Sổ hộ tịch.', 'Chủ tịch UBND cấp xã cấp Trích lục khai tử.'],
    channels: ['in_person', 'online'],
    components: [
      { key: 'to-khai', name: 'Tờ khai đăng ký khai tử theo mẫu', originals: 1, copies: 0, optional: false },
      { key: 'giay-bao-tu', name: 'Giấy báo tử hoặc giấy tờ thay thế', originals: 1, copies: 0, optional: false },
    ],
    processingTime: { value: 1, unit: 'working_days' },
    applicants: ['citizen'],
    decidingAgency: 'commune',
    receivingAgency: 'commune',
    result: 'Trích lục khai tử',
    fees: [{ key: 'le-phi', name: 'Lệ phí đăng ký khai tử', kind: 'charge', amount: 0, exemption: 'Miễn khi đăng ký đúng hạn' }],
    forms: [{ name: 'Tờ khai đăng ký khai tử' }],
    requirements: 'Không',
    legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
    financialObligation: false,
    nationalPortalIntegrated: true,
    eForm: SIMPLE_FORM,
    process: communeProcess,
  },
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    nameEn: 'Issuance of a judicial record certificate to a Vietnamese citizen',
    field: { code: 'LLTP', name: 'Lý lịch tư pháp', nameEn: 'Judicial records' },
    levels: ['province'],
    onlineLevel: 'partial',
    essential: false,
    steps: ['Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.', 'Sở Tư pháp tra cứu, xác minh.', 'Giám đốc Sở Tư pháp ký Phiếu.'],
    channels: ['in_person', 'post', 'online'],
    components: [{ key: 'to-khai', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', originals: 1, copies: 0, optional: false }],
    processingTime: { value: 10, unit: 'working_days' },
    onlineProcessingTime: { value: 8, unit: 'working_days' },
    applicants: ['citizen'],
    decidingAgency: 'soTuPhap',
    receivingAgency: 'ttPvhcc',
    result: 'Phiếu lý lịch tư pháp',
    fees: [{ key: 'phi', name: 'Phí cung cấp thông tin lý lịch tư pháp', kind: 'fee', amount: 200000, onlineAmount: 100000, exemption: 'Trẻ em, người cao tuổi, người khuyết tật' }],
    forms: [{ name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', code: 'Mẫu số 03/2013/TT-LLTP' }],
    requirements: 'Không',
    legalBasis: ['Luật Lý lịch tư pháp số 28/2009/QH12'],
    financialObligation: true,
    nationalPortalIntegrated: true,
    eForm: SIMPLE_FORM,
    process: {
      steps: [
        { key: 'tiep-nhan', name: 'Tiếp nhận', nameEn: 'Receive', role: 'reception', unit: { kind: 'receiving' }, duration: { value: 0.5, unit: 'working_days' } },
        { key: 'xu-ly', name: 'Tra cứu, xác minh', nameEn: 'Search and verify', role: 'specialist', unit: { kind: 'deciding' }, duration: { value: 8, unit: 'working_days' } },
        { key: 'ky', name: 'Ký Phiếu', nameEn: 'Sign', role: 'leader', unit: { kind: 'deciding' }, duration: { value: 1, unit: 'working_days' }, approval: true },
      ],
    },
  },
];
