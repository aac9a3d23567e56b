/**
 * The shape of the demo procedures (close to the national procedure database's record).
 * The catalogue's seed turns each into a published procedure with its first version.
 */
import type { TimeLimit } from '../../../platform/calendar/types';
import type { InternalProcess } from '../process';
import type { ComponentSpec, EFormDefinition, FeeSpec, OnlineLevel, UnitLevel } from '../snapshot';

export interface ProcedureSeed {
  code: string; // real national code, "1.001193"
  name: string; // "Đăng ký khai sinh"
  nameEn: string; // "Birth registration"
  field: { code: string; name: string; nameEn: string }; // lĩnh vực, e.g. { code: 'HT', name: 'Hộ tịch', nameEn: 'Civil status' }
  levels: UnitLevel[];
  onlineLevel: OnlineLevel;
  essential: boolean; // one of the 25 essential public services (Đề án 06)
  steps: string[]; // trình tự thực hiện, in order
  channels: ('in_person' | 'post' | 'online')[]; // cách thức thực hiện
  components: ComponentSpec[];
  processingTime: TimeLimit & { note?: string };
  onlineProcessingTime?: TimeLimit;
  applicants: ('citizen' | 'organisation')[];
  applicantNote?: string;
  /** Who decides and who receives, as agency kinds resolved on the units of the day
   * (catalogue/agencies.ts): 'commune' = UBND cấp xã; 'district' = UBND cấp huyện; or a unit's id
   * (the demo data writes `DEMO.soTuPhap`, i.e. 'hg-sotp'). */
  decidingAgency: string;
  receivingAgency: string;
  result: string;
  resultDocumentType?: string;
  fees: FeeSpec[];
  forms: { name: string; code?: string }[]; // mẫu đơn, tờ khai
  requirements: string; // yêu cầu, điều kiện ("Không" when none)
  legalBasis: string[]; // căn cứ pháp lý
  financialObligation: boolean;
  nationalPortalIntegrated: boolean;
  eForm: EFormDefinition;
  process: InternalProcess;
}
