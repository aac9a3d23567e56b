/**
 * The monthly totals (migration 0044) give exactly the rows of the facts scan (store.ts
 * aggregateQuery) for every unit and procedure, every month, quarter and year of a generated
 * dataset (18 months, ~3,000 facts: every closing, supplements pending / returned / two, open
 * dossiers past and within their time, unknown flags, ratings, petitions, instants exactly on month
 * and quarter boundaries in Vietnam time), both on-time compare modes; after the writes the index
 * makes (upserts that change a row, an older version refused, feedback columns, deletions) the
 * totals kept by the triggers equal a rebuild from the facts; and the index of every unit under
 * both methods is the same from either source, through HTTP too. PGlite, and PostgreSQL with
 * TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { unitIndex } from './deps';
import { parsePeriod } from './model/period';
import { NATIONAL_METHOD_ID, READING_2022_ID } from './model/methods';
import {
  aggregateFacts,
  aggregateTotals,
  deleteFactsOf,
  rebuildMonthlyTotals,
  setFeedbackColumns,
  upsertFactsRow,
  upsertFactsRows,
  type AggParams,
} from './store';
import { clearAggregateCache, prepare, provinceOf } from './service';
import type { FactsRow } from './model/facts';

const NOW = '2026-12-04T05:00:00Z'; // Friday 4 December 2026, 12:00 in Vietnam
const N = 3000;
let env: TestEnv;
let units: string[];

const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const k = 2025 * 12 + 6 + i; // July 2025 .. December 2026
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
});
const PERIODS = [...MONTHS, '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2025', '2026'];

const sorted = (rows: any[]) => [...rows].sort((a, b) => (a.unit_id + '|' + a.procedure_code).localeCompare(b.unit_id + '|' + b.procedure_code));
const params = (key: string, compare: 'instant' | 'day'): AggParams => {
  const p = parsePeriod(key, new Date(NOW))!;
  return { from: p.from, to: p.to, asOf: p.asOf, compare };
};
const totalsTable = async () =>
  (await sql<any>`SELECT * FROM indicator_monthly_totals ORDER BY unit_id, procedure_code, month`.execute(env.ctx.db)).rows
    .map((r) => ({ ...r, month: String(r.month instanceof Date ? r.month.toISOString() : r.month).slice(0, 10), closed_days: Number(r.closed_days) }))
    // a month row whose every count went back to 0 after a change is kept; a rebuild does not write it
    .filter((r) => Object.entries(r).some(([k, v]) => !['unit_id', 'procedure_code', 'month'].includes(k) && v !== 0));

async function generate() {
  await sql`SELECT setseed(0.766)`.execute(env.ctx.db);
  await sql`
    INSERT INTO indicator_dossier_facts (dossier_id, code, unit_id, receiving_unit_id, procedure_code, channel, state, received_at, due_at,
      finished_at, closing, max_processing_ms, supplement_count, supplement_requested_at, supplement_returned_at, supplement2_requested_at, supplement_ms,
      closed_on_time, closed_on_time_day, processing_days, online, paper_result, e_result, digitized, reused, linked_to_store, population_data,
      fee_bearing, paid_online, synced, rating, has_petition, source_version)
    SELECT 'g-' || i, 'G-' || i, u, u, p, CASE WHEN online THEN 'online' ELSE 'in_person' END,
      CASE WHEN fin IS NULL THEN 'processing' ELSE 'returned' END, rec,
      CASE WHEN rd < 0.06 THEN NULL ELSE rec + dur END,
      fin, CASE WHEN fin IS NULL THEN NULL WHEN r1 < 0.55 THEN 'done' WHEN r1 < 0.85 THEN 'returned' ELSE 'stopped' END,
      CASE WHEN rd < 0.03 THEN 3 * 86400000 END,
      sc, CASE WHEN sc > 0 THEN rec + interval '2 hours' END, CASE WHEN sc = 1 AND rs < 0.6 OR sc = 2 THEN rec + interval '26 hours' END,
      CASE WHEN sc > 1 THEN rec + interval '30 hours' END, 0,
      CASE WHEN fin IS NULL THEN NULL WHEN rv < 0.45 THEN true WHEN rv < 0.9 THEN false END,
      CASE WHEN fin IS NULL THEN NULL WHEN rv < 0.55 THEN true WHEN rv < 0.95 THEN false END,
      CASE WHEN fin IS NULL OR r1 >= 0.85 THEN NULL ELSE round((extract(epoch FROM fin - rec) / 86400)::numeric, 2) END,
      online, r2 < 0.9, r2 < 0.8, r2 < 0.7,
      CASE WHEN r3 < 0.1 THEN NULL ELSE r3 < 0.3 END, CASE WHEN r3 > 0.9 THEN NULL ELSE r3 < 0.5 END, CASE WHEN r4 > 0.92 THEN NULL ELSE r4 < 0.6 END,
      fee, CASE WHEN r4 < 0.05 THEN NULL ELSE fee AND r4 < 0.35 END, CASE WHEN r2 > 0.93 THEN NULL ELSE r2 < 0.85 END,
      CASE WHEN rr < 0.5 THEN NULL WHEN rr < 0.8 THEN 'satisfied' ELSE 'unsatisfied' END, rr > 0.95, 1
    FROM (
      SELECT i, (${sql.val(units)}::text[])[1 + floor(random() * ${units.length}::int)::int] AS u,
        (ARRAY['1.000894', '2.000635', '1.001193', '9.000001'])[1 + floor(random() * 4)::int] AS p,
        timestamptz '2025-07-01T00:00:00Z' + (i::float8 / ${N}::float8) * (${NOW}::timestamptz - timestamptz '2025-07-01T00:00:00Z' - interval '1 day') AS rec,
        (1 + floor(random() * 40)::int) * interval '1 day' AS dur,
        random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS rd, random() AS rs, random() AS rv, random() AS rr,
        random() < 0.6 AS online, random() < 0.4 AS fee,
        CASE WHEN random() < 0.7 THEN 0 WHEN random() < 0.75 THEN 1 ELSE 2 END AS sc, random() AS rf
      FROM generate_series(1, ${N}::int) AS i
    ) s0, LATERAL (SELECT CASE WHEN rf < 0.9 AND s0.rec + s0.dur * (rf * 1.4) < ${NOW}::timestamptz THEN s0.rec + s0.dur * (rf * 1.4) END AS fin) f`.execute(
    env.ctx.db,
  );
  // Instants exactly on the boundaries (Vietnam midnight = 17:00 UTC the day before) and a millisecond before them.
  const edge = (id: string, rec: string, fin: string | null, closing: string | null, extra: Partial<FactsRow> = {}) =>
    upsertFactsRow(env.ctx.db, {
      dossier_id: id,
      code: id.toUpperCase(),
      unit_id: units[0],
      receiving_unit_id: units[0],
      procedure_code: '1.000894',
      channel: 'online',
      state: fin ? 'returned' : 'processing',
      received_at: new Date(rec),
      due_at: new Date(new Date(rec).getTime() + 5 * 86400_000),
      finished_at: fin ? new Date(fin) : null,
      closing: closing as never,
      max_processing_ms: null,
      supplement_count: 0,
      supplement_requested_at: null,
      supplement_returned_at: null,
      supplement2_requested_at: null,
      supplement_ms: 0,
      closed_on_time: fin ? true : null,
      closed_on_time_day: fin ? false : null,
      processing_days: fin ? 3.33 : null,
      online: true,
      paper_result: false,
      e_result: true,
      digitized: true,
      reused: null,
      linked_to_store: true,
      population_data: true,
      fee_bearing: false,
      paid_online: false,
      synced: true,
      rating: 'unsatisfied',
      has_petition: false,
      source_version: 1,
      ...extra,
    } as FactsRow);
  await edge('edge-1', '2026-02-28T17:00:00.000Z', '2026-03-31T17:00:00.000Z', 'done'); // received 1/3 00:00, finished 1/4 00:00 (VN)
  await edge('edge-2', '2026-02-28T16:59:59.999Z', '2026-06-30T17:00:00.000Z', 'returned'); // received 28/2 23:59:59.999, finished 1/7 00:00 (Q3)
  await edge('edge-3', '2026-06-30T16:59:59.999Z', '2026-06-30T16:59:59.999Z', 'stopped'); // the last instant of Q2
  await edge('edge-4', '2025-12-31T17:00:00.000Z', null, null); // 1/1/2026 00:00, still open
  await edge('edge-5', '2026-11-30T16:59:59.999Z', '2026-11-30T17:00:00.000Z', 'done'); // finished on 1/12 00:00
}

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  const idx = await unitIndex(env.ctx);
  units = [...idx.byId.values()]
    .filter((n) => n.kind === 'agency')
    .map((n) => n.id)
    .sort();
  await generate();
}, 600_000);
afterAll(async () => {
  await env?.close();
});

async function expectEqualEverywhere() {
  for (const compare of ['instant', 'day'] as const)
    for (const key of PERIODS) {
      const p = params(key, compare);
      const [facts, totals] = await Promise.all([aggregateFacts(env.ctx.db, p), aggregateTotals(env.ctx.db, p)]);
      expect(facts.length, key).toBeGreaterThan(0);
      expect(sorted(totals), `${key} ${compare}`).toEqual(sorted(facts));
    }
}

describe('monthly totals = facts scan', () => {
  it('the dataset is what the test says: every closing, open dossiers, boundary instants', async () => {
    const r = (
      await sql<any>`SELECT count(*)::int AS n, count(*) FILTER (WHERE finished_at IS NULL)::int AS open, count(DISTINCT closing)::int AS closings,
        count(*) FILTER (WHERE supplement2_requested_at IS NOT NULL)::int AS two, count(*) FILTER (WHERE due_at IS NULL)::int AS no_due
        FROM indicator_dossier_facts`.execute(env.ctx.db)
    ).rows[0];
    expect(r.n).toBe(N + 5);
    expect(r.open).toBeGreaterThan(100);
    expect(r.closings).toBe(3);
    expect(r.two).toBeGreaterThan(50);
    expect(r.no_due).toBeGreaterThan(50);
  });

  it('every row of every month, quarter and year, both compare modes, after the bulk insert', async () => {
    await expectEqualEverywhere();
  }, 300_000);

  it('a month row by hand: edge-1 counts as received in March and closed in April (Vietnam time), edge-2 received in February', async () => {
    const p = params('2026-03', 'instant');
    const only = async (q: typeof aggregateTotals) => (await q(env.ctx.db, { ...p, unitIds: [units[0]] })).find((r) => r.procedure_code === '1.000894');
    await env.ctx.db.deleteFrom('indicator_dossier_facts').where('unit_id', '=', units[0]).where('dossier_id', 'not like', 'edge-%').execute();
    const march = await only(aggregateTotals);
    // received in March: edge-1 only; handled: edge-1 (open at the end of March: finished 1/4 00:00), edge-2 (received in February,
    // finished in Q3) and edge-4 (received 1/1, open)
    expect(march).toMatchObject({ received: 1, handled: 3, closed: 0, online: 1, synced: 1 });
    const april = (await aggregateTotals(env.ctx.db, { ...params('2026-04', 'instant'), unitIds: [units[0]] })).find((r) => r.procedure_code === '1.000894');
    // April: edge-1 closed on its first instant, on time by its stored verdict but rated unsatisfied; edge-2 and edge-4 open past
    // their due time (received + 5 days) at the end of April: late
    expect(april).toMatchObject({ received: 0, handled: 3, closed: 1, closed_days: 3.33, on_time: 1, dissatisfied: 1, h_dissatisfied: 3 });
    const aprilDay = (await aggregateTotals(env.ctx.db, { ...params('2026-04', 'day'), unitIds: [units[0]] })).find((r) => r.procedure_code === '1.000894');
    expect(aprilDay).toMatchObject({ handled: 3, on_time: 0, dissatisfied: 1, h_dissatisfied: 3 }); // edge-1's verdict by days is false
    await expectEqualEverywhere();
  }, 300_000);

  it('after the writes the index makes, the totals kept by the triggers equal a rebuild, and every row still equals the facts scan', async () => {
    const db = env.ctx.db;
    const rows = (await db
      .selectFrom('indicator_dossier_facts')
      .selectAll()
      .where('dossier_id', 'like', 'g-%')
      .orderBy('dossier_id')
      .limit(400)
      .execute()) as any[];
    const strip = ({ updated_at, ...r }: any) => r as FactsRow;
    // a refresh that closes open dossiers and reopens closed ones, moving them between months (INSERT ... ON CONFLICT DO UPDATE)
    const changed = rows.slice(0, 150).map((r, i) =>
      strip({
        ...r,
        finished_at: r.finished_at ? null : new Date(new Date(r.received_at).getTime() + (i % 9) * 86400_000),
        closing: r.finished_at ? null : i % 3 === 0 ? 'stopped' : 'done',
        closed_on_time: r.finished_at ? null : i % 2 === 0,
        closed_on_time_day: r.finished_at ? null : i % 4 !== 0,
        processing_days: r.finished_at ? null : (i % 9) + 0.25,
        unit_id: i % 5 === 0 ? units[units.length - 1] : r.unit_id,
        source_version: 2,
      }),
    );
    await upsertFactsRows(db, changed);
    // an older version arrives late: refused, nothing changes
    await upsertFactsRows(
      db,
      rows.slice(0, 20).map((r) => strip({ ...r, synced: !r.synced, source_version: 1 })),
    );
    // one row at a time (the outbox handler's path), and feedback columns (5.4)
    for (const r of rows.slice(150, 200)) await upsertFactsRow(db, strip({ ...r, e_result: !r.e_result, reused: null, source_version: 3 }));
    for (const r of rows.slice(200, 260)) await setFeedbackColumns(db, r.dossier_id, { rating: 'unsatisfied', hasPetition: true });
    // deleted dossiers, and a dossier the same statement inserts and another it updates
    await deleteFactsOf(
      db,
      rows.slice(260, 320).map((r) => r.dossier_id),
    );
    await upsertFactsRows(db, [strip({ ...rows[330], dossier_id: 'new-1', code: 'NEW-1' }), strip({ ...rows[331], synced: null, source_version: 5 })]);
    expect(
      (await db.selectFrom('indicator_dossier_facts').select('synced').where('dossier_id', '=', rows[0].dossier_id).executeTakeFirstOrThrow()).synced,
    ).toBe(rows[0].synced);

    const kept = await totalsTable();
    await rebuildMonthlyTotals(db);
    expect(await totalsTable()).toEqual(kept);
    await expectEqualEverywhere();
  }, 300_000);

  it('the index of every unit, both methods, a month, a quarter and a year: the same from the totals as from the facts; the API answers the totals', async () => {
    const idx = await unitIndex(env.ctx);
    for (const method of [NATIONAL_METHOD_ID, READING_2022_ID])
      for (const key of ['2026-11', '2026-Q3', '2025']) {
        clearAggregateCache();
        const [t, f] = await Promise.all([prepare(env.ctx, key, idx, undefined, method, 'totals'), prepare(env.ctx, key, idx, undefined, method, 'facts')]);
        for (const u of idx.byId.keys()) expect(await t.score(u), `${method} ${key} ${u}`).toEqual(await f.score(u));
      }
    const province = provinceOf(idx).id;
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/indicators?period=2026-Q3&method=${READING_2022_ID}` });
    expect(res.statusCode).toBe(200);
    const f = await prepare(env.ctx, '2026-Q3', idx, undefined, READING_2022_ID, 'facts');
    const expected = await f.score(province);
    const body = res.json();
    expect(body.total).toBe(expected.total);
    const num = (b: any) => b.groups.flatMap((g: any) => g.indicators.map((i: any) => [i.key, i.numerator, i.denominator]));
    expect(num(body)).toEqual(num(expected));
    expect(num(body).some(([, n]: any) => n > 0)).toBe(true);
  }, 600_000);
});
