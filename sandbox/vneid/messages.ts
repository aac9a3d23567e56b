/** Strings of the sandbox VNeID pages (Vietnamese first). */
export const messages = {
  vi: {
    title: 'VNeID (môi trường thử nghiệm)',
    banner: 'Môi trường thử nghiệm – không phải VNeID thật. Dữ liệu là dữ liệu mẫu.',
    'login.heading': 'Đăng nhập tài khoản định danh điện tử',
    'login.client': 'Ứng dụng yêu cầu: {client}',
    'login.choose': 'Chọn công dân mẫu',
    'login.or': 'hoặc nhập số định danh cá nhân',
    'login.personal_id': 'Số định danh cá nhân',
    'login.personal_id_hint': '12 chữ số',
    'login.password': 'Mật khẩu',
    'login.password_hint': 'Mật khẩu mẫu: {password}',
    'login.as': 'Đăng nhập với tư cách',
    'login.as_person': 'Cá nhân',
    'login.as_org': 'Người đại diện tổ chức (nếu có)',
    'login.submit': 'Đăng nhập',
    'login.cancel': 'Hủy',
    'login.error': 'Số định danh hoặc mật khẩu không đúng.',
    'consent.heading': 'Chia sẻ thông tin',
    'consent.intro': '{client} đề nghị được nhận các thông tin sau của {name}:',
    'consent.allow': 'Đồng ý chia sẻ',
    'consent.deny': 'Từ chối',
    'scope.openid': 'Mã định danh tài khoản',
    'scope.profile': 'Họ tên, ngày sinh, giới tính, số định danh cá nhân',
    'scope.address': 'Địa chỉ thường trú',
    'scope.phone': 'Số điện thoại',
    'scope.email': 'Thư điện tử',
    'scope.organisation': 'Tổ chức bạn đại diện và mã số thuế',
    'error.heading': 'Có lỗi xảy ra',
  },
  en: {
    title: 'VNeID (sandbox)',
    banner: 'Sandbox – not the real VNeID. The data are demo data.',
    'login.heading': 'Log in with your electronic identity',
    'login.client': 'Requested by: {client}',
    'login.choose': 'Choose a demo citizen',
    'login.or': 'or enter the personal ID number',
    'login.personal_id': 'Personal ID number',
    'login.personal_id_hint': '12 digits',
    'login.password': 'Password',
    'login.password_hint': 'Demo password: {password}',
    'login.as': 'Log in as',
    'login.as_person': 'Individual',
    'login.as_org': 'Representative of an organisation (if any)',
    'login.submit': 'Log in',
    'login.cancel': 'Cancel',
    'login.error': 'The ID number or password is not correct.',
    'consent.heading': 'Share information',
    'consent.intro': '{client} asks to receive this information about {name}:',
    'consent.allow': 'Share',
    'consent.deny': 'Refuse',
    'scope.openid': 'Account identifier',
    'scope.profile': 'Name, date of birth, gender, personal ID number',
    'scope.address': 'Permanent address',
    'scope.phone': 'Phone number',
    'scope.email': 'Email',
    'scope.organisation': 'The organisation you represent and its tax code',
    'error.heading': 'Something went wrong',
  },
} as const;

export type SandboxLang = keyof typeof messages;
export type SandboxKey = keyof (typeof messages)['vi'];

export function st(lang: SandboxLang, key: SandboxKey, params: Record<string, string> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (m, k) => params[k] ?? m);
}

export function sandboxLang(uiLocales: unknown, acceptLanguage: string | undefined): SandboxLang {
  const pref = `${typeof uiLocales === 'string' ? uiLocales : ''} ${acceptLanguage ?? ''}`.trim().toLowerCase();
  return pref.startsWith('en') ? 'en' : 'vi';
}
