/** Screens of issue 12 items 3-4: points at risk with the forecast (/chi-so/nguy-co) and the overdue-cause ledger (/chi-so/nguyen-nhan). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer, type Actor } from '../../platform/auth';
import { sendPage } from '../../platform/http/html';
import { t, type Lang } from '../../platform/i18n';
import { formatDateTimeVN } from '../../platform/dates';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { CsrfField } from '../../web/csrf';
import { dossierHref, unitIndex } from './deps';
import { overdueLedger, reconcileUnit, type Ledger, type ReconciliationRun } from './ledger';
import { causeText, flagsText } from './ledger-export';
import { currentMonthKey } from './model/period';
import { periodLabel } from './present';
import type { Forecast } from './model/forecast';
import { defaultWatchUnit } from './scope';
import { LEDGER_WATCHERS, stakeFor } from './routes-ledger';
import { MergedNote, mergedPeriodNote, mergedPeriodNoteOf } from './merger-note';
import { assumptionText } from './labels';

const q = (o: Record<string, string | number | undefined>) =>
  '?' +
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
const signed = (x: number) => (x > 0 ? `+${x}` : x < 0 ? `−${-x}` : '0');

function ForecastBlock({ lang, f, period }: { lang: Lang; f: Forecast; period: string }) {
  return (
    <section class="card">
      <h2>{t(lang, 'indicators.forecast.title', { period: periodLabel(period, lang) })}</h2>
      {f.projectedTotal == null ? (
        <p>{t(lang, 'indicators.forecast.none')}</p>
      ) : (
        [
          <p>
            <strong>
              {t(lang, 'indicators.forecast.value', { projected: f.projectedTotal, total: f.total, change: signed(f.change ?? 0), late: f.goingLate })}
            </strong>
          </p>,
          <p>{t(lang, 'indicators.forecast.pace', { pace: f.pacePerWorkingDay ?? 0 })}</p>,
        ]
      )}
      <p>{t(lang, 'indicators.forecast.assumed')}</p>
      <ul>
        {f.assumptions.map((a) => (
          <li>{assumptionText(lang, a)}</li>
        ))}
      </ul>
    </section>
  );
}

async function unitFor(req: FastifyRequest, actor: Actor, ref: string | undefined): Promise<string | undefined> {
  return ref || defaultWatchUnit(actor, await unitIndex(req.server.ctx))?.id;
}

function LedgerTable({ lang, l }: { lang: Lang; l: Ledger }) {
  return (
    <TableWrap lang={lang} name={t(lang, 'indicators.ledger.title')}>
      <table class="stack">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'indicators.col.code')}</th>
            <th scope="col">{t(lang, 'indicators.col.due')}</th>
            <th scope="col">{t(lang, 'indicators.col.flag')}</th>
            <th scope="col">{t(lang, 'indicators.col.attribution')}</th>
            <th scope="col">{t(lang, 'indicators.col.cause')}</th>
          </tr>
        </thead>
        <tbody>
          {l.rows.map((r) => (
            <tr>
              <th scope="row">
                <a href={dossierHref(r.dossierId)}>{r.code}</a>
                <br />
                <small>{r.unitName}</small>
              </th>
              <td data-label={t(lang, 'indicators.col.due')}>{r.dueAt ? formatDateTimeVN(r.dueAt) : '—'}</td>
              <td data-label={t(lang, 'indicators.col.flag')}>{flagsText(lang, r)}</td>
              <td data-label={t(lang, 'indicators.col.attribution')}>{r.attribution ? t(lang, `indicators.attr.${r.attribution}`) : ''}</td>
              <td data-label={t(lang, 'indicators.col.cause')}>
                <ul>
                  {r.causes.map((c) => (
                    <li>{causeText(lang, c)}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ledgerPage(req: FastifyRequest, l: Ledger, run: ReconciliationRun | null, merged: string | null) {
  const lang = req.lang;
  const c = l.counts;
  return (
    <Layout req={req} title={t(lang, 'indicators.ledger.title')}>
      <p>
        <a href={`/chi-so${q({ unit: l.unit.id, period: l.period.key })}`}>← {t(lang, 'indicators.title')}</a>
      </p>
      <h1>{t(lang, 'indicators.ledger.title')}</h1>
      <p>{t(lang, 'indicators.ledger.intro', { period: periodLabel(l.period.key, lang), unit: l.unit.name })}</p>
      <MergedNote note={merged} />
      <form method="get" action="/chi-so/nguyen-nhan" class="inline">
        <input type="hidden" name="unit" value={l.unit.id} />
        <label for="period">{t(lang, 'indicators.period')}</label>
        <input id="period" name="period" value={l.period.key} pattern="\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?" size={8} />
        <button type="submit">{t(lang, 'indicators.show')}</button>
      </form>
      {run && (
        <p class="notice" role="status">
          {t(lang, 'indicators.ledger.reconciled', {
            checked: run.checked,
            agreeing: run.agreeing,
            repaired: run.repaired.length,
            remaining: run.remaining.length,
          })}
        </p>
      )}
      {l.syncUnknown && <p class="notice">{t(lang, 'indicators.ledger.syncUnknown')}</p>}
      <p>
        {t(lang, 'indicators.ledger.counts', {
          dossiers: c.dossiers,
          late: c.late,
          unsynced: c.unsynced,
          officer: c.officer,
          clock: c.clock,
          sync: c.sync,
          unexplained: c.unexplained,
        })}
      </p>
      {l.rows.length === 0 ? <p>{t(lang, 'indicators.ledger.empty')}</p> : <LedgerTable lang={lang} l={l} />}
      {l.truncated && <p class="hint">{t(lang, 'indicators.ledger.truncated', { limit: l.rows.length })}</p>}
      <p>
        <a class="button secondary" href={`/api/v1/indicators/ledger/export${q({ unit: l.unit.id, period: l.period.key, format: 'xlsx' })}`}>
          {t(lang, 'indicators.ledger.excel')}
        </a>{' '}
        <a class="button secondary" href={`/api/v1/indicators/ledger/export${q({ unit: l.unit.id, period: l.period.key, format: 'pdf' })}`}>
          {t(lang, 'indicators.ledger.pdf')}
        </a>
      </p>
      <form method="post" action="/chi-so/nguyen-nhan/doi-soat">
        <CsrfField req={req} />
        <input type="hidden" name="unit" value={l.unit.id} />
        <input type="hidden" name="period" value={l.period.key} />
        <button type="submit">{t(lang, 'indicators.ledger.reconcile')}</button>
      </form>
    </Layout>
  );
}

export function ledgerPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/chi-so/nguy-co', async (req, reply) => {
    const actor = requireOfficer(req, [...LEDGER_WATCHERS]);
    const lang = req.lang;
    const query = req.query as { unit?: string; hours?: string };
    const hours = Number(query.hours);
    const r = await stakeFor(ctx, actor, { unit: query.unit || undefined, hours: Number.isFinite(hours) && hours > 0 && hours <= 400 ? hours : undefined });
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'indicators.stake.pageTitle')}>
        <p>
          <a href={`/chi-so${q({ unit: r.unit.id })}`}>← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{t(lang, 'indicators.stake.pageTitle')}</h1>
        <p>
          <strong>{r.unit.name}</strong> – {t(lang, 'indicators.period')} {periodLabel(r.period, lang)}
        </p>
        <MergedNote note={await mergedPeriodNoteOf(ctx, lang, r.unit, r.period)} />
        <form method="get" action="/chi-so/nguy-co" class="inline">
          <input type="hidden" name="unit" value={r.unit.id} />
          <label for="hours">{t(lang, 'indicators.stake.hoursLabel')}</label>
          <input id="hours" name="hours" value={String(r.hours)} inputMode="numeric" size={4} />
          <button type="submit">{t(lang, 'indicators.stake.show')}</button>
        </form>
        <ForecastBlock lang={lang} f={r.forecast} period={r.period} />
        <h2>{t(lang, 'indicators.stake.title', { hours: r.hours })}</h2>
        {r.dossiers.length === 0 ? (
          <p>{t(lang, 'indicators.stake.none')}</p>
        ) : (
          [
            <p>{t(lang, 'indicators.stake.total', { total: r.total, period: r.period })}</p>,
            <TableWrap lang={lang} name={t(lang, 'indicators.stake.title', { hours: r.hours })}>
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'indicators.col.code')}</th>
                    <th scope="col">{t(lang, 'indicators.col.due')}</th>
                    <th scope="col">{t(lang, 'indicators.stake.holders')}</th>
                    <th scope="col">{t(lang, 'indicators.col.points')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.dossiers.map((d) => (
                    <tr>
                      <th scope="row">
                        <a href={dossierHref(d.dossierId)}>{d.code}</a>
                      </th>
                      <td data-label={t(lang, 'indicators.col.due')}>{formatDateTimeVN(d.dueAt)}</td>
                      <td data-label={t(lang, 'indicators.stake.holders')}>
                        {d.holders.length ? d.holders.map((h) => h.name).join(', ') : t(lang, 'indicators.stake.noHolder')}
                      </td>
                      <td data-label={t(lang, 'indicators.col.points')}>{`−${d.points}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>,
            <h2>{t(lang, 'indicators.stake.byOfficer')}</h2>,
            <TableWrap lang={lang} name={t(lang, 'indicators.stake.byOfficer')}>
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'indicators.col.officer')}</th>
                    <th scope="col">{t(lang, 'indicators.col.count')}</th>
                    <th scope="col">{t(lang, 'indicators.col.points')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.byOfficer.map((o) => (
                    <tr>
                      <th scope="row">
                        <a href={`/chi-so/nguy-co${q({ unit: r.unit.id, hours: r.hours })}`}>{o.name}</a>
                      </th>
                      <td data-label={t(lang, 'indicators.col.count')}>{o.count}</td>
                      <td data-label={t(lang, 'indicators.col.points')}>{`−${o.points}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>,
            <h2>{t(lang, 'indicators.stake.byUnit')}</h2>,
            <TableWrap lang={lang} name={t(lang, 'indicators.stake.byUnit')}>
              <table class="stack">
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'indicators.col.unit')}</th>
                    <th scope="col">{t(lang, 'indicators.col.count')}</th>
                    <th scope="col">{t(lang, 'indicators.col.points')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.byUnit.map((u) => (
                    <tr>
                      <th scope="row">{u.name}</th>
                      <td data-label={t(lang, 'indicators.col.count')}>{u.count}</td>
                      <td data-label={t(lang, 'indicators.col.points')}>{`−${u.points}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>,
          ]
        )}
        <p>
          <a href={`/chi-so/nguyen-nhan${q({ unit: r.unit.id, period: r.period })}`}>{t(lang, 'indicators.ledger.title')} →</a>
        </p>
      </Layout>,
    );
  });

  app.get('/chi-so/nguyen-nhan', async (req, reply) => {
    const actor = requireOfficer(req, [...LEDGER_WATCHERS]);
    const query = req.query as { unit?: string; period?: string };
    const l = await overdueLedger(ctx, actor, { unit: await unitFor(req, actor, query.unit), period: query.period || currentMonthKey(ctx.clock.now()) });
    return sendPage(reply, ledgerPage(req, l, null, await mergedPeriodNote(ctx, req.lang, l.unit, l.period.to)));
  });

  app.post('/chi-so/nguyen-nhan/doi-soat', async (req, reply) => {
    const actor = requireOfficer(req, [...LEDGER_WATCHERS]);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const input = {
      unit: await unitFor(req, actor, typeof b.unit === 'string' ? b.unit : undefined),
      period: typeof b.period === 'string' && b.period ? b.period : currentMonthKey(ctx.clock.now()),
    };
    const run = await reconcileUnit(ctx, actor, input);
    const l = await overdueLedger(ctx, actor, input);
    return sendPage(reply, ledgerPage(req, l, run, await mergedPeriodNote(ctx, req.lang, l.unit, l.period.to)));
  });
}
