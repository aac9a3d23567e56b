import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ComponentSpec } from '../../catalogue/model';
import type { Actor } from '../../../platform/auth';
import { checkAnswers, checkSupplementItems, DEFECTS, heldByState, itemsFromMissing, mayApproveSupplement, needsLeaderApproval } from './supplement';
import type { ComponentSources } from './data-sources';

const comp = (key: string, name: string, dataSource?: ComponentSpec['dataSource']): ComponentSpec =>
  ({ key, name, originals: 1, copies: 0, optional: false, ...(dataSource ? { dataSource } : {}) }) as ComponentSpec;
const COMPONENTS = [
  comp('to-khai', 'Tờ khai'),
  comp('cccd', 'Thẻ căn cước', { source: 'population', kind: 'identity' }),
  comp('gkh', 'Giấy khai sinh', { source: 'warehouse', kind: 'giay-khai-sinh' }),
];
const at = '2026-03-09T02:00:00.000Z';
const fetched: ComponentSources = { cccd: { source: 'population', kind: 'identity', outcome: 'fetched', at, reference: '1', summary: 'x' } };
const failed: ComponentSources = { cccd: { source: 'population', kind: 'identity', outcome: 'failed', at, reason: 'unavailable' } };

describe('checkSupplementItems', () => {
  it('normalises components and free items, matching a free item to a component by name or key', () => {
    const r = checkSupplementItems(COMPONENTS, {}, false, [
      { componentKey: 'to-khai', defect: 'data_mismatch', provide: ' Tờ khai đúng ngày sinh ' },
      { label: 'Thẻ căn cước', defect: 'unreadable' },
      { label: 'Ảnh 4x6', defect: 'missing' },
    ]);
    expect(r).toEqual({
      ok: true,
      items: [
        { componentKey: 'to-khai', label: 'Tờ khai', defect: 'data_mismatch', provide: 'Tờ khai đúng ngày sinh' },
        { componentKey: 'cccd', label: 'Thẻ căn cước', defect: 'unreadable', provide: 'Thẻ căn cước' },
        { componentKey: null, label: 'Ảnh 4x6', defect: 'missing', provide: 'Ảnh 4x6' },
      ],
    });
  });

  it('refuses no item, an unknown component, an empty free item, a bad defect, a component twice', () => {
    expect(checkSupplementItems(COMPONENTS, {}, false, [])).toMatchObject({ ok: false, key: 'dossier.missing_list_required' });
    expect(checkSupplementItems(COMPONENTS, {}, false, [{ componentKey: 'x', defect: 'missing' }])).toMatchObject({
      ok: false,
      status: 400,
      key: 'dossier.component_unknown',
    });
    expect(checkSupplementItems(COMPONENTS, {}, false, [{ label: '  ', defect: 'missing' }])).toMatchObject({
      ok: false,
      key: 'dossier.supplement_item_label_required',
    });
    expect(checkSupplementItems(COMPONENTS, {}, false, [{ componentKey: 'to-khai', defect: 'lost' }])).toMatchObject({
      ok: false,
      key: 'dossier.supplement_defect_invalid',
    });
    expect(
      checkSupplementItems(COMPONENTS, {}, false, [
        { componentKey: 'to-khai', defect: 'missing' },
        { label: 'Tờ khai', defect: 'expired' },
      ]),
    ).toMatchObject({ ok: false, key: 'dossier.supplement_item_duplicate' });
    expect(
      checkSupplementItems(
        COMPONENTS,
        {},
        false,
        Array.from({ length: 51 }, (_, i) => ({ label: `x${i}`, defect: 'missing' })),
      ),
    ).toMatchObject({ ok: false, key: 'dossier.supplement_too_many' });
  });

  it('data instead of paper: a component naming a source is refused unless its fetch failed (rule in force); before the rule it may be asked', () => {
    const ask = [{ componentKey: 'cccd', defect: 'missing' }];
    expect(checkSupplementItems(COMPONENTS, fetched, true, ask)).toMatchObject({
      ok: false,
      status: 409,
      key: 'dossier.supplement_from_source',
      params: { components: 'Thẻ căn cước' },
    });
    // Never tried (e.g. the applicant chose a stored document): the state holds it too.
    expect(checkSupplementItems(COMPONENTS, {}, true, [{ componentKey: 'gkh', defect: 'missing' }])).toMatchObject({ ok: false, status: 409 });
    expect(checkSupplementItems(COMPONENTS, failed, true, ask)).toMatchObject({ ok: true });
    expect(checkSupplementItems(COMPONENTS, fetched, false, ask)).toMatchObject({ ok: true });
    expect(heldByState(COMPONENTS, failed, true).map((c) => c.key)).toEqual(['gkh']);
    expect(heldByState(COMPONENTS, fetched, false)).toEqual([]);
  });

  it('property: accepted items keep the order, have a known defect and a non-empty provide, no component twice', () => {
    const item = fc.record({
      componentKey: fc.option(fc.constantFrom('to-khai', 'cccd', 'gkh'), { nil: undefined }),
      label: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      defect: fc.constantFrom(...DEFECTS, 'other'),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), fc.boolean(), (input, inForce) => {
        const r = checkSupplementItems(COMPONENTS, failed, inForce, input);
        if (!r.ok) return;
        expect(r.items).toHaveLength(input.length);
        const keys = r.items.map((i) => i.componentKey).filter(Boolean);
        expect(new Set(keys).size).toBe(keys.length);
        for (const i of r.items) {
          expect(DEFECTS).toContain(i.defect);
          expect(i.provide.length).toBeGreaterThan(0);
          if (inForce) expect(i.componentKey).not.toBe('gkh');
        }
      }),
    );
  });

  it('a plain list becomes "missing" items', () => {
    expect(itemsFromMissing([' A ', '', 'B'])).toEqual([
      { label: 'A', defect: 'missing' },
      { label: 'B', defect: 'missing' },
    ]);
  });
});

describe('approval of a second request', () => {
  it('needed from the second request while supplement.once holds (or is absent)', () => {
    expect(needsLeaderApproval(0, true)).toBe(false);
    expect(needsLeaderApproval(1, true)).toBe(true);
    expect(needsLeaderApproval(3, undefined)).toBe(true);
    expect(needsLeaderApproval(1, false)).toBe(false);
  });

  it('a leader of the receiving, deciding or current step unit; not a specialist, not another unit, not a citizen', () => {
    const officer = (role: string, unitId: string) => ({ kind: 'officer', id: 'o', name: 'O', roles: [{ role, unitId }] }) as unknown as Actor;
    const d = { receivingUnitId: 'desk', decidingUnitId: 'dept', stepUnitId: 'step' };
    expect(mayApproveSupplement(officer('leader', 'desk'), d)).toBe(true);
    expect(mayApproveSupplement(officer('leader', 'dept'), d)).toBe(true);
    expect(mayApproveSupplement(officer('leader', 'step'), d)).toBe(true);
    expect(mayApproveSupplement(officer('leader', 'other'), d)).toBe(false);
    expect(mayApproveSupplement(officer('reception', 'desk'), d)).toBe(false);
    expect(mayApproveSupplement({ kind: 'citizen', id: 'c', name: 'C', roles: [] } as unknown as Actor, d)).toBe(false);
  });
});

describe('checkAnswers', () => {
  const items = [
    { id: 'a', label: 'A' },
    { id: 'b', label: 'B' },
  ];
  it('every item with a note or a file; only items of the request', () => {
    expect(
      checkAnswers(items, [
        { itemId: 'a', hasFile: true },
        { itemId: 'b', note: 'ok', hasFile: false },
      ]),
    ).toEqual({ ok: true });
    expect(
      checkAnswers(items, [
        { itemId: 'a', hasFile: true },
        { itemId: 'b', note: '  ', hasFile: false },
      ]),
    ).toEqual({ ok: false, key: 'dossier.supplement_answer_incomplete', params: { items: 'B' } });
    expect(checkAnswers(items, [])).toMatchObject({ ok: false, params: { items: 'A; B' } });
    expect(checkAnswers(items, [{ itemId: 'z', hasFile: true }])).toMatchObject({ ok: false, key: 'dossier.supplement_item_unknown' });
  });
});
