/** Public status lookup (/tra-cuu): the dossier code plus a second factor; never by code alone. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { CsrfField } from '../../../web/csrf';
import { lookupPublic, type PublicStatus } from '../service';
import { actionLabel, ErrorSummary, Field, fmtDateTime, formErrorOf, one, StateTag, stateText, type FormError } from './common';

function LookupPage({ req, code, error, status }: { req: FastifyRequest; code: string; error: FormError | null; status: PublicStatus | null }) {
  const lang = req.lang;
  const title = status ? t(lang, 'pages.lookup.resultTitle', { code: status.code }) : t(lang, 'pages.lookup.title');
  return (
    <Layout req={req} title={title}>
      <h1>{title}</h1>
      {status ? (
        <>
          <dl class="summary">
            {status.portalCode && (
              <>
                <dt>{t(lang, 'pages.ws.portalCode')}</dt>
                <dd>{status.portalCode}</dd>
              </>
            )}
            <dt>{t(lang, 'pages.dossier.procedure')}</dt>
            <dd>{status.procedure}</dd>
            <dt>{t(lang, 'pages.dossier.state')}</dt>
            <dd>
              <StateTag lang={lang} state={status.state} />
            </dd>
            <dt>{t(lang, 'pages.dossier.submitted')}</dt>
            <dd>{fmtDateTime(lang, status.submittedAt)}</dd>
            {status.receivedAt && (
              <>
                <dt>{t(lang, 'pages.dossier.received')}</dt>
                <dd>{fmtDateTime(lang, status.receivedAt)}</dd>
              </>
            )}
            {status.appointmentAt && (
              <>
                <dt>{t(lang, 'pages.dossier.appointment')}</dt>
                <dd>{fmtDateTime(lang, status.appointmentAt)}</dd>
              </>
            )}
            {status.resultReadyAt && (
              <>
                <dt>{t(lang, 'pages.dossier.resultReady')}</dt>
                <dd>{fmtDateTime(lang, status.resultReadyAt)}</dd>
              </>
            )}
            {status.returnedAt && (
              <>
                <dt>{t(lang, 'pages.dossier.returned')}</dt>
                <dd>{fmtDateTime(lang, status.returnedAt)}</dd>
              </>
            )}
          </dl>
          <h2>{t(lang, 'pages.dossier.history')}</h2>
          <ol class="timeline">
            {status.history.map((h) => (
              <li>
                <strong>{actionLabel(lang, h.action)}</strong> – {stateText(lang, h.to)}
                <p class="meta">{fmtDateTime(lang, h.at)}</p>
              </li>
            ))}
          </ol>
          <p>
            <a href="/tra-cuu">{t(lang, 'pages.lookup.again')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t(lang, 'pages.lookup.intro')}</p>
          <ErrorSummary lang={lang} error={error} />
          <form method="post" action="/tra-cuu" class="narrow">
            <CsrfField req={req} />
            <Field
              id="code"
              name="code"
              label={t(lang, 'pages.lookup.code')}
              hint={t(lang, 'pages.lookup.codeHint')}
              value={code}
              required
              lang={lang}
              autocomplete="off"
            />
            <Field
              id="secret"
              name="secret"
              label={t(lang, 'pages.lookup.secret')}
              hint={t(lang, 'pages.lookup.secretHint')}
              required
              lang={lang}
              inputmode="numeric"
              autocomplete="off"
            />
            <button type="submit">{t(lang, 'pages.lookup.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function lookupPages(app: FastifyInstance) {
  app.get('/tra-cuu', async (req, reply) => {
    const code = one((req.query as Record<string, unknown>).ma).slice(0, 60);
    return sendPage(reply, <LookupPage req={req} code={code} error={null} status={null} />);
  });

  app.post('/tra-cuu', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const code = one(body.code).trim().slice(0, 60);
    const secret = one(body.secret).trim().slice(0, 12);
    try {
      if (code.length < 5 || secret.length < 4) throw Object.assign(new Error(), { lookupInput: true });
      const status = await lookupPublic(app.ctx, { code, secret, client: req.ip });
      return sendPage(reply, <LookupPage req={req} code={code} error={null} status={status} />);
    } catch (err) {
      const e: FormError = (err as { lookupInput?: boolean }).lookupInput
        ? { status: 400, message: t(req.lang, 'pages.lookup.incomplete'), fields: [] }
        : formErrorOf(req.lang, err);
      return sendPage(reply, <LookupPage req={req} code={code} error={e} status={null} />, e.status);
    }
  });
}
