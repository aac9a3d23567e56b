import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultConfig, GROUPS, INDICATORS } from './defaults';
import { bandFor, pointsFor, ratio, round2, scoreIndex, scoreIndicator } from './score';
import { emptyCounts, figuresFrom, type CatalogueFigures, type FeedbackFigures } from './figures';

describe('the default configuration follows Decision 766', () => {
  it('has five groups of 18/20/22/22/18 = 100 and the sub-indicators add up to each group', () => {
    expect(GROUPS.map((g) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
    expect(GROUPS.reduce((s, g) => s + g.maxPoints, 0)).toBe(100);
    for (const g of GROUPS) expect(INDICATORS.filter((i) => i.group === g.key).reduce((s, i) => s + i.maxPoints, 0)).toBe(g.maxPoints);
  });
  it('splits group 3 into online services 12 and online payment 10', () => {
    const pts = (codes: string[]) => INDICATORS.filter((i) => codes.includes(i.code)).reduce((s, i) => s + i.maxPoints, 0);
    expect(pts(['3.1', '3.2', '3.3'])).toBe(12);
    expect(pts(['3.4', '3.5', '3.6'])).toBe(10);
  });
  it('keys are unique', () => expect(new Set(INDICATORS.map((i) => i.key)).size).toBe(INDICATORS.length));
});

describe('ratio and points', () => {
  it('an empty denominator is no data (null), not zero', () => {
    expect(ratio({ numerator: 0, denominator: 0 })).toBeNull();
    expect(pointsFor(null, 6, null)).toBeNull();
  });
  it('proportional without a threshold', () => {
    expect(pointsFor(0.5, 6, null)).toBe(3);
    expect(pointsFor(1, 20, null)).toBe(20);
    expect(pointsFor(0, 20, null)).toBe(0);
    expect(pointsFor(2 / 3, 20, null)).toBe(13.33);
  });
  it('reaches the full score at the threshold and is capped above it', () => {
    expect(pointsFor(0.8, 4, 0.8)).toBe(4);
    expect(pointsFor(0.79, 4, 0.8)).toBe(3.95);
    expect(pointsFor(0.95, 4, 0.8)).toBe(4);
    expect(pointsFor(0.5, 6, 0.5)).toBe(6);
    expect(pointsFor(0.25, 6, 0.5)).toBe(3);
    expect(pointsFor(0.9, 6, 0.9)).toBe(6);
    expect(pointsFor(0.8999, 6, 0.9)).toBe(6); // 5.9993 rounds to 6.00
    expect(pointsFor(0.89, 6, 0.9)).toBe(5.93);
  });
  it('rounds to 2 decimals', () => {
    expect(round2(1.005)).toBe(1.01);
    expect(pointsFor(1 / 3, 6, null)).toBe(2);
    expect(pointsFor(1 / 7, 6, null)).toBe(0.86);
  });
  it('points stay within [0, max] for any ratio and threshold', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })),
        (r, max, th) => {
          const p = pointsFor(r, max, th)!;
          return p >= 0 && p <= max;
        },
      ),
    );
  });
  it('points grow with the ratio', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return pointsFor(lo, 6, 0.8)! <= pointsFor(hi, 6, 0.8)!;
      }),
    );
  });
  it('a factor multiplies the ratio; an unknown factor is no data', () => {
    expect(ratio({ numerator: 5, denominator: 10, factor: 0.5 })).toBe(0.25);
    expect(ratio({ numerator: 5, denominator: 10, factor: null })).toBeNull();
  });
  it('a disabled indicator is worth nothing', () => {
    const cfg = defaultConfig();
    cfg.settings.onTimeRate.enabled = false;
    const r = scoreIndicator({ key: 'onTimeRate', code: '2.1', group: 'progress', source: 'facts' }, { numerator: 1, denominator: 1 }, cfg);
    expect(r).toMatchObject({ value: 1, points: 0, maxPoints: 0 });
  });
  it('an administrator can change the points and threshold (amendment without a release)', () => {
    const cfg = defaultConfig();
    cfg.settings.onTimeRate = { key: 'onTimeRate', maxPoints: 20, threshold: 0.95, enabled: true };
    const r = scoreIndicator({ key: 'onTimeRate', code: '2.1', group: 'progress', source: 'facts' }, { numerator: 95, denominator: 100 }, cfg);
    expect(r.points).toBe(20);
  });
});

describe('bands (configurable, defaults not official)', () => {
  const cfg = defaultConfig();
  it('picks the band whose lower bound is reached, boundaries inclusive', () => {
    expect(bandFor(90, cfg.bands)).toBe('excellent');
    expect(bandFor(89.99, cfg.bands)).toBe('good');
    expect(bandFor(80, cfg.bands)).toBe('good');
    expect(bandFor(65, cfg.bands)).toBe('fair');
    expect(bandFor(50, cfg.bands)).toBe('average');
    expect(bandFor(49.99, cfg.bands)).toBe('weak');
    expect(bandFor(0, cfg.bands)).toBe('weak');
  });
  it('no band when none applies', () => expect(bandFor(10, [{ key: 'x', min: 50 }])).toBeNull());
});

const counts = () => ({
  ...emptyCounts(),
  received: 10,
  synced: 8,
  handled: 12,
  onTime: 9,
  closed: 6,
  closedDays: 27,
  online: 4,
  feeProcedures: 2,
  feeProceduresPaidOnline: 1,
  feeProceduresSynced: 2,
  feeDossiers: 5,
  paidOnline: 2,
  resultDossiers: 6,
  paperResultDossiers: 4,
  electronicResults: 3,
  digitized: 3,
  reused: 2,
  linkedToStore: 1,
  populationDossiers: 5,
  procedures: 3,
  populationProcedures: 2,
  dissatisfied: 1,
  ratingsKnown: true,
  onlineProcedureCodes: ['A', 'B'],
});
const catalogue: CatalogueFigures = {
  publishedOnTime: { onTime: 3, total: 4 },
  disclosedOnTime: { onTime: 4, total: 4 },
  fullyDisclosed: { full: 9, total: 10 },
  procedures: { total: 10, online: 6, onlineCodes: ['A', 'B', 'C', 'D', 'E', 'F'], feeBearing: 4 },
};
const feedback: FeedbackFigures = {
  petitions: 4,
  classified: 4,
  onTime: { numerator: 3, denominator: 4 },
  satisfaction: { numerator: 3, denominator: 4 },
  dossierSatisfaction: null,
};

describe('the whole index on a hand-built case', () => {
  const res = scoreIndex(figuresFrom(counts(), catalogue, feedback), defaultConfig());
  const ind = (k: string) => res.groups.flatMap((g) => g.indicators).find((i) => i.key === k)!;
  it('computes each indicator by hand', () => {
    expect(ind('publishedOnTime')).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, points: 4.5 });
    expect(ind('disclosedOnTime')).toMatchObject({ value: 1, points: 4 });
    expect(ind('fullyDisclosed')).toMatchObject({ value: 0.9, points: 1.8 });
    expect(ind('syncedDossiers')).toMatchObject({ numerator: 8, denominator: 10, value: 0.8, points: 4.8 });
    expect(ind('onTimeRate')).toMatchObject({ numerator: 9, denominator: 12, value: 0.75, points: 15 });
    expect(ind('averageTime')).toMatchObject({ value: 4.5, points: 0, maxPoints: 0 });
    expect(ind('onlineProcedures')).toMatchObject({ value: 0.6, points: 1.5 }); // 0.6*2/0.8
    expect(ind('onlineServicesUsed')).toMatchObject({ numerator: 2, denominator: 6, value: 0.3333, points: 1.33 });
    expect(ind('onlineDossiers')).toMatchObject({ numerator: 4, denominator: 10, value: 0.32, points: 3.84 }); // 0.4*0.8=0.32; 0.32*6/0.5
    expect(ind('proceduresPaidOnline')).toMatchObject({ value: 0.5, points: 1 });
    expect(ind('feeProceduresIntegrated')).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, points: 1.25 });
    expect(ind('paidOnline')).toMatchObject({ value: 0.4, points: 2.4 });
    expect(ind('electronicResults')).toMatchObject({ value: 0.75, points: 4.5 });
    expect(ind('digitized')).toMatchObject({ value: 0.5, points: 2.5 }); // 0.5*4/0.8
    expect(ind('reused')).toMatchObject({ value: 0.2, points: 0.5 }); // 0.2*2/0.8
    expect(ind('certifiedCopies')).toMatchObject({ value: null, points: null, reason: 'source.certifiedCopies' });
    expect(ind('linkedToStore')).toMatchObject({ value: 0.1, points: 0.4 });
    expect(ind('populationProcedures')).toMatchObject({ value: 0.6667, points: 1.33 });
    expect(ind('populationDossiers')).toMatchObject({ value: 0.5, points: 1 });
    expect(ind('petitionsClassified')).toMatchObject({ value: 1, points: 0, maxPoints: 0 });
    expect(ind('petitionsOnTime')).toMatchObject({ value: 0.75, points: 4.5 });
    expect(ind('petitionSatisfaction')).toMatchObject({ value: 0.75, points: 4.5 });
    expect(ind('dossierSatisfaction')).toMatchObject({ numerator: 5, denominator: 6, value: 0.8333, points: 5.56 }); // (6 with a result - 1) / 6; 0.8333*6/0.9
  });
  it('sums groups and the total', () => {
    const g = Object.fromEntries(res.groups.map((x) => [x.key, x.points]));
    expect(g).toEqual({ publicity: 15.1, progress: 15, online: 11.32, digitization: 10.23, satisfaction: 14.56 });
    expect(res.total).toBe(66.21);
    expect(res.band).toBe('fair');
    expect(res.maxAvailable).toBe(98);
    expect(res.groups.map((x) => x.maxPoints)).toEqual([18, 20, 22, 22, 18]);
  });
});

describe('no data', () => {
  it('without catalogue and feedback those indicators are null with a reason; the rest still count', () => {
    const res = scoreIndex(figuresFrom({ ...counts(), ratingsKnown: false }, null, null), defaultConfig());
    const all = res.groups.flatMap((g) => g.indicators);
    for (const k of ['publishedOnTime', 'disclosedOnTime', 'fullyDisclosed', 'onlineProcedures', 'onlineServicesUsed', 'feeProceduresIntegrated'])
      expect(all.find((i) => i.key === k)).toMatchObject({ value: null, points: null, reason: 'source.catalogue' });
    for (const k of ['petitionsOnTime', 'petitionSatisfaction', 'dossierSatisfaction'])
      expect(all.find((i) => i.key === k)).toMatchObject({ value: null, points: null, reason: 'source.feedback' });
    expect(res.groups[0].maxPoints).toBe(18);
  });
  it('a unit without any dossier has no data, not zero, for dossier ratios; total 0', () => {
    const res = scoreIndex(figuresFrom(emptyCounts(), null, null), defaultConfig());
    const all = res.groups.flatMap((g) => g.indicators);
    expect(all.find((i) => i.key === 'onTimeRate')).toMatchObject({ numerator: 0, denominator: 0, value: null, points: null, reason: 'empty' });
    expect(all.every((i) => i.points === null)).toBe(true);
    expect(res.total).toBe(0);
    expect(res.maxAvailable).toBe(0);
  });
  it("5.4 falls back on the feedback module's figure when the facts carry no ratings", () => {
    const res = scoreIndex(
      figuresFrom({ ...counts(), ratingsKnown: false }, null, { ...feedback, dossierSatisfaction: { numerator: 8, denominator: 10 } }),
      defaultConfig(),
    );
    expect(res.groups[4].indicators.find((i) => i.key === 'dossierSatisfaction')).toMatchObject({ numerator: 8, denominator: 10, value: 0.8, points: 5.33 });
  });
  it('3.3 is no data when nothing was received (the sync factor is unknown)', () => {
    const res = scoreIndex(figuresFrom({ ...emptyCounts(), online: 0 }, null, null), defaultConfig());
    expect(res.groups[2].indicators.find((i) => i.key === 'onlineDossiers')!.value).toBeNull();
  });
});

describe('flags whose module has not landed', () => {
  it('all unknown -> no data with the source; partly unknown -> counted as not done', () => {
    const c = { ...counts(), unknown: { synced: 10, paidOnline: 5, reused: 10, linkedToStore: 3, population: 0 } };
    const res = scoreIndex(figuresFrom(c, catalogue, feedback), defaultConfig());
    const all = res.groups.flatMap((g) => g.indicators);
    const get = (k: string) => all.find((i) => i.key === k)!;
    expect(get('syncedDossiers')).toMatchObject({ value: null, reason: 'source.nationalPortal' });
    expect(get('onlineDossiers')).toMatchObject({ value: null, reason: 'source.nationalPortal' });
    expect(get('paidOnline')).toMatchObject({ value: null, reason: 'source.payments' });
    expect(get('reused')).toMatchObject({ value: null, reason: 'source.warehouse' });
    expect(get('linkedToStore')).toMatchObject({ value: 0.1 });
    expect(get('populationDossiers')).toMatchObject({ value: 0.5 });
  });
});
