import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import { t, type Lang, type MessageKey } from '../platform/i18n';
import type { Actor } from '../platform/auth';

export const HOTLINE = '1900 1234';

export interface PageProps {
  req: FastifyRequest;
  title: string;
  children: ComponentChildren;
  /** Extra elements of <head> (e.g. a web app manifest link, a page's own stylesheet). */
  head?: ComponentChildren;
}

/** "Cổng Dịch vụ công thành phố Cần Thơ": the portal's name with the province of the day (req.provinceName). */
export function siteName(req: FastifyRequest): string {
  const p = req.provinceName;
  if (!p) return t(req.lang, 'site.name.generic');
  return t(req.lang, 'site.name', { province: req.lang === 'vi' ? p.charAt(0).toLocaleLowerCase('vi') + p.slice(1) : p });
}

/** "Dịch vụ công Cần Thơ": the header's name at 360 px (the province without "Thành phố"/"Tỉnh"). */
export function siteShortName(req: FastifyRequest): string {
  const p = req.provinceName;
  if (!p) return t(req.lang, 'site.name.generic');
  return t(req.lang, 'site.shortName', { province: p.replace(/^(thành phố|tỉnh)\s+/i, '') });
}

/** Links keep the chosen language; the switch flips it. */
export function langHref(req: FastifyRequest, lang: Lang): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/** Where the back-office sections live; the modules own the pages behind them. */
export const OFFICER_NAV: { href: string; key: MessageKey; roles?: string[] }[] = [
  { href: '/can-bo/hang-doi', key: 'nav.officer.queue' },
  { href: '/can-bo/tiep-nhan', key: 'nav.officer.reception', roles: ['reception', 'digital_team', 'postal'] },
  { href: '/can-bo/tiep-nhan-ngoai-tuyen', key: 'nav.officer.offline', roles: ['reception'] },
  { href: '/quan-tri/thu-tuc', key: 'nav.officer.procedures', roles: ['controller', 'admin'] },
  { href: '/can-bo/chung-thuc', key: 'nav.officer.certify', roles: ['specialist', 'leader'] },
  { href: '/quan-tri/phan-anh', key: 'nav.officer.petitions', roles: ['specialist', 'leader', 'admin'] },
  { href: '/chi-so', key: 'nav.officer.indicators', roles: ['monitor', 'leader', 'admin'] },
  { href: '/quan-tri/dong-bo', key: 'nav.officer.sync', roles: ['monitor', 'admin'] },
  { href: '/quan-tri/tai-khoan', key: 'nav.officer.admin', roles: ['admin'] },
  { href: '/quan-tri/tac-vu', key: 'nav.officer.jobs', roles: ['admin'] },
];

function officerLinks(actor: Actor) {
  return OFFICER_NAV.filter((n) => !n.roles || actor.roles.some((g) => n.roles!.includes(g.role)));
}

/** The current path, marked for screen readers in the navigation. */
function current(req: FastifyRequest, href: string): 'page' | undefined {
  const path = req.url.split('?')[0];
  return path === href || path.startsWith(href + '/') ? 'page' : undefined;
}

function AccountNav({ req }: { req: FastifyRequest }) {
  const lang = req.lang;
  const actor = req.actor;
  if (!actor) {
    return (
      <li>
        <a href="/dang-nhap" aria-current={current(req, '/dang-nhap')}>
          {t(lang, 'nav.login')}
        </a>
      </li>
    );
  }
  return (
    <>
      {actor.kind === 'citizen' && (
        <li>
          <a href="/ho-so-cua-toi" aria-current={current(req, '/ho-so-cua-toi')}>
            {t(lang, 'pages.mine.title')}
          </a>
        </li>
      )}
      {actor.kind === 'citizen' && (
        <li>
          <a href="/kho-du-lieu" aria-current={current(req, '/kho-du-lieu')}>
            {t(lang, 'nav.store')}
          </a>
        </li>
      )}
      <li>
        <a href="/tai-khoan" aria-current={current(req, '/tai-khoan')}>
          <span class="visually-hidden">{t(lang, 'nav.account')}: </span>
          {actor.name}
        </a>
      </li>
      <li>
        <form method="post" action="/dang-xuat" class="inline">
          <input type="hidden" name="_csrf" value={req.csrfToken} />
          <button type="submit" class="link">
            {t(lang, 'nav.logout')}
          </button>
        </form>
      </li>
    </>
  );
}

/** The page shell every screen uses: skip link, header with navigation, main, footer with the hotline. */
export function Layout({ req, title, children, head }: PageProps) {
  const lang = req.lang;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const officer = req.actor?.kind === 'officer' ? req.actor : null;
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${siteName(req)}`}</title>
        <link rel="stylesheet" href="/static/site.css" />
        {head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t(lang, 'nav.skip')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            <span class="brand-long">{siteName(req)}</span>
            <span class="brand-short" aria-hidden="true">
              {siteShortName(req)}
            </span>
          </a>
          {/* One line at 360 px: the menu folds into a disclosure (works without JavaScript); from 48em it is always shown (site.css). */}
          <details class="menu">
            <summary>{t(lang, 'nav.menu')}</summary>
            <nav aria-label={t(lang, 'nav.main')}>
              <ul>
                <li>
                  <a href="/thu-tuc" aria-current={current(req, '/thu-tuc')}>
                    {t(lang, 'nav.procedures')}
                  </a>
                </li>
                <li>
                  <a href="/tra-cuu" aria-current={current(req, '/tra-cuu')}>
                    {t(lang, 'nav.lookup')}
                  </a>
                </li>
                <AccountNav req={req} />
                <li>
                  <a href={langHref(req, other)} hrefLang={other} lang={other}>
                    {t(lang, 'nav.language')}
                  </a>
                </li>
              </ul>
            </nav>
          </details>
        </header>
        {officer && (
          <nav class="office-nav" aria-label={t(lang, 'nav.officer')}>
            <ul>
              {officerLinks(officer).map((n) => (
                <li>
                  <a href={n.href} aria-current={current(req, n.href)}>
                    {t(lang, n.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{t(lang, 'site.tagline')}</p>
          <p>{t(lang, 'footer.hotline', { hotline: HOTLINE })}</p>
        </footer>
      </body>
    </html>
  );
}
