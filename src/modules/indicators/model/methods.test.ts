import { describe, expect, it } from 'vitest';
import { METHODS, methodById, methodInForce, NATIONAL_METHOD_ID, READING_2022_ID, type MetricRule } from './methods';
import { scoreMethod, scoreMetric } from './method-score';

const national = methodById(NATIONAL_METHOD_ID)!;
const rule = (code: string): MetricRule => national.metrics.find((m) => m.code === code)!;
const pts = (code: string, numerator: number | null, denominator: number | null) => scoreMetric(rule(code), { numerator, denominator }).points;

describe('rule sets by date', () => {
  it('the national method has six blocks CKMB 18, TDGQ 20, ONLINE 12, TTTT 10, MDSH 22, MDHL 18 and its rows add up to them', () => {
    expect(national.blocks).toEqual([
      { code: 'CKMB', maxPoints: 18 },
      { code: 'TDGQ', maxPoints: 20 },
      { code: 'ONLINE', maxPoints: 12 },
      { code: 'TTTT', maxPoints: 10 },
      { code: 'MDSH', maxPoints: 22 },
      { code: 'MDHL', maxPoints: 18 },
    ]);
    for (const m of METHODS) {
      for (const b of m.blocks) expect(m.metrics.filter((x) => x.block === b.code).reduce((s, x) => s + x.maxPoints, 0)).toBe(b.maxPoints);
      expect(m.blocks.reduce((s, b) => s + b.maxPoints, 0)).toBe(100);
      expect(new Set(m.metrics.map((x) => x.code)).size).toBe(m.metrics.length);
    }
  });
  it('carries every code the portal shows', () => {
    const codes = [
      'PUBLISH_ON_TIME',
      'PUBLIC_UPDATE_ON_TIME',
      'PUBLIC_CONTENT_FULL',
      'DOSSIER_SYNC',
      'TDGQ',
      'ONLINE',
      'ORIGINAL_RESULT_AVAILABLE',
      'SO_HOA_GIAY_TO_GIAI_QUYET',
      'REUSED_DIGITIZED_DATA',
      'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
      'CITIZEN_DATA_CONNECTED_DOSSIER',
      'CITIZEN_DATA_CONNECTED_FORMALITY',
      'ELECTRONIC_CERTIFIED_COPY',
      'PETITION_CLASSIFICATION_TTHC',
      'PETITION_CLASSIFICATION_STAFF',
      'DOSSIER_RECEIVING_SATISFACTION',
      'PETITION_PROCESSING_ON_TIME',
      'PETITION_HANDLING_SATISFACTION',
    ];
    for (const c of codes) expect(rule(c), c).toBeDefined();
    for (const m of national.metrics) for (const f of ['numerator', 'denominator', 'source'] as const) expect(m[f].length, `${m.code}.${f}`).toBeGreaterThan(0);
  });
  it('the method in force on a date is the default; periods do not overlap', () => {
    expect(methodInForce('2025-12-31').id).toBe(READING_2022_ID);
    expect(methodInForce('2026-01-01').id).toBe(NATIONAL_METHOD_ID);
    expect(methodInForce('2022-06-23').id).toBe(READING_2022_ID);
    expect(methodInForce('2030-05-01').id).toBe(NATIONAL_METHOD_ID);
    expect(methodInForce('2020-01-01').id).toBe(READING_2022_ID);
  });
  it("the CKMB rows are the province figure for every unit; dossier rows of MDSH and satisfaction are over TDGQ's population", () => {
    for (const c of ['PUBLISH_ON_TIME', 'PUBLIC_UPDATE_ON_TIME', 'PUBLIC_CONTENT_FULL', 'DOSSIER_SYNC']) expect(rule(c).scope).toBe('province');
    for (const c of [
      'ORIGINAL_RESULT_AVAILABLE',
      'SO_HOA_GIAY_TO_GIAI_QUYET',
      'REUSED_DIGITIZED_DATA',
      'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
      'CITIZEN_DATA_CONNECTED_DOSSIER',
      'DOSSIER_RECEIVING_SATISFACTION',
    ])
      expect(rule(c).population).toBe('handled');
  });
});

describe('the national method reproduces the points the portal published (D766-NATIONAL.md, P)', () => {
  it('TDGQ is linear ×20', () => {
    expect(pts('TDGQ', 653, 654)).toBe(19.97); // 99.85 %
    expect(pts('TDGQ', 2541, 2618)).toBe(19.41); // 97.06 %
  });
  it('ORIGINAL_RESULT_AVAILABLE 610/654 → 5.60', () => expect(pts('ORIGINAL_RESULT_AVAILABLE', 610, 654)).toBe(5.6));
  it('SO_HOA_GIAY_TO_GIAI_QUYET is linear: 92.2 % → 3.69, 58.06 % → 2.32', () => {
    expect(pts('SO_HOA_GIAY_TO_GIAI_QUYET', 603, 654)).toBe(3.69);
    expect(pts('SO_HOA_GIAY_TO_GIAI_QUYET', 1520, 2618)).toBe(2.32);
  });
  it('REUSED_DIGITIZED_DATA is full at 80 %: 58.94 % → 1.47', () => {
    expect(pts('REUSED_DIGITIZED_DATA', 1543, 2618)).toBe(1.47);
    expect(pts('REUSED_DIGITIZED_DATA', 80, 100)).toBe(2);
    expect(pts('REUSED_DIGITIZED_DATA', 79, 100)).toBe(1.98);
  });
  it('DOSSIER_RECEIVING_SATISFACTION is full at 90 %: 97.02 % → 6', () => {
    expect(pts('DOSSIER_RECEIVING_SATISFACTION', 2540, 2618)).toBe(6);
    expect(pts('DOSSIER_RECEIVING_SATISFACTION', 653, 654)).toBe(6);
    expect(pts('DOSSIER_RECEIVING_SATISFACTION', 90, 100)).toBe(6);
    expect(pts('DOSSIER_RECEIVING_SATISFACTION', 89, 100)).toBe(5.93);
  });
  it('PUBLISH_ON_TIME 1/47 → 0.13, PUBLIC_UPDATE_ON_TIME 43/47 → 3.66', () => {
    expect(pts('PUBLISH_ON_TIME', 1, 47)).toBe(0.13);
    expect(pts('PUBLIC_UPDATE_ON_TIME', 43, 47)).toBe(3.66);
  });
  it('no petitions (0/0) → full points for PETITION_PROCESSING_ON_TIME and PETITION_HANDLING_SATISFACTION', () => {
    expect(pts('PETITION_PROCESSING_ON_TIME', 0, 0)).toBe(6);
    expect(pts('PETITION_HANDLING_SATISFACTION', 0, 0)).toBe(6);
    expect(scoreMetric(rule('PETITION_PROCESSING_ON_TIME'), { numerator: 0, denominator: 0 }).fullByEmptyCase).toBe(true);
  });
  it('ELECTRONIC_CERTIFIED_COPY without counts → 2/2', () => {
    expect(pts('ELECTRONIC_CERTIFIED_COPY', null, null)).toBe(2);
    expect(scoreMetric(rule('ELECTRONIC_CERTIFIED_COPY'), undefined).points).toBe(2);
  });
});

describe('every national row on its boundaries', () => {
  for (const m of national.metrics) {
    it(`${m.code}: 0/0, null counts, 0, threshold, full, capped`, () => {
      const s = (n: number | null, d: number | null) => scoreMetric(m, { numerator: n, denominator: d }).points;
      expect(s(0, 0)).toBe(m.empty === 'full' ? m.maxPoints : null);
      expect(s(null, null)).toBe(m.noCounts === 'full' ? m.maxPoints : null);
      expect(s(0, 10)).toBe(0);
      expect(s(10, 10)).toBe(m.maxPoints);
      const th = m.scale.kind === 'threshold' ? m.scale.at : 1;
      expect(s(Math.round(th * 100), 100)).toBe(m.maxPoints);
      const half = s(Math.round(th * 50), 100)!;
      expect(half).toBe(Math.round(m.maxPoints * 50) / 100);
    });
  }
  it('a monitoring row (0 points) scores 0 with data and null without', () => {
    expect(pts('PETITION_CLASSIFICATION_TTHC', 3, 4)).toBe(0);
    expect(pts('PETITION_CLASSIFICATION_TTHC', 0, 0)).toBeNull();
  });
});

describe('scoreMethod', () => {
  it('sums blocks and total; missing figures are no data except where the rule gives full points', () => {
    const r = scoreMethod(national, { TDGQ: { numerator: 653, denominator: 654 } });
    expect(r.groups.find((g) => g.code === 'TDGQ')).toEqual({ code: 'TDGQ', points: 19.97, maxPoints: 20 });
    expect(r.groups.find((g) => g.code === 'MDSH')!.points).toBe(2); // certified copy only
    expect(r.groups.find((g) => g.code === 'MDHL')!.points).toBe(0); // petitions not given: no counts, not 0/0
    expect(r.total).toBe(21.97);
  });
  it('the first reading keeps its own rows (N/A on empty, thresholds of the research)', () => {
    const old = methodById(READING_2022_ID)!;
    const r = scoreMethod(old, { '5.2': { numerator: 0, denominator: 0 }, '4.2': { numerator: 58, denominator: 100 } });
    expect(r.metrics.find((m) => m.code === '5.2')!.points).toBeNull();
    expect(r.metrics.find((m) => m.code === '4.2')!.points).toBe(2.9); // 80 % threshold in the first reading
  });
});

describe('points at stake (lateCosts)', async () => {
  const { lateCosts } = await import('./at-stake');
  it('each dossier going late costs TDGQ and satisfaction points, unevenly across the 90 % threshold', () => {
    const figs = { TDGQ: { numerator: 3, denominator: 5 }, DOSSIER_RECEIVING_SATISFACTION: { numerator: 3, denominator: 5 } };
    const c = lateCosts(national, figs, 2);
    expect(c[0]).toEqual({ total: 5.33, byCode: { TDGQ: 4, DOSSIER_RECEIVING_SATISFACTION: 1.33 } });
    expect(c[1]).toEqual({ total: 5.34, byCode: { TDGQ: 4, DOSSIER_RECEIVING_SATISFACTION: 1.34 } }); // 2.67 -> 1.33
    const high = lateCosts(national, { TDGQ: { numerator: 100, denominator: 100 }, DOSSIER_RECEIVING_SATISFACTION: { numerator: 100, denominator: 100 } }, 11);
    expect(high[0].byCode.DOSSIER_RECEIVING_SATISFACTION).toBe(0); // 99 % is still above 90 %
    expect(high[10].byCode.DOSSIER_RECEIVING_SATISFACTION).toBe(0.07); // 90 % -> 89 %
    expect(high[0].byCode.TDGQ).toBe(0.2);
  });
  it('nothing is at stake without a population, and nothing below zero', () => {
    expect(lateCosts(national, {}, 1)).toEqual([{ total: 0, byCode: {} }]);
    expect(lateCosts(national, { TDGQ: { numerator: 0, denominator: 3 } }, 1)[0].byCode.TDGQ).toBe(0);
    expect(lateCosts(methodById(READING_2022_ID)!, { '2.1': { numerator: 1, denominator: 2 } }, 1)[0]).toEqual({ total: 10, byCode: { '2.1': 10 } });
  });
});
