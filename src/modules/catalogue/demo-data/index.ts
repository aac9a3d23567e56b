/**
 * The demo procedure catalogue: real procedures of the province and commune levels with their
 * national codes (d.dddddd). Sources, and the codes not confirmed against the national
 * database: SOURCES.md.
 */
import type { ProcedureSeed } from './types';
import { HO_TICH, HO_TICH_LIEN_THONG } from './ho-tich';
import { CONG_AN } from './cong-an';
import { TU_PHAP } from './tu-phap';
import { DAT_DAI } from './dat-dai';
import { KINH_DOANH } from './kinh-doanh';
import { KHAC } from './khac';

export type { ProcedureSeed } from './types';

export const DEMO_PROCEDURES: ProcedureSeed[] = [...HO_TICH, ...HO_TICH_LIEN_THONG, ...CONG_AN, ...TU_PHAP, ...DAT_DAI, ...KINH_DOANH, ...KHAC];

/**
 * The 25 essential online public services of Đề án 06 (Decision 06/QĐ-TTg) as listed by the
 * national portal, with the procedure codes that carry them out at province/commune level in
 * this catalogue. `null`: carried out by a central or non-State body (not a provincial/commune
 * procedure), so absent here.
 */
export const ESSENTIAL_SERVICES: { service: string; codes: string[] | null }[] = [
  { service: 'Xác nhận số chứng minh nhân dân khi đã được cấp thẻ căn cước công dân', codes: ['1.001248'] },
  { service: 'Cấp đổi, cấp lại thẻ căn cước công dân', codes: ['2.001195'] },
  { service: 'Đăng ký thường trú', codes: ['1.004222'] },
  { service: 'Đăng ký tạm trú', codes: ['1.004194'] },
  { service: 'Khai báo tạm vắng', codes: ['1.003677'] },
  { service: 'Thông báo lưu trú', codes: ['2.001159'] },
  { service: 'Đăng ký, cấp biển số mô tô, xe gắn máy', codes: ['1.011588'] },
  { service: 'Nộp phạt vi phạm hành chính giao thông đường bộ qua hình ảnh (phạt nguội)', codes: null },
  { service: 'Đăng ký khai sinh', codes: ['1.001193'] },
  { service: 'Đăng ký khai tử', codes: ['1.000656'] },
  { service: 'Đăng ký kết hôn', codes: ['1.000894'] },
  { service: 'Cấp, cấp lại hộ chiếu phổ thông', codes: ['2.002154'] },
  { service: 'Đăng ký mẫu con dấu mới, cấp giấy chứng nhận đăng ký mẫu con dấu', codes: ['1.115231'] },
  { service: 'Đăng ký lại / đổi, cấp lại giấy chứng nhận đăng ký mẫu con dấu; dấu nổi, dấu thu nhỏ, dấu xi', codes: ['1.115232'] },
  { service: 'Liên thông đăng ký khai sinh - đăng ký thường trú - cấp thẻ BHYT cho trẻ dưới 6 tuổi', codes: ['3.000722'] },
  { service: 'Liên thông đăng ký khai tử - xóa đăng ký thường trú - trợ cấp mai táng phí', codes: ['2.002913'] },
  { service: 'Gia hạn thẻ bảo hiểm y tế theo hộ gia đình (cơ quan BHXH)', codes: null },
  { service: 'Đăng ký biến động quyền sử dụng đất (chuyển nhượng, thừa kế, tặng cho...)', codes: ['1.013831'] },
  { service: 'Đăng ký biến động do thay đổi thông tin người sử dụng đất (giấy tờ nhân thân, địa chỉ)', codes: ['1.013833'] },
  { service: 'Cấp đổi, cấp lại giấy phép lái xe', codes: ['1.002804', '1.002820'] },
  { service: 'Đăng ký dự thi tốt nghiệp THPT và xét tuyển đại học, cao đẳng', codes: ['1.005142'] },
  { service: 'Cấp phiếu lý lịch tư pháp', codes: ['2.001417'] },
  { service: 'Giải quyết hưởng trợ cấp thất nghiệp', codes: ['1.001978'] },
  { service: 'Cấp điện mới từ lưới điện hạ áp (đơn vị điện lực)', codes: null },
  { service: 'Thay đổi chủ thể hợp đồng mua bán điện (đơn vị điện lực)', codes: null },
];
