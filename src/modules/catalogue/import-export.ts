/** Import and export of the catalogue as national-database JSON or an Excel workbook. */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { t, type Lang, type MessageKey } from '../../platform/i18n';
import { fromNational, nationalPath, toNational, type NationalRecord } from './codec-national';
import { columnOf, rowsOfWorkbook, workbookOf } from './excel';
import { checkRecords } from './import-check';
import { exportRecords, importRecords, type ImportOutcome } from './service';

export async function exportNationalJson(ctx: Ctx, opts: { drafts?: boolean } = {}) {
  const records = await exportRecords(ctx, opts);
  return { NgayXuat: ctx.clock.now().toISOString(), SoLuong: records.length, DanhSachTTHC: records.map(toNational) };
}

export async function exportExcel(ctx: Ctx, opts: { drafts?: boolean } = {}): Promise<Buffer> {
  return workbookOf(await exportRecords(ctx, opts));
}

function fileError(lang: Lang, key: MessageKey, params?: Record<string, unknown>): ImportOutcome {
  return { ok: false, errors: [{ row: 0, field: '(file)', message: t(lang, key, params) }] };
}

/** National-shaped JSON: a list of records or { DanhSachTTHC: [...] }. Errors name the national keys. */
export async function importNationalJson(ctx: Ctx, actor: Actor | null, input: unknown, lang: Lang): Promise<ImportOutcome> {
  const list = Array.isArray(input)
    ? input
    : input && typeof input === 'object' && Array.isArray((input as any).DanhSachTTHC)
      ? (input as any).DanhSachTTHC
      : null;
  if (!list) return fileError(lang, 'catalogue.import.bad_json');
  const rows = (list as unknown[]).map((n) => (n && typeof n === 'object' ? fromNational(n as NationalRecord) : n));
  const out = await importRecords(ctx, actor, rows, lang);
  if (out.ok) return out;
  return { ok: false, errors: out.errors.map((e) => ({ ...e, field: e.field.startsWith('(') ? e.field : nationalPath(e.field) })) };
}

export async function importExcel(ctx: Ctx, actor: Actor | null, buf: Buffer, lang: Lang): Promise<ImportOutcome> {
  const sheet = await rowsOfWorkbook(buf, lang);
  if (sheet.errors.some((e) => e.row === 0)) return { ok: false, errors: sheet.errors };
  // Cells that could not be read: report them with every other row's errors, import nothing.
  const out = sheet.errors.length > 0 ? checkOnly(sheet.rows, lang, sheet.rowNumbers) : await importRecords(ctx, actor, sheet.rows, lang, sheet.rowNumbers);
  if (out.ok) return out;
  const recordErrors = out.errors.map((e) => ({ ...e, field: e.field.startsWith('(') ? e.field : columnOf(e.field) }));
  return { ok: false, errors: [...sheet.errors, ...recordErrors].sort((a, b) => a.row - b.row) };
}

function checkOnly(rows: unknown[], lang: Lang, rowNumbers: number[]): ImportOutcome {
  if (rows.length === 0) return { ok: false, errors: [] };
  const r = checkRecords(rows, lang, rowNumbers);
  return r.ok ? { ok: false, errors: [] } : { ok: false, errors: r.errors };
}

/** Detects the file type (xlsx is a zip) and imports it. */
export async function importFile(ctx: Ctx, actor: Actor | null, buf: Buffer, lang: Lang): Promise<ImportOutcome> {
  if (buf.length === 0) return fileError(lang, 'catalogue.import.no_file');
  if (buf[0] === 0x50 && buf[1] === 0x4b) return importExcel(ctx, actor, buf, lang);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return fileError(lang, 'catalogue.import.bad_file', { problem: (e as Error).message });
  }
  return importNationalJson(ctx, actor, parsed, lang);
}
