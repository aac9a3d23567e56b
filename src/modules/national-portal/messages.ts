import type { Messages } from '../../platform/i18n';

export const messages: Messages = {
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
  },
};
