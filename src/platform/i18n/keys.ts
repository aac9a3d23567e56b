/**
 * The typed message keys. This file imports nothing, so every catalogue can import it
 * without a cycle through the joined catalogue. Each catalogue that is joined declares
 * itself in `MessageCatalogues` (a module augmentation at the end of its messages.ts), so the
 * platform learns the keys' type without importing any module.
 */

/** One entry per joined catalogue: name -> typeof its messages. Filled by augmentation. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface MessageCatalogues {}

type KeysOf<C> = C extends { vi: Record<infer K, string> } ? K : never;

/** Every key of every joined catalogue; `t()` accepts nothing else. */
export type MessageKey = { [N in keyof MessageCatalogues]: KeysOf<MessageCatalogues[N]> }[keyof MessageCatalogues];

export type Messages<K extends string = string> = { vi: Record<K, string>; en: Record<K, string> };

/**
 * A catalogue whose English side has exactly the Vietnamese side's keys: a key missing in
 * English, or an English key with no Vietnamese text, fails the type check here.
 */
export function defineMessages<K extends string>(m: { vi: Record<K, string>; en: NoInfer<Record<K, string>> }): Messages<K> {
  return m;
}

/** The rest of every key under `prefix`: `(k: KeysUnder<'units.field.'>) => t(lang, `units.field.${k}`)` refuses a field no catalogue names. */
export type KeysUnder<P extends string> = MessageKey extends infer K ? (K extends `${P}${infer R}` ? R : never) : never;

/**
 * True when `value` is on the closed `list`: narrows a plain string (a database column, a form
 * field, an error's params) to the list's union, so that a key built from it by a template
 * literal (`dossier.state.${s}`) is checked by tsc against the catalogues.
 */
export function oneOf<const L extends readonly string[]>(list: L, value: unknown): value is L[number] {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * A key computed at run time from a value whose type is still a plain string, so the type
 * check cannot follow it (a missing key then still shows as the raw key). Tracked: the
 * test in keys.test.ts counts these calls per file; replace one by a typed map or
 * by a template-literal key over a union type, then lower the count there.
 */
export function untypedKey(key: string): MessageKey {
  return key as MessageKey;
}
