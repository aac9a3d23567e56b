import { sql, type Kysely } from 'kysely';

/**
 * Interaction and support (module feedback):
 * - `feedback_settings`: one row of settings as data (petition deadlines, rating window, criteria).
 * - `petitions` (phản ánh, kiến nghị) with `petition_files` and `petition_events`.
 * - `dossier_ratings`: one satisfaction rating per dossier, scores per criterion (1..5).
 * - `surveys` and `survey_responses` (VNForm-like).
 * - `faqs`: questions and answers per procedure and field, with the folded text for search.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE feedback_settings (
      id         int PRIMARY KEY CHECK (id = 1),
      settings   jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE petitions (
      id              text PRIMARY KEY,
      code            text NOT NULL UNIQUE,
      pin             text NOT NULL,
      subject_kind    text NOT NULL CHECK (subject_kind IN ('procedure', 'dossier', 'unit', 'officer', 'other')),
      subject_ref     text,
      category        text NOT NULL DEFAULT 'procedure' CHECK (category IN ('procedure', 'conduct', 'other')),
      unit_id         text NOT NULL,
      parent_id       text REFERENCES petitions (id),
      title           text NOT NULL,
      content         text NOT NULL,
      submitter_kind  text NOT NULL CHECK (submitter_kind IN ('citizen', 'anonymous')),
      submitter_id    text,
      contact_name    text NOT NULL,
      contact_phone   text,
      contact_email   text,
      contact_address text,
      consent_publish boolean NOT NULL DEFAULT false,
      state           text NOT NULL CHECK (state IN ('received', 'info_requested', 'answered', 'closed', 'refused')),
      received_at     timestamptz NOT NULL,
      due_at          timestamptz NOT NULL,
      info_requested_at timestamptz,
      info_request    text,
      refused_at      timestamptz,
      refusal_reason  text,
      answer          text,
      answered_by     text,
      answered_at     timestamptz,
      approved_by     text,
      approved_at     timestamptz,
      published_at    timestamptz,
      public_title    text,
      public_question text,
      public_answer   text,
      rating          text CHECK (rating IN ('satisfied', 'unsatisfied')),
      rating_comment  text,
      rated_at        timestamptz,
      reraised        boolean NOT NULL DEFAULT false,
      folded          text NOT NULL DEFAULT '',
      version         int NOT NULL DEFAULT 1,
      created_at      timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX petitions_unit_idx ON petitions (unit_id, state, due_at);
    CREATE INDEX petitions_submitter_idx ON petitions (submitter_id);
    CREATE INDEX petitions_published_idx ON petitions (published_at) WHERE published_at IS NOT NULL;

    CREATE TABLE petition_files (
      id          text PRIMARY KEY,
      petition_id text NOT NULL REFERENCES petitions (id),
      sha256      text NOT NULL,
      file_name   text NOT NULL,
      mime        text NOT NULL,
      size        int NOT NULL,
      uploaded_at timestamptz NOT NULL
    );
    CREATE INDEX petition_files_petition_idx ON petition_files (petition_id);

    CREATE TABLE petition_events (
      id          text PRIMARY KEY,
      petition_id text NOT NULL REFERENCES petitions (id),
      at          timestamptz NOT NULL,
      actor_kind  text NOT NULL,
      actor_id    text,
      action      text NOT NULL,
      note        text
    );
    CREATE INDEX petition_events_petition_idx ON petition_events (petition_id, at);

    CREATE TABLE dossier_ratings (
      id             text PRIMARY KEY,
      dossier_id     text NOT NULL UNIQUE,
      dossier_code   text NOT NULL,
      unit_id        text NOT NULL,
      procedure_code text NOT NULL,
      officer_ids    jsonb NOT NULL DEFAULT '[]'::jsonb,
      channel        text NOT NULL CHECK (channel IN ('online', 'desk')),
      rater_kind     text NOT NULL CHECK (rater_kind IN ('citizen', 'officer')),
      rater_id       text NOT NULL,
      scores         jsonb NOT NULL,
      overall        int NOT NULL CHECK (overall BETWEEN 1 AND 5),
      comment        text,
      rated_at       timestamptz NOT NULL,
      updated_at     timestamptz NOT NULL,
      changeable_until timestamptz NOT NULL
    );
    CREATE INDEX dossier_ratings_unit_idx ON dossier_ratings (unit_id, rated_at);

    CREATE TABLE surveys (
      id             text PRIMARY KEY,
      title          text NOT NULL,
      description    text NOT NULL DEFAULT '',
      state          text NOT NULL CHECK (state IN ('draft', 'published', 'closed')),
      on_portal      boolean NOT NULL DEFAULT true,
      procedure_code text,
      questions      jsonb NOT NULL,
      created_by     text,
      created_at     timestamptz NOT NULL,
      published_at   timestamptz,
      closed_at      timestamptz
    );

    CREATE TABLE survey_responses (
      id           text PRIMARY KEY,
      survey_id    text NOT NULL REFERENCES surveys (id),
      answers      jsonb NOT NULL,
      respondent   text,
      submitted_at timestamptz NOT NULL
    );
    CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id);

    CREATE TABLE faqs (
      id             text PRIMARY KEY,
      procedure_code text,
      field_code     text,
      question       text NOT NULL,
      answer         text NOT NULL,
      folded         text NOT NULL,
      published      boolean NOT NULL DEFAULT true,
      updated_by     text,
      updated_at     timestamptz NOT NULL
    );
    CREATE INDEX faqs_procedure_idx ON faqs (procedure_code);
    CREATE INDEX faqs_field_idx ON faqs (field_code);
  `,
    )
    .execute(db);
}
