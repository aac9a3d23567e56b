/**
 * Demo targets (chỉ tiêu): Hậu Giang 2023 (seed 000/001 Phụ lục I) and An Giang 2024 (seed 004
 * Phụ lục II, KH 505/KH-UBND). Each is tied to the indicator whose value measures it; a target
 * with no measurable indicator in the system (officials using online services, VNeID households,
 * NDXP services ...) has indicatorKey null and shows "no data".
 */
export interface TargetSeed {
  seq: number;
  section: string;
  name: string;
  indicatorKey: string | null;
  level?: 'province' | 'district' | 'commune';
  target: number; // percent
  basis: string;
}

export const HAU_GIANG_2023: { plan: string; year: number; rows: TargetSeed[] } = {
  plan: 'Kế hoạch UBND tỉnh Hậu Giang năm 2023 - Phụ lục I',
  year: 2023,
  rows: [
    { seq: 1, section: 'I. Chỉ tiêu về cung cấp dịch vụ công trực tuyến trên Cổng Dịch vụ công quốc gia', name: 'Tỷ lệ dịch vụ công trực tuyến toàn trình được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia', indicatorKey: null, target: 40, basis: 'Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023' },
    { seq: 2, section: 'II. Chỉ tiêu về sử dụng dịch vụ công trực tuyến', name: 'Tỷ lệ thủ tục hành chính cung cấp trực tuyến mức độ toàn trình và một phần có phát sinh hồ sơ', indicatorKey: 'onlineServicesUsed', target: 80, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 3, section: 'II. Chỉ tiêu về sử dụng dịch vụ công trực tuyến', name: 'Tỷ lệ hồ sơ được tiếp nhận và xử lý trực tuyến', indicatorKey: 'onlineDossiers', target: 90, basis: 'Quyết định số 905/QĐ-UBND ngày 31/5/2023' },
    { seq: 4, section: 'II. Chỉ tiêu về sử dụng dịch vụ công trực tuyến', name: 'Tỷ lệ thủ tục hành chính cung cấp trực tuyến được người dân, doanh nghiệp thực hiện trực tuyến từ xa', indicatorKey: 'onlineDossiers', target: 50, basis: 'Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023' },
    { seq: 5, section: 'II. Chỉ tiêu về sử dụng dịch vụ công trực tuyến', name: 'Tỷ lệ kết quả xử lý hồ sơ thủ tục hành chính được đồng bộ đầy đủ trên Cổng dịch vụ công quốc gia', indicatorKey: 'syncedDossiers', target: 100, basis: 'Nghị quyết số 01/NQ-CP ngày 06/01/2023' },
    { seq: 6, section: 'III. Chỉ tiêu về thanh toán trực tuyến', name: 'Tỷ lệ hồ sơ được thanh toán trực tuyến trên tổng số hồ sơ có thu phí của dịch vụ công', indicatorKey: 'paidOnline', target: 30, basis: 'Nghị quyết số 01/NQ-CP ngày 06/01/2023' },
    { seq: 7, section: 'III. Chỉ tiêu về thanh toán trực tuyến', name: 'Tỷ lệ thủ tục hành chính có phát sinh hồ sơ thanh toán trực tuyến trên tổng số thủ tục hành chính có thu phí', indicatorKey: 'proceduresPaidOnline', target: 60, basis: 'Nghị quyết số 01/NQ-CP ngày 06/01/2023' },
    { seq: 8, section: 'IV. Chỉ tiêu về kết quả giải quyết hồ sơ thủ tục hành chính', name: 'Tỷ lệ hồ sơ do cơ quan chuyên môn cấp tỉnh; UBND cấp huyện; UBND cấp xã được giải quyết trước hạn và đúng hạn', indicatorKey: 'onTimeRate', target: 95, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 9, section: 'V. Chỉ tiêu về số hóa kết quả giải quyết thủ tục hành chính', name: 'Kết quả giải quyết thủ tục hành chính được số hóa trên Hệ thống thông tin giải quyết thủ tục hành chính của Tỉnh - Cấp tỉnh', indicatorKey: 'electronicResults', level: 'province', target: 100, basis: 'Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023' },
    { seq: 10, section: 'V. Chỉ tiêu về số hóa kết quả giải quyết thủ tục hành chính', name: 'Kết quả giải quyết thủ tục hành chính được số hóa trên Hệ thống thông tin giải quyết thủ tục hành chính của Tỉnh - Cấp huyện', indicatorKey: 'electronicResults', level: 'district', target: 100, basis: 'Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023' },
    { seq: 11, section: 'V. Chỉ tiêu về số hóa kết quả giải quyết thủ tục hành chính', name: 'Kết quả giải quyết thủ tục hành chính được số hóa trên Hệ thống thông tin giải quyết thủ tục hành chính của Tỉnh - Cấp xã', indicatorKey: 'electronicResults', level: 'commune', target: 100, basis: 'Quyết định số 17/QĐ-UBQGCĐS ngày 04/4/2023' },
  ],
};

export const AN_GIANG_2024: { plan: string; year: number; rows: TargetSeed[] } = {
  plan: 'Kế hoạch số 505/KH-UBND ngày 21/5/2024 (An Giang) - Phụ lục II',
  year: 2024,
  rows: [
    { seq: 1, section: 'I. Chỉ tiêu về tích hợp, cung cấp DVCTT trên Cổng Dịch vụ công quốc gia', name: 'Tỷ lệ DVCTT được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia', indicatorKey: null, target: 100, basis: 'Tạo điều kiện thuận lợi cho tổ chức, cá nhân nộp hồ sơ trực tuyến từ Cổng dịch vụ công quốc gia' },
    { seq: 2, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ TTHC có đủ điều kiện được cung cấp trực tuyến toàn trình', indicatorKey: 'onlineProcedures', target: 100, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022; Kế hoạch số 1247/KH-UBND ngày 29/12/2023' },
    { seq: 3, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ hồ sơ TTHC được người dân, doanh nghiệp thực hiện trực tuyến từ xa', indicatorKey: 'onlineDossiers', target: 50, basis: 'Nghị quyết số 02/NQ-CP ngày 05/01/2024; Quyết định số 277/QĐ-UBND ngày 27/02/2024' },
    { seq: 4, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ hồ sơ trực tuyến toàn trình', indicatorKey: null, target: 100, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 5, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Cán bộ, công chức, viên chức sử dụng DVCTT và tuyên truyền, hướng dẫn người thân sử dụng DVCTT, hạn chế nộp hồ sơ trực tiếp', indicatorKey: null, target: 100, basis: 'Kế hoạch số 505/KH-UBND' },
    { seq: 6, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Mỗi hộ gia đình biết cách sử dụng và có tài khoản VNeID, đăng nhập và sử dụng DVCTT trên các Cổng dịch vụ công', indicatorKey: null, target: 100, basis: 'Kế hoạch số 505/KH-UBND' },
    { seq: 7, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ số dịch vụ dữ liệu có trên Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP) được đưa vào sử dụng chính thức', indicatorKey: null, target: 100, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 8, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ đồng bộ kết quả xử lý hồ sơ TTHC', indicatorKey: 'syncedDossiers', target: 100, basis: 'Quyết định số 277/QĐ-UBND ngày 27/02/2024' },
    { seq: 9, section: 'II. Chỉ tiêu về sử dụng DVCTT', name: 'Tỷ lệ hồ sơ TTHC được tiếp nhận, giải quyết trên Hệ thống thông tin giải quyết TTHC và phải liên thông, đồng bộ với Cổng dịch vụ công quốc gia', indicatorKey: 'syncedDossiers', target: 100, basis: 'Chỉ thị số 27/CT-TTg ngày 27/10/2023' },
    { seq: 10, section: 'III. Chỉ tiêu về thanh toán trực tuyến', name: 'Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia trên tổng số giao dịch thanh toán của dịch vụ công', indicatorKey: 'paidOnline', target: 45, basis: 'Nghị quyết số 02/NQ-CP ngày 05/01/2024; Quyết định số 277/QĐ-UBND ngày 27/02/2024' },
    { seq: 11, section: 'III. Chỉ tiêu về thanh toán trực tuyến', name: 'Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến trên tổng số TTHC có yêu cầu nghĩa vụ tài chính', indicatorKey: 'feeProceduresIntegrated', target: 100, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 12, section: 'III. Chỉ tiêu về thanh toán trực tuyến', name: 'Tỷ lệ TTHC có phát sinh giao dịch thanh toán trực tuyến trên tổng số TTHC đang triển khai thanh toán trực tuyến', indicatorKey: 'proceduresPaidOnline', target: 100, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 13, section: 'IV. Chỉ tiêu về kết quả giải quyết hồ sơ TTHC', name: 'Tỷ lệ hồ sơ do cơ quan chuyên môn cấp tỉnh; UBND cấp huyện; UBND cấp xã được giải quyết trước hạn và đúng hạn', indicatorKey: 'onTimeRate', target: 95, basis: 'Quyết định số 876/QĐ-BNV ngày 10/11/2022' },
    { seq: 14, section: 'V. Chỉ tiêu về số hóa hồ sơ, kết quả giải quyết TTHC', name: 'Triển khai quy trình số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC - Cấp huyện', indicatorKey: null, level: 'district', target: 100, basis: 'Quyết định số 468/QĐ-TTg ngày 27/3/2021' },
    { seq: 15, section: 'V. Chỉ tiêu về số hóa hồ sơ, kết quả giải quyết TTHC', name: 'Triển khai quy trình số hóa hồ sơ, giấy tờ, kết quả giải quyết TTHC - Cấp xã', indicatorKey: null, level: 'commune', target: 100, basis: 'Quyết định số 468/QĐ-TTg ngày 27/3/2021' },
    { seq: 16, section: 'V. Chỉ tiêu về số hóa hồ sơ, kết quả giải quyết TTHC', name: 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC', indicatorKey: 'digitized', target: 80, basis: 'Quyết định số 277/QĐ-UBND ngày 27/02/2024' },
  ],
};
