/**
 * Offline reception (/can-bo/tiep-nhan-ngoai-tuyen, issue 17 item 6): an installable web app for
 * reception officers where the network is poor. The page is a shell that the service worker
 * (/can-bo/tiep-nhan-ngoai-tuyen-sw.js) caches with its script and the catalogue; the script
 * (/static/offline-intake.js) searches the cached catalogue, keeps queued dossiers and their
 * photos/scans in IndexedDB with a client-generated key and a provisional receipt number, shows
 * and prints the provisional receipt, and syncs through POST /api/v1/offline-intake when the
 * network returns. Without JavaScript nothing can be kept offline: the page says so and links
 * to the usual desk reception (POST + redirect), which is the core journey without JavaScript.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { STATIC_DIR } from '../../../web/static-dir';
import { offlineMessages } from '../offline-messages';
import { officerOrLogin } from './common';

export const OFFLINE_PAGE = '/can-bo/tiep-nhan-ngoai-tuyen';
export const OFFLINE_SW = '/can-bo/tiep-nhan-ngoai-tuyen-sw.js';
export const OFFLINE_MANIFEST = '/can-bo/tiep-nhan-ngoai-tuyen.webmanifest';

const SW_SOURCE = readFileSync(join(STATIC_DIR, 'offline-intake-sw.js'), 'utf8');

/** The labels the applicant fields share with the desk page. */
const APPLICANT = [
  { id: 'oi-ap-id', name: 'idNumber', key: 'pages.field.applicant.idNumber', type: 'text', inputmode: 'numeric', required: true, hint: 'pages.desk.idHint' },
  { id: 'oi-ap-name', name: 'name', key: 'pages.field.applicant.name', type: 'text', required: true },
  { id: 'oi-ap-phone', name: 'phone', key: 'pages.field.applicant.phone', type: 'tel', inputmode: 'tel' },
  { id: 'oi-ap-email', name: 'email', key: 'pages.field.applicant.email', type: 'email' },
  { id: 'oi-ap-address', name: 'address', key: 'pages.field.applicant.address', type: 'text' },
] as const;

export function offlineIntakePages(app: FastifyInstance) {
  app.get(OFFLINE_PAGE, async (req, reply) => {
    const actor = officerOrLogin(req, reply, ['reception']);
    if (!actor) return reply;
    const lang = req.lang;
    // The script's strings, in the page's language (a JSON data block: not executed, allowed by the CSP).
    const keys = Object.keys(offlineMessages.vi) as (keyof typeof offlineMessages.vi)[];
    const extra = ['pages.field.applicant.idNumber', 'pages.field.applicant.name', 'pages.required', 'pages.optional'] as const;
    const strings: Record<string, string> = {};
    for (const k of [...keys, ...extra]) strings[k] = t(lang, k);
    const json = JSON.stringify(strings).replace(/</g, '\\u003c');
    return sendPage(
      reply,
      <Layout
        req={req}
        title={t(lang, 'offline.title')}
        head={
          <>
            <link rel="manifest" href={OFFLINE_MANIFEST} />
            <meta name="theme-color" content="#0b5394" />
            <link rel="stylesheet" href="/static/offline-intake.css" />
          </>
        }
      >
        <div id="oi" data-lang={lang} data-officer={actor.id} data-csrf={req.csrfToken} data-sw={OFFLINE_SW} data-scope={OFFLINE_PAGE}>
          <h1>{t(lang, 'offline.title')}</h1>
          <p>{t(lang, 'offline.intro')}</p>
          <p id="oi-net" class="notice" role="status" aria-live="polite"></p>
          <noscript>
            <p class="notice">
              {t(lang, 'offline.noscript')} <a href="/can-bo/tiep-nhan">{t(lang, 'offline.deskLink')}</a>
            </p>
          </noscript>
          <p id="oi-catalogue" class="hint"></p>

          <section id="oi-search" class="card" hidden>
            <label for="oi-q">{t(lang, 'offline.search')}</label>
            <p class="hint" id="oi-q-hint">
              {t(lang, 'offline.searchHint')}
            </p>
            <input type="search" id="oi-q" aria-describedby="oi-q-hint" autocomplete="off" />
            <p id="oi-matches-status" role="status"></p>
            <ul id="oi-matches" class="procedure-matches"></ul>
          </section>

          <form id="oi-form" class="card" hidden novalidate>
            <p>
              {t(lang, 'offline.chosen')}: <strong id="oi-procedure"></strong>
            </p>
            <div id="oi-errors" class="error-summary" role="alert" tabIndex={-1} hidden>
              <h2>{t(lang, 'offline.errorsTitle')}</h2>
              <ul></ul>
            </div>
            <div class="control" id="oi-unit-control" hidden>
              <label for="oi-unit">{t(lang, 'offline.unit')}</label>
              <select id="oi-unit"></select>
            </div>
            <fieldset>
              <legend>{t(lang, 'pages.ws.applicant')}</legend>
              <fieldset>
                <legend class="visually-hidden">{t(lang, 'pages.desk.kind')}</legend>
                {(['citizen', 'organisation'] as const).map((k) => (
                  <span>
                    <input type="radio" id={`oi-kind-${k}`} name="oi-kind" value={k} checked={k === 'citizen'} />{' '}
                    <label class="inline" for={`oi-kind-${k}`}>
                      {t(lang, `pages.desk.kind.${k}`)}
                    </label>{' '}
                  </span>
                ))}
              </fieldset>
              {APPLICANT.map((f) => (
                <div class="control">
                  <label for={f.id}>
                    {t(lang, f.key)}
                    {'required' in f && <span class="required"> ({t(lang, 'pages.required')})</span>}
                  </label>
                  {'hint' in f && (
                    <p class="hint" id={`${f.id}-hint`}>
                      {t(lang, f.hint)}
                    </p>
                  )}
                  <input
                    id={f.id}
                    name={f.name}
                    type={f.type}
                    inputmode={'inputmode' in f ? f.inputmode : undefined}
                    aria-describedby={'hint' in f ? `${f.id}-hint` : undefined}
                    autocomplete="off"
                  />
                </div>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t(lang, 'offline.components')}</legend>
              <p class="hint">{t(lang, 'offline.componentsHint')}</p>
              <div id="oi-components"></div>
            </fieldset>
            <div>
              <input type="checkbox" id="oi-receive" checked />{' '}
              <label class="inline" for="oi-receive">
                {t(lang, 'offline.receiveNow')}
              </label>
            </div>
            <button type="submit" id="oi-save">
              {t(lang, 'offline.save')}
            </button>
          </form>

          <section id="oi-receipt" class="card oi-receipt" hidden aria-labelledby="oi-receipt-title" tabIndex={-1}>
            <h2 id="oi-receipt-title">{t(lang, 'offline.receipt.title')}</h2>
            <p>
              {t(lang, 'offline.receipt.number')}: <strong id="oi-receipt-number" class="oi-number"></strong>
            </p>
            <dl id="oi-receipt-details"></dl>
            <p id="oi-receipt-note"></p>
            <p class="oi-actions">
              <button type="button" id="oi-print">
                {t(lang, 'offline.print')}
              </button>{' '}
              <button type="button" class="secondary" id="oi-another">
                {t(lang, 'offline.another')}
              </button>
            </p>
          </section>

          <section id="oi-queue" class="card" aria-labelledby="oi-queue-title">
            <h2 id="oi-queue-title">{t(lang, 'offline.queue.title')}</h2>
            <p id="oi-queue-count" role="status"></p>
            <p id="oi-sync-status" role="status" aria-live="polite"></p>
            <p class="oi-actions">
              <button type="button" id="oi-sync" class="secondary">
                {t(lang, 'offline.queue.sync')}
              </button>{' '}
              <button type="button" id="oi-clear" class="secondary">
                {t(lang, 'offline.queue.clearSynced')}
              </button>
            </p>
            <ul id="oi-items" class="oi-items"></ul>
          </section>
          <script type="application/json" id="oi-messages" dangerouslySetInnerHTML={{ __html: json }}></script>
        </div>
        <script src="/static/offline-intake.js" defer></script>
      </Layout>,
    );
  });

  app.get(OFFLINE_MANIFEST, async (req, reply) => {
    const lang = req.lang;
    reply.header('content-type', 'application/manifest+json; charset=utf-8');
    return JSON.stringify({
      name: t(lang, 'offline.manifest.name'),
      short_name: t(lang, 'offline.manifest.short'),
      lang,
      start_url: OFFLINE_PAGE,
      scope: OFFLINE_PAGE,
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b5394',
      icons: [{ src: '/static/offline-intake-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    });
  });

  // The service worker is served from /can-bo/ so that it may control the offline page (a worker's
  // scope is at most its own folder); same origin, allowed by the CSP's default-src 'self'.
  app.get(OFFLINE_SW, async (_req, reply) => {
    reply.header('content-type', 'text/javascript; charset=utf-8');
    reply.header('service-worker-allowed', OFFLINE_PAGE);
    return SW_SOURCE;
  });
}
