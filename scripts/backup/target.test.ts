import { describe, expect, it } from 'vitest';
import { backupFolderName, nextMinute, parseRecoveryTarget, TargetError } from './target';

describe('parseRecoveryTarget', () => {
  it('reads a minute as Vietnam time (UTC+7) and gives PostgreSQL an explicit offset', () => {
    const t = parseRecoveryTarget('2026-12-03 14:05');
    expect(t.at.toISOString()).toBe('2026-12-03T07:05:00.000Z');
    expect(t.pg).toBe('2026-12-03 14:05:00+07');
    expect(t.label).toBe('2026-12-03 14:05:00 (UTC+7) = 2026-12-03 07:05:00 UTC');
  });

  it('crosses the date line backwards: 06:30 in Vietnam is the day before in UTC', () => {
    const t = parseRecoveryTarget('2027-01-01 06:30:15');
    expect(t.at.toISOString()).toBe('2026-12-31T23:30:15.000Z');
    expect(t.pg).toBe('2027-01-01 06:30:15+07');
  });

  it('keeps an explicit offset or Z, and still writes the target in Vietnam time', () => {
    expect(parseRecoveryTarget('2026-12-03T07:05Z').pg).toBe('2026-12-03 14:05:00+07');
    expect(parseRecoveryTarget('2026-12-03 09:05+09:00').at.toISOString()).toBe('2026-12-03T00:05:00.000Z');
    expect(parseRecoveryTarget('2026-12-03 02:05 -0500').at.toISOString()).toBe('2026-12-03T07:05:00.000Z');
  });

  it.each([
    ['', /YYYY-MM-DD HH:MM/],
    ['14:05', /YYYY-MM-DD HH:MM/],
    ['03/12/2026 14:05', /YYYY-MM-DD HH:MM/],
    ['2026-02-29 10:00', /no day 29/],
    ['2026-13-01 10:00', /month 13/],
    ['2026-12-03 24:00', /not a time of day/],
    ['2026-12-03 14:60', /not a time of day/],
    ['2026-12-03 14:05+15', /offset/],
  ])('refuses %j', (input, msg) => {
    expect(() => parseRecoveryTarget(input)).toThrow(TargetError);
    expect(() => parseRecoveryTarget(input)).toThrow(msg);
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseRecoveryTarget('2028-02-29 23:59').at.toISOString()).toBe('2028-02-29T16:59:00.000Z');
  });
});

describe('nextMinute', () => {
  it('is the next whole minute at least the lead away', () => {
    expect(nextMinute(new Date('2026-12-03T07:05:10Z'), 30_000).toISOString()).toBe('2026-12-03T07:06:00.000Z');
    expect(nextMinute(new Date('2026-12-03T07:05:40Z'), 30_000).toISOString()).toBe('2026-12-03T07:07:00.000Z');
    expect(nextMinute(new Date('2026-12-03T07:05:30Z'), 30_000).toISOString()).toBe('2026-12-03T07:06:00.000Z');
  });
});

describe('backupFolderName', () => {
  it('is the Vietnam time, sortable, without colons', () => {
    expect(backupFolderName(new Date('2026-12-03T17:30:05Z'))).toBe('2026-12-04T003005+0700');
  });
});
