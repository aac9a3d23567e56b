/**
 * Stable ids of the demo province's units and agencies, for the seeds of every module and
 * for tests. The units module seeds them (with names, official codes and history); others
 * refer to them by these ids only.
 */
export const DEMO = {
  province: 'hg', // Tỉnh Hậu Giang
  // People's committees and agencies of the province
  ubndProvince: 'hg-ubnd', // UBND tỉnh Hậu Giang
  vpUbnd: 'hg-vpubnd', // Văn phòng UBND tỉnh (monitors, procedure control)
  ttPvhcc: 'hg-ttpvhcc', // Trung tâm Phục vụ hành chính công tỉnh (provincial one-stop desk)
  soTuPhap: 'hg-sotp', // Sở Tư pháp
  soKhdt: 'hg-sokhdt', // Sở Kế hoạch và Đầu tư
  soTnmt: 'hg-sotnmt', // Sở Tài nguyên và Môi trường
  soXayDung: 'hg-soxd', // Sở Xây dựng
  soGtvt: 'hg-sogtvt', // Sở Giao thông vận tải
  soLdtbxh: 'hg-soldtbxh', // Sở Lao động - Thương binh và Xã hội
  soYTe: 'hg-soyt', // Sở Y tế
  soGddt: 'hg-sogddt', // Sở Giáo dục và Đào tạo
  soTttt: 'hg-sotttt', // Sở Thông tin và Truyền thông
  congAn: 'hg-ca', // Công an tỉnh
  // Districts (until 30/6/2025) and their people's committees
  viThanh: 'hg-vithanh', // Thành phố Vị Thanh
  ubndViThanh: 'hg-vithanh-ubnd',
  chauThanhA: 'hg-chauthanha', // Huyện Châu Thành A
  ubndChauThanhA: 'hg-chauthanha-ubnd',
  // Communes and their people's committees
  phuong1: 'hg-vithanh-p1', // Phường I, TP Vị Thanh
  ubndPhuong1: 'hg-vithanh-p1-ubnd',
  phuong3: 'hg-vithanh-p3', // Phường III
  ubndPhuong3: 'hg-vithanh-p3-ubnd',
  hoaLuu: 'hg-vithanh-hoaluu', // Xã Hỏa Lựu
  ubndHoaLuu: 'hg-vithanh-hoaluu-ubnd',
  motNgan: 'hg-chauthanha-motngan', // Thị trấn Một Ngàn
  ubndMotNgan: 'hg-chauthanha-motngan-ubnd',
  tanHoa: 'hg-chauthanha-tanhoa', // Xã Tân Hòa
  ubndTanHoa: 'hg-chauthanha-tanhoa-ubnd',
  nhonNghiaA: 'hg-chauthanha-nhonnghiaa', // Xã Nhơn Nghĩa A
  ubndNhonNghiaA: 'hg-chauthanha-nhonnghiaa-ubnd',
} as const;
