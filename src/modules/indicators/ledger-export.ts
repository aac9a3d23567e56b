/**
 * The overdue-cause ledger as text (screens), as an Excel workbook and as a PDF: the evidence a
 * province sends to contest its ranking. Dates dd/mm/yyyy HH:mm in Vietnam time.
 */
import ExcelJS from 'exceljs';
import { t, type Lang } from '../../platform/i18n';
import { formatDateTimeVN } from '../../platform/dates';
import { renderPdf, nationalHeader, paragraph, table, title } from '../../platform/pdf';
import type { Cause } from './model/causes';
import type { Ledger, LedgerRow } from './ledger';
import { causeWords } from './labels';

const ISO = /^\d{4}-\d{2}-\d{2}T/;

/** One cause in words, with its evidence. */
export function causeText(lang: Lang, c: Cause): string {
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(c.evidence)) p[k] = v == null ? '—' : typeof v === 'string' && ISO.test(v) ? formatDateTimeVN(v) : String(v);
  p.officer = String(
    c.evidence.officerName ?? c.evidence.requestedByName ?? c.evidence.officerId ?? c.evidence.requestedBy ?? t(lang, 'indicators.stake.noHolder'),
  );
  if (typeof c.evidence.overrunMs === 'number')
    p.overrun = t(lang, 'indicators.cause.hours', {
      h: (Math.round((c.evidence.overrunMs / 3600_000) * 10) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'),
    });
  p.diffs = (c.differences ?? []).map((d) => `${d.field}: ${d.ours ?? '—'} / ${d.portal ?? t(lang, 'indicators.cause.missingOnPortal')}`).join('; ');
  p.error = c.evidence.error ? String(c.evidence.error) : '';
  return causeWords(lang, c.kind, c.reason, p).trim();
}

export function flagsText(lang: Lang, r: LedgerRow): string {
  return [
    r.late ? t(lang, 'indicators.flag.late') : null,
    r.unsynced ? t(lang, 'indicators.flag.unsynced') : null,
    !r.unsynced && r.causes.some((c) => c.reason === 'repaired') ? t(lang, 'indicators.flag.repaired') : null,
  ]
    .filter(Boolean)
    .join(', ');
}

const when = (d: Date | null) => (d ? formatDateTimeVN(d) : '—');

function header(lang: Lang): string[] {
  return [
    'STT',
    t(lang, 'indicators.col.code'),
    t(lang, 'indicators.col.unit'),
    t(lang, 'indicators.col.received'),
    t(lang, 'indicators.col.due'),
    t(lang, 'indicators.col.finished'),
    t(lang, 'indicators.col.flag'),
    t(lang, 'indicators.col.attribution'),
    t(lang, 'indicators.col.cause'),
  ];
}

function rowsOf(lang: Lang, l: Ledger): string[][] {
  return l.rows.map((r, i) => [
    String(i + 1),
    r.code,
    r.unitName,
    when(r.receivedAt),
    when(r.dueAt),
    when(r.finishedAt),
    flagsText(lang, r),
    r.attribution ? t(lang, `indicators.attr.${r.attribution}`) : '',
    r.causes.map((c) => causeText(lang, c)).join('\n'),
  ]);
}

function summary(lang: Lang, l: Ledger): string[] {
  return [
    t(lang, 'indicators.ledger.intro', { period: l.period.key, unit: l.unit.name }),
    t(lang, 'indicators.ledger.counts', {
      dossiers: l.counts.dossiers,
      late: l.counts.late,
      unsynced: l.counts.unsynced,
      officer: l.counts.officer,
      clock: l.counts.clock,
      sync: l.counts.sync,
      unexplained: l.counts.unexplained,
    }),
    ...(l.syncUnknown ? [t(lang, 'indicators.ledger.syncUnknown')] : []),
    ...(l.truncated ? [t(lang, 'indicators.ledger.truncated', { limit: l.rows.length })] : []),
  ];
}

export async function ledgerWorkbook(lang: Lang, l: Ledger, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống thông tin giải quyết TTHC';
  wb.created = now;
  const ws = wb.addWorksheet(t(lang, 'indicators.ledger.sheet'));
  ws.addRow([t(lang, 'indicators.ledger.title')]).font = { bold: true, size: 13 };
  for (const s of summary(lang, l)) ws.addRow([s]);
  ws.addRow([t(lang, 'indicators.ledger.generated', { at: formatDateTimeVN(now) })]);
  ws.addRow([]);
  const h = ws.addRow(header(lang));
  h.font = { bold: true };
  for (const r of rowsOf(lang, l)) ws.addRow(r).eachCell((c) => (c.alignment = { wrapText: true, vertical: 'top' }));
  [6, 26, 28, 17, 17, 17, 18, 22, 90].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const wd = wb.addWorksheet(t(lang, 'indicators.ledger.sheetDiffs'));
  wd.addRow([
    t(lang, 'indicators.col.code'),
    t(lang, 'indicators.col.field'),
    t(lang, 'indicators.col.ours'),
    t(lang, 'indicators.col.portal'),
    t(lang, 'indicators.col.flag'),
  ]).font = { bold: true };
  for (const r of l.rows)
    for (const c of r.causes)
      for (const d of c.differences ?? [])
        wd.addRow([
          r.code,
          d.field,
          d.ours ?? '',
          d.portal ?? t(lang, 'indicators.cause.missingOnPortal'),
          c.reason === 'repaired' ? t(lang, 'indicators.flag.repaired') : t(lang, 'indicators.flag.unsynced'),
        ]);
  [26, 20, 20, 20, 22].forEach((w, i) => (wd.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function ledgerPdf(lang: Lang, l: Ledger, now: Date, agency: string): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      nationalHeader(doc, { agency: [agency.toUpperCase()], placeDate: t(lang, 'indicators.ledger.generated', { at: formatDateTimeVN(now) }) });
      title(doc, t(lang, 'indicators.ledger.pdfTitle'), `${l.unit.name} - ${l.period.key}`);
      for (const s of summary(lang, l)) paragraph(doc, s);
      if (l.rows.length === 0) paragraph(doc, t(lang, 'indicators.ledger.empty'));
      else
        table(
          doc,
          header(lang).map((hd, i) => ({ header: hd, width: [0.35, 1.5, 1.3, 0.95, 0.95, 0.95, 0.9, 1, 4][i] })),
          rowsOf(lang, l),
          { fontSize: 7 },
        );
    },
    { size: 'A4', landscape: true, info: { Title: t(lang, 'indicators.ledger.title') }, createdAt: now },
  );
}
