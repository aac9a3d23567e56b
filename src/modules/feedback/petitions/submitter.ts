/** The submitter's side: their petitions by code and secret, the information asked for, the rating of the answer. */
import type { Ctx } from '../../../platform/context';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { conflict, forbidden, notFound } from '../../../platform/errors';
import { canDo } from '../model';
import { addEvent, sameSecret, viewOf, type PetitionView, type Row } from './common';

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
