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

/** POSTs a plain HTML form as `who` (urlencoded, `who`'s CSRF token first, a list as the field repeated), in `lang` when given. */
export function postForm(
  env: TestEnv,
  url: string,
  who: Login,
  fields: Record<string, string | string[]>,
  lang?: string,
  headers: Record<string, string> = {},
) {
  const body = new URLSearchParams();
  body.append('_csrf', who.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return env.app.inject({
    method: 'POST',
    url,
    headers: {
      accept: 'text/html',
      cookie: who.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      ...(lang ? { 'accept-language': lang } : {}),
      ...headers,
    },
    payload: body.toString(),
  });
}
