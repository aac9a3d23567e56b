/** The sandbox's own pages: login (choose a demo citizen or type the ID number) and consent. */
import { render } from 'preact-render-to-string';
import type { ComponentChildren } from 'preact';
import { DEMO_CITIZENS, DEMO_PASSWORD } from '../../src/modules/identity/demo';
import { st, type SandboxLang } from './messages';

const CSS = `body{font-family:system-ui,Arial,sans-serif;margin:0;color:#1b1b1b;line-height:1.5}
header{background:#b4121b;color:#fff;padding:.75rem 1rem;font-weight:700}
.banner{background:#fff3bf;padding:.5rem 1rem;margin:0}
main{max-width:32rem;margin:0 auto;padding:1rem}
label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select{font:inherit;width:100%;padding:.5rem;border:2px solid #555}
input[type=radio]{width:auto}
.radio label{display:inline;font-weight:400}
.hint{color:#505a5f;margin:0}
button{font:inherit;background:#b4121b;color:#fff;border:0;padding:.6rem 1rem;margin:.75rem .5rem 0 0;cursor:pointer}
button.secondary{background:#505a5f}
.error{border:4px solid #b10e1e;padding:.5rem 1rem}
:focus{outline:3px solid #ffbf47}`;

function Page({ lang, title, children }: { lang: SandboxLang; title: string; children: ComponentChildren }) {
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${st(lang, 'title')}`}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <header>{st(lang, 'title')}</header>
        <p class="banner">{st(lang, 'banner')}</p>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function loginPage(o: { lang: SandboxLang; uid: string; client: string; error?: boolean; personalId?: string }): string {
  const { lang, uid } = o;
  return (
    '<!doctype html>' +
    render(
      <Page lang={lang} title={st(lang, 'login.heading')}>
        <h1>{st(lang, 'login.heading')}</h1>
        <p>{st(lang, 'login.client', { client: o.client })}</p>
        {o.error && (
          <p class="error" role="alert">
            {st(lang, 'login.error')}
          </p>
        )}
        <form method="post" action={`/interaction/${uid}/login`}>
          <label for="citizen">{st(lang, 'login.choose')}</label>
          <select id="citizen" name="citizen">
            <option value="">—</option>
            {DEMO_CITIZENS.map((c) => (
              <option value={c.personalId} selected={c.personalId === o.personalId}>{`${c.name} (${c.personalId})`}</option>
            ))}
          </select>
          <label for="personal_id">{st(lang, 'login.personal_id')}</label>
          <p class="hint" id="pid-hint">
            {st(lang, 'login.or')} – {st(lang, 'login.personal_id_hint')}
          </p>
          <input id="personal_id" name="personal_id" inputMode="numeric" autocomplete="off" aria-describedby="pid-hint" />
          <label for="password">{st(lang, 'login.password')}</label>
          <p class="hint" id="pw-hint">
            {st(lang, 'login.password_hint', { password: DEMO_PASSWORD })}
          </p>
          <input id="password" name="password" type="password" required aria-describedby="pw-hint" />
          <fieldset class="radio">
            <legend>{st(lang, 'login.as')}</legend>
            <input type="radio" id="as-person" name="as" value="person" checked /> <label for="as-person">{st(lang, 'login.as_person')}</label>
            <br />
            <input type="radio" id="as-org" name="as" value="org" /> <label for="as-org">{st(lang, 'login.as_org')}</label>
          </fieldset>
          <button type="submit">{st(lang, 'login.submit')}</button>
        </form>
        <form method="post" action={`/interaction/${uid}/abort`}>
          <button type="submit" class="secondary">
            {st(lang, 'login.cancel')}
          </button>
        </form>
      </Page>,
    )
  );
}

export function consentPage(o: { lang: SandboxLang; uid: string; client: string; name: string; scopes: string[] }): string {
  const { lang, uid } = o;
  return (
    '<!doctype html>' +
    render(
      <Page lang={lang} title={st(lang, 'consent.heading')}>
        <h1>{st(lang, 'consent.heading')}</h1>
        <p>{st(lang, 'consent.intro', { client: o.client, name: o.name })}</p>
        <ul>
          {o.scopes.map((s) => (
            <li>{st(lang, `scope.${s}` as any) ?? s}</li>
          ))}
        </ul>
        <form method="post" action={`/interaction/${uid}/confirm`}>
          <button type="submit">{st(lang, 'consent.allow')}</button>
        </form>
        <form method="post" action={`/interaction/${uid}/abort`}>
          <button type="submit" class="secondary">
            {st(lang, 'consent.deny')}
          </button>
        </form>
      </Page>,
    )
  );
}

export function errorPage(lang: SandboxLang, message: string): string {
  return (
    '<!doctype html>' +
    render(
      <Page lang={lang} title={st(lang, 'error.heading')}>
        <h1>{st(lang, 'error.heading')}</h1>
        <p role="alert">{message}</p>
      </Page>,
    )
  );
}
