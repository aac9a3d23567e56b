/** Surveys (VNForm-like): question types, answer validation, summary. Pure. */
export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'short', 'long'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const SURVEY_STATES = ['draft', 'published', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  text: string;
  options: string[];
  required: boolean;
}

export type Answer = string | string[] | number | null;

/** Parses the admin's text: one question a line, "type | text | option; option", "*" first = required. */
export function parseQuestions(text: string): SurveyQuestion[] | null {
  const out: SurveyQuestion[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line) continue;
    const required = line.startsWith('*');
    if (required) line = line.slice(1).trim();
    const [type, qtext, opts] = line.split('|').map((x) => x.trim());
    if (!(QUESTION_TYPES as readonly string[]).includes(type) || !qtext) return null;
    const options = (opts ?? '')
      .split(';')
      .map((o) => o.trim())
      .filter(Boolean);
    out.push({ id: `q${out.length + 1}`, type: type as QuestionType, text: qtext, options, required });
  }
  return validQuestions(out) ? out : null;
}

export function validQuestions(qs: SurveyQuestion[]): boolean {
  return qs.length > 0 && qs.every((q) => q.text.trim() && ((q.type !== 'single' && q.type !== 'multiple') || q.options.length >= 2));
}

/** The answers cleaned, or the first question whose answer is wrong ('invalid') or missing ('required'). */
export function checkAnswers(
  qs: SurveyQuestion[],
  raw: Record<string, unknown>,
): { ok: true; answers: Record<string, Answer> } | { ok: false; question: string; problem: 'invalid' | 'required' } {
  const answers: Record<string, Answer> = {};
  for (const q of qs) {
    let v = raw[q.id];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) {
      if (q.required) return { ok: false, question: q.text, problem: 'required' };
      answers[q.id] = null;
      continue;
    }
    if (q.type === 'single') {
      if (typeof v !== 'string' || !q.options.includes(v)) return { ok: false, question: q.text, problem: 'invalid' };
      answers[q.id] = v;
    } else if (q.type === 'multiple') {
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((x) => typeof x === 'string' && q.options.includes(x))) return { ok: false, question: q.text, problem: 'invalid' };
      answers[q.id] = [...new Set(list as string[])];
    } else if (q.type === 'scale') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 5) return { ok: false, question: q.text, problem: 'invalid' };
      answers[q.id] = n;
    } else {
      if (typeof v !== 'string') return { ok: false, question: q.text, problem: 'invalid' };
      v = v.trim().slice(0, q.type === 'short' ? 300 : 4000);
      answers[q.id] = v as string;
    }
  }
  return { ok: true, answers };
}

export interface QuestionSummary {
  question: SurveyQuestion;
  answered: number;
  /** Choice and scale questions: label -> count, in display order. */
  counts: { label: string; count: number }[];
  average: number | null;
  texts: string[];
}

export function summarise(qs: SurveyQuestion[], responses: Record<string, Answer>[]): QuestionSummary[] {
  return qs.map((q) => {
    const vals = responses.map((r) => r[q.id]).filter((v) => v !== null && v !== undefined);
    const labels = q.type === 'scale' ? ['1', '2', '3', '4', '5'] : q.options;
    const counts = labels.map((label) => ({ label, count: vals.filter((v) => (Array.isArray(v) ? v.includes(label) : String(v) === label)).length }));
    const nums = q.type === 'scale' ? (vals as number[]) : [];
    return {
      question: q,
      answered: vals.length,
      counts: q.type === 'short' || q.type === 'long' ? [] : counts,
      average: nums.length ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : null,
      texts: q.type === 'short' || q.type === 'long' ? (vals as string[]) : [],
    };
  });
}
