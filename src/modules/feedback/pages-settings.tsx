/** Back office: the module's settings (deadlines, rating window, "not satisfied" level), administrators only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { validate } from '../../platform/http/validate';
import { AppError } from '../../platform/errors';
import { requireOfficer } from '../../platform/auth';
import { oneOf, t } from '../../platform/i18n';
import { SETTING_FIELDS, settingsBody } from './settings-schema';
import * as svc from './service';

type Body = Record<string, string | undefined>;

async function settingsPage(req: FastifyRequest, reply: FastifyReply, o: { error?: string; notice?: string; status?: number; form?: Body } = {}) {
  requireOfficer(req, ['admin']);
  const s = await svc.getSettings(req.server.ctx);
  const lang = req.lang;
  return sendPage(
    reply,
    <Layout req={req} title={t(lang, 'feedback.settings.title')}>
      <h1>{t(lang, 'feedback.settings.title')}</h1>
      {o.notice && (
        <p class="notice" role="status">
          {o.notice}
        </p>
      )}
      {o.error && (
        <div class="error-summary" role="alert">
          <p>{o.error}</p>
        </div>
      )}
      <form method="post" action="/quan-tri/phan-anh/cai-dat" class="narrow">
        <CsrfField req={req} />
        {SETTING_FIELDS.map((k) => (
          <>
            <label for={k}>{t(lang, `feedback.settings.${k}`)}</label>
            <input id={k} name={k} type="number" inputMode="numeric" required value={o.form?.[k] ?? String(s[k])} />
          </>
        ))}
        <button type="submit">{t(lang, 'feedback.settings.save')}</button>
      </form>
    </Layout>,
    o.status ?? 200,
  );
}

export function settingsPages(app: FastifyInstance) {
  app.get('/quan-tri/phan-anh/cai-dat', async (req, reply) => settingsPage(req, reply));
  app.post('/quan-tri/phan-anh/cai-dat', async (req, reply) => {
    const actor = requireOfficer(req, ['admin']);
    const b = (req.body as Body) ?? {};
    try {
      const input = validate(
        settingsBody,
        Object.fromEntries(SETTING_FIELDS.map((k) => [k, b[k] === undefined || b[k] === '' ? undefined : Number(b[k])])),
        req.lang,
      );
      await svc.saveSettings(req.server.ctx, actor, input);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return settingsPage(req, reply, {
        status: 400,
        form: b,
        error: [
          t(req.lang, err.key, err.params),
          ...(err.fields ?? []).map((x) => `${oneOf(SETTING_FIELDS, x.field) ? t(req.lang, `feedback.settings.${x.field}`) : x.field}: ${x.message}`),
        ].join(' '),
      });
    }
    return settingsPage(req, reply, { notice: t(req.lang, 'feedback.settings.saved') });
  });
}
