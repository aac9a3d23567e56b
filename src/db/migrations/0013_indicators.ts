import { sql, type Kysely } from 'kysely';

/**
 * Indicators (Decision 766/QĐ-TTg) - see docs/decisions-indicators.md.
 * - `indicator_dossier_facts`: one row per dossier, the facts the index needs, upserted by the
 *   outbox handler of 'dossier.event' from the dossiers service (never from dossier tables);
 *   figures are SQL aggregates over it, so a dossier's change shows within one worker round.
 *   Nullable flags (synced, paid_online, reused, linked_to_store, population_data) are NULL while
 *   the module that knows them has not landed: the indicator then shows "no data".
 * - `indicator_settings`, `indicator_bands`, `indicator_options`: points, thresholds, bands and
 *   counting options, edited by an administrator (the decision's values are the defaults).
 * - `indicator_targets`: plan targets (chỉ tiêu) per unit and year, tied to an indicator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE indicator_dossier_facts (
      dossier_id              text PRIMARY KEY,
      code                    text NOT NULL,
      unit_id                 text NOT NULL,
      receiving_unit_id       text,
      procedure_code          text NOT NULL,
      channel                 text NOT NULL,
      state                   text NOT NULL,
      received_at             timestamptz NOT NULL,
      due_at                  timestamptz,
      finished_at             timestamptz,
      closing                 text CHECK (closing IN ('done', 'returned', 'stopped')),
      max_processing_ms       bigint,
      supplement_count        int NOT NULL DEFAULT 0,
      supplement_requested_at timestamptz,
      supplement_returned_at  timestamptz,
      supplement2_requested_at timestamptz,
      supplement_ms           bigint NOT NULL DEFAULT 0,
      closed_on_time          boolean,
      closed_on_time_day      boolean,
      processing_days         numeric,
      online                  boolean NOT NULL DEFAULT false,
      paper_result            boolean NOT NULL DEFAULT true,
      e_result                boolean NOT NULL DEFAULT false,
      digitized               boolean NOT NULL DEFAULT false,
      reused                  boolean,
      linked_to_store         boolean,
      population_data         boolean,
      fee_bearing             boolean NOT NULL DEFAULT false,
      paid_online             boolean,
      synced                  boolean,
      rating                  text CHECK (rating IN ('satisfied', 'unsatisfied')),
      has_petition            boolean NOT NULL DEFAULT false,
      source_version          bigint NOT NULL DEFAULT 0,
      updated_at              timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX indicator_facts_received_idx ON indicator_dossier_facts (received_at);
    -- (finished_at, received_at): the dossiers carried over into a period (received before it, closed in
    -- or after it) are found in the index alone, without visiting the rows received in the period.
    CREATE INDEX indicator_facts_finished_idx ON indicator_dossier_facts (finished_at, received_at);
    CREATE INDEX indicator_facts_open_idx ON indicator_dossier_facts (received_at) WHERE finished_at IS NULL;
    CREATE INDEX indicator_facts_unit_idx ON indicator_dossier_facts (unit_id, received_at);

    CREATE TABLE indicator_settings (
      key         text PRIMARY KEY,
      max_points  numeric NOT NULL CHECK (max_points >= 0),
      threshold   numeric CHECK (threshold IS NULL OR (threshold > 0 AND threshold <= 1)),
      enabled     boolean NOT NULL DEFAULT true,
      updated_at  timestamptz NOT NULL DEFAULT now(),
      updated_by  text
    );

    CREATE TABLE indicator_bands (
      key  text PRIMARY KEY,
      min  numeric NOT NULL CHECK (min >= 0 AND min <= 100)
    );

    CREATE TABLE indicator_options (
      key    text PRIMARY KEY,
      value  jsonb NOT NULL
    );

    CREATE TABLE indicator_targets (
      id             text PRIMARY KEY,
      plan           text NOT NULL,
      year           int NOT NULL,
      unit_id        text NOT NULL,
      seq            int NOT NULL DEFAULT 0,
      section        text NOT NULL,
      name           text NOT NULL,
      indicator_key  text,
      level          text CHECK (level IN ('province', 'district', 'commune')),
      target         numeric NOT NULL,
      unit_of_measure text NOT NULL DEFAULT '%',
      basis          text,
      created_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX indicator_targets_unit_year_idx ON indicator_targets (unit_id, year);
  `,
    )
    .execute(db);
}
