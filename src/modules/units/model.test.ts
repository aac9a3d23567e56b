import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  agencyCodeValid,
  ancestorIdsIn,
  applyOps,
  buildTree,
  civilDateOf,
  codeValid,
  descendantIdsIn,
  indexAt,
  isCivilDate,
  levelFor,
  nameAt,
  parentAllowed,
  planChange,
  planRetire,
  resolveSuccessor,
  versionAt,
  versionsConsistent,
  wouldCycle,
  type Unit,
  type UnitEvent,
  type UnitVersion,
  type UnitView,
} from './model';

const v = (over: Partial<UnitVersion> & { unitId: string }): UnitVersion => ({
  id: `${over.unitId}-${over.validFrom ?? '2004-01-01'}`,
  validFrom: '2004-01-01',
  validTo: null,
  name: over.unitId,
  code: null,
  agencyCode: null,
  parentId: null,
  level: 'commune',
  ...over,
});

/** Day arithmetic on civil dates. */
function addDays(d: string, n: number): string {
  const t = new Date(d + 'T00:00:00Z');
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}
const dateArb = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2000-01-01', n));

describe('civil dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    for (const ok of ['2024-02-29', '2025-07-01', '2000-12-31']) expect(isCivilDate(ok)).toBe(true);
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-7-1', '01/07/2025', '', '2025-07-01T00:00']) expect(isCivilDate(bad)).toBe(false);
  });
  it('takes the date in Vietnam (UTC+7)', () => {
    expect(civilDateOf(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(civilDateOf(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });
});

describe('versions over time', () => {
  const hist = [
    v({ unitId: 'vt', validFrom: '2004-01-01', validTo: '2010-09-23', name: 'Thị xã Vị Thanh' }),
    v({ unitId: 'vt', validFrom: '2010-09-23', validTo: '2025-07-01', name: 'Thành phố Vị Thanh' }),
  ];
  it('periods are half-open: the end day belongs to the next version', () => {
    expect(nameAt(hist, '2003-12-31')).toBeNull();
    expect(nameAt(hist, '2004-01-01')).toBe('Thị xã Vị Thanh');
    expect(nameAt(hist, '2010-09-22')).toBe('Thị xã Vị Thanh');
    expect(nameAt(hist, '2010-09-23')).toBe('Thành phố Vị Thanh');
    expect(nameAt(hist, '2025-06-30')).toBe('Thành phố Vị Thanh');
    expect(nameAt(hist, '2025-07-01')).toBeNull();
    expect(versionsConsistent(hist)).toBe(true);
  });
  it('detects overlaps, empty periods and two open versions', () => {
    expect(versionsConsistent([v({ unitId: 'a', validTo: '2010-01-01' }), v({ unitId: 'a', validFrom: '2009-01-01' })])).toBe(false);
    expect(versionsConsistent([v({ unitId: 'a' }), v({ unitId: 'a', validFrom: '2009-01-01' })])).toBe(false);
    expect(versionsConsistent([v({ unitId: 'a', validTo: '2004-01-01' })])).toBe(false);
  });
});

describe('planning a change', () => {
  const open = [v({ unitId: 'a', validFrom: '2004-01-01', validTo: '2010-01-01', name: 'Old' }), v({ unitId: 'a', validFrom: '2010-01-01', name: 'Mid' })];
  it('refuses a retired unit, a date before the current version, and a no-op', () => {
    expect(planChange([v({ unitId: 'a', validTo: '2020-01-01' })], '2021-01-01', { name: 'X' }, 'n')).toEqual({ ok: false, error: 'units.error.retired' });
    expect(planChange(open, '2009-12-31', { name: 'X' }, 'n')).toEqual({ ok: false, error: 'units.error.before_current' });
    expect(planChange(open, '2015-01-01', { name: 'Mid' }, 'n')).toEqual({ ok: false, error: 'units.error.unchanged' });
    expect(planChange(open, '2015-01-01', { name: undefined }, 'n')).toEqual({ ok: false, error: 'units.error.unchanged' });
  });
  it('edits in place on the start day of the current version, else closes it and opens another', () => {
    expect(planChange(open, '2010-01-01', { name: 'New' }, 'n')).toEqual({
      ok: true,
      ops: [{ op: 'update', versionId: 'a-2010-01-01', set: { name: 'New' } }],
    });
    const p = planChange(open, '2015-01-01', { name: 'New', parentId: 'p' }, 'n');
    expect(p.ok && p.ops).toEqual([
      { op: 'close', versionId: 'a-2010-01-01', validTo: '2015-01-01' },
      { op: 'insert', version: { ...open[1], id: 'n', name: 'New', parentId: 'p', validFrom: '2015-01-01', validTo: null } },
    ]);
  });
  it('property: a change from D keeps everything before D and holds from D on', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 4000 }), fc.string({ minLength: 1, maxLength: 8 }), (start, offset, name) => {
        const vs = [v({ unitId: 'a', validFrom: start, name: 'Before' })];
        const d = addDays(start, offset);
        const plan = planChange(vs, d, { name }, 'new');
        if (name === 'Before') {
          expect(plan.ok).toBe(false);
          return;
        }
        if (!plan.ok) throw new Error(plan.error);
        const after = applyOps(vs, plan.ops);
        expect(versionsConsistent(after)).toBe(true);
        expect(nameAt(after, d)).toBe(name);
        expect(nameAt(after, addDays(d, 1000))).toBe(name);
        if (offset > 0) expect(nameAt(after, addDays(d, -1))).toBe('Before');
        expect(nameAt(after, addDays(start, -1))).toBeNull();
      }),
    );
  });
  it('property: retiring on D ends existence on D, keeps the day before', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 4000 }), (start, offset) => {
        const vs = [v({ unitId: 'a', validFrom: start })];
        const d = addDays(start, offset);
        const plan = planRetire(vs, d);
        if (offset === 0) {
          expect(plan).toEqual({ ok: false, error: 'units.error.before_current' });
          return;
        }
        if (!plan.ok) throw new Error(plan.error);
        const after = applyOps(vs, plan.ops);
        expect(versionAt(after, d)).toBeNull();
        expect(versionAt(after, addDays(d, -1))).not.toBeNull();
        expect(planRetire(after, addDays(d, 1))).toEqual({ ok: false, error: 'units.error.retired' });
      }),
    );
  });
});

describe('codes and structure', () => {
  it('checks code widths per kind', () => {
    expect(codeValid('province', '93')).toBe(true);
    expect(codeValid('province', '930')).toBe(false);
    expect(codeValid('district', '930')).toBe(true);
    expect(codeValid('district', '93')).toBe(false);
    expect(codeValid('commune', '31318')).toBe(true);
    expect(codeValid('commune', '3131')).toBe(false);
    expect(codeValid('commune', 'abcde')).toBe(false);
    expect(codeValid('commune', null)).toBe(true);
    expect(codeValid('agency', null)).toBe(true);
    expect(codeValid('agency', '93')).toBe(false);
  });
  it('checks agency identifiers V1V2V3.Z1Z2.Y1Y2.MX1X2', () => {
    for (const ok of ['000.00.00.H30', '000.01.21.H30', '000.00.04.G14', null]) expect(agencyCodeValid(ok)).toBe(true);
    for (const bad of ['000.00.00.h30', '00.00.00.H30', '000.00.00.Z30', '000.00.00.H3', 'H30', '000-00-00-H30']) expect(agencyCodeValid(bad)).toBe(false);
  });
  it('allows two-tier and three-tier placements, nothing else', () => {
    expect(parentAllowed('province', null)).toBe(true);
    expect(parentAllowed('province', 'province')).toBe(false);
    expect(parentAllowed('district', 'province')).toBe(true);
    expect(parentAllowed('district', 'district')).toBe(false);
    expect(parentAllowed('commune', 'district')).toBe(true);
    expect(parentAllowed('commune', 'province')).toBe(true);
    expect(parentAllowed('commune', 'commune')).toBe(false);
    expect(parentAllowed('commune', 'agency')).toBe(false);
    expect(parentAllowed('agency', 'agency')).toBe(true);
    expect(parentAllowed('agency', null)).toBe(false);
  });
  it('derives the level of government', () => {
    expect(levelFor('commune', 'province')).toBe('commune');
    expect(levelFor('agency', 'district')).toBe('district');
    expect(levelFor('agency', null)).toBeNull();
  });
});

describe('the tree on a date', () => {
  const units: Unit[] = [
    { id: 'p', kind: 'province', agencyType: null, hotline: null, address: null },
    { id: 'p-ubnd', kind: 'agency', agencyType: 'people_committee', hotline: null, address: null },
    { id: 'p-so', kind: 'agency', agencyType: 'department', hotline: null, address: null },
    { id: 'd', kind: 'district', agencyType: null, hotline: null, address: null },
    { id: 'c1', kind: 'commune', agencyType: null, hotline: null, address: null },
    { id: 'c2', kind: 'commune', agencyType: null, hotline: null, address: null },
  ];
  const versions: UnitVersion[] = [
    v({ unitId: 'p', level: 'province' }),
    v({ unitId: 'p-so', parentId: 'p', level: 'province', name: 'Sở Y tế' }),
    v({ unitId: 'p-ubnd', parentId: 'p', level: 'province', name: 'UBND tỉnh' }),
    v({ unitId: 'd', parentId: 'p', level: 'district', validTo: '2025-07-01' }),
    v({ unitId: 'c2', parentId: 'd', code: '31345', validTo: '2025-07-01' }),
    v({ unitId: 'c2', parentId: 'p', code: '31345', validFrom: '2025-07-01' }),
    v({ unitId: 'c1', parentId: 'd', code: '31342', validTo: '2025-07-01' }),
    v({ unitId: 'c1', parentId: 'p', code: '31342', validFrom: '2025-07-01' }),
  ];
  it('three tiers before the reform, two after', () => {
    const before = buildTree(indexAt(units, versions, '2025-06-30'));
    expect(before.map((n) => n.id)).toEqual(['p']);
    expect(before[0].children.map((n) => n.id)).toEqual(['p-ubnd', 'p-so', 'd']);
    expect(before[0].children[2].children.map((n) => n.id)).toEqual(['c1', 'c2']);
    const after = buildTree(indexAt(units, versions, '2025-07-01'));
    expect(after[0].children.map((n) => n.id)).toEqual(['p-ubnd', 'p-so', 'c1', 'c2']);
    expect(buildTree(indexAt(units, versions, '2003-01-01'))).toEqual([]);
  });
  it('ancestors and descendants follow the date', () => {
    expect(ancestorIdsIn(indexAt(units, versions, '2025-06-30'), 'c1')).toEqual(['d', 'p']);
    expect(ancestorIdsIn(indexAt(units, versions, '2025-07-01'), 'c1')).toEqual(['p']);
    expect(descendantIdsIn(indexAt(units, versions, '2025-06-30'), 'd')).toEqual(['c1', 'c2']);
    expect(descendantIdsIn(indexAt(units, versions, '2025-07-01'), 'd')).toEqual([]);
    expect(ancestorIdsIn(indexAt(units, versions, '2025-07-01'), 'unknown')).toEqual([]);
  });
  it('detects cycles', () => {
    const idx = indexAt(units, versions, '2025-06-30');
    expect(wouldCycle(idx, 'd', 'c1')).toBe(true);
    expect(wouldCycle(idx, 'd', 'd')).toBe(true);
    expect(wouldCycle(idx, 'c1', 'c2')).toBe(false);
  });
  it('property: on a random forest, ancestors and descendants mirror each other', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (parents) => {
        const index = new Map<string, UnitView>();
        parents.forEach((p, i) => {
          const parentId = i === 0 ? null : `u${p % i}`;
          index.set(`u${i}`, {
            id: `u${i}`,
            kind: 'agency',
            agencyType: 'other',
            name: `u${i}`,
            code: null,
            agencyCode: null,
            level: 'province',
            parentId,
            hotline: null,
            address: null,
            validFrom: '2004-01-01',
            validTo: null,
          });
        });
        const all = [...index.keys()];
        expect(new Set(descendantIdsIn(index, 'u0'))).toEqual(new Set(all.filter((x) => x !== 'u0')));
        for (const x of all) {
          const anc = ancestorIdsIn(index, x);
          expect(anc).not.toContain(x);
          for (const y of descendantIdsIn(index, x)) expect(ancestorIdsIn(index, y)).toContain(x);
          for (const a of anc) expect(wouldCycle(index, a, x)).toBe(true);
        }
        const count = (ns: ReturnType<typeof buildTree>): number => ns.reduce((s, n) => s + 1 + count(n.children), 0);
        expect(count(buildTree(index))).toBe(all.length);
      }),
    );
  });
});

describe('successors', () => {
  const ev = (unitId: string, successorId: string | null, kind: UnitEvent['kind'] = 'merge', effectiveDate = '2025-07-01'): UnitEvent => ({
    id: unitId + kind + effectiveDate,
    unitId,
    kind,
    effectiveDate,
    decision: null,
    successorId,
    details: {},
  });
  it('follows merge and retire links to an active unit', () => {
    const events = [ev('a', 'b'), ev('b', 'c', 'retire', '2026-01-01')];
    expect(resolveSuccessor(events, 'a', (x) => x === 'c')).toBe('c');
    expect(resolveSuccessor(events, 'a', (x) => x === 'b')).toBe('b');
    expect(resolveSuccessor(events, 'c', (x) => x === 'c')).toBe('c');
  });
  it('answers null for a dead end or a loop', () => {
    expect(resolveSuccessor([ev('a', null, 'retire')], 'a', () => false)).toBeNull();
    expect(resolveSuccessor([ev('a', 'b'), ev('b', 'a')], 'a', () => false)).toBeNull();
    expect(resolveSuccessor([], 'a', () => false)).toBeNull();
  });
  it('uses the latest link when a unit has several', () => {
    const events = [ev('a', 'x', 'merge', '2020-01-01'), ev('a', 'y', 'merge', '2025-07-01')];
    expect(resolveSuccessor(events, 'a', (id) => id === 'x' || id === 'y')).toBe('y');
  });
});
