import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../test/harness';
import { appendAudit, auditTrail, sealAudit, verifyAuditChain } from './audit';
import { startWorker } from './worker';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(async () => {
  await env?.close();
});

const entry = (i: number) => ({
  actorKind: 'officer' as const,
  actorId: `officer-${i % 3}`,
  action: 'dossier.receive',
  entity: 'dossier',
  entityId: `d-${i}`,
  ip: '203.0.113.7',
  details: { i, note: 'Tiếp nhận hồ sơ – Nguyễn Văn Ánh', nested: { z: 1, a: [1, 'hai', null] }, skipped: undefined },
});

async function tampered(fn: () => Promise<unknown>) {
  const db = env.ctx.db;
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(db);
  try {
    await fn();
  } finally {
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(db);
  }
}

describe('audit log', () => {
  it('an empty chain verifies', async () => {
    expect(await verifyAuditChain(env.ctx.db)).toEqual({ ok: true, checked: 0, unsealed: 0 });
  });

  it('appends inside the caller transaction (rolled back: nothing written)', async () => {
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(0));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditChain(env.ctx.db)).toEqual({ ok: true, checked: 0, unsealed: 0 });
  });

  it('50 concurrent transactions keep one valid chain', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        env.ctx.db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          await appendAudit(trx, entry(i));
        }),
      ),
    );
    await appendAudit(env.ctx.db, { ...entry(50), at: new Date('2025-03-10T02:00:00.123Z') }); // outside a transaction too
    expect(await verifyAuditChain(env.ctx.db, { seal: false })).toEqual({ ok: true, checked: 0, unsealed: 51 });
    const v = await verifyAuditChain(env.ctx.db, { pageSize: 7 });
    expect(v).toEqual({ ok: true, checked: 51, unsealed: 0 });
    const ids = (await env.ctx.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: 51 }, (_, i) => i + 2)); // id 1 went to the rolled-back append: a gap
    const seqs = (await env.ctx.db.selectFrom('audit_log').select('chain_seq').orderBy('id').execute()).map((r) => Number(r.chain_seq));
    expect(seqs).toEqual(Array.from({ length: 51 }, (_, i) => i + 1)); // the chain has none
    const trail = await auditTrail(env.ctx.db, 'dossier', 'd-7');
    expect(trail).toHaveLength(1);
    expect(trail[0]!.details).toEqual({ i: 7, note: 'Tiếp nhận hồ sơ – Nguyễn Văn Ánh', nested: { z: 1, a: [1, 'hai', null] } });
    expect(trail[0]!.chainSeq).toBeGreaterThan(0);
    expect(trail[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('returns the id, the hash comes with the seal; sealing is idempotent', async () => {
    const r = await appendAudit(env.ctx.db, entry(60));
    expect(r).toEqual({ id: 53, hash: undefined });
    expect(await sealAudit(env.ctx.db)).toEqual({ sealed: 1, lastSeq: 52 });
    expect(await sealAudit(env.ctx.db)).toEqual({ sealed: 0, lastSeq: 52 });
    const row = await env.ctx.db.selectFrom('audit_log').select(['chain_seq', 'hash']).where('id', '=', 53).executeTakeFirstOrThrow();
    expect(row.chain_seq).toBe(52);
    expect((await verifyAuditChain(env.ctx.db, { pageSize: 10 })).ok).toBe(true);
  });

  // PostgreSQL only: PGlite has one connection, so transactions cannot overlap (reported as skipped, not passed).
  it.runIf(!!process.env.TEST_DATABASE_URL)('an append holds no lock: a later transaction commits first and is sealed first (PostgreSQL)', async () => {
    expect(env.ctx.engine).toBe('postgres');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appended!: () => void;
    const inserted = new Promise<void>((r) => (appended = r));
    const slow = env.ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, entry(70));
      appended();
      await held;
    });
    await inserted;
    // With the old chain-head lock this would wait for `slow` (and deadlock the test).
    const fast = await appendAudit(env.ctx.db, entry(71));
    expect(await sealAudit(env.ctx.db)).toMatchObject({ sealed: 1 });
    release();
    await slow;
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: true, unsealed: 0 });
    const rows = await env.ctx.db.selectFrom('audit_log').select(['id', 'chain_seq']).where('entity_id', 'in', ['d-70', 'd-71']).orderBy('chain_seq').execute();
    expect(rows[0]!.id).toBe(fast.id); // sealed in the order rows became visible, not in id order
    expect(Number(rows[1]!.id)).toBeLessThan(Number(rows[0]!.id));
  });

  it('the worker loop seals', async () => {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    const w = startWorker(env.ctx, quiet, { pollMs: 50, sealMs: 20 });
    try {
      await appendAudit(env.ctx.db, entry(80));
      for (let i = 0; i < 100 && (await verifyAuditChain(env.ctx.db, { seal: false })).unsealed > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await verifyAuditChain(env.ctx.db, { seal: false })).toMatchObject({ ok: true, unsealed: 0 });
    } finally {
      await w.stop();
    }
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE (except the one-time seal of an unsealed row)', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET hash = repeat('a', 64) WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    const { id } = await appendAudit(env.ctx.db, entry(90));
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = ${id}`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE audit_log SET action = 'x', chain_seq = 1000, prev_hash = 'a', hash = 'b' WHERE id = ${id}`.execute(env.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`UPDATE audit_log SET chain_seq = 1000 WHERE id = ${id}`.execute(env.ctx.db)).rejects.toThrow(/audit_log_seal_whole/);
    await expect(sql`DELETE FROM audit_log WHERE id = ${id}`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('detects an edited row', async () => {
    await appendAudit(env.ctx.db, entry(91)); // stays unsealed: the chain is broken before it
    await tampered(() => sql`UPDATE audit_log SET details = '{"i": 999}'::jsonb WHERE chain_seq = 20`.execute(env.ctx.db));
    const v = await verifyAuditChain(env.ctx.db, { seal: false });
    expect(v).toMatchObject({ ok: false, checked: 19, firstBadSeq: 20, firstBadId: 21, unsealed: 1 });
  });

  it('detects a deleted row, a reorder and a removed tail', async () => {
    const fresh = await createTestEnv({ seed: false });
    const old = env;
    env = fresh;
    try {
      for (let i = 0; i < 6; i++) await appendAudit(env.ctx.db, entry(i));
      expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
      // recompute-free reorder: swap the contents of rows 2 and 3 (ids kept)
      await tampered(async () => {
        await sql`UPDATE audit_log SET id = -2 WHERE id = 2`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 2 WHERE id = 3`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 3 WHERE id = -2`.execute(env.ctx.db);
      });
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, firstBadSeq: 2, firstBadId: 3 });
      await tampered(async () => {
        await sql`UPDATE audit_log SET id = -2 WHERE id = 2`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 2 WHERE id = 3`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 3 WHERE id = -2`.execute(env.ctx.db);
      });
      expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
      // reorder by chain position: swap the positions of rows 4 and 5
      await tampered(async () => {
        await sql`UPDATE audit_log SET chain_seq = -4 WHERE chain_seq = 4`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET chain_seq = 4 WHERE chain_seq = 5`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET chain_seq = 5 WHERE chain_seq = -4`.execute(env.ctx.db);
      });
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, checked: 3, firstBadSeq: 4, firstBadId: 5 });
      await tampered(async () => {
        await sql`UPDATE audit_log SET chain_seq = -4 WHERE chain_seq = 4`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET chain_seq = 4 WHERE chain_seq = 5`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET chain_seq = 5 WHERE chain_seq = -4`.execute(env.ctx.db);
      });
      expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
      await tampered(() => sql`DELETE FROM audit_log WHERE id = 6`.execute(env.ctx.db));
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, checked: 5, firstBadSeq: 6 });
      await tampered(() => sql`DELETE FROM audit_log WHERE id = 4`.execute(env.ctx.db));
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, checked: 3, firstBadSeq: 4 });
    } finally {
      env = old;
      await fresh.close();
    }
  });
});
