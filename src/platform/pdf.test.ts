import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyValues, nationalHeader, paragraph, renderPdf, signatureBlocks, table, title, NATIONAL_MOTTO, NATIONAL_NAME } from './pdf';

function pdfText(pdf: Buffer, args: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-'));
  try {
    const file = join(dir, 'a.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const lines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);

const VIETNAMESE = [
  'Ủy ban nhân dân tỉnh Hậu Giang',
  'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  'Họ và tên: Nguyễn Thị Ánh Tuyết',
  'Đường Trần Hưng Đạo, phường Vị Thanh',
  'ắằẳẵặ ấầẩẫậ ếềểễệ ốồổỗộ ớờởỡợ ứừửữự ỳỷỹỵ đĐ ƯƠ',
];

describe('renderPdf', () => {
  it('prints Vietnamese with every diacritic, extracted back exactly (A4)', async () => {
    const pdf = await renderPdf(
      (doc) => {
        nationalHeader(doc, {
          agency: ['UBND TỈNH HẬU GIANG', 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG'],
          number: 'Số: 000.00.00.H30-260310-0001',
          placeDate: 'Hậu Giang, ngày 10 tháng 3 năm 2026',
        });
        title(doc, 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', 'Mã hồ sơ: 000.00.00.H30-260310-0001');
        for (const v of VIETNAMESE) paragraph(doc, v, { align: 'left' });
        keyValues(doc, [
          ['Người nộp', 'Lê Văn Bình'],
          ['Thủ tục', 'Đăng ký khai sinh'],
        ]);
        table(
          doc,
          [
            { header: 'STT', width: 0.5, align: 'center' },
            { header: 'Tên giấy tờ', width: 4 },
            { header: 'Số lượng', width: 1 },
          ],
          [
            ['1', 'Tờ khai đăng ký khai sinh', '01 bản chính'],
            ['2', 'Giấy chứng sinh', '01 bản chính'],
          ],
        );
        signatureBlocks(doc, [
          { title: 'NGƯỜI NỘP HỒ SƠ', note: '(Ký và ghi rõ họ tên)', name: 'Lê Văn Bình' },
          { title: 'NGƯỜI TIẾP NHẬN', note: '(Ký và ghi rõ họ tên)', name: 'Phạm Thị Hường' },
        ]);
      },
      { info: { Title: 'Giấy tiếp nhận hồ sơ' } },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = lines(pdfText(pdf, ['-raw']));
    for (const v of VIETNAMESE) expect(raw).toContain(v);
    const text = pdfText(pdf);
    for (const s of [
      NATIONAL_NAME,
      NATIONAL_MOTTO,
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Hậu Giang, ngày 10 tháng 3 năm 2026',
      'Tờ khai đăng ký khai sinh',
      'NGƯỜI TIẾP NHẬN',
      'Phạm Thị Hường',
      'Đăng ký khai sinh',
      'UBND TỈNH HẬU GIANG',
    ]) {
      expect(text).toContain(s);
    }
    expect(text.normalize('NFC')).toBe(text); // nothing decomposed
    const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    expect(info).toContain('Giấy tiếp nhận hồ sơ');
  });

  it('A5, and a long table breaks across pages with its header repeated', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), `Giấy tờ thứ ${i + 1} – bản sao chứng thực`]);
    const pdf = await renderPdf(
      (doc) =>
        table(
          doc,
          [
            { header: 'STT', width: 1 },
            { header: 'Thành phần hồ sơ', width: 5 },
          ],
          rows,
        ),
      { size: 'A5' },
    );
    const info = execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+419\.5\d* x 595\.2\d* pts/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text.split('Thành phần hồ sơ').length - 1).toBe(pages);
    expect(text).toContain('Giấy tờ thứ 80 – bản sao chứng thực');
  });

  it('rejects when the builder throws', async () => {
    await expect(
      renderPdf(() => {
        throw new Error('broken builder');
      }),
    ).rejects.toThrow('broken builder');
  });
});
