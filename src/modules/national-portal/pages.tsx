/**
 * /quan-tri/dong-bo: the monitors' view of the sync with the National Public Service Portal,
 * both ways. With FRONT_DOOR=national the citizens' submission pages send them to the portal.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from '../identity/service';
import { syncStatus, type SyncStatus } from './service';
import { listInbound, pullOnce, type InboundRow } from './intake';
import { CsrfField } from '../../web/csrf';

function InboundTable({ req, rows }: { req: FastifyRequest; rows: InboundRow[] }) {
  const lang = req.lang;
  if (rows.length === 0) return <p>{t(lang, 'national_portal.inbound.none')}</p>;
  return (
    <TableWrap lang={lang} name={t(lang, 'national_portal.inbound.title')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'national_portal.inbound.portal_code')}</th>
            <th scope="col">{t(lang, 'national_portal.inbound.state')}</th>
            <th scope="col">{t(lang, 'national_portal.inbound.deliveries')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <td>{r.portalCode}</td>
              <td>
                {r.state === 'received' ? (
                  <a href={`/can-bo/ho-so/${encodeURIComponent(r.dossierId!)}`}>{t(lang, 'national_portal.inbound.state_received')}</a>
                ) : (
                  `${t(lang, 'national_portal.inbound.state_refused')}: ${r.reason ?? ''}`
                )}
                {r.payment?.paid ? <div>{t(lang, 'national_portal.inbound.paid', { amount: r.payment.amount.toLocaleString('vi-VN') })}</div> : null}
              </td>
              <td>{r.deliveries}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function StatusPage({ req, s, inbound, notice }: { req: FastifyRequest; s: SyncStatus; inbound: InboundRow[]; notice?: string }) {
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
      <h2>{t(lang, 'national_portal.inbound.title')}</h2>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form method="post" action="/quan-tri/dong-bo/lay-ho-so">
        <CsrfField req={req} />
        <button type="submit" class="button">
          {t(lang, 'national_portal.inbound.pull_now')}
        </button>
      </form>
      <InboundTable req={req} rows={inbound} />
    </Layout>
  );
}

export function nationalPortalPages(app: FastifyInstance) {
  app.get('/quan-tri/dong-bo', async (req, reply) => {
    await requireProvinceRole(app.ctx, requireOfficer(req, ['monitor', 'admin']), ['monitor', 'admin']);
    return sendPage(reply, <StatusPage req={req} s={await syncStatus(app.ctx)} inbound={await listInbound(app.ctx)} />);
  });

  app.post('/quan-tri/dong-bo/lay-ho-so', async (req, reply) => {
    await requireProvinceRole(app.ctx, requireOfficer(req, ['monitor', 'admin']), ['monitor', 'admin']);
    let notice: string;
    try {
      const r = await pullOnce(app.ctx);
      notice = t(req.lang, 'national_portal.inbound.pulled', {
        offered: r.offered,
        received: r.received,
        duplicates: r.duplicates,
        refused: r.refused,
        failed: r.failed.length,
      });
    } catch (err) {
      notice = t(req.lang, 'national_portal.inbound.pull_failed', { reason: String((err as Error).message ?? err) });
    }
    return sendPage(reply, <StatusPage req={req} s={await syncStatus(app.ctx)} inbound={await listInbound(app.ctx)} notice={notice} />);
  });

  // The national portal as the front door: submission goes there (the procedure preselected), lookup stays here.
  app.addHook('onRequest', async (req, reply) => {
    const np = app.ctx.config.nationalPortal;
    if (np.frontDoor !== 'national') return;
    const m = /^\/nop-ho-so(?:\/([^/?]+))?/.exec(req.url);
    if (!m) return;
    const code = m[1] ? decodeURIComponent(m[1]) : '';
    return reply.redirect(`${np.publicUrl}/nop-ho-so${code ? `?thutuc=${encodeURIComponent(code)}` : ''}`, 303);
  });
}
