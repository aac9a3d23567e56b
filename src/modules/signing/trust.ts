/** Trusted root certificates: the PEM file of ESIGN_TRUSTED_ROOTS (sandbox: the sandbox CA's root), re-read when it changes. */
import { readFileSync, statSync } from 'node:fs';
import type { Ctx } from '../../platform/context';

let cache: { file: string; mtimeMs: number; pems: string[] } | null = null;

export function splitPem(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

export function trustedRoots(ctx: Pick<Ctx, 'config'>): string[] {
  const file = ctx.config.esign.trustedRootsFile;
  try {
    const { mtimeMs } = statSync(file);
    if (cache && cache.file === file && cache.mtimeMs === mtimeMs) return cache.pems;
    cache = { file, mtimeMs, pems: splitPem(readFileSync(file, 'utf8')) };
    return cache.pems;
  } catch {
    return [];
  }
}
