import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDateTimeVN, formatDateVN } from './dates';

describe('Vietnamese dates in Vietnam time', () => {
  it('writes day/month/year and 24-hour time, UTC+7', () => {
    expect(formatDateTimeVN(new Date('2026-12-02T05:41:00Z'))).toBe('02/12/2026 12:41');
    expect(formatDateTimeVN('2026-12-31T17:00:00Z')).toBe('01/01/2027 00:00');
    expect(formatDateVN('2026-03-08T16:59:59Z')).toBe('08/03/2026');
    expect(formatDateVN('2026-03-08T17:00:00Z')).toBe('09/03/2026');
  });
  it('always has the shape dd/mm/yyyy hh:mm and agrees with UTC+7 arithmetic', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const s = formatDateTimeVN(d);
        expect(s).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        const v = new Date(d.getTime() + 7 * 3_600_000);
        const pad = (n: number) => String(n).padStart(2, '0');
        expect(s).toBe(`${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`);
      }),
    );
  });
});
