import { defineMessages } from '../../platform/i18n/keys';

export const messages = defineMessages({
  vi: {
    'operations.title': 'Tác vụ nền bị lỗi',
    'operations.intro':
      'Các tác vụ gửi đi (đồng bộ Cổng Dịch vụ công quốc gia, thông báo, ký số, ...) đã lỗi ít nhất một lần. Sửa nguyên nhân rồi thử lại, hoặc bỏ qua tác vụ không còn cần.',
    'operations.filter': 'Lọc',
    'operations.filter.topic': 'Loại tác vụ',
    'operations.filter.state': 'Tình trạng',
    'operations.filter.all': 'Tất cả',
    'operations.filter.apply': 'Lọc',
    'operations.state.retrying': 'Đang thử lại',
    'operations.state.failed': 'Đã dừng, chờ xử lý',
    'operations.state.given_up': 'Đã bỏ qua',
    'operations.none': 'Không có tác vụ nào bị lỗi.',
    'operations.count': '{n} tác vụ',
    'operations.key': 'Khóa',
    'operations.attempts': 'Số lần thử',
    'operations.lastError': 'Lỗi gần nhất',
    'operations.lastAttemptAt': 'Lần thử gần nhất',
    'operations.nextAttemptAt': 'Thử lại lúc',
    'operations.createdAt': 'Tạo lúc',
    'operations.retry': 'Thử lại ngay',
    'operations.giveUp': 'Bỏ qua tác vụ',
    'operations.done.retry': 'Đã đưa tác vụ vào hàng đợi để thử lại ngay.',
    'operations.done.give_up': 'Đã bỏ qua tác vụ; tác vụ không được gửi nữa.',
    'operations.job_not_found': 'Không tìm thấy tác vụ.',
    'operations.cannot_retry': 'Tác vụ này không thể thử lại lúc này (đã gửi xong hoặc đang được xử lý).',
    'operations.cannot_give_up': 'Tác vụ này không thể bỏ qua (đã gửi xong, đã bỏ qua hoặc đang được xử lý).',
    'nav.officer.jobs': 'Tác vụ nền',
  },
  en: {
    'operations.title': 'Failed background jobs',
    'operations.intro':
      'Outgoing jobs (sync to the National Public Service Portal, notifications, signing, ...) that failed at least once. Fix the cause and retry, or give up a job that is no longer needed.',
    'operations.filter': 'Filter',
    'operations.filter.topic': 'Kind of job',
    'operations.filter.state': 'State',
    'operations.filter.all': 'All',
    'operations.filter.apply': 'Filter',
    'operations.state.retrying': 'Retrying',
    'operations.state.failed': 'Stopped, needs an operator',
    'operations.state.given_up': 'Given up',
    'operations.none': 'No failed jobs.',
    'operations.count': '{n} jobs',
    'operations.key': 'Key',
    'operations.attempts': 'Attempts',
    'operations.lastError': 'Last error',
    'operations.lastAttemptAt': 'Last attempt',
    'operations.nextAttemptAt': 'Next attempt',
    'operations.createdAt': 'Created',
    'operations.retry': 'Retry now',
    'operations.giveUp': 'Give up',
    'operations.done.retry': 'The job is queued to be tried again now.',
    'operations.done.give_up': 'The job was given up; it will not be sent.',
    'operations.job_not_found': 'Job not found.',
    'operations.cannot_retry': 'This job cannot be retried now (delivered, or being processed).',
    'operations.cannot_give_up': 'This job cannot be given up (delivered, already given up, or being processed).',
    'nav.officer.jobs': 'Background jobs',
  },
});

declare module '../../platform/i18n/keys' {
  interface MessageCatalogues {
    operations: typeof messages;
  }
}
