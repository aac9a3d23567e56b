/**
 * Issue 18 item 1: every app instance runs the audit sealer; the chain-head row, locked FOR
 * UPDATE by each sealing transaction, lets one seal at a time (on PostgreSQL each sealer below
 * has its own connection, as two instances would). Appends go on meanwhile: the chain stays one,
 * without gaps or a row sealed twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../test/harness';
import { appendAudit, sealAudit, verifyAuditChain } from './audit';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(() => env?.close());

describe('concurrent sealers', () => {
  it('four sealers racing with 200 appends keep one valid chain', async () => {
    let appending = true;
    const appends = (async () => {
      for (let i = 0; i < 200; i++)
        await appendAudit(env.ctx.db, {
          actorKind: 'system',
          actorId: null,
          action: 'cluster.test',
          entity: 'test',
          entityId: String(i),
          ip: null,
          details: { i },
        });
      appending = false;
    })();
    let sealedTotal = 0;
    const sealers = [0, 1, 2, 3].map(async () => {
      while (appending) {
        const r = await sealAudit(env.ctx.db, { batchSize: 7 });
        sealedTotal += r.sealed;
        await new Promise((r) => setTimeout(r, 1));
      }
    });
    await Promise.all([appends, ...sealers]);
    const last = await sealAudit(env.ctx.db);
    sealedTotal += last.sealed;
    expect(sealedTotal).toBe(200);
    const v = await verifyAuditChain(env.ctx.db);
    expect(v).toMatchObject({ ok: true, checked: 200, unsealed: 0 });
    const seqs = await sql<{
      n: number;
      d: number;
      mx: number;
    }>`SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS d, max(chain_seq)::int AS mx FROM audit_log`.execute(env.ctx.db);
    expect(seqs.rows[0]).toEqual({ n: 200, d: 200, mx: 200 });
  });
});
