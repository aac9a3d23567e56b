/**
 * Screens of one complete supplement request (issue 17 items 1-2): the dossier's requests with
 * their deficient items and answers, the leader's approval form of a pending request, and the
 * item-by-item answer (the citizen online, the desk recording what was brought). No JavaScript.
 */
import type { FastifyRequest } from 'fastify';
import { t, type Lang } from '../../../platform/i18n';
import { CsrfField } from '../../../web/csrf';
import type { SupplementRequestView, DossierView } from '../service';
import { fmtDateTime, one, TextArea } from './common';

export function SupplementRequests({
  lang,
  requests,
  fileHref,
  files = [],
}: {
  lang: Lang;
  requests: SupplementRequestView[];
  fileHref: (fileId: string) => string;
  files?: DossierView['files'];
}) {
  const fileName = (id: string) => files.find((f) => f.id === id)?.fileName ?? t(lang, 'pages.sup.answerFile');
  if (requests.length === 0) return <p>{t(lang, 'pages.sup.none')}</p>;
  return (
    <ul class="cards supplements">
      {requests.map((r) => (
        <li class="card" id={`sup-${r.id}`}>
          <h3>{t(lang, 'pages.sup.request', { no: r.no, state: t(lang, `supplement.state.${r.state}`) })}</h3>
          <p class="meta">{t(lang, 'pages.sup.requestedBy', { name: r.requestedBy.name ?? r.requestedBy.id, at: fmtDateTime(lang, r.requestedAt) })}</p>
          {r.reason && <p>{r.reason}</p>}
          {r.decision && (
            <p class="meta">
              {t(lang, 'pages.sup.decidedBy', {
                name: r.decision.byName ?? r.decision.by,
                at: fmtDateTime(lang, r.decision.at),
                reason: r.decision.reason ?? '',
              })}
            </p>
          )}
          {r.state === 'pending' && <p class="tag soon">{t(lang, 'pages.sup.awaitLeader')}</p>}
          <ol>
            {r.items.map((i) => (
              <li>
                <strong>{t(lang, 'pages.sup.item', { label: i.label, defect: t(lang, `supplement.defect.${i.defect}`) })}</strong>
                <br />
                {t(lang, 'pages.sup.provide', { provide: i.provide })}
                {r.state === 'answered' &&
                  (i.answer ? (
                    <>
                      {i.answer.note && (
                        <>
                          <br />
                          {t(lang, 'pages.sup.answerNote', { note: i.answer.note })}
                        </>
                      )}
                      {i.answer.fileId && (
                        <>
                          <br />
                          {t(lang, 'pages.sup.answerFile')}:{' '}
                          <a href={fileHref(i.answer.fileId)} download>
                            {fileName(i.answer.fileId)}
                          </a>
                        </>
                      )}
                    </>
                  ) : (
                    <>
                      <br />
                      <span class="meta">{t(lang, 'pages.sup.noAnswer')}</span>
                    </>
                  ))}
              </li>
            ))}
          </ol>
          {r.answeredAt && (
            <p class="meta">
              {t(lang, 'pages.sup.answeredAt', { via: t(lang, `supplement.via.${r.answeredVia ?? 'online'}`), at: fmtDateTime(lang, r.answeredAt) })}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A leader's approval or refusal of a pending request, with the written reason. */
export function DecisionForm({ req, v, request, error }: { req: FastifyRequest; v: DossierView; request: SupplementRequestView; error?: string }) {
  const lang = req.lang;
  return (
    <form
      method="post"
      action={`/can-bo/ho-so/${encodeURIComponent(v.id)}/bo-sung/${encodeURIComponent(request.id)}/quyet-dinh`}
      class="card"
      id="supplement-decision"
    >
      <h3>{t(lang, 'pages.sup.decideTitle', { no: request.no })}</h3>
      <CsrfField req={req} />
      <input type="hidden" name="version" value={String(v.version)} />
      <TextArea id="decision-reason" name="reason" label={t(lang, 'pages.sup.decideReason')} required lang={lang} error={error} />
      <button type="submit" name="decision" value="approve">
        {t(lang, 'pages.sup.approve')}
      </button>{' '}
      <button type="submit" name="decision" value="refuse" class="danger">
        {t(lang, 'pages.sup.refuse')}
      </button>
    </form>
  );
}

/** The answer, item by item: online (the applicant) or at the desk (the officer records what was brought). */
export function AnswerForm({
  req,
  v,
  request,
  action,
  mode,
}: {
  req: FastifyRequest;
  v: DossierView;
  request: SupplementRequestView;
  action: string;
  mode: 'online' | 'desk';
}) {
  const lang = req.lang;
  return (
    <form method="post" action={action} enctype="multipart/form-data" id="supplement-answer">
      {/* the CSRF token first: the handler checks it before reading anything else */}
      <input type="hidden" name="_csrf" value={req.csrfToken} />
      <input type="hidden" name="version" value={String(v.version)} />
      <p>{t(lang, mode === 'online' ? 'pages.sup.answerIntro' : 'pages.sup.deskIntro')}</p>
      <ul class="cards checklist">
        {request.items.map((i, n) => (
          <li class="card">
            <p>
              <strong>
                {n + 1}. {t(lang, 'pages.sup.item', { label: i.label, defect: t(lang, `supplement.defect.${i.defect}`) })}
              </strong>
              <br />
              {t(lang, 'pages.sup.provide', { provide: i.provide })}
            </p>
            {mode === 'desk' && (
              <div>
                <input type="checkbox" id={`recv-${i.id}`} name={`received:${i.id}`} value="1" />{' '}
                <label class="inline" for={`recv-${i.id}`}>
                  {t(lang, 'pages.sup.receivedAtDesk')}
                </label>
              </div>
            )}
            <div class="control">
              <label for={`file-${i.id}`}>{t(lang, 'pages.sup.fileFor')}</label>
              <input type="file" id={`file-${i.id}`} name={`file:${i.id}`} accept=".pdf,.jpg,.jpeg,.png" />
            </div>
            <div class="control">
              <label for={`note-${i.id}`}>{t(lang, 'pages.sup.noteFor')}</label>
              <textarea id={`note-${i.id}`} name={`note:${i.id}`} rows={2} maxLength={2000} />
            </div>
          </li>
        ))}
      </ul>
      <button type="submit">{t(lang, mode === 'online' ? 'pages.sup.send' : 'pages.sup.record')}</button>
    </form>
  );
}

/** The posted answer form as answers per item (a desk tick without note or file is recorded as "received at the desk"). */
export function answersOf(
  request: SupplementRequestView,
  fields: Record<string, string | string[]>,
  files: { field: string; fileName: string; contentType: string; bytes: Buffer }[],
  mode: 'online' | 'desk',
) {
  return request.items.map((i) => {
    const f = files.find((x) => x.field === `file:${i.id}`);
    let note = one(fields[`note:${i.id}`]).trim();
    if (!note && mode === 'desk' && one(fields[`received:${i.id}`]) === '1') note = t('vi', 'pages.sup.receivedAtDeskNote'); // kept in the record's language
    return {
      itemId: i.id,
      note: note || null,
      file: f ? { componentKey: i.componentKey, fileName: f.fileName, contentType: f.contentType, bytes: f.bytes } : null,
    };
  });
}
