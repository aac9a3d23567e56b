/**
 * A procedure's application form (mẫu đơn, tờ khai) as a printable PDF, generated from its
 * e-form definition: national header, the form's name and code, "Kính gửi: <receiving agency>",
 * every field as a labelled dotted line (in the UI schema's order, groups as headings), choices
 * as ☐ boxes (U+2610, present in DejaVu Sans), then the place/date line and the applicant's
 * signature block. Vietnamese only: it is the official paper form. Pure apart from pdfkit.
 */
import { FONTS, nationalHeader, renderPdf, signatureBlocks, title, type PdfDoc } from '../../platform/pdf';
import { t } from '../../platform/i18n';
import { enumOptions, isChoice, isRequired, labelOf, leafPaths, schemaAt, scopePath, type JsonSchema, type UiElement } from './eform-schema';
import type { EFormDefinition } from './snapshot';

export const BALLOT_BOX = '\u2610';

export interface FormPdfInput {
  /** The form's name, printed as the title (upper case). */
  name: string;
  /** Its code, e.g. "Mẫu ban hành kèm Thông tư 04/2024/TT-BTP". */
  code?: string;
  /** The procedure's name (under the title when the form has no code). */
  procedureName: string;
  receivingAgency: string;
  eForm: EFormDefinition;
  /** Fixed creation date (reproducible bytes). */
  createdAt?: Date;
}

const DOTS_GAP = 4;

/** "Label: ............" filling the line (and `lines - 1` further dotted lines). */
function dottedLine(doc: PdfDoc, label: string, lines = 1) {
  const x0 = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const lineH = doc.currentLineHeight(true) + 6;
  if (doc.y + lineH * lines > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.font(FONTS.regular).fontSize(12);
  doc.text(`${label}: `, x0, doc.y, { width: w, continued: false });
  // dots after the label's last line, to the right margin
  const lastY = doc.y - doc.currentLineHeight(true);
  const labelW = Math.min(doc.widthOfString(`${label}: `), w);
  const endX = x0 + w;
  const dot = (fromX: number, y: number) => {
    const dotW = doc.widthOfString('.');
    const n = Math.max(0, Math.floor((endX - fromX - DOTS_GAP) / dotW));
    if (n > 0) doc.text('.'.repeat(n), fromX + DOTS_GAP / 2, y, { lineBreak: false });
  };
  const singleLine = doc.heightOfString(`${label}: `, { width: w }) <= doc.currentLineHeight(true) * 1.5;
  if (singleLine) dot(x0 + labelW, lastY);
  else dot(x0, doc.y);
  doc.x = x0;
  doc.y = lastY + lineH + (singleLine ? 0 : lineH);
  for (let i = 1; i < lines; i++) {
    dot(x0 - DOTS_GAP / 2, doc.y);
    doc.x = x0;
    doc.y += lineH;
  }
}

function choiceLine(doc: PdfDoc, label: string, options: string[]) {
  const x0 = doc.page.margins.left;
  const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  doc.font(FONTS.regular).fontSize(12).text(`${label}:`, x0, doc.y, { width: w });
  // options flow left to right; an option never breaks across lines unless it is longer than a line
  const indent = 12;
  const gap = 18;
  const lineH = doc.currentLineHeight(true) + 2;
  let x = x0 + indent;
  let y = doc.y;
  for (const o of options) {
    const text = `${BALLOT_BOX} ${o}`;
    const ow = doc.widthOfString(text);
    if (x > x0 + indent && x + ow > x0 + w) {
      x = x0 + indent;
      y += lineH;
    }
    if (y + lineH > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    if (ow > w - indent) {
      doc.text(text, x, y, { width: w - indent });
      y = doc.y;
      x = x0 + indent;
      continue;
    }
    doc.text(text, x, y, { lineBreak: false });
    x += ow + gap;
  }
  doc.x = x0;
  doc.y = (x > x0 + indent ? y + lineH : y) + 4;
}

function field(doc: PdfDoc, root: JsonSchema, path: string[], el: UiElement | null) {
  const s = schemaAt(root, path);
  if (!s) return;
  const label = labelOf(s, path, 'vi') + (isRequired(root, path) ? '' : ` (${t('vi', 'catalogue.formPdf.ifAny')})`);
  if (s.type === 'boolean') {
    const x0 = doc.page.margins.left;
    doc
      .font(FONTS.regular)
      .fontSize(12)
      .text(`${BALLOT_BOX} ${labelOf(s, path, 'vi')}`, x0, doc.y, { width: doc.page.width - x0 - doc.page.margins.right });
    doc.moveDown(0.4);
    return;
  }
  if (isChoice(s))
    return choiceLine(
      doc,
      label,
      enumOptions(s, 'vi').map((o) => o.label),
    );
  const multi = !!el?.options?.multi || (typeof s.maxLength === 'number' && s.maxLength > 200);
  const hint = s.format === 'date' ? ` (${t('vi', 'catalogue.formPdf.dateHint')})` : '';
  dottedLine(doc, label + hint, multi ? 3 : 1);
}

function walk(doc: PdfDoc, root: JsonSchema, el: UiElement, seen: Set<string>) {
  switch (el.type) {
    case 'Group':
      if (el.label) {
        if (doc.y + 60 > doc.page.height - doc.page.margins.bottom) doc.addPage();
        doc.moveDown(0.3);
        doc.font(FONTS.bold).fontSize(12).text(String(el.label), doc.page.margins.left, doc.y);
        doc.font(FONTS.regular).moveDown(0.2);
      }
      break;
    case 'Label':
      if (el.text) doc.font(FONTS.italic).fontSize(11).text(String(el.text), doc.page.margins.left, doc.y).font(FONTS.regular).fontSize(12).moveDown(0.2);
      return;
    case 'Control': {
      if (typeof el.scope !== 'string') return;
      const path = scopePath(el.scope);
      const s = schemaAt(root, path);
      if (s?.type === 'object' && s.properties) {
        for (const p of leafPaths(s, path)) {
          if (seen.has(p.join('.'))) continue;
          seen.add(p.join('.'));
          field(doc, root, p, null);
        }
      } else if (!seen.has(path.join('.'))) {
        seen.add(path.join('.'));
        field(doc, root, path, el);
      }
      return;
    }
  }
  for (const child of (el.elements ?? []) as UiElement[]) walk(doc, root, child, seen);
}

export function formPdf(input: FormPdfInput): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      nationalHeader(doc);
      title(doc, input.name.toLocaleUpperCase('vi-VN'), input.code || input.procedureName);
      doc
        .font(FONTS.regular)
        .fontSize(12)
        .text(`${t('vi', 'catalogue.formPdf.to')}: ${input.receivingAgency}`, doc.page.margins.left, doc.y, {
          align: 'center',
          width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        });
      doc.moveDown(0.8);
      const root = input.eForm.schema as JsonSchema;
      const seen = new Set<string>();
      walk(doc, root, input.eForm.uiSchema as UiElement, seen);
      // fields the UI schema does not place still belong on paper
      for (const p of leafPaths(root)) {
        if (seen.has(p.join('.'))) continue;
        seen.add(p.join('.'));
        field(doc, root, p, null);
      }
      doc.moveDown(0.6);
      doc.font(FONTS.regular).fontSize(12).text(t('vi', 'catalogue.formPdf.pledge'), doc.page.margins.left, doc.y, { align: 'justify' });
      doc.moveDown(0.8);
      const half = (doc.page.width - doc.page.margins.left - doc.page.margins.right) / 2;
      if (doc.y + 120 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      doc
        .font(FONTS.italic)
        .fontSize(11)
        .text(t('vi', 'catalogue.formPdf.placeDate'), doc.page.margins.left + half, doc.y, { width: half, align: 'center' });
      signatureBlocks(doc, [{ title: ' ' }, { title: t('vi', 'catalogue.formPdf.signer'), note: t('vi', 'catalogue.formPdf.signNote') }], { space: 70 });
    },
    { info: { Title: input.name, Subject: input.procedureName }, createdAt: input.createdAt },
  );
}
