/** Officers' work queues (/can-bo/hang-doi): to receive, to process, due soon, late - filtered to their units and roles. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { QUEUES, workQueue, type DossierView, type QueueName } from '../service';
import { AssistedTag } from './assisted';
import { DeadlineTag, fmtDateTime, officerOrLogin, StateTag } from './common';
import { assignableOfficers, BULK_URL, BulkControls, CSV_URL } from './bulk';
import { CsrfField } from '../../../web/csrf';

const TAB_PARAM = 'tab';

function QueuePage({
  req,
  queue,
  items,
  page,
  more,
  all,
  officers,
}: {
  req: FastifyRequest;
  queue: QueueName;
  items: DossierView[];
  page: number;
  more: boolean;
  all: boolean;
  officers: { id: string; name: string }[];
}) {
  const lang = req.lang;
  const link = (q: QueueName, p = 1) => `/can-bo/hang-doi?${TAB_PARAM}=${q}${p > 1 ? `&trang=${p}` : ''}`;
  return (
    <Layout req={req} title={t(lang, 'pages.queue.title')}>
      <h1>{t(lang, 'pages.queue.title')}</h1>
      <nav class="tabs" aria-label={t(lang, 'pages.queue.tabs')}>
        <ul>
          {QUEUES.map((q) => (
            <li>
              <a href={link(q)} aria-current={q === queue ? 'page' : undefined}>
                {t(lang, `pages.queue.${q}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{t(lang, `pages.queue.${queue}`)}</h2>
      <p role="status">{items.length === 0 ? t(lang, 'pages.queue.empty') : t(lang, 'pages.queue.count', { n: items.length })}</p>
      <p>
        <a href={CSV_URL}>{t(lang, 'pages.bulk.csvLink')}</a>
      </p>
      {/* Bulk work without JavaScript: one form, a checkbox per dossier ("id:version"), the action below the list. */}
      <form method="post" action={BULK_URL} id="bulk-form">
        <CsrfField req={req} />
        {items.length > 0 && (
          <p>
            {all ? (
              <a href={`${link(queue, page)}`}>{t(lang, 'pages.bulk.selectNone')}</a>
            ) : (
              <a href={`${link(queue, page)}&chon=tat-ca`}>{t(lang, 'pages.bulk.selectAll')}</a>
            )}
          </p>
        )}
        <ul class="cards">
          {items.map((v, i) => {
            const due = v.step?.dueAt ?? v.dueAt;
            return (
              <li class="card">
                <h3 class="card-title">
                  <label class="bulk-pick" for={`chon-${i}`}>
                    <input type="checkbox" id={`chon-${i}`} name="chon" value={`${v.id}:${v.version}`} checked={all} />
                    <span class="visually-hidden">{t(lang, 'pages.bulk.select', { code: v.code })}</span>
                  </label>{' '}
                  <a href={`/can-bo/ho-so/${encodeURIComponent(v.id)}`}>{v.code}</a>
                </h3>
                <p>{v.procedure.name}</p>
                <p>
                  {t(lang, 'pages.dossier.applicant')}: {v.applicant.name}
                </p>
                <p>
                  <StateTag lang={lang} state={v.state} /> <DeadlineTag lang={lang} v={v} soon={queue === 'due-soon'} />{' '}
                  <AssistedTag lang={lang} channel={v.channel} />
                  {v.step && <> · {v.step.name}</>}
                </p>
                {due && (
                  <p class="meta">
                    {t(lang, v.step?.dueAt ? 'pages.queue.stepDue' : 'pages.dossier.due')}: {fmtDateTime(lang, due)}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
        {items.length > 0 && <BulkControls req={req} officers={officers} preferred={queue === 'to-receive' ? 'return_result' : 'forward'} />}
      </form>
      <nav class="pager" aria-label={t(lang, 'pages.pager')}>
        {page > 1 && (
          <a href={link(queue, page - 1)} rel="prev">
            {t(lang, 'pages.prev')}
          </a>
        )}{' '}
        {more && (
          <a href={link(queue, page + 1)} rel="next">
            {t(lang, 'pages.next')}
          </a>
        )}
      </nav>
    </Layout>
  );
}

export function queuePages(app: FastifyInstance) {
  app.get('/can-bo/hang-doi', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const q = (req.query ?? {}) as Record<string, string>;
    const fallback: QueueName = actor.roles.some((g) => g.role === 'reception') ? 'to-receive' : 'to-process';
    const queue = (QUEUES as readonly string[]).includes(q[TAB_PARAM]) ? (q[TAB_PARAM] as QueueName) : fallback;
    const page = Math.min(Math.max(Number(q.trang) || 1, 1), 200);
    const rows = await workQueue(app.ctx, actor, queue, { limit: 51, offset: (page - 1) * 50 });
    const officers = rows.length > 0 ? await assignableOfficers(app, actor) : [];
    return sendPage(
      reply,
      <QueuePage req={req} queue={queue} items={rows.slice(0, 50)} page={page} more={rows.length > 50} all={q.chon === 'tat-ca'} officers={officers} />,
    );
  });
}
