/**
 * What docs/architecture.md ("Adding a module") promises about the modules' wiring, checked on
 * the tree: every folder under src/modules is a module with its manifest (index.ts) installed
 * by src/manifests.ts under the folder's name, and its messages.ts; its tables are joined in
 * src/db/schema.ts, its demo seed is called from src/db/seed.ts, every migration is listed; no
 * two manifests claim the same outbox topic. (Same keys in vi and en, and each manifest carrying
 * its own messages.ts: src/platform/i18n/catalog.test.ts.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES } from './manifests';
import { jobsOf } from './platform/module';

const src = __dirname;
const read = (rel: string) => readFileSync(join(src, rel), 'utf8');
const folders = readdirSync(join(src, 'modules'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const having = (file: string) => folders.filter((m) => existsSync(join(src, 'modules', m, file)));

describe('module manifests (docs/architecture.md, "Adding a module")', () => {
  it('finds the modules', () => {
    expect(folders.length).toBeGreaterThanOrEqual(14);
  });

  it('every module folder has its manifest (index.ts) and its messages.ts', () => {
    expect(folders.filter((m) => !having('index.ts').includes(m))).toEqual([]);
    expect(folders.filter((m) => !having('messages.ts').includes(m))).toEqual([]);
  });

  it('src/manifests.ts installs each module once, under its folder name, from its index.ts', () => {
    const names = MODULES.map((m) => m.name).filter((n) => n !== 'web');
    expect([...names].sort()).toEqual(folders);
    expect(new Set(names).size).toBe(names.length);
    const roots = read('manifests.ts');
    expect(folders.filter((m) => !roots.includes(`from './modules/${m}/index'`))).toEqual([]);
  });

  it('joins every module’s tables.ts in src/db/schema.ts and calls every seed.ts from src/db/seed.ts', () => {
    const schema = read('db/schema.ts');
    expect(having('tables.ts').filter((m) => !schema.includes(`from '../modules/${m}/tables'`))).toEqual([]);
    const seed = read('db/seed.ts');
    expect(having('seed.ts').filter((m) => !seed.includes(`from '../modules/${m}/seed'`))).toEqual([]);
  });

  it('lists every migration file in src/db/migrations/index.ts', () => {
    const index = read('db/migrations/index.ts');
    const files = readdirSync(join(src, 'db/migrations')).filter((f) => /^\d{4}_.+\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !index.includes(`from './${f.replace(/\.ts$/, '')}'`))).toEqual([]);
  });

  it('no two manifests handle the same outbox topic or subscribe twice under one name', () => {
    const handled = new Map<string, string[]>();
    const subscribed = new Map<string, string[]>();
    for (const m of MODULES)
      for (const j of jobsOf(m)) {
        const [map, key] = j.subscriber ? [subscribed, `${j.topic} / ${j.subscriber}`] : [handled, j.topic];
        map.set(key, [...(map.get(key) ?? []), m.name]);
      }
    const twice = (map: Map<string, string[]>) => [...map].filter(([, by]) => by.length > 1).map(([k, by]) => `${k}: ${by.join(', ')}`);
    expect(twice(handled)).toEqual([]);
    expect(twice(subscribed)).toEqual([]);
    // a topic is either handled by one module or followed by subscribers, not both: the subscribers'
    // fan-out is that topic's one handler (platform/events.ts), which a handle() would replace
    expect([...handled.keys()].filter((topic) => [...subscribed.keys()].some((k) => k.startsWith(`${topic} / `)))).toEqual([]);
  });
});
