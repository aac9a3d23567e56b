/**
 * PDF documents (slips, receipts, results) over pdfkit, with the DejaVu Sans fonts embedded so
 * every Vietnamese letter prints and can be copied back out exactly. Plain helpers for the
 * usual parts of an administrative document: national motto header, title, label-value lines,
 * a table, signature blocks. Strings come from the caller (the module's messages or data).
 */
import PDFDocument from 'pdfkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type PdfDoc = PDFKit.PDFDocument;

export const FONTS = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', italic: 'DejaVuSans-Oblique', boldItalic: 'DejaVuSans-BoldOblique' } as const;

let fontData: Record<string, Buffer> | null = null;
function fonts(): Record<string, Buffer> {
  if (!fontData) {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontData = {};
    for (const name of Object.values(FONTS)) fontData[name] = readFileSync(join(dir, `${name}.ttf`));
  }
  return fontData;
}

export interface PdfOptions {
  size?: 'A4' | 'A5';
  landscape?: boolean;
  /** Margins in points (default: 2 cm top/bottom, 3 cm left, 2 cm right, as for administrative documents; A5 smaller). */
  margins?: { top: number; bottom: number; left: number; right: number };
  info?: { Title?: string; Author?: string; Subject?: string; Keywords?: string };
  /** Fixed creation date (reproducible output). */
  createdAt?: Date;
}

const CM = 72 / 2.54;

/** Builds a document and returns its bytes. The builder may be async (e.g. to draw a QR code). */
export function renderPdf(build: (doc: PdfDoc) => void | Promise<void>, opts: PdfOptions = {}): Promise<Buffer> {
  const size = opts.size ?? 'A4';
  const margins =
    opts.margins ??
    (size === 'A4' ? { top: 2 * CM, bottom: 2 * CM, left: 3 * CM, right: 2 * CM } : { top: 1.5 * CM, bottom: 1.5 * CM, left: 1.5 * CM, right: 1.5 * CM });
  const doc = new PDFDocument({
    size,
    layout: opts.landscape ? 'landscape' : 'portrait',
    margins,
    bufferPages: false,
    info: { Producer: 'dichvucong', Creator: 'dichvucong', ...(opts.info ?? {}), ...(opts.createdAt ? { CreationDate: opts.createdAt } : {}) },
    lang: 'vi-VN',
  } as PDFKit.PDFDocumentOptions);
  for (const [name, data] of Object.entries(fonts())) doc.registerFont(name, data);
  doc.font(FONTS.regular).fontSize(size === 'A4' ? 12 : 10);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    Promise.resolve()
      .then(() => build(doc))
      .then(() => doc.end())
      .catch((err) => {
        reject(err);
        try {
          doc.end();
        } catch {
          /* already broken */
        }
      });
  });
}

const contentWidth = (doc: PdfDoc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const left = (doc: PdfDoc) => doc.page.margins.left;

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface HeaderOptions {
  /** Left column, e.g. ["UBND TỈNH HẬU GIANG", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"]; the last line is bold. */
  agency?: string[];
  /** Under the agency, e.g. "Số: 000.00.00.H30-260310-0001". */
  number?: string;
  /** Under the motto, italic, e.g. "Hậu Giang, ngày 10 tháng 3 năm 2026". */
  placeDate?: string;
}

/** The national name and motto (Decree 30/2020 layout): agency on the left when given, motto on the right. */
export function nationalHeader(doc: PdfDoc, opts: HeaderOptions = {}): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const y0 = doc.y;
  const size = doc.page.width < 500 ? 9 : 11;
  const hasLeft = !!opts.agency?.length || !!opts.number;
  const leftW = hasLeft ? w * 0.42 : 0;
  const rightX = x0 + leftW;
  const rightW = w - leftW;
  let leftBottom = y0;
  if (hasLeft) {
    doc.y = y0;
    (opts.agency ?? []).forEach((line, i, all) => {
      doc
        .font(i === all.length - 1 ? FONTS.bold : FONTS.regular)
        .fontSize(size)
        .text(line, x0, doc.y, { width: leftW, align: 'center' });
    });
    if (opts.agency?.length) rule(doc, x0 + leftW / 2, doc.y + 2, leftW / 3);
    if (opts.number) {
      doc.moveDown(0.4);
      doc.font(FONTS.regular).fontSize(size).text(opts.number, x0, doc.y, { width: leftW, align: 'center' });
    }
    leftBottom = doc.y;
  }
  doc.font(FONTS.bold).fontSize(size).text(NATIONAL_NAME, rightX, y0, { width: rightW, align: 'center' });
  doc
    .font(FONTS.bold)
    .fontSize(size + 1)
    .text(NATIONAL_MOTTO, rightX, doc.y, { width: rightW, align: 'center' });
  const mottoW = doc.widthOfString(NATIONAL_MOTTO);
  rule(doc, rightX + rightW / 2, doc.y + 2, mottoW);
  if (opts.placeDate) {
    doc.moveDown(0.6);
    doc.font(FONTS.italic).fontSize(size).text(opts.placeDate, rightX, doc.y, { width: rightW, align: 'center' });
  }
  doc.font(FONTS.regular).fontSize(12);
  doc.x = x0;
  doc.y = Math.max(doc.y, leftBottom) + 18;
}

function rule(doc: PdfDoc, centreX: number, y: number, width: number) {
  doc
    .save()
    .lineWidth(0.6)
    .moveTo(centreX - width / 2, y)
    .lineTo(centreX + width / 2, y)
    .stroke()
    .restore();
}

/** A centred bold title with an optional second line. */
export function title(doc: PdfDoc, text: string, subtitle?: string): void {
  const big = doc.page.width < 500 ? 12 : 14;
  doc
    .font(FONTS.bold)
    .fontSize(big)
    .text(text, left(doc), doc.y, { width: contentWidth(doc), align: 'center' });
  if (subtitle)
    doc
      .font(FONTS.italic)
      .fontSize(big - 2)
      .text(subtitle, left(doc), doc.y, { width: contentWidth(doc), align: 'center' });
  doc.font(FONTS.regular).fontSize(big - 2);
  doc.moveDown(0.8);
}

/** A paragraph of body text. */
export function paragraph(doc: PdfDoc, text: string, opts: { bold?: boolean; italic?: boolean; align?: 'left' | 'center' | 'right' | 'justify' } = {}): void {
  doc
    .font(opts.bold ? FONTS.bold : opts.italic ? FONTS.italic : FONTS.regular)
    .text(text, left(doc), doc.y, { width: contentWidth(doc), align: opts.align ?? 'justify' });
  doc.font(FONTS.regular);
  doc.moveDown(0.3);
}

/** "Label: value" lines, labels in a column; long values wrap. */
export function keyValues(doc: PdfDoc, rows: Array<[string, string]>, opts: { labelWidth?: number } = {}): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const labelW = opts.labelWidth ?? Math.round(w * 0.36);
  for (const [label, value] of rows) {
    const hLabel = doc.font(FONTS.regular).heightOfString(`${label}:`, { width: labelW - 6 });
    const hValue = doc.font(FONTS.bold).heightOfString(value || ' ', { width: w - labelW });
    if (doc.y + Math.max(hLabel, hValue) > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    doc.font(FONTS.regular).text(`${label}:`, x0, y, { width: labelW - 6 });
    doc.font(FONTS.bold).text(value || ' ', x0 + labelW, y, { width: w - labelW });
    doc.y = y + Math.max(hLabel, hValue) + 3;
  }
  doc.font(FONTS.regular);
  doc.x = x0;
  doc.moveDown(0.4);
}

export interface TableColumn {
  header: string;
  /** Share of the width (all columns' shares are normalised). */
  width?: number;
  align?: 'left' | 'center' | 'right';
}

/** A bordered table; the header row repeats on each new page. */
export function table(doc: PdfDoc, columns: TableColumn[], rows: string[][], opts: { fontSize?: number; padding?: number } = {}): void {
  const x0 = left(doc);
  const w = contentWidth(doc);
  const total = columns.reduce((s, c) => s + (c.width ?? 1), 0);
  const widths = columns.map((c) => ((c.width ?? 1) / total) * w);
  const pad = opts.padding ?? 4;
  const fs = opts.fontSize ?? (doc.page.width < 500 ? 8 : 10);
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  const rowHeight = (cells: string[], font: string) =>
    Math.max(
      ...cells.map((c, i) =>
        doc
          .font(font)
          .fontSize(fs)
          .heightOfString(c || ' ', { width: widths[i]! - 2 * pad }),
      ),
    ) +
    2 * pad;
  const drawRow = (cells: string[], font: string, y: number, h: number) => {
    let x = x0;
    cells.forEach((c, i) => {
      doc.save().lineWidth(0.5).rect(x, y, widths[i]!, h).stroke().restore();
      doc
        .font(font)
        .fontSize(fs)
        .text(c || '', x + pad, y + pad, { width: widths[i]! - 2 * pad, align: columns[i]?.align ?? 'left' });
      x += widths[i]!;
    });
  };
  const headers = columns.map((c) => c.header);
  const headerH = rowHeight(headers, FONTS.bold);
  if (doc.y + headerH * 2 > bottom()) doc.addPage();
  const top = doc.y;
  drawRow(headers, FONTS.bold, top, headerH);
  let cursor = top + headerH;
  for (const r of rows) {
    const cells = columns.map((_, i) => r[i] ?? '');
    const h = rowHeight(cells, FONTS.regular);
    if (cursor + h > bottom()) {
      doc.addPage();
      cursor = doc.page.margins.top;
      drawRow(headers, FONTS.bold, cursor, headerH);
      cursor += headerH;
    }
    drawRow(cells, FONTS.regular, cursor, h);
    cursor += h;
  }
  doc.font(FONTS.regular).fontSize(12);
  doc.x = x0;
  doc.y = cursor + 8;
}

export interface SignatureBlock {
  /** e.g. "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN". */
  title: string;
  /** e.g. "(Ký và ghi rõ họ tên)". */
  note?: string;
  /** The printed name under the space for the signature. */
  name?: string;
}

/** Signature blocks side by side, each with space to sign. */
export function signatureBlocks(doc: PdfDoc, blocks: SignatureBlock[], opts: { space?: number } = {}): void {
  const x0 = left(doc);
  const w = contentWidth(doc) / Math.max(1, blocks.length);
  const space = opts.space ?? 60;
  const needed = 14 * 3 + space;
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const y0 = doc.y;
  let bottom = y0;
  blocks.forEach((b, i) => {
    const x = x0 + i * w;
    doc.font(FONTS.bold).fontSize(11).text(b.title, x, y0, { width: w, align: 'center' });
    if (b.note) doc.font(FONTS.italic).fontSize(10).text(b.note, x, doc.y, { width: w, align: 'center' });
    if (b.name)
      doc
        .font(FONTS.bold)
        .fontSize(11)
        .text(b.name, x, doc.y + space, { width: w, align: 'center' });
    else doc.y += space;
    bottom = Math.max(bottom, doc.y);
  });
  doc.font(FONTS.regular).fontSize(12);
  doc.x = x0;
  doc.y = bottom + 12;
}
