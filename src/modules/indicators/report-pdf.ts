/** The quarterly report as a PDF (A4 landscape, DejaVu Sans so every Vietnamese letter prints). */
import { nationalHeader, paragraph, renderPdf, table, title } from '../../platform/pdf';
import type { ReportData } from './export';

const cell = (x: string | number | null) => (x == null ? '' : String(x));

export function renderReportPdf(d: ReportData): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      nationalHeader(doc, { agency: [d.committee, d.unitLine.replace(/^[^:]*:\s*/, '').toUpperCase()] });
      title(doc, d.title, d.unitLine);
      paragraph(doc, d.generated, { italic: true });
      table(
        doc,
        d.targetHeader.map((h, i) => ({ header: h, width: i === 1 ? 8 : i === 0 ? 0.8 : 1.3, align: i === 1 ? 'left' : 'center' })),
        d.targetRows.map((r) => r.map(cell)),
        { fontSize: 8 },
      );
      doc.moveDown();
      table(
        doc,
        d.indexHeader.map((h, i) => ({ header: h, width: i === 1 ? 8 : 1.2, align: i === 1 ? 'left' : 'center' })),
        d.indexRows.map((r) => r.map(cell)),
        { fontSize: 8 },
      );
      doc.moveDown();
      paragraph(doc, d.total, { bold: true });
    },
    { size: 'A4', landscape: true, info: { Title: d.title } },
  );
}
