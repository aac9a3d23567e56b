/** Small view helpers shared by the catalogue's pages. */
import type { TimeLimit } from '../../platform/calendar/types';
import { t, type Lang } from '../../platform/i18n';
import type { ProcedureHit } from './model';

export const timeText = (lang: Lang, tl: TimeLimit) =>
  t(lang, `catalogue.unit.${tl.unit}`, { value: String(tl.value).replace('.', lang === 'vi' ? ',' : '.') });
export const money = (lang: Lang, n: number) =>
  n === 0 ? t(lang, 'catalogue.page.free') : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n) + ' đ';
export const vnDate = (d: string | null | undefined) => (d ? d.split('-').reverse().join('/') : '');

export function HitList({ items, lang }: { items: ProcedureHit[]; lang: Lang }) {
  return (
    <ol class="procedure-list">
      {items.map((p) => (
        <li class="card">
          <a href={`/thu-tuc/${encodeURIComponent(p.code)}`}>
            <strong>{lang === 'en' ? p.nameEn : p.name}</strong>
          </a>
          <p class="meta">
            {t(lang, 'catalogue.page.code')}: {p.code} · {p.fieldName} · {p.levels.map((l) => t(lang, `catalogue.level.${l}`)).join(', ')}
          </p>
          <p class="meta">
            {p.essential ? <span class="tag ok">{t(lang, 'catalogue.essential')}</span> : null}{' '}
            <span class="tag">{t(lang, `catalogue.online.${p.onlineLevel}`)}</span>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The home page's block: the essential public services (Đề án 06). */
export function EssentialList({ items, lang }: { items: ProcedureHit[]; lang: Lang }) {
  return (
    <section aria-labelledby="h-essential" class="essential">
      <h2 id="h-essential">{t(lang, 'catalogue.essential.home')}</h2>
      <ul>
        {items.map((p) => (
          <li>
            <a href={`/thu-tuc/${encodeURIComponent(p.code)}`}>{lang === 'en' ? p.nameEn : p.name}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/thu-tuc">{t(lang, 'catalogue.essential.all')}</a>
      </p>
    </section>
  );
}
