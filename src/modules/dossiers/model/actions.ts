/**
 * The dossier state machine as data: for each action, the states it may start from, who may
 * take it (role and the unit the role must be held at), the guards, and the next state.
 * `machine.ts` reads this table; nothing else decides a transition.
 */
import type { Role } from '../../../platform/auth';
import type { DossierState } from './states';

export const ACTIONS = [
  'receive', // tiếp nhận: receipt and appointment slip (Mẫu 01)
  'request_supplement', // yêu cầu bổ sung, hoàn thiện (Mẫu 02); the clock stops
  'supplement', // the applicant's supplement has arrived; the clock resumes
  'refuse', // từ chối (Mẫu 03)
  'assign', // phân công chuyên viên
  'forward', // chuyển bước tiếp theo (or finish the last step)
  'approve', // lãnh đạo phê duyệt (an approval step)
  'return_for_rework', // trả lại bước trước
  'consult', // xin ý kiến đơn vị khác
  'answer_consultation', // trả lời xin ý kiến
  'request_fee', // yêu cầu thực hiện nghĩa vụ tài chính
  'confirm_fee', // đã nộp phí
  'apologize', // xin lỗi và hẹn lại ngày trả (Mẫu 04)
  'attach_result', // đính kèm kết quả điện tử
  'return_result', // trả kết quả
  'withdraw', // công dân rút hồ sơ
  'cancel', // dừng xử lý
  'stop', // dừng giải quyết (NĐ 118/2025; Thông báo Mẫu số 05 of TT 03/2025)
] as const;
export type DossierAction = (typeof ACTIONS)[number];

/** Where the role must be held: the receiving desk, the deciding agency, the current step's unit, the consulted unit, or anywhere. */
export type UnitRef = 'receiving' | 'deciding' | 'step' | 'consulted' | 'any';

/** One way to be allowed: the applicant, or an officer with one of `roles` ('step' = the current step's role) at `at`. */
export type Who = { applicant: true } | { roles: readonly Role[] | 'step'; at: UnitRef };

/** The next state: a state, or relative to the process. */
export type Next = DossierState | 'same' | 'previous' | 'first_step' | 'next_step' | 'prev_step';

export type GuardKey =
  | 'notLastStep'
  | 'approvalStep'
  | 'notApprovalStep'
  | 'hasPreviousStep'
  | 'resultAttached'
  | 'apologyNotIssued'
  | 'apologyInTime'
  | 'newDateAfterDue'
  | 'componentsComplete'
  | 'consultUnitDiffers'
  | 'stopInForce';

export interface ActionDef {
  from: readonly DossierState[];
  who: readonly Who[];
  to: Next;
  guards?: readonly GuardKey[];
  /** A comment (reason, list of what is missing) is required. */
  needsComment?: boolean;
  /** The clock stops (pause opens) / resumes (pause closes). */
  pause?: 'start' | 'end';
}

const STEP_ACTOR: Who = { roles: 'step', at: 'step' };
const STEP_LEADER: Who = { roles: ['leader'], at: 'step' };
const RECEPTION: Who = { roles: ['reception'], at: 'receiving' };
const DECIDING_LEADER: Who = { roles: ['leader'], at: 'deciding' };
const RECEIVING_LEADER: Who = { roles: ['leader'], at: 'receiving' };
const APPLICANT: Who = { applicant: true };
const RUNNING: readonly DossierState[] = ['received', 'processing', 'transferred'];
const BEFORE_RESULT: readonly DossierState[] = ['submitted', 'received', 'processing', 'consulting', 'transferred', 'waiting_supplement', 'waiting_fee'];

export const MACHINE: Record<DossierAction, ActionDef> = {
  receive: { from: ['submitted'], who: [RECEPTION], to: 'first_step', guards: ['componentsComplete'] },
  // A leader of the desk's unit or the deciding agency may take it too: they approve (and so issue) a second request (service/supplement.ts).
  request_supplement: {
    from: ['submitted', ...RUNNING],
    who: [RECEPTION, STEP_ACTOR, STEP_LEADER, DECIDING_LEADER, RECEIVING_LEADER],
    to: 'waiting_supplement',
    needsComment: true,
    pause: 'start',
  },
  supplement: { from: ['waiting_supplement'], who: [APPLICANT, RECEPTION], to: 'previous', pause: 'end' },
  refuse: { from: ['submitted', ...RUNNING], who: [RECEPTION, STEP_LEADER, DECIDING_LEADER], to: 'refused', needsComment: true },
  assign: { from: RUNNING, who: [STEP_LEADER, STEP_ACTOR], to: 'same' },
  forward: { from: RUNNING, who: [STEP_ACTOR, STEP_LEADER], to: 'next_step', guards: ['notApprovalStep'] },
  approve: { from: RUNNING, who: [STEP_ACTOR, STEP_LEADER], to: 'next_step', guards: ['approvalStep'] },
  return_for_rework: { from: RUNNING, who: [STEP_ACTOR, STEP_LEADER], to: 'prev_step', guards: ['hasPreviousStep'], needsComment: true },
  consult: { from: RUNNING, who: [STEP_ACTOR, STEP_LEADER], to: 'consulting', guards: ['consultUnitDiffers'], needsComment: true },
  answer_consultation: { from: ['consulting'], who: [{ roles: ['specialist', 'leader'], at: 'consulted' }], to: 'previous', needsComment: true },
  request_fee: { from: RUNNING, who: [RECEPTION, STEP_ACTOR, STEP_LEADER], to: 'waiting_fee', pause: 'start' },
  confirm_fee: { from: ['waiting_fee'], who: [RECEPTION], to: 'previous', pause: 'end' },
  apologize: {
    from: ['received', 'processing', 'consulting', 'transferred', 'waiting_fee'],
    who: [DECIDING_LEADER, STEP_LEADER, RECEPTION],
    to: 'same',
    guards: ['apologyNotIssued', 'apologyInTime', 'newDateAfterDue'],
    needsComment: true,
  },
  attach_result: { from: [...RUNNING, 'result_ready'], who: [STEP_ACTOR, STEP_LEADER, DECIDING_LEADER, RECEPTION], to: 'same' },
  return_result: { from: ['result_ready'], who: [RECEPTION, { roles: ['postal'], at: 'any' }], to: 'returned', guards: ['resultAttached'] },
  withdraw: { from: BEFORE_RESULT, who: [APPLICANT, RECEPTION], to: 'withdrawn', needsComment: true },
  cancel: { from: [...BEFORE_RESULT, 'result_ready'], who: [DECIDING_LEADER, RECEPTION], to: 'cancelled', needsComment: true },
  // The competent agency stops handling a received dossier, with the reason (docs/decisions-law.md "Stop").
  stop: {
    from: ['received', 'processing', 'consulting', 'transferred', 'waiting_supplement', 'waiting_fee'],
    who: [DECIDING_LEADER, STEP_LEADER],
    to: 'cancelled',
    guards: ['stopInForce'],
    needsComment: true,
  },
};
