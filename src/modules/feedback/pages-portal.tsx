/** Portal screens: petitions (/phan-anh), dossier rating (/danh-gia/:id), surveys (/khao-sat), FAQ (/hoi-dap), assistant (/tro-ly). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { validate } from '../../platform/http/validate';
import { AppError, type FieldError } from '../../platform/errors';
import { requireActor } from '../../platform/auth';
import { oneOf, t, type MessageKey } from '../../platform/i18n';
import { getDossier } from '../dossiers/service';
import { listAgencies } from '../units/service';
import { petitionStateText, SCALE, SCALE_KEYS, SUBJECT_KINDS } from './model';
import { petitionBody } from './routes-api';
import { SupportContacts } from './components';
import * as svc from './service';

type Body = Record<string, string | string[] | undefined>;
const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v));
const fmt = (iso: string) => new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

function ErrorBox({ message }: { message?: string }) {
  return message ? (
    <div class="error-summary" role="alert">
      <p>{message}</p>
    </div>
  ) : null;
}

/** The petition form's fields by the label the form shows them with (an error names the field as the person reads it, never its name). */
const FIELD_LABELS: Record<string, MessageKey> = {
  subjectKind: 'feedback.petition.subject_kind',
  subjectRef: 'feedback.petition.subject_ref',
  unitId: 'feedback.petition.unit',
  title: 'feedback.petition.field_title',
  content: 'feedback.petition.content',
  contactName: 'feedback.petition.contact_name',
  contactPhone: 'feedback.petition.contact_phone',
  contactEmail: 'feedback.petition.contact_email',
  contactAddress: 'feedback.petition.contact_address',
  parentCode: 'feedback.petition.parent',
};

function errText(req: FastifyRequest, err: unknown): string {
  if (!(err instanceof AppError)) throw err;
  // validate() already named the field (FIELD_LABELS); a service's refusal names it by path only.
  const label = (f: FieldError) => f.label ?? (FIELD_LABELS[f.field] ? t(req.lang, FIELD_LABELS[f.field]) : f.field);
  return [t(req.lang, err.key, err.params), ...(err.fields ?? []).map((f) => `${label(f)}: ${f.message}`)].filter((x) => x && !x.endsWith(': ')).join(' ');
}

async function petitionPage(
  req: FastifyRequest,
  reply: FastifyReply,
  o: { status?: number; error?: string; notice?: string; found?: svc.PetitionView; pin?: string } = {},
) {
  const ctx = req.server.ctx;
  const lang = req.lang;
  const q = str((req.query as Body)?.q);
  const [published, settings, contacts, agencies] = await Promise.all([
    svc.publishedPetitions(ctx, { q }),
    svc.getSettings(ctx),
    svc.supportContacts(ctx),
    listAgencies(ctx),
  ]);
  const f = o.found;
  return sendPage(
    reply,
    <Layout req={req} title={t(lang, 'feedback.petition.title')}>
      <h1>{t(lang, 'feedback.petition.title')}</h1>
      <p>{t(lang, 'feedback.petition.intro', { days: settings.answerDays })}</p>
      {o.notice && (
        <p class="notice" role="status">
          {o.notice}
        </p>
      )}
      <ErrorBox message={o.error} />
      {f && (
        <section class="card" aria-labelledby="found">
          <h2 id="found">
            {f.code}: {f.title}
          </h2>
          <p>
            {t(lang, 'feedback.petition.state')}: <strong>{petitionStateText(lang, f.state)}</strong> · {t(lang, 'feedback.petition.due')}: {fmt(f.dueAt)} ·{' '}
            {t(lang, `feedback.petition.timeliness.${f.timeliness}`)}
          </p>
          {f.infoRequest && f.state === 'info_requested' && (
            <form method="post" action="/phan-anh/bo-sung">
              <CsrfField req={req} />
              <input type="hidden" name="code" value={f.code} />
              <input type="hidden" name="pin" value={o.pin} />
              <p>
                {t(lang, 'feedback.petition.info_request')}: {f.infoRequest}
              </p>
              <label for="info">{t(lang, 'feedback.petition.provide_info')}</label>
              <textarea id="info" name="text" required rows={4}></textarea>
              <button type="submit">{t(lang, 'feedback.petition.provide_info')}</button>
            </form>
          )}
          {f.refusalReason && (
            <p>
              {t(lang, 'feedback.petition.refusal')}: {f.refusalReason}
            </p>
          )}
          {f.answer && (
            <p>
              <strong>{t(lang, 'feedback.petition.answer')}:</strong> {f.answer}
            </p>
          )}
          {f.state === 'closed' && !f.rating && (
            <form method="post" action="/phan-anh/danh-gia">
              <CsrfField req={req} />
              <input type="hidden" name="code" value={f.code} />
              <input type="hidden" name="pin" value={o.pin} />
              <fieldset>
                <legend>{t(lang, 'feedback.petition.rate')}</legend>
                {(['satisfied', 'unsatisfied'] as const).map((v) => (
                  <label class="block">
                    <input type="radio" name="rating" value={v} required /> {t(lang, `feedback.petition.rating.${v}`)}
                  </label>
                ))}
              </fieldset>
              <label for="rc">{t(lang, 'feedback.petition.rating_comment')}</label>
              <textarea id="rc" name="comment" rows={2}></textarea>
              <label class="block">
                <input type="checkbox" name="reraise" value="1" /> {t(lang, 'feedback.petition.reraise')}
              </label>
              <button type="submit">{t(lang, 'feedback.petition.send_rating')}</button>
            </form>
          )}
          {f.rating && (
            <p>
              {t(lang, 'feedback.petition.rated', {
                rating: oneOf(['satisfied', 'unsatisfied'], f.rating) ? t(lang, `feedback.petition.rating.${f.rating}`) : f.rating,
              })}
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="new">
        <h2 id="new">{t(lang, 'feedback.petition.new')}</h2>
        <form method="post" action={'/phan-anh'} enctype="multipart/form-data" class="narrow">
          {/* the CSRF token first: the handler checks it before reading anything else */}
          <input type="hidden" name="_csrf" value={req.csrfToken} />
          <label for="subjectKind">{t(lang, 'feedback.petition.subject_kind')}</label>
          <select id="subjectKind" name="subjectKind">
            {SUBJECT_KINDS.map((k) => (
              <option value={k}>{t(lang, `feedback.petition.kind.${k}`)}</option>
            ))}
          </select>
          <label for="unitId">{t(lang, 'feedback.petition.unit')}</label>
          <select id="unitId" name="unitId" aria-describedby="unit-hint">
            <option value="">{t(lang, 'feedback.petition.unit_auto')}</option>
            {agencies.map((a) => (
              <option value={a.id}>{a.name}</option>
            ))}
          </select>
          <p class="hint" id="unit-hint">
            {t(lang, 'feedback.petition.unit_hint')}
          </p>
          <label for="subjectRef">{t(lang, 'feedback.petition.subject_ref')}</label>
          <input id="subjectRef" name="subjectRef" maxLength={200} />
          <label for="title">{t(lang, 'feedback.petition.field_title')}</label>
          <input id="title" name="title" required minLength={3} maxLength={200} />
          <label for="content">{t(lang, 'feedback.petition.content')}</label>
          <textarea id="content" name="content" required minLength={10} rows={6}></textarea>
          <label for="contactName">{t(lang, 'feedback.petition.contact_name')}</label>
          <input id="contactName" name="contactName" required autocomplete="name" value={req.actor?.kind === 'citizen' ? req.actor.name : ''} />
          <p class="hint" id="contact-hint">
            {t(lang, 'feedback.petition.contact_hint')}
          </p>
          <label for="contactPhone">{t(lang, 'feedback.petition.contact_phone')}</label>
          <input id="contactPhone" name="contactPhone" type="tel" autocomplete="tel" aria-describedby="contact-hint" />
          <label for="contactEmail">{t(lang, 'feedback.petition.contact_email')}</label>
          <input id="contactEmail" name="contactEmail" type="email" autocomplete="email" aria-describedby="contact-hint" />
          <label for="contactAddress">{t(lang, 'feedback.petition.contact_address')}</label>
          <input id="contactAddress" name="contactAddress" autocomplete="street-address" />
          <label for="parentCode">{t(lang, 'feedback.petition.parent')}</label>
          <input id="parentCode" name="parentCode" maxLength={40} />
          <label for="files">{t(lang, 'feedback.petition.files')}</label>
          <input id="files" name="files" type="file" multiple accept=".pdf,.png,.jpg,.jpeg,.docx" />
          <label class="block">
            <input type="checkbox" name="consentPublish" value="1" /> {t(lang, 'feedback.petition.consent')}
          </label>
          <button type="submit">{t(lang, 'feedback.petition.submit')}</button>
        </form>
      </section>
      <section aria-labelledby="lookup">
        <h2 id="lookup">{t(lang, 'feedback.petition.lookup')}</h2>
        <form method="post" action="/phan-anh/tra-cuu" class="narrow">
          <CsrfField req={req} />
          <label for="lcode">{t(lang, 'feedback.petition.code')}</label>
          <input id="lcode" name="code" required />
          <label for="lpin">{t(lang, 'feedback.petition.pin')}</label>
          <input id="lpin" name="pin" required autocomplete="off" />
          <button type="submit">{t(lang, 'feedback.petition.find')}</button>
        </form>
      </section>
      <section aria-labelledby="pub">
        <h2 id="pub">{t(lang, 'feedback.petition.published')}</h2>
        <form method="get" action="/phan-anh">
          <label for="q">{t(lang, 'feedback.petition.search')}</label> <input id="q" name="q" value={q} />{' '}
          <button type="submit">{t(lang, 'feedback.common.search')}</button>
        </form>
        {published.length === 0 ? (
          <p>{t(lang, 'feedback.petition.none_published')}</p>
        ) : (
          published.map((p) => (
            <article class="card">
              <h3>
                {p.code}: {p.title}
              </h3>
              <p>
                <strong>{t(lang, 'feedback.petition.question')}:</strong> {p.question}
              </p>
              <p>
                <strong>{t(lang, 'feedback.petition.answer')}</strong> ({p.unitName}, {fmt(p.publishedAt)}): {p.answer}
              </p>
            </article>
          ))
        )}
      </section>
      <SupportContacts lang={lang} contacts={contacts} />
    </Layout>,
    o.status ?? 200,
  );
}

async function readMultipart(req: FastifyRequest): Promise<{ fields: Body; files: svc_Upload[] }> {
  const fields: Body = {};
  const files: svc_Upload[] = [];
  if (!req.isMultipart()) return { fields: (req.body as Body) ?? {}, files };
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (bytes.length > 0) files.push({ bytes, name: part.filename, type: part.mimetype });
    } else fields[part.fieldname] = String(part.value);
  }
  return { fields, files };
}
type svc_Upload = { bytes: Uint8Array; name: string; type?: string | null };

function AssistantPage({ req, question, reply }: { req: FastifyRequest; question: string; reply?: svc.AssistantReply }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'feedback.assistant.title')}>
      <h1>{t(lang, 'feedback.assistant.title')}</h1>
      <p>{t(lang, 'feedback.assistant.intro')}</p>
      <form method="post" action="/tro-ly" class="narrow">
        <CsrfField req={req} />
        <label for="question">{t(lang, 'feedback.assistant.label')}</label>
        <textarea id="question" name="question" required maxLength={500} rows={3}>
          {question}
        </textarea>
        <button type="submit">{t(lang, 'feedback.assistant.ask')}</button>
      </form>
      {reply && (
        <section aria-labelledby="ans" aria-live="polite">
          <h2 id="ans">{t(lang, 'feedback.assistant.answer')}</h2>
          <div class="card" style="white-space:pre-line">
            {reply.answer}
          </div>
          {reply.procedures.length > 0 && (
            <>
              <h3>{t(lang, 'feedback.assistant.procedures')}</h3>
              <ol>
                {reply.procedures.map((p) => (
                  <li>
                    <a href={p.url}>{p.name}</a> ({p.code})
                  </li>
                ))}
              </ol>
            </>
          )}
          {!reply.known && <SupportContacts lang={lang} contacts={reply.contacts} />}
        </section>
      )}
      <p class="hint">{t(lang, 'feedback.assistant.disclaimer')}</p>
    </Layout>
  );
}

function RatingPage({
  req,
  dossier,
  rating,
  criteria,
  contacts,
  surveys,
  error,
  notice,
  chosen,
}: {
  req: FastifyRequest;
  dossier: { id: string; code: string; procedure_name: string };
  rating: svc.RatingView | null;
  /** The levels the person chose in a form sent back with an error (kept, not asked again). */
  chosen?: Record<string, number>;
  criteria: { key: string; vi: string; en: string }[];
  contacts: svc.Contact[];
  surveys: svc.Survey[];
  error?: string;
  notice?: string;
}) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'feedback.rating.title')}>
      <h1>{t(lang, 'feedback.rating.title')}</h1>
      <p>{t(lang, 'feedback.rating.intro', { code: dossier.code, procedure: dossier.procedure_name })}</p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorBox message={error} />
      <form method="post" action={`/danh-gia/${encodeURIComponent(dossier.id)}`}>
        <CsrfField req={req} />
        {criteria.map((c, i) => (
          <fieldset>
            <legend>
              {i + 1}. {lang === 'en' ? c.en : c.vi}
            </legend>
            {SCALE.map((v) => (
              <label class="block">
                <input type="radio" name={`s_${c.key}`} value={String(v)} required checked={(chosen ?? rating?.scores)?.[c.key] === v} />{' '}
                {t(lang, SCALE_KEYS[v])}
              </label>
            ))}
          </fieldset>
        ))}
        <label for="comment">{t(lang, 'feedback.rating.comment')}</label>
        <textarea id="comment" name="comment" rows={3}>
          {rating?.comment ?? ''}
        </textarea>
        {req.actor?.kind === 'officer' && <p class="hint">{t(lang, 'feedback.rating.desk')}</p>}
        <button type="submit">{t(lang, 'feedback.rating.submit')}</button>
      </form>
      {surveys.length > 0 && (
        <section aria-labelledby="surveys">
          <h2 id="surveys">{t(lang, 'feedback.rating.surveys')}</h2>
          <ul>
            {surveys.map((s) => (
              <li>
                <a href={`/khao-sat/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <SupportContacts lang={lang} contacts={contacts} />
    </Layout>
  );
}

export function portalPages(app: FastifyInstance) {
  app.get('/phan-anh', async (req, reply) => petitionPage(req, reply));
  app.post('/phan-anh', async (req, reply) => {
    const { fields, files } = await readMultipart(req);
    try {
      const input = validate(
        petitionBody,
        {
          ...fields,
          unitId: fields.unitId || null,
          subjectRef: fields.subjectRef || null,
          parentCode: fields.parentCode || null,
          contactAddress: fields.contactAddress || null,
          consentPublish: fields.consentPublish === '1',
        },
        req.lang,
        FIELD_LABELS,
      );
      const r = await svc.submitPetition(req.server.ctx, req.actor, input, files, req.ip);
      return petitionPage(req, reply, {
        notice: t(req.lang, 'feedback.petition.sent', { code: r.code, pin: r.pin, due: fmt(r.dueAt) }),
        found: await svc.lookupPetition(req.server.ctx, r.code, r.pin),
        pin: r.pin,
      });
    } catch (err) {
      return petitionPage(req, reply, { status: (err as AppError).status ?? 400, error: errText(req, err) });
    }
  });
  app.post('/phan-anh/tra-cuu', async (req, reply) => {
    const b = (req.body as Body) ?? {};
    try {
      return petitionPage(req, reply, { found: await svc.lookupPetition(req.server.ctx, str(b.code), str(b.pin)), pin: str(b.pin) });
    } catch (err) {
      return petitionPage(req, reply, { status: 404, error: errText(req, err) });
    }
  });
  app.post('/phan-anh/danh-gia', async (req, reply) => {
    const b = (req.body as Body) ?? {};
    try {
      const rating = str(b.rating) === 'unsatisfied' ? 'unsatisfied' : 'satisfied';
      const found = await svc.ratePetition(req.server.ctx, str(b.code), str(b.pin), { rating, comment: str(b.comment), reraise: str(b.reraise) === '1' });
      return petitionPage(req, reply, { found, pin: str(b.pin) });
    } catch (err) {
      return petitionPage(req, reply, { status: (err as AppError).status ?? 400, error: errText(req, err) });
    }
  });
  app.post('/phan-anh/bo-sung', async (req, reply) => {
    const b = (req.body as Body) ?? {};
    try {
      return petitionPage(req, reply, { found: await svc.provideInfo(req.server.ctx, str(b.code), str(b.pin), str(b.text)), pin: str(b.pin) });
    } catch (err) {
      return petitionPage(req, reply, { status: (err as AppError).status ?? 400, error: errText(req, err) });
    }
  });

  app.get('/tro-ly', async (req, reply) => sendPage(reply, <AssistantPage req={req} question="" />));
  app.post('/tro-ly', async (req, reply) => {
    const question = str((req.body as Body)?.question)
      .trim()
      .slice(0, 500);
    if (!question) return sendPage(reply, <AssistantPage req={req} question="" />, 400);
    return sendPage(reply, <AssistantPage req={req} question={question} reply={await svc.ask(req.server.ctx, req.actor, question, req.lang)} />);
  });

  app.get('/hoi-dap', async (req, reply) => {
    const q = (req.query as Body) ?? {};
    const [items, contacts] = await Promise.all([
      svc.listFaqs(req.server.ctx, { q: str(q.q), procedureCode: str(q.procedure) || undefined, fieldCode: str(q.field) || undefined }),
      svc.supportContacts(req.server.ctx),
    ]);
    const lang = req.lang;
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'feedback.faq.title')}>
        <h1>{t(lang, 'feedback.faq.title')}</h1>
        <form method="get" action="/hoi-dap">
          <label for="q">{t(lang, 'feedback.faq.search')}</label> <input id="q" name="q" value={str(q.q)} />{' '}
          <button type="submit">{t(lang, 'feedback.common.search')}</button>
        </form>
        {items.length === 0 ? (
          <p>{t(lang, 'feedback.faq.none')}</p>
        ) : (
          items.map((f) => (
            <details class="card">
              <summary>{f.question}</summary>
              <p>{f.answer}</p>
              {f.procedureCode && (
                <p class="hint">
                  <a href={`/thu-tuc/${encodeURIComponent(f.procedureCode)}`}>{f.procedureCode}</a>
                </p>
              )}
            </details>
          ))
        )}
        <SupportContacts lang={lang} contacts={contacts} />
      </Layout>,
    );
  });

  app.get('/khao-sat', async (req, reply) => {
    const [list, contacts] = await Promise.all([svc.listSurveys(req.server.ctx), svc.supportContacts(req.server.ctx)]);
    const lang = req.lang;
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'feedback.survey.title')}>
        <h1>{t(lang, 'feedback.survey.list')}</h1>
        {list.length === 0 ? (
          <p>{t(lang, 'feedback.survey.none')}</p>
        ) : (
          <ul>
            {list.map((s) => (
              <li>
                <a href={`/khao-sat/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        )}
        <SupportContacts lang={lang} contacts={contacts} />
      </Layout>,
    );
  });
  const surveyPage = async (req: FastifyRequest, reply: FastifyReply, o: { error?: string; done?: boolean; status?: number } = {}) => {
    const s = await svc.getSurvey(req.server.ctx, (req.params as { id: string }).id);
    if (!s || s.state === 'draft') return reply.callNotFound();
    const contacts = await svc.supportContacts(req.server.ctx);
    const lang = req.lang;
    return sendPage(
      reply,
      <Layout req={req} title={s.title}>
        <h1>{s.title}</h1>
        <p>{s.description}</p>
        <ErrorBox message={o.error} />
        {o.done ? (
          <p class="notice" role="status">
            {t(lang, 'feedback.survey.thanks')}
          </p>
        ) : s.state !== 'published' ? (
          <p>{t(lang, 'feedback.error.survey_closed')}</p>
        ) : (
          <form method="post" action={`/khao-sat/${s.id}`}>
            <CsrfField req={req} />
            {s.questions.map((q) => (
              <fieldset>
                <legend>
                  {q.text}
                  {q.required ? ` (${t(lang, 'feedback.survey.required')})` : ''}
                </legend>
                {q.type === 'single' &&
                  q.options.map((o) => (
                    <label class="block">
                      <input type="radio" name={q.id} value={o} required={q.required} /> {o}
                    </label>
                  ))}
                {q.type === 'multiple' &&
                  q.options.map((o) => (
                    <label class="block">
                      <input type="checkbox" name={q.id} value={o} /> {o}
                    </label>
                  ))}
                {q.type === 'scale' &&
                  [1, 2, 3, 4, 5].map((n) => (
                    <label>
                      <input type="radio" name={q.id} value={String(n)} required={q.required} /> {n}{' '}
                    </label>
                  ))}
                {q.type === 'short' && <input name={q.id} aria-label={q.text} required={q.required} maxLength={300} />}
                {q.type === 'long' && <textarea name={q.id} aria-label={q.text} required={q.required} rows={4}></textarea>}
              </fieldset>
            ))}
            <button type="submit">{t(lang, 'feedback.survey.submit')}</button>
          </form>
        )}
        <SupportContacts lang={lang} contacts={contacts} />
      </Layout>,
      o.status ?? 200,
    );
  };
  app.get('/khao-sat/:id', async (req, reply) => surveyPage(req, reply));
  app.post('/khao-sat/:id', async (req, reply) => {
    const { _csrf, ...answers } = ((req.body as Body) ?? {}) as Body;
    void _csrf;
    try {
      await svc.answerSurvey(req.server.ctx, req.actor, (req.params as { id: string }).id, answers);
      return surveyPage(req, reply, { done: true });
    } catch (err) {
      return surveyPage(req, reply, { status: (err as AppError).status ?? 400, error: errText(req, err) });
    }
  });

  const ratingPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    o: { error?: string; notice?: string; status?: number; chosen?: Record<string, number> } = {},
  ) => {
    const id = (req.params as { id: string }).id;
    const ctx = req.server.ctx;
    await svc.rateableDossier(ctx, requireActor(req), id);
    const d = (await getDossier(ctx, id))!;
    const [rating, settings, contacts, surveys] = await Promise.all([
      svc.getRating(ctx, id),
      svc.getSettings(ctx),
      svc.supportContacts(ctx, [d.receiving_unit_id]),
      svc.surveysForProcedure(ctx, d.procedure_code),
    ]);
    return sendPage(
      reply,
      <RatingPage
        req={req}
        dossier={d}
        rating={rating}
        criteria={settings.criteria}
        contacts={contacts}
        surveys={surveys}
        error={o.error}
        notice={o.notice}
        chosen={o.chosen}
      />,
      o.status ?? 200,
    );
  };
  app.get('/danh-gia/:id', async (req, reply) => ratingPage(req, reply));
  app.post('/danh-gia/:id', async (req, reply) => {
    const b = (req.body as Body) ?? {};
    const scores: Record<string, number> = {};
    for (const [k, v] of Object.entries(b)) if (k.startsWith('s_')) scores[k.slice(2)] = Number(str(v));
    try {
      const r = await svc.rateDossier(req.server.ctx, requireActor(req), (req.params as { id: string }).id, { scores, comment: str(b.comment) });
      return ratingPage(req, reply, { notice: t(req.lang, 'feedback.rating.saved', { until: fmt(r.changeableUntil) }) });
    } catch (err) {
      if (err instanceof AppError && (err.status === 401 || err.status === 403 || err.status === 404)) throw err;
      if (err instanceof AppError && err.key === 'feedback.error.rating_scores') {
        // The page names the criteria left unchosen as the form shows them ("3. Sự kịp thời …"), never their internal keys.
        const criteria = (await svc.getSettings(req.server.ctx)).criteria;
        const missing = (err.fields ?? [])
          .map((f) => criteria.findIndex((c) => `scores.${c.key}` === f.field))
          .filter((i) => i >= 0)
          .map((i) => `${i + 1}. ${req.lang === 'en' ? criteria[i]!.en : criteria[i]!.vi}`);
        return ratingPage(req, reply, { status: 400, error: t(req.lang, 'feedback.error.rating_missing', { criteria: missing.join('; ') }), chosen: scores });
      }
      return ratingPage(req, reply, { status: (err as AppError).status ?? 400, error: errText(req, err) });
    }
  });
}
