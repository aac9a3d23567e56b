import { defineMessages } from '../i18n/keys';

export const messages = defineMessages({
  vi: {
    'calendar.holiday.new_year': 'Tết Dương lịch (1/1)',
    'calendar.holiday.tet_eve': 'Tết Nguyên Đán ({day} tháng Chạp)',
    'calendar.holiday.tet': 'Tết Nguyên Đán (mùng {day} tháng Giêng)',
    'calendar.holiday.hung_kings': 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
    'calendar.holiday.reunification': 'Ngày Chiến thắng (30/4)',
    'calendar.holiday.labour': 'Ngày Quốc tế Lao động (1/5)',
    'calendar.holiday.national_day': 'Quốc khánh (2/9)',
    'calendar.holiday.national_day_adjacent': 'Quốc khánh (ngày liền kề, 1/9)',
    'calendar.holiday.compensatory': 'Nghỉ bù {holiday}',
    'calendar.kind.holiday': 'Ngày lễ, Tết',
    'calendar.kind.compensatory': 'Nghỉ bù',
    'calendar.kind.extra': 'Nghỉ thêm (hoán đổi)',
    'calendar.kind.workday': 'Làm bù',
    'calendar.date_invalid': 'Ngày "{value}" không hợp lệ. Hãy nhập theo dạng YYYY-MM-DD, ví dụ 2025-03-10.',
    'calendar.date_out_of_range': 'Ngày {value} nằm ngoài khoảng lịch được hỗ trợ (năm 1900 đến năm 2100).',
    'calendar.year_out_of_range': 'Năm {value} nằm ngoài khoảng lịch được hỗ trợ (1900 đến 2100).',
    'calendar.instant_invalid': 'Thời điểm tiếp nhận "{value}" không hợp lệ. Hãy dùng dạng ISO 8601, ví dụ 2025-03-10T09:00:00+07:00.',
    'calendar.limit_required': 'Hãy nêu đúng một thời hạn: workingDays (ngày làm việc), workingHours (giờ làm việc) hoặc days (ngày).',
    'calendar.schedule.date_outside_year': 'Ngày {date} không thuộc năm {year}.',
    'calendar.schedule.duplicate_date': 'Ngày {date} được nêu nhiều lần.',
    'calendar.schedule.workday_not_weekend': 'Ngày làm bù {date} phải là thứ Bảy hoặc Chủ nhật.',
    'calendar.schedule.day_off_on_weekend': 'Ngày nghỉ bù hoặc nghỉ thêm {date} rơi vào thứ Bảy hoặc Chủ nhật, không cần khai báo.',
    'calendar.schedule.name_required': 'Ngày {date} cần có tên bằng tiếng Việt và tiếng Anh.',
    'calendar.office_hours_invalid': 'Giờ làm việc không hợp lệ: các khung giờ phải nằm trong ngày, theo thứ tự và không chồng lên nhau.',
  },
  en: {
    'calendar.holiday.new_year': "New Year's Day (1 January)",
    'calendar.holiday.tet_eve': 'Lunar New Year (day {day} of the 12th lunar month)',
    'calendar.holiday.tet': 'Lunar New Year (day {day} of the 1st lunar month)',
    'calendar.holiday.hung_kings': "Hung Kings' Commemoration (10th day of the 3rd lunar month)",
    'calendar.holiday.reunification': 'Reunification Day (30 April)',
    'calendar.holiday.labour': 'International Labour Day (1 May)',
    'calendar.holiday.national_day': 'National Day (2 September)',
    'calendar.holiday.national_day_adjacent': 'National Day (adjacent day, 1 September)',
    'calendar.holiday.compensatory': 'Compensatory day off: {holiday}',
    'calendar.kind.holiday': 'Public holiday',
    'calendar.kind.compensatory': 'Compensatory day off',
    'calendar.kind.extra': 'Extra day off (swapped)',
    'calendar.kind.workday': 'Make-up working day',
    'calendar.date_invalid': 'The date "{value}" is not valid. Use the form YYYY-MM-DD, e.g. 2025-03-10.',
    'calendar.date_out_of_range': 'The date {value} is outside the supported calendar (years 1900 to 2100).',
    'calendar.year_out_of_range': 'The year {value} is outside the supported calendar (1900 to 2100).',
    'calendar.instant_invalid': 'The time of receipt "{value}" is not valid. Use ISO 8601, e.g. 2025-03-10T09:00:00+07:00.',
    'calendar.limit_required': 'Give exactly one time limit: workingDays, workingHours or days.',
    'calendar.schedule.date_outside_year': 'The date {date} is not in the year {year}.',
    'calendar.schedule.duplicate_date': 'The date {date} is listed more than once.',
    'calendar.schedule.workday_not_weekend': 'The make-up working day {date} must be a Saturday or a Sunday.',
    'calendar.schedule.day_off_on_weekend': 'The compensatory or extra day off {date} falls on a Saturday or Sunday; it need not be listed.',
    'calendar.schedule.name_required': 'The date {date} needs a name in Vietnamese and in English.',
    'calendar.office_hours_invalid': 'Invalid office hours: the windows must lie within the day, in order, without overlapping.',
  },
});

/** A message of this module with its placeholders filled (for data the pure rules produce). */
export function calendarText(lang: 'vi' | 'en', key: string, params: Record<string, string | number> = {}): string {
  const text = (messages[lang] as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (params[name] === undefined ? m : String(params[name])));
}

declare module '../i18n/keys' {
  interface MessageCatalogues {
    calendar: typeof messages;
  }
}
