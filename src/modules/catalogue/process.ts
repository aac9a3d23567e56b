/**
 * The internal process (quy trình nội bộ) of a procedure, as data: the contract between the
 * catalogue (which stores and edits it) and the dossier engine (which runs it).
 *
 * A dossier, once received, walks the steps in order. Each step is done by an officer holding
 * `role` at the unit named by `unit` (resolved per dossier: the receiving desk, the deciding
 * agency, or a fixed unit id for inter-agency steps), within `duration` of working time.
 * The sum of step durations should not exceed the procedure's processing time.
 */
import type { Role } from '../../platform/auth';
import type { TimeLimit } from '../../platform/calendar/types';

export type StepUnit =
  | { kind: 'receiving' } // the reception desk that received the dossier
  | { kind: 'deciding' } // the agency that decides (cơ quan giải quyết)
  | { kind: 'unit'; unitId: string }; // a fixed unit, e.g. another agency in a liên thông process

export interface ProcessStep {
  key: string; // stable within the process, e.g. "tham-dinh"
  name: string; // Vietnamese, e.g. "Thẩm định hồ sơ"
  nameEn: string;
  role: Role;
  unit: StepUnit;
  duration: TimeLimit;
  /** The step ends with the leader's approval (phê duyệt); the result may be signed here. */
  approval?: boolean;
}

export interface InternalProcess {
  steps: ProcessStep[];
}
