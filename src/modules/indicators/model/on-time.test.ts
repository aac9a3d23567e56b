import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { onTimeStatus, summariseSupplements } from './on-time';

const T = (s: string) => new Date(s);
const base = {
  receivedAt: T('2025-03-03T02:00:00Z'),
  dueAt: T('2025-03-07T10:00:00Z'),
  finishedAt: null as Date | null,
  supplements: [] as { requestedAt: Date; returnedAt: Date | null }[],
};
const periodEnd = T('2025-03-31T17:00:00Z');

describe('on-time counting (§1.4)', () => {
  it('finished before the due day is early; on the due day before the due time is on time', () => {
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-05T03:00:00Z') }, periodEnd).status).toBe('early');
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-07T09:00:00Z') }, periodEnd).status).toBe('onTime');
  });
  it('finished exactly at the due time is on time (<=); one ms later is late', () => {
    expect(onTimeStatus({ ...base, finishedAt: base.dueAt }, periodEnd).status).toBe('onTime');
    expect(onTimeStatus({ ...base, finishedAt: new Date(base.dueAt.getTime() + 1) }, periodEnd).status).toBe('late');
  });
  it('by civil day, a finish later on the due day is still on time', () => {
    const f = { ...base, finishedAt: T('2025-03-07T12:00:00Z') }; // 19:00 VN, same day
    expect(onTimeStatus(f, periodEnd, 'instant').status).toBe('late');
    expect(onTimeStatus(f, periodEnd, 'day').status).toBe('onTime');
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-07T17:00:00Z') }, periodEnd, 'day').status).toBe('late'); // 00:00 VN next day
  });
  it('open at the end of the period: the end of the period is the end time', () => {
    expect(onTimeStatus(base, T('2025-03-06T00:00:00Z'))).toMatchObject({ status: 'early', open: true });
    expect(onTimeStatus(base, T('2025-03-07T10:00:00Z'))).toMatchObject({ status: 'onTime', open: true });
    expect(onTimeStatus(base, T('2025-03-08T00:00:00Z'))).toMatchObject({ status: 'late', open: true });
  });
  it('finished after the period end counts as open at the period end', () => {
    const v = onTimeStatus({ ...base, finishedAt: T('2025-04-10T00:00:00Z') }, T('2025-03-06T00:00:00Z'));
    expect(v).toMatchObject({ status: 'early', open: true });
  });
  it('more than one supplement request is late, whatever the times', () => {
    const s = [
      { requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: T('2025-03-04T05:00:00Z') },
      { requestedAt: T('2025-03-05T02:00:00Z'), returnedAt: T('2025-03-05T05:00:00Z') },
    ];
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-05T06:00:00Z'), supplements: s }, periodEnd)).toMatchObject({
      status: 'late',
      reason: 'multipleSupplements',
    });
  });
  it('one request not answered: the request time is the end', () => {
    const s = [{ requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: null }];
    const v = onTimeStatus({ ...base, supplements: s }, periodEnd);
    expect(v.status).toBe('early');
    expect(v.end).toEqual(T('2025-03-04T02:00:00Z'));
  });
  it('one request answered: the supplement time is subtracted', () => {
    // paused 3 days; finished 2 days after the due time -> on time after subtracting
    const s = [{ requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: T('2025-03-07T02:00:00Z') }];
    const v = onTimeStatus({ ...base, finishedAt: T('2025-03-09T09:00:00Z'), supplements: s }, periodEnd);
    expect(v.end).toEqual(T('2025-03-06T09:00:00Z'));
    expect(v.status).toBe('early');
    // paused 1 day only; finished 2 days late -> late
    const s2 = [{ requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: T('2025-03-05T02:00:00Z') }];
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-09T11:00:00Z'), supplements: s2 }, periodEnd).status).toBe('late');
  });
  it('a request answered after the period end is still pending at the period end', () => {
    const s = [{ requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: T('2025-04-02T02:00:00Z') }];
    expect(onTimeStatus({ ...base, supplements: s }, periodEnd).end).toEqual(T('2025-03-04T02:00:00Z'));
  });
  it('requests after the period end are ignored', () => {
    const s = [
      { requestedAt: T('2025-04-04T02:00:00Z'), returnedAt: null },
      { requestedAt: T('2025-04-05T02:00:00Z'), returnedAt: null },
    ];
    expect(onTimeStatus({ ...base, finishedAt: T('2025-03-05T02:00:00Z'), supplements: s }, periodEnd).status).toBe('early');
  });
  it('no due time: compares with the legal maximum; none at all cannot be late', () => {
    const f = { ...base, dueAt: null, finishedAt: T('2025-03-06T02:00:00Z') };
    expect(onTimeStatus({ ...f, maxProcessingMs: 3 * 86400_000 }, periodEnd).status).toBe('onTime');
    expect(onTimeStatus({ ...f, maxProcessingMs: 3 * 86400_000 - 1 }, periodEnd).status).toBe('late');
    expect(onTimeStatus(f, periodEnd)).toMatchObject({ status: 'onTime', reason: 'noDeadline' });
  });
  it('summarises supplements for the facts table', () => {
    expect(summariseSupplements([])).toEqual({ count: 0, requestedAt: null, returnedAt: null, pausedMs: 0 });
    const s = summariseSupplements([{ requestedAt: T('2025-03-04T02:00:00Z'), returnedAt: T('2025-03-04T05:00:00Z') }]);
    expect(s).toMatchObject({ count: 1, pausedMs: 3 * 3600_000 });
  });
  it('finishing later never turns a late dossier on time (no supplements)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 86400_000 }), fc.integer({ min: 0, max: 20 * 86400_000 }), (a, b) => {
        const [x, y] = a < b ? [a, b] : [b, a];
        const at = (ms: number) => onTimeStatus({ ...base, finishedAt: new Date(base.receivedAt.getTime() + ms) }, T('2030-01-01T00:00:00Z')).status;
        return !(at(x) === 'late' && at(y) !== 'late');
      }),
    );
  });
});
