/**
 * The CSV of result statuses that units working on paper upload (issue 17 item 5): pure
 * parsing and row checks. One row = one dossier: its code, the outcome on paper (result
 * ready / returned), the paper date and a note. UTF-8 (a BOM is dropped), separated by commas,
 * semicolons (Excel with Vietnamese regional settings) or tabs, fields quoted as RFC 4180 says.
 * Errors are message keys; the service translates them (docs/decisions-dossiers.md "Bulk work").
 */
import { fold } from '../../../platform/text';
import type { MessageKey } from '../../../platform/i18n/keys';

/** The most dossiers one bulk request or one CSV file may carry. */
export const BULK_MAX = 200;
/** The largest CSV file accepted (200 rows of code, outcome, date and a note fit many times over). */
export const RESULTS_CSV_MAX_BYTES = 512 * 1024;

export const CSV_OUTCOMES = ['result_ready', 'returned'] as const;
export type CsvOutcome = (typeof CSV_OUTCOMES)[number];

/** The columns, in the template's order, with the header names accepted for each (compared without diacritics or case). */
export const CSV_COLUMNS = {
  code: ['ma ho so', 'ma_ho_so', 'code', 'dossier code'],
  outcome: ['ket qua', 'ket_qua', 'outcome'],
  date: ['ngay', 'date'],
  note: ['ghi chu', 'ghi_chu', 'note'],
} as const;
export type CsvColumn = keyof typeof CSV_COLUMNS;
/** The template's header names (as messages name the missing columns). */
export const CSV_HEADERS: Record<CsvColumn, string> = { code: 'Mã hồ sơ', outcome: 'Kết quả', date: 'Ngày', note: 'Ghi chú' };

/** The words accepted in the outcome column (folded), for each outcome. */
const OUTCOME_WORDS: Record<CsvOutcome, string[]> = {
  result_ready: ['co ket qua', 'da co ket qua', 'co_ket_qua', 'result ready', 'result_ready'],
  returned: ['da tra', 'da tra ket qua', 'da_tra', 'returned'],
};

export interface CsvRow {
  /** Line number in the file (the header is line 1). */
  line: number;
  code: string;
  outcome: CsvOutcome | null;
  /** The paper date as YYYY-MM-DD, or null when it could not be read. */
  date: string | null;
  note: string;
  /** Message keys of what is wrong with the row itself (format), with their parameters. */
  errors: { key: MessageKey; params?: Record<string, unknown> }[];
}

export type CsvParse = { ok: true; rows: CsvRow[] } | { ok: false; key: MessageKey; params?: Record<string, unknown> };

const norm = (s: string) => fold(s).toLowerCase().replace(/\s+/g, ' ').trim();

/** Splits CSV text into records (RFC 4180 quotes; CRLF, LF or CR line ends). */
export function splitCsv(text: string, sep: string): string[][] {
  const out: string[][] = [];
  let rec: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      rec.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rec.push(field);
      out.push(rec);
      rec = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || rec.length > 0) {
    rec.push(field);
    out.push(rec);
  }
  return out;
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes (comma when none). */
export function detectSeparator(headerLine: string): string {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const counts = [';', ',', '\t'].map((s) => [s, unquoted.split(s).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** A civil date from dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy or yyyy-mm-dd; null when it is not a real date. */
export function parseCivilDate(s: string): string | null {
  const v = s.trim();
  let y: number, m: number, d: number;
  let r = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (r) [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v))) [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  else return null;
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const dt = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(dt.getTime()) || dt.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function parseOutcome(s: string): CsvOutcome | null {
  const v = norm(s);
  for (const o of CSV_OUTCOMES) if (OUTCOME_WORDS[o].includes(v)) return o;
  return null;
}

/** Decodes the file as UTF-8 (strict), dropping a BOM; null when it is not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

/** Reads the file: the header names the columns (any order); every further non-blank line is a row. */
export function parseResultsCsv(bytes: Uint8Array): CsvParse {
  if (bytes.length === 0) return { ok: false, key: 'bulk.csv.empty' };
  if (bytes.length > RESULTS_CSV_MAX_BYTES) return { ok: false, key: 'bulk.csv.too_large', params: { kb: RESULTS_CSV_MAX_BYTES / 1024 } };
  const text = decodeUtf8(bytes);
  if (text == null) return { ok: false, key: 'bulk.csv.not_utf8' };
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const records = splitCsv(text, detectSeparator(firstLine));
  const header = records[0];
  if (!header) return { ok: false, key: 'bulk.csv.empty' };
  const index: Partial<Record<CsvColumn, number>> = {};
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [col, names] of Object.entries(CSV_COLUMNS) as [CsvColumn, readonly string[]][]) if (names.includes(n) && index[col] == null) index[col] = i;
  });
  const missing = (['code', 'outcome', 'date'] as const).filter((c) => index[c] == null);
  if (missing.length) return { ok: false, key: 'bulk.csv.columns_missing', params: { columns: missing.map((c) => CSV_HEADERS[c]).join(', ') } };
  const rows: CsvRow[] = [];
  records.slice(1).forEach((rec, i) => {
    if (rec.every((f) => f.trim() === '')) return;
    const cell = (c: CsvColumn) => (index[c] == null ? '' : (rec[index[c]!] ?? '').trim());
    const row: CsvRow = {
      line: i + 2,
      code: cell('code'),
      outcome: parseOutcome(cell('outcome')),
      date: parseCivilDate(cell('date')),
      note: cell('note'),
      errors: [],
    };
    if (!row.code) row.errors.push({ key: 'bulk.csv.code_required' });
    if (!row.outcome) row.errors.push({ key: 'bulk.csv.outcome_invalid', params: { value: cell('outcome') } });
    if (!row.date) row.errors.push({ key: 'bulk.csv.date_invalid', params: { value: cell('date') } });
    if (row.note.length > 1000) row.errors.push({ key: 'bulk.csv.note_too_long' });
    rows.push(row);
  });
  if (rows.length === 0) return { ok: false, key: 'bulk.csv.no_rows' };
  if (rows.length > BULK_MAX) return { ok: false, key: 'bulk.too_many', params: { max: BULK_MAX } };
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r.code) continue;
    const first = seen.get(r.code.toUpperCase());
    if (first != null) r.errors.push({ key: 'bulk.csv.duplicate', params: { line: first } });
    else seen.set(r.code.toUpperCase(), r.line);
  }
  return { ok: true, rows };
}

/** The template: header and two example rows, UTF-8 with a BOM (so Excel reads the diacritics), comma-separated, CRLF. */
export function resultsCsvTemplate(): string {
  return (
    '\uFEFF' +
    [
      Object.values(CSV_HEADERS).join(','),
      '000.00.01.H93-260309-0001,Có kết quả,09/03/2026,Kết quả giấy đã ký',
      '000.00.01.H93-260309-0002,Đã trả,10/03/2026,Trả tại Bộ phận Một cửa',
    ].join('\r\n') +
    '\r\n'
  );
}
