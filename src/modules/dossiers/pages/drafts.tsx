/**
 * Pieces of the online application about drafts and uploads: the notice of a resumed or saved
 * draft, the per-file receipt next to a component, the attributes the upload script reads, and
 * the list "Hồ sơ đang soạn" of the citizen's account.
 */
import type { FastifyRequest } from 'fastify';
import { t, type Lang } from '../../../platform/i18n';
import { CsrfField } from '../../../web/csrf';
import type { DraftView, UploadReceipt } from '../service';
import { fmtDateTime } from './common';

export function fmtSize(lang: Lang, bytes: number): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / 1024 / 1024)} MB`;
}

function DiscardForm({ req, code }: { req: FastifyRequest; code: string }) {
  return (
    <form method="post" action={`/nop-ho-so/${encodeURIComponent(code)}/bo-nhap`} class="inline-form">
      <CsrfField req={req} />
      <button type="submit" class="secondary">
        {t(req.lang, 'pages.drafts.discard')}
      </button>
    </form>
  );
}

/** "Draft saved" after the button, "continuing the draft saved at ..." when one exists. */
export function DraftNotice({ req, code, draft, saved }: { req: FastifyRequest; code: string; draft: DraftView | null; saved?: boolean }) {
  if (!draft) return null;
  return (
    <div class="notice" role="status" id="draft-notice">
      <p>{saved ? t(req.lang, 'pages.apply.draftSaved') : t(req.lang, 'pages.apply.draftResumed', { time: fmtDateTime(req.lang, draft.updatedAt) })}</p>
      <DiscardForm req={req} code={code} />
    </div>
  );
}

/**
 * Next to a component: the receipt of its acknowledged upload (with the hidden fields that name
 * it to the submission), or the note of a half-sent one. The script fills the same elements.
 */
export function UploadReceiptView({ lang, componentKey, receipt }: { lang: Lang; componentKey: string; receipt: UploadReceipt | null }) {
  const stored = receipt?.state === 'stored' ? receipt : null;
  return (
    <>
      <input type="hidden" name={`upload:${componentKey}`} value={stored?.id ?? ''} />
      <input type="hidden" name={`sha:${componentKey}`} value={stored?.sha256 ?? ''} />
      <div class="upload-receipt" id={`upload-${componentKey}-status`} aria-live="polite">
        {stored && (
          <>
            <p class="notice">
              {t(lang, 'pages.apply.receipt', {
                name: stored.name,
                size: fmtSize(lang, stored.size ?? 0),
                pages: stored.pages ?? 0,
                time: fmtDateTime(lang, stored.receivedAt),
              })}
            </p>
            <p class="hint hash">{t(lang, 'pages.apply.receiptHash', { sha: stored.sha256 })}</p>
            <p class="hint">{t(lang, 'pages.apply.receiptReplace')}</p>
          </>
        )}
        {receipt?.state === 'receiving' && (
          <p class="hint">{t(lang, 'pages.apply.receiving', { name: receipt.name, received: receipt.offset, length: receipt.length })}</p>
        )}
      </div>
    </>
  );
}

/** What /static/upload.js needs on the review form: the tus endpoint, the procedure, the texts. */
export function uploadAttrs(lang: Lang, procedureCode: string): Record<string, string> {
  const keys = ['uploading', 'retrying', 'failed', 'hash', 'wait'] as const;
  const attrs: Record<string, string> = { 'data-tus': '/api/v1/uploads', 'data-procedure': procedureCode, 'data-lang': lang };
  for (const k of keys) attrs[`data-msg-${k}`] = t(lang, `upload.client.${k}`);
  attrs['data-msg-receipt'] = t(lang, 'pages.apply.receipt');
  attrs['data-msg-hashline'] = t(lang, 'pages.apply.receiptHash');
  attrs['data-msg-replace'] = t(lang, 'pages.apply.receiptReplace');
  return attrs;
}

/** "Hồ sơ đang soạn": the citizen's drafts, to resume on this or another device. */
export function DraftsList({
  req,
  drafts,
  files,
  discarded,
}: {
  req: FastifyRequest;
  drafts: DraftView[];
  files: Record<string, number>;
  discarded?: boolean;
}) {
  const lang = req.lang;
  if (drafts.length === 0 && !discarded) return null;
  return (
    <section aria-labelledby="drafts-title" class="drafts">
      <h2 id="drafts-title">{t(lang, 'pages.drafts.title')}</h2>
      {discarded && (
        <p class="notice" role="status">
          {t(lang, 'pages.drafts.discarded')}
        </p>
      )}
      {drafts.length > 0 && <p class="hint">{t(lang, 'pages.drafts.intro')}</p>}
      <ul class="cards">
        {drafts.map((d) => (
          <li class="card">
            <h3 class="card-title">{d.procedureName}</h3>
            <p>
              {t(lang, d.step === 'review' ? 'pages.drafts.stepReview' : 'pages.drafts.stepForm')}
              {files[d.procedureCode] ? ` · ${t(lang, 'pages.drafts.files', { n: files[d.procedureCode] })}` : ''}
            </p>
            <p class="meta">{t(lang, 'pages.drafts.savedAt', { time: fmtDateTime(lang, d.updatedAt) })}</p>
            <p>
              <a class="button" href={`/nop-ho-so/${encodeURIComponent(d.procedureCode)}`}>
                {t(lang, 'pages.drafts.resume')}
              </a>
            </p>
            <DiscardForm req={req} code={d.procedureCode} />
          </li>
        ))}
      </ul>
    </section>
  );
}
