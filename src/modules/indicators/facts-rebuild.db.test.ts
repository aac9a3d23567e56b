/**
 * The set-based rebuild of the indicators' facts (facts-rebuild.ts) gives exactly the rows of the
 * per-dossier path (facts-handler.ts rebuildAllFacts, each dossier through the services), on the
 * demo generator's dossiers (every state and channel, supplements, fees, payments, sync, ratings)
 * plus dossiers driven through the API; damaged, missing and orphan rows are repaired the same
 * way, and the index is the same. PGlite, and PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { generateDossiers } from '../dossiers/generator';
import { rebuildAllFacts } from './facts-handler';
import { rebuildFactsSetBased } from './facts-rebuild';
import { clearAggregateCache } from './service';
import { drainOutbox } from '../../platform/outbox';
import { submitPetition } from '../feedback/service';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let env: TestEnv;
let sb: Sandboxes;
const SIZE = 150;
const strip = (rows: any[]) => rows.map(({ updated_at, ...o }) => o);
const facts = async () => strip(await env.ctx.db.selectFrom('indicator_dossier_facts').selectAll().orderBy('dossier_id').execute());
let reference: any[];

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  sb = await startTestSandboxes(env, join(mkdtempSync(join(tmpdir(), 'ind-rebuild-')), 'portal.json'));
  const g = await generateDossiers(env.ctx, { size: SIZE, seed: 4242, servicePath: 30, outbox: 'last' });
  // (the generator's service path may refuse an odd step, e.g. a paper supplement of a component with a data source: that dossier stays where it was)
  expect(g.dossiers).toBe(SIZE);
  // The outbox's follow-ups: the sync to the sandbox national portal (synced, linked flags) and the first facts.
  await drainOutbox(env.ctx);
  // Petitions naming dossiers by code (5.4's has_petition).
  const named = await env.ctx.db
    .selectFrom('dossiers')
    .select(['code', 'receiving_unit_id'])
    .where('received_at', 'is not', null)
    .orderBy('code')
    .limit(5)
    .execute();
  for (const d of named)
    await submitPetition(env.ctx, null, {
      subjectKind: 'dossier',
      subjectRef: d.code,
      unitId: d.receiving_unit_id,
      title: 'Hồ sơ chậm',
      content: 'Tôi phản ánh về việc giải quyết hồ sơ này.',
      contactName: 'Nguyễn Văn An',
      contactPhone: '0912345678',
    } as any);
  await drainOutbox(env.ctx);
  const r = await rebuildAllFacts(env.ctx, { batchSize: 50 });
  expect(r.failed).toEqual([]);
  reference = await facts();
}, 1_200_000);
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

describe('set-based rebuild of the facts', () => {
  it('the reference rows cover what the comparison must exercise', () => {
    const count = (p: (r: any) => boolean) => reference.filter(p).length;
    for (const [what, n] of [
      ['closed', count((r) => r.finished_at)],
      ['open', count((r) => !r.finished_at)],
      ['paused', count((r) => r.supplement_count > 0)],
      ['online', count((r) => r.online)],
      ['fee', count((r) => r.fee_bearing)],
      ['synced', count((r) => r.synced)],
      ['e-result', count((r) => r.e_result)],
      ['population', count((r) => r.population_data)],
      ['petition', count((r) => r.has_petition)],
      ['late', count((r) => r.closed_on_time === false)],
    ] as const)
      expect(n, what).toBeGreaterThan(0);
    console.log(
      JSON.stringify({
        rows: reference.length,
        closed: count((r) => r.finished_at),
        sup: count((r) => r.supplement_count > 0),
        online: count((r) => r.online),
        fee: count((r) => r.fee_bearing),
        paid: count((r) => r.paid_online),
        synced: count((r) => r.synced),
        unsynced: count((r) => r.synced === false),
        eres: count((r) => r.e_result),
        dig: count((r) => r.digitized),
        reused: count((r) => r.reused),
        linked: count((r) => r.linked_to_store),
        pop: count((r) => r.population_data),
        rated: count((r) => r.rating),
        pet: count((r) => r.has_petition),
        late: count((r) => r.closed_on_time === false),
      }),
    );
  });
  it('rebuilds an emptied table to the same rows', async () => {
    await env.ctx.db.deleteFrom('indicator_dossier_facts').execute();
    const r = await rebuildFactsSetBased(env.ctx, { batchSize: 64 });
    expect(r).toMatchObject({ dossiers: SIZE, rows: reference.length, failed: [] });
    expect(await facts()).toEqual(reference);
  });
  it('repairs damaged, missing and orphan rows exactly as the per-dossier path does', async () => {
    const some = reference.slice(0, 30).map((r) => r.dossier_id);
    await env.ctx.db
      .updateTable('indicator_dossier_facts')
      .set({ online: false, synced: null, e_result: false, rating: 'unsatisfied', source_version: 0 } as any)
      .where('dossier_id', 'in', some)
      .execute();
    await env.ctx.db
      .deleteFrom('indicator_dossier_facts')
      .where(
        'dossier_id',
        'in',
        reference.slice(30, 60).map((r) => r.dossier_id),
      )
      .execute();
    const orphan = { ...reference[0], dossier_id: 'khong-con-ton-tai', code: 'X-0' };
    await env.ctx.db
      .insertInto('indicator_dossier_facts')
      .values({ ...orphan, updated_at: new Date() } as any)
      .execute();
    const r = await rebuildFactsSetBased(env.ctx, { batchSize: 1000 });
    expect(r).toMatchObject({ dossiers: SIZE, rows: reference.length, removed: 1, failed: [] }); // removed: the orphan (the dossiers never received had no row)
    expect(await facts()).toEqual(reference);
    // idempotent
    await rebuildFactsSetBased(env.ctx);
    expect(await facts()).toEqual(reference);
  });
  it('the index over the rebuilt rows is the same', async () => {
    const get = async () => (await env.app.inject({ method: 'GET', url: '/api/v1/indicators?period=2026-02' })).json();
    clearAggregateCache();
    const a = await get();
    await env.ctx.db.deleteFrom('indicator_dossier_facts').execute();
    await rebuildAllFacts(env.ctx, { batchSize: 50 });
    clearAggregateCache();
    expect(await get()).toEqual(a);
    expect(a.groups.flatMap((g: any) => g.indicators).find((i: any) => i.code === 'TDGQ').denominator).toBeGreaterThan(0);
  });
});
