import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness';
import { nextDossierCode } from './codes';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(async () => {
  await env?.close();
});

describe('nextDossierCode', () => {
  it('200 concurrent codes are distinct and consecutive', async () => {
    const at = new Date('2026-03-10T03:00:00Z');
    const codes = await Promise.all(Array.from({ length: 200 }, () => env.ctx.db.transaction().execute((trx) => nextDossierCode(trx, '000.00.01.H29', at))));
    expect(new Set(codes).size).toBe(200);
    const seqs = codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(codes.every((c) => c.startsWith('000.00.01.H29-260310-'))).toBe(true);
  });

  it('counts per agency and per Vietnam day; a rolled-back transaction uses no number', async () => {
    expect(await nextDossierCode(env.ctx.db, '000.00.00.H30', new Date('2026-03-09T16:59:00Z'))).toBe('000.00.00.H30-260309-0001');
    expect(await nextDossierCode(env.ctx.db, '000.00.00.H30', new Date('2026-03-09T17:00:00Z'))).toBe('000.00.00.H30-260310-0001');
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await nextDossierCode(trx, '000.00.00.H30', new Date('2026-03-10T01:00:00Z'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await nextDossierCode(env.ctx.db, '000.00.00.H30', new Date('2026-03-10T01:00:00Z'))).toBe('000.00.00.H30-260310-0002');
    expect(await nextDossierCode(env.ctx.db, '000.00.01.H29', new Date('2026-03-10T01:00:00Z'))).toBe('000.00.01.H29-260310-0201');
  });

  it('taken outside the transaction (as submissions do): no lock held until commit, a rollback leaves a gap', async () => {
    const at = new Date('2026-03-11T03:00:00Z');
    const taken = await nextDossierCode(env.ctx.db, '000.00.00.H30', at); // before the transaction (PGlite: one connection)
    expect(taken).toBe('000.00.00.H30-260311-0001');
    await expect(
      env.ctx.db.transaction().execute(async () => {
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await nextDossierCode(env.ctx.db, '000.00.00.H30', at)).toBe('000.00.00.H30-260311-0002');
    const codes = await Promise.all(Array.from({ length: 200 }, () => nextDossierCode(env.ctx.db, '000.00.02.H29', at)));
    expect(new Set(codes).size).toBe(200);
    expect(codes.map((c) => Number(c.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  it('refuses a malformed agency code', async () => {
    await expect(nextDossierCode(env.ctx.db, 'H30', new Date())).rejects.toThrow(/agency identifier/);
  });
});
