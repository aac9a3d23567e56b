/** Pieces shared by the dossier screens: access, dates, tags, errors, history, files. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { Actor, Role } from '../../../platform/auth';
import { AppError, fieldText, forbidden, type FieldError } from '../../../platform/errors';
import { hasMessage, oneOf, t, type Lang } from '../../../platform/i18n';
import { FETCH_FAILURES, STATES } from '../model';
import type { DossierEvent, DossierView } from '../service';
import { whatHappensNext } from '../model/next';
import { formatDateTimeVN, formatDateVN } from '../../../platform/dates';

/** A page for citizens: anonymous visitors are sent to the login (and back), officers get 403. */
export function citizenOrLogin(req: FastifyRequest, reply: FastifyReply): Actor | null {
  const a = req.actor;
  if (!a) {
    void reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
    return null;
  }
  if (a.kind !== 'citizen') throw forbidden();
  return a;
}

/** A back-office page: anonymous -> officer login, citizens and officers without `roles` -> 403. */
export function officerOrLogin(req: FastifyRequest, reply: FastifyReply, roles?: readonly Role[]): Actor | null {
  const a = req.actor;
  if (!a) {
    void reply.redirect(`/can-bo/dang-nhap?next=${encodeURIComponent(req.method === 'GET' ? req.url : '/can-bo/hang-doi')}`, 303);
    return null;
  }
  if (a.kind !== 'officer') throw forbidden();
  if (roles && !a.roles.some((g) => roles.includes(g.role))) throw forbidden();
  return a;
}

/** Dates as 02/12/2026 and 02/12/2026 12:41 in Vietnam time, in both languages (issue 13.7). */

export function fmtDate(lang: Lang, iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return formatDateVN(d);
}

export function fmtDateTime(lang: Lang, iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return formatDateTimeVN(d);
}

/** The one sentence saying who must act now and by when (model/next.ts); unit names from `names`. */
export function NextStep({ lang, v, names, audience }: { lang: Lang; v: DossierView; names: Record<string, string>; audience: 'applicant' | 'officer' }) {
  const name = (id: string) => names[id] ?? t(lang, 'pages.next.unitUnknown');
  const at = (iso: string | null | undefined) => (iso ? new Date(iso) : null);
  const sentence = whatHappensNext(lang, {
    state: v.state,
    step: v.step ? { role: v.step.role, unitName: name(v.step.unitId), dueAt: at(v.step.dueAt) } : null,
    consultation: v.consultation ? { unitName: name(v.consultation.unitId), dueAt: at(v.consultation.dueAt) } : null,
    receivingUnitName: name(v.receivingUnitId),
    appointmentAt: at(v.appointmentAt ?? v.dueAt),
    audience,
    resultSigning: v.files.some((f) => f.kind === 'result' && !!f.signState && f.signState !== 'signed'),
  });
  return (
    <div class="next-step" id="next-step">
      <h2>{t(lang, 'pages.next.title')}</h2>
      <p>{sentence}</p>
    </div>
  );
}

export const stateText = (lang: Lang, s: string) => (oneOf(STATES, s) ? t(lang, `dossier.state.${s}`) : s);

export function StateTag({ lang, state }: { lang: Lang; state: string }) {
  const cls = state === 'returned' || state === 'result_ready' ? 'tag ok' : state === 'refused' || state === 'cancelled' ? 'tag late' : 'tag';
  return <span class={cls}>{stateText(lang, state)}</span>;
}

/** Late in red and due soon in yellow, always with words (not colour alone). */
export function DeadlineTag({ lang, v, soon }: { lang: Lang; v: DossierView; soon?: boolean }) {
  if (v.closedAt || v.returnedAt) return null;
  if (v.timeliness === 'late') return <span class="tag late">{t(lang, 'pages.tag.late')}</span>;
  if (soon || v.step?.dueSoon) return <span class="tag soon">{t(lang, 'pages.tag.soon')}</span>;
  return null;
}

/** The message and field errors of a refusal, for re-rendering a form. */
export interface FormError {
  status: number;
  message: string;
  fields: FieldError[];
}

export function formErrorOf(lang: Lang, err: unknown): FormError {
  if (err instanceof AppError) {
    const params = err.params && typeof err.params.state === 'string' ? { ...err.params, state: stateText(lang, err.params.state) } : err.params;
    return { status: err.status, message: t(lang, err.key, params), fields: err.fields ?? [] };
  }
  throw err;
}

export function ErrorSummary({ lang, error, fieldIds }: { lang: Lang; error: FormError | null; fieldIds?: Record<string, string> }) {
  if (!error) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title" autoFocus>
      <h2 id="error-summary-title">{t(lang, 'pages.error.title')}</h2>
      <p>{error.message}</p>
      {error.fields.length > 0 && (
        <ul>
          {error.fields.map((f) => {
            const id = fieldIds?.[f.field];
            return <li>{id ? <a href={`#${id}`}>{fieldLabel(lang, f)}</a> : fieldLabel(lang, f)}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

function fieldLabel(lang: Lang, f: FieldError): string {
  // The label the refusal carries (validate's labels), else the catalogue's for this path; never the raw path (issue 13).
  if (f.label) return fieldText(f);
  const key = `pages.field.${f.field}`;
  return hasMessage(key) ? `${t(lang, key)}: ${f.message}` : f.message;
}

export function fieldError(error: FormError | null, field: string): string | undefined {
  return error?.fields.find((f) => f.field === field)?.message;
}

/** A labelled input with its hint and error linked by aria-describedby. */
export function Field(p: {
  id: string;
  name: string;
  label: string;
  value?: string | null;
  type?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
  lang: Lang;
}) {
  const described = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="control">
      <label for={p.id}>
        {p.label}
        {p.required && <span class="required"> ({t(p.lang, 'pages.required')})</span>}
      </label>
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-message" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
      <input
        id={p.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        aria-describedby={described}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
        autocomplete={p.autocomplete}
        inputMode={p.inputmode as any}
      />
    </div>
  );
}

export function TextArea(p: {
  id: string;
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
  lang: Lang;
  rows?: number;
}) {
  const described = [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="control">
      <label for={p.id}>
        {p.label}
        {p.required && <span class="required"> ({t(p.lang, 'pages.required')})</span>}
      </label>
      {p.hint && (
        <p class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="error-message" id={`${p.id}-error`}>
          {p.error}
        </p>
      )}
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows ?? 3}
        aria-describedby={described}
        aria-invalid={p.error ? 'true' : undefined}
        aria-required={p.required ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export function actionLabel(lang: Lang, action: string): string {
  // An event's action may be one no form offers (a system event): its own name then.
  const key = `pages.action.${action}`;
  return hasMessage(key) ? t(lang, key) : action;
}

/** The data sources a component may name (catalogue DATA_SOURCES), in words. */
const SOURCES = ['population', 'warehouse', 'vneid'] as const;
export const sourceText = (lang: Lang, s: string) => (oneOf(SOURCES, s) ? t(lang, `pages.source.${s}`) : s);

/** A failed fetch of a component's data source, and what the applicant should do (Chỉ thị 24/CT-TTg). */
export function sourceFailedText(lang: Lang, f: { component: string; source: string; reason: string }): string {
  return t(lang, 'pages.source.failed', {
    component: f.component,
    source: sourceText(lang, f.source),
    reason: oneOf(FETCH_FAILURES, f.reason) ? t(lang, `pages.source.reason.${f.reason}`) : f.reason,
  });
}

/** Under a component naming a data source, while the rule is in force: it is fetched, not asked for. */
export function SourceHint({ lang, c, inForce, id }: { lang: Lang; c: { dataSource?: { source: string } }; inForce: boolean; id?: string }) {
  if (!inForce || !c.dataSource) return null;
  return (
    <p class="hint" id={id}>
      {t(lang, 'pages.source.willFetch', { source: sourceText(lang, c.dataSource.source) })}
    </p>
  );
}

/** The history of a dossier as an ordered list (newest last). */
export function History({ lang, events }: { lang: Lang; events: DossierEvent[] }) {
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li>
          <p>
            <strong>{actionLabel(lang, e.action)}</strong>
            {e.from_state !== e.to_state && <> – {stateText(lang, e.to_state)}</>}
          </p>
          <p class="meta">
            <time dateTime={e.at.toISOString()}>{fmtDateTime(lang, e.at)}</time>
            {e.actor_name && <> · {e.actor_name}</>}
          </p>
          {e.comment && <p>{e.comment}</p>}
          {e.action === 'source_fetch_failed' && <p>{sourceFailedText(lang, e.data as { component: string; source: string; reason: string })}</p>}
          {Array.isArray((e.data as { missing?: unknown })?.missing) && (
            <ul>
              {((e.data as { missing: string[] }).missing ?? []).map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}

const kb = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/** Components with their files (download links), digitized marks and what is still missing. */
export function Components({ lang, v, fileHref }: { lang: Lang; v: DossierView; fileHref: (fileId: string) => string }) {
  return (
    <ul class="components">
      {v.components.map((c) => {
        const files = v.files.filter((f) => f.componentKey === c.key && f.kind !== 'result');
        return (
          <li>
            <span>{c.name}</span>{' '}
            {c.optional ? (
              <span class="tag">{t(lang, 'pages.component.optional')}</span>
            ) : !c.provided ? (
              <span class="tag late">{t(lang, 'pages.component.missing')}</span>
            ) : null}
            {c.source?.outcome === 'fetched' && (
              <p class="meta">{t(lang, 'pages.source.fetched', { source: t(lang, `pages.source.${c.source.source}`), summary: c.source.summary })}</p>
            )}
            {c.source?.outcome === 'failed' && (
              <p class="meta">{sourceFailedText(lang, { component: c.name, source: c.source.source, reason: c.source.reason })}</p>
            )}
            {files.length > 0 && (
              <ul>
                {files.map((f) => (
                  <li>
                    <a href={fileHref(f.id)} download>
                      {f.fileName}
                    </a>{' '}
                    ({kb(f.size)})
                    {f.digitized && (
                      <>
                        {' '}
                        · <span class="tag ok">{t(lang, 'pages.component.digitized')}</span>
                      </>
                    )}
                    {f.kind === 'supplement' && (
                      <>
                        {' '}
                        · <span class="tag">{t(lang, 'pages.component.supplement')}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The result files. A citizen gets a signed result only (the API refuses the raw upload): until then, a line saying it is being signed. */
export function ResultFiles({ lang, v, fileHref, citizen = false }: { lang: Lang; v: DossierView; fileHref: (fileId: string) => string; citizen?: boolean }) {
  const files = v.files.filter((f) => f.kind === 'result');
  if (files.length === 0) return null;
  return (
    <ul>
      {files.map((f) =>
        citizen && f.signState && f.signState !== 'signed' ? (
          <li>{t(lang, 'pages.result.signing', { file: f.fileName })}</li>
        ) : (
          <li>
            <a href={fileHref(f.id)} download>
              {t(lang, 'pages.result.download', { file: f.fileName })}
            </a>{' '}
            ({kb(f.size)})
          </li>
        ),
      )}
    </ul>
  );
}

export const fileHref = (dossierId: string) => (fileId: string) => `/api/v1/dossiers/${encodeURIComponent(dossierId)}/files/${encodeURIComponent(fileId)}`;
export const slipHref = (dossierId: string, kind: string) => `/api/v1/dossiers/${encodeURIComponent(dossierId)}/slips/${kind}.pdf`;

/** Key dates of a dossier as a description list. */
export function Dates({ lang, v }: { lang: Lang; v: DossierView }) {
  return (
    <dl class="summary">
      <dt>{t(lang, 'pages.dossier.code')}</dt>
      <dd>
        <strong>{v.code}</strong>
      </dd>
      <dt>{t(lang, 'pages.dossier.state')}</dt>
      <dd>
        <StateTag lang={lang} state={v.state} /> <DeadlineTag lang={lang} v={v} />
      </dd>
      <dt>{t(lang, 'pages.dossier.procedure')}</dt>
      <dd>{v.procedure.name}</dd>
      <dt>{t(lang, 'pages.dossier.submitted')}</dt>
      <dd>{fmtDateTime(lang, v.submittedAt)}</dd>
      {v.receivedAt && (
        <>
          <dt>{t(lang, 'pages.dossier.received')}</dt>
          <dd>{fmtDateTime(lang, v.receivedAt)}</dd>
        </>
      )}
      {v.appointmentAt && (
        <>
          <dt>{t(lang, 'pages.dossier.appointment')}</dt>
          <dd>{fmtDateTime(lang, v.appointmentAt)}</dd>
        </>
      )}
      {v.returnedAt && (
        <>
          <dt>{t(lang, 'pages.dossier.returned')}</dt>
          <dd>{fmtDateTime(lang, v.returnedAt)}</dd>
        </>
      )}
      {v.closeReason && (
        <>
          <dt>{t(lang, 'pages.dossier.closeReason')}</dt>
          <dd>{v.closeReason}</dd>
        </>
      )}
    </dl>
  );
}

export function Section({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Reads a multipart form posted by a page: its text fields and files (kept in memory, 20 MB each). */
export async function readMultipartForm(
  req: FastifyRequest,
): Promise<{ fields: Record<string, string | string[]>; files: { field: string; fileName: string; contentType: string; bytes: Buffer }[] }> {
  const fields: Record<string, string | string[]> = {};
  const files: { field: string; fileName: string; contentType: string; bytes: Buffer }[] = [];
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, string>, files };
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (bytes.length > 0 && part.filename) files.push({ field: part.fieldname, fileName: part.filename, contentType: part.mimetype, bytes });
      } else {
        const v = String(part.value);
        const prev = fields[part.fieldname];
        fields[part.fieldname] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err; // e.g. 403 error.csrf from the first field's check
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'error.payload_too_large');
    throw new AppError(400, 'dossier.bad_multipart');
  }
  return { fields, files };
}

export const one = (v: unknown): string => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : typeof v === 'string' ? v : '');
export const many = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
