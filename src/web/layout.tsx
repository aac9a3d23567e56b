import type { ComponentChildren } from 'preact';
import type { FastifyRequest } from 'fastify';
import { t, type Lang } from '../platform/i18n';

export const HOTLINE = '1900 1234';

export interface PageProps {
  req: FastifyRequest;
  title: string;
  children: ComponentChildren;
}

/** Links keep the chosen language; the switch flips it. */
export function langHref(req: FastifyRequest, lang: Lang): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

/** The page shell every screen uses: skip link, header, main, footer with the hotline. */
export function Layout({ req, title, children }: PageProps) {
  const lang = req.lang;
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${t(lang, 'site.name')}`}</title>
        <link rel="stylesheet" href="/static/site.css" />
      </head>
      <body>
        <a class="skip" href="#main">{t(lang, 'nav.skip')}</a>
        <header class="site-header">
          <a class="brand" href="/">{t(lang, 'site.name')}</a>
          <nav aria-label="Menu">
            <ul>
              <li><a href="/thu-tuc">{t(lang, 'nav.procedures')}</a></li>
              <li><a href="/tra-cuu">{t(lang, 'nav.lookup')}</a></li>
              <li><a href={langHref(req, other)} hrefLang={other} lang={other}>{t(lang, 'nav.language')}</a></li>
            </ul>
          </nav>
        </header>
        <main id="main">{children}</main>
        <footer class="site-footer">
          <p>{t(lang, 'site.tagline')}</p>
          <p>{t(lang, 'footer.hotline', { hotline: HOTLINE })}</p>
        </footer>
      </body>
    </html>
  );
}
