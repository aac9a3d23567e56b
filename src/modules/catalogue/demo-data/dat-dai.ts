/**
 * Đất đai (land): the land registration office (Văn phòng đăng ký đất đai, under the provincial
 * department, DEMO.soTnmt) decides; communes and the provincial one-stop centre receive.
 */
import type { ProcedureSeed } from './types';
import {
  AUTHORISATION,
  DEMO,
  FIELD,
  ID_CARD,
  LEGAL,
  applicantFields,
  bool,
  choice,
  comp,
  date,
  days,
  deliverySection,
  eform,
  fee,
  num,
  standardProcess,
  str,
  text,
  unit,
  type SectionDef,
} from './builders';

const LAND_STEPS = [
  'Người sử dụng đất nộp hồ sơ tại Bộ phận Một cửa UBND cấp xã, Trung tâm Phục vụ hành chính công tỉnh, hoặc trực tuyến (được lựa chọn nơi nộp trên địa bàn tỉnh).',
  'Văn phòng đăng ký đất đai / Chi nhánh kiểm tra hồ sơ, trích lục, trích đo bản đồ địa chính nếu cần.',
  'Gửi thông tin địa chính đến cơ quan thuế để xác định nghĩa vụ tài chính (trường hợp phải nộp); người sử dụng đất nộp tiền.',
  'Cập nhật, chỉnh lý hồ sơ địa chính, CSDL đất đai; xác nhận biến động hoặc cấp Giấy chứng nhận.',
  'Trả kết quả cho người sử dụng đất.',
];

const LAND_LEGAL = [
  LEGAL.luatDatDai,
  LEGAL.nd101_2024,
  LEGAL.nd151_2025,
  'Thông tư số 10/2024/TT-BTNMT ngày 31/7/2024 quy định về hồ sơ địa chính, Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
];

const parcelSection: SectionDef = {
  label: 'Thông tin thửa đất',
  fields: [
    { key: 'certificateNumber', schema: str('Số phát hành / số vào sổ Giấy chứng nhận', { maxLength: 30 }), required: true },
    { key: 'mapSheet', schema: str('Tờ bản đồ số', { pattern: '^[0-9]{1,4}$' }), required: true },
    { key: 'parcelNumber', schema: str('Thửa đất số', { pattern: '^[0-9]{1,5}$' }), required: true },
    { key: 'area', schema: num('Diện tích (m²)', { exclusiveMinimum: 0, maximum: 10000000 }), required: true },
    { key: 'landAddress', schema: str('Địa chỉ thửa đất', { maxLength: 300 }), required: true },
    {
      key: 'landUse',
      schema: choice('Mục đích sử dụng', [
        ['ONT', 'Đất ở tại nông thôn (ONT)'],
        ['ODT', 'Đất ở tại đô thị (ODT)'],
        ['LUC', 'Đất chuyên trồng lúa (LUC)'],
        ['CLN', 'Đất trồng cây lâu năm (CLN)'],
        ['NTS', 'Đất nuôi trồng thủy sản (NTS)'],
        ['khac', 'Loại đất khác'],
      ]),
      required: true,
    },
  ],
};

const taxProcessExtra = [
  {
    key: 'chuyen-thue',
    name: 'Lập, gửi phiếu chuyển thông tin địa chính để xác định nghĩa vụ tài chính (liên thông cơ quan thuế)',
    nameEn: 'Send cadastral information to the tax authority (inter-agency)',
    unit: unit(DEMO.soTnmt),
    hours: 24,
  },
];

export const DAT_DAI: ProcedureSeed[] = [
  {
    code: '1.013831',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển đổi, chuyển nhượng, cho thuê, cho thuê lại, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    nameEn: 'Registration of changes of land-use rights (exchange, transfer, lease, inheritance, gift, capital contribution)',
    field: FIELD.datDai,
    levels: ['province', 'commune'],
    onlineLevel: 'partial',
    essential: true,
    steps: LAND_STEPS,
    channels: ['in_person', 'post', 'online'],
    components: [
      comp('don', 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)', 1, 0),
      comp('gcn', 'Giấy chứng nhận đã cấp (bản gốc)', 1, 0, { doc: 'giay-chung-nhan-qsdd' }),
      comp('hop-dong', 'Hợp đồng, văn bản về chuyển đổi, chuyển nhượng, tặng cho, thừa kế, góp vốn... đã công chứng, chứng thực', 1, 0, {
        doc: 'hop-dong-chuyen-nhuong',
      }),
      comp('to-khai-thue', 'Tờ khai thuế thu nhập cá nhân, tờ khai lệ phí trước bạ (trường hợp phải nộp)', 1, 0, { optional: true }),
      comp('mien-giam', 'Giấy tờ chứng minh thuộc đối tượng miễn, giảm nghĩa vụ tài chính (nếu có)', 0, 1, { optional: true, doc: 'giay-khai-sinh' }),
      AUTHORISATION,
    ],
    processingTime: {
      ...days(8),
      note: 'Không kể thời gian thực hiện nghĩa vụ tài chính; xã miền núi, vùng sâu, vùng xa được tăng thêm 10 ngày (Nghị định 101/2024/NĐ-CP) (verify).',
    },
    applicants: ['citizen', 'organisation'],
    decidingAgency: DEMO.soTnmt,
    receivingAgency: 'commune',
    result: 'Giấy chứng nhận được xác nhận biến động hoặc Giấy chứng nhận mới; hồ sơ địa chính được chỉnh lý',
    resultDocumentType: 'giay-chung-nhan-qsdd',
    fees: [
      fee('le-phi', 'Lệ phí cấp Giấy chứng nhận / chứng nhận biến động (cá nhân)', 28000, {
        exemption: 'Mức do HĐND tỉnh quyết định (Thông tư 85/2019/TT-BTC)',
      }),
      fee('phi-tham-dinh', 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', 150000, {
        kind: 'fee',
        exemption: 'Mức do HĐND tỉnh quyết định theo diện tích, mục đích sử dụng',
      }),
    ],
    forms: [{ name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', code: 'Mẫu số 11/ĐK' }],
    requirements:
      'Có Giấy chứng nhận; đất không có tranh chấp hoặc tranh chấp đã được giải quyết; không bị kê biên; trong thời hạn sử dụng đất (Điều 45 Luật Đất đai 2024). Đăng ký trong 30 ngày kể từ ngày có biến động.',
    legalBasis: [...LAND_LEGAL, LEGAL.nd10_2022, 'Luật Thuế thu nhập cá nhân số 04/2007/QH12 (sửa đổi, bổ sung)', LEGAL.tt85_2019],
    financialObligation: true,
    nationalPortalIntegrated: true,
    eForm: eform([
      applicantFields({
        relation: [
          ['ben-nhan', 'Bên nhận chuyển quyền'],
          ['ben-chuyen', 'Bên chuyển quyền'],
          ['uy-quyen', 'Người được ủy quyền'],
        ],
      }),
      parcelSection,
      {
        label: 'Nội dung biến động',
        fields: [
          {
            key: 'changeType',
            schema: choice('Hình thức', [
              ['chuyen-nhuong', 'Chuyển nhượng'],
              ['tang-cho', 'Tặng cho'],
              ['thua-ke', 'Thừa kế'],
              ['chuyen-doi', 'Chuyển đổi'],
              ['gop-von', 'Góp vốn'],
              ['cho-thue', 'Cho thuê, cho thuê lại'],
            ]),
            required: true,
          },
          { key: 'contractNumber', schema: str('Số công chứng / chứng thực hợp đồng, văn bản', { maxLength: 50 }), required: true },
          { key: 'contractDate', schema: date('Ngày công chứng / chứng thực'), required: true },
          {
            key: 'price',
            schema: num('Giá chuyển nhượng ghi trên hợp đồng (đồng)', { minimum: 0 }),
            showIf: { field: 'changeType', equals: 'chuyen-nhuong' },
            requiredWhenShown: true,
          },
          {
            key: 'familyRelation',
            schema: bool('Tặng cho giữa vợ - chồng, cha mẹ - con, ông bà - cháu, anh chị em ruột (miễn thuế TNCN, lệ phí trước bạ)'),
            showIf: { field: 'changeType', equals: 'tang-cho' },
          },
          { key: 'otherPartyName', schema: str('Họ tên / tên tổ chức bên còn lại', { maxLength: 200 }), required: true },
          { key: 'newCertificate', schema: bool('Đề nghị cấp Giấy chứng nhận mới (thay vì xác nhận trên Giấy chứng nhận đã cấp)', { default: false }) },
        ],
      },
      deliverySection(),
    ]),
    process: standardProcess(days(8), { extra: taxProcessExtra }),
  },
  {
    code: '1.013833',
    name: 'Đăng ký biến động đối với trường hợp đổi tên hoặc thay đổi thông tin về người sử dụng đất, chủ sở hữu tài sản gắn liền với đất (giấy tờ pháp nhân, giấy tờ nhân thân, địa chỉ) hoặc thay đổi thông tin về thửa đất, tài sản gắn liền với đất',
    nameEn: "Registration of changes of name or of the land user's information (ID documents, address) or of the parcel",
    field: FIELD.datDai,
    levels: ['province', 'commune'],
    onlineLevel: 'full',
    essential: true,
    steps: LAND_STEPS,
    channels: ['in_person', 'post', 'online'],
    components: [
      comp('don', 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)', 1, 0),
      comp('gcn', 'Giấy chứng nhận đã cấp (bản gốc)', 1, 0, { doc: 'giay-chung-nhan-qsdd' }),
      comp(
        'giay-to-thay-doi',
        'Giấy tờ liên quan đến nội dung thay đổi (thẻ căn cước mới, văn bản đổi tên tổ chức...; không phải nộp nếu đã khai thác được từ CSDL quốc gia về dân cư)',
        0,
        1,
        { optional: true, doc: 'can-cuoc' },
      ),
    ],
    processingTime: days(5),
    onlineProcessingTime: days(3),
    applicants: ['citizen', 'organisation'],
    decidingAgency: DEMO.soTnmt,
    receivingAgency: 'commune',
    result: 'Giấy chứng nhận được xác nhận thay đổi; hồ sơ địa chính, CSDL đất đai được cập nhật',
    resultDocumentType: 'giay-chung-nhan-qsdd',
    fees: [
      fee('le-phi', 'Lệ phí chứng nhận đăng ký biến động', 28000, { online: 14000, exemption: 'Mức do HĐND tỉnh quyết định (verify mức giảm trực tuyến)' }),
    ],
    forms: [{ name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', code: 'Mẫu số 11/ĐK' }],
    requirements: 'Không',
    legalBasis: [...LAND_LEGAL, LEGAL.tt85_2019],
    financialObligation: true,
    nationalPortalIntegrated: true,
    eForm: eform([
      applicantFields(),
      parcelSection,
      {
        label: 'Nội dung thay đổi',
        fields: [
          {
            key: 'changeKind',
            schema: choice('Thông tin thay đổi', [
              ['giay-to-nhan-than', 'Giấy tờ nhân thân (CMND sang căn cước)'],
              ['ho-ten', 'Họ, tên'],
              ['dia-chi', 'Địa chỉ (kể cả do sắp xếp đơn vị hành chính)'],
              ['thua-dat', 'Thông tin thửa đất (số hiệu, diện tích do đo đạc lại, sạt lở)'],
            ]),
            required: true,
          },
          { key: 'oldValue', schema: str('Nội dung ghi trên Giấy chứng nhận', { maxLength: 300 }), required: true },
          { key: 'newValue', schema: str('Nội dung mới', { maxLength: 300 }), required: true },
          {
            key: 'fromPopulationDb',
            schema: bool('Đồng ý khai thác thông tin từ CSDL quốc gia về dân cư thay cho nộp giấy tờ', { default: true }),
            showIf: { field: 'changeKind', equals: 'giay-to-nhan-than' },
          },
        ],
      },
      deliverySection(),
    ]),
    process: standardProcess(days(5)),
  },
  {
    code: '1.012786',
    name: 'Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất',
    nameEn: 'Re-issue of a land-use right certificate that was lost',
    field: FIELD.datDai,
    levels: ['province', 'commune'],
    onlineLevel: 'partial',
    essential: false,
    steps: [
      'Người sử dụng đất khai báo mất với UBND cấp xã; UBND cấp xã niêm yết thông báo mất trong 15 ngày (hộ gia đình, cá nhân).',
      'Nộp hồ sơ đề nghị cấp lại tại Bộ phận Một cửa hoặc trực tuyến.',
      'Văn phòng đăng ký đất đai kiểm tra, trích lục bản đồ, lập hồ sơ; cơ quan có thẩm quyền ký quyết định hủy Giấy chứng nhận bị mất và cấp lại.',
      'Trả Giấy chứng nhận.',
    ],
    channels: ['in_person', 'online'],
    components: [
      comp('don', 'Đơn đề nghị cấp lại Giấy chứng nhận (Mẫu số 11/ĐK)', 1, 0),
      comp('xac-nhan-niem-yet', 'Giấy xác nhận của UBND cấp xã về việc niêm yết thông báo mất Giấy chứng nhận', 1, 0),
      comp('bao-mat-thien-tai', 'Giấy xác nhận của UBND cấp xã về thiên tai, hỏa hoạn (trường hợp mất do thiên tai, hỏa hoạn)', 1, 0, { optional: true }),
    ],
    processingTime: days(10),
    applicants: ['citizen', 'organisation'],
    decidingAgency: DEMO.soTnmt,
    receivingAgency: 'commune',
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (cấp lại)',
    resultDocumentType: 'giay-chung-nhan-qsdd',
    fees: [fee('le-phi', 'Lệ phí cấp lại Giấy chứng nhận', 50000, { exemption: 'Mức do HĐND tỉnh quyết định' })],
    forms: [{ name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất', code: 'Mẫu số 11/ĐK' }],
    requirements: 'Đã niêm yết công khai việc mất Giấy chứng nhận tại trụ sở UBND cấp xã trong 15 ngày (trừ trường hợp mất do thiên tai, hỏa hoạn).',
    legalBasis: [...LAND_LEGAL, LEGAL.tt85_2019],
    financialObligation: true,
    nationalPortalIntegrated: true,
    eForm: eform([
      applicantFields(),
      parcelSection,
      {
        label: 'Việc mất Giấy chứng nhận',
        fields: [
          {
            key: 'lossCause',
            schema: choice('Nguyên nhân mất', [
              ['that-lac', 'Thất lạc'],
              ['thien-tai', 'Thiên tai, hỏa hoạn'],
              ['khac', 'Nguyên nhân khác'],
            ]),
            required: true,
          },
          { key: 'lossDate', schema: date('Thời điểm phát hiện mất'), required: true },
          {
            key: 'postedFrom',
            schema: date('Ngày bắt đầu niêm yết thông báo mất tại UBND cấp xã'),
            showIf: { field: 'lossCause', equals: 'that-lac' },
            requiredWhenShown: true,
          },
          { key: 'description', schema: text('Mô tả hoàn cảnh'), multiline: true },
        ],
      },
      deliverySection(),
    ]),
    process: standardProcess(days(10)),
  },
  {
    code: '1.013978',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân, cộng đồng dân cư, hộ gia đình đang sử dụng đất',
    nameEn: 'First registration and certificate of land-use rights for individuals, households and communities',
    field: FIELD.datDai,
    levels: ['commune'],
    onlineLevel: 'partial',
    essential: false,
    steps: [
      'Người sử dụng đất nộp hồ sơ tại Bộ phận Một cửa UBND cấp xã (hoặc trực tuyến).',
      'UBND cấp xã kiểm tra hiện trạng, nguồn gốc sử dụng đất; niêm yết công khai 15 ngày.',
      'Văn phòng đăng ký đất đai trích đo, chuyển thông tin cho cơ quan thuế xác định nghĩa vụ tài chính.',
      'Chủ tịch UBND cấp xã ký Giấy chứng nhận; trả kết quả sau khi người sử dụng đất hoàn thành nghĩa vụ tài chính.',
    ],
    channels: ['in_person', 'online'],
    components: [
      comp('don', 'Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu số 04/ĐK)', 1, 0),
      comp('giay-to-nguon-goc', 'Giấy tờ về quyền sử dụng đất theo Điều 137 Luật Đất đai (nếu có)', 0, 1, { optional: true }),
      comp('so-do-tai-san', 'Giấy tờ về tài sản gắn liền với đất, sơ đồ nhà ở (nếu có đăng ký tài sản)', 0, 1, { optional: true }),
      comp('mien-giam', 'Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ miễn, giảm (nếu có)', 0, 1, { optional: true }),
      ID_CARD(),
    ],
    processingTime: { ...days(20), note: 'Không kể thời gian niêm yết công khai và thực hiện nghĩa vụ tài chính (verify).' },
    applicants: ['citizen'],
    decidingAgency: 'commune',
    receivingAgency: 'commune',
    result: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    resultDocumentType: 'giay-chung-nhan-qsdd',
    fees: [
      fee('le-phi', 'Lệ phí cấp Giấy chứng nhận lần đầu (cá nhân, chỉ có quyền sử dụng đất)', 25000, {
        exemption: 'Mức do HĐND tỉnh quyết định; miễn đối với hộ gia đình, cá nhân ở nông thôn theo nghị quyết của HĐND tỉnh (nếu có)',
      }),
      fee('phi-tham-dinh', 'Phí thẩm định hồ sơ cấp Giấy chứng nhận', 150000, { kind: 'fee' }),
    ],
    forms: [{ name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất', code: 'Mẫu số 04/ĐK' }],
    requirements:
      'Đất sử dụng ổn định, không có tranh chấp, phù hợp quy hoạch (UBND cấp xã không phải xác nhận riêng từ 01/7/2025 theo Nghị định 151/2025/NĐ-CP).',
    legalBasis: [...LAND_LEGAL, LEGAL.nd103_2024, LEGAL.tt85_2019],
    financialObligation: true,
    nationalPortalIntegrated: true,
    eForm: eform([
      applicantFields(),
      {
        label: 'Thửa đất đề nghị cấp Giấy chứng nhận',
        fields: [
          { key: 'mapSheet', schema: str('Tờ bản đồ số', { pattern: '^[0-9]{1,4}$' }) },
          { key: 'parcelNumber', schema: str('Thửa đất số', { pattern: '^[0-9]{1,5}$' }) },
          { key: 'area', schema: num('Diện tích đề nghị (m²)', { exclusiveMinimum: 0 }), required: true },
          { key: 'landAddress', schema: str('Địa chỉ thửa đất', { maxLength: 300 }), required: true },
          { key: 'usedSince', schema: date('Thời điểm bắt đầu sử dụng đất'), required: true },
          {
            key: 'origin',
            schema: choice('Nguồn gốc sử dụng đất', [
              ['co-giay-to', 'Có giấy tờ về quyền sử dụng đất'],
              ['khong-giay-to', 'Không có giấy tờ, sử dụng ổn định'],
              ['nhan-chuyen-nhuong', 'Nhận chuyển nhượng bằng giấy tờ viết tay'],
            ]),
            required: true,
          },
          {
            key: 'originDocs',
            schema: str('Tên giấy tờ nguồn gốc', { maxLength: 300 }),
            showIf: { field: 'origin', equals: 'co-giay-to' },
            requiredWhenShown: true,
          },
          { key: 'registerHouse', schema: bool('Đăng ký cả nhà ở, tài sản gắn liền với đất', { default: false }) },
          {
            key: 'houseArea',
            schema: num('Diện tích xây dựng nhà ở (m²)', { exclusiveMinimum: 0 }),
            showIf: { field: 'registerHouse', equals: true },
            requiredWhenShown: true,
          },
        ],
      },
      deliverySection(),
    ]),
    process: standardProcess(days(20), {
      extra: [
        {
          key: 'trich-do',
          name: 'Trích đo địa chính thửa đất (Văn phòng đăng ký đất đai)',
          nameEn: 'Cadastral survey of the parcel (land registration office)',
          unit: unit(DEMO.soTnmt),
          hours: 40,
        },
        ...taxProcessExtra,
      ],
    }),
  },
];
