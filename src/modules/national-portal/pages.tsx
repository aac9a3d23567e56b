/** /quan-tri/dong-bo: the monitors' view of the sync to the National Public Service Portal. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from '../identity/service';
import { syncStatus, type SyncStatus } from './service';

function StatusPage({ req, s }: { req: FastifyRequest; s: SyncStatus }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'national_portal.status.title')}>
      <h1>{t(lang, 'national_portal.status.title')}</h1>
      <dl class="summary">
        <dt>{t(lang, 'national_portal.status.synced')}</dt>
        <dd>{s.dossiers.synced}</dd>
        <dt>{t(lang, 'national_portal.status.with_result')}</dt>
        <dd>{s.dossiers.withResult}</dd>
        <dt>{t(lang, 'national_portal.status.linked')}</dt>
        <dd>{s.dossiers.linked}</dd>
        <dt>{t(lang, 'national_portal.status.pending')}</dt>
        <dd>{s.outbox.pending}</dd>
        <dt>{t(lang, 'national_portal.status.failed')}</dt>
        <dd>{s.outbox.failed}</dd>
      </dl>
      <h2>{t(lang, 'national_portal.status.failing')}</h2>
      {s.failing.length === 0 && s.failed.length === 0 ? (
        <p>{t(lang, 'national_portal.status.all_good')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'national_portal.status.code')}</th>
              <th scope="col">{t(lang, 'national_portal.status.reason')}</th>
              <th scope="col">{t(lang, 'national_portal.status.when')}</th>
            </tr>
          </thead>
          <tbody>
            {s.failing.map((f) => (
              <tr>
                <td>{f.code}</td>
                <td>{f.lastError}</td>
                <td>{f.lastErrorAt}</td>
              </tr>
            ))}
            {s.failed.map((f) => (
              <tr>
                <td>{f.dossierId}</td>
                <td>
                  {t(lang, 'national_portal.status.gave_up', { n: f.attempts })} {f.lastError}
                </td>
                <td>{f.createdAt}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function nationalPortalPages(app: FastifyInstance) {
  app.get('/quan-tri/dong-bo', async (req, reply) => {
    await requireProvinceRole(app.ctx, requireOfficer(req, ['monitor', 'admin']), ['monitor', 'admin']);
    return sendPage(reply, <StatusPage req={req} s={await syncStatus(app.ctx)} />);
  });
}
