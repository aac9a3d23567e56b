/** Public screens: procedure search (/thu-tuc) and procedure page (/thu-tuc/:code). Work without JavaScript, 360 px first. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendSharedPage } from '../../platform/http/page-cache';
import { notFound } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { listAgencies } from '../units/service';
import { adminPages } from './admin-pages';
import { ONLINE_LEVELS, UNIT_LEVELS, type OnlineLevel, type ProcedureVersion, type UnitLevel } from './model';
import { boundaryFreeOn, cataloguePageMemo, getProcedure, getVersion, isRetired, listFields, searchProcedures, today } from './service';
import { HitList, money, timeText, vnDate } from './view';
import { agencyText, contentDisposition, formDownloads, formFile, sizeText, type FormDownload } from './forms';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function cataloguePages(app: FastifyInstance) {
  app.get('/thu-tuc', async (req, reply) => sendSharedPage(req, reply, cataloguePageMemo(req.server.ctx), () => searchPage(req)));

  async function searchPage(req: FastifyRequest) {
    const q = (req.query ?? {}) as Record<string, unknown>;
    const lang = req.lang;
    const ctx = req.server.ctx;
    const level = UNIT_LEVELS.includes(q.level as UnitLevel) ? (q.level as UnitLevel) : undefined;
    const online = ONLINE_LEVELS.includes(q.online as OnlineLevel) ? (q.online as OnlineLevel) : undefined;
    const page = Math.min(Math.max(Number(q.page) || 1, 1), 1000);
    const params = { q: str(q.q)?.slice(0, 500), field: str(q.field) || undefined, agency: str(q.agency) || undefined, level, online, page };
    const [result, fields, agencies] = await Promise.all([searchProcedures(ctx, params), listFields(ctx), listAgencies(ctx).catch(() => [])]);
    const link = (p: number) => {
      const u = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...params, page: p })) if (v !== undefined && v !== '') u.set(k, String(v));
      return `/thu-tuc?${u}`;
    };
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    return (
      <Layout req={req} title={t(lang, 'catalogue.search.title')}>
        <h1>{t(lang, 'catalogue.search.title')}</h1>
        <form method="get" action="/thu-tuc" role="search" class="search-form">
          <label for="q">{t(lang, 'catalogue.search.q')}</label>
          <p class="hint" id="q-hint">
            {t(lang, 'catalogue.search.qHint')}
          </p>
          <input type="search" id="q" name="q" value={params.q ?? ''} aria-describedby="q-hint" />
          <label for="field">{t(lang, 'catalogue.search.field')}</label>
          <select id="field" name="field">
            <option value="">{t(lang, 'catalogue.search.all')}</option>
            {fields.map((f) => (
              <option value={f.code} selected={f.code === params.field}>
                {lang === 'en' ? f.nameEn : f.name}
              </option>
            ))}
          </select>
          <label for="level">{t(lang, 'catalogue.search.level')}</label>
          <select id="level" name="level">
            <option value="">{t(lang, 'catalogue.search.all')}</option>
            {UNIT_LEVELS.map((l) => (
              <option value={l} selected={l === level}>
                {t(lang, `catalogue.level.${l}`)}
              </option>
            ))}
          </select>
          <label for="online">{t(lang, 'catalogue.search.online')}</label>
          <select id="online" name="online">
            <option value="">{t(lang, 'catalogue.search.all')}</option>
            {ONLINE_LEVELS.map((l) => (
              <option value={l} selected={l === online}>
                {t(lang, `catalogue.online.${l}`)}
              </option>
            ))}
          </select>
          {agencies.length > 0 ? (
            <>
              <label for="agency">{t(lang, 'catalogue.search.agency')}</label>
              <select id="agency" name="agency">
                <option value="">{t(lang, 'catalogue.search.all')}</option>
                {agencies.map((a) => (
                  <option value={a.id} selected={a.id === params.agency}>
                    {a.name}
                  </option>
                ))}
              </select>
            </>
          ) : null}
          <button type="submit">{t(lang, 'catalogue.search.submit')}</button>
        </form>
        <p role="status">{result.total > 0 ? t(lang, 'catalogue.search.count', { total: result.total }) : t(lang, 'catalogue.search.none')}</p>
        <HitList items={result.items} lang={lang} />
        {pages > 1 ? (
          <nav aria-label={t(lang, 'catalogue.search.page', { page })} class="pager">
            {page > 1 ? (
              <a href={link(page - 1)} rel="prev">
                {t(lang, 'catalogue.search.prev')}
              </a>
            ) : null}{' '}
            <span>
              {t(lang, 'catalogue.search.page', { page })} / {pages}
            </span>{' '}
            {page < pages ? (
              <a href={link(page + 1)} rel="next">
                {t(lang, 'catalogue.search.next')}
              </a>
            ) : null}
          </nav>
        ) : null}
      </Layout>
    );
  }

  /** The version in force, or the published version ?phien-ban= names. */
  async function shown(req: FastifyRequest, code: string) {
    const versionId = str((req.query as Record<string, unknown>)?.['phien-ban']);
    const ctx = req.server.ctx;
    const current = await getProcedure(ctx, code);
    let v = current;
    if (versionId && /^[0-9a-f-]{36}$/.test(versionId)) {
      const old = await getVersion(ctx, versionId);
      if (old && old.code === code && old.status === 'published') v = old;
    }
    if (!v) throw notFound('catalogue.not_found', { code });
    return { v, current, versionId: v === current ? undefined : v.versionId };
  }

  app.get('/thu-tuc/:code', async (req, reply) => {
    const { code } = req.params as { code: string };
    const ctx = req.server.ctx;
    return sendSharedPage(req, reply, cataloguePageMemo(ctx), async () => {
      const { v, current, versionId } = await shown(req, code);
      const forms = (await formDownloads(ctx, v)).map((f) => (versionId ? { ...f, url: `${f.url}?phien-ban=${versionId}` } : f));
      return <ProcedurePage req={req} v={v} current={current} agencyText={await agencyText(ctx, req.lang, v)} forms={forms} />;
    });
  });

  const sendForm = async (req: FastifyRequest, reply: FastifyReply, code: string, index: number, ext: string) => {
    const { v, versionId } = await shown(req, code);
    const f = await formFile(req.server.ctx, v, index);
    if (!f) throw notFound('catalogue.not_found', { code });
    if (f.ext !== ext) return reply.redirect(`/thu-tuc/${encodeURIComponent(code)}/mau/${index}.${f.ext}${versionId ? `?phien-ban=${versionId}` : ''}`, 302);
    return reply
      .header('content-type', f.mime)
      .header('content-disposition', contentDisposition(f.fileName))
      .header('cache-control', 'public, max-age=300')
      .send(f.bytes);
  };
  app.get('/thu-tuc/:code/mau-don.pdf', async (req, reply) => sendForm(req, reply, (req.params as { code: string }).code, 1, 'pdf'));
  app.get('/thu-tuc/:code/mau/:file', async (req, reply) => {
    const { code, file } = req.params as { code: string; file: string };
    const m = /^(\d{1,3})\.(pdf|docx)$/.exec(file);
    if (!m) throw notFound('catalogue.not_found', { code });
    return sendForm(req, reply, code, Number(m[1]), m[2]!);
  });

  adminPages(app);
}

export { agencyText };

function ProcedurePage({
  req,
  v,
  current,
  agencyText,
  forms,
}: {
  req: any;
  v: ProcedureVersion;
  current: ProcedureVersion | null;
  agencyText: { deciding: string; receiving: string };
  forms: FormDownload[];
}) {
  const lang: Lang = req.lang;
  const c = v.content;
  const old = current && current.versionId !== v.versionId;
  const name = lang === 'en' ? c.nameEn : c.name;
  const r = v.retirement;
  const retired = !!r && isRetired(v, today(req.server.ctx));
  const online = c.onlineLevel !== 'none' && !retired;
  const bf = boundaryFreeOn(v.boundaryFree, today(req.server.ctx));
  return (
    <Layout req={req} title={name}>
      <p>
        <a href="/thu-tuc">{t(lang, 'catalogue.page.back')}</a>
      </p>
      <h1>{name}</h1>
      {old ? (
        <p class="notice" role="note">
          {t(lang, 'catalogue.page.oldVersion', { seq: v.seq })} <a href={`/thu-tuc/${v.code}`}>{t(lang, 'catalogue.page.currentVersion')}</a>
        </p>
      ) : null}
      {r ? (
        <p class={retired ? 'notice warning' : 'notice'} role="note" id="retired">
          {retired ? (
            <strong>{t(lang, 'catalogue.page.retired', { number: r.decision.number, signed: vnDate(r.decision.signedDate), from: vnDate(r.from) })}</strong>
          ) : (
            t(lang, 'catalogue.page.retiring', { number: r.decision.number, signed: vnDate(r.decision.signedDate), from: vnDate(r.from) })
          )}
        </p>
      ) : null}
      {bf && !retired ? (
        <p class="notice" role="note" id="boundary-free">
          {t(lang, 'catalogue.page.boundaryFree', { decision: bf.decision })}
        </p>
      ) : null}
      <dl class="summary">
        <dt>{t(lang, 'catalogue.page.code')}</dt>
        <dd>{v.code}</dd>
        <dt>{t(lang, 'catalogue.page.field')}</dt>
        <dd>{lang === 'en' ? c.field.nameEn : c.field.name}</dd>
        <dt>{t(lang, 'catalogue.page.level')}</dt>
        <dd>{c.levels.map((l) => t(lang, `catalogue.level.${l}`)).join(', ')}</dd>
        <dt>{t(lang, 'catalogue.page.onlineLevel')}</dt>
        <dd>
          {t(lang, `catalogue.online.${c.onlineLevel}`)}
          {c.essential ? (
            <>
              {' '}
              · <span class="tag ok">{t(lang, 'catalogue.essential')}</span>
            </>
          ) : null}
        </dd>
      </dl>
      {online ? (
        <p>
          <a class="button" href={`/nop-ho-so/${encodeURIComponent(v.code)}`}>
            {t(lang, 'catalogue.page.apply')}
          </a>
        </p>
      ) : retired ? null : (
        <p class="notice">{t(lang, 'catalogue.page.notOnline')}</p>
      )}
      {v.decision ? (
        <p class="meta">
          {t(lang, 'catalogue.page.decision', { number: v.decision.number, signed: vnDate(v.decision.signedDate), effective: vnDate(v.effectiveFrom) })}
        </p>
      ) : null}

      <section aria-labelledby="h-steps">
        <h2 id="h-steps">{t(lang, 'catalogue.page.steps')}</h2>
        <ol>
          {c.steps.map((s) => (
            <li>{s}</li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="h-channels">
        <h2 id="h-channels">{t(lang, 'catalogue.page.channels')}</h2>
        <ul>
          {c.channels.map((ch) => (
            <li>{t(lang, `catalogue.channel.${ch}`)}</li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-components">
        <h2 id="h-components">{t(lang, 'catalogue.page.components')}</h2>
        <TableWrap lang={lang} name={t(lang, 'catalogue.page.components')}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'catalogue.page.componentName')}</th>
                <th scope="col">{t(lang, 'catalogue.page.originals')}</th>
                <th scope="col">{t(lang, 'catalogue.page.copies')}</th>
              </tr>
            </thead>
            <tbody>
              {c.components.map((x) => (
                <tr>
                  <td>
                    {x.name} {x.optional ? <em>{t(lang, 'catalogue.page.optional')}</em> : null}
                  </td>
                  <td data-label={t(lang, 'catalogue.page.originals')}>{x.originals}</td>
                  <td data-label={t(lang, 'catalogue.page.copies')}>{x.copies}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p>{t(lang, 'catalogue.page.sets')}</p>
      </section>
      <section aria-labelledby="h-time">
        <h2 id="h-time">{t(lang, 'catalogue.page.time')}</h2>
        <p>
          {timeText(lang, c.processingTime)}
          {c.processingTime.note ? `. ${c.processingTime.note}` : ''}
        </p>
        {c.onlineProcessingTime ? <p>{t(lang, 'catalogue.page.onlineTime', { time: timeText(lang, c.onlineProcessingTime) })}</p> : null}
      </section>
      <section aria-labelledby="h-applicants">
        <h2 id="h-applicants">{t(lang, 'catalogue.page.applicants')}</h2>
        <ul>
          {c.applicants.map((a) => (
            <li>{t(lang, `catalogue.applicant.${a}`)}</li>
          ))}
        </ul>
        {c.applicantNote ? <p>{c.applicantNote}</p> : null}
      </section>
      <section aria-labelledby="h-agencies">
        <h2 id="h-agencies">{t(lang, 'catalogue.page.agencies')}</h2>
        <dl class="summary">
          <dt>{t(lang, 'catalogue.page.deciding')}</dt>
          <dd>{agencyText.deciding}</dd>
          <dt>{t(lang, 'catalogue.page.receiving')}</dt>
          <dd>{agencyText.receiving}</dd>
        </dl>
      </section>
      <section aria-labelledby="h-result">
        <h2 id="h-result">{t(lang, 'catalogue.page.result')}</h2>
        <p>{c.result}</p>
      </section>
      <section aria-labelledby="h-fees">
        <h2 id="h-fees">{t(lang, 'catalogue.page.fees')}</h2>
        {c.fees.length === 0 ? (
          <p>{t(lang, 'catalogue.page.noFees')}</p>
        ) : (
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'catalogue.page.feeName')}</th>
                <th scope="col">{t(lang, 'catalogue.page.amount')}</th>
                <th scope="col">{t(lang, 'catalogue.page.onlineAmount')}</th>
                <th scope="col">{t(lang, 'catalogue.page.exemption')}</th>
              </tr>
            </thead>
            <tbody>
              {c.fees.map((f) => (
                <tr>
                  <td>
                    {f.name} ({t(lang, f.kind === 'fee' ? 'catalogue.page.fee' : 'catalogue.page.charge')})
                  </td>
                  <td data-label={t(lang, 'catalogue.page.amount')}>{money(lang, f.amount)}</td>
                  <td data-label={t(lang, 'catalogue.page.onlineAmount')}>{money(lang, f.onlineAmount ?? f.amount)}</td>
                  <td data-label={t(lang, 'catalogue.page.exemption')}>{f.exemption ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="h-forms">
        <h2 id="h-forms">{t(lang, 'catalogue.page.forms')}</h2>
        {c.forms.length === 0 ? <p>{t(lang, 'catalogue.page.noForms')}</p> : null}
        <ul class="downloads">
          {forms.map((f) => (
            <li>
              <a href={f.url} download>
                {t(lang, 'catalogue.page.formLink', { name: f.name, format: f.format, size: sizeText(lang, f.size) })}
              </a>
              {f.code ? <span class="meta"> · {f.code}</span> : null}
              <span class="meta"> · {t(lang, f.official ? 'catalogue.page.formOfficial' : 'catalogue.page.formGenerated')}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-requirements">
        <h2 id="h-requirements">{t(lang, 'catalogue.page.requirements')}</h2>
        <p>{c.requirements}</p>
      </section>
      <section aria-labelledby="h-legal">
        <h2 id="h-legal">{t(lang, 'catalogue.page.legalBasis')}</h2>
        <ul>
          {c.legalBasis.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      </section>
      {online ? (
        <p>
          <a class="button" href={`/nop-ho-so/${encodeURIComponent(v.code)}`}>
            {t(lang, 'catalogue.page.apply')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
