import type { FastifyRequest } from 'fastify';
import { Layout } from './layout';
import { t } from '../platform/i18n';
import { fieldText, type FieldError } from '../platform/errors';

/** On "you need to log in": both ways in, coming back to the page asked for. */
function LoginLinks({ req }: { req: FastifyRequest }) {
  const next = encodeURIComponent(req.method === 'GET' ? req.url : '/');
  const officerSide = /^\/(can-bo|quan-tri|chi-so)(\/|$|\?)/.test(req.url);
  const officer = (
    <li>
      <a href={`/can-bo/dang-nhap?next=${next}`}>{t(req.lang, 'page.unauthenticated.officer')}</a>
    </li>
  );
  const citizen = (
    <li>
      <a href={`/dang-nhap?next=${next}`}>{t(req.lang, 'page.unauthenticated.citizen')}</a>
    </li>
  );
  return <ul>{officerSide ? [officer, citizen] : [citizen, officer]}</ul>;
}

export function ErrorPage({ req, status, message, fields }: { req: FastifyRequest; status: number; message: string; fields?: FieldError[] }) {
  const title = status === 404 ? t(req.lang, 'page.not_found.title') : t(req.lang, 'page.error.title');
  return (
    <Layout req={req} title={title}>
      <h1>{title}</h1>
      <div class="error-summary" role="alert">
        <p>{message}</p>
        {fields && fields.length > 0 && (
          <ul>
            {fields.map((f) => (
              // The label and what is right, never the field's path (issue 13).
              <li>{fieldText(f)}</li>
            ))}
          </ul>
        )}
      </div>
      {status === 401 && <LoginLinks req={req} />}
      <p>
        <a href="/">{t(req.lang, 'nav.home')}</a>
      </p>
    </Layout>
  );
}
