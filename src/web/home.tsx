import type { FastifyInstance } from 'fastify';
import { Layout } from './layout';
import { sendPage } from '../platform/http/html';
import { t } from '../platform/i18n';

/** The portal's home page; the catalogue and dossier modules add their blocks as they land. */
export function homePages(app: FastifyInstance) {
  app.get('/', async (req, reply) =>
    sendPage(
      reply,
      <Layout req={req} title={t(req.lang, 'nav.home')}>
        <h1>{t(req.lang, 'site.name')}</h1>
        <p>{t(req.lang, 'site.tagline')}</p>
      </Layout>,
    ),
  );
}
