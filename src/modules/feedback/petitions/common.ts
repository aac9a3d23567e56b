/** What the petition use cases share: the row, the view of it (with its deadlines), the event log. */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Ctx } from '../../../platform/context';
import type { Role } from '../../../platform/auth';
import { getWorkCalendar } from '../../../platform/calendar/service';
import { civilDateVN } from '../../../platform/calendar/types';
import { getUnit } from '../../units/service';
import { deadlinesOf, timelinessOf, type SubjectKind, type Timeliness } from '../model';
import { getSettings } from '../settings';
import type { PetitionRow } from '../tables';

export type Row = Selectable<PetitionRow>;
export type Q = Kysely<Database>;

export const HANDLER_ROLES: Role[] = ['reception', 'specialist', 'leader', 'controller'];
export const OVERSIGHT: Role[] = ['monitor', 'admin'];

export interface SubmitPetitionInput {
  subjectKind: SubjectKind;
  subjectRef?: string | null;
  unitId?: string | null;
  parentCode?: string | null;
  title: string;
  content: string;
  contactName: string;
  contactPhone?: string | null;
  contactEmail?: string | null;
  contactAddress?: string | null;
  consentPublish?: boolean;
}

export interface UploadIn {
  bytes: Uint8Array;
  name: string;
  type?: string | null;
}

export interface PetitionView {
  id: string;
  code: string;
  subjectKind: string;
  subjectRef: string | null;
  category: string;
  unitId: string;
  unitName: string | null;
  title: string;
  content: string;
  state: string;
  contact: { name: string; phone: string | null; email: string | null; address: string | null };
  consentPublish: boolean;
  receivedAt: string;
  dueAt: string;
  timeliness: Timeliness;
  infoRequest: string | null;
  refusalReason: string | null;
  answer: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  publicQuestion: string | null;
  publicAnswer: string | null;
  rating: string | null;
  ratingComment: string | null;
  reraised: boolean;
  files: { id: string; name: string; mime: string; size: number }[];
  events: { at: string; action: string; note: string | null }[];
}

export const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function timesOf(ctx: Ctx, r: Row) {
  const [cal, s] = await Promise.all([getWorkCalendar(ctx), getSettings(ctx)]);
  const fact = {
    state: r.state,
    receivedAt: r.received_at,
    dueAt: r.due_at,
    infoRequestedAt: r.info_requested_at,
    refusedAt: r.refused_at,
    approvedAt: r.approved_at,
    publishedAt: r.published_at,
    consentPublish: r.consent_publish,
  };
  const deadlines = deadlinesOf(fact, s, (from, limit) => cal.dueAt(from, limit));
  return { fact, deadlines };
}

export async function viewOf(ctx: Ctx, r: Row, opts: { events?: boolean } = {}): Promise<PetitionView> {
  const { fact, deadlines } = await timesOf(ctx, r);
  const files = await ctx.db
    .selectFrom('petition_files')
    .select(['id', 'file_name', 'mime', 'size'])
    .where('petition_id', '=', r.id)
    .orderBy('uploaded_at')
    .execute();
  const events = opts.events
    ? await ctx.db.selectFrom('petition_events').select(['at', 'action', 'note']).where('petition_id', '=', r.id).orderBy('at').orderBy('id').execute()
    : [];
  const unit = await getUnit(ctx, r.unit_id);
  return {
    id: r.id,
    code: r.code,
    subjectKind: r.subject_kind,
    subjectRef: r.subject_ref,
    category: r.category,
    unitId: r.unit_id,
    unitName: unit?.name ?? null,
    title: r.title,
    content: r.content,
    state: r.state,
    contact: { name: r.contact_name, phone: r.contact_phone, email: r.contact_email, address: r.contact_address },
    consentPublish: r.consent_publish,
    receivedAt: r.received_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    timeliness: timelinessOf(fact, deadlines, ctx.clock.now()),
    infoRequest: r.info_request,
    refusalReason: r.refusal_reason,
    answer: r.state === 'closed' || opts.events ? r.answer : null,
    approvedAt: iso(r.approved_at),
    publishedAt: iso(r.published_at),
    publicQuestion: r.public_question,
    publicAnswer: r.public_answer,
    rating: r.rating,
    ratingComment: r.rating_comment,
    reraised: r.reraised,
    files: files.map((f) => ({ id: f.id, name: f.file_name, mime: f.mime, size: f.size })),
    events: events.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, note: e.note })),
  };
}

export function newCode(now: Date): string {
  return `PA-${civilDateVN(now).replace(/-/g, '').slice(2)}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export async function addEvent(db: Q, petitionId: string, at: Date, actor: { kind: string; id: string | null }, action: string, note?: string | null) {
  await db
    .insertInto('petition_events')
    .values({ id: randomUUID(), petition_id: petitionId, at, actor_kind: actor.kind, actor_id: actor.id, action, note: note ?? null })
    .execute();
}
