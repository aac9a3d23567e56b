/** Pure parsing of a citizen's search text: folded phrase and word tokens. */
import { fold } from '../../platform/text';

export interface ParsedQuery {
  phrase: string; // "dang ky khai sinh"
  tokens: string[]; // ["dang", "ky", "khai", "sinh"]
}

/** Folds the query (case and diacritics away); keeps at most 8 distinct tokens. */
export function parseQuery(q: string | undefined): ParsedQuery | null {
  if (!q) return null;
  const phrase = fold(q).slice(0, 500).trim();
  if (!phrase) return null;
  const tokens = [...new Set(phrase.split(' '))].slice(0, 8);
  return { phrase, tokens };
}

/**
 * Relevance tier of a folded name for a query, the same rule the SQL applies:
 * 0 exact name, 1 the phrase as whole words in the name, 2 every token starts a word of the
 * name, 3 matched elsewhere (code, field, result). Lower is better.
 */
export function relevanceTier(nameFolded: string, q: ParsedQuery): number {
  if (nameFolded === q.phrase) return 0;
  const padded = ` ${nameFolded} `;
  if (padded.includes(` ${q.phrase} `)) return 1;
  if (q.tokens.every((t) => padded.includes(` ${t}`))) return 2;
  return 3;
}

/** A name the phrase covers well (>= 40% of its length) ranks above long names that merely contain it. */
export function strongMatch(nameFolded: string, q: ParsedQuery): boolean {
  return q.phrase.length / Math.max(1, nameFolded.length) >= 0.4;
}
