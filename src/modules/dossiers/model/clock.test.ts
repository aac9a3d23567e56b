import { describe, expect, it } from 'vitest';
import { applicableLimit, dueAfterSupplement, extendByPause, isDueSoon, isOverdue } from './clock';
import { secretMatches } from './lookup';
import { testCalendar } from './test-calendar';

const tet2026 = ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'];
const cal = testCalendar(tet2026);
const vn = (s: string) => new Date(`${s}+07:00`);

describe('dossier clock', () => {
  it('uses the online processing time for online and assisted dossiers where one is set', () => {
    const p = { processingTime: { value: 5, unit: 'working_days' as const }, onlineProcessingTime: { value: 3, unit: 'working_days' as const } };
    expect(applicableLimit(p, 'online').value).toBe(3);
    expect(applicableLimit(p, 'assisted').value).toBe(3);
    expect(applicableLimit(p, 'in_person').value).toBe(5);
    expect(applicableLimit({ processingTime: p.processingTime }, 'online').value).toBe(5);
  });

  it('restarts the deadline when the supplement was asked within 3 working days of receipt (NĐ 61 art. 19(4))', () => {
    const receivedAt = vn('2026-03-02T09:00:00'); // Monday
    const limit = { value: 5, unit: 'working_days' as const };
    const dueAt = cal.dueAt(receivedAt, limit);
    expect(dueAt).toEqual(vn('2026-03-09T17:00:00'));
    const r = dueAfterSupplement(cal, { receivedAt, dueAt, requestedAt: vn('2026-03-05T10:00:00'), resumedAt: vn('2026-03-11T09:00:00'), limit });
    expect(r).toEqual({ rule: 'restart', dueAt: vn('2026-03-18T17:00:00') });
  });

  it('pushes the due date by the working time waited when the request came later', () => {
    const receivedAt = vn('2026-03-02T09:00:00');
    const limit = { value: 10, unit: 'working_days' as const };
    const dueAt = cal.dueAt(receivedAt, limit); // Mon 16 March 17:00
    expect(dueAt).toEqual(vn('2026-03-16T17:00:00'));
    // Asked Friday 6 March 16:00, back Tuesday 10 March 09:00: waited 1 h Fri + 8 h Mon + 1 h Tue = 10 working hours.
    const r = dueAfterSupplement(cal, { receivedAt, dueAt, requestedAt: vn('2026-03-06T16:00:00'), resumedAt: vn('2026-03-10T09:00:00'), limit });
    expect(r.rule).toBe('extend');
    expect(r.dueAt).toEqual(vn('2026-03-18T10:00:00')); // Tue 17: 8 h, Wed 18: 2 h
  });

  it('does not move the due date for a pause that spans only days off', () => {
    const d = vn('2026-02-25T17:00:00');
    expect(extendByPause(cal, d, vn('2026-02-14T08:00:00'), vn('2026-02-22T20:00:00'))).toEqual(d);
  });

  it('warns the day before and on the day a step is due, not after', () => {
    const due = vn('2026-02-23T17:00:00'); // Monday after Tết
    expect(isDueSoon(cal, vn('2026-02-12T10:00:00'), due)).toBe(false); // Thursday before Tết: Fri 13 is 1 working day, Mon 23 is 2
    expect(isDueSoon(cal, vn('2026-02-13T10:00:00'), due)).toBe(true); // Friday before Tết
    expect(isDueSoon(cal, vn('2026-02-23T16:00:00'), due)).toBe(true);
    expect(isDueSoon(cal, vn('2026-02-23T17:30:00'), due)).toBe(false);
    expect(isOverdue(vn('2026-02-23T17:30:00'), due)).toBe(true);
  });
});

describe('public lookup factor', () => {
  const d = { idNumber: '093090001234', phone: '0912 345 678', pin: '042917' };
  it('accepts the last 4 digits of the ID number or phone, or the PIN', () => {
    expect(secretMatches('1234', d)).toBe(true);
    expect(secretMatches('5678', d)).toBe(true);
    expect(secretMatches('042917', d)).toBe(true);
  });
  it('refuses anything else, including the empty string', () => {
    for (const s of ['', '0000', '123', '12345', '042918', 'abcd', '093090001234']) expect(secretMatches(s, d)).toBe(false);
    expect(secretMatches('1234', { idNumber: null, phone: null, pin: null })).toBe(false);
  });
});
