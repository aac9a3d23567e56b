/** Small shared views: the support contacts (hotline) box other pages import, and a server-rendered SVG bar chart. */
import { t, type Lang } from '../../platform/i18n';
import type { Contact } from './support';

/**
 * Where a person may be stuck: the hotline and address of the responsible units (load them with
 * `supportContacts(ctx, unitIds)` from the feedback service), plus links to petitions and the assistant.
 */
export function SupportContacts({ lang, contacts }: { lang: Lang; contacts: Contact[] }) {
  return (
    <aside class="card support-contacts" aria-labelledby="support-title">
      <h2 id="support-title">{t(lang, 'feedback.support.title')}</h2>
      <ul>
        {contacts.map((c) => (
          <li>
            <strong>{c.name}</strong>
            {c.hotline && (
              <>
                <br />
                {t(lang, 'feedback.support.hotline')}: <a href={`tel:${c.hotline.replace(/\s/g, '')}`}>{c.hotline}</a>
              </>
            )}
            {c.address && (
              <>
                <br />
                {t(lang, 'feedback.support.address')}: {c.address}
              </>
            )}
          </li>
        ))}
      </ul>
      <p>
        <a href="/tro-ly">{t(lang, 'feedback.support.assistant')}</a> · <a href="/phan-anh">{t(lang, 'feedback.support.petition')}</a>
      </p>
    </aside>
  );
}

/** A horizontal bar chart as inline SVG (no client library); the numbers are also in the text. */
export function BarChart({ title, bars }: { title: string; bars: { label: string; count: number }[] }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const rowH = 26;
  const width = 320;
  const labelW = 120;
  return (
    <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${bars.length * rowH + 4}`} width="100%" style="max-width:32rem">
      <title>{title}</title>
      {bars.map((b, i) => {
        const w = Math.round(((width - labelW - 40) * b.count) / max);
        return (
          <g transform={`translate(0 ${i * rowH + 2})`}>
            <text x={labelW - 4} y={16} text-anchor="end" font-size="12">
              {b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}
            </text>
            <rect x={labelW} y={4} width={w} height={16} fill="#a3171b" />
            <text x={labelW + w + 4} y={16} font-size="12">
              {b.count}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
