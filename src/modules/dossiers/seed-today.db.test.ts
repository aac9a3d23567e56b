/**
 * `npm start` seeds the demo with the clock of the day it runs, not the tests' fixed March 2026. On 6/12/2026 it
 * failed: four generated plans asked on paper for a component the state holds (refused since 1/10/2025,
 * 409 dossier.supplement_from_source) and the seed stopped. This seeds the whole demo on such a day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO_DOSSIERS } from './seed';

let env: TestEnv;
let error: unknown = null;

beforeAll(async () => {
  // A December day: the demo then spans 1/3/2025 to 6/12/2026, past 1/10/2025 and past mid-2026.
  env = await createTestEnv({ now: '2026-12-06T02:00:00Z', dossiers: true }).catch((e: unknown) => {
    error = e;
    return null as unknown as TestEnv;
  });
}, 600_000);
afterAll(async () => {
  await env?.close();
});

describe('the demo seed on a later day', () => {
  it('writes every demo dossier with no plan refused, and none asks on paper for what the state holds', async () => {
    expect(error).toBeNull();
    const n = await env.ctx.db
      .selectFrom('dossiers')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(DEMO_DOSSIERS);
    const late = await env.ctx.db
      .selectFrom('dossiers')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('submitted_at', '>=', new Date('2026-11-01T00:00:00+07:00'))
      .executeTakeFirstOrThrow();
    expect(Number(late.n)).toBeGreaterThan(0);
  });
});
