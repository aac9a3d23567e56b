/** Back office: the module's settings (deadlines, rating window, "not satisfied" level), administrators only. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { validate, type FieldLabels } from '../../platform/http/validate';
import { describedBy, FieldMessage, FormErrorSummary, type FormRefusal } from '../../web/form-errors';
import { AppError } from '../../platform/errors';
import { requireOfficer } from '../../platform/auth';
import { t } from '../../platform/i18n';
import { SETTING_FIELDS, settingsBody } from './settings-schema';
import * as svc from './service';

type Body = Record<string, string | undefined>;

/** Each setting's label is its own key (issue 13: refusals name the label, not the path). */
const LABELS: FieldLabels = Object.fromEntries(SETTING_FIELDS.map((k) => [k, `feedback.settings.${k}` as const]));

async function settingsPage(req: FastifyRequest, reply: FastifyReply, o: { error?: FormRefusal; notice?: string; status?: number; form?: Body } = {}) {
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
      <FormErrorSummary lang={lang} error={o.error} idOf={(field) => field} />
      <form method="post" action="/quan-tri/phan-anh/cai-dat" class="narrow">
        <CsrfField req={req} />
        {SETTING_FIELDS.map((k) => (
          <>
            <label for={k}>{t(lang, `feedback.settings.${k}`)}</label>
            <FieldMessage id={k} error={o.error} field={k} />
            <input id={k} name={k} type="number" inputMode="numeric" required value={o.form?.[k] ?? String(s[k])} {...describedBy(k, o.error, k)} />
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
        Object.fromEntries(SETTING_FIELDS.map((k) => [k, b[k] === undefined || b[k].trim() === '' ? undefined : Number(b[k].replace(',', '.'))])),
        req.lang,
        LABELS,
      );
      await svc.saveSettings(req.server.ctx, actor, input);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 400) throw err;
      return settingsPage(req, reply, {
        status: 400,
        form: b,
        error: { message: t(req.lang, err.key, err.params), fields: err.fields },
      });
    }
    return settingsPage(req, reply, { notice: t(req.lang, 'feedback.settings.saved') });
  });
}
