import type { FastifyInstance, FastifyRequest } from 'fastify';
import { t, type Lang } from '../../platform/i18n';
import { sendPage } from '../../platform/http/html';
import { requireCitizen } from '../../platform/auth';
import { AppError } from '../../platform/errors';
import { Layout } from '../../web/layout';
import { FeeSummary } from '../catalogue/service';
import { CsrfField } from '../../web/csrf';
import { paymentReturned, paymentStatus, quoteFees, startPayment, type PaymentView } from './service';
import type { FeeQuote } from './model';
import type { FeeSpec } from '../catalogue/model';

const money = (lang: Lang, n: number) => `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ${lang === 'vi' ? 'đồng' : 'VND'}`;
const when = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));

function History({ lang, payments }: { lang: Lang; payments: PaymentView[] }) {
  if (payments.length === 0) return null;
  return (
    <section>
      <h2>{t(lang, 'payments.page.history')}</h2>
      <ul>
        {payments.map((p) => (
          <li>
            {when(lang, p.createdAt)} - {money(lang, p.amount)} -{' '}
            <span class={`tag ${p.state === 'paid' ? 'ok' : p.state === 'pending' ? 'soon' : ''}`}>{t(lang, `payments.page.state.${p.state}`)}</span>
            {p.state === 'paid' && (
              <>
                {' '}
                <a href={`/api/v1/payments/${p.id}/receipt.pdf`}>{t(lang, 'payments.page.receipt')}</a>
              </>
            )}
            {p.state === 'pending' && p.payUrl && (
              <>
                {' '}
                <a href={p.payUrl}>{t(lang, 'payments.page.continue')}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function PayPage({
  req,
  code,
  procedure,
  quote,
  fees,
  status,
}: {
  req: FastifyRequest;
  code: string;
  procedure: string;
  quote: FeeQuote;
  fees: FeeSpec[];
  status: Awaited<ReturnType<typeof paymentStatus>>;
}) {
  const lang = req.lang;
  const exemptions = fees.filter((f) => f.exemption).map((f) => `${f.name}: ${f.exemption}`);
  return (
    <Layout req={req} title={t(lang, 'payments.page.title', { code })}>
      <h1>{t(lang, 'payments.page.title', { code })}</h1>
      <p>
        {t(lang, 'payments.page.procedure')}: {procedure}
      </p>
      {status.state === 'paid' && (
        <p class="notice">{t(lang, 'payments.page.paidNotice', { amount: money(lang, status.amountPaid), at: when(lang, status.paidAt!) })}</p>
      )}
      {status.state === 'pending' && <p class="notice">{t(lang, 'payments.page.pendingNotice')}</p>}
      <FeeSummary lang={lang} quote={quote} />
      {exemptions.map((e) => (
        <p class="hint">{t(lang, 'payments.page.exemption', { text: e })}</p>
      ))}
      {quote.total <= 0 && <p class="notice">{t(lang, 'payments.page.nothing')}</p>}
      {quote.total > 0 && status.state !== 'paid' && (
        <form method="post" action={`/thanh-toan/${encodeURIComponent(status.dossierId)}`}>
          <CsrfField req={req} />
          <p class="hint">{t(lang, 'payments.page.redirectNote')}</p>
          <button type="submit" class="button">
            {t(lang, 'payments.page.pay')}
          </button>
        </form>
      )}
      <History lang={lang} payments={status.payments} />
    </Layout>
  );
}

function ResultPage({ req, p }: { req: FastifyRequest; p: PaymentView }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'payments.page.result')}>
      <h1>{t(lang, 'payments.page.result')}</h1>
      <p>
        <span class={`tag ${p.state === 'paid' ? 'ok' : p.state === 'pending' ? 'soon' : 'late'}`}>{t(lang, `payments.page.state.${p.state}`)}</span>{' '}
        {p.dossierCode} - {money(lang, p.amount)}
      </p>
      {p.state === 'pending' && <p class="notice">{t(lang, 'payments.page.pendingNotice')}</p>}
      {p.state === 'paid' && (
        <p>
          <a href={`/api/v1/payments/${p.id}/receipt.pdf`}>{t(lang, 'payments.page.receipt')}</a>
        </p>
      )}
      <p>
        <a href={`/thanh-toan/${encodeURIComponent(p.dossierId)}`}>{t(lang, 'payments.page.back')}</a>
      </p>
    </Layout>
  );
}

export function paymentsPages(app: FastifyInstance) {
  app.get('/thanh-toan/ket-qua', async (req, reply) => {
    const actor = requireCitizen(req);
    const ref = String((req.query as Record<string, unknown>).MaThamChieu ?? '');
    return sendPage(reply, <ResultPage req={req} p={await paymentReturned(req.server.ctx, actor, ref)} />);
  });

  app.get('/thanh-toan/:dossierId', async (req, reply) => {
    const actor = requireCitizen(req);
    const { dossierId } = req.params as { dossierId: string };
    const { dossier, quote, fees } = await quoteFees(req.server.ctx, actor, dossierId);
    return sendPage(
      reply,
      <PayPage
        req={req}
        code={dossier.code}
        procedure={dossier.procedure_name}
        quote={quote}
        fees={fees}
        status={await paymentStatus(req.server.ctx, dossierId)}
      />,
    );
  });

  app.post('/thanh-toan/:dossierId', async (req, reply) => {
    const actor = requireCitizen(req);
    const { dossierId } = req.params as { dossierId: string };
    try {
      const p = await startPayment(req.server.ctx, actor, dossierId, { ip: req.ip });
      return reply.redirect(p.payUrl ?? `/thanh-toan/${encodeURIComponent(dossierId)}`, 303);
    } catch (e) {
      if (e instanceof AppError && e.status === 409) return reply.redirect(`/thanh-toan/${encodeURIComponent(dossierId)}`, 303);
      throw e;
    }
  });
}
