/** The list of procedures (/quan-tri/thu-tuc): drafts to publish by a decision, versions to disclose, import and export. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { TableWrap } from '../../../web/table-wrap';
import type { ImportError } from '../import-check';
import { adminList, today } from '../service';
import { vnDate } from '../view';
import { BASE, Csrf, PUBLISH_IDS } from './common';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../../web/form-errors';

export async function listPage(req: FastifyRequest, reply: FastifyReply, notice?: string, importErrors?: ImportError[], status = 200, refusal?: FormRefusal) {
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
