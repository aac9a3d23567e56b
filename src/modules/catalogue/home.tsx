import type { FastifyInstance } from 'fastify';
import { Layout, siteName } from '../../web/layout';
import { sendSharedPage } from '../../platform/http/page-cache';
import { t, type KeysUnder, type Lang } from '../../platform/i18n';
import { cataloguePageMemo, essentialServices } from './service';
import { EssentialList } from './view';

/**
 * Entry points (GOV.UK pattern): by life event and by who you are, each a search of the catalogue.
 * The words are searched as typed by people; each link is tested to find procedures (home.db.test.ts).
 */
export const LIFE_EVENTS: { key: KeysUnder<'home.event.'>; q: string }[] = [
  { key: 'birth', q: 'khai sinh' },
  { key: 'marriage', q: 'kết hôn' },
  { key: 'residence', q: 'cư trú' },
  { key: 'land', q: 'đất' },
  { key: 'record', q: 'lý lịch tư pháp' },
  { key: 'death', q: 'khai tử' },
];
export const AUDIENCES: { key: 'citizen' | 'business'; q: string }[] = [
  { key: 'citizen', q: 'hộ tịch' },
  { key: 'business', q: 'kinh doanh' },
];

const searchHref = (q: string) => `/thu-tuc?q=${encodeURIComponent(q)}`;

function EntryPoints({ lang }: { lang: Lang }) {
  return (
    <div class="entry-points">
      <nav aria-labelledby="home-events">
        <h2 id="home-events">{t(lang, 'home.events.title')}</h2>
        <ul class="entry-list">
          {LIFE_EVENTS.map((e) => (
            <li>
              <a href={searchHref(e.q)}>{t(lang, `home.event.${e.key}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-labelledby="home-who">
        <h2 id="home-who">{t(lang, 'home.who.title')}</h2>
        <ul class="entry-list who">
          {AUDIENCES.map((a) => (
            <li>
              <a href={searchHref(a.q)}>{t(lang, `home.who.${a.key}`)}</a>
              <p class="hint">{t(lang, `home.who.${a.key}Hint`)}</p>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** The portal's home page: a search of the catalogue, its entry points and essential services (the shell's texts, web/messages.ts). */
export function homePages(app: FastifyInstance) {
  app.get('/', async (req, reply) =>
    sendSharedPage(req, reply, cataloguePageMemo(req.server.ctx), async () => {
      const essential = await essentialServices(req.server.ctx);
      return (
        <Layout req={req} title={t(req.lang, 'nav.home')}>
          <h1>{siteName(req)}</h1>
          <form method="get" action="/thu-tuc" role="search" class="home-search">
            <label for="home-q">{t(req.lang, 'home.search.label')}</label>
            <p class="hint" id="home-q-hint">
              {t(req.lang, 'home.search.hint')}
            </p>
            <div class="search-row">
              <input type="search" id="home-q" name="q" aria-describedby="home-q-hint" />
              <button type="submit">{t(req.lang, 'home.search.button')}</button>
            </div>
          </form>
          <p>
            <a href="/tra-cuu">{t(req.lang, 'home.track')}</a>
          </p>
          <EntryPoints lang={req.lang} />
          <EssentialList items={essential} lang={req.lang} />
        </Layout>
      );
    }),
  );
}
