import type { FastifyInstance } from 'fastify';
import { Layout } from './layout';
import { sendPage } from '../platform/http/html';
import { t } from '../platform/i18n';
import { essentialServices } from '../modules/catalogue/service';
import { EssentialList } from '../modules/catalogue/view';

/** The portal's home page; the catalogue and dossier modules add their blocks as they land. */
export function homePages(app: FastifyInstance) {
  app.get('/', async (req, reply) => {
    const essential = await essentialServices(req.server.ctx);
    return sendPage(
      reply,
      <Layout req={req} title={t(req.lang, 'nav.home')}>
        <h1>{t(req.lang, 'site.name')}</h1>
        <p>{t(req.lang, 'site.tagline')}</p>
        <EssentialList items={essential} lang={req.lang} />
      </Layout>,
    );
  });
}
