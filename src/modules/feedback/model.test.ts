import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregate,
  canDo,
  DEFAULT_CRITERIA,
  DEFAULT_SETTINGS,
  figuresOf,
  invalidScores,
  petitionStanding,
  PETITION_ACTIONS,
  PETITION_STATES,
  timelinessOf,
  type PetitionDeadlines,
  type PetitionFact,
} from './model';
import { checkAnswers, parseQuestions, summarise } from './survey-model';
import { confidentHit } from './assistant/answer';
import { contentUnits } from './assistant/retrieval';

const d = (s: string) => new Date(s);
const deadlines: PetitionDeadlines = {
  answer: d('2025-03-31T10:00:00Z'),
  refusal: d('2025-03-12T10:00:00Z'),
  infoRequest: d('2025-03-17T10:00:00Z'),
  publish: null,
};
const fact = (over: Partial<PetitionFact> = {}): PetitionFact => ({
  state: 'received',
  receivedAt: d('2025-03-10T02:00:00Z'),
  dueAt: deadlines.answer,
  infoRequestedAt: null,
  refusedAt: null,
  approvedAt: null,
  publishedAt: null,
  consentPublish: false,
  category: 'procedure',
  rating: null,
  reraised: false,
  ...over,
});

describe('petition rules', () => {
  it('every action starts only from its listed states', () => {
    for (const a of PETITION_ACTIONS) for (const s of PETITION_STATES) expect(typeof canDo(a, s)).toBe('boolean');
    expect(canDo('approve', 'received')).toBe(false);
    expect(canDo('approve', 'answered')).toBe(true);
    expect(canDo('publish', 'closed')).toBe(true);
    expect(canDo('answer', 'refused')).toBe(false);
  });

  it('on time: approved by the due date, refused within the refusal limit; late otherwise', () => {
    expect(timelinessOf(fact({ state: 'closed', approvedAt: d('2025-03-20T00:00:00Z') }), deadlines, d('2025-04-10T00:00:00Z'))).toBe('on_time');
    expect(timelinessOf(fact({ state: 'closed', approvedAt: d('2025-04-01T00:00:00Z') }), deadlines, d('2025-04-10T00:00:00Z'))).toBe('late');
    expect(
      timelinessOf(
        fact({ state: 'closed', approvedAt: d('2025-03-20T00:00:00Z'), infoRequestedAt: d('2025-03-18T00:00:00Z') }),
        deadlines,
        d('2025-04-10T00:00:00Z'),
      ),
    ).toBe('late');
    expect(timelinessOf(fact({ state: 'refused', refusedAt: d('2025-03-11T00:00:00Z') }), deadlines, d('2025-04-10T00:00:00Z'))).toBe('on_time');
    expect(timelinessOf(fact({ state: 'refused', refusedAt: d('2025-03-13T00:00:00Z') }), deadlines, d('2025-04-10T00:00:00Z'))).toBe('late');
    expect(timelinessOf(fact(), deadlines, d('2025-03-20T00:00:00Z'))).toBe('open');
    expect(timelinessOf(fact(), deadlines, d('2025-04-01T00:00:00Z'))).toBe('overdue');
  });

  it('figures: numerators never exceed denominators, and an unsatisfied rating counts against satisfaction', () => {
    const arb = fc.record({
      approvedDay: fc.option(fc.integer({ min: 11, max: 40 }), { nil: null }),
      rating: fc.constantFrom(null, 'satisfied', 'unsatisfied'),
      reraised: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 20 }), (rows) => {
        const facts = rows.map((r) => ({
          fact: fact(r.approvedDay ? { state: 'closed', approvedAt: new Date(Date.UTC(2025, 2, r.approvedDay)), rating: r.rating, reraised: r.reraised } : {}),
          deadlines,
        }));
        const f = figuresOf(facts, d('2025-03-01T00:00:00Z'), d('2025-05-01T00:00:00Z'), d('2025-05-02T00:00:00Z'));
        expect(f.onTime.numerator).toBeLessThanOrEqual(f.onTime.denominator);
        expect(f.satisfaction.numerator).toBeLessThanOrEqual(f.onTime.numerator);
        expect(f.satisfaction.numerator).toBeGreaterThanOrEqual(0);
        const bad = facts.filter((x) => x.fact.rating === 'unsatisfied' || x.fact.reraised).length;
        expect(f.satisfaction.numerator).toBeLessThanOrEqual(f.petitions - bad);
      }),
    );
  });
});

describe('petition standing (drill-down of 5.2 / 5.3)', () => {
  const [from, to, asOf] = [d('2025-03-01T00:00:00Z'), d('2025-05-01T00:00:00Z'), d('2025-05-02T00:00:00Z')];
  it('late, overdue, unsatisfied and re-raised petitions cost points with their reasons; one outside the period is not counted', () => {
    expect(petitionStanding(fact({ state: 'closed', approvedAt: d('2025-03-20T00:00:00Z') }), deadlines, from, to, asOf)).toEqual({
      handledIn: true,
      onTime: true,
      satisfied: true,
      reasons: [],
    });
    expect(petitionStanding(fact({ state: 'closed', approvedAt: d('2025-04-02T00:00:00Z'), rating: 'unsatisfied' }), deadlines, from, to, asOf)).toEqual({
      handledIn: true,
      onTime: false,
      satisfied: false,
      reasons: ['late', 'unsatisfied'],
    });
    expect(petitionStanding(fact({ state: 'closed', approvedAt: d('2025-03-20T00:00:00Z'), reraised: true }), deadlines, from, to, asOf)).toMatchObject({
      onTime: true,
      satisfied: false,
      reasons: ['reraised'],
    });
    expect(petitionStanding(fact(), deadlines, from, to, asOf)).toMatchObject({ handledIn: false, onTime: false, reasons: ['overdue'] });
    expect(petitionStanding(fact(), deadlines, from, d('2025-03-20T00:00:00Z'), d('2025-03-20T00:00:00Z'))).toBeNull(); // open, not yet due
  });
});

describe('rating rules', () => {
  it('every criterion needs an integer 1..5', () => {
    const all = Object.fromEntries(DEFAULT_CRITERIA.map((c) => [c.key, 5]));
    expect(invalidScores(all, DEFAULT_CRITERIA)).toEqual([]);
    expect(invalidScores({ ...all, overall: 0 }, DEFAULT_CRITERIA)).toEqual(['overall']);
    expect(invalidScores({ ...all, attitude: 4.5 }, DEFAULT_CRITERIA)).toEqual(['attitude']);
    expect(invalidScores({}, DEFAULT_CRITERIA)).toHaveLength(12);
  });

  it('aggregates per key: satisfied + unsatisfied = ratings; overall 2 or less is unsatisfied', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.constantFrom('a', 'b'), overall: fc.integer({ min: 1, max: 5 }) }), { maxLength: 30 }), (rows) => {
        const agg = aggregate(
          rows.map((r) => ({ ...r, scores: { overall: r.overall } })),
          DEFAULT_SETTINGS,
        );
        for (const a of agg) {
          expect(a.satisfied + a.unsatisfied).toBe(a.ratings);
          expect(a.unsatisfied).toBe(rows.filter((r) => r.key === a.key && r.overall <= 2).length);
        }
      }),
    );
  });
});

describe('survey rules', () => {
  it("parses the admin's text; choice questions need two options", () => {
    const qs = parseQuestions('*single | Kênh nộp | Trực tuyến; Trực tiếp\nscale | Hài lòng\nlong | Góp ý')!;
    expect(qs.map((q) => [q.id, q.type, q.required])).toEqual([
      ['q1', 'single', true],
      ['q2', 'scale', false],
      ['q3', 'long', false],
    ]);
    expect(parseQuestions('single | Chọn | Một')).toBeNull();
    expect(parseQuestions('matrix | Bảng')).toBeNull();
    expect(parseQuestions('')).toBeNull();
  });

  it('checks answers and counts them', () => {
    const qs = parseQuestions('*single | Kênh | A; B\nmultiple | Cải thiện | X; Y; Z\nscale | Điểm')!;
    expect(checkAnswers(qs, {})).toMatchObject({ ok: false, problem: 'required' });
    expect(checkAnswers(qs, { q1: 'C' })).toMatchObject({ ok: false, problem: 'invalid' });
    expect(checkAnswers(qs, { q1: 'A', q3: '6' })).toMatchObject({ ok: false, problem: 'invalid' });
    const a = checkAnswers(qs, { q1: 'A', q2: ['X', 'X', 'Y'], q3: '4' });
    expect(a).toEqual({ ok: true, answers: { q1: 'A', q2: ['X', 'Y'], q3: 4 } });
    const s = summarise(qs, [a.ok ? a.answers : {}, { q1: 'B', q2: null, q3: 2 }]);
    expect(s[0].counts).toEqual([
      { label: 'A', count: 1 },
      { label: 'B', count: 1 },
    ]);
    expect(s[2].average).toBe(3);
  });
});

describe('assistant abstention', () => {
  it('answers with enough coverage, or a strong score with a known need phrase; otherwise does not know', () => {
    expect(confidentHit({ code: 'x', score: 5, coverage: 0.5, intent: false })).toBe(true);
    expect(confidentHit({ code: 'x', score: 3, coverage: 1, intent: true })).toBe(false);
    expect(confidentHit({ code: 'x', score: 30, coverage: 0.2, intent: true })).toBe(true);
    expect(confidentHit({ code: 'x', score: 30, coverage: 0.4, intent: false })).toBe(false);
    expect(confidentHit({ code: 'x', score: 11, coverage: 0.2, intent: true })).toBe(false);
  });

  it('a synonym phrase is one unit of meaning; stop words are not units', () => {
    const units = contentUnits('toi muon lam giay khai sinh cho con');
    expect(units.some((u) => u.length > 1 && u.includes('khai'))).toBe(true);
    expect(units.flat()).not.toContain('toi');
  });
});
