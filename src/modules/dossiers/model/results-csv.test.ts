import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BULK_MAX, detectSeparator, parseCivilDate, parseOutcome, parseResultsCsv, resultsCsvTemplate, splitCsv } from './results-csv';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('result-status CSV', () => {
  it('splits quoted fields with separators, doubled quotes and line breaks, whatever the line ends', () => {
    expect(splitCsv('a;"b;c";"say ""hi"""\r\n"x\ny";z\n', ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['x\ny', 'z'],
    ]);
    expect(splitCsv('a,b\rc,d', ',')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('round-trips any fields written as RFC 4180 quotes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(',', ';', '\t'),
        (recs, sep) => {
          const text = recs.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(sep)).join('\r\n') + '\r\n';
          expect(splitCsv(text, sep)).toEqual(recs);
        },
      ),
    );
  });

  it('takes the separator from the header line', () => {
    expect(detectSeparator('Mã hồ sơ;Kết quả;Ngày;Ghi chú')).toBe(';');
    expect(detectSeparator('"Mã, hồ sơ";Kết quả;Ngày')).toBe(';');
    expect(detectSeparator('Mã hồ sơ,Kết quả,Ngày')).toBe(',');
    expect(detectSeparator('Mã hồ sơ\tKết quả\tNgày')).toBe('\t');
  });

  it('reads civil dates as people write them and refuses impossible ones', () => {
    expect(parseCivilDate('09/03/2026')).toBe('2026-03-09');
    expect(parseCivilDate('9/3/2026')).toBe('2026-03-09');
    expect(parseCivilDate('09-03-2026')).toBe('2026-03-09');
    expect(parseCivilDate('2026-03-09')).toBe('2026-03-09');
    expect(parseCivilDate('29/02/2028')).toBe('2028-02-29');
    for (const bad of ['31/02/2026', '29/02/2026', '2026/03/09', '09/13/2026', '', 'hôm nay']) expect(parseCivilDate(bad), bad).toBeNull();
  });

  it('reads the outcome with or without diacritics, in either case, and in English', () => {
    for (const s of ['Có kết quả', 'có kết quả', 'CO KET QUA', 'Đã có kết quả', 'result ready']) expect(parseOutcome(s), s).toBe('result_ready');
    for (const s of ['Đã trả', 'đã trả kết quả', 'DA TRA', 'returned']) expect(parseOutcome(s), s).toBe('returned');
    for (const s of ['', 'xong', 'Từ chối']) expect(parseOutcome(s), s).toBeNull();
  });

  it('parses its own template (BOM, diacritics) without errors', () => {
    const r = parseResultsCsv(bytes(resultsCsvTemplate()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => [x.line, x.outcome, x.date, x.errors.length])).toEqual([
      [2, 'result_ready', '2026-03-09', 0],
      [3, 'returned', '2026-03-10', 0],
    ]);
    expect(r.rows[0]!.note).toBe('Kết quả giấy đã ký');
  });

  it('reports each row problem and duplicates, and refuses a file that is not UTF-8, lacks columns or is too long', () => {
    const r = parseResultsCsv(bytes('Ghi chú;Ngày;Kết quả;Mã hồ sơ\n;31/02/2026;xong;\nx;09/03/2026;Đã trả;A-1\ny;09/03/2026;Đã trả;a-1\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rows.map((x) => x.errors.map((e) => e.key))).toEqual([
      ['bulk.csv.code_required', 'bulk.csv.outcome_invalid', 'bulk.csv.date_invalid'],
      [],
      ['bulk.csv.duplicate'],
    ]);
    expect(parseResultsCsv(Uint8Array.from([0x4d, 0xe3, 0x2c, 0x0a]))).toEqual({ ok: false, key: 'bulk.csv.not_utf8' });
    expect(parseResultsCsv(bytes('Mã hồ sơ,Ghi chú\nA,b\n'))).toEqual({ ok: false, key: 'bulk.csv.columns_missing', params: { columns: 'Kết quả, Ngày' } });
    expect(parseResultsCsv(bytes(''))).toEqual({ ok: false, key: 'bulk.csv.empty' });
    expect(parseResultsCsv(bytes('Mã hồ sơ,Kết quả,Ngày\n\n,,\n'))).toEqual({ ok: false, key: 'bulk.csv.no_rows' });
    const long = ['Mã hồ sơ,Kết quả,Ngày', ...Array.from({ length: BULK_MAX + 1 }, (_, i) => `C-${i},Đã trả,09/03/2026`)].join('\n');
    expect(parseResultsCsv(bytes(long))).toEqual({ ok: false, key: 'bulk.too_many', params: { max: BULK_MAX } });
  });
});
