import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { t, type MessageKey } from '../../platform/i18n';
import { sendPage } from '../../platform/http/html';
import { sanitizeFileName } from '../../platform/blobs';
import { Layout } from '../../web/layout';
import type { SignatureCheck } from './model';
import { readUploadedPdf } from './upload';
import { verifyPdfSignatures } from './service';

const PATH = '/xac-thuc-chu-ky';

function statusKey(c: SignatureCheck): { key: MessageKey; tag: string } {
  if (c.valid && c.trusted && c.coversWholeDocument) return { key: 'signing.page.ok', tag: 'ok' };
  if (c.valid && c.coversWholeDocument) return { key: 'signing.page.valid_untrusted', tag: 'soon' };
  return { key: 'signing.page.invalid', tag: 'late' };
}

function formatTime(lang: 'vi' | 'en', iso: string | null) {
  if (!iso) return '';
  return (
    new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'medium', timeStyle: 'medium' }).format(
      new Date(iso),
    ) + ' (GMT+7)'
  );
}

function VerifyPage({ req, results, fileName, error }: { req: FastifyRequest; results?: SignatureCheck[]; fileName?: string; error?: string }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'signing.page.title')}>
      <h1>{t(lang, 'signing.page.title')}</h1>
      {error && (
        <div class="error-summary" role="alert">
          <p class="error-message">{error}</p>
        </div>
      )}
      {results && (
        <section aria-labelledby="results">
          <h2 id="results">{t(lang, 'signing.page.results', { name: fileName ?? '' })}</h2>
          {results.length === 0 && <p>{t(lang, 'signing.page.none')}</p>}
          {results.map((c, i) => {
            const s = statusKey(c);
            return (
              <div class="card">
                <h3>{t(lang, 'signing.page.signature', { n: i + 1 })}</h3>
                <p>
                  <span class={`tag ${s.tag}`}>{t(lang, s.key)}</span>
                </p>
                <dl>
                  <dt>{t(lang, 'signing.page.signer')}</dt>
                  <dd>{c.signerName}</dd>
                  <dt>{t(lang, 'signing.page.subject')}</dt>
                  <dd>{c.signerSubject.split('\n').join(', ')}</dd>
                  <dt>{t(lang, 'signing.page.issuer')}</dt>
                  <dd>{c.issuer}</dd>
                  <dt>{t(lang, 'signing.page.signedAt')}</dt>
                  <dd>{formatTime(lang, c.signedAt)}</dd>
                  {c.reason && (
                    <>
                      <dt>{t(lang, 'signing.page.reason')}</dt>
                      <dd>{c.reason}</dd>
                    </>
                  )}
                </dl>
                {c.problems.length > 0 && (
                  <ul>
                    {c.problems.map((p) => (
                      <li class="error-message">{t(lang, p)}</li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
          <p>
            <a href={PATH}>{t(lang, 'signing.page.again')}</a>
          </p>
        </section>
      )}
      {!results && (
        <>
          <p>{t(lang, 'signing.page.intro')}</p>
          <form method="post" action={PATH} enctype="multipart/form-data">
            {/* the CSRF token first: the handler checks it before reading anything else */}
            <input type="hidden" name="_csrf" value={req.csrfToken} />
            <label for="file">{t(lang, 'signing.page.file')}</label>
            <input id="file" name="file" type="file" accept="application/pdf,.pdf" required />
            <button type="submit" class="button">
              {t(lang, 'signing.page.submit')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

export function signingPages(app: FastifyInstance) {
  app.get(PATH, async (req, reply) => sendPage(reply, <VerifyPage req={req} />));
  app.post(PATH, async (req: FastifyRequest, reply: FastifyReply) => {
    let upload;
    try {
      upload = await readUploadedPdf(req);
    } catch (e) {
      const key = (e as { key?: string }).key;
      if (key === 'signing.not_pdf' || key === 'signing.no_file') return sendPage(reply, <VerifyPage req={req} error={t(req.lang, key)} />, 400);
      throw e;
    }
    const results = verifyPdfSignatures(req.server.ctx, upload.bytes);
    return sendPage(reply, <VerifyPage req={req} results={results} fileName={sanitizeFileName(upload.fileName, 'tep.pdf')} />);
  });
}
