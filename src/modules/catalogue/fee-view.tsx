/**
 * The fee lines of a quote as a summary list (one line a row, fits 360 px): the same lines, in
 * the same words, on the online form's review, the payment page and (as text) the receipt.
 */
import { t, type Lang } from '../../platform/i18n';
import type { FeeQuoteLine, FeeQuoteResult } from './fee-rules';

export const feeMoney = (lang: Lang, n: number) => `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ${lang === 'vi' ? 'đồng' : 'VND'}`;

/** "Phí cấp bản sao ... × 2" and why the amount is lower, in words. */
export function feeLineLabel(lang: Lang, l: FeeQuoteLine): string {
  return l.quantity > 1 ? `${l.name} × ${l.quantity}` : l.name;
}
export function feeLineNote(lang: Lang, l: FeeQuoteLine): string | null {
  if (l.exempt) return t(lang, 'catalogue.fees.exempt');
  if (l.baseAmount === 0) return t(lang, 'catalogue.fees.free');
  if (l.amount < l.baseAmount * l.quantity) return t(lang, 'catalogue.fees.onlineReduced');
  return null;
}

export function FeeSummary({ lang, quote, id = 'phi-le-phi' }: { lang: Lang; quote: FeeQuoteResult; id?: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(lang, 'catalogue.fees.title')}</h2>
      {quote.lines.length > 0 && (
        <dl class="summary">
          {quote.lines.map((l) => {
            const note = feeLineNote(lang, l);
            return (
              <>
                <dt>{feeLineLabel(lang, l)}</dt>
                <dd>
                  {feeMoney(lang, l.amount)}
                  {note ? ` (${note})` : ''}
                </dd>
              </>
            );
          })}
        </dl>
      )}
      <p>
        <strong>{quote.total > 0 ? t(lang, 'catalogue.fees.total', { amount: feeMoney(lang, quote.total) }) : t(lang, 'catalogue.fees.nothing')}</strong>
      </p>
    </section>
  );
}
