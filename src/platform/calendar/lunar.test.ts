import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dayNumberOf, fromDayNumber } from './civil';
import { leapMonthOf, lunarOfDayNumber, lunarToDayNumber, lunarToSolar, lunarYearMonths, newMoonDay, solarToLunar } from './lunar';

const JD_UNIX_EPOCH = 2440588;
const FIRST = dayNumberOf(1900, 1, 1);
const LAST = dayNumberOf(2100, 12, 31);

describe('known dates', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [1985, '1985-01-21'], // China: 20 Feb 1985
    [2007, '2007-02-17'], // China: 18 Feb 2007
    [2030, '2030-02-02'], // China: 3 Feb 2030
  ])('Tết %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 1, month: 1, year, leap: false })).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leap: false });
  });

  it('differs from the UTC+8 (Chinese) reckoning on Tết 1985, 2007 and 2030', () => {
    expect(lunarToSolar({ day: 1, month: 1, year: 1985, leap: false }, 8)).toBe('1985-02-20');
    expect(lunarToSolar({ day: 1, month: 1, year: 2007, leap: false }, 8)).toBe('2007-02-18');
    expect(lunarToSolar({ day: 1, month: 1, year: 2030, leap: false }, 8)).toBe('2030-02-03');
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Giỗ Tổ (10/3) %i is %s', (year, date) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leap: false })).toBe(date);
  });

  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2033, 11],
    [1985, 2],
    [2024, null],
    [2026, null],
  ])('lunar year %i has leap month %s', (year, leap) => {
    expect(leapMonthOf(year)).toBe(leap);
  });

  it('knows both months 6 of 2025', () => {
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: false })).toBe('2025-06-25');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
    expect(solarToLunar('2025-08-01')).toEqual({ day: 8, month: 6, year: 2025, leap: true });
  });

  it('the last days of a lunar year', () => {
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('refuses lunar dates that do not exist', () => {
    expect(lunarToSolar({ day: 1, month: 5, year: 2025, leap: true })).toBeNull(); // leap month is 6
    expect(lunarToSolar({ day: 1, month: 3, year: 2024, leap: true })).toBeNull(); // no leap month
    expect(lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toBeNull(); // 29-day month
    expect(lunarToSolar({ day: 0, month: 1, year: 2025, leap: false })).toBeNull();
    expect(lunarToSolar({ day: 1, month: 13, year: 2025, leap: false })).toBeNull();
  });
});

describe('every day 1900-2100', () => {
  it('round-trips solar -> lunar -> solar, with days running 1..29/30 and months in order', () => {
    const newMoons = new Set<number>();
    for (let k = -2; k < 2500; k++) newMoons.add(newMoonDay(k) - JD_UNIX_EPOCH);
    let prev = lunarOfDayNumber(FIRST - 1);
    for (let n = FIRST; n <= LAST; n++) {
      const l = lunarOfDayNumber(n);
      if (lunarToDayNumber(l) !== n) throw new Error(`round trip fails on ${fromDayNumber(n)}: ${JSON.stringify(l)}`);
      if (l.day === 1) {
        if (!newMoons.has(n)) throw new Error(`day 1 is not a new-moon day: ${fromDayNumber(n)}`);
        if (prev.day !== 29 && prev.day !== 30) throw new Error(`month of ${prev.day} days before ${fromDayNumber(n)}`);
        const sameYear = l.year === prev.year;
        const next =
          (l.leap && l.month === prev.month && sameYear) ||
          (!l.leap && (sameYear ? l.month === prev.month + 1 : l.year === prev.year + 1 && l.month === 1 && prev.month === 12));
        if (!next) throw new Error(`month sequence broken on ${fromDayNumber(n)}: ${JSON.stringify(prev)} -> ${JSON.stringify(l)}`);
      } else if (l.day !== prev.day + 1 || l.month !== prev.month || l.leap !== prev.leap || l.year !== prev.year) {
        throw new Error(`day sequence broken on ${fromDayNumber(n)}`);
      } else if (newMoons.has(n)) {
        throw new Error(`a new-moon day inside a month: ${fromDayNumber(n)}`);
      }
      prev = l;
    }
  });

  it('every lunar year has 12 or 13 months of 29 or 30 days, at most one leap month, in order', () => {
    for (let y = 1900; y <= 2100; y++) {
      const months = lunarYearMonths(y);
      expect([12, 13]).toContain(months.length);
      expect(months.filter((m) => m.leap).length).toBe(months.length - 12);
      expect(months.filter((m) => !m.leap).map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const total = months.reduce((s, m) => s + m.days, 0);
      expect(total).toBeGreaterThanOrEqual(months.length === 12 ? 353 : 383);
      expect(total).toBeLessThanOrEqual(months.length === 12 ? 355 : 385);
    }
  });

  it('property: lunar -> solar -> lunar for valid lunar dates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (year, month, day, leap) => {
          const n = lunarToDayNumber({ day, month, year, leap });
          if (n === null) return leap || day === 30;
          expect(lunarOfDayNumber(n)).toEqual({ day, month, year, leap });
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });
});
