/** Back-office screens: petitions queue and handling, surveys, FAQ. */
import { provinceLevelOfficer } from '../identity/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { AppError } from '../../platform/errors';
import { requireOfficer } from '../../platform/auth';
import { oneOf, t, type MessageKey } from '../../platform/i18n';
import { PETITION_ACTIONS, petitionStateText, SUBJECT_KINDS, type PetitionAction } from './model';
import { parseQuestions } from './survey-model';
import { BarChart } from './components';
import { validate, type FieldLabels } from '../../platform/http/validate';
import { nameFields } from '../../platform/http/form-messages';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { faqBody } from './routes-api';
import * as svc from './service';

type Body = Record<string, string | undefined>;
const fmt = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
/** The officer's actions on a petition, in the page's order, with the label of their button. */
const ACTION_BUTTONS = {
  answer: 'feedback.admin.send_answer',
  request_info: 'feedback.admin.request_info',
  refuse: 'feedback.admin.refuse',
  transfer: 'feedback.admin.transfer',
  approve: 'feedback.admin.approve',
  return: 'feedback.admin.return',
  publish: 'feedback.admin.publish',
} as const satisfies Partial<Record<PetitionAction, MessageKey>>;
/** The FAQ form's fields and their labels (issue 13). */
const FAQ_LABELS = {
  procedureCode: 'feedback.faq.procedure',
  fieldCode: 'feedback.faq.field',
  question: 'feedback.faq.question',
  answer: 'feedback.faq.answer',
} as const satisfies FieldLabels;
const ACTIONS = Object.keys(ACTION_BUTTONS) as (keyof typeof ACTION_BUTTONS)[];
/** What a petition's history records: the actions, its submission and the applicant's rating. */
const EVENTS = [...PETITION_ACTIONS, 'submit', 'rate'] as const;

async function petitionDetail(req: FastifyRequest, reply: FastifyReply, id: string, error?: FormRefusal & { action?: string }, status = 200) {
  const p = await svc.petitionFor(req.server.ctx, requireOfficer(req), id);
  const lang = req.lang;
  return sendPage(
    reply,
    <Layout req={req} title={p.code}>
      <h1>
        {p.code}: {p.title}
      </h1>
      <FormErrorSummary lang={lang} error={error} idOf={(field) => (error?.action ? `${field === 'unitId' ? 'u' : 'n'}-${error.action}` : undefined)} />
      <p>
        {t(lang, 'feedback.petition.state')}: <strong>{petitionStateText(lang, p.state)}</strong> · {t(lang, 'feedback.petition.due')}: {fmt(p.dueAt)} ·{' '}
        {t(lang, `feedback.petition.timeliness.${p.timeliness}`)}
      </p>
      <p>
        {t(lang, 'feedback.admin.subject')}: {oneOf(SUBJECT_KINDS, p.subjectKind) ? t(lang, `feedback.petition.kind.${p.subjectKind}`) : p.subjectKind}{' '}
        {p.subjectRef ?? ''} · {p.unitName}
      </p>
      <p>
        {t(lang, 'feedback.admin.submitter')}: {p.contact.name} · {p.contact.phone ?? ''} {p.contact.email ?? ''} ·{' '}
        {t(lang, p.consentPublish ? 'feedback.admin.consent_yes' : 'feedback.admin.consent_no')}
      </p>
      <div class="card" style="white-space:pre-line">
        {p.content}
      </div>
      {p.files.length > 0 && (
        <ul>
          {p.files.map((f) => (
            <li>
              <a href={`/api/v1/petitions/${p.id}/files/${f.id}`}>{f.name}</a>
            </li>
          ))}
        </ul>
      )}
      {p.answer && (
        <p>
          <strong>{t(lang, 'feedback.petition.answer')}:</strong> {p.answer}
        </p>
      )}
      {p.publicAnswer && (
        <p>
          <strong>{t(lang, 'feedback.admin.public_answer')}:</strong> {p.publicAnswer}
        </p>
      )}
      {ACTIONS.filter((a) => (PETITION_ACTIONS as readonly string[]).includes(a)).map((a) => (
        <form method="post" action={`/quan-tri/phan-anh/${p.id}/${a}`} class="card narrow">
          <CsrfField req={req} />
          {a === 'transfer' ? (
            <>
              <label for={`u-${a}`}>{t(lang, 'feedback.petition.unit')}</label>
              <FieldMessage id={`u-${a}`} error={error?.action === a ? error : null} field="unitId" />
              <input id={`u-${a}`} name="unitId" required {...describedBy(`u-${a}`, error?.action === a ? error : null, 'unitId')} />
            </>
          ) : ['answer', 'request_info', 'refuse', 'return'].includes(a) ? (
            <>
              <label for={`n-${a}`}>{t(lang, a === 'answer' ? 'feedback.admin.draft_answer' : 'feedback.admin.note')}</label>
              <FieldMessage id={`n-${a}`} error={error?.action === a ? error : null} field="note" />
              <textarea
                id={`n-${a}`}
                name="note"
                required
                rows={a === 'answer' ? 6 : 2}
                {...describedBy(`n-${a}`, error?.action === a ? error : null, 'note')}
              ></textarea>
            </>
          ) : null}
          <button type="submit">{t(lang, ACTION_BUTTONS[a])}</button>
        </form>
      ))}
      <h2>{t(lang, 'feedback.admin.history')}</h2>
      <ol>
        {p.events.map((e) => (
          <li>
            {fmt(e.at)} - {oneOf(EVENTS, e.action) ? t(lang, `feedback.event.${e.action}`) : e.action}
            {e.note ? `: ${e.note}` : ''}
          </li>
        ))}
      </ol>
    </Layout>,
    status,
  );
}

export function officePages(app: FastifyInstance) {
  app.get('/quan-tri/phan-anh', async (req, reply) => {
    const actor = requireOfficer(req);
    const state = (req.query as Body)?.state || undefined;
    const items = await svc.petitionQueue(req.server.ctx, actor, { state });
    const lang = req.lang;
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'feedback.admin.petitions')}>
        <h1>{t(lang, 'feedback.admin.petitions')}</h1>
        {actor.roles.some((g) => g.role === 'admin') && (
          <p>
            <a href="/quan-tri/phan-anh/cai-dat">{t(lang, 'feedback.settings.link')}</a>
          </p>
        )}
        {items.length === 0 ? (
          <p>{t(lang, 'feedback.admin.empty')}</p>
        ) : (
          <TableWrap lang={lang} name={t(lang, 'feedback.admin.petitions')}>
            <table>
              <thead>
                <tr>
                  <th>{t(lang, 'feedback.petition.code')}</th>
                  <th>{t(lang, 'feedback.petition.field_title')}</th>
                  <th>{t(lang, 'feedback.petition.state')}</th>
                  <th>{t(lang, 'feedback.petition.due')}</th>
                  <th>{t(lang, 'feedback.admin.timeliness')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr>
                    <td>
                      <a href={`/quan-tri/phan-anh/${p.id}`}>{p.code}</a>
                    </td>
                    <td>{p.title}</td>
                    <td>{petitionStateText(lang, p.state)}</td>
                    <td>{fmt(p.dueAt)}</td>
                    <td>{t(lang, `feedback.petition.timeliness.${p.timeliness}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Layout>,
    );
  });
  app.get('/quan-tri/phan-anh/:id', async (req, reply) => petitionDetail(req, reply, (req.params as { id: string }).id));
  app.post('/quan-tri/phan-anh/:id/:action', async (req, reply) => {
    const { id, action } = req.params as { id: string; action: string };
    if (!oneOf(ACTIONS, action)) return reply.callNotFound();
    const b = (req.body as Body) ?? {};
    try {
      await svc.actOnPetition(req.server.ctx, requireOfficer(req), id, action as PetitionAction, { note: b.note, unitId: b.unitId });
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 401 || err.status === 403 || err.status === 404) throw err;
      const labels = { note: action === 'answer' ? 'feedback.admin.draft_answer' : 'feedback.admin.note', unitId: 'feedback.petition.unit' } as const;
      const fields = nameFields(req.lang, err.fields, labels, { unitId: 'form.choose' });
      return petitionDetail(req, reply, id, { message: t(req.lang, err.key, err.params), fields, action }, err.status);
    }
    // A transferred petition leaves the officer's units: back to the queue.
    return reply.code(303).redirect(action === 'transfer' ? '/quan-tri/phan-anh' : `/quan-tri/phan-anh/${id}`);
  });

  const surveyAdmin = async (req: FastifyRequest, reply: FastifyReply, o: { error?: string; status?: number; form?: Body } = {}) => {
    const actor = await provinceLevelOfficer(req, ['admin']);
    const ctx = req.server.ctx;
    const list = await svc.listSurveys(ctx, { all: true });
    const open = o.error ? undefined : (req.query as Body)?.id;
    const results = open ? await svc.surveyResults(ctx, actor, open) : null;
    const lang = req.lang;
    const f = o.form ?? {};
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'feedback.survey.admin')}>
        <h1>{t(lang, 'feedback.survey.admin')}</h1>
        {o.error && (
          <div class="error-summary" role="alert">
            <p>{o.error}</p>
          </div>
        )}
        <ul>
          {list.map((s) => (
            <li>
              <a href={`/quan-tri/khao-sat?id=${s.id}`}>{s.title}</a> ({t(lang, `feedback.survey.state.${s.state}`)})
              {s.state !== 'closed' && (
                <form method="post" action={`/quan-tri/khao-sat/${s.id}/${s.state === 'draft' ? 'publish' : 'close'}`} class="inline">
                  <CsrfField req={req} /> <button type="submit">{t(lang, s.state === 'draft' ? 'feedback.survey.publish' : 'feedback.survey.close')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {results && (
          <section>
            <h2>
              {t(lang, 'feedback.survey.results')}: {results.survey.title}
            </h2>
            <p>
              {t(lang, 'feedback.survey.responses', { n: results.responses })} ·{' '}
              <a href={`/quan-tri/khao-sat/${results.survey.id}/excel`}>{t(lang, 'feedback.survey.export')}</a>
            </p>
            {results.summary.map((s) => (
              <div class="card">
                <h3>{s.question.text}</h3>
                {s.counts.length > 0 && <BarChart title={t(lang, 'feedback.survey.chart', { question: s.question.text })} bars={s.counts} />}
                {s.average != null && <p>{s.average}</p>}
                {s.texts.length > 0 && (
                  <ul>
                    {s.texts.slice(0, 50).map((x) => (
                      <li>{x}</li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </section>
        )}
        <h2>{t(lang, 'feedback.survey.new')}</h2>
        <form method="post" action="/quan-tri/khao-sat" class="narrow">
          <CsrfField req={req} />
          <label for="title">{t(lang, 'feedback.survey.name')}</label>
          <input id="title" name="title" required value={f.title ?? ''} />
          <label for="description">{t(lang, 'feedback.survey.description')}</label>
          <textarea id="description" name="description">
            {f.description ?? ''}
          </textarea>
          <label for="procedureCode">{t(lang, 'feedback.survey.procedure')}</label>
          <input id="procedureCode" name="procedureCode" value={f.procedureCode ?? ''} />
          <label for="questions">{t(lang, 'feedback.survey.questions')}</label>
          <textarea id="questions" name="questions" required rows={6}>
            {f.questions ?? ''}
          </textarea>
          <button type="submit">{t(lang, 'feedback.survey.create')}</button>
        </form>
      </Layout>,
      o.status ?? 200,
    );
  };
  app.get('/quan-tri/khao-sat', async (req, reply) => surveyAdmin(req, reply));
  app.post('/quan-tri/khao-sat', async (req, reply) => {
    const actor = await provinceLevelOfficer(req, ['admin']);
    const b = (req.body as Body) ?? {};
    const questions = parseQuestions(b.questions ?? '');
    const title = (b.title ?? '').trim();
    if (!questions || title.length < 3)
      return surveyAdmin(req, reply, {
        status: 400,
        form: b,
        error: t(req.lang, questions ? 'feedback.error.survey_title' : 'feedback.error.survey_questions'),
      });
    const s = await svc.createSurvey(req.server.ctx, actor, { title, description: b.description, procedureCode: b.procedureCode, questions });
    return reply.code(303).redirect(`/quan-tri/khao-sat?id=${s.id}`);
  });
  app.post('/quan-tri/khao-sat/:id/:to', async (req, reply) => {
    const { id, to } = req.params as { id: string; to: string };
    if (to !== 'publish' && to !== 'close') return reply.callNotFound();
    await svc.setSurveyState(req.server.ctx, await provinceLevelOfficer(req, ['admin']), id, to === 'publish' ? 'published' : 'closed');
    return reply.code(303).redirect(`/quan-tri/khao-sat?id=${id}`);
  });
  app.get('/quan-tri/khao-sat/:id/excel', async (req, reply) => {
    const buf = await svc.surveyXlsx(req.server.ctx, await provinceLevelOfficer(req, ['admin']), (req.params as { id: string }).id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="khao-sat.xlsx"')
      .send(buf);
  });

  const faqAdmin = async (req: FastifyRequest, reply: FastifyReply, o: { error?: FormRefusal; status?: number; form?: Body } = {}) => {
    await provinceLevelOfficer(req, ['controller', 'admin']);
    const items = await svc.listFaqs(req.server.ctx, { all: true, q: (req.query as Body)?.q });
    const lang = req.lang;
    const f = o.form ?? {};
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'feedback.faq.admin')}>
        <h1>{t(lang, 'feedback.faq.admin')}</h1>
        <FormErrorSummary lang={lang} error={o.error} idOf={(field) => field} />
        <form method="post" action="/quan-tri/hoi-dap" class="narrow card">
          <CsrfField req={req} />
          <label for="procedureCode">{t(lang, 'feedback.faq.procedure')}</label>
          <FieldMessage id="procedureCode" error={o.error} field="procedureCode" />
          <input id="procedureCode" name="procedureCode" value={f.procedureCode ?? ''} {...describedBy('procedureCode', o.error, 'procedureCode')} />
          <label for="fieldCode">{t(lang, 'feedback.faq.field')}</label>
          <FieldMessage id="fieldCode" error={o.error} field="fieldCode" />
          <input id="fieldCode" name="fieldCode" value={f.fieldCode ?? ''} {...describedBy('fieldCode', o.error, 'fieldCode')} />
          <label for="question">{t(lang, 'feedback.faq.question')}</label>
          <FieldMessage id="question" error={o.error} field="question" />
          <input id="question" name="question" required minLength={5} value={f.question ?? ''} {...describedBy('question', o.error, 'question')} />
          <label for="answer">{t(lang, 'feedback.faq.answer')}</label>
          <FieldMessage id="answer" error={o.error} field="answer" />
          <textarea id="answer" name="answer" required rows={4} {...describedBy('answer', o.error, 'answer')}>
            {f.answer ?? ''}
          </textarea>
          <button type="submit">{t(lang, 'feedback.faq.save')}</button>
        </form>
        <ul>
          {items.map((f) => (
            <li>
              {f.question} ({f.procedureCode ?? f.fieldCode ?? ''})
              <form method="post" action={`/quan-tri/hoi-dap/${f.id}/xoa`} class="inline">
                <CsrfField req={req} /> <button type="submit">{t(lang, 'feedback.faq.delete')}</button>
              </form>
            </li>
          ))}
        </ul>
      </Layout>,
      o.status ?? 200,
    );
  };
  app.get('/quan-tri/hoi-dap', async (req, reply) => faqAdmin(req, reply));
  app.post('/quan-tri/hoi-dap', async (req, reply) => {
    const actor = await provinceLevelOfficer(req, ['controller', 'admin']);
    const b = (req.body as Body) ?? {};
    try {
      const input = validate(
        faqBody,
        { procedureCode: b.procedureCode || null, fieldCode: b.fieldCode || null, question: b.question ?? '', answer: b.answer ?? '' },
        req.lang,
        FAQ_LABELS,
      );
      await svc.saveFaq(req.server.ctx, actor, input);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return faqAdmin(req, reply, {
        status: 400,
        form: b,
        error: { message: t(req.lang, err.key, err.params), fields: nameFields(req.lang, err.fields, FAQ_LABELS) },
      });
    }
    return reply.code(303).redirect('/quan-tri/hoi-dap');
  });
  app.post('/quan-tri/hoi-dap/:id/xoa', async (req, reply) => {
    await svc.deleteFaq(req.server.ctx, await provinceLevelOfficer(req, ['controller', 'admin']), (req.params as { id: string }).id);
    return reply.code(303).redirect('/quan-tri/hoi-dap');
  });
}
