import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyOpen, classifyTimeliness, endTimeOf } from './timeliness';

// Due 2026-03-20 17:00 Vietnam time = 10:00 UTC.
const due = new Date('2026-03-20T10:00:00Z');
const at = (s: string) => new Date(s);

describe('classifyTimeliness', () => {
  const cases: [string, 'minute' | 'day', string][] = [
    ['2026-03-19T09:00:00Z', 'minute', 'early'],
    ['2026-03-19T16:59:59Z', 'minute', 'early'], // 23:59 VN on the 19th
    ['2026-03-19T17:00:00Z', 'minute', 'on_time'], // 00:00 VN on the 20th
    ['2026-03-20T02:00:00Z', 'minute', 'on_time'],
    ['2026-03-20T10:00:00Z', 'minute', 'on_time'],
    ['2026-03-20T10:00:59Z', 'minute', 'on_time'], // same minute
    ['2026-03-20T10:01:00Z', 'minute', 'late'],
    ['2026-03-20T16:59:00Z', 'minute', 'late'],
    ['2026-03-21T01:00:00Z', 'minute', 'late'],
    ['2026-03-19T09:00:00Z', 'day', 'early'],
    ['2026-03-19T17:00:00Z', 'day', 'on_time'],
    ['2026-03-20T10:01:00Z', 'day', 'on_time'],
    ['2026-03-20T16:59:59Z', 'day', 'on_time'], // 23:59 VN on the due day
    ['2026-03-20T17:00:00Z', 'day', 'late'],
  ];
  it.each(cases)('%s by %s is %s', (finished, compare, expected) => {
    expect(classifyTimeliness({ finishedAt: at(finished), dueAt: due, compare })).toBe(expected);
  });

  it('counts a dossier asked for supplements more than once as late', () => {
    expect(classifyTimeliness({ finishedAt: at('2026-03-10T00:00:00Z'), dueAt: due, supplementRequests: 1 })).toBe('early');
    expect(classifyTimeliness({ finishedAt: at('2026-03-10T00:00:00Z'), dueAt: due, supplementRequests: 2 })).toBe('late');
  });

  it('is monotonic: finishing later never makes a dossier more timely', () => {
    const rank = { early: 0, on_time: 1, late: 2 };
    fc.assert(
      fc.property(
        fc.integer({ min: -10 * 86400, max: 10 * 86400 }),
        fc.integer({ min: 0, max: 5 * 86400 }),
        fc.constantFrom('minute' as const, 'day' as const),
        (a, delta, compare) => {
          const x = classifyTimeliness({ finishedAt: new Date(due.getTime() + a * 1000), dueAt: due, compare });
          const y = classifyTimeliness({ finishedAt: new Date(due.getTime() + (a + delta) * 1000), dueAt: due, compare });
          return rank[x] <= rank[y];
        },
      ),
    );
  });

  it('day comparison is never stricter than minute comparison', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5 * 86400, max: 5 * 86400 }), (a) => {
        const f = new Date(due.getTime() + a * 1000);
        const m = classifyTimeliness({ finishedAt: f, dueAt: due, compare: 'minute' });
        const d = classifyTimeliness({ finishedAt: f, dueAt: due, compare: 'day' });
        return !(d === 'late' && m !== 'late') && (m === 'early') === (d === 'early');
      }),
    );
  });

  it('classifies open dossiers against the end of the period', () => {
    expect(classifyOpen({ asOf: at('2026-03-20T09:00:00Z'), dueAt: due })).toBe('in_time');
    expect(classifyOpen({ asOf: at('2026-03-21T09:00:00Z'), dueAt: due })).toBe('late');
    expect(classifyOpen({ asOf: at('2026-03-21T09:00:00Z'), dueAt: null })).toBe('in_time');
  });

  it('takes the end time in the national priority order', () => {
    const r = at('2026-03-01T00:00:00Z');
    expect(endTimeOf({ resultReadyAt: at('2026-03-05T00:00:00Z'), returnedAt: at('2026-03-06T00:00:00Z'), closedAt: null, receivedAt: r })).toEqual(
      at('2026-03-05T00:00:00Z'),
    );
    expect(endTimeOf({ resultReadyAt: null, returnedAt: null, closedAt: at('2026-03-03T00:00:00Z'), receivedAt: r })).toEqual(at('2026-03-03T00:00:00Z'));
    expect(endTimeOf({ resultReadyAt: null, returnedAt: null, closedAt: at('2026-03-03T00:00:00Z'), receivedAt: null })).toBeNull();
  });
});
