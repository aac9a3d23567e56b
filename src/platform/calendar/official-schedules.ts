/**
 * The announced schedules of days off for public agencies (cán bộ, công chức, viên chức),
 * 2024-2026, loaded by migration 0002 as the initial data; administrators edit them and add
 * later years through setYearSchedule. Sources: docs/decisions-calendar.md.
 */
import { calendarText } from './messages';
import type { ScheduleEntry, YearSchedule } from './model';

function h(date: string, key: string, params: Record<string, string | number> = {}): ScheduleEntry {
  return { date, kind: 'holiday', name: calendarText('vi', key, params), nameEn: calendarText('en', key, params) };
}
function entry(date: string, kind: ScheduleEntry['kind'], name: string, nameEn: string): ScheduleEntry {
  return { date, kind, name, nameEn };
}

export interface OfficialSchedule extends YearSchedule {
  source: string;
}

export const OFFICIAL_SCHEDULES: OfficialSchedule[] = [
  {
    year: 2024,
    source:
      'Tết 8-14/2/2024 and National Day 31/8-3/9/2024 approved by the Prime Minister (vietnamnews.vn, 5/11/2023); 30/4-1/5: off 27/4-1/5, make-up Saturday 4/5/2024 (PM-approved swap); 1/1 and Giỗ Tổ 18/4: Labour Code.',
    entries: [
      h('2024-01-01', 'calendar.holiday.new_year'),
      h('2024-02-08', 'calendar.holiday.tet_eve', { day: 29 }),
      h('2024-02-09', 'calendar.holiday.tet_eve', { day: 30 }),
      h('2024-02-10', 'calendar.holiday.tet', { day: 1 }),
      h('2024-02-11', 'calendar.holiday.tet', { day: 2 }),
      h('2024-02-12', 'calendar.holiday.tet', { day: 3 }),
      entry('2024-02-13', 'compensatory', 'Nghỉ bù Tết Nguyên Đán (mùng 1 rơi vào thứ Bảy)', 'Compensatory day off: Lunar New Year (day 1 fell on a Saturday)'),
      entry('2024-02-14', 'compensatory', 'Nghỉ bù Tết Nguyên Đán (mùng 2 rơi vào Chủ nhật)', 'Compensatory day off: Lunar New Year (day 2 fell on a Sunday)'),
      h('2024-04-18', 'calendar.holiday.hung_kings'),
      h('2024-04-30', 'calendar.holiday.reunification'),
      h('2024-05-01', 'calendar.holiday.labour'),
      entry(
        '2024-04-29',
        'extra',
        'Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 4/5/2024)',
        'Swapped day off for 30 April - 1 May (made up on Saturday 4 May 2024)',
      ),
      entry('2024-05-04', 'workday', 'Làm bù cho ngày nghỉ thứ Hai 29/4/2024', 'Make-up working day for Monday 29 April 2024'),
      h('2024-09-02', 'calendar.holiday.national_day'),
      entry('2024-09-03', 'holiday', 'Quốc khánh (ngày liền kề, 3/9)', 'National Day (adjacent day, 3 September)'),
    ],
  },
  {
    year: 2025,
    source:
      'Tết 25/1-2/2/2025, holiday days 27-31/1 (sggp.org.vn, 27/11/2024); 30/4-4/5/2025 with Friday 2/5 swapped for Saturday 26/4 (PM-approved swap, reported by thoidai.com.vn and others); National Day 30/8-2/9/2025, holidays 1-2/9 (Ministry of Home Affairs, vietnamnews.vn 4/8/2025); 1/1 and Giỗ Tổ 7/4: Labour Code.',
    entries: [
      h('2025-01-01', 'calendar.holiday.new_year'),
      h('2025-01-27', 'calendar.holiday.tet_eve', { day: 28 }),
      h('2025-01-28', 'calendar.holiday.tet_eve', { day: 29 }),
      h('2025-01-29', 'calendar.holiday.tet', { day: 1 }),
      h('2025-01-30', 'calendar.holiday.tet', { day: 2 }),
      h('2025-01-31', 'calendar.holiday.tet', { day: 3 }),
      h('2025-04-07', 'calendar.holiday.hung_kings'),
      entry('2025-04-26', 'workday', 'Làm bù cho ngày nghỉ thứ Sáu 2/5/2025', 'Make-up working day for Friday 2 May 2025'),
      h('2025-04-30', 'calendar.holiday.reunification'),
      h('2025-05-01', 'calendar.holiday.labour'),
      entry(
        '2025-05-02',
        'extra',
        'Nghỉ hoán đổi dịp 30/4 - 1/5 (làm bù thứ Bảy 26/4/2025)',
        'Swapped day off for 30 April - 1 May (made up on Saturday 26 April 2025)',
      ),
      h('2025-09-01', 'calendar.holiday.national_day_adjacent'),
      h('2025-09-02', 'calendar.holiday.national_day'),
    ],
  },
  {
    year: 2026,
    source:
      'New Year 1-4/1/2026 with Friday 2/1 swapped for Saturday 10/1 (VPCP letter 12729/VPCP-KGVX, 25/12/2025); Tết 14-22/2/2026 and National Day 29/8-2/9/2026 with Monday 31/8 swapped for Saturday 22/8 (Ministry of Home Affairs, vietnamnews.vn 17/10/2025); Giỗ Tổ Sunday 26/4 -> Monday 27/4 off (thanhnien.vn 23/2/2026); 30/4-1/5: Labour Code.',
    entries: [
      h('2026-01-01', 'calendar.holiday.new_year'),
      entry(
        '2026-01-02',
        'extra',
        'Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/1/2026)',
        "Swapped day off for New Year's Day (made up on Saturday 10 January 2026)",
      ),
      entry('2026-01-10', 'workday', 'Làm bù cho ngày nghỉ thứ Sáu 2/1/2026', 'Make-up working day for Friday 2 January 2026'),
      h('2026-02-16', 'calendar.holiday.tet_eve', { day: 29 }),
      h('2026-02-17', 'calendar.holiday.tet', { day: 1 }),
      h('2026-02-18', 'calendar.holiday.tet', { day: 2 }),
      h('2026-02-19', 'calendar.holiday.tet', { day: 3 }),
      h('2026-02-20', 'calendar.holiday.tet', { day: 4 }),
      h('2026-04-26', 'calendar.holiday.hung_kings'),
      entry(
        '2026-04-27',
        'compensatory',
        'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật)',
        "Compensatory day off: Hung Kings' Commemoration (fell on a Sunday)",
      ),
      h('2026-04-30', 'calendar.holiday.reunification'),
      h('2026-05-01', 'calendar.holiday.labour'),
      entry('2026-08-22', 'workday', 'Làm bù cho ngày nghỉ thứ Hai 31/8/2026', 'Make-up working day for Monday 31 August 2026'),
      entry(
        '2026-08-31',
        'extra',
        'Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/8/2026)',
        'Swapped day off for National Day (made up on Saturday 22 August 2026)',
      ),
      h('2026-09-01', 'calendar.holiday.national_day_adjacent'),
      h('2026-09-02', 'calendar.holiday.national_day'),
    ],
  },
];
