/** Administrator screen: points, thresholds and bands of the index (forms without JavaScript: POST + redirect). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from './deps';
import { sendPage } from '../../platform/http/html';
import { validate } from '../../platform/http/validate';
import { t } from '../../platform/i18n';
import { CsrfField } from '../../web/csrf';
import { Layout } from '../../web/layout';
import { loadIndexConfig, saveBands, saveSetting } from './config';
import { INDICATORS } from './model/defaults';
import { bandName, indicatorName } from './labels';

const num = (v: unknown) => (v === '' || v == null ? null : Number(String(v).replace(',', '.')));
const settingForm = z.object({
  key: z.enum(INDICATORS.map((i) => i.key) as [string, ...string[]]),
  maxPoints: z.preprocess(num, z.number().min(0).max(100)),
  threshold: z.preprocess(num, z.number().gt(0).max(100).nullable()),
  enabled: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export function settingsPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/chi-so/cau-hinh', async (req, reply) => {
    await requireProvinceRole(ctx, requireOfficer(req, ['admin']), ['admin']);
    const lang = req.lang;
    const cfg = await loadIndexConfig(ctx);
    const saved = (req.query as { saved?: string }).saved;
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'indicators.settings.title')}>
        <p>
          <a href="/chi-so">← {t(lang, 'indicators.title')}</a>
        </p>
        <h1>{t(lang, 'indicators.settings.title')}</h1>
        <p class="hint">{t(lang, 'indicators.settings.hint')}</p>
        {saved && (
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
              <input id={`${id}-max`} name="maxPoints" inputMode="decimal" value={String(s.maxPoints)} size={5} />
              <label for={`${id}-th`}>{t(lang, 'indicators.settings.threshold', { value: i.threshold == null ? '–' : `${i.threshold * 100}%` })}</label>
              <input id={`${id}-th`} name="threshold" inputMode="decimal" value={s.threshold == null ? '' : String(s.threshold * 100)} size={5} />
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
              <input id={`band-${b.key}`} name={`min_${b.key}`} inputMode="decimal" value={String(b.min)} size={5} />
            </p>
          ))}
          <button type="submit">{t(lang, 'indicators.settings.save')}</button>
        </form>
      </Layout>,
    );
  });

  app.post('/chi-so/cau-hinh', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    await requireProvinceRole(ctx, actor, ['admin']);
    const f = validate(settingForm, req.body ?? {}, req.lang);
    // The form takes the threshold in percent; stored as a ratio.
    await saveSetting(ctx, actor.id, { key: f.key, maxPoints: f.maxPoints, threshold: f.threshold == null ? null : f.threshold / 100, enabled: f.enabled });
    return reply.redirect(`/chi-so/cau-hinh?saved=${encodeURIComponent(f.key)}`, 303);
  });

  app.post('/chi-so/cau-hinh/xep-loai', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    await requireProvinceRole(ctx, actor, ['admin']);
    const cfg = await loadIndexConfig(ctx);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const bands = cfg.bands.map((b) => ({
      key: b.key,
      min: validate(z.preprocess(num, z.number().min(0).max(100)), body[`min_${b.key}`], req.lang) as number,
    }));
    await saveBands(ctx, actor.id, bands);
    return reply.redirect('/chi-so/cau-hinh?saved=bands', 303);
  });
}
