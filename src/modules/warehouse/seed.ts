/**
 * Demo data: documents already in the demo citizens' stores, so that a new application shows
 * reuse right after `npm start` (e.g. Nguyễn Văn An's căn cước and giấy khai sinh).
 */
import type { Ctx } from '../../platform/context';
import { keyValues, nationalHeader, renderPdf, title } from '../../platform/pdf';
import { DEMO } from '../units/demo';
import * as deps from './deps';
import type { Owner } from './model';
import { storeDocument } from './service/ingest';

interface DemoDocument {
  owner: Owner;
  documentType: string;
  name: string;
  unitId: string;
  issuingBody: string;
  issuedOn: string;
  lines: [string, string][];
}

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    owner: { kind: 'citizen', id: '093090001234' },
    documentType: 'can-cuoc',
    name: 'Thẻ căn cước công dân',
    unitId: DEMO.congAn,
    issuingBody: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    issuedOn: '2021-04-10',
    lines: [
      ['Số', '093090001234'],
      ['Họ, chữ đệm và tên', 'Nguyễn Văn An'],
      ['Ngày sinh', '14/05/1990'],
      ['Có giá trị đến', '14/05/2030'],
    ],
  },
  {
    owner: { kind: 'citizen', id: '093090001234' },
    documentType: 'giay-khai-sinh',
    name: 'Giấy khai sinh',
    unitId: DEMO.ubndPhuong1,
    issuingBody: 'UBND Phường I, thành phố Vị Thanh',
    issuedOn: '1990-05-20',
    lines: [
      ['Họ, chữ đệm và tên', 'Nguyễn Văn An'],
      ['Ngày sinh', '14/05/1990'],
      ['Nơi sinh', 'Hậu Giang'],
      ['Họ tên cha', 'Nguyễn Văn Ba'],
      ['Họ tên mẹ', 'Lê Thị Tư'],
    ],
  },
  {
    owner: { kind: 'citizen', id: '093185004321' },
    documentType: 'can-cuoc',
    name: 'Thẻ căn cước',
    unitId: DEMO.congAn,
    issuingBody: 'Bộ Công an',
    issuedOn: '2024-08-15',
    lines: [
      ['Số định danh cá nhân', '093185004321'],
      ['Họ, chữ đệm và tên', 'Trần Thị Bình'],
      ['Ngày sinh', '02/11/1985'],
    ],
  },
  {
    owner: { kind: 'citizen', id: '093185004321' },
    documentType: 'giay-chung-nhan-ket-hon',
    name: 'Giấy chứng nhận kết hôn',
    unitId: DEMO.ubndTanHoa,
    issuingBody: 'UBND xã Tân Hòa, huyện Châu Thành A',
    issuedOn: '2010-02-12',
    lines: [
      ['Họ tên vợ', 'Trần Thị Bình'],
      ['Họ tên chồng', 'Phan Văn Hòa'],
      ['Ngày đăng ký', '12/02/2010'],
    ],
  },
  {
    owner: { kind: 'organisation', id: '6300123456' },
    documentType: 'giay-chung-nhan-dang-ky-doanh-nghiep',
    name: 'Giấy chứng nhận đăng ký doanh nghiệp',
    unitId: DEMO.soKhdt,
    issuingBody: 'Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư tỉnh Hậu Giang',
    issuedOn: '2019-07-01',
    lines: [
      ['Tên doanh nghiệp', 'Công ty TNHH Nông sản Cường Phát'],
      ['Mã số doanh nghiệp', '6300123456'],
      ['Người đại diện theo pháp luật', 'Lê Hoàng Cường'],
    ],
  },
];

export async function seedDemo(ctx: Ctx): Promise<void> {
  for (const d of DEMO_DOCUMENTS) {
    const pdf = await renderPdf(
      (doc) => {
        nationalHeader(doc, { agency: [d.issuingBody.toUpperCase()] });
        title(doc, d.name.toUpperCase(), `(bản điện tử - dữ liệu mẫu)`);
        keyValues(doc, [...d.lines, ['Ngày cấp', d.issuedOn.split('-').reverse().join('/')]]);
      },
      { info: { Title: d.name }, createdAt: new Date(`${d.issuedOn}T00:00:00Z`) },
    );
    const blob = await deps.putBlob(ctx, pdf, 'application/pdf');
    const agencyCode = (await deps.agencyCodeOf(ctx, d.unitId)) ?? '000.00.00.H30';
    await storeDocument(ctx, {
      owner: d.owner,
      documentType: d.documentType,
      name: d.name,
      agencyCode,
      source: 'seed',
      issuingBody: d.issuingBody,
      issuingUnitId: d.unitId,
      issuedOn: d.issuedOn,
      file: { sha256: blob.sha256, fileName: `${d.documentType}.pdf`, contentType: 'application/pdf', size: blob.size },
      digitized: true,
    });
  }
}
