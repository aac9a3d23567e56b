import { defineMessages } from '../../platform/i18n/keys';

export const messages = defineMessages({
  vi: {
    'national_portal.status.title': 'Đồng bộ hồ sơ với Cổng Dịch vụ công quốc gia',
    'national_portal.status.synced': 'Hồ sơ đã đồng bộ',
    'national_portal.status.with_result': 'Hồ sơ đã đồng bộ kết quả',
    'national_portal.status.linked': 'Hồ sơ số hóa đã liên kết với tài khoản công dân',
    'national_portal.status.pending': 'Sự kiện đang chờ gửi',
    'national_portal.status.failed': 'Sự kiện gửi thất bại (cần xử lý)',
    'national_portal.status.failing': 'Chưa đồng bộ được và lý do',
    'national_portal.status.all_good': 'Không có hồ sơ nào bị lỗi đồng bộ.',
    'national_portal.status.code': 'Mã hồ sơ',
    'national_portal.status.reason': 'Lý do',
    'national_portal.status.when': 'Thời điểm',
    'national_portal.status.gave_up': 'Đã thử {n} lần, dừng lại:',
    'national_portal.not_failed': 'Không có sự kiện đồng bộ thất bại với mã này.',
    'national_portal.inbound.received': 'Đã tiếp nhận hồ sơ {portalCode} từ Cổng Dịch vụ công quốc gia, mã hồ sơ tại tỉnh {code}.',
    'national_portal.inbound.duplicate':
      'Hồ sơ {portalCode} của Cổng Dịch vụ công quốc gia đã được nhận trước đó (mã hồ sơ tại tỉnh {code}); lần gửi này không thay đổi gì.',
    'national_portal.inbound.malformed':
      'Dữ liệu hồ sơ từ Cổng Dịch vụ công quốc gia không đúng định dạng, thiếu hoặc sai các trường: {fields}. Hồ sơ không được tạo.',
    'national_portal.inbound.refused': 'Hồ sơ từ Cổng Dịch vụ công quốc gia đã bị từ chối trước đó.',
    'national_portal.inbound.title': 'Hồ sơ nhận từ Cổng Dịch vụ công quốc gia',
    'national_portal.inbound.none': 'Chưa nhận hồ sơ nào từ Cổng Dịch vụ công quốc gia.',
    'national_portal.inbound.portal_code': 'Mã hồ sơ trên Cổng',
    'national_portal.inbound.state': 'Kết quả',
    'national_portal.inbound.state_received': 'Đã tiếp nhận',
    'national_portal.inbound.state_refused': 'Từ chối',
    'national_portal.inbound.paid': 'Đã thanh toán trên Cổng: {amount} đồng',
    'national_portal.inbound.deliveries': 'Số lần Cổng gửi',
    'national_portal.inbound.pull_failed': 'Không lấy được danh sách hồ sơ từ Cổng Dịch vụ công quốc gia: {reason}',
    'national_portal.inbound.pull_now': 'Lấy hồ sơ mới từ Cổng ngay',
    'national_portal.payment.received': 'Đã nhận thông tin thanh toán {transaction} của hồ sơ {portalCode} từ Cổng.',
    'national_portal.payment.duplicate': 'Thông tin thanh toán {transaction} của hồ sơ {portalCode} đã được nhận trước đó; lần gửi này không thay đổi gì.',
    'national_portal.payment.unknown_dossier':
      'Không có hồ sơ {portalCode} nào được tiếp nhận từ Cổng Dịch vụ công quốc gia; thông tin thanh toán {transaction} không được ghi nhận.',
    'national_portal.payment.malformed':
      'Dữ liệu thanh toán từ Cổng Dịch vụ công quốc gia không đúng định dạng, thiếu hoặc sai các trường: {fields}. Không có gì thay đổi.',
    'national_portal.bill.dossier_not_found': 'Không tìm thấy hồ sơ hoặc bạn không có quyền xem hồ sơ này.',
    'national_portal.bill.unknown':
      'Không có hóa đơn {bill} nào được gửi cho hồ sơ {portalCode} của Cổng Dịch vụ công quốc gia; thanh toán {transaction} không được ghi nhận, không có gì thay đổi.',
    'national_portal.bill.amount_mismatch':
      'Số tiền của giao dịch {transaction} ({amount} đồng) không khớp hóa đơn {bill} ({billAmount} đồng) của hồ sơ {portalCode}; thanh toán không được ghi nhận, hồ sơ vẫn chờ nộp phí.',
    'national_portal.bill.already_paid':
      'Hóa đơn {bill} của hồ sơ {portalCode} đã được thanh toán bằng giao dịch {paidBy}; giao dịch {transaction} không được ghi nhận.',
    'national_portal.supplement.received': 'Đã nhận phần bổ sung {answer} của hồ sơ {portalCode} từ Cổng; hồ sơ tiếp tục được giải quyết.',
    'national_portal.supplement.duplicate': 'Phần bổ sung {answer} của hồ sơ {portalCode} đã được nhận trước đó; lần gửi này không thay đổi gì.',
    'national_portal.supplement.unknown_dossier':
      'Không có hồ sơ {portalCode} nào được tiếp nhận từ Cổng Dịch vụ công quốc gia; phần bổ sung {answer} không được ghi nhận.',
    'national_portal.supplement.not_waiting':
      'Hồ sơ {portalCode} (mã hồ sơ tại tỉnh {code}) không chờ bổ sung theo yêu cầu {request}; phần bổ sung {answer} không được ghi nhận, không có gì thay đổi.',
    'national_portal.supplement.already_answered': 'Yêu cầu bổ sung {request} của hồ sơ {portalCode} đã được trả lời; phần bổ sung {answer} không thay đổi gì.',
    'national_portal.supplement.malformed':
      'Dữ liệu bổ sung từ Cổng Dịch vụ công quốc gia không đúng định dạng, thiếu hoặc sai các trường: {fields}. Không có gì thay đổi.',
    'national_portal.supplement.refused': 'Phần bổ sung {answer} của hồ sơ {portalCode} không được ghi nhận: {reason}',
    'national_portal.inbound.pulled':
      'Cổng gửi {offered} hồ sơ: {received} hồ sơ mới, {duplicates} hồ sơ đã nhận trước đó, {refused} hồ sơ bị từ chối, {failed} hồ sơ chờ lần lấy sau.',
  },
  en: {
    'national_portal.status.title': 'Dossier sync with the National Public Service Portal',
    'national_portal.status.synced': 'Dossiers synced',
    'national_portal.status.with_result': 'Dossiers with their result synced',
    'national_portal.status.linked': "Digitized dossiers linked to the citizen's account",
    'national_portal.status.pending': 'Events waiting to be sent',
    'national_portal.status.failed': 'Events that failed (action needed)',
    'national_portal.status.failing': 'Not synced, and why',
    'national_portal.status.all_good': 'No dossier has a sync error.',
    'national_portal.status.code': 'Dossier code',
    'national_portal.status.reason': 'Reason',
    'national_portal.status.when': 'When',
    'national_portal.status.gave_up': 'Tried {n} times, stopped:',
    'national_portal.not_failed': 'No failed sync event has this id.',
    'national_portal.inbound.received': 'Dossier {portalCode} received from the National Public Service Portal; its provincial code is {code}.',
    'national_portal.inbound.duplicate':
      'Dossier {portalCode} of the National Public Service Portal was already received (provincial code {code}); this delivery changes nothing.',
    'national_portal.inbound.malformed':
      'The dossier data from the National Public Service Portal is malformed; missing or invalid fields: {fields}. No dossier was created.',
    'national_portal.inbound.refused': 'This dossier from the National Public Service Portal was refused earlier.',
    'national_portal.inbound.title': 'Dossiers received from the National Public Service Portal',
    'national_portal.inbound.none': 'No dossier has been received from the National Public Service Portal yet.',
    'national_portal.inbound.portal_code': 'Code on the portal',
    'national_portal.inbound.state': 'Outcome',
    'national_portal.inbound.state_received': 'Received',
    'national_portal.inbound.state_refused': 'Refused',
    'national_portal.inbound.paid': 'Paid on the portal: {amount} VND',
    'national_portal.inbound.deliveries': 'Times the portal sent it',
    'national_portal.inbound.pull_failed': 'Could not get the list of dossiers from the National Public Service Portal: {reason}',
    'national_portal.inbound.pull_now': 'Get new dossiers from the portal now',
    'national_portal.payment.received': 'Payment record {transaction} of dossier {portalCode} received from the portal.',
    'national_portal.payment.duplicate': 'Payment record {transaction} of dossier {portalCode} was already received; this delivery changes nothing.',
    'national_portal.payment.unknown_dossier':
      'No dossier {portalCode} was received from the National Public Service Portal; payment record {transaction} is not recorded.',
    'national_portal.payment.malformed':
      'The payment data from the National Public Service Portal is malformed; missing or invalid fields: {fields}. Nothing changed.',
    'national_portal.bill.dossier_not_found': 'Dossier not found, or you may not see it.',
    'national_portal.bill.unknown':
      'No bill {bill} was sent for dossier {portalCode} of the National Public Service Portal; payment {transaction} is not recorded, nothing changed.',
    'national_portal.bill.amount_mismatch':
      'The amount of transaction {transaction} ({amount} VND) does not match bill {bill} ({billAmount} VND) of dossier {portalCode}; the payment is not recorded and the dossier still waits for its fee.',
    'national_portal.bill.already_paid':
      'Bill {bill} of dossier {portalCode} was already paid by transaction {paidBy}; transaction {transaction} is not recorded.',
    'national_portal.supplement.received': 'Supplement {answer} of dossier {portalCode} received from the portal; the dossier is being handled again.',
    'national_portal.supplement.duplicate': 'Supplement {answer} of dossier {portalCode} was already received; this delivery changes nothing.',
    'national_portal.supplement.unknown_dossier':
      'No dossier {portalCode} was received from the National Public Service Portal; supplement {answer} is not recorded.',
    'national_portal.supplement.not_waiting':
      'Dossier {portalCode} (provincial code {code}) is not waiting for a supplement under request {request}; supplement {answer} is not recorded and nothing changed.',
    'national_portal.supplement.already_answered':
      'Supplement request {request} of dossier {portalCode} was already answered; supplement {answer} changes nothing.',
    'national_portal.supplement.malformed':
      'The supplement data from the National Public Service Portal is malformed; missing or invalid fields: {fields}. Nothing changed.',
    'national_portal.supplement.refused': 'Supplement {answer} of dossier {portalCode} is not recorded: {reason}',
    'national_portal.inbound.pulled':
      'The portal sent {offered} dossiers: {received} new, {duplicates} already received, {refused} refused, {failed} left for the next pull.',
  },
});

declare module '../../platform/i18n/keys' {
  interface MessageCatalogues {
    'national-portal': typeof messages;
  }
}
