/**
 * "What if" (/chi-so/thu-tinh): the unit's live figures for the period in a form; changing a
 * numerator or denominator and submitting re-renders the points (POST + re-render, no JavaScript,
 * nothing saved). Scored by `scoreFigures`, the same function as POST /api/v1/indicators/score.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireOfficer } from '../../platform/auth';
import { AppError, type FieldError } from '../../platform/errors';
import { sendPage } from '../../platform/http/html';
import { t, type Lang } from '../../platform/i18n';
import { civilDateVN } from '../../platform/calendar/types';
import { CsrfField } from '../../web/csrf';
import { Layout } from '../../web/layout';
import { periodLabel } from './present';
import { unitIndex } from './deps';
import { methodById } from './model/methods';
import type { IndexResult } from './model/types';
import { watchedUnit, WATCHERS } from './access';
import { scoreFigures, type FigureInput, type ScoreOutput } from './scoring';
import { prepare, resolveUnit } from './service';
import { MethodNote } from './pages';
import { MergedNote, mergedPeriodNote } from './merger-note';
import { indicatorName } from './labels';

/** Long portal codes wrap at their underscores on a phone. */
export const breakable = (code: string) => code.split('_').flatMap((part, k) => (k === 0 ? [part] : [<wbr />, `_${part}`]));
const fieldId = (code: string) => code.replace(/\./g, '-');
const count = (v: unknown): number | null => {
  const s = String(v ?? '').trim();
  return s === '' ? null : Number(s.replace(',', '.'));
};

function Form(p: {
  req: FastifyRequest;
  lang: Lang;
  unitId: string;
  period: string;
  live: IndexResult;
  figures: Record<string, FigureInput>;
  out: ScoreOutput | null;
  errors: FieldError[];
}) {
  const { lang } = p;
  const err = (field: string) => p.errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" action="/chi-so/thu-tinh">
      <CsrfField req={p.req} />
      <input type="hidden" name="unit" value={p.unitId} />
      <input type="hidden" name="period" value={p.period} />
      <input type="hidden" name="method" value={p.live.method ?? ''} />
      {p.live.groups.flatMap((g) =>
        g.indicators
          .filter((i) => i.maxPoints > 0)
          .map((i) => {
            const f = p.figures[i.code] ?? { numerator: null, denominator: null };
            const id = fieldId(i.code);
            const ne = err(`figures.${i.code}.numerator`);
            const de = err(`figures.${i.code}.denominator`);
            const points = p.out ? (p.out.metrics[i.code]?.points ?? null) : i.points;
            return (
              <fieldset class="card">
                <legend>{indicatorName(lang, i.key)}</legend>
                <p class="hint">{breakable(i.code)}</p>
                <p>
                  <label for={`n-${id}`}>{t(lang, 'indicators.col.numerator')}</label>{' '}
                  <input
                    id={`n-${id}`}
                    name={`n_${i.code}`}
                    inputMode="numeric"
                    size={6}
                    value={f.numerator == null ? '' : String(f.numerator)}
                    aria-invalid={ne ? 'true' : undefined}
                    aria-describedby={ne ? `ne-${id}` : undefined}
                  />{' '}
                  <label for={`d-${id}`}>{t(lang, 'indicators.col.denominator')}</label>{' '}
                  <input
                    id={`d-${id}`}
                    name={`d_${i.code}`}
                    inputMode="numeric"
                    size={6}
                    value={f.denominator == null ? '' : String(f.denominator)}
                    aria-invalid={de ? 'true' : undefined}
                    aria-describedby={de ? `de-${id}` : undefined}
                  />
                </p>
                {ne && (
                  <p id={`ne-${id}`} class="error">
                    {ne}
                  </p>
                )}
                {de && (
                  <p id={`de-${id}`} class="error">
                    {de}
                  </p>
                )}
                <p>
                  <strong>{`${t(lang, 'indicators.col.points')}: ${points ?? '–'} / ${i.maxPoints}`}</strong>
                </p>
              </fieldset>
            );
          }),
      )}
      <button type="submit">{t(lang, 'indicators.whatif.submit')}</button>
    </form>
  );
}

export function whatIfPages(app: FastifyInstance) {
  const ctx = app.ctx;
  async function live(req: FastifyRequest, unitRef: string | undefined, periodKey: string | undefined, method?: string) {
    const idx = await unitIndex(ctx);
    const unit = resolveUnit(idx, (await watchedUnit(ctx, requireOfficer(req, WATCHERS), unitRef || undefined)).id);
    const comp = await prepare(
      ctx,
      periodKey || String(civilDateVN(ctx.clock.now()).slice(0, 7)),
      idx,
      undefined,
      method && methodById(method) ? method : undefined,
    );
    return { unit, comp, r: await comp.score(unit.id), merged: await mergedPeriodNote(ctx, req.lang, unit, comp.period.to) };
  }
  function page(req: FastifyRequest, x: Awaited<ReturnType<typeof live>>, figures: Record<string, FigureInput>, out: ScoreOutput | null, errors: FieldError[]) {
    const lang = req.lang;
    return (
      <Layout req={req} title={t(lang, 'indicators.whatif.title')}>
        <p>
          <a href={`/chi-so?unit=${encodeURIComponent(x.unit.id)}&period=${encodeURIComponent(x.comp.period.key)}`}>← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{t(lang, 'indicators.whatif.title')}</h1>
        <p>
          <strong>{x.unit.name}</strong> – {t(lang, 'indicators.period')} {periodLabel(x.comp.period.key, lang)}
        </p>
        <MergedNote note={x.merged} />
        <MethodNote lang={lang} method={x.r.method} />
        <p class="hint">{t(lang, 'indicators.whatif.hint')}</p>
        {errors.length > 0 && (
          <p class="error" role="alert">
            {t(lang, 'indicators.error.figures')}
          </p>
        )}
        {out && (
          <p class="notice" role="status">
            <strong>{t(lang, 'indicators.whatif.result', { total: out.total, current: x.r.total })}</strong>
          </p>
        )}
        <Form req={req} lang={lang} unitId={x.unit.id} period={x.comp.period.key} live={x.r} figures={figures} out={out} errors={errors} />
      </Layout>
    );
  }

  app.get('/chi-so/thu-tinh', async (req, reply) => {
    requireOfficer(req, WATCHERS);
    const q = req.query as { unit?: string; period?: string };
    const x = await live(req, q.unit, q.period);
    const figures: Record<string, FigureInput> = {};
    for (const g of x.r.groups) for (const i of g.indicators) figures[i.code] = { numerator: i.numerator, denominator: i.denominator };
    return sendPage(reply, page(req, x, figures, null, []));
  });

  app.post('/chi-so/thu-tinh', async (req, reply) => {
    requireOfficer(req, WATCHERS);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const x = await live(
      req,
      typeof b.unit === 'string' ? b.unit : undefined,
      typeof b.period === 'string' ? b.period : undefined,
      typeof b.method === 'string' ? b.method : undefined,
    );
    const figures: Record<string, FigureInput> = {};
    for (const g of x.r.groups)
      for (const i of g.indicators) {
        if (i.maxPoints <= 0) continue;
        const numerator = count(b[`n_${i.code}`]);
        const denominator = count(b[`d_${i.code}`]);
        if (numerator != null || denominator != null) figures[i.code] = { numerator, denominator };
      }
    try {
      const out = await scoreFigures(ctx, req.lang, { method: x.comp.method.id, figures }, civilDateVN(ctx.clock.now()));
      return sendPage(reply, page(req, x, figures, out, []));
    } catch (e) {
      if (e instanceof AppError && e.status === 400 && e.fields) {
        return sendPage(reply, page(req, x, figures, null, e.fields), 400);
      }
      throw e;
    }
  });
}
