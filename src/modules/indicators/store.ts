/** SQL of the indicators module (Kysely). Runs on PostgreSQL 15 and PGlite. */
import { sql } from 'kysely';
import type { Db } from '../../db';
import type { AggRow, FactsRow } from './model/facts';

/**
 * Writes a dossier's facts row; true when a row was inserted or its content changed. A refresh that
 * finds the same facts (the follow-up rounds of facts-handler.ts, a redelivered message) writes
 * nothing and returns false, so it does not make the public snapshot stale (snapshot.ts).
 */
export async function upsertFactsRow(db: Db, row: FactsRow): Promise<boolean> {
  const { dossier_id, ...rest } = row;
  const cols = Object.keys(rest);
  const r = await db
    .insertInto('indicator_dossier_facts')
    .values({ ...row, updated_at: new Date() } as any)
    .onConflict((oc) =>
      oc
        .column('dossier_id')
        .doUpdateSet({ ...rest, updated_at: new Date() } as any)
        .where('indicator_dossier_facts.source_version', '<=', row.source_version)
        .where(
          sql<boolean>`(${sql.join(cols.map((c) => sql.ref(`indicator_dossier_facts.${c}`)))}) IS DISTINCT FROM (${sql.join(cols.map((c) => sql.ref(`excluded.${c}`)))})`,
        ),
    )
    .executeTakeFirst();
  void dossier_id;
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Sets the feedback columns (5.4) of a dossier's row, found by id or code; the dossier's own columns are untouched. */
export async function setFeedbackColumns(db: Db, ref: string, v: { rating: 'satisfied' | 'unsatisfied' | null; hasPetition: boolean }): Promise<number> {
  const r = await db
    .updateTable('indicator_dossier_facts')
    .set({ rating: v.rating, has_petition: v.hasPetition } as any)
    .where((eb) => eb.or([eb('dossier_id', '=', ref), eb('code', '=', ref)]))
    // Only a row whose flags move counts (the caller tells the snapshot only then).
    .where(sql<boolean>`(rating, has_petition) IS DISTINCT FROM (${v.rating}::text, ${v.hasPetition}::boolean)`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows ?? 0);
}

/** Current feedback columns of a dossier's row (kept when the feedback module does not answer). */
export async function feedbackColumns(db: Db, dossierId: string): Promise<{ rating: 'satisfied' | 'unsatisfied' | null; has_petition: boolean } | undefined> {
  return db.selectFrom('indicator_dossier_facts').select(['rating', 'has_petition']).where('dossier_id', '=', dossierId).executeTakeFirst() as any;
}

/** Removes a dossier's facts row; true when there was one. */
export async function deleteFacts(db: Db, dossierId: string): Promise<boolean> {
  const r = await db.deleteFrom('indicator_dossier_facts').where('dossier_id', '=', dossierId).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) > 0;
}

/**
 * The on-time rule of §1.4 in SQL. A dossier closed by `pe` carries its verdict, computed by the
 * pure rule (model/on-time.ts) when its facts were stored (`closed_on_time`, `closed_on_time_day`):
 * once closed, the verdict no longer depends on the instant it is judged at. Only dossiers still
 * open at `pe` are judged here: end = the supplement request when one is pending, else `pe` minus
 * the completed supplement time; more than one request = late. The integration tests check the
 * SQL and the pure rule on the same dossiers.
 */
function onTimeSql(pe: Date, compare: 'instant' | 'day') {
  const s1 = sql`(supplement_requested_at IS NOT NULL AND supplement_requested_at <= ${pe})`;
  const many = sql`(supplement2_requested_at IS NOT NULL AND supplement2_requested_at <= ${pe})`;
  const pend = sql`(${s1} AND (supplement_returned_at IS NULL OR supplement_returned_at > ${pe}))`;
  const end = sql`(CASE WHEN ${pend} THEN supplement_requested_at
      WHEN ${s1} THEN ${pe}::timestamptz - (supplement_returned_at - supplement_requested_at)
      ELSE ${pe}::timestamptz END)`;
  const cmp =
    compare === 'day'
      ? sql`((${end} AT TIME ZONE 'UTC') + interval '7 hours')::date <= ((due_at AT TIME ZONE 'UTC') + interval '7 hours')::date`
      : sql`${end} <= due_at`;
  const closed = compare === 'day' ? sql`closed_on_time_day` : sql`closed_on_time`;
  return sql<boolean>`(CASE WHEN finished_at <= ${pe} THEN ${closed}
    WHEN ${many} THEN false
    WHEN due_at IS NULL THEN (max_processing_ms IS NULL OR ${end} - received_at <= max_processing_ms * interval '1 millisecond')
    ELSE ${cmp} END)`;
}

/** Aggregates per (unit, procedure) for one period: one scan of the period's facts. */
export async function aggregateFacts(db: Db, p: AggParams): Promise<AggRow[]> {
  return (await aggregateQuery(p).execute(db)).rows;
}

export type AggParams = { from: Date; to: Date; asOf: Date; compare: 'instant' | 'day'; unitIds?: string[] };

export function aggregateQuery(p: AggParams) {
  const { from, to, asOf } = p;
  const unitFilter = p.unitIds ? sql`AND unit_id = ANY(${p.unitIds}::text[])` : sql``;
  return sql<AggRow>`
    SELECT unit_id, procedure_code,
      count(*) FILTER (WHERE rec)::int AS received,
      count(*) FILTER (WHERE rec AND synced)::int AS synced,
      count(*) FILTER (WHERE handled)::int AS handled,
      count(*) FILTER (WHERE handled AND on_time)::int AS on_time,
      count(*) FILTER (WHERE closed_in)::int AS closed,
      coalesce(sum(processing_days) FILTER (WHERE closed_in), 0)::float8 AS closed_days,
      count(*) FILTER (WHERE rec AND online AND (NOT paper_result OR e_result))::int AS online,
      count(*) FILTER (WHERE rec AND online)::int AS online_any,
      count(*) FILTER (WHERE rec AND fee_bearing)::int AS fee_dossiers,
      count(*) FILTER (WHERE rec AND fee_bearing AND paid_online)::int AS paid_online,
      count(*) FILTER (WHERE rec AND fee_bearing AND synced)::int AS fee_synced,
      count(*) FILTER (WHERE closed_in)::int AS result_dossiers,
      count(*) FILTER (WHERE closed_in AND paper_result)::int AS paper_result_dossiers,
      count(*) FILTER (WHERE closed_in AND paper_result AND e_result)::int AS electronic_results,
      count(*) FILTER (WHERE closed_in AND digitized AND e_result)::int AS digitized,
      count(*) FILTER (WHERE rec AND reused)::int AS reused,
      count(*) FILTER (WHERE rec AND linked_to_store)::int AS linked_to_store,
      count(*) FILTER (WHERE rec AND population_data)::int AS population_dossiers,
      count(*) FILTER (WHERE closed_in AND (on_time IS FALSE OR rating = 'unsatisfied' OR has_petition))::int AS dissatisfied,
      count(*) FILTER (WHERE rec AND synced IS NULL)::int AS synced_unknown,
      count(*) FILTER (WHERE rec AND fee_bearing AND paid_online IS NULL)::int AS paid_unknown,
      count(*) FILTER (WHERE rec AND reused IS NULL)::int AS reused_unknown,
      count(*) FILTER (WHERE rec AND linked_to_store IS NULL)::int AS linked_unknown,
      count(*) FILTER (WHERE rec AND population_data IS NULL)::int AS population_unknown,
      -- the national method (dvcqg-2026): digitisation and 5.4 rows over TDGQ's population (handled)
      count(*) FILTER (WHERE handled AND e_result)::int AS h_electronic,
      count(*) FILTER (WHERE handled AND digitized AND e_result)::int AS h_digitized,
      count(*) FILTER (WHERE handled AND reused)::int AS h_reused,
      count(*) FILTER (WHERE handled AND linked_to_store)::int AS h_linked,
      count(*) FILTER (WHERE handled AND population_data)::int AS h_population,
      count(*) FILTER (WHERE handled AND (on_time IS FALSE OR rating = 'unsatisfied' OR has_petition))::int AS h_dissatisfied,
      count(*) FILTER (WHERE handled AND reused IS NULL)::int AS h_reused_unknown,
      count(*) FILTER (WHERE handled AND linked_to_store IS NULL)::int AS h_linked_unknown,
      count(*) FILTER (WHERE handled AND population_data IS NULL)::int AS h_population_unknown,
      count(*) FILTER (WHERE rec AND fee_bearing AND paid_online AND synced)::int AS paid_online_synced
    FROM (
      SELECT unit_id, procedure_code, synced, online, paper_result, e_result, fee_bearing, paid_online, digitized,
        reused, linked_to_store, population_data, rating, has_petition, processing_days,
        (received_at >= ${from} AND received_at < ${to}) AS rec,
        (received_at < ${to} AND (finished_at IS NULL OR finished_at >= ${from})) AS handled,
        (finished_at >= ${from} AND finished_at < ${to} AND closing IN ('done', 'returned')) AS closed_in,
        ${onTimeSql(asOf, p.compare)} AS on_time
      FROM indicator_dossier_facts
      WHERE ((received_at >= ${from} AND received_at < ${to})
         OR (finished_at >= ${from} AND received_at < ${from})
         OR (received_at < ${from} AND finished_at IS NULL)) ${unitFilter}
      OFFSET 0 -- keeps the subquery: each row's flags (and the on-time rule) are computed once
    ) x
    GROUP BY unit_id, procedure_code`;
}

/** The Vietnam month (first day, 'YYYY-MM-DD') an instant falls in. */
function vnMonth(t: Date): string {
  return new Date(t.getTime() + 7 * 3600_000).toISOString().slice(0, 8) + '01';
}

/**
 * The same rows as aggregateQuery, from the monthly totals (migration 0044): the received and
 * closed sides summed over the period's months (at most 12 rows per unit and procedure), plus one
 * direct query over the dossiers still open at the period's end (received before it, not finished
 * before it), judged at `asOf` by the same on-time rule. Exact when no fact is dated after `asOf`
 * (facts carry the instants of events that happened: received, finished) and a dossier does not
 * finish before it was received. Equality: totals.db.test.ts.
 */
export function aggregateTotalsQuery(p: AggParams) {
  const { to, asOf } = p;
  const fm = vnMonth(p.from);
  const tm = vnMonth(to);
  const v = p.compare === 'day' ? 'd' : 'i';
  const unitFilter = p.unitIds ? sql`AND unit_id = ANY(${p.unitIds}::text[])` : sql``;
  const onTime = onTimeSql(asOf, p.compare);
  const open = (where: ReturnType<typeof sql>) => sql`
    SELECT unit_id, procedure_code, e_result, digitized, reused, linked_to_store, population_data, rating, has_petition, ${onTime} AS on_time
    FROM indicator_dossier_facts WHERE ${where} AND received_at < ${to} ${unitFilter}`;
  return sql<AggRow>`
    SELECT unit_id, procedure_code,
      sum(received)::int AS received, sum(synced)::int AS synced, sum(handled)::int AS handled, sum(on_time)::int AS on_time,
      sum(closed)::int AS closed, coalesce(sum(closed_days), 0)::float8 AS closed_days, sum(online)::int AS online, sum(online_any)::int AS online_any,
      sum(fee_dossiers)::int AS fee_dossiers, sum(paid_online)::int AS paid_online, sum(fee_synced)::int AS fee_synced,
      sum(result_dossiers)::int AS result_dossiers, sum(paper_result_dossiers)::int AS paper_result_dossiers,
      sum(electronic_results)::int AS electronic_results, sum(digitized)::int AS digitized, sum(reused)::int AS reused,
      sum(linked_to_store)::int AS linked_to_store, sum(population_dossiers)::int AS population_dossiers, sum(dissatisfied)::int AS dissatisfied,
      sum(synced_unknown)::int AS synced_unknown, sum(paid_unknown)::int AS paid_unknown, sum(reused_unknown)::int AS reused_unknown,
      sum(linked_unknown)::int AS linked_unknown, sum(population_unknown)::int AS population_unknown,
      sum(h_electronic)::int AS h_electronic, sum(h_digitized)::int AS h_digitized, sum(h_reused)::int AS h_reused, sum(h_linked)::int AS h_linked,
      sum(h_population)::int AS h_population, sum(h_dissatisfied)::int AS h_dissatisfied, sum(h_reused_unknown)::int AS h_reused_unknown,
      sum(h_linked_unknown)::int AS h_linked_unknown, sum(h_population_unknown)::int AS h_population_unknown, sum(paid_online_synced)::int AS paid_online_synced
    FROM (
      SELECT unit_id, procedure_code, received, synced, h_closed AS handled, ${sql.ref(`on_time_${v}`)} AS on_time, closed, closed_days, online, online_any,
        fee_dossiers, paid_online, fee_synced, result_dossiers, paper_result_dossiers, electronic_results, digitized, reused, linked_to_store,
        population_dossiers, ${sql.ref(`dissatisfied_${v}`)} AS dissatisfied, synced_unknown, paid_unknown, reused_unknown, linked_unknown, population_unknown,
        h_electronic, h_digitized, h_reused, h_linked, h_population, ${sql.ref(`h_dissatisfied_${v}`)} AS h_dissatisfied, h_reused_unknown, h_linked_unknown,
        h_population_unknown, paid_online_synced
      FROM indicator_monthly_totals WHERE month >= ${fm}::date AND month < ${tm}::date ${unitFilter}
      UNION ALL
      -- the open dossiers summed per (unit, procedure) here, so the outer sums see one row per pair, not one per dossier
      SELECT unit_id, procedure_code, 0, 0, count(*)::int, count(*) FILTER (WHERE on_time)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        count(*) FILTER (WHERE e_result)::int, count(*) FILTER (WHERE digitized AND e_result)::int, count(*) FILTER (WHERE reused)::int,
        count(*) FILTER (WHERE linked_to_store)::int, count(*) FILTER (WHERE population_data)::int,
        count(*) FILTER (WHERE on_time IS FALSE OR rating = 'unsatisfied' OR has_petition)::int,
        count(*) FILTER (WHERE reused IS NULL)::int, count(*) FILTER (WHERE linked_to_store IS NULL)::int, count(*) FILTER (WHERE population_data IS NULL)::int, 0
      FROM (${open(sql`finished_at IS NULL`)} UNION ALL ${open(sql`finished_at >= ${to}`)}) o
      GROUP BY unit_id, procedure_code
    ) x
    GROUP BY unit_id, procedure_code
    HAVING sum(received) > 0 OR sum(handled) > 0`;
}

export async function aggregateTotals(db: Db, p: AggParams): Promise<AggRow[]> {
  return (await aggregateTotalsQuery(p).execute(db)).rows;
}

/** Rebuilds every monthly total from the facts in one statement (the function of migration 0044). */
export async function rebuildMonthlyTotals(db: Db): Promise<void> {
  await sql`SELECT indicator_totals_rebuild()`.execute(db);
}

export type FactRecord = {
  dossier_id: string;
  code: string;
  unit_id: string;
  procedure_code: string;
  channel: string;
  state: string;
  received_at: Date;
  due_at: Date | null;
  finished_at: Date | null;
  closing: string | null;
  max_processing_ms: number | null;
  supplement_count: number;
  supplement_requested_at: Date | null;
  supplement_returned_at: Date | null;
  supplement2_requested_at: Date | null;
  online: boolean;
  paper_result: boolean;
  e_result: boolean;
  digitized: boolean;
  reused: boolean;
  linked_to_store: boolean;
  population_data: boolean;
  fee_bearing: boolean;
  paid_online: boolean;
  synced: boolean;
  rating: string | null;
  has_petition: boolean;
};

/** Facts of a unit set in a period, by the population an indicator counts over (drill-down). */
export async function listFacts(
  db: Db,
  p: { from: Date; to: Date; unitIds: string[]; population: 'received' | 'handled' | 'closed'; where?: ReturnType<typeof sql>; limit: number },
): Promise<FactRecord[]> {
  const pop =
    p.population === 'received'
      ? sql`received_at >= ${p.from} AND received_at < ${p.to}`
      : p.population === 'closed'
        ? sql`finished_at >= ${p.from} AND finished_at < ${p.to} AND closing IN ('done', 'returned')`
        : sql`received_at < ${p.to} AND (finished_at IS NULL OR finished_at >= ${p.from})`;
  const res = await sql<FactRecord>`
    SELECT * FROM indicator_dossier_facts
    WHERE ${pop} AND unit_id = ANY(${p.unitIds}::text[]) ${p.where ? sql`AND (${p.where})` : sql``}
    ORDER BY received_at, dossier_id
    LIMIT ${p.limit}`.execute(db);
  return res.rows;
}

export async function loadSettings(db: Db) {
  const [settings, bands, options] = await Promise.all([
    db.selectFrom('indicator_settings').selectAll().execute(),
    db.selectFrom('indicator_bands').selectAll().orderBy('min', 'desc').execute(),
    db.selectFrom('indicator_options').selectAll().execute(),
  ]);
  return { settings, bands, options };
}

/** Open dossiers (not late yet, no supplement pending, at most one asked) whose due time, pushed by a completed supplement, falls in (from, to]. */
export async function openDueBetween(
  db: Db,
  p: { unitIds: string[]; from: Date; to: Date },
): Promise<{ dossier_id: string; code: string; unit_id: string; procedure_code: string; due: Date }[]> {
  const due = sql`(due_at + coalesce(supplement_returned_at - supplement_requested_at, interval '0'))`;
  const res = await sql<{ dossier_id: string; code: string; unit_id: string; procedure_code: string; due: Date }>`
    SELECT dossier_id, code, unit_id, procedure_code, ${due} AS due FROM indicator_dossier_facts
    WHERE finished_at IS NULL AND due_at IS NOT NULL AND unit_id = ANY(${p.unitIds}::text[])
      AND supplement2_requested_at IS NULL AND (supplement_requested_at IS NULL OR supplement_returned_at IS NOT NULL)
      AND ${due} > ${p.from} AND ${due} <= ${p.to}
    ORDER BY ${due}, dossier_id`.execute(db);
  return res.rows.map((r) => ({ ...r, due: new Date(r.due) }));
}

/** For the forecast: dossiers closed since `from`, and the due times of the open ones not late yet (clock running). */
export async function openNotLate(db: Db, p: { unitIds: string[]; from: Date; now: Date }): Promise<{ closed: number; open: Date[] }> {
  const due = sql`(due_at + coalesce(supplement_returned_at - supplement_requested_at, interval '0'))`;
  const [c, o] = await Promise.all([
    sql<{
      n: string;
    }>`SELECT count(*) AS n FROM indicator_dossier_facts WHERE unit_id = ANY(${p.unitIds}::text[]) AND finished_at >= ${p.from} AND finished_at < ${p.now}`.execute(
      db,
    ),
    sql<{ due: Date }>`
      SELECT ${due} AS due FROM indicator_dossier_facts
      WHERE finished_at IS NULL AND due_at IS NOT NULL AND unit_id = ANY(${p.unitIds}::text[])
        AND supplement2_requested_at IS NULL AND (supplement_requested_at IS NULL OR supplement_returned_at IS NOT NULL)
        AND ${due} > ${p.now}`.execute(db),
  ]);
  return { closed: Number(c.rows[0]?.n ?? 0), open: o.rows.map((r) => new Date(r.due)) };
}

/** Dossiers received in [from, to) by submission channel, for the given deciding units (issue 17 item 3). */
export async function channelCounts(db: Db, p: { from: Date; to: Date; unitIds: string[] }): Promise<{ channel: string; n: number }[]> {
  if (p.unitIds.length === 0) return [];
  const rows = await sql<{ channel: string; n: number }>`
    SELECT channel, count(*)::int AS n FROM indicator_dossier_facts
    WHERE received_at >= ${p.from} AND received_at < ${p.to} AND unit_id = ANY(${p.unitIds}::text[])
    GROUP BY channel`.execute(db);
  return rows.rows;
}

/** upsertFactsRow for many rows in one statement (same rule: a row never goes back to an older source_version). */
export async function upsertFactsRows(db: Db, rows: FactsRow[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date();
  const cols = Object.keys(rows[0]).filter((k) => k !== 'dossier_id');
  await db
    .insertInto('indicator_dossier_facts')
    .values(rows.map((r) => ({ ...r, updated_at: now })) as never)
    .onConflict((oc) =>
      oc
        .column('dossier_id')
        .doUpdateSet(Object.fromEntries([...cols, 'updated_at'].map((c) => [c, sql.ref(`excluded.${c}`)])) as never)
        .where(sql<boolean>`indicator_dossier_facts.source_version <= excluded.source_version`),
    )
    .execute();
}

export async function deleteFactsOf(db: Db, dossierIds: string[]): Promise<number> {
  if (dossierIds.length === 0) return 0;
  const r = await db.deleteFrom('indicator_dossier_facts').where('dossier_id', 'in', dossierIds).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}
