import type { Messages } from '../platform/i18n';

export const messages: Messages = {
  vi: {
    'site.name': 'Cổng Dịch vụ công tỉnh Hậu Giang',
    'site.tagline': 'Hệ thống thông tin giải quyết thủ tục hành chính',
    'nav.home': 'Trang chủ',
    'nav.procedures': 'Thủ tục hành chính',
    'nav.lookup': 'Tra cứu hồ sơ',
    'nav.login': 'Đăng nhập',
    'nav.logout': 'Đăng xuất',
    'nav.language': 'English',
    'nav.skip': 'Bỏ qua, đến nội dung chính',
    'footer.hotline': 'Đường dây nóng hỗ trợ: {hotline}',
    'page.error.title': 'Có lỗi xảy ra',
    'page.not_found.title': 'Không tìm thấy trang',
  },
  en: {
    'site.name': 'Hau Giang Province Public Service Portal',
    'site.tagline': 'Administrative procedure information system',
    'nav.home': 'Home',
    'nav.procedures': 'Procedures',
    'nav.lookup': 'Track a dossier',
    'nav.login': 'Log in',
    'nav.logout': 'Log out',
    'nav.language': 'Tiếng Việt',
    'nav.skip': 'Skip to main content',
    'footer.hotline': 'Support hotline: {hotline}',
    'page.error.title': 'Something went wrong',
    'page.not_found.title': 'Page not found',
  },
};
