import { describe, expect, it } from 'vitest';
import { factsRow, spansOfRow, type AggRow, type DossierFacts } from './facts';
import { rollUp } from './rollup';

const T = (s: string) => new Date(s);
const base: DossierFacts = {
  dossierId: 'x',
  code: 'X',
  unitId: 'u1',
  receivingUnitId: 'u1',
  procedureCode: 'P',
  channel: 'online',
  state: 'returned',
  receivedAt: T('2025-03-03T02:00:00Z'),
  dueAt: T('2025-03-05T10:00:00Z'),
  finishedAt: T('2025-03-07T02:00:00Z'),
  closing: 'done',
  maxProcessingMs: null,
  supplements: [],
  processingDays: 4,
  online: true,
  paperResult: true,
  eResult: true,
  digitized: true,
  reused: null,
  linkedToStore: null,
  populationData: null,
  feeBearing: false,
  paidOnline: false,
  synced: true,
  rating: null,
  hasPetition: false,
  sourceVersion: 3,
};

describe('the facts row', () => {
  it('stores the closed verdict of the pure rule, by instant and by civil day', () => {
    expect(factsRow(base)).toMatchObject({ closed_on_time: false, closed_on_time_day: false });
    const r = factsRow({ ...base, supplements: [{ requestedAt: T('2025-03-03T03:00:00Z'), returnedAt: T('2025-03-05T03:00:00Z') }] });
    expect(r).toMatchObject({ closed_on_time: true, supplement_count: 1, supplement_ms: 48 * 3600_000 });
    const late = factsRow({ ...base, finishedAt: T('2025-03-05T12:00:00Z') }); // 19:00 VN on the due day
    expect(late).toMatchObject({ closed_on_time: false, closed_on_time_day: true });
  });
  it('an open dossier has no verdict yet; two requests keep the second request time', () => {
    const r = factsRow({
      ...base,
      finishedAt: null,
      closing: null,
      supplements: [
        { requestedAt: T('2025-03-04T00:00:00Z'), returnedAt: T('2025-03-04T05:00:00Z') },
        { requestedAt: T('2025-03-03T05:00:00Z'), returnedAt: T('2025-03-03T06:00:00Z') },
      ],
    });
    expect(r.closed_on_time).toBeNull();
    expect(r.supplement_requested_at).toEqual(T('2025-03-03T05:00:00Z'));
    expect(r.supplement2_requested_at).toEqual(T('2025-03-04T00:00:00Z'));
    expect(spansOfRow(r)).toHaveLength(2);
  });
});

const row = (unit: string, proc: string, o: Partial<AggRow> = {}): AggRow => ({
  unit_id: unit,
  procedure_code: proc,
  received: 0,
  synced: 0,
  handled: 0,
  on_time: 0,
  closed: 0,
  closed_days: 0,
  online: 0,
  online_any: 0,
  fee_dossiers: 0,
  paid_online: 0,
  fee_synced: 0,
  result_dossiers: 0,
  paper_result_dossiers: 0,
  electronic_results: 0,
  digitized: 0,
  reused: 0,
  linked_to_store: 0,
  population_dossiers: 0,
  dissatisfied: 0,
  synced_unknown: 0,
  paid_unknown: 0,
  reused_unknown: 0,
  linked_unknown: 0,
  population_unknown: 0,
  ...o,
});

describe('roll-up over a unit and the units below it', () => {
  const rows = [
    row('a', 'P1', { received: 2, fee_dossiers: 1, paid_online: 1, online_any: 1 }),
    row('b', 'P1', { received: 3, fee_dossiers: 2 }),
    row('b', 'P2', { received: 1, population_dossiers: 1 }),
    row('c', 'P3', { received: 5 }),
  ];
  it('sums counts of the units in the set only', () => {
    const c = rollUp(rows, new Set(['a', 'b']), false);
    expect(c.received).toBe(6);
    expect(c.feeDossiers).toBe(3);
  });
  it('counts distinct procedures across units (not per unit)', () => {
    const c = rollUp(rows, new Set(['a', 'b']), false);
    expect(c.procedures).toBe(2);
    expect(c.feeProcedures).toBe(1);
    expect(c.feeProceduresPaidOnline).toBe(1);
    expect(c.populationProcedures).toBe(1);
    expect(c.onlineProcedureCodes).toEqual(['P1']);
  });
  it('an empty set gives zeros', () => expect(rollUp(rows, new Set(), false).received).toBe(0));
});
