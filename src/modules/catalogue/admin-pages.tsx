/**
 * Back office for procedure controllers (/quan-tri/thu-tuc): list, edit a draft, publish drafts
 * by a decision, import/export, publication indicators. Role 'controller'; forms carry _csrf.
 */
import { provinceLevelOfficer } from '../identity/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../platform/errors';
import { sendPage } from '../../platform/http/html';
import { labelEntry, refuseField, type FieldLabels } from '../../platform/http/form-messages';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { hasMessage, t, type Lang } from '../../platform/i18n';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { formFieldOf, formOf, LABEL, recordFromForm, type FormBody } from './admin-form';
import { exportExcel, exportNationalJson, importFile } from './import-export';
import type { ImportError } from './import-check';
import { ONLINE_LEVELS, UNIT_LEVELS, CHANNELS, APPLICANTS } from './model';
import {
  adminList,
  discloseVersions,
  getDraft,
  getProcedure,
  getVersion,
  procedureVersions,
  publicationFigures,
  publishDrafts,
  recordOf,
  retireProcedure,
  saveDraft,
  setBoundaryFree,
  today,
} from './service';
import type { BoundaryFreePeriod } from './boundary-free';
import type { VersionSummary } from './model';
import { vnDate } from './view';
import { editedVersion, formTemplatesOf, sizeText, uploadFormTemplate } from './forms';

const CONTROLLER = ['controller'] as const;
const BASE = '/quan-tri/thu-tuc';

function Csrf({ req }: { req: FastifyRequest }) {
  return <input type="hidden" name="_csrf" value={req.csrfToken} />;
}

/** The publication decision's fields (publish and retire forms): labels, and the ids of each form's inputs (issue 13). */
const DECISION_LABELS = {
  'decision.number': 'catalogue.admin.decisionNumber',
  'decision.signedDate': 'catalogue.admin.signedDate',
  'decision.effectiveDate': 'catalogue.admin.effectiveDate',
  disclosedOn: 'catalogue.admin.disclosedOn',
} as const satisfies FieldLabels;
const PUBLISH_IDS: Record<string, string> = {
  'decision.number': 'number',
  'decision.signedDate': 'signedDate',
  'decision.effectiveDate': 'effectiveDate',
  disclosedOn: 'disclosedOn',
};
const RETIRE_IDS: Record<string, string> = {
  'decision.number': 'retire-number',
  'decision.signedDate': 'retire-signed',
  'decision.effectiveDate': 'retire-effective',
};

/** The service names a decision's field and a message key; the page says it with the field's label and what is right. */
function decisionRefusal(lang: Lang, e: AppError): FormRefusal {
  const fields = (e.fields ?? []).map((f) => {
    const entry = labelEntry(DECISION_LABELS, f.field);
    if (!entry) return { field: f.field, message: fieldText(lang, f.message) };
    const label = t(lang, entry.label);
    if (f.message === 'catalogue.publish.date') return refuseField(lang, f.field, label, 'form.date');
    if (f.message === 'catalogue.publish.number') return refuseField(lang, f.field, label, 'form.required');
    return { field: f.field, label, message: fieldText(lang, f.message) };
  });
  return { message: t(lang, e.key, e.params), fields };
}

function ErrorSummary({ lang, errors }: { lang: Lang; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{t(lang, 'catalogue.eform.errorsTitle')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>
              {t(lang, LABEL[e.field] ?? e.field)}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

async function listPage(req: FastifyRequest, reply: FastifyReply, notice?: string, importErrors?: ImportError[], status = 200, refusal?: FormRefusal) {
  const ctx = req.server.ctx;
  const lang = req.lang;
  const rows = await adminList(ctx);
  const drafts = rows.filter((r) => r.draftSeq !== null);
  const now = today(ctx);
  return sendPage(
    reply,
    <Layout req={req} title={t(lang, 'catalogue.admin.title')}>
      <h1>{t(lang, 'catalogue.admin.title')}</h1>
      <FormErrorSummary lang={lang} error={refusal} idOf={(field) => (drafts.length > 0 ? PUBLISH_IDS[field] : undefined)} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {importErrors?.length ? (
        <div class="error-summary" role="alert">
          <h2>{t(lang, 'catalogue.import.invalid')}</h2>
          <TableWrap lang={lang} name={t(lang, 'catalogue.import.invalid')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'catalogue.import.row')}</th>
                  <th scope="col">{t(lang, 'catalogue.import.field')}</th>
                  <th scope="col">{t(lang, 'catalogue.import.message')}</th>
                </tr>
              </thead>
              <tbody>
                {importErrors.map((e) => (
                  <tr>
                    <td>{e.row}</td>
                    <td>{e.field}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
      <p>
        <a class="button" href={`${BASE}/moi`}>
          {t(lang, 'catalogue.admin.new')}
        </a>{' '}
        <a class="button secondary" href={`${BASE}/chi-so`}>
          {t(lang, 'catalogue.admin.figures')}
        </a>
      </p>
      <TableWrap lang={lang} name={t(lang, 'catalogue.admin.title')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t(lang, 'catalogue.page.code')}</th>
              <th scope="col">{t(lang, 'catalogue.admin.name')}</th>
              <th scope="col">{t(lang, 'catalogue.admin.status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t(lang, 'catalogue.admin.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.code}</td>
                <td>
                  {r.name}
                  {r.essential ? (
                    <>
                      {' '}
                      <span class="tag ok">{t(lang, 'catalogue.essential')}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  {r.inForceSeq !== null ? (
                    <span class="tag">
                      {t(lang, 'catalogue.admin.published')} #{r.inForceSeq}
                    </span>
                  ) : null}{' '}
                  {r.draftSeq !== null ? (
                    <span class="tag soon">
                      {t(lang, 'catalogue.admin.draft')} #{r.draftSeq}
                    </span>
                  ) : null}
                  {r.retiredFrom ? (
                    <>
                      {' '}
                      <span class="tag late">{t(lang, 'catalogue.admin.retired', { from: vnDate(r.retiredFrom) })}</span>
                    </>
                  ) : null}
                </td>
                <td>
                  <a href={`${BASE}/${encodeURIComponent(r.code)}/sua`}>{t(lang, 'catalogue.admin.edit')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h2 id="cong-bo">{t(lang, 'catalogue.admin.publishTitle')}</h2>
      {drafts.length === 0 ? (
        <p>{t(lang, 'catalogue.admin.noDrafts')}</p>
      ) : (
        <form method="post" action={`${BASE}/cong-bo`}>
          <Csrf req={req} />
          <p class="hint">{t(lang, 'catalogue.admin.publishHint')}</p>
          <fieldset>
            <legend>{t(lang, 'catalogue.admin.draft')}</legend>
            {drafts.map((d, i) => (
              <div class="checkbox">
                <input type="checkbox" id={`code-${i}`} name="codes" value={d.code} checked />
                <label class="inline" for={`code-${i}`}>
                  {d.code} - {d.name}
                </label>
              </div>
            ))}
          </fieldset>
          <label for="number">{t(lang, 'catalogue.admin.decisionNumber')}</label>
          <p class="hint" id="number-hint">
            {t(lang, 'catalogue.admin.decisionNumberHint')}
          </p>
          <FieldMessage id="number" error={refusal} field="decision.number" />
          <input id="number" name="number" required {...describedBy('number', refusal, 'decision.number', 'number-hint')} />
          <label for="signer">{t(lang, 'catalogue.admin.signer')}</label>
          <input id="signer" name="signer" />
          <label for="signedDate">{t(lang, 'catalogue.admin.signedDate')}</label>
          <FieldMessage id="signedDate" error={refusal} field="decision.signedDate" />
          <input type="date" id="signedDate" name="signedDate" value={now} required {...describedBy('signedDate', refusal, 'decision.signedDate')} />
          <label for="effectiveDate">{t(lang, 'catalogue.admin.effectiveDate')}</label>
          <FieldMessage id="effectiveDate" error={refusal} field="decision.effectiveDate" />
          <input type="date" id="effectiveDate" name="effectiveDate" required {...describedBy('effectiveDate', refusal, 'decision.effectiveDate')} />
          <label for="disclosedOn">{t(lang, 'catalogue.admin.disclosedOn')}</label>
          <FieldMessage id="disclosedOn" error={refusal} field="disclosedOn" />
          <input type="date" id="disclosedOn" name="disclosedOn" {...describedBy('disclosedOn', refusal, 'disclosedOn')} />
          <button type="submit">{t(lang, 'catalogue.admin.publish')}</button>
        </form>
      )}

      <h2>{t(lang, 'catalogue.admin.importTitle')}</h2>
      <form method="post" action={`${BASE}/nhap`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={req.csrfToken} />
        <label for="file">{t(lang, 'catalogue.admin.importFile')}</label>
        <input
          type="file"
          id="file"
          name="file"
          accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
        />
        <button type="submit">{t(lang, 'catalogue.admin.import')}</button>
      </form>
      <p>
        <a class="button secondary" href={`${BASE}/xuat.json`}>
          {t(lang, 'catalogue.admin.exportJson')}
        </a>{' '}
        <a class="button secondary" href={`${BASE}/xuat.xlsx`}>
          {t(lang, 'catalogue.admin.exportExcel')}
        </a>
      </p>
    </Layout>,
    status,
  );
}

function Field({
  name,
  lang,
  values,
  errors,
  hint,
  children,
}: {
  name: string;
  lang: Lang;
  values: Record<string, any>;
  errors: FieldError[];
  hint?: string;
  children?: any;
}) {
  const err = errors.find((e) => e.field === name);
  const describedBy = [hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const v = values[name];
  const isLong = ['steps', 'components', 'fees', 'forms', 'legalBasis', 'requirements', 'eFormSchema', 'eFormUi', 'process'].includes(name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={name}>{t(lang, LABEL[name])}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {err ? (
        <p class="error-message" id={`${name}-error`}>
          {err.message}
        </p>
      ) : null}
      {children ??
        (isLong ? (
          <textarea
            id={name}
            name={name}
            rows={name.startsWith('eForm') || name === 'process' ? 12 : 5}
            aria-describedby={describedBy}
            aria-invalid={err ? true : undefined}
          >
            {v ?? ''}
          </textarea>
        ) : (
          <input id={name} name={name} value={v ?? ''} aria-describedby={describedBy} aria-invalid={err ? true : undefined} />
        ))}
    </div>
  );
}

/** A field error of the catalogue's services names a message key; one from the e-form validator is already a sentence. */
const fieldText = (lang: Lang, message: string) => (hasMessage(message) ? t(lang, message) : message);

function Checks<O extends string>({
  name,
  options,
  lang,
  values,
  label,
}: {
  name: string;
  options: readonly O[];
  lang: Lang;
  values: Record<string, any>;
  label: (o: O) => string;
}) {
  const cur: string[] = Array.isArray(values[name]) ? values[name] : values[name] ? [values[name]] : [];
  return (
    <fieldset id={name}>
      <legend>{t(lang, LABEL[name])}</legend>
      {options.map((o) => (
        <div class="checkbox">
          <input type="checkbox" id={`${name}-${o}`} name={name} value={o} checked={cur.includes(o)} />
          <label class="inline" for={`${name}-${o}`}>
            {label(o)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Flag({ name, lang, values }: { name: string; lang: Lang; values: Record<string, any> }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={name} name={name} checked={values[name] === 'on'} />
      <label class="inline" for={name}>
        {t(lang, LABEL[name])}
      </label>
    </div>
  );
}

async function editPage(
  req: FastifyRequest,
  reply: FastifyReply,
  code: string | null,
  values: Record<string, any>,
  errors: FieldError[],
  status = 200,
  message?: { notice?: string; error?: string; refusal?: FormRefusal },
) {
  const lang = req.lang;
  const title = code ? t(lang, 'catalogue.admin.editTitle', { code }) : t(lang, 'catalogue.admin.newTitle');
  const versions = code ? await procedureVersions(req.server.ctx, code) : [];
  const edited = code ? await editedVersion(req.server.ctx, code) : null;
  const templates = edited ? await formTemplatesOf(req.server.ctx, edited) : [];
  const listed = await Promise.all(versions.map(async (v) => ({ v, periods: (await getVersion(req.server.ctx, v.versionId))?.boundaryFree ?? [] })));
  const p = { lang, values, errors };
  return sendPage(
    reply,
    <Layout req={req} title={title}>
      <p>
        <a href={BASE}>{t(lang, 'catalogue.admin.title')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary lang={lang} errors={errors} />
      {message?.notice ? (
        <p class="notice" role="status">
          {message.notice}
        </p>
      ) : null}
      <FormErrorSummary lang={lang} error={message?.refusal} idOf={(field) => RETIRE_IDS[field]} />
      {message?.error ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{message.error}</p>
        </div>
      ) : null}
      <form method="post" action={code ? `${BASE}/${encodeURIComponent(code)}/sua` : `${BASE}/moi`} novalidate>
        <Csrf req={req} />
        {code ? <input type="hidden" name="code" value={code} /> : <Field name="code" {...p} />}
        <Field name="name" {...p} />
        <Field name="nameEn" {...p} />
        <Field name="fieldCode" {...p} />
        <Field name="fieldName" {...p} />
        <Field name="fieldNameEn" {...p} />
        <Checks name="levels" options={UNIT_LEVELS} lang={lang} values={values} label={(o) => t(lang, `catalogue.level.${o}`)} />
        <Field name="onlineLevel" {...p}>
          <select id="onlineLevel" name="onlineLevel">
            {ONLINE_LEVELS.map((o) => (
              <option value={o} selected={values.onlineLevel === o}>
                {t(lang, `catalogue.online.${o}`)}
              </option>
            ))}
          </select>
        </Field>
        <Flag name="essential" lang={lang} values={values} />
        <Flag name="financialObligation" lang={lang} values={values} />
        <Flag name="nationalPortalIntegrated" lang={lang} values={values} />
        <Field name="steps" hint={t(lang, 'catalogue.admin.linesHint')} {...p} />
        <Checks name="channels" options={CHANNELS} lang={lang} values={values} label={(o) => t(lang, `catalogue.channel.${o}`)} />
        <Field name="components" hint={t(lang, 'catalogue.admin.componentsHint')} {...p} />
        <Field name="timeValue" {...p} />
        <Field name="timeUnit" {...p}>
          <select id="timeUnit" name="timeUnit">
            {(['working_days', 'working_hours', 'days'] as const).map((o) => (
              <option value={o} selected={values.timeUnit === o}>
                {t(lang, `catalogue.unit.${o}`, { value: '…' })}
              </option>
            ))}
          </select>
        </Field>
        <Field name="timeNote" {...p} />
        <Field name="onlineTimeValue" {...p} />
        <Checks name="applicants" options={APPLICANTS} lang={lang} values={values} label={(o) => t(lang, `catalogue.applicant.${o}`)} />
        <Field name="applicantNote" {...p} />
        <Field name="decidingAgency" {...p} />
        <Field name="receivingAgency" {...p} />
        <Field name="result" {...p} />
        <Field name="resultDocumentType" {...p} />
        <Field name="fees" hint={t(lang, 'catalogue.admin.feesHint')} {...p} />
        <Field name="forms" hint={t(lang, 'catalogue.admin.formsHint')} {...p} />
        <Field name="requirements" {...p} />
        <Field name="legalBasis" hint={t(lang, 'catalogue.admin.linesHint')} {...p} />
        <Field name="eFormSchema" hint={t(lang, 'catalogue.admin.jsonHint')} {...p} />
        <Field name="eFormUi" hint={t(lang, 'catalogue.admin.jsonHint')} {...p} />
        <Field name="process" hint={t(lang, 'catalogue.admin.jsonHint')} {...p} />
        <button type="submit">{t(lang, 'catalogue.admin.save')}</button>
      </form>
      {edited && versions.some((x) => x.status === 'published') && !edited.retirement ? (
        <section aria-labelledby="h-retire">
          <h2 id="h-retire">{t(lang, 'catalogue.retire.title')}</h2>
          <p class="hint">{t(lang, 'catalogue.retire.hint')}</p>
          <form method="post" action={`${BASE}/${encodeURIComponent(edited.code)}/bai-bo`}>
            <Csrf req={req} />
            <label for="retire-number">{t(lang, 'catalogue.admin.decisionNumber')}</label>
            <FieldMessage id="retire-number" error={message?.refusal} field="decision.number" />
            <input id="retire-number" name="number" required {...describedBy('retire-number', message?.refusal, 'decision.number')} />
            <label for="retire-signed">{t(lang, 'catalogue.admin.signedDate')}</label>
            <FieldMessage id="retire-signed" error={message?.refusal} field="decision.signedDate" />
            <input type="date" id="retire-signed" name="signedDate" required {...describedBy('retire-signed', message?.refusal, 'decision.signedDate')} />
            <label for="retire-effective">{t(lang, 'catalogue.admin.effectiveDate')}</label>
            <FieldMessage id="retire-effective" error={message?.refusal} field="decision.effectiveDate" />
            <input
              type="date"
              id="retire-effective"
              name="effectiveDate"
              required
              {...describedBy('retire-effective', message?.refusal, 'decision.effectiveDate')}
            />
            <label for="retire-signer">{t(lang, 'catalogue.admin.signer')}</label>
            <input id="retire-signer" name="signer" />
            <button type="submit" class="secondary">
              {t(lang, 'catalogue.retire.submit')}
            </button>
          </form>
        </section>
      ) : null}
      {edited?.retirement ? (
        <p class="notice" role="note">
          {t(lang, 'catalogue.admin.retired', { from: vnDate(edited.retirement.from) })} ({edited.retirement.decision.number})
        </p>
      ) : null}
      {edited ? (
        <section aria-labelledby="h-templates">
          <h2 id="h-templates">{t(lang, 'catalogue.template.title')}</h2>
          <p class="hint">{t(lang, 'catalogue.template.hint')}</p>
          {templates.length === 0 ? <p>{t(lang, 'catalogue.template.none')}</p> : null}
          {templates.map((f) => (
            <form method="post" action={`${BASE}/${encodeURIComponent(edited.code)}/mau/${f.index}`} enctype="multipart/form-data" class="template-upload">
              <input type="hidden" name="_csrf" value={req.csrfToken} />
              <label for={`template-${f.index}`}>{t(lang, 'catalogue.template.file', { name: f.name })}</label>
              <p class="hint" id={`template-${f.index}-state`}>
                {f.template
                  ? t(lang, 'catalogue.template.current', { file: f.template.fileName, size: sizeText(lang, f.template.size) })
                  : t(lang, 'catalogue.template.generated')}
              </p>
              <input
                type="file"
                id={`template-${f.index}`}
                name="file"
                accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                aria-describedby={`template-${f.index}-state`}
                required
              />
              <button type="submit" class="secondary">
                {t(lang, 'catalogue.template.upload')}
              </button>
            </form>
          ))}
        </section>
      ) : null}
      {versions.length ? (
        <section>
          <h2>{t(lang, 'catalogue.admin.versions')}</h2>
          <TableWrap lang={lang} name={t(lang, 'catalogue.admin.versions')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'catalogue.admin.seq')}</th>
                  <th scope="col">{t(lang, 'catalogue.admin.status')}</th>
                  <th scope="col">{t(lang, 'catalogue.admin.decision')}</th>
                  <th scope="col">{t(lang, 'catalogue.admin.effective')}</th>
                  <th scope="col">{t(lang, 'catalogue.admin.disclosed')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr>
                    <td>{v.status === 'published' ? <a href={`/thu-tuc/${encodeURIComponent(v.code)}?phien-ban=${v.versionId}`}>#{v.seq}</a> : `#${v.seq}`}</td>
                    <td>{t(lang, v.status === 'published' ? 'catalogue.admin.published' : 'catalogue.admin.draft')}</td>
                    <td>{v.decision ? `${v.decision.number} (${vnDate(v.decision.signedDate)})` : ''}</td>
                    <td>{vnDate(v.effectiveFrom)}</td>
                    <td>
                      {v.disclosedOn ? (
                        vnDate(v.disclosedOn)
                      ) : v.status === 'published' ? (
                        <form method="post" action={`${BASE}/phien-ban/${v.versionId}/cong-khai`}>
                          <Csrf req={req} />
                          <input type="hidden" name="code" value={v.code} />
                          <button type="submit" class="secondary">
                            {t(lang, 'catalogue.admin.disclose')}
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ) : null}
      {listed.length ? <BoundaryFreeSection req={req} code={code!} listed={listed} /> : null}
    </Layout>,
    status,
  );
}

/** The version's periods on the province's "phi địa giới" list (Decree 118/2025 Art. 14(2)): listed, removable, one more added. */
function BoundaryFreeSection({ req, code, listed }: { req: FastifyRequest; code: string; listed: { v: VersionSummary; periods: BoundaryFreePeriod[] }[] }) {
  const lang = req.lang;
  return (
    <section aria-labelledby="h-boundary-free">
      <h2 id="h-boundary-free">{t(lang, 'catalogue.boundaryFree.title')}</h2>
      <p class="hint">{t(lang, 'catalogue.boundaryFree.hint')}</p>
      {listed.map(({ v, periods }) => (
        <div class="boundary-free-version">
          <h3>
            #{v.seq} – {t(lang, v.status === 'published' ? 'catalogue.admin.published' : 'catalogue.admin.draft')}
            {v.effectiveFrom ? ` (${vnDate(v.effectiveFrom)})` : ''}
          </h3>
          {periods.length === 0 ? <p>{t(lang, 'catalogue.boundaryFree.none')}</p> : null}
          <ul>
            {periods.map((p, i) => (
              <li>
                {p.validTo
                  ? t(lang, 'catalogue.boundaryFree.period', { from: vnDate(p.validFrom), to: vnDate(p.validTo), decision: p.decision })
                  : t(lang, 'catalogue.boundaryFree.periodOpen', { from: vnDate(p.validFrom), decision: p.decision })}{' '}
                <form method="post" action={`${BASE}/phien-ban/${v.versionId}/phi-dia-gioi/xoa`} class="inline">
                  <Csrf req={req} />
                  <input type="hidden" name="code" value={code} />
                  <input type="hidden" name="index" value={String(i)} />
                  <button type="submit" class="secondary">
                    {t(lang, 'catalogue.boundaryFree.remove')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action={`${BASE}/phien-ban/${v.versionId}/phi-dia-gioi`}>
            <Csrf req={req} />
            <input type="hidden" name="code" value={code} />
            <label for={`bf-from-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.from')}</label>
            <input type="date" id={`bf-from-${v.versionId}`} name="validFrom" required />
            <label for={`bf-to-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.to')}</label>
            <input type="date" id={`bf-to-${v.versionId}`} name="validTo" />
            <label for={`bf-decision-${v.versionId}`}>{t(lang, 'catalogue.boundaryFree.decisionLabel')}</label>
            <input id={`bf-decision-${v.versionId}`} name="decision" maxLength={300} required />
            <button type="submit">{t(lang, 'catalogue.boundaryFree.add')}</button>
          </form>
        </div>
      ))}
    </section>
  );
}

/** Adds (or removes) one period of a version on the list and comes back to the procedure's page; a refusal is shown there, nothing changed. */
async function changeBoundaryFree(
  req: FastifyRequest,
  reply: FastifyReply,
  change: (periods: BoundaryFreePeriod[], b: FormBody) => Partial<BoundaryFreePeriod>[],
) {
  const actor = await provinceLevelOfficer(req, CONTROLLER);
  const { id } = req.params as { id: string };
  const b = (req.body ?? {}) as FormBody;
  const ctx = req.server.ctx;
  const v = /^[0-9a-f-]{36}$/.test(id) ? await getVersion(ctx, id) : null;
  if (!v) return listPage(req, reply, t(req.lang, 'catalogue.version_not_found'), undefined, 404);
  try {
    await setBoundaryFree(ctx, actor, v.versionId, change(v.boundaryFree, b));
  } catch (e) {
    if (!(e instanceof AppError) || e.status !== 400) throw e;
    const cur = (await getDraft(ctx, v.code)) ?? (await getProcedure(ctx, v.code));
    const msg = [t(req.lang, e.key, e.params), ...(e.fields ?? []).map((f) => fieldText(req.lang, f.message))].join(' ');
    return editPage(req, reply, v.code, cur ? formOf(recordOf(cur)) : { ...EMPTY_FORM, code: v.code }, [], 400, { error: msg });
  }
  const notice = t(req.lang, 'catalogue.boundaryFree.done', { code: v.code });
  return reply.redirect(`${BASE}/${encodeURIComponent(v.code)}/sua?ok=${encodeURIComponent(notice)}#h-boundary-free`, 303);
}

const EMPTY_FORM = {
  levels: ['commune'],
  onlineLevel: 'full',
  channels: ['in_person', 'online'],
  applicants: ['citizen'],
  timeUnit: 'working_days',
  requirements: 'Không',
  decidingAgency: 'commune',
  receivingAgency: 'commune',
  eFormSchema: '{\n  "type": "object",\n  "properties": {}\n}',
  eFormUi: '{\n  "type": "VerticalLayout",\n  "elements": []\n}',
  process: '{\n  "steps": []\n}',
};

async function saveFromForm(req: FastifyRequest, reply: FastifyReply, code: string | null) {
  const actor = await provinceLevelOfficer(req, CONTROLLER);
  const body = (req.body ?? {}) as FormBody;
  const { record, errors } = recordFromForm(code ? { ...body, code } : body, req.lang);
  if (errors.length === 0) {
    try {
      const v = await saveDraft(req.server.ctx, actor, record, req.lang);
      return reply.redirect(`${BASE}/${encodeURIComponent(v.code)}/sua?ok=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || !e.fields) throw e;
      for (const f of e.fields) {
        const field = formFieldOf(f.field);
        // The editor's field holds the record path; a list's item is named by its line, never by the path (issue 13).
        const line = /^(?:steps|components|fees|forms|legalBasis)\.(\d+)/.exec(f.field);
        const message = line ? `${t(req.lang, 'form.line', { n: Number(line[1]) + 1 })}: ${f.message}` : f.message;
        if (!errors.some((x) => x.field === field)) errors.push({ field, message });
      }
    }
  }
  return editPage(req, reply, code, body, errors, 400);
}

export function adminPages(app: FastifyInstance) {
  app.get(BASE, async (req, reply) => {
    await provinceLevelOfficer(req, CONTROLLER);
    const q = req.query as Record<string, string>;
    return listPage(req, reply, q.ok ? decodeURIComponent(q.ok) : undefined);
  });

  app.get(`${BASE}/moi`, async (req, reply) => {
    await provinceLevelOfficer(req, CONTROLLER);
    return editPage(req, reply, null, EMPTY_FORM, []);
  });
  app.post(`${BASE}/moi`, async (req, reply) => saveFromForm(req, reply, null));

  app.get(`${BASE}/:code/sua`, async (req, reply) => {
    await provinceLevelOfficer(req, CONTROLLER);
    const { code } = req.params as { code: string };
    const v = (await getDraft(req.server.ctx, code)) ?? (await getProcedure(req.server.ctx, code));
    if (!v) return editPage(req, reply, null, { ...EMPTY_FORM, code }, []);
    const uploaded = (req.query as Record<string, string>).mau;
    const ok = (req.query as Record<string, string>).ok;
    const notice = uploaded
      ? t(req.lang, 'catalogue.template.done', { file: String(uploaded).slice(0, 120) })
      : ok === '1'
        ? t(req.lang, 'catalogue.draft.saved')
        : ok
          ? String(ok).slice(0, 300)
          : undefined;
    return editPage(req, reply, code, formOf(recordOf(v)), [], 200, notice ? { notice } : undefined);
  });
  app.post(`${BASE}/:code/sua`, async (req, reply) => saveFromForm(req, reply, (req.params as { code: string }).code));

  app.post(`${BASE}/:code/mau/:index`, async (req, reply) => {
    const actor = await provinceLevelOfficer(req, CONTROLLER);
    const { code, index } = req.params as { code: string; index: string };
    const file = req.isMultipart() ? await req.file() : undefined;
    const bytes = file ? await file.toBuffer() : Buffer.alloc(0);
    try {
      const out = await uploadFormTemplate(req.server.ctx, actor, code, Number(index), { bytes, name: file?.filename ?? '', type: file?.mimetype });
      return reply.redirect(`${BASE}/${encodeURIComponent(code)}/sua?mau=${encodeURIComponent(out.fileName)}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      const v = (await getDraft(req.server.ctx, code)) ?? (await getProcedure(req.server.ctx, code));
      return editPage(req, reply, code, v ? formOf(recordOf(v)) : { ...EMPTY_FORM, code }, [], 400, { error: t(req.lang, e.key, e.params) });
    }
  });

  app.post(`${BASE}/:code/bai-bo`, async (req, reply) => {
    const actor = await provinceLevelOfficer(req, CONTROLLER);
    const { code } = req.params as { code: string };
    const b = (req.body ?? {}) as FormBody;
    const s = (k: string) => String(b[k] ?? '').trim();
    const decision = { number: s('number'), signedDate: s('signedDate'), effectiveDate: s('effectiveDate'), signer: s('signer') || null };
    try {
      await retireProcedure(req.server.ctx, actor, code, { decision });
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 400 && e.status !== 409)) throw e;
      const v = (await getDraft(req.server.ctx, code)) ?? (await getProcedure(req.server.ctx, code));
      return editPage(req, reply, code, v ? formOf(recordOf(v)) : { ...EMPTY_FORM, code }, [], e.status, { refusal: decisionRefusal(req.lang, e) });
    }
    const notice = t(req.lang, 'catalogue.retire.done', { code, number: decision.number, from: vnDate(decision.effectiveDate) });
    return reply.redirect(`${BASE}?ok=${encodeURIComponent(notice)}`, 303);
  });

  app.post(`${BASE}/cong-bo`, async (req, reply) => {
    const actor = await provinceLevelOfficer(req, CONTROLLER);
    const b = (req.body ?? {}) as FormBody;
    const codes = b.codes === undefined ? [] : Array.isArray(b.codes) ? b.codes : [b.codes];
    const s = (k: string) => String(b[k] ?? '').trim();
    try {
      await publishDrafts(req.server.ctx, actor, {
        codes,
        decision: { number: s('number'), signedDate: s('signedDate'), effectiveDate: s('effectiveDate'), signer: s('signer') || null },
        disclosedOn: s('disclosedOn') || null,
      });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      return listPage(req, reply, undefined, undefined, 400, decisionRefusal(req.lang, e));
    }
    const notice = t(req.lang, 'catalogue.publish.done', { count: codes.length, number: s('number') });
    return reply.redirect(`${BASE}?ok=${encodeURIComponent(notice)}`, 303);
  });

  app.post(`${BASE}/phien-ban/:id/phi-dia-gioi`, async (req, reply) =>
    changeBoundaryFree(req, reply, (periods, b) => {
      const s = (k: string) => String(b[k] ?? '').trim();
      return [...periods, { validFrom: s('validFrom'), validTo: s('validTo') || null, decision: s('decision') }];
    }),
  );
  app.post(`${BASE}/phien-ban/:id/phi-dia-gioi/xoa`, async (req, reply) =>
    changeBoundaryFree(req, reply, (periods, b) => periods.filter((_, i) => String(i) !== String(b.index ?? ''))),
  );

  app.post(`${BASE}/phien-ban/:id/cong-khai`, async (req, reply) => {
    const actor = await provinceLevelOfficer(req, CONTROLLER);
    const { id } = req.params as { id: string };
    const code = String((req.body as FormBody | undefined)?.code ?? '');
    if (/^[0-9a-f-]{36}$/.test(id)) await discloseVersions(req.server.ctx, actor, [id]);
    return reply.redirect(code ? `${BASE}/${encodeURIComponent(code)}/sua` : BASE, 303);
  });

  app.post(`${BASE}/nhap`, async (req, reply) => {
    const actor = await provinceLevelOfficer(req, CONTROLLER);
    const file = req.isMultipart() ? await req.file() : undefined;
    const buf = file ? await file.toBuffer() : Buffer.alloc(0);
    const out = await importFile(req.server.ctx, actor, buf, req.lang);
    if (!out.ok) return listPage(req, reply, undefined, out.errors, 400);
    return reply.redirect(`${BASE}?ok=${encodeURIComponent(t(req.lang, 'catalogue.import.done', { count: out.count }))}`, 303);
  });

  app.get(`${BASE}/xuat.json`, async (req, reply) => {
    await provinceLevelOfficer(req, CONTROLLER);
    return reply
      .header('content-disposition', 'attachment; filename="danh-muc-tthc.json"')
      .type('application/json; charset=utf-8')
      .send(await exportNationalJson(req.server.ctx, { drafts: true }));
  });
  app.get(`${BASE}/xuat.xlsx`, async (req, reply) => {
    await provinceLevelOfficer(req, CONTROLLER);
    return reply
      .header('content-disposition', 'attachment; filename="danh-muc-tthc.xlsx"')
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await exportExcel(req.server.ctx, { drafts: true }));
  });

  app.get(`${BASE}/chi-so`, async (req, reply) => {
    await provinceLevelOfficer(req, ['controller', 'monitor', 'admin']);
    const lang = req.lang;
    const q = req.query as Record<string, string>;
    const now = today(req.server.ctx);
    const from = /^\d{4}-\d{2}-\d{2}$/.test(q.from ?? '') ? q.from : `${now.slice(0, 4)}-01-01`;
    const to = /^\d{4}-\d{2}-\d{2}$/.test(q.to ?? '') ? q.to : now;
    const f = await publicationFigures(req.server.ctx, { from, to, unitId: q.unitId || undefined });
    const pct = (r: { numerator: number; denominator: number; percent: number | null }) =>
      `${r.numerator}/${r.denominator}${r.percent === null ? '' : ` (${r.percent}%)`}`;
    const state = (s: string) => (
      <span class={`tag ${s === 'on_time' || s === 'true' ? 'ok' : s === 'pending' ? 'soon' : 'late'}`}>
        {t(lang, s === 'on_time' || s === 'true' ? 'catalogue.admin.onTime' : s === 'pending' ? 'catalogue.admin.pending' : 'catalogue.admin.late')}
      </span>
    );
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'catalogue.admin.figures')}>
        <p>
          <a href={BASE}>{t(lang, 'catalogue.admin.title')}</a>
        </p>
        <h1>{t(lang, 'catalogue.admin.figures')}</h1>
        <form method="get" action={`${BASE}/chi-so`}>
          <label for="from">{t(lang, 'catalogue.admin.from')}</label>
          <input type="date" id="from" name="from" value={from} />
          <label for="to">{t(lang, 'catalogue.admin.to')}</label>
          <input type="date" id="to" name="to" value={to} />
          <button type="submit">{t(lang, 'catalogue.admin.show')}</button>
        </form>
        <dl class="summary">
          <dt>
            1.1 {t(lang, 'catalogue.admin.published')} - {t(lang, 'catalogue.admin.onTime')}
          </dt>
          <dd id="i11">{pct(f.totals.publishedOnTime)}</dd>
          <dt>
            1.2 {t(lang, 'catalogue.admin.disclosed')} - {t(lang, 'catalogue.admin.onTime')}
          </dt>
          <dd id="i12">{pct(f.totals.disclosedOnTime)}</dd>
          <dt>1.3 {t(lang, 'catalogue.admin.complete')}</dt>
          <dd id="i13">{pct(f.totals.complete)}</dd>
        </dl>
        <TableWrap lang={lang} name={t(lang, 'catalogue.admin.figures')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'catalogue.page.code')}</th>
                <th scope="col">{t(lang, 'catalogue.admin.name')}</th>
                <th scope="col">{t(lang, 'catalogue.admin.decision')}</th>
                <th scope="col">1.1</th>
                <th scope="col">1.2</th>
              </tr>
            </thead>
            <tbody>
              {f.procedures.map((p) => (
                <tr>
                  <td>{p.code}</td>
                  <td>{p.name}</td>
                  <td>{p.decisions.join(', ')}</td>
                  <td>{state(String(p.publishedOnTime))}</td>
                  <td>{state(p.disclosure)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {f.completeness.some((c) => c.missing.length) ? (
          <ul>
            {f.completeness
              .filter((c) => c.missing.length)
              .map((c) => (
                <li>
                  {c.code} {c.name}: {t(lang, 'catalogue.admin.missing', { parts: c.missing.join(', ') })}
                </li>
              ))}
          </ul>
        ) : null}
      </Layout>,
    );
  });
}
