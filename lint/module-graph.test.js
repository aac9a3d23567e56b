import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { END, START, graphBlock, moduleEdges, withCurrentGraph } from './module-graph.js';

const root = process.cwd();

describe('the module graph of docs/architecture.md', () => {
  it('is current (run npm run docs:graph after changing imports between modules)', () => {
    const page = fs.readFileSync(path.join(root, 'docs/architecture.md'), 'utf8');
    expect(page).toBe(withCurrentGraph(page, root));
  });

  it('is read from the imports of production code: tests, seeds and demo data left out; cycles named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-graph-'));
    const write = (file, text) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    try {
      write('src/modules/a/service.ts', "import { b } from '../b/service';\nexport const a = () => import('../c/model');\n");
      write('src/modules/a/seed.ts', "import { DEMO } from '../d/demo';\n");
      write('src/modules/a/demo-data/x.ts', "import { DEMO } from '../../d/demo';\n");
      write('src/modules/a/a.db.test.ts', "import { store } from '../e/store';\n");
      write('src/modules/a/testkit.ts', "import { store } from '../e/store';\n");
      write('src/modules/b/service.ts', "import type { A } from '../a/model';\nimport { ok } from './store';\n");
      write('src/web/home.tsx', "import { View } from '../modules/b/view';\n");
      write('src/platform/i18n/catalog.ts', "import { messages } from '../../modules/a/messages';\n");
      expect(moduleEdges(dir)).toEqual(['a --> b', 'a --> c', 'b --> a', 'web --> b']);
      expect(graphBlock(dir)).toContain('Modules that import each other (a cycle to break with a port): a and b.');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a page without the markers', () => {
    expect(() => withCurrentGraph('# no graph here', root)).toThrow(START);
    expect(END).toBe('<!-- module-graph:end -->');
  });
});
