import { describe, expect, it } from 'vitest';
import { attributionCounts, deriveCauses, type LedgerInput, type LedgerPause, type LedgerStep, type LedgerSync, type PortalFinding } from './causes';
import { forecastPeriod } from './forecast';
import { methodById, NATIONAL_METHOD_ID } from './methods';

const T = (h: number) => new Date(Date.UTC(2026, 2, 2, 0) + h * 3600_000);
const step = (o: Partial<LedgerStep> = {}): LedgerStep => ({
  key: 'xu-ly',
  name: 'Xử lý',
  unitId: 'u',
  officerId: 'o1',
  officerName: 'Cán bộ A',
  enteredAt: T(0),
  dueAt: T(8),
  leftAt: T(6),
  ...o,
});
const pause = (o: Partial<LedgerPause> = {}): LedgerPause => ({
  kind: 'supplement',
  from: T(2),
  to: T(4),
  requestedBy: 'o1',
  requestedByName: 'Cán bộ A',
  missing: ['Tờ khai'],
  beforeReceipt: false,
  rule: 'extend',
  dueBefore: T(20),
  dueAfter: T(22),
  ...o,
});
const synced = (o: Partial<LedgerSync> = {}): LedgerSync => ({
  synced: true,
  lastStatus: 4,
  lastSyncedAt: T(10),
  lastError: null,
  lastErrorAt: null,
  failures: 0,
  ...o,
});
const base = (o: Partial<LedgerInput> = {}): LedgerInput => ({
  now: T(30),
  receivedAt: T(0),
  dueAt: T(20),
  finishedAt: T(18),
  status: 4,
  late: false,
  steps: [step()],
  pauses: [],
  sync: synced(),
  finding: null,
  ...o,
});
const kinds = (x: LedgerInput) => deriveCauses(x).causes.map((c) => `${c.kind}:${c.reason}`);

describe('deriveCauses: no flag, no cause', () => {
  it('an on-time, synced, reconciled dossier is not in the ledger', () => {
    expect(deriveCauses(base())).toEqual({ late: false, unsynced: false, causes: [], attribution: null });
    expect(deriveCauses(base({ finding: { checkedAt: T(29), missing: false, differences: [], repaired: false, error: null } })).causes).toEqual([]);
  });
  it('a step overrun on a dossier that is on time overall is not a cause of anything', () => {
    expect(deriveCauses(base({ steps: [step({ leftAt: T(9) })] })).causes).toEqual([]);
  });
});

describe('deriveCauses: late', () => {
  it("the officer's step ran over: which step, who, by how much (closed step)", () => {
    const v = deriveCauses(
      base({
        late: true,
        steps: [
          step({ leftAt: T(10) }),
          step({ key: 'duyet', name: 'Phê duyệt', officerId: 'o2', officerName: 'Lãnh đạo B', enteredAt: T(10), dueAt: T(12), leftAt: T(11) }),
        ],
      }),
    );
    expect(v.attribution).toBe('officer');
    expect(v.causes).toHaveLength(1);
    expect(v.causes[0]).toMatchObject({
      kind: 'step_overrun',
      reason: 'closed_step',
      evidence: {
        step: 'xu-ly',
        stepName: 'Xử lý',
        officerId: 'o1',
        officerName: 'Cán bộ A',
        dueAt: T(8).toISOString(),
        leftAt: T(10).toISOString(),
        overrunMs: 2 * 3600_000,
      },
    });
  });
  it('a step still held past its deadline counts to now (open dossier) or to the end', () => {
    const open = deriveCauses(base({ late: true, finishedAt: null, now: T(11), steps: [step({ leftAt: null })] }));
    expect(open.causes[0]).toMatchObject({ kind: 'step_overrun', reason: 'open_step', evidence: { leftAt: null, overrunMs: 3 * 3600_000 } });
    // exactly at the deadline: not over
    expect(kinds(base({ late: true, finishedAt: null, now: T(8), steps: [step({ leftAt: null })] }))).toEqual(['unexplained:no_event']);
    expect(kinds(base({ late: true, steps: [step({ leftAt: T(8) })] }))).toEqual(['unexplained:no_event']);
    // a step without a deadline cannot run over; a step entered after the end is not held
    expect(kinds(base({ late: true, steps: [step({ dueAt: null, leftAt: T(30) })] }))).toEqual(['unexplained:no_event']);
    expect(kinds(base({ late: true, finishedAt: T(5), steps: [step({ enteredAt: T(6), dueAt: T(6), leftAt: null })] }))).toEqual(['unexplained:no_event']);
  });
  it('a second supplement request is the clock paused wrongly, attributed to the clock before any step', () => {
    const v = deriveCauses(
      base({ late: true, steps: [step({ leftAt: T(9) })], pauses: [pause(), pause({ from: T(5), to: T(6), requestedBy: 'o3', requestedByName: 'Cán bộ C' })] }),
    );
    expect(v.attribution).toBe('clock');
    expect(v.causes.map((c) => `${c.kind}:${c.reason}`)).toEqual(['clock_paused:second_request', 'step_overrun:closed_step']);
    expect(v.causes[0].evidence).toMatchObject({
      requests: 2,
      firstAt: T(2).toISOString(),
      secondAt: T(5).toISOString(),
      requestedBy: 'o3',
      requestedByName: 'Cán bộ C',
    });
  });
  it('requests before receipt and fee pauses are not supplement requests under §1.4', () => {
    expect(kinds(base({ late: true, pauses: [pause({ beforeReceipt: true }), pause()] }))).toEqual(['unexplained:no_event']);
    expect(kinds(base({ late: true, pauses: [pause({ kind: 'fee', missing: [] }), pause()] }))).toEqual(['unexplained:no_event']);
  });
  it('a request that names nothing missing stopped the clock without ground', () => {
    expect(kinds(base({ late: true, pauses: [pause({ missing: [] })] }))).toEqual(['clock_paused:no_missing_items']);
  });
  it('a restart that moved our due date past the counted one, when the dossier ended between the two', () => {
    // counted = dueBefore 20 + pause 2 h = 22; ours restarted to 30; ended at 25 -> cause
    const p = pause({ rule: 'restart', from: T(2), to: T(4), dueBefore: T(20), dueAfter: T(30) });
    const v = deriveCauses(base({ late: true, finishedAt: T(25), pauses: [p] }));
    expect(v.causes[0]).toMatchObject({
      kind: 'clock_paused',
      reason: 'restart_counted_later',
      evidence: { countedDueAt: T(22).toISOString(), ourDueAt: T(30).toISOString(), endedAt: T(25).toISOString() },
    });
    expect(kinds(base({ late: true, finishedAt: T(22), pauses: [p] }))).toEqual(['unexplained:no_event']); // on the counted due: not this
    expect(kinds(base({ late: true, finishedAt: T(31), pauses: [p] }))).toEqual(['unexplained:no_event']); // late even by ours
    expect(kinds(base({ late: true, finishedAt: T(25), pauses: [{ ...p, rule: 'extend' }] }))).toEqual(['unexplained:no_event']);
    expect(kinds(base({ late: true, finishedAt: T(25), pauses: [{ ...p, to: null }] }))).toEqual(['unexplained:no_event']);
    expect(kinds(base({ late: true, finishedAt: T(25), pauses: [{ ...p, dueAfter: T(22) }] }))).toEqual(['unexplained:no_event']);
  });
  it('late by our own data with a sync problem too: the sync is listed but is not the attribution', () => {
    const v = deriveCauses(base({ late: true, sync: null }));
    expect(v.attribution).toBe('unexplained');
    expect(v.causes.map((c) => c.kind)).toEqual(['unexplained', 'sync_failure']);
    expect(v.unsynced).toBe(true);
  });
});

describe('deriveCauses: unsynced', () => {
  it('never sent: no sync row, or a row without push nor error', () => {
    for (const sync of [null, synced({ synced: false, lastStatus: null, lastSyncedAt: null })]) {
      const v = deriveCauses(base({ sync }));
      expect(v).toMatchObject({ late: false, unsynced: true, attribution: 'sync' });
      expect(v.causes).toEqual([{ kind: 'sync_failure', reason: 'never_sent', evidence: { ourStatus: 4, portalStatus: null, failures: 0, lastError: null } }]);
    }
  });
  it("rejected: the first push failed, with the portal's answer", () => {
    const v = deriveCauses(
      base({ sync: synced({ synced: false, lastStatus: null, lastSyncedAt: null, lastError: 'TrangThaiHoSo không hợp lệ', lastErrorAt: T(5), failures: 3 }) }),
    );
    expect(v.causes[0]).toMatchObject({ kind: 'sync_failure', reason: 'rejected', evidence: { failures: 3, lastError: 'TrangThaiHoSo không hợp lệ' } });
  });
  it('the portal never received the current status: behind, or rejected after an earlier success', () => {
    expect(deriveCauses(base({ sync: synced({ lastStatus: 2 }) })).causes[0]).toMatchObject({
      reason: 'status_behind',
      evidence: { ourStatus: 4, portalStatus: 2, lastError: null },
    });
    expect(deriveCauses(base({ sync: synced({ lastStatus: 2, lastError: 'HTTP 503', lastErrorAt: T(11), failures: 2 }) })).causes[0]).toMatchObject({
      reason: 'status_rejected',
      evidence: { lastError: 'HTTP 503' },
    });
    // an old error followed by a success is not the current state
    expect(deriveCauses(base({ sync: synced({ lastStatus: 2, lastError: 'HTTP 503', lastErrorAt: T(9) }) })).causes[0]).toMatchObject({
      reason: 'status_behind',
      evidence: { lastError: null },
    });
    expect(deriveCauses(base({ sync: synced({ lastError: 'HTTP 503', lastErrorAt: T(9) }) })).causes).toEqual([]);
  });
  it('the portal record differs: listed with the differences; repaired ones still shown, not unsynced', () => {
    const f: PortalFinding = {
      checkedAt: T(29),
      missing: false,
      differences: [{ field: 'TrangThaiHoSo', ours: '4', portal: '2' }],
      repaired: false,
      error: 'Hồ sơ đã khóa',
    };
    const v = deriveCauses(base({ finding: f }));
    expect(v).toMatchObject({ unsynced: true, attribution: 'sync' });
    expect(v.causes[0]).toMatchObject({
      kind: 'portal_mismatch',
      reason: 'differs',
      evidence: { differences: 1, repaired: false, error: 'Hồ sơ đã khóa' },
      differences: f.differences,
    });
    const r = deriveCauses(base({ finding: { ...f, repaired: true, error: null } }));
    expect(r).toMatchObject({ unsynced: false, attribution: 'sync' });
    expect(r.causes[0].reason).toBe('repaired');
    expect(deriveCauses(base({ finding: { ...f, missing: true, differences: [] } })).causes[0].reason).toBe('portal_missing');
    expect(deriveCauses(base({ finding: { ...f, missing: true, differences: [], repaired: true } })).causes[0]).toMatchObject({
      reason: 'repaired',
      evidence: { missing: true },
    });
  });
  it('counts attributions', () => {
    expect(attributionCounts([{ attribution: 'sync' }, { attribution: 'sync' }, { attribution: 'officer' }, { attribution: null }])).toEqual({
      officer: 1,
      clock: 0,
      sync: 2,
      unexplained: 0,
    });
  });
});

describe('forecastPeriod', () => {
  const method = methodById(NATIONAL_METHOD_ID)!;
  const figures = { TDGQ: { numerator: 3, denominator: 5 }, DOSSIER_RECEIVING_SATISFACTION: { numerator: 3, denominator: 5 } };
  const H = 3600_000;
  it('no closure yet: no pace, no forecast', () => {
    const f = forecastPeriod({ method, figures, total: 50, closed: 0, workedMs: 40 * H, remainingMs: 40 * H, openDueInMs: [H] });
    expect(f).toMatchObject({ pacePerWorkingDay: null, projectedTotal: null, change: null, goingLate: 0, total: 50 });
    expect(f.assumptions).toEqual(['pace', 'dueOrder', 'noNewDossiers', 'otherFiguresHold']);
  });
  it('at one dossier per 8 working hours, the ones due before their turn (and before the end) go late', () => {
    // turns at 8, 16, 24 h; dues at 4 (late), 20 (on time: turn 16), 23 (late: turn 24), 50 (after the end)
    const f = forecastPeriod({ method, figures, total: 50, closed: 5, workedMs: 40 * H, remainingMs: 30 * H, openDueInMs: [23 * H, 4 * H, 20 * H, 50 * H] });
    expect(f.pacePerWorkingDay).toBe(1);
    expect(f.goingLate).toBe(2);
    expect(f.byCode).toEqual({ TDGQ: 8, DOSSIER_RECEIVING_SATISFACTION: 2.67 });
    expect(f).toMatchObject({ change: -10.67, projectedTotal: 39.33 });
  });
  it('a due exactly at its turn is on time; a due at the period end is not late within it', () => {
    expect(forecastPeriod({ method, figures, total: 50, closed: 1, workedMs: 8 * H, remainingMs: 100 * H, openDueInMs: [8 * H] }).goingLate).toBe(0);
    expect(forecastPeriod({ method, figures, total: 50, closed: 1, workedMs: 80 * H, remainingMs: 5 * H, openDueInMs: [5 * H] }).goingLate).toBe(0);
    expect(forecastPeriod({ method, figures, total: 50, closed: 1, workedMs: 80 * H, remainingMs: 5 * H, openDueInMs: [] })).toMatchObject({
      goingLate: 0,
      change: 0,
      projectedTotal: 50,
    });
  });
});
