/** FAQ and guidance: questions and answers per procedure and field, managed by procedure controllers. */
import { requireProvinceLevelRole } from '../identity/service';
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import type { Actor, Role } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { forbidden, notFound } from '../../platform/errors';
import { fold } from '../../platform/text';
import { invalidateCorpus } from './assistant/corpus';

export interface Faq {
  id: string;
  procedureCode: string | null;
  fieldCode: string | null;
  question: string;
  answer: string;
  published: boolean;
  updatedAt: string;
}

export interface FaqInput {
  procedureCode?: string | null;
  fieldCode?: string | null;
  question: string;
  answer: string;
  published?: boolean;
}

const FAQ_ROLES: Role[] = ['controller', 'admin'];

export function canManageFaq(actor: Actor | null): boolean {
  return !!actor && actor.kind === 'officer' && actor.roles.some((g) => FAQ_ROLES.includes(g.role));
}

const view = (r: any): Faq => ({
  id: r.id,
  procedureCode: r.procedure_code,
  fieldCode: r.field_code,
  question: r.question,
  answer: r.answer,
  published: r.published,
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Published entries (or all, for managers), filtered by procedure/field and by words without diacritics. */
export async function listFaqs(ctx: Ctx, f: { q?: string; procedureCode?: string; fieldCode?: string; all?: boolean } = {}): Promise<Faq[]> {
  let q = ctx.db.selectFrom('faqs').selectAll();
  if (!f.all) q = q.where('published', '=', true);
  if (f.procedureCode) q = q.where('procedure_code', '=', f.procedureCode);
  if (f.fieldCode) q = q.where('field_code', '=', f.fieldCode);
  for (const word of fold(f.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8))
    q = q.where('folded', 'like', `%${word.replace(/[%_\\]/g, '')}%`);
  const rows = await q.orderBy('field_code').orderBy('procedure_code').orderBy('question').limit(200).execute();
  return rows.map(view);
}

export async function saveFaq(ctx: Ctx, actor: Actor, input: FaqInput, id?: string): Promise<Faq> {
  if (!canManageFaq(actor)) throw forbidden();
  await requireProvinceLevelRole(ctx, actor, FAQ_ROLES);
  const now = ctx.clock.now();
  const row = {
    procedure_code: input.procedureCode || null,
    field_code: input.fieldCode || null,
    question: input.question.trim(),
    answer: input.answer.trim(),
    folded: fold(`${input.question} ${input.answer}`),
    published: input.published ?? true,
    updated_by: actor.id,
    updated_at: now,
  };
  const faqId = id ?? randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    if (id) {
      const r = await trx.updateTable('faqs').set(row).where('id', '=', id).executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound('feedback.faq.not_found');
    } else {
      await trx
        .insertInto('faqs')
        .values({ id: faqId, ...row })
        .execute();
    }
    await appendAudit(trx, { actorKind: 'officer', actorId: actor.id, action: id ? 'faq.update' : 'faq.create', entity: 'faq', entityId: faqId, at: now });
  });
  invalidateCorpus(ctx);
  return view({ id: faqId, ...row });
}

export async function deleteFaq(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  if (!canManageFaq(actor)) throw forbidden();
  await requireProvinceLevelRole(ctx, actor, FAQ_ROLES);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.deleteFrom('faqs').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('feedback.faq.not_found');
    await appendAudit(trx, { actorKind: 'officer', actorId: actor.id, action: 'faq.delete', entity: 'faq', entityId: id, at: ctx.clock.now() });
  });
  invalidateCorpus(ctx);
}
