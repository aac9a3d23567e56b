/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { catalog } from './catalog';
import type { Messages } from './index';
import { installMessages } from '../module';
import { MODULES } from '../../manifests';

// What app.ts and the worker do: the modules' texts come from their manifests.
installMessages(MODULES);

/** Every messages.ts in the tree, read on its own: the joined catalogue would hide a key that two files define. */
const files = import.meta.glob<Messages>('../../**/messages.ts', { eager: true, import: 'messages' });

/** The {name} placeholders of a text, sorted and without repeats. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

describe('message catalogue', () => {
  it('has an English text for every Vietnamese key', () => {
    const missing = Object.keys(catalog.vi).filter((key) => !(key in catalog.en));
    expect(missing).toEqual([]);
  });

  it('has a Vietnamese text for every English key', () => {
    const missing = Object.keys(catalog.en).filter((key) => !(key in catalog.vi));
    expect(missing).toEqual([]);
  });

  it('has no empty text in either language', () => {
    const empty = (['vi', 'en'] as const).flatMap((lang) =>
      Object.entries(catalog[lang])
        .filter(([, text]) => text.trim() === '')
        .map(([key]) => `${lang}:${key}`),
    );
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in Vietnamese and English', () => {
    const mismatched = Object.keys(catalog.vi)
      .filter((key) => key in catalog.en)
      .filter((key) => placeholders(catalog.vi[key]).join(',') !== placeholders(catalog.en[key]).join(','))
      .map((key) => `${key}: vi {${placeholders(catalog.vi[key]).join('}{')}} en {${placeholders(catalog.en[key]).join('}{')}}`);
    expect(mismatched).toEqual([]);
  });

  it('has every module in the list of manifests, each carrying its own messages.ts', () => {
    const dirs = Object.keys(files)
      .filter((f) => f.startsWith('../../modules/'))
      .map((f) => f.split('/')[3])
      .sort();
    expect(
      MODULES.map((m) => m.name)
        .filter((n) => n !== 'web')
        .sort(),
    ).toEqual(dirs);
    // The unit tests' setup (src/test/unit-messages.ts) adds every file too: compare the objects, not the joined catalogue.
    const wrong = MODULES.filter((m) => m.messages !== files[m.name === 'web' ? '../../web/messages.ts' : `../../modules/${m.name}/messages.ts`]).map(
      (m) => m.name,
    );
    expect(wrong).toEqual([]);
  });

  it('joins every messages.ts file of the tree (through the manifests)', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(17);
    const notJoined = Object.entries(files).flatMap(([file, m]) =>
      Object.keys(m.vi)
        .filter((key) => catalog.vi[key] !== m.vi[key])
        .map((key) => `${file}: ${key}`),
    );
    expect(notJoined).toEqual([]);
  });

  it('keeps the same keys in Vietnamese and English within each messages.ts', () => {
    const uneven = Object.entries(files).flatMap(([file, m]) => [
      ...Object.keys(m.vi)
        .filter((key) => !(key in m.en))
        .map((key) => `${file}: en missing ${key}`),
      ...Object.keys(m.en)
        .filter((key) => !(key in m.vi))
        .map((key) => `${file}: vi missing ${key}`),
    ]);
    expect(uneven).toEqual([]);
  });

  it('reads placeholders the way t() fills them', () => {
    expect(placeholders('Đơn vị "{id}" không còn hoạt động vào ngày {date}; {id}.')).toEqual(['date', 'id']);
    expect(placeholders('Không có gì thay đổi.')).toEqual([]);
  });
});
