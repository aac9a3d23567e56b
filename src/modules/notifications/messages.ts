import { defineMessages } from '../../platform/i18n/keys';

export const messages = defineMessages({
  vi: {
    'notifications.inbox.title': 'Thông báo',
    'notifications.inbox.unread': 'Chưa đọc: {n}',
    'notifications.inbox.empty': 'Chưa có thông báo nào.',
    'notifications.inbox.mark_read': 'Đánh dấu đã đọc',
    'notifications.prefs.title': 'Nhận thông báo',
    'notifications.prefs.channels': 'Nhận thông báo về hồ sơ qua',
    'notifications.prefs.lang': 'Ngôn ngữ của thông báo',
    'notifications.prefs.save': 'Lưu',
    'notifications.prefs.saved': 'Đã lưu lựa chọn nhận thông báo.',
    'notifications.channel.email': 'Thư điện tử (email)',
    'notifications.channel.sms': 'Tin nhắn SMS',
    'notifications.channel.zalo': 'Zalo',
    'notifications.channel.inbox': 'Hộp thư trên Cổng Dịch vụ công',
    'notifications.not_found': 'Không tìm thấy thông báo.',
    'notifications.template.unknown': 'Không có mẫu thông báo này.',
    'notifications.template.body_required': 'Nội dung mẫu thông báo không được để trống.',
  },
  en: {
    'notifications.inbox.title': 'Notifications',
    'notifications.inbox.unread': 'Unread: {n}',
    'notifications.inbox.empty': 'No notifications yet.',
    'notifications.inbox.mark_read': 'Mark as read',
    'notifications.prefs.title': 'Notification settings',
    'notifications.prefs.channels': 'Tell me about my applications by',
    'notifications.prefs.lang': 'Language of the notifications',
    'notifications.prefs.save': 'Save',
    'notifications.prefs.saved': 'Your notification settings are saved.',
    'notifications.channel.email': 'Email',
    'notifications.channel.sms': 'SMS',
    'notifications.channel.zalo': 'Zalo',
    'notifications.channel.inbox': 'Inbox on the public service portal',
    'notifications.not_found': 'Notification not found.',
    'notifications.template.unknown': 'There is no such notification template.',
    'notifications.template.body_required': 'The template text must not be empty.',
  },
});

declare module '../../platform/i18n/keys' {
  interface MessageCatalogues {
    notifications: typeof messages;
  }
}
