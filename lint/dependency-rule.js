/**
 * The dependency rule (docs/architecture.md, "The dependency rule"), as an ESLint rule.
 *
 * It works on the resolved file an import names (repository-relative, extension dropped),
 * not on the string as written: `../units/demo` means different things from different folders,
 * which ESLint's built-in no-restricted-imports (it matches the string) cannot tell apart.
 *
 * Known debt is listed in ./dependency-debt.js as exact (file, import) pairs: a new violation
 * fails, and so does a listed pair that no longer occurs (the list only shrinks).
 */
import path from 'node:path';
import { DEBT } from './dependency-debt.js';

const EXT = /\.(ts|tsx|js|mjs|cjs|jsx)$/;

/** Test code (paths without extension): never imported by production, demo or sandbox code; itself free to import anything. */
export const isTest = (f) => /\.test$/.test(f) || f.startsWith('src/test/') || f.startsWith('src/e2e/') || /(^|\/)(testkit|test-[^/]+)$/.test(f);
/** Demo code: the demo province's data, seeds and the data generator. Production code may not import it (types excepted). */
export const isDemo = (f) => /(^|\/)(seed|demo|demo-[^/]+)$/.test(f) || /\/demo-data\//.test(f) || f.startsWith('src/modules/dossiers/generator/');
/** Composition roots: they install the modules (src/app, src/main and src/manifests through the modules' manifests, index.ts; the database roots their tables and seeds). */
export const ROOTS = ['src/main', 'src/app', 'src/manifests', 'src/db/schema', 'src/db/seed'];
/** The roots that install manifests: of a module they import its index.ts (the manifest) only. */
const MANIFEST_ROOTS = ['src/main', 'src/app', 'src/manifests'];
/** The shared layers every module uses; they use no module. */
const isShared = (f) =>
  f.startsWith('src/platform/') ||
  f.startsWith('src/web/') ||
  (f.startsWith('src/db/') && !ROOTS.includes(f)) ||
  f === 'src/config' ||
  f === 'src/integrations-settings';
const moduleOf = (f) => /^src\/modules\/([^/]+)\/(.+)$/.exec(f);
/** What of module B another module may import: its manifest, its use cases, its types and pure rules, the ports it needs. */
const PUBLIC = /^(index|service|model|model\/index|ports)$/;
/** What of module B demo code (seeds, demo data, generator) may also import: B's demo data. */
const PUBLIC_TO_DEMO = /^(demo|demo-[^/]+|demo-data\/.+)$/;

/** Why `from` may not import `to` (both repository-relative, no extension), or null when it may. */
export function violation(from, to, typeOnly) {
  if (from.startsWith('bench/') || from.startsWith('scripts/') || isTest(from)) return null;
  if (isTest(to)) return 'production code imports test code';
  if (isDemo(to) && !typeOnly && !isDemo(from) && !ROOTS.includes(from) && !from.startsWith('sandbox/')) {
    return 'production code imports demo code (demo ids, seeds, generator)';
  }
  const toModule = moduleOf(to);
  if (MANIFEST_ROOTS.includes(from) && toModule && toModule[2] !== 'index')
    return `a composition root installs module '${toModule[1]}' through its manifest (its index.ts), not '${toModule[2]}'`;
  if (ROOTS.includes(from)) return null;
  if (from.startsWith('sandbox/')) {
    if (
      to.startsWith('src/') &&
      !(to.startsWith('src/platform/') || to === 'src/config' || (toModule && (PUBLIC.test(toModule[2]) || PUBLIC_TO_DEMO.test(toModule[2]))))
    ) {
      return "a sandbox uses only the platform, the config and modules' model and demo data";
    }
    return null;
  }
  if (!from.startsWith('src/')) return null;
  if (to.startsWith('sandbox/') || to.startsWith('bench/') || to.startsWith('scripts/')) return 'production code imports a sandbox, bench or script';
  if (ROOTS.includes(to) && to !== 'src/db/schema') return 'only the entry point imports the composition roots';
  if (isShared(from)) {
    if (toModule) return 'the platform (src/platform, src/web, src/db, config) imports no module';
    if (from.startsWith('src/platform/') && to.startsWith('src/web/')) return 'the platform imports nothing of src/web';
    return null;
  }
  const fromModule = moduleOf(from);
  if (fromModule && toModule && fromModule[1] !== toModule[1]) {
    if (PUBLIC.test(toModule[2])) return null;
    if (isDemo(from) && PUBLIC_TO_DEMO.test(toModule[2])) return null;
    return `module '${fromModule[1]}' imports '${toModule[2]}' of module '${toModule[1]}': only its service.ts or model is public`;
  }
  return null;
}

/** The repository-relative path of the imported file, without its extension. */
function resolveFrom(cwd, file, spec) {
  const abs = path.resolve(path.dirname(file), spec);
  return path.relative(cwd, abs).split(path.sep).join('/').replace(EXT, '');
}

const typeOnlyImport = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

/**
 * The rule with a given list of known debt (the tests give their own; the lint, DEBT).
 * @returns {import('eslint').Rule.RuleModule}
 */
export const dependencyRuleWith = (DEBT) => ({
  meta: {
    type: 'problem',
    docs: { description: 'The module dependency rule of docs/architecture.md' },
    schema: [],
    messages: {
      forbidden: '{{from}} -> {{to}}: {{why}} (docs/architecture.md, "The dependency rule").',
      staleDebt: 'lint/dependency-debt.js lists {{from}} -> {{to}}, which no longer occurs: remove the entry.',
    },
  },
  create(context) {
    const cwd = context.cwd;
    const from = path.relative(cwd, context.filename).split(path.sep).join('/').replace(EXT, '');
    const debt = DEBT.filter((d) => d.from === from);
    const used = new Set();
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const to = resolveFrom(cwd, context.filename, source.value);
      const why = violation(from, to, typeOnly);
      if (!why) return;
      const listed = debt.find((d) => d.to === to);
      if (listed) {
        used.add(listed);
        return;
      }
      context.report({ node: source, messageId: 'forbidden', data: { from, to, why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source, typeOnlyImport(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, typeOnlyImport(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      'Program:exit': (node) => {
        for (const d of debt) if (!used.has(d)) context.report({ node, messageId: 'staleDebt', data: { from: d.from, to: d.to } });
      },
    };
  },
});

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyRule = dependencyRuleWith(DEBT);

export default { rules: { 'dependency-rule': dependencyRule } };
