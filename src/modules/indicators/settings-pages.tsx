/** Administrator screen: points, thresholds and bands of the index (forms without JavaScript: POST + redirect). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from './deps';
import { sendPage } from '../../platform/http/html';
import { validate, type FieldLabels } from '../../platform/http/validate';
import { AppError } from '../../platform/errors';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { oneOf, t } from '../../platform/i18n';
import { CsrfField } from '../../web/csrf';
import { Layout } from '../../web/layout';
import { loadIndexConfig, saveBands, saveSetting } from './config';
import { INDICATORS } from './model/defaults';
import { BAND_KEYS, bandName, indicatorName } from './labels';

const num = (v: unknown) => (v === '' || v == null ? null : Number(String(v).replace(',', '.')));
const settingForm = z.object({
  key: z.enum(INDICATORS.map((i) => i.key) as [string, ...string[]]),
  maxPoints: z.preprocess(num, z.number().min(0).max(100)),
  threshold: z.preprocess(num, z.number().gt(0).max(100).nullable()),
  enabled: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

const KEYS = INDICATORS.map((i) => i.key);
/** The setting form's fields and their labels (issue 13). */
const SETTING_LABELS = {
  key: 'indicators.field.key',
  maxPoints: 'indicators.field.maxPoints',
  threshold: 'indicators.field.threshold',
} as const satisfies FieldLabels;

export function settingsPages(app: FastifyInstance) {
  const ctx = app.ctx;

  /** The screen; after a refused form, with its summary and the posted form's messages (`refused.form`: the indicator's key or 'bands'). */
  const page = async (req: FastifyRequest, reply: FastifyReply, refused?: FormRefusal & { form: string }) => {
    await requireProvinceRole(ctx, requireOfficer(req, ['admin']), ['admin']);
    const lang = req.lang;
    const cfg = await loadIndexConfig(ctx);
    const saved = (req.query as { saved?: string }).saved;
    const err = (form: string) => (refused?.form === form ? refused : null);
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'indicators.settings.title')}>
        <p>
          <a href="/chi-so">← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{t(lang, 'indicators.settings.title')}</h1>
        <p class="hint">{t(lang, 'indicators.settings.hint')}</p>
        <FormErrorSummary
          lang={lang}
          error={refused}
          idOf={(field) =>
            refused?.form === 'bands'
              ? `band-${field.slice(4)}`
              : refused?.form && (field === 'maxPoints' || field === 'threshold')
                ? `s-${refused.form}-${field === 'maxPoints' ? 'max' : 'th'}`
                : undefined
          }
        />
        {saved && !refused && (
          <p class="notice" role="status">
            {t(lang, 'indicators.settings.saved')}
          </p>
        )}
        {INDICATORS.map((i) => {
          const s = cfg.settings[i.key];
          const id = `s-${i.key}`;
          return (
            <form method="post" action="/chi-so/cau-hinh" class="card">
              <CsrfField req={req} />
              <input type="hidden" name="key" value={i.key} />
              <p>
                <strong>{`${i.code} ${indicatorName(lang, i.key)}`}</strong>
              </p>
              <label for={`${id}-max`}>{t(lang, 'indicators.settings.maxPoints', { value: i.maxPoints })}</label>
              <FieldMessage id={`${id}-max`} error={err(i.key)} field="maxPoints" />
              <input
                id={`${id}-max`}
                name="maxPoints"
                inputMode="decimal"
                value={String(s.maxPoints)}
                size={5}
                {...describedBy(`${id}-max`, err(i.key), 'maxPoints')}
              />
              <label for={`${id}-th`}>{t(lang, 'indicators.settings.threshold', { value: i.threshold == null ? '–' : `${i.threshold * 100}%` })}</label>
              <FieldMessage id={`${id}-th`} error={err(i.key)} field="threshold" />
              <input
                id={`${id}-th`}
                name="threshold"
                inputMode="decimal"
                value={s.threshold == null ? '' : String(s.threshold * 100)}
                size={5}
                {...describedBy(`${id}-th`, err(i.key), 'threshold')}
              />
              <label class="inline" for={`${id}-on`}>
                <input id={`${id}-on`} type="checkbox" name="enabled" checked={s.enabled} /> {t(lang, 'indicators.settings.enabled')}
              </label>
              <button type="submit">{t(lang, 'indicators.settings.save')}</button>
            </form>
          );
        })}
        <h2>{t(lang, 'indicators.col.band')}</h2>
        <form method="post" action="/chi-so/cau-hinh/xep-loai" class="card">
          <CsrfField req={req} />
          <p class="hint">{t(lang, 'indicators.band.note')}</p>
          {cfg.bands.map((b) => (
            <p>
              <label for={`band-${b.key}`}>{bandName(lang, b.key)}</label>
              <FieldMessage id={`band-${b.key}`} error={err('bands')} field={`min_${b.key}`} />
              <input
                id={`band-${b.key}`}
                name={`min_${b.key}`}
                inputMode="decimal"
                value={String(b.min)}
                size={5}
                {...describedBy(`band-${b.key}`, err('bands'), `min_${b.key}`)}
              />
            </p>
          ))}
          <button type="submit">{t(lang, 'indicators.settings.save')}</button>
        </form>
      </Layout>,
      refused ? 400 : 200,
    );
  };
  app.get('/chi-so/cau-hinh', async (req, reply) => page(req, reply));

  app.post('/chi-so/cau-hinh', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    await requireProvinceRole(ctx, actor, ['admin']);
    const body = (req.body ?? {}) as Record<string, unknown>;
    let f: z.output<typeof settingForm>;
    try {
      f = validate(settingForm, body, req.lang, SETTING_LABELS);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      const form = oneOf(KEYS, body.key) ? body.key : '';
      return page(req, reply, { message: t(req.lang, err.key), fields: err.fields, form });
    }
    // The form takes the threshold in percent; stored as a ratio.
    await saveSetting(ctx, actor.id, { key: f.key, maxPoints: f.maxPoints, threshold: f.threshold == null ? null : f.threshold / 100, enabled: f.enabled });
    return reply.redirect(`/chi-so/cau-hinh?saved=${encodeURIComponent(f.key)}`, 303);
  });

  app.post('/chi-so/cau-hinh/xep-loai', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    await requireProvinceRole(ctx, actor, ['admin']);
    const cfg = await loadIndexConfig(ctx);
    const body = (req.body ?? {}) as Record<string, unknown>;
    // One schema for every band, so that each refused band is named by its label.
    const min = z.preprocess(num, z.number().min(0).max(100));
    const schema = z.object(Object.fromEntries(cfg.bands.map((b) => [`min_${b.key}`, min])));
    const labels: FieldLabels = Object.fromEntries(
      cfg.bands.flatMap((b) => (oneOf(BAND_KEYS, b.key) ? [[`min_${b.key}`, `indicators.band.${b.key}` as const]] : [])),
    );
    let got: Record<string, unknown>;
    try {
      got = validate(schema, body, req.lang, labels);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return page(req, reply, { message: t(req.lang, err.key), fields: err.fields, form: 'bands' });
    }
    const bands = cfg.bands.map((b) => ({ key: b.key, min: got[`min_${b.key}`] as number }));
    await saveBands(ctx, actor.id, bands);
    return reply.redirect('/chi-so/cau-hinh?saved=bands', 303);
  });
}
