import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { disclosureDeadline, disclosureState, publicationFigures, publishedOnTime, ratio } from './publication';
import { weekendCalendar } from './weekend-calendar';

const cal = weekendCalendar();
// 2025-01-06 is a Monday.

describe('1.1 published on time (province: >= 5 working days before the effective date)', () => {
  it('counts working days after the signature up to the effective date', () => {
    expect(publishedOnTime(cal, '2025-01-06', '2025-01-13')).toBe(true); // Tue..Fri + Mon = 5
    expect(publishedOnTime(cal, '2025-01-06', '2025-01-10')).toBe(false); // 4
    expect(publishedOnTime(cal, '2025-01-07', '2025-01-13')).toBe(false); // 4
    expect(publishedOnTime(cal, '2025-01-03', '2025-01-10')).toBe(true); // Fri -> Fri: 5
    expect(publishedOnTime(cal, '2025-01-06', '2025-01-11')).toBe(false); // effective on a Saturday: 4
    expect(publishedOnTime(cal, '2025-01-13', '2025-01-06')).toBe(false); // signed after
    expect(publishedOnTime(cal, '2025-01-06', '2025-01-06')).toBe(false);
  });
  it('uses 20 working days for a ministry', () => {
    expect(publishedOnTime(cal, '2025-01-06', '2025-02-03', 'ministry')).toBe(true);
    expect(publishedOnTime(cal, '2025-01-06', '2025-01-31', 'ministry')).toBe(false);
  });
  it('is monotone: a later effective date is never worse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 30 }), (a, gap, extra) => {
        const d = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86400000).toISOString().slice(0, 10);
        if (publishedOnTime(cal, d(a), d(a + gap))) expect(publishedOnTime(cal, d(a), d(a + gap + extra))).toBe(true);
      }),
    );
  });
});

describe('1.2 disclosed within 5 working days of the decision', () => {
  it('has a deadline 5 working days after the signature', () => {
    expect(disclosureDeadline(cal, '2025-01-06')).toBe('2025-01-13');
    expect(disclosureDeadline(cal, '2025-01-10')).toBe('2025-01-17');
    expect(disclosureDeadline(cal, '2025-01-11')).toBe('2025-01-17'); // signed on a Saturday: counts from Monday
  });
  it('is on time up to the deadline, late after, pending while not yet due', () => {
    expect(disclosureState(cal, '2025-01-06', '2025-01-06', '2025-03-01')).toBe('on_time');
    expect(disclosureState(cal, '2025-01-06', '2025-01-13', '2025-03-01')).toBe('on_time');
    expect(disclosureState(cal, '2025-01-06', '2025-01-14', '2025-03-01')).toBe('late');
    expect(disclosureState(cal, '2025-01-06', null, '2025-01-10')).toBe('pending');
    expect(disclosureState(cal, '2025-01-06', null, '2025-01-13')).toBe('pending');
    expect(disclosureState(cal, '2025-01-06', null, '2025-01-14')).toBe('late');
  });
});

describe('period figures', () => {
  const e = (code: string, signedDate: string, effectiveDate: string, disclosedOn: string | null, decisionNumber = 'QĐ') => ({
    code,
    name: code,
    decisionNumber,
    signedDate,
    effectiveDate,
    disclosedOn,
  });
  it('counts a procedure once; late in any decision makes it late', () => {
    const f = publicationFigures(
      cal,
      [
        e('1.000001', '2025-01-06', '2025-01-20', '2025-01-07', 'A'),
        e('1.000001', '2025-02-03', '2025-02-04', '2025-02-04', 'B'),
        e('1.000002', '2025-01-06', '2025-01-20', '2025-01-20', 'A'),
        e('1.000003', '2025-03-03', '2025-03-20', null, 'C'),
      ],
      '2025-03-04',
    );
    expect(f.procedures).toHaveLength(3);
    expect(f.procedures.find((p) => p.code === '1.000001')).toMatchObject({ decisions: ['A', 'B'], publishedOnTime: false, disclosure: 'on_time' });
    expect(f.publishedOnTime).toEqual({ numerator: 2, denominator: 3, percent: 66.67 });
    // 1.000002 disclosed late; 1.000003 not yet due (pending) stays out of the denominator
    expect(f.disclosedOnTime).toEqual({ numerator: 1, denominator: 2, percent: 50 });
  });
  it('gives no percentage for an empty period', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, percent: null });
    expect(publicationFigures(cal, [], '2025-01-01').publishedOnTime.percent).toBeNull();
  });
});
