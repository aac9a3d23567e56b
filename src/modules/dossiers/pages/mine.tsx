/**
 * "Hồ sơ của tôi": the citizen's dossiers (/ho-so-cua-toi), one dossier with its state, history,
 * result and the actions allowed now (supplement, withdraw; links to payment and rating).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth';
import { conflict, badRequest } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { CsrfField } from '../../../web/csrf';
import {
  allowedActions,
  answerSupplement,
  getDossier,
  getDossierFor,
  listDossierEvents,
  receivedAtFormer,
  listMyDossiers,
  listSupplementRequests,
  withdrawDossier,
  type DossierEvent,
  type DossierView,
  type SupplementRequestView,
} from '../service';
import { AnswerForm, answersOf, SupplementRequests } from './supplement';
import {
  citizenOrLogin,
  Components,
  Dates,
  ErrorSummary,
  fieldError,
  fileHref,
  fmtDate,
  formErrorOf,
  History,
  one,
  readMultipartForm,
  NextStep,
  ResultFiles,
  Section,
  slipHref,
  StateTag,
  DeadlineTag,
  TextArea,
  type FormError,
} from './common';
import { unitNames } from '../../catalogue/service';
import { draftUploads, listDraftsFor } from '../service';
import { DraftsList } from './drafts';
import type { ComponentChildren } from 'preact';
import { AssistedNote, AssistedTag } from './assisted';

const FINAL = ['returned', 'refused', 'withdrawn', 'cancelled'];

function MyList({ req, items, page, more, drafts }: { req: FastifyRequest; items: DossierView[]; page: number; more: boolean; drafts?: ComponentChildren }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'pages.mine.title')}>
      <h1>{t(lang, 'pages.mine.title')}</h1>
      {drafts}
      {items.length === 0 ? (
        <p>
          {t(lang, 'pages.mine.none')} <a href="/thu-tuc">{t(lang, 'pages.mine.find')}</a>
        </p>
      ) : (
        <ul class="cards">
          {items.map((v) => (
            <li class="card">
              <h2 class="card-title">
                <a href={`/ho-so-cua-toi/${encodeURIComponent(v.id)}`}>{v.procedure.name}</a>
              </h2>
              <p>
                {t(lang, 'pages.dossier.code')}: <strong>{v.code}</strong>
              </p>
              <p>
                <StateTag lang={lang} state={v.state} /> <DeadlineTag lang={lang} v={v} /> <AssistedTag lang={lang} channel={v.channel} />
              </p>
              <p class="meta">
                {t(lang, 'pages.dossier.submitted')}: {fmtDate(lang, v.submittedAt)}
                {v.appointmentAt && !FINAL.includes(v.state) && (
                  <>
                    {' · '}
                    {t(lang, 'pages.dossier.appointment')}: {fmtDate(lang, v.appointmentAt)}
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label={t(lang, 'pages.pager')}>
        {page > 1 && (
          <a href={`/ho-so-cua-toi?trang=${page - 1}`} rel="prev">
            {t(lang, 'pages.prev')}
          </a>
        )}{' '}
        {more && (
          <a href={`/ho-so-cua-toi?trang=${page + 1}`} rel="next">
            {t(lang, 'pages.next')}
          </a>
        )}
      </nav>
    </Layout>
  );
}

function MyDossier({
  req,
  v,
  events,
  allowed,
  error,
  names,
  requests,
  formerDesk,
}: {
  req: FastifyRequest;
  v: DossierView;
  events: DossierEvent[];
  allowed: string[];
  error: FormError | null;
  names: Record<string, string>;
  requests: SupplementRequestView[];
  formerDesk: { former: string; now: string } | null;
}) {
  const lang = req.lang;
  const id = encodeURIComponent(v.id);
  const open = requests.filter((r) => r.state === 'issued').at(-1);
  return (
    <Layout req={req} title={`${t(lang, 'pages.mine.dossier')} ${v.code}`}>
      <p>
        <a href="/ho-so-cua-toi">{t(lang, 'pages.mine.back')}</a>
      </p>
      <h1>
        {t(lang, 'pages.mine.dossier')} {v.code}
      </h1>
      <ErrorSummary lang={lang} error={error} fieldIds={{ comment: 'withdraw-comment' }} />
      <AssistedNote lang={lang} events={events} audience="applicant" />
      <NextStep lang={lang} v={v} names={names} audience="applicant" />
      {formerDesk && <p id="received-at">{t(lang, 'pages.ws.receivedAtFormer', { former: formerDesk.former, now: formerDesk.now })}</p>}
      <Dates lang={lang} v={v} />
      <ul class="actions-links">
        {v.receivedAt && (
          <li>
            <a href={slipHref(v.id, 'receipt')}>{t(lang, 'pages.slip.receipt')}</a>
          </li>
        )}
        {!FINAL.includes(v.state) && (
          <li>
            <a href={`/thanh-toan/${id}`}>{t(lang, 'pages.mine.pay')}</a>
          </li>
        )}
        {FINAL.includes(v.state) && (
          <li>
            <a href={`/danh-gia/${id}`}>{t(lang, 'pages.mine.rate')}</a>
          </li>
        )}
      </ul>
      {v.files.some((f) => f.kind === 'result') && (
        <Section title={t(lang, 'pages.result.title')} id="result">
          <ResultFiles lang={lang} v={v} fileHref={fileHref(v.id)} citizen />
        </Section>
      )}
      {allowed.includes('supplement') && open && (
        <Section title={t(lang, 'pages.sup.answerTitle')} id="supplement">
          <p>{t(lang, 'pages.mine.supplementIntro')}</p>
          {open.reason && <p>{open.reason}</p>}
          <AnswerForm req={req} v={v} request={open} action={`/ho-so-cua-toi/${id}/bo-sung`} mode="online" />
        </Section>
      )}
      {requests.length > 0 && (
        <Section title={t(lang, 'pages.sup.title')} id="supplements">
          <p>
            {t(lang, 'pages.sup.count')}: <strong id="supplement-count">{t(lang, 'pages.sup.countValue', { n: v.supplementRequests })}</strong>
          </p>
          <SupplementRequests lang={lang} requests={requests} fileHref={fileHref(v.id)} files={v.files} />
        </Section>
      )}
      <Section title={t(lang, 'pages.dossier.components')} id="components">
        <Components lang={lang} v={v} fileHref={fileHref(v.id)} />
      </Section>
      <Section title={t(lang, 'pages.dossier.history')} id="history">
        <History lang={lang} events={events} />
      </Section>
      {allowed.includes('withdraw') && (
        <Section title={t(lang, 'pages.mine.withdrawTitle')} id="withdraw">
          <form method="post" action={`/ho-so-cua-toi/${id}/rut`}>
            <CsrfField req={req} />
            <input type="hidden" name="version" value={String(v.version)} />
            <TextArea
              id="withdraw-comment"
              name="comment"
              label={t(lang, 'pages.mine.withdrawReason')}
              required
              lang={lang}
              error={fieldError(error, 'comment')}
            />
            <button type="submit" class="danger">
              {t(lang, 'pages.mine.withdraw')}
            </button>
          </form>
        </Section>
      )}
    </Layout>
  );
}

async function renderDossier(req: FastifyRequest, actor: Actor, id: string, error: FormError | null) {
  const ctx = req.server.ctx;
  const v = await getDossierFor(ctx, actor, id);
  const row = (await getDossier(ctx, id))!;
  const [events, allowed] = await Promise.all([listDossierEvents(ctx, id), allowedActions(ctx, actor, row)]);
  const names = await unitNames(
    ctx,
    [v.receivingUnitId, v.step?.unitId, v.consultation?.unitId].filter((x): x is string => !!x),
  );
  // The applicant sees the requests sent to them, not a proposal still inside the office.
  const requests = (await listSupplementRequests(ctx, id)).filter((r) => r.state === 'issued' || r.state === 'answered');
  const formerDesk = await receivedAtFormer(ctx, v.receivingUnitId, events);
  return <MyDossier req={req} v={v} events={events} allowed={allowed} error={error} names={names} requests={requests} formerDesk={formerDesk} />;
}

export function minePages(app: FastifyInstance) {
  const ctx = app.ctx;
  const PAGE = 20;

  app.get('/ho-so-cua-toi', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const page = Math.min(Math.max(Number((req.query as Record<string, string>).trang) || 1, 1), 500);
    const rows = await listMyDossiers(ctx, actor, { limit: PAGE + 1, offset: (page - 1) * PAGE });
    // "Hồ sơ đang soạn" (issue 17.4): the drafts to resume, above the submitted dossiers.
    const drafts = await listDraftsFor(ctx, actor);
    const files: Record<string, number> = {};
    for (const d of drafts) files[d.procedureCode] = Object.values(await draftUploads(ctx, actor, d.procedureCode)).filter((u) => u.state === 'stored').length;
    const draftList = <DraftsList req={req} drafts={drafts} files={files} discarded={(req.query as Record<string, string>)['bo-nhap'] === '1'} />;
    return sendPage(reply, <MyList req={req} items={rows.slice(0, PAGE)} page={page} more={rows.length > PAGE} drafts={draftList} />);
  });

  app.get('/ho-so-cua-toi/:id', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    return sendPage(reply, await renderDossier(req, actor, (req.params as { id: string }).id, null));
  });

  app.post('/ho-so-cua-toi/:id/rut', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const { id } = req.params as { id: string };
    await getDossierFor(ctx, actor, id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const comment = one(body.comment).trim();
    try {
      if (!comment) throw badRequest('dossier.comment_required', undefined, [{ field: 'comment', message: t(req.lang, 'dossier.comment_required') }]);
      await withdrawDossier(ctx, actor, id, { version: Number(one(body.version)) || 0, comment, ip: req.ip });
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403 || e.status === 404) throw err;
      return sendPage(reply, await renderDossier(req, actor, id, e), e.status);
    }
    return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(id)}`, 303);
  });

  app.post('/ho-so-cua-toi/:id/bo-sung', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const { id } = req.params as { id: string };
    const before = await getDossierFor(ctx, actor, id);
    try {
      const { fields, files } = await readMultipartForm(req);
      if (Number(one(fields.version)) !== before.version) throw conflict('dossier.changed');
      if (before.state !== 'waiting_supplement') throw conflict('dossier.wrong_state', { state: before.state });
      const open = (await listSupplementRequests(ctx, id)).filter((r) => r.state === 'issued').at(-1);
      if (!open) throw conflict('dossier.wrong_state', { state: before.state });
      await answerSupplement(ctx, actor, id, { version: before.version, answers: answersOf(open, fields, files, 'online'), ip: req.ip });
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403 || e.status === 404) throw err;
      return sendPage(reply, await renderDossier(req, actor, id, e), e.status);
    }
    return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(id)}`, 303);
  });
}
