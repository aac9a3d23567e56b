/**
 * Default templates (data): seeded into notification_templates and used when a row is
 * missing. Admins edit them through PUT /api/v1/notifications/templates/:key/:channel/:lang.
 * Placeholders: {name} {code} {procedure} {appointment} {newDate} {reason} {missing} {amount}
 * {link}; offline_synced: {provisional} (the receipt number given offline); dossier_transferred (officers): {unit} {reason}; points_at_risk (officers): {hours} {points} {unit}. For Zalo, `subject` is the ZNS template id registered with Zalo (the parameters are
 * the placeholders), `body` the text kept in the record.
 */
import type { Channel, Kind, Lang } from './model';

export interface TemplateText {
  subject: string;
  body: string;
}

type Texts = Record<Kind, { title: string; body: string; sms: string }>;

const vi: Texts = {
  submitted: {
    title: 'Đã nhận hồ sơ trực tuyến {code}',
    body: 'Kính gửi {name},\n\nHệ thống đã nhận hồ sơ {code} ({procedure}) nộp trực tuyến. Bộ phận Một cửa sẽ kiểm tra và thông báo kết quả tiếp nhận.\n\nTheo dõi hồ sơ: {link}',
    sms: 'Ho so {code} da duoc nop truc tuyen. Theo doi: {link}',
  },
  received: {
    title: 'Hồ sơ {code} đã được tiếp nhận',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) đã được tiếp nhận. Ngày hẹn trả kết quả: {appointment}.\n\nTheo dõi hồ sơ: {link}',
    sms: 'Ho so {code} da duoc tiep nhan. Hen tra ket qua: {appointment}.',
  },
  supplement_needed: {
    title: 'Hồ sơ {code} cần bổ sung',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) cần bổ sung, hoàn thiện: {missing}.\nLý do: {reason}\n\nVui lòng bổ sung tại: {link}',
    sms: 'Ho so {code} can bo sung: {missing}. Chi tiet: {link}',
  },
  fee_requested: {
    title: 'Hồ sơ {code}: đề nghị nộp phí, lệ phí',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) cần thực hiện nghĩa vụ tài chính. {reason}\n\nThanh toán trực tuyến: {link}',
    sms: 'Ho so {code} can nop phi, le phi. Thanh toan: {link}',
  },
  paid: {
    title: 'Đã nhận thanh toán hồ sơ {code}',
    body: 'Kính gửi {name},\n\nĐã nhận khoản thanh toán {amount} cho hồ sơ {code} ({procedure}). Biên lai điện tử có tại: {link}',
    sms: 'Da nhan thanh toan {amount} cho ho so {code}.',
  },
  result_ready: {
    title: 'Hồ sơ {code} đã có kết quả',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) đã có kết quả. Ông/bà có thể nhận kết quả theo hình thức đã đăng ký hoặc xem bản điện tử tại: {link}',
    sms: 'Ho so {code} da co ket qua. Chi tiet: {link}',
  },
  late_new_date: {
    title: 'Xin lỗi: hồ sơ {code} được hẹn lại ngày trả kết quả',
    body: 'Kính gửi {name},\n\nCơ quan giải quyết xin lỗi vì hồ sơ {code} ({procedure}) chưa thể trả kết quả đúng hẹn. Lý do: {reason}\nNgày hẹn trả mới: {newDate}.\n\nTheo dõi hồ sơ: {link}',
    sms: 'Xin loi: ho so {code} tre han. Ngay hen tra moi: {newDate}.',
  },
  refused: {
    title: 'Hồ sơ {code} không được giải quyết',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) không được giải quyết. Lý do: {reason}\n\nChi tiết: {link}',
    sms: 'Ho so {code} khong duoc giai quyet. Chi tiet: {link}',
  },
  signing_stopped: {
    title: 'Ký số thất bại: kết quả hồ sơ {code}',
    body: 'Kính gửi {name},\n\nKý số kết quả của hồ sơ {code} ({procedure}) đã thất bại và đã dừng. Lý do: {reason}\n\nXem và ký lại tại: {link}',
    sms: 'Ky so ket qua ho so {code} that bai. Xem: {link}',
  },
  points_at_risk: {
    title: 'Hồ sơ {code} sắp quá hạn',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) của {unit} đến hạn lúc {appointment}, trong vòng {hours} giờ làm việc tới. Nếu quá hạn, đơn vị mất {points} điểm Chỉ số 766 trong kỳ này.\n\nXử lý hồ sơ tại: {link}',
    sms: 'Ho so {code} sap qua han ({appointment}). Xem: {link}',
  },
  feedback_answered: {
    title: 'Phản ánh, kiến nghị của ông/bà đã được trả lời',
    body: 'Kính gửi {name},\n\nPhản ánh, kiến nghị "{reason}" đã được trả lời. Xem câu trả lời tại: {link}',
    sms: 'Phan anh kien nghi cua ong/ba da duoc tra loi. Xem: {link}',
  },
  offline_synced: {
    title: 'Hồ sơ {code} đã được tiếp nhận (số biên nhận tạm {provisional})',
    body: 'Kính gửi {name},\n\nHồ sơ ({procedure}) tiếp nhận khi mất kết nối với số biên nhận tạm {provisional} nay đã có mã hồ sơ chính thức {code}. Ngày hẹn trả kết quả: {appointment}.\n\nTheo dõi hồ sơ: {link}',
    sms: 'Ho so so tam {provisional} nay co ma chinh thuc {code}. Tra cuu: {link}',
  },
  dossier_transferred: {
    title: 'Hồ sơ {code} được chuyển đến {unit}',
    body: 'Kính gửi {name},\n\nHồ sơ {code} ({procedure}) của đơn vị đã sáp nhập nay do {unit} giải quyết tiếp: {reason}. Mã hồ sơ, hạn giải quyết và lịch sử được giữ nguyên.\n\nXử lý hồ sơ tại: {link}',
    sms: 'Ho so {code} duoc chuyen den {unit} do sap nhap don vi. Xem: {link}',
  },
};

const en: Texts = {
  submitted: {
    title: 'Online application {code} received',
    body: 'Dear {name},\n\nYour online application {code} ({procedure}) has been received by the system. The one-stop desk will check it and tell you whether it is accepted.\n\nTrack it: {link}',
    sms: 'Application {code} submitted online. Track: {link}',
  },
  received: {
    title: 'Application {code} accepted',
    body: 'Dear {name},\n\nYour application {code} ({procedure}) has been accepted. Result due on: {appointment}.\n\nTrack it: {link}',
    sms: 'Application {code} accepted. Result due: {appointment}.',
  },
  supplement_needed: {
    title: 'Application {code} needs more documents',
    body: 'Dear {name},\n\nYour application {code} ({procedure}) needs: {missing}.\nReason: {reason}\n\nPlease complete it at: {link}',
    sms: 'Application {code} needs: {missing}. Details: {link}',
  },
  fee_requested: {
    title: 'Application {code}: fees to pay',
    body: 'Dear {name},\n\nFees are due for your application {code} ({procedure}). {reason}\n\nPay online: {link}',
    sms: 'Application {code}: fees due. Pay: {link}',
  },
  paid: {
    title: 'Payment received for application {code}',
    body: 'Dear {name},\n\nWe received {amount} for your application {code} ({procedure}). Your electronic receipt: {link}',
    sms: 'Payment of {amount} received for application {code}.',
  },
  result_ready: {
    title: 'The result of application {code} is ready',
    body: 'Dear {name},\n\nThe result of your application {code} ({procedure}) is ready. Collect it as you chose, or see the electronic copy at: {link}',
    sms: 'The result of application {code} is ready. Details: {link}',
  },
  late_new_date: {
    title: 'Apology: new date for application {code}',
    body: 'Dear {name},\n\nWe apologise: your application {code} ({procedure}) will not be ready on time. Reason: {reason}\nNew date: {newDate}.\n\nTrack it: {link}',
    sms: 'Apology: application {code} is late. New date: {newDate}.',
  },
  refused: {
    title: 'Application {code} refused',
    body: 'Dear {name},\n\nYour application {code} ({procedure}) cannot be granted. Reason: {reason}\n\nDetails: {link}',
    sms: 'Application {code} refused. Details: {link}',
  },
  signing_stopped: {
    title: 'Signing failed: result of application {code}',
    body: 'Dear {name},\n\nSigning the result of application {code} ({procedure}) failed and has stopped. Reason: {reason}\n\nSee it and retry at: {link}',
    sms: 'Signing the result of application {code} failed. See: {link}',
  },
  points_at_risk: {
    title: 'Application {code} is about to go late',
    body: 'Dear {name},\n\nApplication {code} ({procedure}) of {unit} is due at {appointment}, within the next {hours} working hours. If it goes late the unit loses {points} points of the 766 index this period.\n\nHandle it at: {link}',
    sms: 'Application {code} is about to go late ({appointment}). See: {link}',
  },
  feedback_answered: {
    title: 'Your feedback has been answered',
    body: 'Dear {name},\n\nYour feedback "{reason}" has been answered. Read the answer at: {link}',
    sms: 'Your feedback has been answered. Read: {link}',
  },
  offline_synced: {
    title: 'Application {code} received (provisional receipt {provisional})',
    body: 'Dear {name},\n\nYour application ({procedure}), received offline with the provisional receipt number {provisional}, now has its official code {code}. Result due on: {appointment}.\n\nTrack it: {link}',
    sms: 'Provisional receipt {provisional} is now application {code}. Track: {link}',
  },
  dossier_transferred: {
    title: 'Application {code} moved to {unit}',
    body: 'Dear {name},\n\nApplication {code} ({procedure}) of a unit that has been merged is now handled by {unit}: {reason}. Its code, deadline and history are kept.\n\nHandle it at: {link}',
    sms: 'Application {code} moved to {unit} after a unit merger. See: {link}',
  },
};

/** ZNS template ids as registered with Zalo (sandbox ids; the real ones come from the OA's registration). */
const ZNS_IDS: Record<Kind, string> = {
  submitted: '300101',
  received: '300102',
  supplement_needed: '300103',
  fee_requested: '300104',
  paid: '300105',
  result_ready: '300106',
  late_new_date: '300107',
  refused: '300108',
  feedback_answered: '300109',
  signing_stopped: '300110',
  points_at_risk: '300111',
  offline_synced: '300112',
  dossier_transferred: '300113',
};

export function defaultTemplate(kind: Kind, channel: Channel, lang: Lang): TemplateText {
  const x = (lang === 'en' ? en : vi)[kind];
  if (channel === 'sms') return { subject: '', body: x.sms };
  if (channel === 'zalo') return { subject: ZNS_IDS[kind], body: x.title };
  return { subject: x.title, body: x.body };
}
