/** docs/authorization.md is the matrix as it is (regenerate: npx tsx scripts/render-authorization.ts). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/auth';
import { expected, MATRIX, RELATIONS, renderAuthorizationDoc } from './authz-matrix';

describe('authorization matrix', () => {
  it('docs/authorization.md is current', () => {
    expect(readFileSync(new URL('../../../docs/authorization.md', import.meta.url), 'utf8')).toBe(renderAuthorizationDoc());
  });

  it('every entry names known roles, unique keys, and allows someone somewhere', () => {
    expect(new Set(MATRIX.map((e) => e.key)).size).toBe(MATRIX.length);
    for (const e of MATRIX) {
      for (const r of e.roles) expect(ROLES).toContain(r);
      expect(
        ROLES.some((r) => RELATIONS.some((rel) => expected(e, r, rel).allowed)),
        e.key,
      ).toBe(true);
      // Nobody is allowed from below or from elsewhere: a grant never reaches up or sideways.
      for (const r of ROLES) for (const rel of ['below', 'elsewhere'] as const) expect(expected(e, r, rel).allowed, `${e.key} ${r} ${rel}`).toBe(false);
    }
  });
});
