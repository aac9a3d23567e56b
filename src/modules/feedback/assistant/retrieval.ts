/**
 * Retrieval for the virtual assistant: BM25 over folded text (unigrams and bigrams), with the
 * query expanded by the synonym table. Pure and synchronous: the index is built once from the
 * catalogue and the FAQ and kept in memory.
 */
import { fold } from '../../../platform/text';
import { SYNONYMS, STOPWORDS } from './synonyms';

export interface Doc {
  /** Procedure code. */
  code: string;
  /** Weighted text parts: the name counts most. */
  parts: { text: string; weight: number }[];
}

interface Indexed {
  code: string;
  /** Meaningful words of the name (the first part). */
  nameWords: string[];
  tf: Map<string, number>;
  len: number;
}

export interface Index {
  docs: Indexed[];
  df: Map<string, number>;
  avgLen: number;
}

/** Unigrams without stop words, plus bigrams of consecutive syllables (stop words kept for bigrams). */
export function terms(folded: string): string[] {
  const words = folded.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!STOPWORDS.has(words[i])) out.push(words[i]);
    if (i + 1 < words.length && !(STOPWORDS.has(words[i]) && STOPWORDS.has(words[i + 1]))) out.push(`${words[i]}_${words[i + 1]}`);
  }
  return out;
}

export function buildIndex(docs: Doc[]): Index {
  const indexed: Indexed[] = [];
  const df = new Map<string, number>();
  for (const d of docs) {
    const tf = new Map<string, number>();
    let len = 0;
    for (const p of d.parts) {
      for (const t of terms(fold(p.text))) {
        tf.set(t, (tf.get(t) ?? 0) + p.weight);
        len += p.weight;
      }
    }
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const nameWords = [
      ...new Set(
        fold(d.parts[0]?.text ?? '')
          .split(' ')
          .filter((w) => w && !STOPWORDS.has(w)),
      ),
    ];
    indexed.push({ code: d.code, nameWords, tf, len });
  }
  const avgLen = indexed.reduce((a, d) => a + d.len, 0) / Math.max(1, indexed.length);
  return { docs: indexed, df, avgLen };
}

/** The question folded and expanded with the synonyms whose key appears as whole words. */
export function expand(question: string): string {
  const q = fold(question);
  const padded = ` ${q} `;
  const extra: string[] = [];
  for (const [key, value] of SYNONYMS) if (padded.includes(` ${key} `)) extra.push(value);
  return [q, ...extra].join(' ');
}

export interface Hit {
  code: string;
  score: number;
  /** Share of the question's meaningful words found in the document. */
  coverage: number;
  /** Whether a phrase of the synonym table (a known way of naming a need) is found in the document. */
  intent: boolean;
}

const NAME_BONUS = 4;
const K1 = 1.2;
const B = 0.6;

export function search(index: Index, question: string, limit = 5): Hit[] {
  const folded = fold(question);
  const expanded = expand(question);
  const qTerms = [...new Set(terms(expanded))];
  const units = contentUnits(folded);
  const qWords = new Set(expanded.split(' '));
  const N = index.docs.length;
  const hits: Hit[] = [];
  for (const d of index.docs) {
    let score = 0;
    for (const t of qTerms) {
      const f = d.tf.get(t);
      if (!f) continue;
      const n = index.df.get(t) ?? 0;
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      const bigram = t.includes('_') ? 1.5 : 1;
      score += bigram * idf * ((f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.len) / index.avgLen)));
    }
    if (score <= 0) continue;
    // Prefer the procedure whose name the question covers best ("đăng ký thường trú" over "xóa đăng ký thường trú").
    if (d.nameWords.length) score += NAME_BONUS * (d.nameWords.filter((w) => qWords.has(w)).length / d.nameWords.length);
    const matched = units.filter((u) => u.some((w) => d.tf.has(w)));
    hits.push({ code: d.code, score, coverage: units.length ? matched.length / units.length : 0, intent: matched.some((u) => u.length > 1) });
  }
  return hits.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code)).slice(0, limit);
}

/**
 * The meaningful parts of a question, each a list of words any of which covers it: a phrase of
 * the synonym table counts once (covered by any word of its expansion); every other word that is
 * not a stop word counts alone.
 */
export function contentUnits(folded: string): string[][] {
  let rest = ` ${folded} `;
  const units: string[][] = [];
  for (const [key, value] of [...SYNONYMS].sort((a, b) => b[0].length - a[0].length)) {
    if (!rest.includes(` ${key} `)) continue;
    units.push([...key.split(' '), ...value.split(' ')].filter((w) => !STOPWORDS.has(w)));
    rest = rest.split(` ${key} `).join('  ');
  }
  for (const w of rest.split(' ')) if (w && !STOPWORDS.has(w)) units.push([w]);
  return units.filter((u) => u.length > 0);
}
