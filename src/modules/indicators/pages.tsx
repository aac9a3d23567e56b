/** Screens: the leaders' dashboard (/chi-so), drill-down, targets, and the public monthly page. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer } from '../../platform/auth';
import { sendPage } from '../../platform/http/html';
import { t, type Lang } from '../../platform/i18n';
import { Layout } from '../../web/layout';
import { TableWrap } from '../../web/table-wrap';
import { BarChart, HBarChart } from './chart';
import { repeatedSupplementRequests, unitIndex, type TreeNode, type UnitIndex } from './deps';
import { INDICATOR_DEFS } from './model/defaults';
import { currentMonthKey, shiftMonth } from './model/period';
import { periodLabel } from './present';
import type { IndexResult } from './model/types';
import { methodById, NATIONAL_METHOD_ID, READING_2022_ID } from './model/methods';
import { costRecords } from './records';
import { formatDateTimeVN } from '../../platform/dates';
import { watchedUnit, WATCHERS } from './access';
import { channelFigures, loadIndexConfig, peerGroupOf, prepare, provinceOf, rankings, resolveUnit, type PeerGroup } from './service';
import type { ChannelBreakdown } from './model/channels';
import { targetProgress } from './targets';
import { settingsPages } from './settings-pages';
import { breakable, whatIfPages } from './whatif-pages';
import { ledgerPages } from './ledger-pages';
import { pointsAtStake } from './at-stake';
import { MergedNote, mergedPeriodNote } from './merger-note';
import { dossierHref } from './deps';
import { snapshot } from './snapshot';
import { sendSharedPage, type SharedPages } from '../../platform/http/page-cache';
import { bandName, costText, groupName, indicatorName, methodName, peerName, reasonText } from './labels';

/** Feedback indicators with a drill-down (the petitions that cost points); 5.1 is monitoring only, 5.4 is over dossiers. */
const DRILL_FEEDBACK = new Set(['petitionsOnTime', 'petitionSatisfaction']);
const pct = (v: number | null) => (v == null ? '–' : `${(v * 100).toFixed(2).replace(/\.?0+$/, '')}%`);
const pts = (v: number | null) => (v == null ? '–' : String(v));
const q = (o: Record<string, string | number | undefined>) =>
  '?' +
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

function monthLabel(key: string) {
  const [y, m] = key.split('-');
  return `${m}/${y.slice(2)}`;
}

function UnitPicker({ lang, idx, unitId, period, action }: { lang: Lang; idx: UnitIndex; unitId: string; period: string; action: string }) {
  const nodes = [...idx.byId.values()].filter((n) => n.kind !== 'agency' || peerGroupOf(n, idx) === 'department');
  return (
    <form method="get" action={action} class="inline">
      <label for="unit">{t(lang, 'indicators.col.unit')}</label>
      <select id="unit" name="unit">
        {nodes.map((n) => (
          <option value={n.id} selected={n.id === unitId}>
            {n.name}
          </option>
        ))}
      </select>
      <label for="period">{t(lang, 'indicators.period')}</label>
      {/* The hint between label and field (GOV.UK pattern), on its own line. */}
      <p id="period-hint" class="hint">
        {t(lang, 'indicators.periodHint')}
      </p>
      <input id="period" name="period" value={period} pattern="\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?" size={8} aria-describedby="period-hint" />
      <button type="submit">{t(lang, 'indicators.show')}</button>
    </form>
  );
}

/** The public page's months: the last 24 (newest first), with the month asked for kept when it is older. */
function monthChoices(now: Date, asked: string): string[] {
  const cur = currentMonthKey(now);
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(cur, -i));
  return months.includes(asked) ? months : [...months, asked];
}

function IndexTable({ lang, r, unitId, period, drill }: { lang: Lang; r: IndexResult; unitId: string; period: string; drill: boolean }) {
  return (
    <TableWrap lang={lang} name={t(lang, 'indicators.title')}>
      <table class="stack">
        <caption class="visually-hidden">{t(lang, 'indicators.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(lang, 'indicators.col.indicator')}</th>
            <th scope="col">
              {t(lang, 'indicators.col.numerator')} / {t(lang, 'indicators.col.denominator')}
            </th>
            <th scope="col">{t(lang, 'indicators.col.value')}</th>
            <th scope="col">{t(lang, 'indicators.col.points')}</th>
          </tr>
        </thead>
        <tbody>
          {r.groups.map((g, gi) => [
            <tr>
              <th scope="rowgroup" colSpan={3}>{`${gi + 1}. ${groupName(lang, g.key)}`}</th>
              <th data-label={t(lang, 'indicators.col.points')}>{`${g.points} / ${g.maxPoints}`}</th>
            </tr>,
            ...g.indicators.map((i) => {
              // National rows drill down through the first reading's indicator of the same meaning (model/methods.ts key2022).
              const drillKey = INDICATOR_DEFS.some((d) => d.key === i.key) ? i.key : nationalRule(i.code)?.key2022;
              const def = INDICATOR_DEFS.find((d) => d.key === drillKey);
              // The row's name in the reader's language; the method's own code (PUBLISH_ON_TIME, 1.1) only as a small second line.
              const name = indicatorName(lang, i.key);
              return (
                <tr>
                  <td>
                    {drill && def && def.source !== 'none' && (def.source !== 'feedback' || DRILL_FEEDBACK.has(def.key)) ? (
                      <a href={`/chi-so/chi-tiet/${def.key}${q({ unit: unitId, period })}`}>{name}</a>
                    ) : (
                      name
                    )}
                    <br />
                    <small class="hint indicator-code">{breakable(i.code)}</small>
                  </td>
                  <td data-label={`${t(lang, 'indicators.col.numerator')} / ${t(lang, 'indicators.col.denominator')}`}>
                    {i.denominator == null ? '–' : `${i.numerator} / ${i.denominator}`}
                  </td>
                  <td data-label={t(lang, 'indicators.col.value')}>
                    {i.value == null ? (
                      <span class="tag">{reasonText(lang, i.reason ?? 'source.none')}</span>
                    ) : def?.kind === 'average' ? (
                      String(i.value)
                    ) : (
                      pct(i.value)
                    )}
                  </td>
                  <td data-label={t(lang, 'indicators.col.points')}>{`${pts(i.points)} / ${i.maxPoints}`}</td>
                </tr>
              );
            }),
          ])}
        </tbody>
      </table>
    </TableWrap>
  );
}

const nationalRule = (code: string) => methodById(NATIONAL_METHOD_ID)?.metrics.find((m) => m.code === code);

/** Which rule set the figures follow (dates as 02/12/2026). */
/** Dossiers received by channel (issue 17 item 3): assisted submissions apart from the citizens' own online ones. */
function Channels({ lang, c }: { lang: Lang; c: ChannelBreakdown }) {
  const pct = (n: number) => (c.received > 0 ? `${Math.round((n / c.received) * 1000) / 10} %` : '–');
  const rows: ['selfService' | 'assisted' | 'inPerson' | 'post', number][] = [
    ['selfService', c.selfService],
    ['assisted', c.assisted],
    ['inPerson', c.inPerson],
    ['post', c.post],
  ];
  return (
    <section aria-labelledby="channels-title">
      <h2 id="channels-title">{t(lang, 'indicators.channels.title')}</h2>
      <p class="hint">{t(lang, 'indicators.channels.note')}</p>
      <TableWrap lang={lang} name={t(lang, 'indicators.channels.title')}>
        <table class="stack" id="channels">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'indicators.channels.channel')}</th>
              <th scope="col">{t(lang, 'indicators.channels.count')}</th>
              <th scope="col">{t(lang, 'indicators.channels.share')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, n]) => (
              <tr>
                <th scope="row">{t(lang, `indicators.channels.${k}`)}</th>
                <td data-label={t(lang, 'indicators.channels.count')}>{n}</td>
                <td data-label={t(lang, 'indicators.channels.share')}>{pct(n)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t(lang, 'indicators.channels.total')}</th>
              <td data-label={t(lang, 'indicators.channels.count')}>{c.received}</td>
              <td data-label={t(lang, 'indicators.channels.share')}>{c.received > 0 ? '100 %' : '–'}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

export function MethodNote({ lang, method }: { lang: Lang; method?: string }) {
  const m = methodById(method ?? READING_2022_ID);
  if (!m) return null;
  const from = m.effectiveFrom.split('-').reverse().join('/');
  return <p class="method-note">{t(lang, 'indicators.method.note', { name: methodName(lang, m.id), from })}</p>;
}

function Total({ lang, r }: { lang: Lang; r: IndexResult }) {
  return (
    <div class="card">
      <p>
        <strong>
          {t(lang, 'indicators.col.total')}: {r.total} / 100
        </strong>
        {r.band && <span class={`tag ${bandClass(r.band)}`}>{` ${bandName(lang, r.band)}`}</span>}
      </p>
      <p class="hint">{t(lang, 'indicators.band.note')}</p>
      <MethodNote lang={lang} method={r.method} />
    </div>
  );
}

async function trend(ctx: FastifyInstance['ctx'], idx: UnitIndex, unitId: string, lastMonth: string) {
  const cfg = await loadIndexConfig(ctx);
  const months = Array.from({ length: 12 }, (_, i) => shiftMonth(lastMonth, i - 11));
  return Promise.all(months.map(async (m) => ({ label: monthLabel(m), value: (await (await prepare(ctx, m, idx, cfg)).score(unitId)).total })));
}

function monthOf(period: string, now: Date): string {
  if (/^\d{4}-\d{2}$/.test(period)) return period;
  const cur = currentMonthKey(now);
  const y = Number(period.slice(0, 4));
  const qm = /Q([1-4])$/i.exec(period);
  const end = qm ? `${y}-${String(Number(qm[1]) * 3).padStart(2, '0')}` : `${y}-12`;
  return end < cur ? end : cur;
}

export function indicatorsPages(app: FastifyInstance) {
  const ctx = app.ctx;
  settingsPages(app);
  whatIfPages(app);
  ledgerPages(app);

  app.get('/chi-so', async (req, reply) => {
    const actor = requireOfficer(req, WATCHERS);
    const lang = req.lang;
    const query = req.query as { unit?: string; period?: string };
    const idx = await unitIndex(ctx);
    const unit = resolveUnit(idx, (await watchedUnit(ctx, actor, query.unit || undefined)).id);
    const period = query.period || currentMonthKey(ctx.clock.now());
    const comp = await prepare(ctx, period, idx);
    const r = await comp.score(unit.id);
    const children = unit.children.filter((c) => c.kind !== 'agency' || peerGroupOf(c, idx) === 'department' || c.agencyType === 'people_committee');
    const childScores = await Promise.all(children.map(async (c) => ({ c, r: await comp.score(c.id) })));
    const points = await trend(ctx, idx, unit.id, monthOf(comp.period.key, ctx.clock.now()));
    const group: PeerGroup | null = children.map((c) => peerGroupOf(c, idx)).find((g) => g != null) ?? null;
    const ranks = group && comp.period.kind === 'month' ? await rankings(ctx, { month: comp.period.key, group }) : null;
    const stake = await pointsAtStake(ctx, { unit: unit.id });
    const channels = await channelFigures(ctx, { unitId: unit.id, period: comp.period.key });
    // Before the provincial merger the figures of today's province are its predecessors' (Hậu Giang's units): say so.
    // Issue 17 item 1: second (or later) supplement requests, each approved by a leader, in the period (the unit and those under it).
    const repeated = await repeatedSupplementRequests(ctx, { unitIds: [...idx.withDescendants(unit.id)], from: comp.period.from, to: comp.period.to });
    const mergedNote = await mergedPeriodNote(ctx, lang, unit, comp.period.to);
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'indicators.title')}>
        <h1>{t(lang, 'indicators.title')}</h1>
        <p>
          <strong>{unit.name}</strong> – {t(lang, 'indicators.period')} {periodLabel(comp.period.key, lang)}.{' '}
          {t(lang, 'indicators.asOf', { at: vnTime(comp.period.asOf) })}
        </p>
        <MergedNote note={mergedNote} />
        <UnitPicker lang={lang} idx={idx} unitId={unit.id} period={comp.period.key} action="/chi-so" />
        <Total lang={lang} r={r} />
        <p class="card" id="repeated-supplements">
          {t(lang, 'indicators.repeatedSupplements', { n: repeated })}
        </p>
        <IndexTable lang={lang} r={r} unitId={unit.id} period={comp.period.key} drill={true} />
        <Channels lang={lang} c={channels} />
        <p>
          <a class="button secondary" href={`/chi-so/thu-tinh${q({ unit: unit.id, period: comp.period.key })}`}>
            {t(lang, 'indicators.whatif.title')}
          </a>{' '}
          <a class="button secondary" href={`/chi-so/nguy-co${q({ unit: unit.id })}`}>
            {t(lang, 'indicators.stake.pageTitle')}
          </a>{' '}
          <a class="button secondary" href={`/chi-so/nguyen-nhan${q({ unit: unit.id, period: comp.period.key })}`}>
            {t(lang, 'indicators.ledger.title')}
          </a>
        </p>
        {stake.dossiers.length > 0 && [
          <h2>{t(lang, 'indicators.stake.title', { hours: stake.hours })}</h2>,
          <p>{t(lang, 'indicators.stake.total', { total: stake.total, period: stake.period })}</p>,
          <TableWrap lang={lang} name={t(lang, 'indicators.stake.title', { hours: stake.hours })}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'indicators.col.code')}</th>
                  <th scope="col">{t(lang, 'indicators.col.due')}</th>
                  <th scope="col">{t(lang, 'indicators.col.points')}</th>
                </tr>
              </thead>
              <tbody>
                {stake.dossiers.map((d) => (
                  <tr>
                    <td>
                      <a href={dossierHref(d.dossierId)}>{d.code}</a>
                    </td>
                    <td data-label={t(lang, 'indicators.col.due')}>{vnTime(new Date(d.dueAt))}</td>
                    <td data-label={t(lang, 'indicators.col.points')}>{`−${d.points}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>,
        ]}
        <h2>{t(lang, 'indicators.trend')}</h2>
        <BarChart title={t(lang, 'indicators.trend')} points={points} max={100} />
        {childScores.length > 0 && [
          <h2>{t(lang, 'indicators.units')}</h2>,
          <TableWrap lang={lang} name={t(lang, 'indicators.units')}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'indicators.col.unit')}</th>
                  <th scope="col">{t(lang, 'indicators.col.total')}</th>
                  <th scope="col">{t(lang, 'indicators.col.band')}</th>
                </tr>
              </thead>
              <tbody>
                {childScores.map(({ c, r: cr }) => (
                  <tr>
                    <th scope="row">
                      <a href={`/chi-so${q({ unit: c.id, period: comp.period.key })}`}>{c.name}</a>
                    </th>
                    <td data-label={t(lang, 'indicators.col.total')}>{cr.total}</td>
                    <td data-label={t(lang, 'indicators.col.band')}>
                      {cr.band ? <span class={`tag ${bandClass(cr.band)}`}>{bandName(lang, cr.band)}</span> : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>,
          <HBarChart title={t(lang, 'indicators.units')} points={childScores.map(({ c, r: cr }) => ({ label: c.name, value: cr.total }))} max={100} />,
        ]}
        {ranks && [
          <h2>{`${t(lang, 'indicators.rankings')} – ${peerName(lang, group ?? '')}`}</h2>,
          <TableWrap lang={lang} name={`${t(lang, 'indicators.rankings')} – ${peerName(lang, group ?? '')}`}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'indicators.col.rank')}</th>
                  <th scope="col">{t(lang, 'indicators.col.unit')}</th>
                  <th scope="col">{t(lang, 'indicators.col.total')}</th>
                  <th scope="col">{t(lang, 'indicators.col.change')}</th>
                </tr>
              </thead>
              <tbody>
                {ranks.rows.map((x) => (
                  <tr>
                    <td>{x.rank}</td>
                    <td data-label={t(lang, 'indicators.col.unit')}>{x.name}</td>
                    <td data-label={t(lang, 'indicators.col.total')}>{x.total}</td>
                    <td
                      data-label={t(lang, 'indicators.col.change')}
                    >{`${x.rankChange! > 0 ? '▲' : x.rankChange! < 0 ? '▼' : '='} ${Math.abs(x.rankChange ?? 0)} (${x.totalChange! >= 0 ? '+' : ''}${x.totalChange})`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>,
        ]}
        <h2>{t(lang, 'indicators.targets')}</h2>
        <p>
          <a class="button secondary" href={`/chi-so/chi-tieu${q({ year: comp.period.year, unit: unit.id })}`}>
            {t(lang, 'indicators.targets')}
          </a>{' '}
          <a
            class="button secondary"
            href={`/api/v1/indicators/report${q({ year: comp.period.year, quarter: quarterOf(comp.period.key, comp.period.index), unit: unit.id, format: 'xlsx' })}`}
          >
            {t(lang, 'indicators.export.xlsx')}
          </a>{' '}
          <a
            class="button secondary"
            href={`/api/v1/indicators/report${q({ year: comp.period.year, quarter: quarterOf(comp.period.key, comp.period.index), unit: unit.id, format: 'pdf' })}`}
          >
            {t(lang, 'indicators.export.pdf')}
          </a>
        </p>
      </Layout>,
    );
  });

  app.get('/chi-so/chi-tiet/:key', async (req, reply) => {
    const actor = requireOfficer(req, WATCHERS);
    const lang = req.lang;
    const { key } = req.params as { key: string };
    const query = req.query as { unit?: string; period?: string };
    const idx = await unitIndex(ctx);
    const unit = resolveUnit(idx, (await watchedUnit(ctx, actor, query.unit || undefined)).id);
    const period = query.period || currentMonthKey(ctx.clock.now());
    const r = await costRecords(ctx, { key, unit: unit.id, period, limit: 500 });
    const title = `${t(lang, 'indicators.records')}: ${indicatorName(lang, key)}`;
    return sendPage(
      reply,
      <Layout req={req} title={title}>
        <p>
          <a href={`/chi-so${q({ unit: unit.id, period })}`}>← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{title}</h1>
        <p>
          {unit.name} – {t(lang, 'indicators.period')} {periodLabel(period, lang)}
        </p>
        {r.noData && <p class="notice">{reasonText(lang, r.noData)}</p>}
        {!r.noData && r.records.length === 0 && <p>{t(lang, 'indicators.records.none')}</p>}
        {r.records.length > 0 && (
          <TableWrap lang={lang} name={title}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'indicators.col.code')}</th>
                  <th scope="col">{t(lang, 'indicators.col.received')}</th>
                  <th scope="col">{t(lang, 'indicators.col.due')}</th>
                  <th scope="col">{t(lang, 'indicators.col.finished')}</th>
                  <th scope="col">{t(lang, 'indicators.col.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {r.records.map((x) => (
                  <tr>
                    <td>
                      <a href={x.href}>{x.code}</a>
                    </td>
                    <td data-label={t(lang, 'indicators.col.received')}>{x.receivedAt ? formatDateTimeVN(x.receivedAt) : ''}</td>
                    <td data-label={t(lang, 'indicators.col.due')}>{x.dueAt ? formatDateTimeVN(x.dueAt) : ''}</td>
                    <td data-label={t(lang, 'indicators.col.finished')}>{x.finishedAt ? formatDateTimeVN(x.finishedAt) : ''}</td>
                    <td data-label={t(lang, 'indicators.col.reason')}>
                      {(x.reasons ?? [x.reason]).map((k) => costText(lang, k)).join('; ')}
                      {x.detail ? ` (${x.detail})` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {r.truncated && <p class="hint">{t(lang, 'indicators.records.truncated')}</p>}
      </Layout>,
    );
  });

  app.get('/chi-so/chi-tieu', async (req, reply) => {
    const lang = req.lang;
    const query = req.query as { year?: string; unit?: string };
    const watched = await watchedUnit(ctx, requireOfficer(req, WATCHERS), query.unit || undefined);
    const year = Number(query.year) || ctx.clock.now().getUTCFullYear();
    const rows = await targetProgress(ctx, { year, unit: query.unit || !watched.isProvince ? watched.id : undefined });
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'indicators.targets')}>
        <p>
          <a href="/chi-so">← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{`${t(lang, 'indicators.targets')} ${year}`}</h1>
        <TableWrap lang={lang} name={t(lang, 'indicators.targets')}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'indicators.col.unit')}</th>
                <th scope="col">{t(lang, 'indicators.col.indicator')}</th>
                <th scope="col">{t(lang, 'indicators.col.target')}</th>
                <th scope="col">{t(lang, 'indicators.col.actual')}</th>
                <th scope="col">{t(lang, 'indicators.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr>
                  <td>{x.unitName}</td>
                  <td data-label={t(lang, 'indicators.col.indicator')}>{x.name}</td>
                  <td data-label={t(lang, 'indicators.col.target')}>{x.target}</td>
                  <td data-label={t(lang, 'indicators.col.actual')}>{x.actual ?? '–'}</td>
                  <td data-label={t(lang, 'indicators.col.status')}>
                    <span class={`tag ${x.met === false ? 'late' : x.met ? 'ok' : ''}`}>
                      {t(lang, `indicators.status.${x.met == null ? 'noData' : x.met ? 'met' : 'below'}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Layout>,
    );
  });

  /** Public monthly disclosure (seed 002 §IV.1d): every unit's results for a month. */
  app.get('/cong-khai/chi-so', async (req, reply) => {
    const lang = req.lang;
    const query = req.query as { month?: string };
    const fallback = shiftMonth(currentMonthKey(ctx.clock.now()), -1);
    const month = query.month && /^\d{4}-(0[1-9]|1[0-2])$/.test(query.month) ? query.month : fallback;
    // The same for every reader: from the snapshot the outbox keeps current (snapshot.ts), not recomputed per request.
    const { comp, province, sections, pages } = await snapshot(ctx, `public|${month}`, () => publicFigures(ctx, month));
    // The anonymous page's HTML lives as long as the snapshot it was rendered from.
    return sendSharedPage(req, reply, pages, () => (
      <Layout req={req} title={t(lang, 'indicators.public.title')}>
        <h1>{t(lang, 'indicators.public.title')}</h1>
        <form method="get" action="/cong-khai/chi-so" class="inline">
          <label for="month">{t(lang, 'indicators.period')}</label>
          {/* A list of months in Vietnamese form, not <input type="month">: the browser would show it in its own locale ("February 2026"). */}
          <select id="month" name="month">
            {monthChoices(ctx.clock.now(), month).map((m) => (
              <option value={m} selected={m === month}>
                {t(lang, 'indicators.monthOption', { month: m.slice(5), year: m.slice(0, 4) })}
              </option>
            ))}
          </select>
          <button type="submit">{t(lang, 'indicators.show')}</button>
        </form>
        <p class="hint">{t(lang, 'indicators.band.note')}</p>
        <MethodNote lang={lang} method={comp.method.id} />
        {sections.map(({ g, scored }) => [
          <h2>{g === 'province' ? province.name : t(lang, `indicators.peer.${g}`)}</h2>,
          g !== 'province' && scored.length > 1 && (
            <HBarChart title={t(lang, `indicators.peer.${g}`)} points={scored.map(({ u, r }) => ({ label: u.name, value: r.total }))} max={100} />
          ),
          <TableWrap lang={lang} name={g === 'province' ? province.name : t(lang, `indicators.peer.${g}`)}>
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'indicators.col.unit')}</th>
                  <th scope="col">{t(lang, 'indicators.col.total')}</th>
                  {comp.method.blocks.map((b) => (
                    <th scope="col">{groupName(lang, b.code)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {scored.map(({ u, r }) => (
                  <tr>
                    <th scope="row">{u.name}</th>
                    <td data-label={t(lang, 'indicators.col.total')}>{r.total}</td>
                    {r.groups.map((x) => (
                      <td data-label={groupName(lang, x.key)}>{`${x.points}/${x.maxPoints}`}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>,
        ])}
      </Layout>
    ));
  });
}

/** Every unit's index for a month, by peer group, best first (the public page's content). */
async function publicFigures(ctx: FastifyInstance['ctx'], month: string) {
  const idx = await unitIndex(ctx);
  const comp = await prepare(ctx, month, idx);
  const province = provinceOf(idx);
  const groups: (PeerGroup | 'province')[] = ['province', 'department', 'district', 'commune'];
  const sections = await Promise.all(
    groups.map(async (g) => {
      const units: TreeNode[] = g === 'province' ? [province] : [...idx.byId.values()].filter((n) => peerGroupOf(n, idx) === g);
      const scored = await Promise.all(units.map(async (u) => ({ u, r: await comp.score(u.id) })));
      scored.sort((a, b) => b.r.total - a.r.total);
      return { g, scored };
    }),
  );
  return { comp: { method: comp.method }, province, sections, pages: new Map() as SharedPages };
}

/** Colour of a band's tag: the higher bands green, the middle amber, the lowest red. */
function bandClass(band: string): string {
  return band === 'excellent' || band === 'good' ? 'ok' : band === 'weak' ? 'late' : 'soon';
}

/** An instant in Vietnam time, e.g. "28/02/2025 24:00" -> "01/03/2025 00:00 (UTC+7)". */
function vnTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)} (UTC+7)`;
}

function quarterOf(key: string, index: number | null): number {
  if (/^\d{4}-\d{2}$/.test(key)) return Math.ceil(Number(key.slice(5)) / 3);
  if (/Q/.test(key)) return index ?? 1;
  return 4;
}

export type { FastifyRequest };
