/** The citizen's inbox (/thong-bao) and notification preferences (/tai-khoan/thong-bao). */
import { formatDateTimeVN } from '../../platform/dates';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { requireCitizen } from '../../platform/auth';
import { getPrefs, listInbox, markRead, savePrefs, type Prefs } from './service';

type Inbox = Awaited<ReturnType<typeof listInbox>>;

function InboxPage({ req, inbox }: { req: FastifyRequest; inbox: Inbox }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'notifications.inbox.title')}>
      <h1>{t(lang, 'notifications.inbox.title')}</h1>
      <p>{t(lang, 'notifications.inbox.unread', { n: inbox.unread })}</p>
      {inbox.items.length === 0 && <p>{t(lang, 'notifications.inbox.empty')}</p>}
      <ul class="inbox">
        {inbox.items.map((n) => (
          <li class={n.readAt ? 'read' : 'unread'}>
            <h2>{n.title}</h2>
            <p>
              <time datetime={n.createdAt}>{formatDateTimeVN(n.createdAt)}</time>
            </p>
            <p style="white-space: pre-line">{n.body}</p>
            {!n.readAt && (
              <form method="post" action={`/thong-bao/${encodeURIComponent(n.id)}/da-doc`}>
                <CsrfField req={req} />
                <button type="submit">{t(lang, 'notifications.inbox.mark_read')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href="/tai-khoan/thong-bao">{t(lang, 'notifications.prefs.title')}</a>
      </p>
    </Layout>
  );
}

function Check({ name, checked, label }: { name: string; checked: boolean; label: string }) {
  return (
    <>
      <input type="checkbox" id={name} name={name} value="1" checked={checked} />{' '}
      <label for={name} class="inline">
        {label}
      </label>
      <br />
    </>
  );
}

function PrefsPage({ req, prefs, saved }: { req: FastifyRequest; prefs: Prefs; saved: boolean }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'notifications.prefs.title')}>
      <h1>{t(lang, 'notifications.prefs.title')}</h1>
      {saved && (
        <p class="notice" role="status">
          {t(lang, 'notifications.prefs.saved')}
        </p>
      )}
      <form method="post" action="/tai-khoan/thong-bao/kenh">
        <CsrfField req={req} />
        <fieldset>
          <legend>{t(lang, 'notifications.prefs.channels')}</legend>
          <Check name="email" checked={prefs.email} label={t(lang, 'notifications.channel.email')} />
          <Check name="sms" checked={prefs.sms} label={t(lang, 'notifications.channel.sms')} />
          <Check name="zalo" checked={prefs.zalo} label={t(lang, 'notifications.channel.zalo')} />
          <Check name="inbox" checked={prefs.inbox} label={t(lang, 'notifications.channel.inbox')} />
        </fieldset>
        <label for="lang">{t(lang, 'notifications.prefs.lang')}</label>
        <select id="lang" name="lang">
          <option value="vi" selected={prefs.lang === 'vi'}>
            Tiếng Việt
          </option>
          <option value="en" selected={prefs.lang === 'en'}>
            English
          </option>
        </select>
        <button type="submit">{t(lang, 'notifications.prefs.save')}</button>
      </form>
    </Layout>
  );
}

export function notificationsPages(app: FastifyInstance) {
  app.get('/thong-bao', async (req, reply) => {
    const actor = requireCitizen(req);
    return sendPage(reply, <InboxPage req={req} inbox={await listInbox(app.ctx, actor.id, { limit: 50, offset: 0 })} />);
  });
  app.post('/thong-bao/:id/da-doc', async (req, reply) => {
    const actor = requireCitizen(req);
    await markRead(app.ctx, actor.id, (req.params as { id: string }).id);
    return reply.redirect('/thong-bao', 303);
  });
  app.get('/tai-khoan/thong-bao', async (req, reply) => {
    const actor = requireCitizen(req);
    const prefs = await getPrefs(app.ctx, actor.id);
    if (!prefs) throw new Error('person missing');
    return sendPage(reply, <PrefsPage req={req} prefs={prefs} saved={(req.query as Record<string, string>).da_luu === '1'} />);
  });
  app.post('/tai-khoan/thong-bao/kenh', async (req, reply) => {
    const actor = requireCitizen(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    await savePrefs(app.ctx, actor, {
      email: b.email === '1',
      sms: b.sms === '1',
      zalo: b.zalo === '1',
      inbox: b.inbox === '1',
      lang: b.lang === 'en' ? 'en' : 'vi',
    });
    return reply.redirect('/tai-khoan/thong-bao?da_luu=1', 303);
  });
}
