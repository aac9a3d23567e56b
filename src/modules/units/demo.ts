/**
 * Stable ids of the demo province's units and agencies, for the seeds of every module and
 * for tests. The units module seeds them (with names, official codes and history); others
 * refer to them by these ids only.
 *
 * The demo province today is Thành phố Cần Thơ (92, from 1/7/2025, Resolution 202/2025/QH15);
 * Tỉnh Hậu Giang (93) and its districts and communes are its history until 30/6/2025. A unit
 * that survived a 2025 merger as the successor keeps its id (e.g. `hg-vithanh-p1`: Phường I
 * until 30/6/2025, Phường Vị Thanh from 1/7/2025), so ids stay stable for dossiers and seeds.
 * Sources and choices: docs/decisions-units.md.
 */
export const DEMO = {
  province: 'ct', // Thành phố Cần Thơ (from 1/7/2025; the province of today)
  // People's committees and agencies of the province (moved from Hậu Giang on 1/7/2025)
  ubndProvince: 'ct-ubnd', // UBND thành phố Cần Thơ
  vpUbnd: 'hg-vpubnd', // Văn phòng UBND tỉnh Hậu Giang -> thành phố Cần Thơ (monitors, procedure control)
  ttPvhcc: 'hg-ttpvhcc', // Trung tâm Phục vụ hành chính công tỉnh Hậu Giang -> thành phố Cần Thơ
  soTuPhap: 'hg-sotp', // Sở Tư pháp
  soKhdt: 'hg-sokhdt', // Sở Kế hoạch và Đầu tư
  soTnmt: 'hg-sotnmt', // Sở Tài nguyên và Môi trường
  soXayDung: 'hg-soxd', // Sở Xây dựng
  soGtvt: 'hg-sogtvt', // Sở Giao thông vận tải
  soLdtbxh: 'hg-soldtbxh', // Sở Lao động - Thương binh và Xã hội
  soYTe: 'hg-soyt', // Sở Y tế
  soGddt: 'hg-sogddt', // Sở Giáo dục và Đào tạo
  soTttt: 'hg-sotttt', // Sở Thông tin và Truyền thông
  congAn: 'hg-ca', // Công an tỉnh Hậu Giang -> Công an thành phố Cần Thơ
  // The former province (until 30/6/2025)
  hauGiang: 'hg', // Tỉnh Hậu Giang
  ubndHauGiang: 'hg-ubnd', // UBND tỉnh Hậu Giang
  // Districts (until 30/6/2025) and their people's committees
  viThanh: 'hg-vithanh', // Thành phố Vị Thanh
  ubndViThanh: 'hg-vithanh-ubnd',
  chauThanhA: 'hg-chauthanha', // Huyện Châu Thành A
  ubndChauThanhA: 'hg-chauthanha-ubnd',
  // Communes and their people's committees (the successor of a 2025 merger keeps its id)
  phuong1: 'hg-vithanh-p1', // Phường I, TP Vị Thanh; from 1/7/2025 Phường Vị Thanh (31321)
  ubndPhuong1: 'hg-vithanh-p1-ubnd', // UBND phường I -> UBND phường Vị Thanh
  ttPhuong1: 'hg-vithanh-p1-ttpvhcc', // Trung tâm phục vụ hành chính công phường Vị Thanh (from 1/7/2025)
  phuong3: 'hg-vithanh-p3', // Phường III (until 30/6/2025, merged into Phường Vị Thanh)
  ubndPhuong3: 'hg-vithanh-p3-ubnd',
  viTan: 'hg-vithanh-vitan', // Xã Vị Tân; from 1/7/2025 Phường Vị Tân (31333)
  ubndViTan: 'hg-vithanh-vitan-ubnd',
  ttViTan: 'hg-vithanh-vitan-ttpvhcc',
  hoaLuu: 'hg-vithanh-hoaluu', // Xã Hỏa Lựu (31336; from 1/7/2025 31338)
  ubndHoaLuu: 'hg-vithanh-hoaluu-ubnd',
  ttHoaLuu: 'hg-vithanh-hoaluu-ttpvhcc',
  motNgan: 'hg-chauthanha-motngan', // Thị trấn Một Ngàn (until 30/6/2025, merged into Xã Tân Hòa)
  ubndMotNgan: 'hg-chauthanha-motngan-ubnd',
  tanHoa: 'hg-chauthanha-tanhoa', // Xã Tân Hòa (31345; from 1/7/2025 31342)
  ubndTanHoa: 'hg-chauthanha-tanhoa-ubnd',
  ttTanHoa: 'hg-chauthanha-tanhoa-ttpvhcc',
  nhonNghiaA: 'hg-chauthanha-nhonnghiaa', // Xã Nhơn Nghĩa A (until 30/6/2025, merged into Xã Tân Hòa)
  ubndNhonNghiaA: 'hg-chauthanha-nhonnghiaa-ubnd',
  thanhXuan: 'hg-chauthanha-thanhxuan', // Xã Thạnh Xuân (from 1/7/2025 31360)
  ubndThanhXuan: 'hg-chauthanha-thanhxuan-ubnd',
  ttThanhXuan: 'hg-chauthanha-thanhxuan-ttpvhcc',
  truongLongTay: 'hg-chauthanha-truonglongtay', // Xã Trường Long Tây (from 1/7/2025 31348)
  ubndTruongLongTay: 'hg-chauthanha-truonglongtay-ubnd',
  ttTruongLongTay: 'hg-chauthanha-truonglongtay-ttpvhcc',
  dongPhuoc: 'ct-dongphuoc', // Xã Đông Phước (31369), new on 1/7/2025
  ubndDongPhuoc: 'ct-dongphuoc-ubnd',
  ttDongPhuoc: 'ct-dongphuoc-ttpvhcc',
} as const;

/** The communes of today (from 1/7/2025) with their people's committee and public administration service centre. */
export const DEMO_COMMUNES_TODAY = [
  { unitId: DEMO.phuong1, ubndId: DEMO.ubndPhuong1, centreId: DEMO.ttPhuong1 },
  { unitId: DEMO.viTan, ubndId: DEMO.ubndViTan, centreId: DEMO.ttViTan },
  { unitId: DEMO.hoaLuu, ubndId: DEMO.ubndHoaLuu, centreId: DEMO.ttHoaLuu },
  { unitId: DEMO.tanHoa, ubndId: DEMO.ubndTanHoa, centreId: DEMO.ttTanHoa },
  { unitId: DEMO.truongLongTay, ubndId: DEMO.ubndTruongLongTay, centreId: DEMO.ttTruongLongTay },
  { unitId: DEMO.thanhXuan, ubndId: DEMO.ubndThanhXuan, centreId: DEMO.ttThanhXuan },
  { unitId: DEMO.dongPhuoc, ubndId: DEMO.ubndDongPhuoc, centreId: DEMO.ttDongPhuoc },
] as const;
