/**
 * The demo province: Tỉnh Hậu Giang (93) from 2004 with the districts of Vị Thanh and Châu Thành
 * A, and from 1/7/2025 Thành phố Cần Thơ (92) with the wards and communes that replaced them,
 * directly under the city. Sources and choices: docs/decisions-units.md.
 *
 * Real: province codes 93 (Hậu Giang), 92 (Cần Thơ); district codes 930, 932; the old commune
 * codes 31318, 31321, 31330, 31336, 31338, 31339, 31342, 31345, 31346, 31357 (national list,
 * Decision 124/2004/QĐ-TTg and updates); the new commune codes 31321, 31333, 31338, 31342,
 * 31348, 31360, 31369 (Decision 19/2025/QĐ-TTg, as reproduced in public data sets); UBND tỉnh
 * Hậu Giang = 000.00.00.H30 (Decision 1220/QĐ-UBND of 16/08/2018); the mergers of Resolution
 * 1668/NQ-UBTVQH15 (16/6/2025) and Resolution 202/2025/QH15 (12/6/2025), both effective 1/7/2025.
 * DEMO (plausible, not official): every other agency identifier, hotline and address, the
 * reception points.
 */
import { DEMO } from './demo';
import type { AgencyType, UnitKind } from './model';

export const FOUNDED = '2004-01-01'; // Tỉnh Hậu Giang and Thành phố Cần Thơ exist from 1/1/2004 (Resolution 22/2003/QH11)
export const REFORM = '2025-07-01'; // two-tier local government; Hậu Giang merged into Cần Thơ

/** Units seeded by the demo in addition to those of DEMO (predecessors of the 2025 mergers, more departments). */
export const DEMO_EXTRA = {
  soNoiVu: 'hg-sonv',
  soTaiChinh: 'hg-sotc',
  phuong4: 'hg-vithanh-p4', // Phường IV -> Phường Vị Tân
  ubndPhuong4: 'hg-vithanh-p4-ubnd',
  phuong5: 'hg-vithanh-p5', // Phường V -> Phường Vị Tân (final list; see the conflict in docs/decisions-units.md)
  ubndPhuong5: 'hg-vithanh-p5-ubnd',
  phuong7: 'hg-vithanh-p7', // Phường VII -> Phường Vị Thanh
  ubndPhuong7: 'hg-vithanh-p7-ubnd',
  hoaTien: 'hg-vithanh-hoatien', // Xã Hỏa Tiến -> Xã Hỏa Lựu
  ubndHoaTien: 'hg-vithanh-hoatien-ubnd',
  tanTien: 'hg-vithanh-tantien', // Xã Tân Tiến -> Xã Hỏa Lựu
  ubndTanTien: 'hg-vithanh-tantien-ubnd',
  bayNgan: 'hg-chauthanha-bayngan', // Thị trấn Bảy Ngàn -> Xã Tân Hòa
  ubndBayNgan: 'hg-chauthanha-bayngan-ubnd',
  rachGoi: 'hg-chauthanha-rachgoi', // Thị trấn Rạch Gòi -> Xã Thạnh Xuân
  ubndRachGoi: 'hg-chauthanha-rachgoi-ubnd',
  tanPhuThanh: 'hg-chauthanha-tanphuthanh', // Xã Tân Phú Thạnh -> Xã Thạnh Xuân
  ubndTanPhuThanh: 'hg-chauthanha-tanphuthanh-ubnd',
  truongLongA: 'hg-chauthanha-truonglonga', // Xã Trường Long A -> Xã Trường Long Tây
  ubndTruongLongA: 'hg-chauthanha-truonglonga-ubnd',
  caiTac: 'hg-chauthanha-caitac', // Thị trấn Cái Tắc -> Xã Đông Phước
  ubndCaiTac: 'hg-chauthanha-caitac-ubnd',
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

// Present contact addresses are written as they read today (after 1/7/2025).
const CT = 'thành phố Cần Thơ';
const VT = 'phường Vị Thanh, ' + CT;

const cities: DemoUnit[] = [
  {
    id: DEMO.province,
    kind: 'province',
    name: 'Thành phố Cần Thơ',
    code: '92',
    parentId: null,
    hotline: '0292 3820 000',
    address: 'Số 02 đường Hòa Bình, phường Ninh Kiều, ' + CT,
  },
  {
    id: DEMO.ubndProvince,
    kind: 'agency',
    agencyType: 'people_committee',
    name: 'UBND thành phố Cần Thơ',
    agencyCode: '000.00.00.H13' /* DEMO: not confirmed */,
    parentId: DEMO.province,
    hotline: '0292 3820 000',
    address: 'Số 02 đường Hòa Bình, phường Ninh Kiều, ' + CT,
  },
  {
    id: DEMO.hauGiang,
    kind: 'province',
    name: 'Tỉnh Hậu Giang',
    code: '93',
    parentId: null,
    hotline: '0293 3876 333',
    address: 'Số 02 đường Võ Văn Kiệt, ' + VT,
  },
  {
    id: DEMO.ubndHauGiang,
    kind: 'agency',
    agencyType: 'people_committee',
    name: 'UBND tỉnh Hậu Giang',
    agencyCode: '000.00.00.H30',
    parentId: DEMO.hauGiang,
    hotline: '0293 3876 333',
    address: 'Số 02 đường Võ Văn Kiệt, ' + VT,
  },
  {
    id: DEMO.vpUbnd,
    kind: 'agency',
    agencyType: 'office',
    name: 'Văn phòng UBND tỉnh Hậu Giang',
    agencyCode: '000.00.01.H30',
    parentId: DEMO.hauGiang,
    hotline: '0293 3876 334',
    address: 'Số 02 đường Võ Văn Kiệt, ' + VT,
  },
  {
    id: DEMO.ttPvhcc,
    kind: 'agency',
    agencyType: 'service_centre',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Hậu Giang',
    agencyCode: '000.01.01.H30',
    parentId: DEMO.vpUbnd,
    hotline: '0293 3999 888',
    address: 'Số 09 đường Trần Hưng Đạo, ' + VT,
  },
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
    parentId: DEMO.hauGiang,
    hotline,
    address: `Số ${10 + i * 2} đường Võ Văn Kiệt, ${VT}`,
  })),
  {
    id: DEMO.congAn,
    kind: 'agency',
    agencyType: 'police',
    name: 'Công an tỉnh Hậu Giang',
    agencyCode: '000.00.13.H30',
    parentId: DEMO.hauGiang,
    hotline: '0293 3870 113',
    address: 'Số 01 đường Trần Hưng Đạo, ' + VT,
  },
];

function withCommittee(u: DemoUnit, committeeId: string, committeeName: string, agencyCode: string | undefined): DemoUnit[] {
  return [
    u,
    {
      id: committeeId,
      kind: 'agency',
      agencyType: 'people_committee',
      name: committeeName,
      agencyCode,
      parentId: u.id,
      hotline: u.hotline,
      address: u.address,
    },
  ];
}

// Districts: Vị Thanh was a "thị xã" until Resolution 34/NQ-CP (2010) made it a city.
const districts: DemoUnit[] = [
  ...withCommittee(
    {
      id: DEMO.viThanh,
      kind: 'district',
      name: 'Thị xã Vị Thanh',
      code: '930',
      parentId: DEMO.hauGiang,
      hotline: '0293 3878 100',
      address: 'Số 01 đường Hòa Bình, ' + VT,
    },
    DEMO.ubndViThanh,
    'UBND thị xã Vị Thanh',
    '000.00.21.H30',
  ),
  ...withCommittee(
    {
      id: DEMO.chauThanhA,
      kind: 'district',
      name: 'Huyện Châu Thành A',
      code: '932',
      parentId: DEMO.hauGiang,
      hotline: '0293 3946 100',
      address: 'Ấp 1A, xã Tân Hòa, ' + CT,
    },
    DEMO.ubndChauThanhA,
    'UBND huyện Châu Thành A',
    '000.00.23.H30',
  ),
];

function commune(
  id: string,
  committeeId: string,
  name: string,
  committeeName: string,
  code: string | undefined,
  parentId: string,
  agencyCode: string | undefined,
  hotline: string,
  place: string,
): DemoUnit[] {
  return withCommittee({ id, kind: 'commune', name, code, parentId, hotline, address: place }, committeeId, committeeName, agencyCode);
}

const X = DEMO_EXTRA;
const communes: DemoUnit[] = [
  // Thành phố Vị Thanh: 5 wards and 4 communes (Decree 45/1999/NĐ-CP, Decree 48/2003/NĐ-CP for Phường VII).
  ...commune(
    DEMO.phuong1,
    DEMO.ubndPhuong1,
    'Phường I',
    'UBND phường I',
    '31318',
    DEMO.viThanh,
    '000.01.21.H30',
    '0293 3878 201',
    'Số 05 đường Trần Hưng Đạo, ' + VT,
  ),
  ...commune(
    DEMO.phuong3,
    DEMO.ubndPhuong3,
    'Phường III',
    'UBND phường III',
    '31321',
    DEMO.viThanh,
    '000.02.21.H30',
    '0293 3878 203',
    'Số 20 đường 3 Tháng 2, ' + VT,
  ),
  ...commune(X.phuong4, X.ubndPhuong4, 'Phường IV', 'UBND phường IV', undefined, DEMO.viThanh, '000.07.21.H30', '0293 3878 204', 'Phường Vị Tân, ' + CT),
  ...commune(X.phuong5, X.ubndPhuong5, 'Phường V', 'UBND phường V', undefined, DEMO.viThanh, '000.08.21.H30', '0293 3878 205', 'Phường Vị Tân, ' + CT),
  ...commune(
    X.phuong7,
    X.ubndPhuong7,
    'Phường VII',
    'UBND phường VII',
    '31330',
    DEMO.viThanh,
    '000.09.21.H30',
    '0293 3878 207',
    'Số 997 đường Trần Hưng Đạo, ' + VT,
  ),
  ...commune(DEMO.viTan, DEMO.ubndViTan, 'Xã Vị Tân', 'UBND xã Vị Tân', undefined, DEMO.viThanh, '000.06.21.H30', '0293 3878 209', 'Phường Vị Tân, ' + CT),
  ...commune(
    DEMO.hoaLuu,
    DEMO.ubndHoaLuu,
    'Xã Hỏa Lựu',
    'UBND xã Hỏa Lựu',
    '31336',
    DEMO.viThanh,
    '000.03.21.H30',
    '0293 3878 206',
    'Ấp Thạnh Lợi, xã Hỏa Lựu, ' + CT,
  ),
  ...commune(X.tanTien, X.ubndTanTien, 'Xã Tân Tiến', 'UBND xã Tân Tiến', '31338', DEMO.viThanh, '000.04.21.H30', '0293 3878 208', 'Xã Hỏa Lựu, ' + CT),
  ...commune(X.hoaTien, X.ubndHoaTien, 'Xã Hỏa Tiến', 'UBND xã Hỏa Tiến', '31339', DEMO.viThanh, '000.05.21.H30', '0293 3878 210', 'Xã Hỏa Lựu, ' + CT),
  // Huyện Châu Thành A (the part the demo models).
  ...commune(
    DEMO.motNgan,
    DEMO.ubndMotNgan,
    'Thị trấn Một Ngàn',
    'UBND thị trấn Một Ngàn',
    '31342',
    DEMO.chauThanhA,
    '000.01.23.H30',
    '0293 3946 201',
    'Ấp 1A, xã Tân Hòa, ' + CT,
  ),
  ...commune(
    DEMO.tanHoa,
    DEMO.ubndTanHoa,
    'Xã Tân Hòa',
    'UBND xã Tân Hòa',
    '31345',
    DEMO.chauThanhA,
    '000.02.23.H30',
    '0293 3946 202',
    'Ấp Tân Phú, xã Tân Hòa, ' + CT,
  ),
  ...commune(
    X.bayNgan,
    X.ubndBayNgan,
    'Thị trấn Bảy Ngàn',
    'UBND thị trấn Bảy Ngàn',
    '31346',
    DEMO.chauThanhA,
    '000.04.23.H30',
    '0293 3946 204',
    'Xã Tân Hòa, ' + CT,
  ),
  ...commune(
    DEMO.nhonNghiaA,
    DEMO.ubndNhonNghiaA,
    'Xã Nhơn Nghĩa A',
    'UBND xã Nhơn Nghĩa A',
    '31357',
    DEMO.chauThanhA,
    '000.03.23.H30',
    '0293 3946 203',
    'Ấp Nhơn Thuận, xã Tân Hòa, ' + CT,
  ),
  ...commune(
    X.rachGoi,
    X.ubndRachGoi,
    'Thị trấn Rạch Gòi',
    'UBND thị trấn Rạch Gòi',
    undefined,
    DEMO.chauThanhA,
    '000.08.23.H30',
    '0293 3946 205',
    'Xã Thạnh Xuân, ' + CT,
  ),
  ...commune(
    X.tanPhuThanh,
    X.ubndTanPhuThanh,
    'Xã Tân Phú Thạnh',
    'UBND xã Tân Phú Thạnh',
    undefined,
    DEMO.chauThanhA,
    '000.09.23.H30',
    '0293 3946 206',
    'Xã Thạnh Xuân, ' + CT,
  ),
  ...commune(
    DEMO.thanhXuan,
    DEMO.ubndThanhXuan,
    'Xã Thạnh Xuân',
    'UBND xã Thạnh Xuân',
    undefined,
    DEMO.chauThanhA,
    '000.05.23.H30',
    '0293 3946 207',
    'Xã Thạnh Xuân, ' + CT,
  ),
  ...commune(
    X.truongLongA,
    X.ubndTruongLongA,
    'Xã Trường Long A',
    'UBND xã Trường Long A',
    undefined,
    DEMO.chauThanhA,
    '000.10.23.H30',
    '0293 3946 208',
    'Xã Trường Long Tây, ' + CT,
  ),
  ...commune(
    DEMO.truongLongTay,
    DEMO.ubndTruongLongTay,
    'Xã Trường Long Tây',
    'UBND xã Trường Long Tây',
    undefined,
    DEMO.chauThanhA,
    '000.06.23.H30',
    '0293 3946 209',
    'Xã Trường Long Tây, ' + CT,
  ),
  ...commune(
    X.caiTac,
    X.ubndCaiTac,
    'Thị trấn Cái Tắc',
    'UBND thị trấn Cái Tắc',
    undefined,
    DEMO.chauThanhA,
    '000.11.23.H30',
    '0293 3946 210',
    'Xã Đông Phước, ' + CT,
  ),
];

/** In creation order (parents first). All exist from FOUNDED. */
export const DEMO_UNITS: DemoUnit[] = [...cities, ...agencies, ...districts, ...communes];

export const DECISIONS = {
  founded: 'Nghị quyết số 22/2003/QH11',
  viThanhCity: 'Nghị quyết số 34/NQ-CP',
  communes2025: 'Nghị quyết số 1668/NQ-UBTVQH15',
  provinces2025: 'Nghị quyết số 202/2025/QH15',
  twoTier: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15',
  centres: 'Nghị định số 118/2025/NĐ-CP',
} as const;

export interface CommuneMerger {
  /** The successor (keeps its id), its name and code from 1/7/2025. */
  targetId: string;
  name: string;
  code: string;
  committeeName: string;
  sources: string[];
}

/** Resolution 1668/NQ-UBTVQH15 (16/6/2025), effective 1/7/2025, as far as the demo models it. */
export const COMMUNE_MERGERS: CommuneMerger[] = [
  { targetId: DEMO.phuong1, name: 'Phường Vị Thanh', code: '31321', committeeName: 'UBND phường Vị Thanh', sources: [DEMO.phuong3, X.phuong7] },
  { targetId: DEMO.viTan, name: 'Phường Vị Tân', code: '31333', committeeName: 'UBND phường Vị Tân', sources: [X.phuong4, X.phuong5] },
  { targetId: DEMO.hoaLuu, name: 'Xã Hỏa Lựu', code: '31338', committeeName: 'UBND xã Hỏa Lựu', sources: [X.hoaTien, X.tanTien] },
  { targetId: DEMO.tanHoa, name: 'Xã Tân Hòa', code: '31342', committeeName: 'UBND xã Tân Hòa', sources: [DEMO.motNgan, X.bayNgan, DEMO.nhonNghiaA] },
  { targetId: DEMO.thanhXuan, name: 'Xã Thạnh Xuân', code: '31360', committeeName: 'UBND xã Thạnh Xuân', sources: [X.rachGoi, X.tanPhuThanh] },
  { targetId: DEMO.truongLongTay, name: 'Xã Trường Long Tây', code: '31348', committeeName: 'UBND xã Trường Long Tây', sources: [X.truongLongA] },
  // New unit: Đông Thạnh and Đông Phước A (of Huyện Châu Thành) also went into it; not in the demo.
  { targetId: DEMO.dongPhuoc, name: 'Xã Đông Phước', code: '31369', committeeName: 'UBND xã Đông Phước', sources: [X.caiTac] },
];

/** Units created on 1/7/2025: the new commune, the commune centres (Decree 118/2025 Art. 7) and reception points (DEMO). */
export const NEW_UNITS: DemoUnit[] = [
  ...withCommittee(
    {
      id: DEMO.dongPhuoc,
      kind: 'commune',
      name: 'Xã Đông Phước',
      code: '31369',
      parentId: DEMO.province,
      hotline: '0293 3946 211',
      address: 'Ấp Long An A, xã Đông Phước, ' + CT,
    },
    DEMO.ubndDongPhuoc,
    'UBND xã Đông Phước',
    '000.07.23.H30',
  ),
];

export const CENTRES: {
  id: string;
  ubndId: string;
  name: string;
  hotline: string;
  address: string;
  points: { id: string; name: string; address: string }[];
}[] = [
  {
    id: DEMO.ttPhuong1,
    ubndId: DEMO.ubndPhuong1,
    name: 'Trung tâm phục vụ hành chính công phường Vị Thanh',
    hotline: '0293 3878 200',
    address: 'Số 05 đường Trần Hưng Đạo, ' + VT,
    points: [{ id: `${DEMO.ttPhuong1}-dtn1`, name: 'Điểm tiếp nhận số 1 phường Vị Thanh (trụ sở phường III cũ)', address: 'Số 20 đường 3 Tháng 2, ' + VT }],
  },
  {
    id: DEMO.ttViTan,
    ubndId: DEMO.ubndViTan,
    name: 'Trung tâm phục vụ hành chính công phường Vị Tân',
    hotline: '0293 3878 209',
    address: 'Phường Vị Tân, ' + CT,
    points: [],
  },
  {
    id: DEMO.ttHoaLuu,
    ubndId: DEMO.ubndHoaLuu,
    name: 'Trung tâm phục vụ hành chính công xã Hỏa Lựu',
    hotline: '0293 3878 206',
    address: 'Ấp Thạnh Lợi, xã Hỏa Lựu, ' + CT,
    points: [{ id: `${DEMO.ttHoaLuu}-dtn1`, name: 'Điểm tiếp nhận số 1 xã Hỏa Lựu (trụ sở xã Hỏa Tiến cũ)', address: 'Xã Hỏa Lựu, ' + CT }],
  },
  {
    id: DEMO.ttTanHoa,
    ubndId: DEMO.ubndTanHoa,
    name: 'Trung tâm phục vụ hành chính công xã Tân Hòa',
    hotline: '0293 3946 200',
    address: 'Ấp 1A, xã Tân Hòa, ' + CT,
    points: [{ id: `${DEMO.ttTanHoa}-dtn1`, name: 'Điểm tiếp nhận số 1 xã Tân Hòa (trụ sở thị trấn Bảy Ngàn cũ)', address: 'Xã Tân Hòa, ' + CT }],
  },
  {
    id: DEMO.ttThanhXuan,
    ubndId: DEMO.ubndThanhXuan,
    name: 'Trung tâm phục vụ hành chính công xã Thạnh Xuân',
    hotline: '0293 3946 207',
    address: 'Xã Thạnh Xuân, ' + CT,
    points: [],
  },
  {
    id: DEMO.ttTruongLongTay,
    ubndId: DEMO.ubndTruongLongTay,
    name: 'Trung tâm phục vụ hành chính công xã Trường Long Tây',
    hotline: '0293 3946 209',
    address: 'Xã Trường Long Tây, ' + CT,
    points: [],
  },
  {
    id: DEMO.ttDongPhuoc,
    ubndId: DEMO.ubndDongPhuoc,
    name: 'Trung tâm phục vụ hành chính công xã Đông Phước',
    hotline: '0293 3946 211',
    address: 'Ấp Long An A, xã Đông Phước, ' + CT,
    points: [],
  },
];

/** Provincial agencies renamed with the city on 1/7/2025 (departments keep their names). */
export const CITY_RENAMES: [string, string][] = [
  [DEMO.vpUbnd, 'Văn phòng UBND thành phố Cần Thơ'],
  [DEMO.ttPvhcc, 'Trung tâm Phục vụ hành chính công thành phố Cần Thơ'],
  [DEMO.congAn, 'Công an thành phố Cần Thơ'],
];
