/**
 * /quan-tri/sap-nhap-ho-so (issue 11 item 4): for the province's administrator, the units ended by a
 * merger or retirement in force that open dossiers still name, where they go, and those without a
 * successor (kept as they are: the administrator decides, nothing is guessed). "Chuyển ngay" runs
 * what the daily job (dossiers.reroute-retired, 00:05 Vietnam time) does, then shows the outcome.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer } from '../../../platform/auth';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { CsrfField } from '../../../web/csrf';
import { Layout } from '../../../web/layout';
import { endedUnitsWithDossiers, rerouteRetiredDossiers, type EndedUnitWithDossiers } from '../service';

export const MERGER_URL = '/quan-tri/sap-nhap-ho-so';
const civil = (d: string | null) => (d ? d.split('-').reverse().join('/') : '—');

function MergerPage({ req, units, done }: { req: FastifyRequest; units: EndedUnitWithDossiers[]; done: { moved: number; kept: number } | null }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'pages.merger.title')}>
      <h1>{t(lang, 'pages.merger.title')}</h1>
      <p>{t(lang, 'pages.merger.intro')}</p>
      {done && (
        <div class="notice" role="status">
          <p>{t(lang, 'pages.merger.done', { moved: done.moved, kept: done.kept })}</p>
        </div>
      )}
      {units.length === 0 ? (
        <p role="status">{t(lang, 'pages.merger.none')}</p>
      ) : (
        <ul class="cards">
          {units.map((u) => (
            <li class="card" id={`unit-${u.unitId}`}>
              <h2 class="card-title">{u.name}</h2>
              <p>{t(lang, 'pages.merger.basis', { decision: u.decision ?? '—', date: civil(u.effectiveDate) })}</p>
              {u.successorName ? (
                <p>{t(lang, 'pages.merger.successor', { name: u.successorName })}</p>
              ) : (
                <p class="tag late">{t(lang, 'pages.merger.noSuccessor')}</p>
              )}
              <p>{t(lang, 'pages.merger.dossiers', { codes: u.dossiers.join(', ') })}</p>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={MERGER_URL}>
        <CsrfField req={req} />
        <button type="submit">{t(lang, 'pages.merger.run')}</button>
      </form>
    </Layout>
  );
}

export function mergerPages(app: FastifyInstance) {
  const ctx = app.ctx;
  app.get(MERGER_URL, async (req, reply) => {
    const units = await endedUnitsWithDossiers(ctx, requireOfficer(req));
    return sendPage(reply, <MergerPage req={req} units={units} done={null} />);
  });
  app.post(MERGER_URL, async (req, reply) => {
    const actor = requireOfficer(req);
    const run = await rerouteRetiredDossiers(ctx, actor, { ip: req.ip });
    const moved = run.outcomes.filter((o) => o.to).length;
    const units = await endedUnitsWithDossiers(ctx, actor);
    return sendPage(reply, <MergerPage req={req} units={units} done={{ moved, kept: run.outcomes.length - moved }} />);
  });
}
