/** The back office: who sees a petition, the queue, each step of the handling (model.ts decidePetition), the files. */
import type { Ctx } from '../../../platform/context';
import type { Actor, Role } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { enqueue } from '../../../platform/outbox';
import { blobStore } from '../../../platform/blobs';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../../platform/errors';
import { getWorkCalendar } from '../../../platform/calendar/service';
import { getUnit } from '../../units/service';
import { canActAt, unitScope } from '../../identity/service';
import { decidePetition, type PetitionActor, type PetitionState, wd, type PetitionAction } from '../model';
import { getSettings } from '../settings';
import { redact } from '../redact';
import type { Updateable } from 'kysely';
import type { PetitionRow } from '../tables';
import { addEvent, HANDLER_ROLES, OVERSIGHT, viewOf, type PetitionView, type Row } from './common';

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
  const patch: Updateable<PetitionRow> = {};
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
      .set({ ...patch, version: r.version + 1 })
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
