/** The public page of the law of the day: /quy-dinh?ngay=YYYY-MM-DD. */
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../platform/http/html';
import { hasMessage, t, type Lang } from '../../platform/i18n';
import { Layout } from '../../web/layout';
import { dateParam } from './routes';
import { lawOfTheDay, type RuleValue } from './service';

const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** A rule's name; the rules are data (rules/data), so a key the catalogue lacks shows as itself. */
function ruleName(lang: Lang, key: string): string {
  const k = `rules.key.${key}`;
  return hasMessage(k) ? t(lang, k) : key;
}

function show(lang: Lang, v: RuleValue): string {
  const word = (s: string) => {
    // A rule's value is data (rules/data): a word is shown when the catalogue has one.
    const key = `rules.value.${s}`;
    return hasMessage(key) ? t(lang, key) : s;
  };
  if (v === null) return '–';
  if (typeof v === 'boolean') return t(lang, `rules.value.${v}`);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return word(v);
  if (Array.isArray(v)) return v.map(word).join(', ');
  const o = v as { required?: boolean; exemptions?: string[] };
  const parts = [o.required ? word('required') : ''];
  if (o.exemptions?.length) parts.push(`${word('exemptions')}: ${o.exemptions.map(word).join('; ')}`);
  return parts.filter(Boolean).join(', ');
}

export function rulesPages(app: FastifyInstance) {
  app.get('/quy-dinh', async (req, reply) => {
    const lang = req.lang;
    const at = dateParam(req, (req.query as { ngay?: string }).ngay, 'ngay');
    const law = lawOfTheDay(at);
    const title = t(lang, 'rules.page.title');
    return sendPage(
      reply,
      <Layout req={req} title={title}>
        <h1>{title}</h1>
        <p>{t(lang, 'rules.page.intro')}</p>
        <form method="get" action="/quy-dinh" class="inline">
          <label for="ngay">{t(lang, 'rules.page.date')}</label>
          <input id="ngay" name="ngay" type="date" value={at} />
          <button type="submit">{t(lang, 'rules.page.show')}</button>
        </form>
        <h2>{t(lang, 'rules.page.at', { date: vnDate(at) })}</h2>
        {law.ruleSets.length === 0 && <p>{t(lang, 'rules.page.none')}</p>}
        {law.ruleSets.map((s) => (
          <section aria-labelledby={`set-${s.id}`}>
            <h3 id={`set-${s.id}`}>{s.name}</h3>
            <p class="hint">
              {t(lang, 'rules.page.validity', {
                from: vnDate(s.validFrom),
                to: s.validTo ? t(lang, 'rules.page.until', { to: vnDate(s.validTo) }) : t(lang, 'rules.page.open'),
              })}
              <br />
              {t(lang, 'rules.page.basis', { basis: s.legalBasis.join('; ') })}
            </p>
            <dl>
              {s.rules.map((r) => [
                <dt>{ruleName(lang, r.key)}</dt>,
                <dd>
                  {show(lang, r.value)}
                  <br />
                  <small>{r.clause}</small>
                </dd>,
              ])}
            </dl>
          </section>
        ))}
        <h2>{t(lang, 'rules.page.forms')}</h2>
        {law.forms.length === 0 ? (
          <p>{t(lang, 'rules.page.noForms')}</p>
        ) : (
          <ul>
            {law.forms.map((f) => (
              <li>
                {t(lang, 'rules.page.form', { number: f.number, title: f.title })} <small>({f.legalBasis})</small>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
