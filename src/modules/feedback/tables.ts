/** Tables of the feedback module, as Kysely sees them (migration 0012). */
import type { ColumnType } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string, string>;
type Opt<T> = ColumnType<T, T | undefined, T>;
type Str = ColumnType<string | null, string | null | undefined, string | null>;

export interface FeedbackSettingsRow {
  id: number;
  settings: Json;
  updated_at: Opt<Date>;
}

export interface PetitionRow {
  id: string;
  code: string;
  pin: string;
  subject_kind: string;
  subject_ref: Str;
  category: Opt<string>;
  unit_id: string;
  parent_id: Str;
  title: string;
  content: string;
  submitter_kind: string;
  submitter_id: Str;
  contact_name: string;
  contact_phone: Str;
  contact_email: Str;
  contact_address: Str;
  consent_publish: Opt<boolean>;
  state: string;
  received_at: Ts;
  due_at: Ts;
  info_requested_at: TsNull;
  info_request: Str;
  refused_at: TsNull;
  refusal_reason: Str;
  answer: Str;
  answered_by: Str;
  answered_at: TsNull;
  approved_by: Str;
  approved_at: TsNull;
  published_at: TsNull;
  public_title: Str;
  public_question: Str;
  public_answer: Str;
  rating: Str;
  rating_comment: Str;
  rated_at: TsNull;
  reraised: Opt<boolean>;
  folded: Opt<string>;
  version: Opt<number>;
  created_at: Opt<Date>;
}

export interface PetitionFileRow {
  id: string;
  petition_id: string;
  sha256: string;
  file_name: string;
  mime: string;
  size: number;
  uploaded_at: Ts;
}

export interface PetitionEventRow {
  id: string;
  petition_id: string;
  at: Ts;
  actor_kind: string;
  actor_id: Str;
  action: string;
  note: Str;
}

export interface DossierRatingRow {
  id: string;
  dossier_id: string;
  dossier_code: string;
  unit_id: string;
  procedure_code: string;
  officer_ids: Json<string[]>;
  channel: string;
  rater_kind: string;
  rater_id: string;
  scores: Json<Record<string, number>>;
  overall: number;
  comment: Str;
  rated_at: Ts;
  updated_at: Ts;
  changeable_until: Ts;
}

export interface SurveyRow {
  id: string;
  title: string;
  description: Opt<string>;
  state: string;
  on_portal: Opt<boolean>;
  procedure_code: Str;
  questions: Json;
  created_by: Str;
  created_at: Ts;
  published_at: TsNull;
  closed_at: TsNull;
}

export interface SurveyResponseRow {
  id: string;
  survey_id: string;
  answers: Json;
  respondent: Str;
  submitted_at: Ts;
}

export interface FaqRow {
  id: string;
  procedure_code: Str;
  field_code: Str;
  question: string;
  answer: string;
  folded: string;
  published: Opt<boolean>;
  updated_by: Str;
  updated_at: Ts;
}

export interface FeedbackTables {
  feedback_settings: FeedbackSettingsRow;
  petitions: PetitionRow;
  petition_files: PetitionFileRow;
  petition_events: PetitionEventRow;
  dossier_ratings: DossierRatingRow;
  surveys: SurveyRow;
  survey_responses: SurveyResponseRow;
  faqs: FaqRow;
}
