import type { FastifyRequest } from 'fastify';
import { Layout } from './layout';
import { t } from '../platform/i18n';

export function ErrorPage({ req, status, message, fields }: { req: FastifyRequest; status: number; message: string; fields?: { field: string; message: string }[] }) {
  const title = status === 404 ? t(req.lang, 'page.not_found.title') : t(req.lang, 'page.error.title');
  return (
    <Layout req={req} title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert">
        <p>{message}</p>
        {fields && fields.length > 0 && (
          <ul>
            {fields.map((f) => (
              <li>
                <strong>{f.field}</strong>: {f.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      <p>
        <a href="/">{t(req.lang, 'nav.home')}</a>
      </p>
    </Layout>
  );
}
