/**
 * Petitions (phản ánh, kiến nghị): submitted by anyone, routed to the responsible unit, answered
 * by an officer, approved by a leader, published without personal data when the submitter agrees,
 * rated by the submitter. Deadlines in working days (settings); figures for QĐ 766 5.1-5.3.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import type { Actor, Role } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { enqueue } from '../../platform/outbox';
import { blobStore, checkUpload } from '../../platform/blobs';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { fold } from '../../platform/text';
import { getWorkCalendar } from '../../platform/calendar/service';
import { civilDateVN } from '../../platform/calendar/types';
import { getUnit, listAgencies } from '../units/service';
import { getProcedureSnapshot } from '../catalogue/service';
import { getDossier } from '../dossiers/service';
import { canActAt, unitScope } from '../identity/service';
import {
  canDo,
  categoryOf,
  decidePetition,
  type PetitionActor,
  type PetitionState,
  deadlinesOf,
  figuresOf,
  petitionStanding,
  timelinessOf,
  wd,
  type PetitionAction,
  type PetitionCost,
  type PetitionFigures,
  type SubjectKind,
  type Timeliness,
} from './model';
import { getSettings } from './settings';
import { redact } from './redact';
import type { PetitionRow } from './tables';

type Row = Selectable<PetitionRow>;
type Q = Kysely<Database>;

export const HANDLER_ROLES: Role[] = ['reception', 'specialist', 'leader', 'controller'];
const OVERSIGHT: Role[] = ['monitor', 'admin'];

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

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function timesOf(ctx: Ctx, r: Row) {
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

/** The responsible unit: the one chosen, else the dossier's deciding unit, else the procedure's, else the provincial office. */
async function routeTo(ctx: Ctx, input: SubmitPetitionInput): Promise<string> {
  if (input.unitId) {
    if (!(await getUnit(ctx, input.unitId))) throw badRequest('feedback.error.unknown_unit', { id: input.unitId });
    return input.unitId;
  }
  const ref = input.subjectRef?.trim();
  if (ref && input.subjectKind === 'dossier') {
    const d = await getDossier(ctx, ref);
    if (d) return d.deciding_unit_id;
  }
  if (ref && input.subjectKind === 'procedure') {
    const p = await getProcedureSnapshot(ctx, ref, ctx.clock.now());
    if (p?.agencies[0]) return p.agencies[0].decidingUnitId;
  }
  const offices = await listAgencies(ctx, { kind: 'office', level: 'province' });
  const any = offices[0] ?? (await listAgencies(ctx, { level: 'province' }))[0];
  if (!any) throw badRequest('feedback.error.unknown_unit', { id: '-' });
  return any.id;
}

function newCode(now: Date): string {
  return `PA-${civilDateVN(now).replace(/-/g, '').slice(2)}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

async function addEvent(db: Q, petitionId: string, at: Date, actor: { kind: string; id: string | null }, action: string, note?: string | null) {
  await db
    .insertInto('petition_events')
    .values({ id: randomUUID(), petition_id: petitionId, at, actor_kind: actor.kind, actor_id: actor.id, action, note: note ?? null })
    .execute();
}

export async function submitPetition(
  ctx: Ctx,
  actor: Actor | null,
  input: SubmitPetitionInput,
  uploads: UploadIn[] = [],
  ip?: string,
): Promise<{ id: string; code: string; pin: string; dueAt: string }> {
  if (!input.contactPhone?.trim() && !input.contactEmail?.trim())
    throw badRequest('feedback.error.contact_required', undefined, [{ field: 'contactPhone', message: '' }]);
  const now = ctx.clock.now();
  const checked = uploads
    .filter((u) => u.bytes.length > 0)
    .map((u) => ({ u, c: checkUpload(u.bytes, u.name, u.type, { maxBytes: ctx.config.UPLOAD_MAX_BYTES, allowed: ['pdf', 'png', 'jpeg', 'docx'] }) }));
  const unitId = await routeTo(ctx, input);
  let parentId: string | null = null;
  if (input.parentCode?.trim()) {
    const p = await ctx.db.selectFrom('petitions').select(['id']).where('code', '=', input.parentCode.trim().toUpperCase()).executeTakeFirst();
    if (!p) throw badRequest('feedback.error.not_found');
    parentId = p.id;
  }
  const s = await getSettings(ctx);
  const cal = await getWorkCalendar(ctx);
  const id = randomUUID();
  const code = newCode(now);
  const pin = randomBytes(4).toString('hex');
  const dueAt = cal.dueAt(now, wd(s.answerDays));
  const stored: { c: (typeof checked)[number]['c']; blob: { sha256: string } }[] = [];
  for (const { u, c } of checked) stored.push({ c, blob: await blobStore(ctx).put(u.bytes, { mime: c.mime }) });
  const citizen = actor?.kind === 'citizen' ? actor : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('petitions')
      .values({
        id,
        code,
        pin,
        subject_kind: input.subjectKind,
        subject_ref: input.subjectRef?.trim() || null,
        category: categoryOf(input.subjectKind),
        unit_id: unitId,
        parent_id: parentId,
        title: input.title.trim(),
        content: input.content.trim(),
        submitter_kind: citizen ? 'citizen' : 'anonymous',
        submitter_id: citizen?.id ?? null,
        contact_name: input.contactName.trim(),
        contact_phone: input.contactPhone?.trim() || null,
        contact_email: input.contactEmail?.trim() || null,
        contact_address: input.contactAddress?.trim() || null,
        consent_publish: !!input.consentPublish,
        state: 'received',
        received_at: now,
        due_at: dueAt,
        folded: fold(`${input.title} ${input.content}`),
      })
      .execute();
    for (const { c, blob } of stored) {
      await trx
        .insertInto('petition_files')
        .values({ id: randomUUID(), petition_id: id, sha256: blob.sha256, file_name: c.name, mime: c.mime, size: c.size, uploaded_at: now })
        .execute();
    }
    if (parentId) await trx.updateTable('petitions').set({ reraised: true }).where('id', '=', parentId).execute();
    await addEvent(trx, id, now, { kind: citizen ? 'citizen' : 'anonymous', id: citizen?.id ?? null }, 'submit');
    await enqueue(trx, { topic: 'notify.petition_received', key: id, payload: { petitionId: id, code, unitId } });
    // A petition about a dossier costs 5.4 points: the indicators' facts listen (ref = the dossier's id or code).
    const ref = input.subjectRef?.trim();
    if (input.subjectKind === 'dossier' && ref)
      await enqueue(trx, { topic: 'feedback.dossier_petitioned', key: ref, payload: { dossierRef: ref, petitionId: id } });
    await appendAudit(trx, {
      actorKind: citizen ? 'citizen' : 'anonymous',
      actorId: citizen?.id ?? null,
      action: 'petition.submit',
      entity: 'petition',
      entityId: id,
      ip,
      details: { code, unitId, files: stored.length },
      at: now,
    });
  });
  return { id, code, pin, dueAt: dueAt.toISOString() };
}

async function rowByCode(ctx: Ctx, code: string, pin: string): Promise<Row> {
  const r = await ctx.db.selectFrom('petitions').selectAll().where('code', '=', code.trim().toUpperCase()).executeTakeFirst();
  if (!r || !sameSecret(r.pin, pin.trim())) throw notFound('feedback.error.bad_pin');
  return r;
}

/** The submitter's view: by code and secret (or, for a logged-in citizen, their own). */
export async function lookupPetition(ctx: Ctx, code: string, pin: string): Promise<PetitionView> {
  return viewOf(ctx, await rowByCode(ctx, code, pin));
}

export async function myPetitions(ctx: Ctx, actor: Actor): Promise<PetitionView[]> {
  if (actor.kind !== 'citizen') throw forbidden();
  const rows = await ctx.db.selectFrom('petitions').selectAll().where('submitter_id', '=', actor.id).orderBy('received_at', 'desc').limit(50).execute();
  return Promise.all(rows.map((r) => viewOf(ctx, r)));
}

export async function provideInfo(ctx: Ctx, code: string, pin: string, text: string): Promise<PetitionView> {
  const r = await rowByCode(ctx, code, pin);
  if (!canDo('provide_info', r.state)) throw conflict('feedback.error.wrong_state', { state: r.state });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('petitions')
      .set({ state: 'received', content: `${r.content}\n\n${text.trim()}`, version: r.version + 1 })
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) throw conflict();
    await addEvent(trx, r.id, now, { kind: 'submitter', id: r.submitter_id }, 'provide_info', text.trim());
    await appendAudit(trx, {
      actorKind: r.submitter_id ? 'citizen' : 'anonymous',
      actorId: r.submitter_id,
      action: 'petition.provide_info',
      entity: 'petition',
      entityId: r.id,
      at: now,
    });
  });
  return lookupPetition(ctx, code, pin);
}

export async function ratePetition(
  ctx: Ctx,
  code: string,
  pin: string,
  input: { rating: 'satisfied' | 'unsatisfied'; comment?: string | null; reraise?: boolean },
): Promise<PetitionView> {
  const r = await rowByCode(ctx, code, pin);
  if (r.state !== 'closed') throw conflict('feedback.error.not_answered');
  if (r.rating) throw conflict('feedback.error.already_rated');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('petitions')
      .set({
        rating: input.rating,
        rating_comment: input.comment?.trim() || null,
        rated_at: now,
        reraised: r.reraised || !!input.reraise,
        version: r.version + 1,
      })
      .where('id', '=', r.id)
      .execute();
    await addEvent(trx, r.id, now, { kind: 'submitter', id: r.submitter_id }, 'rate', input.rating);
    await appendAudit(trx, {
      actorKind: r.submitter_id ? 'citizen' : 'anonymous',
      actorId: r.submitter_id,
      action: 'petition.rate',
      entity: 'petition',
      entityId: r.id,
      details: { rating: input.rating, reraise: !!input.reraise },
      at: now,
    });
  });
  return lookupPetition(ctx, code, pin);
}

// ---------- back office ----------

// An officer sees the petitions of the units their grants cover (issue 14 item 4): handlers and
// oversight alike, at the unit or above it (docs/authorization.md).
const SEERS: Role[] = [...HANDLER_ROLES, ...OVERSIGHT];

async function canSeePetition(ctx: Ctx, actor: Actor, r: Row): Promise<boolean> {
  return canActAt(ctx, actor, SEERS, r.unit_id);
}

export async function petitionFor(ctx: Ctx, actor: Actor, id: string): Promise<PetitionView> {
  const r = await ctx.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || !(await canSeePetition(ctx, actor, r))) throw notFound('feedback.error.not_found');
  return viewOf(ctx, r, { events: true });
}

export async function petitionQueue(ctx: Ctx, actor: Actor, f: { state?: string } = {}): Promise<PetitionView[]> {
  if (actor.kind !== 'officer') throw forbidden();
  const units = [...(await unitScope(ctx, actor, SEERS))];
  if (units.length === 0) throw forbidden();
  let q = ctx.db.selectFrom('petitions').selectAll().where('unit_id', 'in', units);
  if (f.state) q = q.where('state', '=', f.state);
  const rows = await q.orderBy('due_at').limit(200).execute();
  return Promise.all(rows.map((r) => viewOf(ctx, r)));
}

export interface ActInput {
  note?: string | null;
  unitId?: string | null;
  publicQuestion?: string | null;
  publicAnswer?: string | null;
  publish?: boolean;
}

/** Who the actor is to the petition's unit (model.ts PetitionActor). */
async function petitionActor(ctx: Ctx, actor: Actor, r: Row | undefined): Promise<PetitionActor> {
  if (actor.kind !== 'officer') return 'citizen';
  if (!r || !(await canSeePetition(ctx, actor, r))) return 'unrelated';
  if (await canActAt(ctx, actor, ['leader'], r.unit_id)) return 'leader';
  return (await canActAt(ctx, actor, HANDLER_ROLES, r.unit_id)) ? 'handler' : 'overseer';
}

/** One step of the handling; every refusal leaves the petition unchanged. */
export async function actOnPetition(ctx: Ctx, actor: Actor, id: string, action: PetitionAction, input: ActInput = {}): Promise<PetitionView> {
  if (actor.kind !== 'officer' || action === 'provide_info') throw forbidden();
  const found = await ctx.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirst();
  const decision = decidePetition(action, (found?.state ?? 'received') as PetitionState, await petitionActor(ctx, actor, found));
  if (!decision.ok) throw new AppError(decision.status, decision.key, decision.key === 'feedback.error.wrong_state' ? { state: found!.state } : undefined);
  const r = found!;
  const note = input.note?.trim() || null;
  if (['refuse', 'request_info', 'answer', 'return'].includes(action) && !note)
    throw badRequest('feedback.error.reason_required', undefined, [{ field: 'note', message: '' }]);
  if (action === 'publish' && !r.consent_publish) throw conflict('feedback.error.wrong_state', { state: 'no_consent' });
  const now = ctx.clock.now();
  const patch: Record<string, unknown> = {};
  const hints = { names: [r.contact_name], addresses: [r.contact_address] };
  const doPublish = () => {
    patch.published_at = now;
    patch.public_title = redact(r.title, hints);
    patch.public_question = redact(input.publicQuestion?.trim() || r.content, hints);
    patch.public_answer = redact(input.publicAnswer?.trim() || (patch.answer as string) || r.answer || '', hints);
  };
  switch (action) {
    case 'request_info':
      patch.state = 'info_requested';
      patch.info_request = note;
      if (!r.info_requested_at) patch.info_requested_at = now;
      break;
    case 'refuse':
      patch.state = 'refused';
      patch.refused_at = now;
      patch.refusal_reason = note;
      break;
    case 'answer':
      patch.state = 'answered';
      patch.answer = note;
      patch.answered_by = actor.id;
      patch.answered_at = now;
      break;
    case 'return':
      patch.state = 'received';
      break;
    case 'approve':
      patch.state = 'closed';
      patch.approved_by = actor.id;
      patch.approved_at = now;
      if (r.consent_publish && input.publish !== false) doPublish();
      break;
    case 'transfer': {
      if (!input.unitId || !(await getUnit(ctx, input.unitId)))
        throw badRequest('feedback.error.unknown_unit', { id: input.unitId ?? '' }, [{ field: 'unitId', message: '' }]);
      const s = await getSettings(ctx);
      patch.unit_id = input.unitId;
      patch.state = 'received';
      patch.received_at = now;
      patch.due_at = (await getWorkCalendar(ctx)).dueAt(now, wd(s.answerDays));
      break;
    }
    case 'publish':
      doPublish();
      break;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const u = await trx
      .updateTable('petitions')
      .set({ ...patch, version: r.version + 1 } as any)
      .where('id', '=', r.id)
      .where('version', '=', r.version)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) === 0) throw conflict();
    await addEvent(trx, r.id, now, { kind: 'officer', id: actor.id }, action, action === 'transfer' ? input.unitId : note);
    if (action === 'approve' || action === 'refuse' || action === 'request_info') {
      await enqueue(trx, {
        topic: 'notify.feedback_answered',
        key: r.id,
        payload: { petitionId: r.id, code: r.code, action, email: r.contact_email, phone: r.contact_phone },
      });
    }
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: `petition.${action}`,
      entity: 'petition',
      entityId: r.id,
      details: { from: r.state, to: patch.state ?? r.state, unitId: patch.unit_id ?? r.unit_id },
      at: now,
    });
  });
  // After a transfer the officer may no longer see the petition: show it once, as it now is.
  const after = await ctx.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return viewOf(ctx, after, { events: true });
}

export async function petitionFile(ctx: Ctx, actor: Actor, petitionId: string, fileId: string): Promise<{ name: string; mime: string; bytes: Buffer }> {
  await petitionFor(ctx, actor, petitionId);
  const f = await ctx.db.selectFrom('petition_files').selectAll().where('petition_id', '=', petitionId).where('id', '=', fileId).executeTakeFirst();
  const bytes = f ? await blobStore(ctx).get(f.sha256) : null;
  if (!f || !bytes) throw notFound();
  return { name: f.file_name, mime: f.mime, bytes };
}

/** Published answers, newest first; searchable without diacritics. Personal data was removed at publication. */
export async function publishedPetitions(ctx: Ctx, f: { q?: string; limit?: number } = {}) {
  let q = ctx.db
    .selectFrom('petitions')
    .select(['code', 'public_title', 'public_question', 'public_answer', 'published_at', 'unit_id', 'folded'])
    .where('published_at', 'is not', null);
  for (const w of fold(f.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8))
    q = q.where('folded', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
  const rows = await q
    .orderBy('published_at', 'desc')
    .limit(f.limit ?? 50)
    .execute();
  const out = [];
  for (const r of rows)
    out.push({
      code: r.code,
      title: r.public_title ?? '',
      question: r.public_question ?? '',
      answer: r.public_answer ?? '',
      publishedAt: new Date(r.published_at!).toISOString(),
      unitName: (await getUnit(ctx, r.unit_id))?.name ?? r.unit_id,
    });
  return out;
}

/**
 * QĐ 766 5.1-5.3 for the petitions of `unitIds`: handled in [from, to) or open and overdue at its
 * end. Returns numerators and denominators (see model.figuresOf).
 */
export async function petitionFigures(ctx: Ctx, f: { unitIds: string[]; from: Date; to: Date }): Promise<PetitionFigures> {
  if (f.unitIds.length === 0) return figuresOf([], f.from, f.to, ctx.clock.now());
  const rows = await ctx.db.selectFrom('petitions').selectAll().where('unit_id', 'in', f.unitIds).where('received_at', '<', f.to).execute();
  const facts = [];
  for (const r of rows) {
    const { fact, deadlines } = await timesOf(ctx, r);
    facts.push({ fact: { ...fact, category: r.category, rating: r.rating, reraised: r.reraised }, deadlines });
  }
  return figuresOf(facts, f.from, f.to, ctx.clock.now());
}

/** A petition that costs a unit 5.2 or 5.3 points in a period (indicators drill-down). */
export interface PetitionCostRecord {
  id: string;
  code: string;
  unitId: string;
  title: string;
  receivedAt: string;
  dueAt: string;
  /** Refused or answered (approved), when it was. */
  handledAt: string | null;
  reasons: PetitionCost[];
  /** The back-office page of the petition. */
  href: string;
}

/**
 * The petitions of `unitIds` that cost points in [from, to), by the same rule as petitionFigures:
 * kind 'onTime' (5.2) = answered late or still open past due; 'satisfaction' (5.3) = that, or
 * rated not satisfied, or raised again. Ordered by receipt.
 */
export async function petitionsCostingPoints(
  ctx: Ctx,
  f: { unitIds: string[]; from: Date; to: Date; kind: 'onTime' | 'satisfaction' },
): Promise<PetitionCostRecord[]> {
  if (f.unitIds.length === 0) return [];
  const now = ctx.clock.now();
  const asOf = now < f.to ? now : f.to;
  const rows = await ctx.db
    .selectFrom('petitions')
    .selectAll()
    .where('unit_id', 'in', f.unitIds)
    .where('received_at', '<', f.to)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  const out: PetitionCostRecord[] = [];
  for (const r of rows) {
    const { fact, deadlines } = await timesOf(ctx, r);
    const s = petitionStanding({ ...fact, category: r.category, rating: r.rating, reraised: r.reraised }, deadlines, f.from, f.to, asOf);
    if (!s || (f.kind === 'onTime' ? s.onTime : s.satisfied)) continue;
    out.push({
      id: r.id,
      code: r.code,
      unitId: r.unit_id,
      title: r.title,
      receivedAt: new Date(r.received_at).toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      handledAt: iso(r.state === 'refused' ? r.refused_at : r.state === 'closed' ? r.approved_at : null),
      reasons: f.kind === 'onTime' ? s.reasons.filter((x) => x === 'late' || x === 'overdue') : s.reasons,
      href: `/quan-tri/phan-anh/${encodeURIComponent(r.id)}`,
    });
  }
  return out;
}
