/**
 * The states of a dossier and their national status codes (TrangThaiHoSo, used by the sync to
 * the National Public Service Portal): 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp nhận,
 * 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ tài chính,
 * 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.
 */
export const STATES = [
  'submitted', // mới nộp: waiting for the reception check
  'received', // tiếp nhận: receipt issued, at the first step of the process
  'processing', // đang xử lý at a step of the process
  'consulting', // within a step, another unit has been asked for an opinion
  'transferred', // liên thông: at a step held by another agency
  'waiting_supplement', // yêu cầu bổ sung: the clock is paused
  'waiting_fee', // yêu cầu thực hiện nghĩa vụ tài chính
  'result_ready', // đã xử lý xong: the result is issued, waiting to be returned
  'returned', // đã trả kết quả
  'refused', // từ chối / không được tiếp nhận
  'withdrawn', // công dân rút hồ sơ
  'cancelled', // dừng xử lý
] as const;
export type DossierState = (typeof STATES)[number];

export const NATIONAL_STATUS: Record<DossierState, number> = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  consulting: 4,
  transferred: 4,
  waiting_supplement: 5,
  waiting_fee: 6,
  withdrawn: 7,
  cancelled: 8,
  result_ready: 9,
  returned: 10,
};

export const FINAL_STATES: readonly DossierState[] = ['returned', 'refused', 'withdrawn', 'cancelled'];
/** States in which the process is running (the dossier sits at a step). */
export const AT_STEP_STATES: readonly DossierState[] = ['received', 'processing', 'consulting', 'transferred'];
/** States in which the clock does not run. */
export const PAUSED_STATES: readonly DossierState[] = ['waiting_supplement', 'waiting_fee'];

export function isFinal(s: DossierState): boolean {
  return FINAL_STATES.includes(s);
}

/** Kênh thực hiện; the national sync knows 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
export const CHANNELS = ['online', 'in_person', 'post', 'assisted'] as const;
export type Channel = (typeof CHANNELS)[number];
export const NATIONAL_CHANNEL: Record<Channel, 1 | 2 | 3> = { in_person: 1, online: 2, assisted: 2, post: 3 };

/** Ways the result goes back to the applicant. */
export const RETURN_METHODS = ['online', 'desk', 'post'] as const;
export type ReturnMethod = (typeof RETURN_METHODS)[number];
