/** The electronic receipt (biên lai điện tử) of a paid payment, as a PDF. */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { conflict } from '../../platform/errors';
import { t, type KeysUnder } from '../../platform/i18n';
import { keyValues, nationalHeader, paragraph, renderPdf, table, title } from '../../platform/pdf';
import { getPayment } from './service';
import { feeLineLabel } from '../catalogue/service';

const money = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;
const when = (iso: string) => new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));

export async function receiptPdf(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  const p = await getPayment(ctx, actor, id);
  if (p.state !== 'paid') throw conflict('payments.not_paid');
  const L = (k: KeysUnder<'payments.receipt.'>, params?: Record<string, unknown>) => t('vi', `payments.receipt.${k}`, params);
  return renderPdf(
    (doc) => {
      nationalHeader(doc, { agency: [L('agency')], number: L('number', { ref: p.orderRef }) });
      title(doc, L('title'), L('subtitle'));
      keyValues(doc, [
        [L('dossier'), p.dossierCode],
        [L('orderRef'), p.orderRef],
        [L('transaction'), p.transactionId ?? ''],
        [L('paidAt'), when(p.paidAt!)],
        [L('channel'), L('online')],
      ]);
      table(
        doc,
        [
          { header: L('item'), width: 3 },
          { header: L('amount'), width: 1, align: 'right' },
        ],
        p.feeLines.map((l) => [feeLineLabel('vi', l) + (l.exempt ? ` (${L('exempt')})` : ''), money(l.amount)]),
      );
      paragraph(doc, L('total', { amount: money(p.amount) }), { bold: true });
      paragraph(doc, L('note'), { italic: true });
    },
    { info: { Title: L('title') }, createdAt: new Date(p.paidAt!) },
  );
}
