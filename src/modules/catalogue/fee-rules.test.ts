import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quoteFeeRules, unitsOf } from './fee-rules';
import { DEMO_PROCEDURES } from './demo-data';
import type { FeeSpec } from './snapshot';

const demo = (code: string) => DEMO_PROCEDURES.find((p) => p.code === code)!;
const quote = (code: string, answers: Record<string, unknown>, channel = 'in_person') => quoteFeeRules(demo(code).fees, { answers, channel });
const keys = (q: ReturnType<typeof quoteFeeRules>) => q.lines.map((l) => `${l.key}:${l.amount}`);

describe('the fee rules (pure)', () => {
  const rules: FeeSpec[] = [
    { key: 'base', name: 'Lệ phí', kind: 'charge', amount: 10000, onlineAmount: 5000 },
    { key: 'late', name: 'Quá hạn', kind: 'charge', amount: 8000, when: [{ field: 'late', is: true }], exemptWhen: [{ field: 'poor', is: true }] },
    { key: 'ontime', name: 'Đúng hạn', kind: 'charge', amount: 0, when: [{ field: 'late', isNot: true }] },
    { key: 'copy', name: 'Bản sao', kind: 'fee', amount: 3000, perUnit: { field: 'copies' } },
    { key: 'extra', name: 'Từ bản thứ 3', kind: 'fee', amount: 1000, perUnit: { field: 'n', free: 2, max: 5, times: 'copies' } },
  ];

  it('no answers: only the unconditional lines; per-unit lines at 0 units are left out', () => {
    expect(keys(quoteFeeRules(rules, { channel: 'in_person' }))).toEqual(['base:10000', 'ontime:0']);
  });
  it('`when` with `is` applies only when the answer equals; `isNot` applies when it does not (missing included)', () => {
    expect(keys(quoteFeeRules(rules, { channel: 'in_person', answers: { late: true } }))).toEqual(['base:10000', 'late:8000']);
    expect(keys(quoteFeeRules(rules, { channel: 'in_person', answers: { late: false } }))).toEqual(['base:10000', 'ontime:0']);
    expect(keys(quoteFeeRules(rules, { channel: 'in_person', answers: { late: 'true' } }))).toEqual(['base:10000', 'ontime:0']);
  });
  it('exemptWhen lists the line at 0 đ, marked exempt', () => {
    const q = quoteFeeRules(rules, { channel: 'in_person', answers: { late: true, poor: true } });
    expect(q.lines.find((l) => l.key === 'late')).toMatchObject({ amount: 0, exempt: true, baseAmount: 8000 });
    expect(q.total).toBe(10000);
  });
  it('a granted exemption (exemptKeys) and the chosen lines (feeKeys)', () => {
    expect(quoteFeeRules(rules, { channel: 'in_person', exemptKeys: ['base'] }).total).toBe(0);
    expect(keys(quoteFeeRules(rules, { channel: 'in_person', feeKeys: ['base'] }))).toEqual(['base:10000']);
  });
  it('the online amount applies to online dossiers only', () => {
    expect(quoteFeeRules(rules, { channel: 'online' }).total).toBe(5000);
    expect(quoteFeeRules(rules, { channel: 'post' }).total).toBe(10000);
  });
  it('per unit: copies multiply; free units, the maximum and `times`', () => {
    expect(quoteFeeRules(rules, { channel: 'in_person', answers: { copies: 3 } }).lines.find((l) => l.key === 'copy')).toMatchObject({
      quantity: 3,
      amount: 9000,
    });
    expect(quoteFeeRules(rules, { channel: 'in_person', answers: { copies: '2', n: 4 } }).lines.find((l) => l.key === 'extra')).toMatchObject({
      quantity: 4,
      amount: 4000,
    });
    expect(quoteFeeRules(rules, { channel: 'in_person', answers: { copies: 1, n: 100 } }).lines.find((l) => l.key === 'extra')).toMatchObject({ quantity: 5 });
    expect(quoteFeeRules(rules, { channel: 'in_person', answers: { copies: 1, n: 2 } }).lines.find((l) => l.key === 'extra')).toBeUndefined();
  });
  it('units: whole non-negative numbers only', () => {
    expect([unitsOf(2), unitsOf('3'), unitsOf(' 4 '), unitsOf(-1), unitsOf(1.5), unitsOf('2a'), unitsOf(null), unitsOf(true)]).toEqual([
      2, 3, 4, 0, 0, 0, 0, 0,
    ]);
  });
  it('property: the total is the sum of the lines, never negative, never more than every line at full price', () => {
    fc.assert(
      fc.property(
        fc.record({ late: fc.boolean(), poor: fc.boolean(), copies: fc.integer({ min: -3, max: 20 }), n: fc.integer({ min: 0, max: 50 }) }),
        fc.constantFrom('online', 'in_person'),
        (answers, channel) => {
          const q = quoteFeeRules(rules, { answers, channel });
          expect(q.total).toBe(q.lines.reduce((s, l) => s + l.amount, 0));
          expect(q.total).toBeGreaterThanOrEqual(0);
          for (const l of q.lines) expect(l.amount).toBeLessThanOrEqual(l.baseAmount * l.quantity);
        },
      ),
    );
  });
});

describe('the demo procedures against their legal basis', () => {
  it('1.001193 khai sinh: on time, no copies -> 0 đ (Điều 11.1.b Luật Hộ tịch; the reported overcharge)', () => {
    const q = quote('1.001193', { late: false, copies: 0 }, 'online');
    expect(q.total).toBe(0);
    expect(keys(q)).toEqual(['le-phi-dung-han:0']);
  });
  it('1.001193: late registration is charged; exempt for a poor household / người có công / khuyết tật (Điều 11.1.a)', () => {
    expect(keys(quote('1.001193', { late: true, copies: 0 }))).toEqual(['le-phi-qua-han:8000']);
    expect(quote('1.001193', { late: true, copies: 0, feeExempt: true }).total).toBe(0);
  });
  it('1.001193: copies cost 8.000 đ each (4.000 đ online), and are not exempt (a phí, not the lệ phí of Điều 11)', () => {
    expect(quote('1.001193', { copies: 2 }).total).toBe(16000);
    expect(quote('1.001193', { copies: 2 }, 'online').total).toBe(8000);
    expect(quote('1.001193', { copies: 2, late: true, feeExempt: true }).total).toBe(16000);
  });
  it('1.000656 khai tử: on time free, late charged unless exempt', () => {
    expect(quote('1.000656', {}).total).toBe(0);
    expect(quote('1.000656', { late: true }).total).toBe(8000);
    expect(quote('1.000656', { late: true, feeExempt: true }).total).toBe(0);
  });
  it('bản sao trích lục hộ tịch: per copy (8.000 đ, 4.000 đ online)', () => {
    const code = DEMO_PROCEDURES.find((p) => p.fees.some((f) => f.name.startsWith('Phí cấp bản sao trích lục')))!.code;
    expect(quote(code, { copies: 3 }).total).toBe(24000);
    expect(quote(code, { copies: 3 }, 'online').total).toBe(12000);
  });
  it('chứng thực bản sao: 2.000 đ/trang for pages 1-2, 1.000 đ from page 3, at most 200.000 đ a copy (Thông tư 226/2016/TT-BTC)', () => {
    const code = DEMO_PROCEDURES.find((p) => p.fees.some((f) => f.key === 'phi-tu-trang-3'))!.code;
    expect(quote(code, { pages: 1, copies: 1 }).total).toBe(2000);
    expect(quote(code, { pages: 2, copies: 1 }).total).toBe(4000);
    expect(quote(code, { pages: 5, copies: 2 }).total).toBe(2 * (4000 + 3000));
    expect(quote(code, { pages: 198, copies: 1 }).total).toBe(200000);
    expect(quote(code, { pages: 500, copies: 1 }).total).toBe(200000);
  });
  it('lý lịch tư pháp: 200.000 đ, 100.000 đ for a student, 5.000 đ per certificate from the third (Thông tư 244/2016/TT-BTC)', () => {
    expect(quote('2.001417', { copies: 1 }).total).toBe(200000);
    expect(quote('2.001417', { copies: 1, student: true }).total).toBe(100000);
    expect(quote('2.001417', { copies: 2 }).total).toBe(200000);
    expect(quote('2.001417', { copies: 4 }).total).toBe(210000);
  });
  it('every condition of every demo procedure names a field of its e-form', () => {
    for (const p of DEMO_PROCEDURES) {
      const props = Object.keys(((p.eForm.schema as any).properties ?? {}) as object);
      for (const f of p.fees) {
        const fields = [...(f.when ?? []), ...(f.exemptWhen ?? [])]
          .map((c) => c.field)
          .concat(f.perUnit ? [f.perUnit.field, ...(f.perUnit.times ? [f.perUnit.times] : [])] : []);
        for (const field of fields) expect(props, `${p.code} ${f.key} -> ${field}`).toContain(field);
      }
    }
  });
});
