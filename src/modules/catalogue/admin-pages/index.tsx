/**
 * Back office for procedure controllers (/quan-tri/thu-tuc): list, edit a draft, publish drafts
 * by a decision, import/export, publication indicators. Role 'controller'; forms carry _csrf.
 *
 * The routes here; the pages by group: list.tsx, edit.tsx, boundary-free.tsx (the "phi địa giới"
 * list of a version), the shared fields in common.tsx.
 */
import { provinceLevelOfficer } from '../../identity/service';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { TableWrap } from '../../../web/table-wrap';
import { formOf, type FormBody } from '../admin-form';
import { exportExcel, exportNationalJson, importFile } from '../import-export';
import { discloseVersions, getDraft, getProcedure, publicationFigures, publishDrafts, recordOf, retireProcedure, today } from '../service';
import { vnDate } from '../view';
import { uploadFormTemplate } from '../forms';
import { BASE, CONTROLLER, decisionRefusal } from './common';
import { listPage } from './list';
import { EMPTY_FORM, editPage, saveFromForm } from './edit';
import { changeBoundaryFree } from './boundary-free';

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
