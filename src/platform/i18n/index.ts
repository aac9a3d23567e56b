/**
 * Message catalogues. Vietnamese is the default language, English the second. Each module
 * keeps its strings in its own `messages.ts` ({ vi, en } with the same keys), named by its
 * manifest (platform/module.ts); the composition root adds them to catalog.ts. Placeholders
 * are written {name}. Keys are typed (keys.ts).
 */
import { catalog } from './catalog';
import type { MessageKey } from './keys';
export { addMessages } from './catalog';

export { defineMessages, oneOf, untypedKey, type KeysUnder, type MessageKey, type Messages } from './keys';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];

/** The text of a key; the type check refuses a key that no catalogue defines in both languages. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, unknown>): string {
  const text = catalog[lang][key] ?? catalog.vi[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

/** Whether a key read back from storage (an error key saved with a record) is in the catalogues; narrows it to MessageKey. */
export function hasMessage(key: string): key is MessageKey {
  return key in catalog.vi;
}

/** Picks the language from an explicit choice (query or cookie), then Accept-Language; Vietnamese otherwise. */
export function pickLang(explicit: string | undefined, acceptLanguage: string | undefined): Lang {
  if (explicit === 'en' || explicit === 'vi') return explicit;
  if (!acceptLanguage) return 'vi';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.tag && !Number.isNaN(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('vi')) return 'vi';
    if (tag.startsWith('en')) return 'en';
  }
  return 'vi';
}
