import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from './redact';

describe('redact', () => {
  it('removes phones, e-mails, id numbers, dossier codes, names and addresses', () => {
    const out = redact(
      'Tôi là Nguyễn Văn An (nguyen van an), SĐT 0912 345 678, email an@example.vn, CCCD 093090001234, ở Số 12 đường Trần Hưng Đạo, hồ sơ 000.00.00.H28-250310-0001.',
      { names: ['Nguyễn Văn An'], addresses: ['Số 12 đường Trần Hưng Đạo'] },
    );
    for (const s of ['Nguyễn Văn An', 'nguyen van an', '0912', 'an@example.vn', '093090001234', 'Trần Hưng Đạo', 'H28-250310']) expect(out).not.toContain(s);
    expect(out).toContain(REDACTED);
  });
  it('keeps dates, procedure codes and amounts', () => {
    const text = 'Ngày 15/3/2025, thủ tục 1.001193, lệ phí 8.000 đồng.';
    expect(redact(text)).toBe(text);
  });
  it('does not redact ordinary words that look like a part of the name', () => {
    expect(redact('văn an toàn', { names: ['Nguyễn Văn An'] })).toBe('văn an toàn');
  });
});
