/** Reading and driving the HTML pages through HTTP (no browser): a citizen's GET and form POST, hidden fields, the error summary. */
import type { TestEnv } from './harness';
import type { Login } from './login';

/** The value of the hidden field `name` on the page, its HTML entities (&quot; &amp;) read back. */
export const hiddenValue = (body: string, name: string): string | undefined =>
  new RegExp(`name="${name}" value="([^"]*)"`)
    .exec(body)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The page's error summary (the box that lists what is wrong), or '' when there is none. */
export const errorSummary = (body: string): string => /<div class="error-summary"[\s\S]*?<\/ul>/.exec(body)?.[0] ?? '';

/** GETs the page as `who`, asking HTML, in the language `lang` when given. */
export const getPage = (env: TestEnv, url: string, who: Login, lang?: string) =>
  env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: who.cookie, ...(lang ? { 'accept-language': lang } : {}) } });

/** POSTs a plain HTML form (urlencoded, with `who`'s CSRF token) as `who`, in the language `lang` when given. */
export const postForm = (env: TestEnv, url: string, who: Login, fields: Record<string, string>, lang?: string) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { accept: 'text/html', cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(lang ? { 'accept-language': lang } : {}) },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
