import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../test/harness';
import { appendAudit, auditTrail, verifyAuditChain } from './audit';

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
    expect(await verifyAuditChain(env.ctx.db)).toEqual({ ok: true, checked: 0 });
  });

  it('appends inside the caller transaction (rolled back: nothing written)', async () => {
    await expect(
      env.ctx.db.transaction().execute(async (trx) => {
        await appendAudit(trx, entry(0));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await verifyAuditChain(env.ctx.db)).toEqual({ ok: true, checked: 0 });
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
    const v = await verifyAuditChain(env.ctx.db, { pageSize: 7 });
    expect(v).toEqual({ ok: true, checked: 51 });
    const ids = (await env.ctx.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => Number(r.id));
    expect(ids).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
    const trail = await auditTrail(env.ctx.db, 'dossier', 'd-7');
    expect(trail).toHaveLength(1);
    expect(trail[0]!.details).toEqual({ i: 7, note: 'Tiếp nhận hồ sơ – Nguyễn Văn Ánh', nested: { z: 1, a: [1, 'hai', null] } });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(sql`UPDATE audit_log SET action = 'x' WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log WHERE id = 3`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(env.ctx.db)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
  });

  it('detects an edited row', async () => {
    await tampered(() => sql`UPDATE audit_log SET details = '{"i": 999}'::jsonb WHERE id = 20`.execute(env.ctx.db));
    const v = await verifyAuditChain(env.ctx.db);
    expect(v).toMatchObject({ ok: false, checked: 19, firstBadId: 20 });
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
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, firstBadId: 2 });
      await tampered(async () => {
        await sql`UPDATE audit_log SET id = -2 WHERE id = 2`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 2 WHERE id = 3`.execute(env.ctx.db);
        await sql`UPDATE audit_log SET id = 3 WHERE id = -2`.execute(env.ctx.db);
      });
      expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
      await tampered(() => sql`DELETE FROM audit_log WHERE id = 6`.execute(env.ctx.db));
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, checked: 5, firstBadId: 6 });
      await tampered(() => sql`DELETE FROM audit_log WHERE id = 4`.execute(env.ctx.db));
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: false, checked: 3, firstBadId: 4 });
    } finally {
      env = old;
      await fresh.close();
    }
  });
});
