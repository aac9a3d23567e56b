/** The quarterly report of targets and indicators, as an Excel workbook and as a PDF (Vietnamese by default). */
import ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context';
import { t, type Lang } from '../../platform/i18n';
import { prepare } from './service';
import { quarterlyStatistics } from './targets';
import type { IndexResult } from './model/types';
import { renderReportPdf } from './report-pdf';
import { formatDateTimeVN } from '../../platform/dates';
import { provinceOn } from './deps';
import { civilDateVN } from '../../platform/calendar/types';
import { bandName, groupName, indicatorName } from './labels';

export interface ReportInput {
  year: number;
  quarter: number;
  unit: string;
  lang: Lang;
}

export interface ReportData {
  title: string;
  /** The people's committee line of the header, of the province on the quarter's last day ("UBND THÀNH PHỐ CẦN THƠ"). */
  committee: string;
  unitLine: string;
  generated: string;
  targetHeader: string[];
  targetRows: (string | number | null)[][];
  indexHeader: string[];
  indexRows: (string | number | null)[][];
  total: string;
}

const GROUP_NUMBER: Record<string, string> = { publicity: '1', progress: '2', online: '3', digitization: '4', satisfaction: '5' };

export async function reportData(ctx: Ctx, input: ReportInput): Promise<ReportData> {
  const { lang } = input;
  const stats = await quarterlyStatistics(ctx, { year: input.year, unit: input.unit, upToQuarter: input.quarter });
  const comp = await prepare(ctx, `${input.year}-Q${input.quarter}`);
  const idx: IndexResult = await comp.score(stats.unit.id);
  const province = await provinceOn(ctx, civilDateVN(new Date(comp.period.to.getTime() - 1)));
  const fmt = (x: number | null) => (x == null ? t(lang, 'indicators.noData') : x);
  return {
    title: t(lang, 'indicators.report.title', { quarter: input.quarter, year: input.year }),
    committee: t(lang, 'indicators.report.committee', { province }).trim().toUpperCase(),
    unitLine: t(lang, 'indicators.report.unit', { unit: stats.unit.name }),
    generated: t(lang, 'indicators.report.generated', { at: formatDateTimeVN(ctx.clock.now()) }),
    targetHeader: [
      'STT',
      t(lang, 'indicators.col.indicator'),
      t(lang, 'indicators.col.target'),
      'Q1',
      'Q2',
      'Q3',
      'Q4',
      t(lang, 'indicators.col.year'),
      t(lang, 'indicators.col.status'),
    ],
    targetRows: stats.rows.map((r) => {
      const last = r.quarters[input.quarter - 1];
      const status =
        last == null ? t(lang, 'indicators.status.noData') : last >= r.target ? t(lang, 'indicators.status.met') : t(lang, 'indicators.status.below');
      return [r.seq, r.name, r.target, ...r.quarters.map(fmt), fmt(r.year), status];
    }),
    indexHeader: [
      t(lang, 'indicators.col.code'),
      t(lang, 'indicators.col.indicator'),
      t(lang, 'indicators.col.numerator'),
      t(lang, 'indicators.col.denominator'),
      t(lang, 'indicators.col.value'),
      t(lang, 'indicators.col.points'),
      t(lang, 'indicators.col.max'),
    ],
    indexRows: idx.groups.flatMap((g) => [
      [GROUP_NUMBER[g.key] ?? g.key, groupName(lang, g.key), null, null, null, g.points, g.maxPoints],
      ...g.indicators.map((i) => [
        i.code,
        indicatorName(lang, i.key),
        i.numerator,
        i.denominator,
        i.value == null ? t(lang, 'indicators.noData') : Math.round(i.value * 10000) / 100,
        i.points == null ? t(lang, 'indicators.noData') : i.points,
        i.maxPoints,
      ]),
    ]),
    total: `${t(lang, 'indicators.col.total')}: ${idx.total}/100${idx.band ? ` - ${bandName(lang, idx.band)}` : ''}`,
  };
}

export async function quarterlyWorkbook(ctx: Ctx, input: ReportInput): Promise<Buffer> {
  const d = await reportData(ctx, input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hệ thống thông tin giải quyết TTHC';
  wb.created = ctx.clock.now();
  const sheet = (name: string, header: string[], rows: (string | number | null)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([d.title]).font = { bold: true, size: 13 };
    ws.addRow([d.unitLine]);
    ws.addRow([d.generated]);
    ws.addRow([]);
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    for (const r of rows) ws.addRow(r).eachCell((c) => (c.alignment = { wrapText: true, vertical: 'top' }));
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  };
  sheet(t(input.lang, 'indicators.report.sheetTargets'), d.targetHeader, d.targetRows, [6, 70, 12, 10, 10, 10, 10, 10, 16]);
  const ws = sheet(t(input.lang, 'indicators.report.sheetIndex'), d.indexHeader, d.indexRows, [8, 70, 12, 12, 10, 10, 10]);
  ws.addRow([]);
  ws.addRow([d.total]).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function quarterlyPdf(ctx: Ctx, input: ReportInput): Promise<Buffer> {
  return renderReportPdf(await reportData(ctx, input));
}
