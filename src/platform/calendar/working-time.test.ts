import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DAY_MS, fromDayNumber, toDayNumber, vnDayNumber } from './civil';
import { OFFICIAL_SCHEDULES } from './official-schedules';
import { buildWorkCalendar } from './working-time';
import { civilDateVN, type TimeLimit } from './types';

const cal = buildWorkCalendar({ schedules: OFFICIAL_SCHEDULES });
const vn = (local: string) => new Date(`${local}+07:00`);
const H = 3_600_000;

describe('working days around the announced schedules', () => {
  it.each([
    ['2025-01-24', true],
    ['2025-01-27', false],
    ['2025-01-31', false],
    ['2025-02-03', true],
    ['2025-02-08', false],
    ['2025-04-07', false], // Giỗ Tổ
    ['2025-04-26', true], // Saturday worked for Friday 2/5
    ['2025-05-02', false],
    ['2025-09-01', false],
    ['2025-09-03', true],
    ['2026-01-02', false],
    ['2026-01-10', true],
    ['2026-02-13', true],
    ['2026-02-16', false],
    ['2026-02-20', false],
    ['2026-02-23', true],
    ['2026-04-27', false], // Giỗ Tổ on Sunday 26/4 -> Monday off
    ['2026-04-28', true],
    ['2026-05-01', false],
    ['2026-08-22', true], // Saturday worked for Monday 31/8
    ['2026-08-31', false],
    ['2026-09-02', false],
    ['2026-09-03', true],
    ['2024-02-14', false],
    ['2024-02-15', true],
    ['2024-04-29', false],
    ['2024-05-04', true],
    ['2024-09-03', false],
    ['2027-05-03', false], // default rules: 1 May 2027 is a Saturday
  ])('%s working: %s', (day, working) => {
    expect(cal.isWorkingDay(day)).toBe(working);
  });

  it('lists days off with their names; make-up Saturdays are not days off', () => {
    const off = cal.daysOff(2026);
    expect(off.find((d) => d.date === '2026-04-27')).toMatchObject({ kind: 'compensatory' });
    expect(off.find((d) => d.date === '2026-08-22')).toBeUndefined();
    expect(cal.schedule(2026).find((d) => d.date === '2026-08-22')).toMatchObject({ kind: 'workday' });
    expect(off.filter((d) => d.date.startsWith('2026-02')).map((d) => d.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(cal.hasOfficialSchedule(2026)).toBe(true);
    expect(cal.hasOfficialSchedule(2027)).toBe(false);
  });

  it('counts and adds working days', () => {
    expect(cal.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(cal.workingDaysBetween('2025-02-03', '2025-01-24')).toBe(0);
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2025-12-31', '2026-01-12')).toBe(7); // 1-2/1 off, Saturday 10/1 worked
    expect(cal.addWorkingDays('2025-01-25', 0)).toBe('2025-02-03');
    expect(cal.addWorkingDays('2025-01-24', 0)).toBe('2025-01-24');
    expect(cal.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(cal.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(cal.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(cal.addWorkingDays('2024-12-31', 250)).toBe(cal.addWorkingDays('2024-12-31', 250));
  });
});

describe('dueAt (one-stop rules)', () => {
  const cases: [string, string, TimeLimit, string][] = [
    ['starts the day after receipt', '2025-03-10T09:00', { value: 5, unit: 'working_days' }, '2025-03-17T17:00'],
    ['0 working days: closing time of the day of receipt', '2025-03-10T09:00', { value: 0, unit: 'working_days' }, '2025-03-10T17:00'],
    ['Tết 2025: Friday before -> Monday after', '2025-01-24T10:00', { value: 1, unit: 'working_days' }, '2025-02-03T17:00'],
    ['Tết 2025: 3 working days', '2025-01-23T09:00', { value: 3, unit: 'working_days' }, '2025-02-04T17:00'],
    ['Tết 2026: Friday 16:59', '2026-02-13T16:59', { value: 1, unit: 'working_days' }, '2026-02-23T17:00'],
    ['Tết 2026: Friday after closing counts from Monday 23/2', '2026-02-13T17:30', { value: 1, unit: 'working_days' }, '2026-02-24T17:00'],
    ['Tết 2026: received on a day off', '2026-02-18T10:00', { value: 1, unit: 'working_days' }, '2026-02-24T17:00'],
    ['Giỗ Tổ 2026: Monday 27/4 off', '2026-04-24T09:00', { value: 1, unit: 'working_days' }, '2026-04-28T17:00'],
    ['Giỗ Tổ + 30/4-1/5 2026', '2026-04-24T09:00', { value: 3, unit: 'working_days' }, '2026-05-04T17:00'],
    ['30/4 2025: the make-up Saturday counts', '2025-04-25T09:00', { value: 1, unit: 'working_days' }, '2025-04-26T17:00'],
    ['30/4 2025: across the break', '2025-04-25T09:00', { value: 4, unit: 'working_days' }, '2025-05-05T17:00'],
    ['2/9 2026: make-up Saturday 22/8', '2026-08-21T09:00', { value: 1, unit: 'working_days' }, '2026-08-22T17:00'],
    ['2/9 2026: 29/8-2/9 off', '2026-08-28T09:00', { value: 1, unit: 'working_days' }, '2026-09-03T17:00'],
    ['2/9 2025: 1-2/9 off', '2025-08-29T09:00', { value: 1, unit: 'working_days' }, '2025-09-03T17:00'],
    ['days: ending on a day off moves to the next working day', '2026-02-09T09:00', { value: 10, unit: 'days' }, '2026-02-23T17:00'],
    ['days: across the new year', '2025-12-10T09:00', { value: 30, unit: 'days' }, '2026-01-09T17:00'],
    ['days: ending on Saturday', '2025-03-10T09:00', { value: 5, unit: 'days' }, '2025-03-17T17:00'],
    ['working hours within office hours', '2025-03-10T10:00', { value: 8, unit: 'working_hours' }, '2025-03-11T10:00'],
    ['working hours across Tết 2025', '2025-01-24T16:00', { value: 2, unit: 'working_hours' }, '2025-02-03T08:00'],
    ['working hours from the lunch break', '2025-03-10T12:00', { value: 1, unit: 'working_hours' }, '2025-03-10T14:30'],
    ['working hours from before opening, ending before noon', '2025-03-10T06:00', { value: 4, unit: 'working_hours' }, '2025-03-10T11:00'],
    ['working hours received in the evening', '2025-03-10T20:00', { value: 1, unit: 'working_hours' }, '2025-03-11T08:00'],
    ['half a working day is 4 h of office time', '2025-03-10T07:30', { value: 0.5, unit: 'working_days' }, '2025-03-10T11:30'],
  ];
  it.each(cases)('%s', (_name, received, limit, due) => {
    expect(cal.dueAt(vn(received), limit).toISOString()).toBe(vn(due).toISOString());
  });

  it('refuses negative or non-finite limits', () => {
    expect(() => cal.dueAt(vn('2025-03-10T09:00'), { value: -1, unit: 'working_days' })).toThrow(RangeError);
    expect(() => cal.dueAt(vn('2025-03-10T09:00'), { value: Number.NaN, unit: 'days' })).toThrow(RangeError);
    expect(() => cal.addWorkingMs(vn('2025-03-10T09:00'), -1)).toThrow(RangeError);
  });
});

describe('working time', () => {
  it('counts office hours only', () => {
    expect(cal.workingMsBetween(vn('2025-03-10T00:00'), vn('2025-03-11T00:00'))).toBe(8 * H);
    expect(cal.workingMsBetween(vn('2025-03-10T11:00'), vn('2025-03-10T14:00'))).toBe(H);
    expect(cal.workingMsBetween(vn('2025-01-24T16:00'), vn('2025-02-03T08:00'))).toBe(2 * H);
    expect(cal.workingMsBetween(vn('2025-03-11T00:00'), vn('2025-03-10T00:00'))).toBe(0);
    expect(cal.addWorkingMs(vn('2025-03-10T11:30'), 0).toISOString()).toBe(vn('2025-03-10T11:30').toISOString());
    expect(cal.addWorkingMs(vn('2025-03-07T17:00'), 8 * H * 3).toISOString()).toBe(vn('2025-03-12T17:00').toISOString());
  });

  it('honours configured office hours', () => {
    const c = buildWorkCalendar({
      officeHours: [
        { start: 8 * 60, end: 12 * 60 },
        { start: 13 * 60, end: 17 * 60 },
      ],
    });
    expect(c.dayWorkMs).toBe(8 * H);
    expect(c.dueAt(vn('2025-03-10T08:00'), { value: 8, unit: 'working_hours' }).toISOString()).toBe(vn('2025-03-10T17:00').toISOString());
    expect(() => buildWorkCalendar({ officeHours: [{ start: 600, end: 500 }] })).toThrow(RangeError);
    expect(() => buildWorkCalendar({ officeHours: [] })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const dayArb = fc.integer({ min: toDayNumber('2023-01-01'), max: toDayNumber('2028-12-31') });
  const civilArb = dayArb.map(fromDayNumber);
  const instantArb = fc.tuple(dayArb, fc.integer({ min: 0, max: DAY_MS - 1 })).map(([d, ms]) => new Date(d * DAY_MS - 7 * H + ms));
  const limitArb: fc.Arbitrary<TimeLimit> = fc.oneof(
    fc.record({ value: fc.integer({ min: 0, max: 120 }), unit: fc.constant('working_days' as const) }),
    fc.record({ value: fc.integer({ min: 0, max: 400 }), unit: fc.constant('working_hours' as const) }),
    fc.record({ value: fc.integer({ min: 0, max: 180 }), unit: fc.constant('days' as const) }),
  );
  const anyYearCal = buildWorkCalendar();
  const wideInstantArb = fc
    .tuple(fc.integer({ min: toDayNumber('1950-01-01'), max: toDayNumber('2090-12-31') }), fc.integer({ min: 0, max: DAY_MS - 1 }))
    .map(([d, ms]) => new Date(d * DAY_MS + ms));

  it('dueAt is never on a day off, within office hours, and not before receipt', () => {
    for (const [c, arb] of [
      [cal, instantArb],
      [anyYearCal, wideInstantArb],
    ] as const) {
      fc.assert(
        fc.property(arb, limitArb, (received, limit) => {
          const due = c.dueAt(received, limit);
          expect(c.isWorkingDay(civilDateVN(due))).toBe(true);
          const minutes = ((((due.getTime() + 7 * H) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
          expect(minutes).toBeGreaterThanOrEqual(7 * 60);
          expect(minutes).toBeLessThanOrEqual(17 * 60);
          expect(due.getTime()).toBeGreaterThanOrEqual(received.getTime());
        }),
        { numRuns: 1500 },
      );
    }
  });

  it('dueAt is monotone in N (strictly for working units)', () => {
    fc.assert(
      fc.property(instantArb, limitArb, (received, limit) => {
        const a = cal.dueAt(received, limit).getTime();
        const b = cal.dueAt(received, { ...limit, value: limit.value + 1 }).getTime();
        if (limit.unit === 'days') expect(b).toBeGreaterThanOrEqual(a);
        else expect(b).toBeGreaterThan(a);
      }),
      { numRuns: 1500 },
    );
  });

  it('working_days: exactly N working days after the day the clock starts', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 120 }), (received, n) => {
        const start = civilDateVN(cal.clockStart(received));
        expect(cal.workingDaysBetween(start, civilDateVN(cal.dueAt(received, { value: n, unit: 'working_days' })))).toBe(n);
      }),
    );
  });

  it('working_hours: exactly N hours of office time after receipt', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 400 }), (received, n) => {
        expect(cal.workingMsBetween(received, cal.dueAt(received, { value: n, unit: 'working_hours' }))).toBe(n * H);
      }),
    );
  });

  it('addWorkingDays and workingDaysBetween are inverse', () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: 1, max: 300 }), (day, n) => {
        const later = cal.addWorkingDays(day, n);
        expect(cal.isWorkingDay(later)).toBe(true);
        expect(cal.workingDaysBetween(day, later)).toBe(n);
        if (cal.isWorkingDay(day)) expect(cal.addWorkingDays(later, -n)).toBe(day);
      }),
    );
    fc.assert(
      fc.property(civilArb, civilArb, (a, b) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        if (from === to || !cal.isWorkingDay(to)) return;
        expect(cal.addWorkingDays(from, cal.workingDaysBetween(from, to))).toBe(to);
      }),
    );
  });

  it('workingDaysBetween matches counting day by day', () => {
    fc.assert(
      fc.property(civilArb, fc.integer({ min: 0, max: 800 }), (from, span) => {
        const a = toDayNumber(from);
        let count = 0;
        for (let n = a + 1; n <= a + span; n++) if (cal.isWorkingDay(fromDayNumber(n))) count++;
        expect(cal.workingDaysBetween(from, fromDayNumber(a + span))).toBe(count);
      }),
      { numRuns: 200 },
    );
  });

  it('addWorkingMs and workingMsBetween are inverse; workingMsBetween is additive', () => {
    fc.assert(
      fc.property(instantArb, fc.integer({ min: 0, max: 200 * 8 * H }), (from, ms) => {
        expect(cal.workingMsBetween(from, cal.addWorkingMs(from, ms))).toBe(ms);
      }),
    );
    fc.assert(
      fc.property(instantArb, instantArb, instantArb, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p.getTime() - q.getTime());
        expect(cal.workingMsBetween(a, b) + cal.workingMsBetween(b, c)).toBe(cal.workingMsBetween(a, c));
      }),
    );
  });

  it('a day is working iff it has office time', () => {
    fc.assert(
      fc.property(dayArb, (n) => {
        const start = new Date(n * DAY_MS - 7 * H);
        const ms = cal.workingMsBetween(start, new Date(start.getTime() + DAY_MS));
        expect(ms).toBe(cal.isWorkingDay(fromDayNumber(n)) ? 8 * H : 0);
        expect(vnDayNumber(start.getTime())).toBe(n);
      }),
    );
  });
});
