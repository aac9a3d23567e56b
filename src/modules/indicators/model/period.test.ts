import { describe, expect, it } from 'vitest';
import { currentMonthKey, monthsOf, parsePeriod, shiftMonth } from './period';
import { periodLabel } from '../present';

const now = new Date('2025-03-10T02:00:00Z');
describe('periods in Vietnam time', () => {
  it('a month starts at 00:00 UTC+7', () => {
    const p = parsePeriod('2025-02', now)!;
    expect(p.from.toISOString()).toBe('2025-01-31T17:00:00.000Z');
    expect(p.to.toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(p.toDate).toBe(false);
    expect(p.asOf).toEqual(p.to);
  });
  it('the current period is measured to date', () => {
    const p = parsePeriod('2025-03', now)!;
    expect(p.toDate).toBe(true);
    expect(p.asOf).toEqual(now);
    expect(parsePeriod('2025-Q1', now)!.toDate).toBe(true);
  });
  it('quarters and years', () => {
    const q = parsePeriod('2024-q4', now)!;
    expect(q.key).toBe('2024-Q4');
    expect(q.from.toISOString()).toBe('2024-09-30T17:00:00.000Z');
    expect(q.to.toISOString()).toBe('2024-12-31T17:00:00.000Z');
    expect(monthsOf(q)).toEqual(['2024-10', '2024-11', '2024-12']);
    const y = parsePeriod('2024', now)!;
    expect(y.kind).toBe('year');
    expect(monthsOf(y)).toHaveLength(12);
  });
  it('refuses malformed periods', () => {
    for (const k of ['2025-13', '2025-00', '2025-Q5', '25-01', 'x', '2025-1', '1999']) expect(parsePeriod(k, now)).toBeNull();
  });
  it('moves months across years', () => {
    expect(shiftMonth('2025-01', -1)).toBe('2024-12');
    expect(shiftMonth('2024-12', 1)).toBe('2025-01');
    expect(currentMonthKey(new Date('2025-03-31T17:30:00Z'))).toBe('2025-04');
  });
});

describe('periodLabel', () => {
  it('reads months, quarters and years in Vietnamese and English, and leaves anything else as given', () => {
    expect(periodLabel('2025-03')).toBe('tháng 03/2025');
    expect(periodLabel('2025-12', 'en')).toBe('12/2025');
    expect(periodLabel('2025-Q1')).toBe('quý 1/2025');
    expect(periodLabel('2026-q4', 'en')).toBe('Q4 2026');
    expect(periodLabel('2026')).toBe('năm 2026');
    expect(periodLabel('2026', 'en')).toBe('2026');
    for (const odd of ['2025-13', '2025-00', '2025-Q5', '25-03', '']) expect(periodLabel(odd)).toBe(odd);
  });
});
