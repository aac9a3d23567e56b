import { sql, type Kysely } from 'kysely';

/**
 * Monthly pre-computed totals of the Decision 766 index (issue 12 item 6): per deciding unit,
 * procedure and month (Vietnam time) the sums the index reads, so a month, quarter or year is
 * the sum of at most 12 rows per unit and procedure instead of a scan of the period's facts.
 *
 * Two kinds of columns, by the month they belong to:
 * - received side (month of received_at): received, synced, online, ..., the *_unknown counts;
 * - closed side (month of finished_at): the dossiers closed in the month ('done' / 'returned':
 *   closed, closed_days, results, dissatisfied) and, for TDGQ's population (handled), every
 *   dossier finished in the month (h_closed, on_time, h_*), with the verdict stored on the row
 *   when it closed (closed_on_time / closed_on_time_day: both compare modes are kept, *_i / *_d).
 * What cannot be summed - the dossiers still open at the period's end, judged at that end - is
 * one direct query over the open facts at read time (indicators/store.ts aggregateTotals).
 *
 * Kept current in the same transaction as every write to indicator_dossier_facts by statement
 * triggers over the transition tables (set-based: a bulk insert of 100,000 facts is one
 * aggregate): the old rows' contributions are subtracted and the new rows' added. Rebuilt from
 * the facts by indicator_totals_rebuild() (one INSERT ... SELECT). Equality with the facts scan:
 * indicators/totals.db.test.ts.
 */
const MONTH = (col: string) => `date_trunc('month', (${col} AT TIME ZONE 'UTC') + interval '7 hours')::date`;
const B = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`;
const CIN = `closing IN ('done', 'returned')`;

const RECEIVED_COLS: [string, string][] = [
  ['received', '1'],
  ['synced', B('synced')],
  ['online', B('online AND (NOT paper_result OR e_result)')],
  ['online_any', B('online')],
  ['fee_dossiers', B('fee_bearing')],
  ['paid_online', B('fee_bearing AND paid_online')],
  ['fee_synced', B('fee_bearing AND synced')],
  ['reused', B('reused')],
  ['linked_to_store', B('linked_to_store')],
  ['population_dossiers', B('population_data')],
  ['synced_unknown', B('synced IS NULL')],
  ['paid_unknown', B('fee_bearing AND paid_online IS NULL')],
  ['reused_unknown', B('reused IS NULL')],
  ['linked_unknown', B('linked_to_store IS NULL')],
  ['population_unknown', B('population_data IS NULL')],
  ['paid_online_synced', B('fee_bearing AND paid_online AND synced')],
];
const CLOSED_COLS: [string, string][] = [
  ['closed', B(CIN)],
  ['closed_days', `CASE WHEN ${CIN} THEN coalesce(processing_days, 0) ELSE 0 END`],
  ['result_dossiers', B(CIN)],
  ['paper_result_dossiers', B(`${CIN} AND paper_result`)],
  ['electronic_results', B(`${CIN} AND paper_result AND e_result`)],
  ['digitized', B(`${CIN} AND digitized AND e_result`)],
  ['dissatisfied_i', B(`${CIN} AND (closed_on_time IS FALSE OR rating = 'unsatisfied' OR has_petition)`)],
  ['dissatisfied_d', B(`${CIN} AND (closed_on_time_day IS FALSE OR rating = 'unsatisfied' OR has_petition)`)],
  ['h_closed', '1'],
  ['on_time_i', B('closed_on_time')],
  ['on_time_d', B('closed_on_time_day')],
  ['h_electronic', B('e_result')],
  ['h_digitized', B('digitized AND e_result')],
  ['h_reused', B('reused')],
  ['h_linked', B('linked_to_store')],
  ['h_population', B('population_data')],
  ['h_dissatisfied_i', B(`(closed_on_time IS FALSE OR rating = 'unsatisfied' OR has_petition)`)],
  ['h_dissatisfied_d', B(`(closed_on_time_day IS FALSE OR rating = 'unsatisfied' OR has_petition)`)],
  ['h_reused_unknown', B('reused IS NULL')],
  ['h_linked_unknown', B('linked_to_store IS NULL')],
  ['h_population_unknown', B('population_data IS NULL')],
];
const ALL = [...RECEIVED_COLS, ...CLOSED_COLS].map(([c]) => c);

/** The contributions of the rows of `source` (a table or a transition table) to their months. */
function contributions(source: string): string {
  const zeroR = RECEIVED_COLS.map(([c]) => `0 AS ${c}`).join(', ');
  const zeroC = CLOSED_COLS.map(([c]) => `0 AS ${c}`).join(', ');
  const r = RECEIVED_COLS.map(([c, e]) => `${e} AS ${c}`).join(', ');
  const cl = CLOSED_COLS.map(([c, e]) => `${e} AS ${c}`).join(', ');
  return `
    SELECT unit_id, procedure_code, ${MONTH('received_at')} AS month, ${r}, ${zeroC} FROM ${source}
    UNION ALL
    SELECT unit_id, procedure_code, ${MONTH('finished_at')} AS month, ${zeroR}, ${cl} FROM ${source} WHERE finished_at IS NOT NULL`;
}

/** INSERT ... ON CONFLICT adding the (signed) contributions of the given sources. */
function addSql(sources: { source: string; sign: number }[]): string {
  const parts = sources.map(
    ({ source, sign }) =>
      `SELECT unit_id, procedure_code, month, ${ALL.map((c) => `${sign} * ${c} AS ${c}`).join(', ')} FROM (${contributions(source)}) c${sign < 0 ? 'o' : 'n'}`,
  );
  return `
    INSERT INTO indicator_monthly_totals (unit_id, procedure_code, month, ${ALL.join(', ')})
    SELECT unit_id, procedure_code, month, ${ALL.map((c) => `sum(${c})`).join(', ')}
    FROM (${parts.join(' UNION ALL ')}) x
    GROUP BY unit_id, procedure_code, month
    ORDER BY unit_id, procedure_code, month
    ON CONFLICT (unit_id, procedure_code, month) DO UPDATE SET ${ALL.map((c) => `${c} = indicator_monthly_totals.${c} + excluded.${c}`).join(', ')}`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const cols = ALL.map((c) => `${c} ${c === 'closed_days' ? 'numeric' : 'integer'} NOT NULL DEFAULT 0`).join(',\n      ');
  await sql
    .raw(
      `
    CREATE TABLE indicator_monthly_totals (
      unit_id text NOT NULL,
      procedure_code text NOT NULL,
      month date NOT NULL,
      ${cols},
      PRIMARY KEY (unit_id, procedure_code, month)
    );
    CREATE INDEX indicator_monthly_totals_month_idx ON indicator_monthly_totals (month);

    CREATE FUNCTION indicator_totals_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${addSql([{ source: 'new_rows', sign: 1 }])};
      RETURN NULL;
    END $$;
    CREATE FUNCTION indicator_totals_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${addSql([
        { source: 'old_rows', sign: -1 },
        { source: 'new_rows', sign: 1 },
      ])};
      RETURN NULL;
    END $$;
    CREATE FUNCTION indicator_totals_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      ${addSql([{ source: 'old_rows', sign: -1 }])};
      RETURN NULL;
    END $$;
    CREATE TRIGGER indicator_totals_insert AFTER INSERT ON indicator_dossier_facts
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_totals_on_insert();
    CREATE TRIGGER indicator_totals_update AFTER UPDATE ON indicator_dossier_facts
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_totals_on_update();
    CREATE TRIGGER indicator_totals_delete AFTER DELETE ON indicator_dossier_facts
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION indicator_totals_on_delete();

    -- The set-based rebuild: every month row from the facts in one INSERT ... SELECT.
    CREATE FUNCTION indicator_totals_rebuild() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM indicator_monthly_totals;
      ${addSql([{ source: 'indicator_dossier_facts', sign: 1 }])};
    END $$;

    SELECT indicator_totals_rebuild();
  `,
    )
    .execute(db);
}
