/** Editing a procedure's draft (new or an existing procedure) and saving it from the form. */
import { provinceLevelOfficer } from '../../identity/service';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { TableWrap } from '../../../web/table-wrap';
import { formFieldOf, recordFromForm, type FormBody } from '../admin-form';
import { ONLINE_LEVELS, UNIT_LEVELS, CHANNELS, APPLICANTS } from '../model';
import { getVersion, procedureVersions, saveDraft } from '../service';
import { vnDate } from '../view';
import { editedVersion, formTemplatesOf, sizeText } from '../forms';
import { BASE, Checks, CONTROLLER, Csrf, ErrorSummary, Field, Flag, RETIRE_IDS } from './common';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../../web/form-errors';
import { BoundaryFreeSection } from './boundary-free';

export async function editPage(
  req: FastifyRequest,
  reply: FastifyReply,
  code: string | null,
  values: FormBody,
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

export const EMPTY_FORM = {
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

export async function saveFromForm(req: FastifyRequest, reply: FastifyReply, code: string | null) {
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
