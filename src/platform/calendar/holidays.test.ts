import { describe, expect, it } from 'vitest';
import { isWeekend, toDayNumber } from './civil';
import { defaultSchedule, statutoryHolidays, withCompensatoryDays } from './holidays';
import { OFFICIAL_SCHEDULES } from './official-schedules';

const datesOf = (year: number, kind?: string) =>
  defaultSchedule(year)
    .entries.filter((e) => !kind || e.kind === kind)
    .map((e) => e.date);

describe('Labour Code defaults (art. 112, 111(3))', () => {
  it('has the 11 statutory holidays every year', () => {
    for (let y = 1901; y <= 2100; y++) expect(statutoryHolidays(y)).toHaveLength(11);
  });

  it('2027: Tết = last day of the lunar year + days 1-4, National Day 1-2/9', () => {
    expect(datesOf(2027, 'holiday')).toEqual([
      '2027-01-01',
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-04-16',
      '2027-04-30',
      '2027-05-01',
      '2027-09-01',
      '2027-09-02',
    ]);
    // 6-7 Feb are Sat-Sun -> 10-11 Feb; 1 May is a Saturday -> Monday 3 May.
    expect(datesOf(2027, 'compensatory')).toEqual(['2027-02-10', '2027-02-11', '2027-05-03']);
  });

  it('names in Vietnamese and English', () => {
    const e = defaultSchedule(2027).entries;
    expect(e.find((x) => x.date === '2027-02-05')).toMatchObject({
      name: 'Tết Nguyên Đán (29 tháng Chạp)',
      nameEn: 'Lunar New Year (day 29 of the 12th lunar month)',
    });
    expect(e.find((x) => x.date === '2027-05-03')).toMatchObject({ kind: 'compensatory', name: 'Nghỉ bù Ngày Quốc tế Lao động (1/5)' });
  });

  it('Giỗ Tổ 2026 on a Sunday gives Monday 27 April by default too', () => {
    expect(datesOf(2026, 'compensatory')).toContain('2026-04-27');
  });

  it('compensatory days land on weekdays that are not holidays, one per weekend or coinciding holiday', () => {
    for (let y = 1901; y <= 2100; y++) {
      const holidays = statutoryHolidays(y);
      const entries = withCompensatoryDays(holidays);
      const comp = entries.filter((e) => e.kind === 'compensatory');
      const dates = new Set(entries.map((e) => e.date));
      expect(dates.size).toBe(entries.length);
      const owed = holidays.filter((h) => isWeekend(toDayNumber(h.date))).length + (holidays.length - new Set(holidays.map((h) => h.date)).size);
      expect(comp.length).toBe(owed);
      for (const c of comp) {
        expect(isWeekend(toDayNumber(c.date))).toBe(false);
        expect(c.date.startsWith(String(y))).toBe(true);
      }
    }
  });

  it('merges a holiday that coincides with another and still owes its day', () => {
    const a = { date: '2031-04-30', kind: 'holiday' as const, name: 'A', nameEn: 'A' };
    const b = { ...a, name: 'B', nameEn: 'B' };
    const out = withCompensatoryDays([a, b]);
    expect(out).toEqual([
      { ...a, name: 'A; B', nameEn: 'A; B' },
      { date: '2031-05-01', kind: 'compensatory', name: 'Nghỉ bù B', nameEn: 'Compensatory day off: B' },
    ]);
  });
});

describe('official schedules 2024-2026 (seed data)', () => {
  it('are well formed: dates of their year, unique, make-up days on weekends, days off on weekdays unless holidays', () => {
    for (const s of OFFICIAL_SCHEDULES) {
      const dates = s.entries.map((e) => e.date);
      expect(new Set(dates).size).toBe(dates.length);
      for (const e of s.entries) {
        expect(e.date.startsWith(`${s.year}-`)).toBe(true);
        expect(e.name.length).toBeGreaterThan(0);
        expect(e.nameEn.length).toBeGreaterThan(0);
        if (e.kind === 'workday') expect(isWeekend(toDayNumber(e.date))).toBe(true);
        if (e.kind === 'extra' || e.kind === 'compensatory') expect(isWeekend(toDayNumber(e.date))).toBe(false);
      }
      // As many swapped days off as make-up days.
      expect(s.entries.filter((e) => e.kind === 'extra').length).toBe(s.entries.filter((e) => e.kind === 'workday').length);
    }
  });

  it('give every public agency the 11 statutory holidays (Tết 5, 2/9 2)', () => {
    for (const s of OFFICIAL_SCHEDULES) expect(s.entries.filter((e) => e.kind === 'holiday')).toHaveLength(11);
  });
});
