import { sql, type Kysely } from 'kysely';

/**
 * Administrative units and agencies as a tree with history.
 * - `units`: the stable identity (kind never changes) and its present contact details.
 * - `unit_versions`: what the unit was called, which codes it had and where it sat, over
 *   half-open periods [valid_from, valid_to) of civil dates; valid_to NULL = still so today.
 * - `unit_events`: the decisions that changed the tree (create, rename, move, merge, retire).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE units (
      id          text PRIMARY KEY,
      kind        text NOT NULL CHECK (kind IN ('province', 'district', 'commune', 'agency')),
      agency_type text CHECK (agency_type IN ('people_committee', 'department', 'office', 'service_centre', 'police', 'other')),
      hotline     text,
      address     text,
      created_at  timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'agency') = (agency_type IS NOT NULL))
    );

    CREATE TABLE unit_versions (
      id          text PRIMARY KEY,
      unit_id     text NOT NULL REFERENCES units (id),
      valid_from  date NOT NULL,
      valid_to    date,
      name        text NOT NULL,
      code        text,
      agency_code text,
      parent_id   text REFERENCES units (id),
      level       text NOT NULL CHECK (level IN ('province', 'district', 'commune')),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    );
    CREATE INDEX unit_versions_unit_idx ON unit_versions (unit_id, valid_from);
    CREATE INDEX unit_versions_parent_idx ON unit_versions (parent_id);
    CREATE UNIQUE INDEX unit_versions_open_idx ON unit_versions (unit_id) WHERE valid_to IS NULL;

    CREATE TABLE unit_events (
      id             text PRIMARY KEY,
      unit_id        text NOT NULL REFERENCES units (id),
      kind           text NOT NULL CHECK (kind IN ('create', 'rename', 'move', 'merge', 'retire')),
      effective_date date NOT NULL,
      decision       text,
      successor_id   text REFERENCES units (id),
      details        jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at     timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX unit_events_unit_idx ON unit_events (unit_id, effective_date);
    CREATE INDEX unit_events_successor_idx ON unit_events (successor_id);
  `,
    )
    .execute(db);
}
