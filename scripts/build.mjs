/**
 * `npm start`'s build step (npm runs it as "prestart"): bundles src/main.ts and everything it
 * imports from src/ and sandbox/ into dist/main.js (git-ignored), so the service starts on plain
 * node instead of compiling TypeScript at every start under tsx. The packages stay in
 * node_modules (imported from there at run time); the files read by path at run time (static
 * files, fonts) are found from the project root, not from the module's own location
 * (src/web/static-dir.ts, src/platform/pdf.ts). esbuild is a dev dependency (tsx brings the same version).
 * Tests and the other scripts still run the TypeScript sources directly.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The packages stay external, imported by node's own ESM resolution at run time, which (unlike
 * tsx) wants the extension of a file inside a package without an "exports" map: 'ajv/dist/2020'
 * becomes 'ajv/dist/2020.js'. A specifier node cannot resolve either way fails the build here,
 * not the start.
 */
const nodeResolution = {
  name: 'node-resolution',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      if (args.path.startsWith('node:') || parts.length <= (args.path.startsWith('@') ? 2 : 1)) return undefined;
      for (const path of [args.path, `${args.path}.js`]) {
        try {
          if (existsSync(fileURLToPath(import.meta.resolve(path)))) return { path, external: true };
        } catch {
          // not resolvable in this form: try the next one
        }
      }
      return { errors: [{ text: `node cannot import '${args.path}' from dist/main.js (no such file in the package)` }] };
    });
  },
};
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [nodeResolution],
});
process.stdout.write(`built dist/main.js in ${Math.round(performance.now() - started)} ms\n`);
