/** The bytes the generator attaches: a one-page PDF (scans and results alike; the blob store keeps one copy). */
export const DEMO_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 420 595]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

export function demoFileName(kind: 'component' | 'supplement' | 'result', componentKey: string | null): string {
  return kind === 'result' ? 'ket-qua.pdf' : `${componentKey ?? 'giay-to'}.pdf`;
}
