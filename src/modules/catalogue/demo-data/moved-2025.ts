/**
 * Demo procedures that moved between levels of government on 1/7/2025, when the district level
 * ended (two-tier local government, Law 72/2025/QH15). DEMO_PROCEDURES holds them as they are
 * today (commune level); `beforeMove` gives the version in force until 30/6/2025 (district level),
 * which the seed publishes first and keeps for the dossiers received before the move.
 * Sources and what is not confirmed: docs/decisions-law.md, "Procedures that moved between levels".
 */
import type { ProcedureSeed } from './types';
import { LEGAL } from './builders';

export interface MovedProcedure {
  code: string;
  /** Who received and decided until 30/6/2025 (agency kinds, as in ProcedureSeed). */
  before: { receivingAgency: string; decidingAgency: string; steps: string[] };
  /** Acts of the current version that did not exist before (dropped from the old version's legal basis). */
  newActs: string[];
  /** The act that gave the competence to the commune, as the current version cites it. */
  moveBasis: string;
  /**
   * How that act's allocation of this procedure is known (docs/decisions-law.md): 'summary' when published summaries of
   * the act state it, 'unread' when the act is cited but the clause was not read anywhere. No act's own text was read.
   */
  moveBasisRead: 'summary' | 'unread';
}

const HKD_BEFORE = {
  receivingAgency: 'district',
  decidingAgency: 'district',
  steps: [
    'Chủ hộ kinh doanh nộp hồ sơ tại Bộ phận Một cửa UBND cấp huyện nơi đặt địa điểm kinh doanh hoặc trực tuyến.',
    'Phòng Tài chính - Kế hoạch (cơ quan đăng ký kinh doanh cấp huyện) kiểm tra tính hợp lệ của hồ sơ; hồ sơ chưa hợp lệ thì thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
    'Cấp Giấy chứng nhận đăng ký hộ kinh doanh; thông tin được chuyển sang cơ quan thuế.',
  ],
};
const HKD = { before: HKD_BEFORE, newActs: [LEGAL.nd168_2025], moveBasis: LEGAL.nd168_2025, moveBasisRead: 'unread' as const };

export const DEMO_MOVED_2025: MovedProcedure[] = [
  { code: '1.001612', ...HKD },
  { code: '2.000720', ...HKD },
  { code: '1.001570', ...HKD },
  { code: '1.001266', ...HKD },
  {
    code: '1.013225',
    before: {
      receivingAgency: 'district',
      decidingAgency: 'district',
      steps: [
        'Chủ đầu tư nộp hồ sơ tại Bộ phận Một cửa UBND cấp huyện hoặc trực tuyến.',
        'Phòng Quản lý đô thị / Phòng Kinh tế và Hạ tầng kiểm tra hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch.',
        'Chủ tịch UBND cấp huyện ký giấy phép xây dựng; trả kết quả kèm bản vẽ có đóng dấu.',
      ],
    },
    // Decree 140/2025 (in force 1/7/2025): the commune's people's committee grants construction permits
    // (summaries published by Cần Thơ's legal-dissemination site and by SGGP, June 2025).
    newActs: [LEGAL.nd140_2025],
    moveBasis: LEGAL.nd140_2025,
    moveBasisRead: 'summary',
  },
  {
    code: '1.013978',
    before: {
      receivingAgency: 'commune',
      decidingAgency: 'district',
      steps: [
        'Người sử dụng đất nộp hồ sơ tại Bộ phận Một cửa UBND cấp xã (hoặc trực tuyến).',
        'UBND cấp xã kiểm tra hiện trạng, nguồn gốc sử dụng đất; niêm yết công khai 15 ngày; chuyển hồ sơ lên cấp huyện.',
        'Văn phòng đăng ký đất đai trích đo, chuyển thông tin cho cơ quan thuế xác định nghĩa vụ tài chính.',
        'UBND cấp huyện ký Giấy chứng nhận; trả kết quả sau khi người sử dụng đất hoàn thành nghĩa vụ tài chính.',
      ],
    },
    newActs: [LEGAL.nd151_2025],
    moveBasis: LEGAL.nd151_2025,
    moveBasisRead: 'unread',
  },
];

/** The version in force until 30/6/2025: the old agencies and steps, without the acts of 2025 that moved it. */
export function beforeMove(p: ProcedureSeed, m: MovedProcedure): ProcedureSeed {
  const levels = [
    ...new Set([m.before.receivingAgency, m.before.decidingAgency].filter((k) => k === 'district' || k === 'commune')),
  ] as ProcedureSeed['levels'];
  return {
    ...p,
    levels: levels.includes('district') ? ['district'] : levels,
    steps: m.before.steps,
    receivingAgency: m.before.receivingAgency,
    decidingAgency: m.before.decidingAgency,
    legalBasis: p.legalBasis.filter((l) => !m.newActs.includes(l)),
  };
}

/** Today's version cites the act that moved it first. */
export function afterMove(p: ProcedureSeed, m: MovedProcedure): ProcedureSeed {
  return { ...p, legalBasis: [m.moveBasis, ...p.legalBasis.filter((l) => l !== m.moveBasis)] };
}
