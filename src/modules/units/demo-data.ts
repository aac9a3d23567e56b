/**
 * The demo province, Tỉnh Hậu Giang, as the provincial plans of 2023-2024 describe it, and the
 * 2025 two-tier reform as history. Sources and choices: docs/decisions-units.md.
 *
 * Real: province code 93; district codes 930 (Vị Thanh), 932 (Châu Thành A); commune codes
 * 31318, 31321, 31336, 31338, 31339, 31342, 31345, 31346, 31357 (national list, Decision
 * 124/2004/QĐ-TTg and updates); UBND tỉnh Hậu Giang = 000.00.00.H30 (Decision 1220/QĐ-UBND of
 * 16/08/2018); Vị Thanh became a city by Resolution 34/NQ-CP (2010); Hỏa Tiến and Tân Tiến
 * merged into Hỏa Lựu by Resolution 1668/NQ-UBTVQH15 (16/6/2025, effective 1/7/2025).
 * DEMO (plausible, not official): every other agency identifier, hotline and address.
 */
import { DEMO } from './demo';
import type { AgencyType, UnitKind } from './model';

export const FOUNDED = '2004-01-01'; // Tỉnh Hậu Giang exists from 1/1/2004 (Resolution 22/2003/QH11)
export const REFORM = '2025-07-01'; // two-tier local government

/** Units seeded by the demo in addition to those of DEMO (predecessors of the 2025 mergers, more departments). */
export const DEMO_EXTRA = {
  soNoiVu: 'hg-sonv',
  soTaiChinh: 'hg-sotc',
  hoaTien: 'hg-vithanh-hoatien', // Xã Hỏa Tiến, merged into Hỏa Lựu on 1/7/2025
  ubndHoaTien: 'hg-vithanh-hoatien-ubnd',
  tanTien: 'hg-vithanh-tantien', // Xã Tân Tiến, merged into Hỏa Lựu on 1/7/2025
  ubndTanTien: 'hg-vithanh-tantien-ubnd',
  bayNgan: 'hg-chauthanha-bayngan', // Thị trấn Bảy Ngàn, merged into Tân Hòa on 1/7/2025
  ubndBayNgan: 'hg-chauthanha-bayngan-ubnd',
} as const;

export interface DemoUnit {
  id: string;
  kind: UnitKind;
  agencyType?: AgencyType;
  name: string;
  code?: string;
  agencyCode?: string;
  parentId: string | null;
  hotline: string;
  address: string;
}

const VT = 'Vị Thanh, Hậu Giang';
const CTA = 'Châu Thành A, Hậu Giang';

const province: DemoUnit[] = [
  { id: DEMO.province, kind: 'province', name: 'Tỉnh Hậu Giang', code: '93', parentId: null, hotline: '0293 3876 333', address: 'Số 02 đường Võ Văn Kiệt, ' + VT },
  { id: DEMO.ubndProvince, kind: 'agency', agencyType: 'people_committee', name: 'UBND tỉnh Hậu Giang', agencyCode: '000.00.00.H30', parentId: DEMO.province, hotline: '0293 3876 333', address: 'Số 02 đường Võ Văn Kiệt, ' + VT },
  { id: DEMO.vpUbnd, kind: 'agency', agencyType: 'office', name: 'Văn phòng UBND tỉnh Hậu Giang', agencyCode: '000.00.01.H30', parentId: DEMO.province, hotline: '0293 3876 334', address: 'Số 02 đường Võ Văn Kiệt, ' + VT },
  { id: DEMO.ttPvhcc, kind: 'agency', agencyType: 'service_centre', name: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang', agencyCode: '000.01.01.H30', parentId: DEMO.vpUbnd, hotline: '0293 3999 888', address: 'Số 09 đường Trần Hưng Đạo, ' + VT },
];

const departments: [string, string, string, string][] = [
  // id, name, agency code (DEMO numbering under H30), hotline (DEMO)
  [DEMO_EXTRA.soNoiVu, 'Sở Nội vụ', '000.00.02.H30', '0293 3870 102'],
  [DEMO.soTuPhap, 'Sở Tư pháp', '000.00.03.H30', '0293 3870 103'],
  [DEMO.soKhdt, 'Sở Kế hoạch và Đầu tư', '000.00.04.H30', '0293 3870 104'],
  [DEMO_EXTRA.soTaiChinh, 'Sở Tài chính', '000.00.05.H30', '0293 3870 105'],
  [DEMO.soTnmt, 'Sở Tài nguyên và Môi trường', '000.00.06.H30', '0293 3870 106'],
  [DEMO.soXayDung, 'Sở Xây dựng', '000.00.07.H30', '0293 3870 107'],
  [DEMO.soGtvt, 'Sở Giao thông vận tải', '000.00.08.H30', '0293 3870 108'],
  [DEMO.soLdtbxh, 'Sở Lao động - Thương binh và Xã hội', '000.00.09.H30', '0293 3870 109'],
  [DEMO.soYTe, 'Sở Y tế', '000.00.10.H30', '0293 3870 110'],
  [DEMO.soGddt, 'Sở Giáo dục và Đào tạo', '000.00.11.H30', '0293 3870 111'],
  [DEMO.soTttt, 'Sở Thông tin và Truyền thông', '000.00.12.H30', '0293 3870 112'],
];

const agencies: DemoUnit[] = [
  ...departments.map(([id, name, agencyCode, hotline], i): DemoUnit => ({
    id,
    kind: 'agency',
    agencyType: 'department',
    name,
    agencyCode,
    parentId: DEMO.province,
    hotline,
    address: `Số ${10 + i * 2} đường Võ Văn Kiệt, ${VT}`,
  })),
  { id: DEMO.congAn, kind: 'agency', agencyType: 'police', name: 'Công an tỉnh Hậu Giang', agencyCode: '000.00.13.H30', parentId: DEMO.province, hotline: '0293 3870 113', address: 'Số 01 đường Trần Hưng Đạo, ' + VT },
];

function withCommittee(u: DemoUnit, committeeId: string, committeeName: string, agencyCode: string): DemoUnit[] {
  return [u, { id: committeeId, kind: 'agency', agencyType: 'people_committee', name: committeeName, agencyCode, parentId: u.id, hotline: u.hotline, address: u.address }];
}

// Districts: Vị Thanh was a "thị xã" until Resolution 34/NQ-CP (2010) made it a city.
const districts: DemoUnit[] = [
  ...withCommittee({ id: DEMO.viThanh, kind: 'district', name: 'Thị xã Vị Thanh', code: '930', parentId: DEMO.province, hotline: '0293 3878 100', address: 'Số 01 đường Hòa Bình, ' + VT }, DEMO.ubndViThanh, 'UBND thị xã Vị Thanh', '000.00.21.H30'),
  ...withCommittee({ id: DEMO.chauThanhA, kind: 'district', name: 'Huyện Châu Thành A', code: '932', parentId: DEMO.province, hotline: '0293 3946 100', address: 'Thị trấn Một Ngàn, ' + CTA }, DEMO.ubndChauThanhA, 'UBND huyện Châu Thành A', '000.00.23.H30'),
];

function commune(id: string, committeeId: string, name: string, committeeName: string, code: string, parentId: string, agencyCode: string, hotline: string, place: string): DemoUnit[] {
  return withCommittee({ id, kind: 'commune', name, code, parentId, hotline, address: place }, committeeId, committeeName, agencyCode);
}

const communes: DemoUnit[] = [
  ...commune(DEMO.phuong1, DEMO.ubndPhuong1, 'Phường I', 'UBND phường I', '31318', DEMO.viThanh, '000.01.21.H30', '0293 3878 201', 'Số 05 đường Trần Hưng Đạo, Phường I, ' + VT),
  ...commune(DEMO.phuong3, DEMO.ubndPhuong3, 'Phường III', 'UBND phường III', '31321', DEMO.viThanh, '000.02.21.H30', '0293 3878 203', 'Số 20 đường 3 Tháng 2, Phường III, ' + VT),
  ...commune(DEMO.hoaLuu, DEMO.ubndHoaLuu, 'Xã Hỏa Lựu', 'UBND xã Hỏa Lựu', '31336', DEMO.viThanh, '000.03.21.H30', '0293 3878 206', 'Ấp Thạnh Lợi, xã Hỏa Lựu, ' + VT),
  ...commune(DEMO_EXTRA.tanTien, DEMO_EXTRA.ubndTanTien, 'Xã Tân Tiến', 'UBND xã Tân Tiến', '31338', DEMO.viThanh, '000.04.21.H30', '0293 3878 207', 'Xã Tân Tiến, ' + VT),
  ...commune(DEMO_EXTRA.hoaTien, DEMO_EXTRA.ubndHoaTien, 'Xã Hỏa Tiến', 'UBND xã Hỏa Tiến', '31339', DEMO.viThanh, '000.05.21.H30', '0293 3878 208', 'Xã Hỏa Tiến, ' + VT),
  ...commune(DEMO.motNgan, DEMO.ubndMotNgan, 'Thị trấn Một Ngàn', 'UBND thị trấn Một Ngàn', '31342', DEMO.chauThanhA, '000.01.23.H30', '0293 3946 201', 'Ấp 1A, thị trấn Một Ngàn, ' + CTA),
  ...commune(DEMO.tanHoa, DEMO.ubndTanHoa, 'Xã Tân Hòa', 'UBND xã Tân Hòa', '31345', DEMO.chauThanhA, '000.02.23.H30', '0293 3946 202', 'Ấp Tân Phú, xã Tân Hòa, ' + CTA),
  ...commune(DEMO_EXTRA.bayNgan, DEMO_EXTRA.ubndBayNgan, 'Thị trấn Bảy Ngàn', 'UBND thị trấn Bảy Ngàn', '31346', DEMO.chauThanhA, '000.04.23.H30', '0293 3946 204', 'Thị trấn Bảy Ngàn, ' + CTA),
  ...commune(DEMO.nhonNghiaA, DEMO.ubndNhonNghiaA, 'Xã Nhơn Nghĩa A', 'UBND xã Nhơn Nghĩa A', '31357', DEMO.chauThanhA, '000.03.23.H30', '0293 3946 203', 'Ấp Nhơn Thuận, xã Nhơn Nghĩa A, ' + CTA),
];

/** In creation order (parents first). All exist from FOUNDED. */
export const DEMO_UNITS: DemoUnit[] = [...province, ...agencies, ...districts, ...communes];

export const DECISIONS = {
  founded: 'Nghị quyết số 22/2003/QH11',
  viThanhCity: 'Nghị quyết số 34/NQ-CP',
  communes2025: 'Nghị quyết số 1668/NQ-UBTVQH15',
  twoTier: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
} as const;
