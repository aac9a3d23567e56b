/** Surveys: built by administrators, published on the portal or at the end of a procedure, answered, summarised, exported. */
import { requireProvinceLevelRole } from '../identity/service';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { checkAnswers, summarise, validQuestions, type Answer, type SurveyState, type QuestionSummary, type SurveyQuestion } from './survey-model';
import { formatDateTimeVN } from '../../platform/dates';

export interface Survey {
  id: string;
  title: string;
  description: string;
  state: SurveyState;
  onPortal: boolean;
  procedureCode: string | null;
  questions: SurveyQuestion[];
  publishedAt: string | null;
}

const view = (r: any): Survey => ({
  id: r.id,
  title: r.title,
  description: r.description,
  state: r.state,
  onPortal: r.on_portal,
  procedureCode: r.procedure_code,
  questions: r.questions,
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
});

export function canManageSurveys(actor: Actor | null): boolean {
  return !!actor && actor.kind === 'officer' && actor.roles.some((g) => g.role === 'admin');
}

/** Surveys are the province's (Decision 766 satisfaction): an administrator of the province or of one of its own agencies. */
async function requireAdmin(ctx: Ctx, actor: Actor) {
  if (!canManageSurveys(actor)) throw forbidden();
  await requireProvinceLevelRole(ctx, actor, ['admin']);
}

export async function createSurvey(
  ctx: Ctx,
  actor: Actor,
  input: { title: string; description?: string; onPortal?: boolean; procedureCode?: string | null; questions: SurveyQuestion[] },
): Promise<Survey> {
  await requireAdmin(ctx, actor);
  if (!validQuestions(input.questions)) throw badRequest('feedback.error.survey_questions', undefined, [{ field: 'questions', message: '' }]);
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('surveys')
      .values({
        id,
        title: input.title.trim(),
        description: input.description?.trim() ?? '',
        state: 'draft',
        on_portal: input.onPortal ?? true,
        procedure_code: input.procedureCode?.trim() || null,
        questions: JSON.stringify(input.questions),
        created_by: actor.id,
        created_at: now,
      })
      .execute();
    await appendAudit(trx, { actorKind: 'officer', actorId: actor.id, action: 'survey.create', entity: 'survey', entityId: id, at: now });
  });
  return (await getSurvey(ctx, id))!;
}

export async function setSurveyState(ctx: Ctx, actor: Actor, id: string, to: 'published' | 'closed'): Promise<Survey> {
  await requireAdmin(ctx, actor);
  const s = await getSurvey(ctx, id);
  if (!s) throw notFound('feedback.error.survey_not_found');
  if ((to === 'published' && s.state !== 'draft') || (to === 'closed' && s.state !== 'published'))
    throw conflict('feedback.error.survey_state', { state: s.state });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('surveys')
      .set(to === 'published' ? { state: to, published_at: now } : { state: to, closed_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: `survey.${to === 'published' ? 'publish' : 'close'}`,
      entity: 'survey',
      entityId: id,
      at: now,
    });
  });
  return (await getSurvey(ctx, id))!;
}

export async function getSurvey(ctx: Ctx, id: string): Promise<Survey | null> {
  const r = await ctx.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? view(r) : null;
}

export async function listSurveys(ctx: Ctx, f: { all?: boolean; procedureCode?: string } = {}): Promise<Survey[]> {
  let q = ctx.db.selectFrom('surveys').selectAll();
  if (!f.all) q = q.where('state', '=', 'published');
  if (f.procedureCode) q = q.where('procedure_code', '=', f.procedureCode);
  else if (!f.all) q = q.where('on_portal', '=', true);
  return (await q.orderBy('created_at', 'desc').execute()).map(view);
}

/** Surveys attached to the end of a procedure (for the procedure's and the rating pages). */
export async function surveysForProcedure(ctx: Ctx, code: string): Promise<Survey[]> {
  return listSurveys(ctx, { procedureCode: code });
}

export async function answerSurvey(ctx: Ctx, actor: Actor | null, id: string, raw: Record<string, unknown>): Promise<void> {
  const s = await getSurvey(ctx, id);
  if (!s || s.state === 'draft') throw notFound('feedback.error.survey_not_found');
  if (s.state !== 'published') throw conflict('feedback.error.survey_closed');
  const checked = checkAnswers(s.questions, raw);
  if (!checked.ok)
    throw badRequest(checked.problem === 'required' ? 'feedback.error.survey_required' : 'feedback.error.survey_answer', { question: checked.question });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const rid = randomUUID();
    await trx
      .insertInto('survey_responses')
      .values({ id: rid, survey_id: id, answers: JSON.stringify(checked.answers), respondent: actor?.id ?? null, submitted_at: now })
      .execute();
    await appendAudit(trx, {
      actorKind: actor ? actor.kind : 'anonymous',
      actorId: actor?.id ?? null,
      action: 'survey.answer',
      entity: 'survey',
      entityId: id,
      details: { response: rid },
      at: now,
    });
  });
}

export async function surveyResults(
  ctx: Ctx,
  actor: Actor,
  id: string,
): Promise<{ survey: Survey; responses: number; summary: QuestionSummary[]; rows: { at: string; answers: Record<string, Answer> }[] }> {
  await requireAdmin(ctx, actor);
  const s = await getSurvey(ctx, id);
  if (!s) throw notFound('feedback.error.survey_not_found');
  const rows = await ctx.db.selectFrom('survey_responses').select(['answers', 'submitted_at']).where('survey_id', '=', id).orderBy('submitted_at').execute();
  const answers = rows.map((r) => r.answers as Record<string, Answer>);
  return {
    survey: s,
    responses: rows.length,
    summary: summarise(s.questions, answers),
    rows: rows.map((r) => ({ at: new Date(r.submitted_at).toISOString(), answers: r.answers as Record<string, Answer> })),
  };
}

export async function surveyXlsx(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  const { survey, summary, rows } = await surveyResults(ctx, actor, id);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Trả lời');
  ws.addRow(['Thời điểm', ...survey.questions.map((q) => q.text)]).font = { bold: true };
  for (const r of rows)
    ws.addRow([
      formatDateTimeVN(r.at),
      ...survey.questions.map((q) => {
        const v = r.answers[q.id];
        return Array.isArray(v) ? v.join('; ') : (v ?? '');
      }),
    ]);
  const sum = wb.addWorksheet('Tổng hợp');
  for (const s of summary) {
    sum.addRow([s.question.text]).font = { bold: true };
    for (const c of s.counts) sum.addRow([c.label, c.count]);
    if (s.average != null) sum.addRow(['Trung bình', s.average]);
    sum.addRow([]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
