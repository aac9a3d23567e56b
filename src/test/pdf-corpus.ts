/**
 * Real-world PDFs for tests, made by the real producers (LibreOffice, Ghostscript, qpdf,
 * img2pdf, pdfkit), not by hand: what citizens and officers actually upload. Each producer is a
 * Debian package installed (and checked) by `.ci/run`; a missing one fails the test that needs it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paragraph, renderPdf, title } from '../platform/pdf';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** The Debian package of each tool the tests run (the install line of .ci/run). */
const PACKAGE: Record<string, string> = {
  libreoffice: 'libreoffice-writer-nogui',
  gs: 'ghostscript',
  img2pdf: 'img2pdf',
  qpdf: 'qpdf',
  pdfsig: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  openssl: 'openssl',
  certutil: 'libnss3-tools',
};

/** A missing tool is a failure, never a silent pass: the test cannot check what it claims without it. */
export function requireTool(name: string): void {
  if (!hasTool(name)) throw new Error(`${name} is required: apt-get install ${PACKAGE[name] ?? name} (.ci/run installs it)`);
}

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: 'pipe', timeout: 180_000 });

const TEXT = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  '',
  'GIẤY KHAI SINH',
  '',
  'Họ, chữ đệm, tên: Nguyễn Thị Ánh Dương',
  'Ngày, tháng, năm sinh: 02/12/2026',
  'Nơi sinh: Bệnh viện Đa khoa Thành phố Cần Thơ',
].join('\n');

/** Appends an incremental update (a new Info dictionary, an xref section with /Prev) to a classic-xref PDF. */
function incrementalUpdate(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size\s+(\d+)/.exec(text.slice(text.lastIndexOf('trailer')))![1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(text.slice(text.lastIndexOf('trailer')))![1];
  const body = `\n${size} 0 obj\n<< /Title (Ban cap nhat) /Producer (incremental) >>\nendobj\n`;
  const objAt = pdf.length + 1;
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  const tail = `xref\n${size} 1\n${String(objAt).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${size + 1} /Root ${root} /Info ${size} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + tail, 'latin1')]);
}

export interface CorpusFile {
  name: string;
  bytes: Buffer;
}

/** Builds the corpus in `dir`: one file per producer (every producer is required). */
export async function buildPdfCorpus(dir: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const add = (name: string, file: string) => out.push({ name, bytes: readFileSync(join(dir, file)) });
  writeFileSync(join(dir, 'giay-khai-sinh.txt'), TEXT);
  const kit = await renderPdf((doc) => {
    title(doc, 'GIẤY KHAI SINH');
    paragraph(doc, 'Họ, chữ đệm, tên: Nguyễn Thị Ánh Dương');
  });
  writeFileSync(join(dir, 'pdfkit.pdf'), kit);
  out.push({ name: 'pdfkit', bytes: kit });

  for (const tool of ['libreoffice', 'gs', 'img2pdf', 'qpdf']) requireTool(tool);
  run(
    'libreoffice',
    [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'giay-khai-sinh.txt')],
    dir,
  );
  add('libreoffice', 'giay-khai-sinh.pdf');
  const base = 'giay-khai-sinh.pdf';
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', '-o', 'gs.pdf', base], dir);
  add('ghostscript', 'gs.pdf');
  run(
    'gs',
    ['-q', '-dNOPAUSE', '-dBATCH', '-dPDFA=2', '-dPDFACompatibilityPolicy=1', '-sColorConversionStrategy=RGB', '-sDEVICE=pdfwrite', '-o', 'pdfa.pdf', base],
    dir,
  );
  add('pdf/a (ghostscript)', 'pdfa.pdf');
  // 300 pages of text: a large, multi-page file.
  const ps =
    '/Helvetica findfont 14 scalefont setfont 1 1 300 { 72 720 moveto (Trang so ) show 3 string cvs show 72 700 moveto (Ho so dang ky khai sinh - ban sao nhieu trang) show showpage } for';
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=pdfwrite', '-o', 'large.pdf', '-c', ps], dir);
  add('large, 300 pages (ghostscript)', 'large.pdf');
  run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-sDEVICE=jpeggray', '-r100', '-dFirstPage=1', '-dLastPage=1', '-o', 'scan.jpg', base], dir);
  run('img2pdf', ['scan.jpg', '-o', 'scan.pdf'], dir);
  add('scanned image (img2pdf)', 'scan.pdf');
  run('qpdf', ['--object-streams=generate', base, 'objstm.pdf'], dir);
  add('qpdf object streams + xref stream', 'objstm.pdf');
  run('qpdf', ['--qdf', '--object-streams=disable', base, 'classic.pdf'], dir);
  const inc = incrementalUpdate(readFileSync(join(dir, 'classic.pdf')));
  writeFileSync(join(dir, 'incremental.pdf'), inc);
  out.push({ name: 'incremental update', bytes: inc });
  return out;
}

/** An encrypted copy (qpdf AES-256, user password) and two damaged files. */
export function badPdfs(dir: string, good: Buffer): { name: string; bytes: Buffer; key: string }[] {
  const out: { name: string; bytes: Buffer; key: string }[] = [];
  writeFileSync(join(dir, 'good.pdf'), good);
  requireTool('qpdf');
  run('qpdf', ['--encrypt', 'mat-khau', 'chu-so-huu', '256', '--', 'good.pdf', 'encrypted.pdf'], dir);
  out.push({ name: 'encrypted (password to open)', bytes: readFileSync(join(dir, 'encrypted.pdf')), key: 'signing.pdf_encrypted' });
  run('qpdf', ['--encrypt', '', 'chu-so-huu', '256', '--print=none', '--', 'good.pdf', 'owner.pdf'], dir);
  out.push({ name: 'encrypted (owner password only)', bytes: readFileSync(join(dir, 'owner.pdf')), key: 'signing.pdf_encrypted' });
  out.push({ name: 'truncated', bytes: good.subarray(0, Math.floor(good.length / 3)), key: 'signing.pdf_damaged' });
  out.push({ name: 'header then garbage', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x41)]), key: 'signing.pdf_damaged' });
  return out;
}
