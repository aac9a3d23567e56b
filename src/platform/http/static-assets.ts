/**
 * Precompressed static assets (issue 15, item 2): every stylesheet, script and SVG in the static
 * folder gets a .br and a .gz beside it, written at start when missing or older than the file
 * (a few milliseconds for the folder, nothing when up to date), so @fastify/static's
 * `preCompressed` sends the smaller file to a client that accepts it instead of compressing per
 * request or not at all. A read-only folder is left as it is: the plain files are still served.
 */
import { readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = new Set(['.css', '.js', '.svg', '.json', '.txt', '.html', '.webmanifest']);

export function precompressStatic(dir: string): { written: number; skipped: number } {
  let written = 0;
  let skipped = 0;
  for (const name of readdirSync(dir)) {
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const src = join(dir, name);
    const st = statSync(src);
    if (!st.isFile()) continue;
    let bytes: Buffer | null = null;
    for (const [ext, compress] of [
      ['.br', (b: Buffer) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length } })],
      ['.gz', (b: Buffer) => gzipSync(b, { level: 9 })],
    ] as const) {
      const out = src + ext;
      let fresh = false;
      try {
        fresh = statSync(out).mtimeMs >= st.mtimeMs;
      } catch {
        fresh = false;
      }
      if (fresh) continue;
      try {
        bytes ??= readFileSync(src);
        writeFileSync(out, compress(bytes));
        written++;
      } catch {
        skipped++;
      }
    }
  }
  return { written, skipped };
}
