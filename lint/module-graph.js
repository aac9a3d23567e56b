/**
 * The module dependency graph of docs/architecture.md, generated from the code: which module's
 * production code imports which other module (tests, demo data, seeds and the generator left
 * out), as a Mermaid graph between two markers. `npm run docs:graph` rewrites it;
 * lint/module-graph.test.js fails when the page is not current.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDemo, isTest } from './dependency-rule.js';

export const START = '<!-- module-graph:start (npm run docs:graph) -->';
export const END = '<!-- module-graph:end -->';
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function files(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Edges "from --> to" between modules, sorted; "web" stands for src/web (the platform's one exception is listed debt). */
export function moduleEdges(root) {
  const layer = (rel) => /^src\/modules\/([^/]+)\//.exec(rel)?.[1] ?? (rel.startsWith('src/web/') ? 'web' : null);
  const edges = new Set();
  for (const abs of files(path.join(root, 'src'))) {
    const rel = path
      .relative(root, abs)
      .split(path.sep)
      .join('/')
      .replace(/\.tsx?$/, '');
    const from = layer(rel + '/');
    if (!from || isTest(rel) || isDemo(rel)) continue;
    for (const m of fs.readFileSync(abs, 'utf8').matchAll(IMPORT)) {
      const to = path
        .relative(root, path.resolve(path.dirname(abs), m[1] ?? m[2]))
        .split(path.sep)
        .join('/');
      const target = /^src\/modules\/([^/]+)/.exec(to)?.[1];
      if (target && target !== from) edges.add(`${from} --> ${target}`);
    }
  }
  return [...edges].sort();
}

export function graphBlock(root) {
  const edges = moduleEdges(root);
  const mutual = edges.map((e) => e.split(' --> ')).filter(([a, b]) => a < b && edges.includes(`${b} --> ${a}`));
  const cycles = mutual.length
    ? `Modules that import each other (a cycle to break with a port): ${mutual.map(([a, b]) => `${a} and ${b}`).join('; ')}.`
    : 'No two modules import each other.';
  return [START, '```mermaid', 'graph LR', ...edges.map((e) => `  ${e}`), '```', '', cycles, END].join('\n');
}

/** The page with its graph block replaced by the current one. */
export function withCurrentGraph(page, root) {
  const a = page.indexOf(START);
  const b = page.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/architecture.md has no ${START} ... ${END} block`);
  return page.slice(0, a) + graphBlock(root) + page.slice(b + END.length);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.cwd();
  const doc = path.join(root, 'docs/architecture.md');
  fs.writeFileSync(doc, withCurrentGraph(fs.readFileSync(doc, 'utf8'), root));
  console.log(`docs/architecture.md: ${moduleEdges(root).length} module dependencies`);
}
