import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/**
 * The static files' folder (src/web/static), found from the project root (the nearest folder up
 * with package.json), so it is the same whether this module runs from the source tree (tsx,
 * vitest) or from the bundle `npm start` runs (dist/main.js, scripts/build.mjs).
 */
function staticDir(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'src', 'web', 'static');
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}: cannot find src/web/static`);
  }
}

export const STATIC_DIR = staticDir();
