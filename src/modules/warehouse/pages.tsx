/** Screens: the owner's data store (/kho-du-lieu) and electronic certified copies (/can-bo/chung-thuc). */
import { formatDateTimeVN } from '../../platform/dates';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireCitizen, requireOfficer } from '../../platform/auth';
import { sendPage } from '../../platform/http/html';
import { validate, type FieldLabels } from '../../platform/http/validate';
import { AppError, badRequest, type FieldError } from '../../platform/errors';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { t, type Lang } from '../../platform/i18n';
import { CsrfField } from '../../web/csrf';
import { Layout } from '../../web/layout';
import type { StoredDocument } from './model';
import { copyFields, readCopyForm, sendDocument } from './routes';
import { certifyingUnits, createShare, issueElectronicCopy, listMyDocuments, listShares, myDocumentFile, revokeShare, type ShareView } from './service';

const fmtTime = (iso: string, _lang: Lang) => formatDateTimeVN(iso);

function validity(d: StoredDocument, lang: Lang) {
  if (!d.validFrom) return t(lang, 'warehouse.page.unknown');
  return d.validTo ? t(lang, 'warehouse.page.valid_range', { from: d.validFrom, to: d.validTo }) : t(lang, 'warehouse.page.valid_open', { from: d.validFrom });
}

function DocumentCard({ req, d, shares }: { req: FastifyRequest; d: StoredDocument; shares: ShareView[] }) {
  const lang = req.lang;
  const id = encodeURIComponent(d.id);
  return (
    <li class="card">
      <h3>{d.name}</h3>
      <dl>
        <dt>{t(lang, 'warehouse.page.code')}</dt>
        <dd>{d.code}</dd>
        <dt>{t(lang, 'warehouse.page.issuer')}</dt>
        <dd>
          {d.issuingBody ?? t(lang, 'warehouse.page.unknown')}
          {d.issuingBodyToday && [<br />, <span class="hint">{t(lang, 'warehouse.page.issuer_today', { today: d.issuingBodyToday })}</span>]}
        </dd>
        <dt>{t(lang, 'warehouse.page.issued')}</dt>
        <dd>{d.issuedOn ?? t(lang, 'warehouse.page.unknown')}</dd>
        <dt>{t(lang, 'warehouse.page.valid')}</dt>
        <dd>{validity(d, lang)}</dd>
        <dt>{t(lang, 'warehouse.page.source')}</dt>
        <dd>
          {t(lang, `warehouse.source.${d.source}`)}
          {d.digitized ? ` · ${t(lang, 'warehouse.flag.digitized')}` : ''}
          {d.fromNationalStore ? ` · ${t(lang, 'warehouse.flag.national')}` : ''}
          {d.signed ? ` · ${t(lang, 'warehouse.flag.signed')}` : ''}
        </dd>
      </dl>
      <p>
        <a href={`/kho-du-lieu/${id}/tai-ve`} download>
          {t(lang, 'warehouse.page.download')}
        </a>
      </p>
      <form method="post" action={`/kho-du-lieu/${id}/chia-se`}>
        <CsrfField req={req} />
        <label for={`hours-${d.id}`}>{t(lang, 'warehouse.page.share_hours')}</label>
        <input type="number" id={`hours-${d.id}`} name="hours" min="1" max="720" value="72" required />
        <button type="submit" class="secondary">
          {t(lang, 'warehouse.page.share')}
        </button>
      </form>
      {shares.length > 0 && (
        <details>
          <summary>{t(lang, 'warehouse.page.shares')}</summary>
          <ul>
            {shares.map((s) => (
              <li>
                {s.status === 'active' ? t(lang, 'warehouse.share.active', { at: fmtTime(s.expiresAt, lang) }) : t(lang, `warehouse.share.${s.status}`)}
                {s.status === 'active' && (
                  <form method="post" action={`/kho-du-lieu/${id}/chia-se/${encodeURIComponent(s.id)}/thu-hoi`} class="inline">
                    <CsrfField req={req} />
                    <button type="submit" class="link">
                      {t(lang, 'warehouse.page.revoke')}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

function StorePage({
  req,
  docs,
  shares,
  link,
}: {
  req: FastifyRequest;
  docs: StoredDocument[];
  shares: Map<string, ShareView[]>;
  link: { url: string; expiresAt: string } | null;
}) {
  const lang = req.lang;
  const groups = new Map<string, StoredDocument[]>();
  for (const d of docs) groups.set(d.documentType, [...(groups.get(d.documentType) ?? []), d]);
  const revoked = new URL(req.url, 'http://x').searchParams.get('thu-hoi') === '1';
  return (
    <Layout req={req} title={t(lang, 'warehouse.page.title')}>
      <h1>{t(lang, 'warehouse.page.title')}</h1>
      <p>{t(lang, 'warehouse.page.intro')}</p>
      {link && (
        <p class="notice" role="status">
          {t(lang, 'warehouse.page.shared', { at: fmtTime(link.expiresAt, lang) })} <code>{link.url}</code>
        </p>
      )}
      {revoked && (
        <p class="notice" role="status">
          {t(lang, 'warehouse.page.revoked')}
        </p>
      )}
      {docs.length === 0 && <p>{t(lang, 'warehouse.page.empty')}</p>}
      {[...groups].map(([type, list]) => (
        <section>
          <h2>
            {list[0]!.name} <small>({type})</small>
          </h2>
          <ul class="cards">
            {list.map((d) => (
              <DocumentCard req={req} d={d} shares={shares.get(d.id) ?? []} />
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

function CopyPage({
  req,
  units,
  done,
  error,
  values = {},
}: {
  req: FastifyRequest;
  units: { id: string; name: string }[];
  done?: string;
  error?: FormRefusal;
  values?: Record<string, string>;
}) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'warehouse.copy.page_title')}>
      <h1>{t(lang, 'warehouse.copy.page_title')}</h1>
      <p>{t(lang, 'warehouse.copy.intro')}</p>
      {done && (
        <p class="notice" role="status">
          {t(lang, 'warehouse.copy.done', { code: done })}
        </p>
      )}
      <FormErrorSummary lang={lang} error={error} idOf={(field) => (field === 'requesterKind' ? 'rk-c' : field)} />
      {units.length === 0 ? (
        <p>{t(lang, 'warehouse.copy.not_allowed')}</p>
      ) : (
        <form method="post" action={'/can-bo/chung-thuc'} enctype="multipart/form-data" class="card">
          {/* the CSRF token first: the handler checks it before reading anything else */}
          <input type="hidden" name="_csrf" value={req.csrfToken} />
          <label for="unitId">{t(lang, 'warehouse.copy.unit')}</label>
          <FieldMessage id="unitId" error={error} field="unitId" />
          <select id="unitId" name="unitId" {...describedBy('unitId', error, 'unitId')}>
            {units.map((u) => (
              <option value={u.id} selected={values.unitId === u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <fieldset>
            <legend>{t(lang, 'warehouse.copy.requester_kind')}</legend>
            <FieldMessage id="rk-c" error={error} field="requesterKind" />
            <input type="radio" id="rk-c" name="requesterKind" value="citizen" checked={values.requesterKind !== 'organisation'} />{' '}
            <label for="rk-c" class="inline">
              {t(lang, 'warehouse.copy.kind_citizen')}
            </label>
            <br />
            <input type="radio" id="rk-o" name="requesterKind" value="organisation" checked={values.requesterKind === 'organisation'} />{' '}
            <label for="rk-o" class="inline">
              {t(lang, 'warehouse.copy.kind_organisation')}
            </label>
          </fieldset>
          <label for="requesterId">{t(lang, 'warehouse.copy.requester_id')}</label>
          <FieldMessage id="requesterId" error={error} field="requesterId" />
          <input
            id="requesterId"
            name="requesterId"
            inputMode="numeric"
            required
            maxLength={20}
            value={values.requesterId ?? ''}
            {...describedBy('requesterId', error, 'requesterId')}
          />
          <label for="documentType">{t(lang, 'warehouse.copy.document_type')}</label>
          <FieldMessage id="documentType" error={error} field="documentType" />
          <input
            id="documentType"
            name="documentType"
            required
            maxLength={60}
            placeholder="giay-khai-sinh"
            value={values.documentType ?? ''}
            {...describedBy('documentType', error, 'documentType')}
          />
          <label for="name">{t(lang, 'warehouse.copy.document_name')}</label>
          <FieldMessage id="name" error={error} field="name" />
          <input id="name" name="name" required maxLength={200} value={values.name ?? ''} {...describedBy('name', error, 'name')} />
          <label for="file">{t(lang, 'warehouse.copy.file')}</label>
          <FieldMessage id="file" error={error} field="file" />
          <input
            type="file"
            id="file"
            name="file"
            required
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            {...describedBy('file', error, 'file')}
          />
          <button type="submit">{t(lang, 'warehouse.copy.submit')}</button>
        </form>
      )}
    </Layout>
  );
}

/** The certified-copy form's fields and their labels (issue 13). */
const COPY_LABELS = {
  requesterKind: 'warehouse.copy.requester_kind',
  requesterId: 'warehouse.copy.requester_id',
  documentType: 'warehouse.copy.document_type',
  name: 'warehouse.copy.document_name',
  unitId: 'warehouse.copy.unit',
} as const satisfies FieldLabels;

export function warehousePages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/kho-du-lieu', async (req, reply) => {
    const actor = requireCitizen(req);
    const docs = await listMyDocuments(ctx, actor);
    const shares = new Map<string, ShareView[]>();
    for (const d of docs) shares.set(d.id, await listShares(ctx, actor, d.id));
    const q = new URL(req.url, 'http://x').searchParams;
    const token = q.get('lien-ket');
    const link = token && /^[A-Za-z0-9_-]{20,100}$/.test(token) ? { url: `${ctx.config.publicUrl}/chia-se/${token}`, expiresAt: q.get('het-han') ?? '' } : null;
    return sendPage(reply, <StorePage req={req} docs={docs} shares={shares} link={link && link.expiresAt ? link : null} />);
  });

  app.get('/kho-du-lieu/:id/tai-ve', async (req, reply) => {
    const { doc, bytes } = await myDocumentFile(ctx, requireCitizen(req), (req.params as { id: string }).id);
    return sendDocument(reply, doc, bytes);
  });

  app.post('/kho-du-lieu/:id/chia-se', async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const hours = Number(b.hours ?? 72);
    const r = await createShare(ctx, requireCitizen(req), (req.params as { id: string }).id, { hours });
    return reply.redirect(`/kho-du-lieu?lien-ket=${r.token}&het-han=${encodeURIComponent(r.share.expiresAt)}`, 303);
  });

  app.post('/kho-du-lieu/:id/chia-se/:shareId/thu-hoi', async (req, reply) => {
    const p = req.params as { id: string; shareId: string };
    await revokeShare(ctx, requireCitizen(req), p.id, p.shareId);
    return reply.redirect('/kho-du-lieu?thu-hoi=1', 303);
  });

  app.get('/can-bo/chung-thuc', async (req, reply) => {
    const actor = requireOfficer(req);
    const units = await certifyingUnits(ctx, actor);
    const done = new URL(req.url, 'http://x').searchParams.get('ma') ?? undefined;
    return sendPage(reply, <CopyPage req={req} units={units} done={done} />);
  });

  app.post('/can-bo/chung-thuc', async (req, reply) => {
    const actor = requireOfficer(req, ['specialist', 'leader']);
    const { fields, scan } = await readCopyForm(req);
    let doc: Awaited<ReturnType<typeof issueElectronicCopy>>;
    try {
      // Every refused field at once: the typed ones (copyFields) and the scan.
      let f: ReturnType<typeof copyFields.parse> | null = null;
      let refused: FieldError[] = [];
      try {
        f = validate(copyFields, fields, req.lang, COPY_LABELS);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused = err.fields ?? [];
      }
      if (!scan) refused.push({ field: 'file', label: t(req.lang, 'warehouse.copy.file'), message: t(req.lang, 'warehouse.scan_required') });
      if (!f || refused.length > 0) throw badRequest('error.validation', undefined, refused);
      doc = await issueElectronicCopy(ctx, actor, {
        requester: { kind: f.requesterKind, id: f.requesterId },
        documentType: f.documentType,
        name: f.name,
        scan: scan!,
        unitId: f.unitId,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const units = await certifyingUnits(ctx, actor);
      const message = t(req.lang, err.key, err.params);
      // The service names the requester's number only by its key: put it on that field.
      const named =
        err.key === 'warehouse.requester_invalid' ? [{ field: 'requesterId', label: t(req.lang, 'warehouse.copy.requester_id'), message }] : (err.fields ?? []);
      return sendPage(reply, <CopyPage req={req} units={units} values={fields} error={{ message, fields: named }} />, 400);
    }
    return reply.redirect(`/can-bo/chung-thuc?ma=${encodeURIComponent(doc.code)}`, 303);
  });
}
