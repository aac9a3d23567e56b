/**
 * Bulk work from the queues (issue 17 item 5), without JavaScript: the queue is one form with a
 * checkbox per dossier (its id and the version shown) and the action; the POST answers with a
 * page listing every dossier's outcome (a repeated POST finds the versions moved on and reports
 * "already done"), or with one PDF of the slips. The CSV of result statuses has its own page.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth';
import { AppError } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t, type Lang } from '../../../platform/i18n';
import { CsrfField } from '../../../web/csrf';
import { Layout } from '../../../web/layout';
import { TableWrap } from '../../../web/table-wrap';
import { listOfficersAt } from '../../identity/service';
import { BULK_MAX, RETURN_METHODS, resultsCsvTemplate, type ReturnMethod } from '../model';
import { bulkAction, bulkSlips, BULK_ACTIONS, importResultsCsv, type BulkAction, type BulkReport, type CsvReport } from '../service';
import { ErrorSummary, formErrorOf, many, officerOrLogin, one, readMultipartForm, stateText, type FormError } from './common';

export const BULK_URL = '/can-bo/hang-doi/hang-loat';
export const CSV_URL = '/can-bo/nhap-ket-qua';
const PRINT_KINDS = ['receipt', 'control'] as const;

/** The action choice, assignee, return method and comment under the queue's checkboxes. */
export function BulkControls({ req, officers, preferred }: { req: FastifyRequest; officers: { id: string; name: string }[]; preferred?: BulkAction }) {
  const lang = req.lang;
  return (
    <fieldset class="card" id="bulk-controls">
      <legend>{t(lang, 'pages.bulk.legend')}</legend>
      <p class="hint">{t(lang, 'pages.bulk.cap', { max: BULK_MAX })}</p>
      <div class="control">
        <label for="bulk-action">{t(lang, 'pages.bulk.action')}</label>
        <select id="bulk-action" name="thaoTac">
          {BULK_ACTIONS.map((a) => (
            <option value={a} selected={a === preferred}>
              {t(lang, `pages.action.${a}`)}
            </option>
          ))}
          {PRINT_KINDS.map((k) => (
            <option value={`in:${k}`}>{t(lang, `pages.bulk.print.${k}`)}</option>
          ))}
        </select>
      </div>
      <div class="control">
        <label for="bulk-assignee">{t(lang, 'pages.bulk.assignee')}</label>
        <select id="bulk-assignee" name="assigneeId">
          <option value="">{t(lang, 'pages.bulk.noAssignee')}</option>
          {officers.map((o) => (
            <option value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      <div class="control">
        <label for="bulk-return">{t(lang, 'pages.bulk.returnMethod')}</label>
        <select id="bulk-return" name="returnMethod">
          {(['desk', 'post', 'online'] as const).map((m) => (
            <option value={m}>{t(lang, `pages.ws.return.${m}`)}</option>
          ))}
        </select>
      </div>
      <div class="control">
        <label for="bulk-comment">{t(lang, 'pages.bulk.comment')}</label>
        <textarea id="bulk-comment" name="comment" rows={2} maxLength={4000}></textarea>
      </div>
      <button type="submit">{t(lang, 'pages.bulk.submit')}</button>
    </fieldset>
  );
}

/** Officers the actor may assign: specialists and leaders of the units where the actor holds a role. */
export async function assignableOfficers(app: FastifyInstance, actor: Actor): Promise<{ id: string; name: string }[]> {
  const units = [...new Set(actor.roles.filter((g) => g.role === 'leader' || g.role === 'specialist').map((g) => g.unitId))];
  return (await listOfficersAt(app.ctx, units, ['specialist', 'leader'])).map((o) => ({ id: o.id, name: o.name }));
}

const OUTCOME_CLASS: Record<string, string> = { done: 'tag ok', already_done: 'tag', valid: 'tag', refused: 'tag late', invalid: 'tag late' };

function BulkResultPage({ req, report, error }: { req: FastifyRequest; report: BulkReport | null; error: FormError | null }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'pages.bulk.resultTitle')}>
      <h1>{t(lang, 'pages.bulk.resultTitle')}</h1>
      <ErrorSummary lang={lang} error={error} />
      {report && (
        <>
          <p role="status">
            {t(lang, 'pages.bulk.resultSummary', { action: t(lang, `pages.action.${report.action}`), done: report.done, refused: report.refused })}
          </p>
          <TableWrap lang={lang} name={t(lang, 'pages.bulk.resultTitle')}>
            <table class="stack" id="bulk-outcomes">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'pages.bulk.col.dossier')}</th>
                  <th scope="col">{t(lang, 'pages.bulk.col.outcome')}</th>
                  <th scope="col">{t(lang, 'pages.bulk.col.state')}</th>
                  <th scope="col">{t(lang, 'pages.bulk.col.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.outcomes.map((o) => (
                  <tr data-outcome={o.outcome} data-id={o.id}>
                    <td>{o.code ? <a href={`/can-bo/ho-so/${encodeURIComponent(o.id)}`}>{o.code}</a> : t(lang, 'bulk.hidden_dossier')}</td>
                    <td data-label={t(lang, 'pages.bulk.col.outcome')}>
                      <span class={OUTCOME_CLASS[o.outcome]}>{t(lang, `pages.bulk.outcome.${o.outcome}`)}</span>
                    </td>
                    <td data-label={t(lang, 'pages.bulk.col.state')}>{o.state ? stateText(lang, o.state) : '—'}</td>
                    <td data-label={t(lang, 'pages.bulk.col.message')}>{o.message ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <p>
        <a href="/can-bo/hang-doi">{t(lang, 'pages.bulk.back')}</a>
      </p>
    </Layout>
  );
}

function CsvPage({ req, report, error }: { req: FastifyRequest; report: CsvReport | null; error: FormError | null }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'pages.bulk.csvTitle')}>
      <h1>{t(lang, 'pages.bulk.csvTitle')}</h1>
      <ErrorSummary lang={lang} error={error} />
      <p>{t(lang, 'pages.bulk.csvIntro', { max: BULK_MAX })}</p>
      <p>
        <a href={`${CSV_URL}/mau.csv`} download="mau-nhap-ket-qua.csv">
          {t(lang, 'pages.bulk.csvTemplate')}
        </a>
      </p>
      {report && (
        <section aria-labelledby="csv-report">
          <h2 id="csv-report" role="status">
            {report.applied ? t(lang, 'pages.bulk.csvApplied', { done: report.done }) : t(lang, 'pages.bulk.csvRefused')}
          </h2>
          {report.rows.length > 0 && (
            <TableWrap lang={lang} name={t(lang, 'pages.bulk.csvTitle')}>
              <table class="stack" id="csv-rows">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'pages.bulk.col.line')}</th>
                    <th scope="col">{t(lang, 'pages.bulk.col.dossier')}</th>
                    <th scope="col">{t(lang, 'pages.bulk.col.outcome')}</th>
                    <th scope="col">{t(lang, 'pages.bulk.col.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.rows.map((r) => (
                    <tr data-result={r.result} data-line={r.line}>
                      <td>
                        {t(lang, 'pages.bulk.col.line')} {r.line}
                      </td>
                      <td data-label={t(lang, 'pages.bulk.col.dossier')}>{r.code || '—'}</td>
                      <td data-label={t(lang, 'pages.bulk.col.outcome')}>
                        <span class={OUTCOME_CLASS[r.result]}>{t(lang, `pages.bulk.outcome.${r.result}`)}</span>
                      </td>
                      <td data-label={t(lang, 'pages.bulk.col.message')}>{r.messages.join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </section>
      )}
      <form method="post" action={CSV_URL} enctype="multipart/form-data" class="card">
        {/* the CSRF token first: the handler checks it before reading anything else */}
        <CsrfField req={req} />
        <div class="control">
          <label for="csv-file">{t(lang, 'pages.bulk.csvFile')}</label>
          <input id="csv-file" type="file" name="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit">{t(lang, 'pages.bulk.csvSubmit')}</button>
      </form>
      <p>
        <a href="/can-bo/hang-doi">{t(lang, 'pages.bulk.back')}</a>
      </p>
    </Layout>
  );
}

/** "id:version" pairs from the checkboxes; anything else is dropped (a forged value cannot name a version). */
function selected(v: unknown): { id: string; version: number }[] {
  const out: { id: string; version: number }[] = [];
  for (const s of many(v)) {
    const m = /^([^:]{1,100}):(\d{1,9})$/.exec(s);
    if (m) out.push({ id: m[1]!, version: Number(m[2]) });
  }
  return out;
}

function errorPage(lang: Lang, err: unknown): FormError {
  if (err instanceof AppError) return formErrorOf(lang, err);
  throw err;
}

export function bulkPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.post(BULK_URL, async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const choice = one(body.thaoTac);
    const items = selected(body.chon);
    try {
      if (choice.startsWith('in:')) {
        const kind = choice.slice(3);
        if (!(PRINT_KINDS as readonly string[]).includes(kind)) throw new AppError(400, 'bulk.action_invalid');
        const r = await bulkSlips(
          ctx,
          actor,
          items.map((i) => i.id),
          kind as (typeof PRINT_KINDS)[number],
          req.lang,
        );
        return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="phieu-${kind}.pdf"`).send(r.pdf);
      }
      const method = one(body.returnMethod);
      const report = await bulkAction(
        ctx,
        actor,
        {
          action: choice as BulkAction,
          items,
          comment: one(body.comment).trim() || null,
          assigneeId: one(body.assigneeId) || undefined,
          returnMethod: (RETURN_METHODS as readonly string[]).includes(method) ? (method as ReturnMethod) : undefined,
          ip: req.ip,
        },
        req.lang,
      );
      return sendPage(reply, <BulkResultPage req={req} report={report} error={null} />);
    } catch (err) {
      const e = errorPage(req.lang, err);
      return sendPage(reply, <BulkResultPage req={req} report={null} error={e} />, e.status);
    }
  });

  app.get(CSV_URL, async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    return sendPage(reply, <CsvPage req={req} report={null} error={null} />);
  });

  app.get(`${CSV_URL}/mau.csv`, async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="mau-nhap-ket-qua.csv"')
      .send(resultsCsvTemplate());
  });

  app.post(CSV_URL, async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    try {
      const { files } = await readMultipartForm(req);
      const f = files.find((x) => x.field === 'file');
      if (!f) throw new AppError(400, 'pages.bulk.csvFileRequired');
      const report = await importResultsCsv(ctx, actor, f.bytes, req.lang, req.ip);
      if (report.fileError) return sendPage(reply, <CsvPage req={req} report={null} error={{ status: 400, message: report.fileError, fields: [] }} />, 400);
      return sendPage(reply, <CsvPage req={req} report={report} error={null} />, report.applied ? 200 : 422);
    } catch (err) {
      const e = errorPage(req.lang, err);
      return sendPage(reply, <CsvPage req={req} report={null} error={e} />, e.status);
    }
  });
}
