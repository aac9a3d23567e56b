/** Measures the assistant on the question set (bench/assistant-questions.json): top-1/top-3 and abstention. */
import type { Ctx } from '../../../platform/context';
import { rank } from './answer';

export interface Question {
  id: number;
  question: string;
  expected: string[];
  split: 'dev' | 'heldout';
}

export interface Score {
  questions: number;
  inScope: number;
  top1: number;
  top3: number;
  outOfScope: number;
  abstained: number;
  /** Over all questions: in scope right at 1 (or 3), out of scope abstained. */
  overallTop1: number;
  overallTop3: number;
  misses: { id: number; question: string; expected: string[]; got: string[] }[];
}

export async function evaluate(ctx: Ctx, questions: Question[]): Promise<Score> {
  let top1 = 0;
  let top3 = 0;
  let abstained = 0;
  const misses: Score['misses'] = [];
  for (const q of questions) {
    const got = (await rank(ctx, q.question)).hits.map((h) => h.code);
    if (q.expected.length === 0) {
      if (got.length === 0) abstained++;
      else misses.push({ id: q.id, question: q.question, expected: [], got });
      continue;
    }
    if (q.expected.includes(got[0])) top1++;
    if (got.slice(0, 3).some((c) => q.expected.includes(c))) top3++;
    else misses.push({ id: q.id, question: q.question, expected: q.expected, got });
  }
  const inScope = questions.filter((q) => q.expected.length > 0).length;
  const outOfScope = questions.length - inScope;
  const r = (x: number, n: number) => (n ? Math.round((x / n) * 1000) / 1000 : 0);
  return {
    questions: questions.length,
    inScope,
    top1: r(top1, inScope),
    top3: r(top3, inScope),
    outOfScope,
    abstained: r(abstained, outOfScope),
    overallTop1: r(top1 + abstained, questions.length),
    overallTop3: r(top3 + abstained, questions.length),
    misses,
  };
}
