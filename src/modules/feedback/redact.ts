/**
 * Removing personal data from a petition before its answer is published (Decree 13/2023):
 * e-mail addresses, phone numbers, personal identification / ID card / passport numbers, dossier
 * codes, and the names and addresses the submitter gave (in any case, with or without diacritics).
 */
export const REDACTED = '[đã ẩn]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Vietnamese phone numbers: 0xxxxxxxxx or +84 / 84 prefix, digits possibly grouped by spaces, dots or dashes.
const PHONE = /(?<![\p{N}])(?:\+?84|0)(?:[\s.-]?\d){8,10}(?![\p{N}])/gu;
// Long digit runs: 9-digit CMND, 12-digit CCCD / personal id, tax codes.
const DIGITS = /(?<![\p{N}])\d{9,13}(?![\p{N}])/gu;
// Passport numbers (a letter and 7-8 digits).
const PASSPORT = /(?<![\p{L}\p{N}])[A-Z]\d{7,8}(?![\p{N}])/gu;
// Dossier codes such as H15.50.05.13-261008-0975 or 000.00.00.H28-250310-0001.
const DOSSIER_CODE = /(?<![\p{L}\p{N}])[A-Z0-9]{2,4}(?:\.[A-Z0-9]{2,4}){2,4}-\d{6}-\d{4,7}(?![\p{N}])/gu;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching `phrase` whatever its case and diacritics (letters expanded to their variants). */
function looseRe(phrase: string): RegExp {
  const base = phrase
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
  const body = [...base]
    .map((ch) => {
      if (/\s/.test(ch)) return '\\s+';
      if (/[a-z]/i.test(ch)) {
        const l = ch.toLowerCase();
        return `${l === 'd' ? '[dđ]' : l}\\p{M}*`;
      }
      return escapeRe(ch);
    })
    .join('');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'giu');
}

/** Replaces every occurrence of `phrase` (case and diacritics ignored). Works on NFD text and returns NFC. */
function replaceLoose(text: string, phrase: string): string {
  const p = phrase.trim();
  if (p.length < 2) return text;
  return text.normalize('NFD').replace(looseRe(p), REDACTED).normalize('NFC');
}

export interface RedactionHints {
  /** The submitter's name: the full name and (for names of two or more words) the given name with the middle name. */
  names?: (string | null | undefined)[];
  addresses?: (string | null | undefined)[];
}

export function redact(text: string, hints: RedactionHints = {}): string {
  let out = text.normalize('NFC');
  out = out.replace(EMAIL, REDACTED);
  out = out.replace(DOSSIER_CODE, REDACTED);
  out = out.replace(PHONE, REDACTED);
  out = out.replace(DIGITS, REDACTED);
  out = out.replace(PASSPORT, REDACTED);
  const phrases: string[] = [];
  const exact: string[] = [];
  for (const a of hints.addresses ?? []) if (a && a.trim().length >= 4) phrases.push(a.trim());
  for (const n of hints.names ?? []) {
    if (!n) continue;
    const words = n.trim().split(/\s+/);
    phrases.push(words.join(' '));
    // Parts of a name are redacted only as written (capitalised), so "văn an toàn" stays.
    if (words.length >= 3) exact.push(words.slice(1).join(' '));
    if (words.length >= 2) exact.push(words.slice(-2).join(' '));
  }
  phrases.sort((a, b) => b.length - a.length);
  for (const p of phrases) out = replaceLoose(out, p);
  for (const p of exact.sort((a, b) => b.length - a.length))
    out = out.normalize('NFC').replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(p.normalize('NFC'))}(?![\\p{L}\\p{N}])`, 'gu'), REDACTED);
  return out.replace(new RegExp(`(${escapeRe(REDACTED)}\\s*){2,}`, 'g'), `${REDACTED} `).replace(/ +([,.;])/g, '$1');
}
