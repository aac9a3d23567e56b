/**
 * The catalogue as an Excel workbook: sheet "TTHC", one procedure per row, headers in the
 * national database's vocabulary. List parts are one item per line (codec-lines.ts); the e-form
 * and the internal process are JSON cells. Import errors name the sheet row and the column.
 */
import ExcelJSMod from 'exceljs';
import { t, type Lang } from '../../platform/i18n';
import { componentsFromText, componentsToText, feesFromText, feesToText, formsFromText, formsToText, lines } from './codec-lines';
import type { ImportError } from './import-check';
import type { ProcedureRecord } from './model';

const ExcelJS: typeof ExcelJSMod = (ExcelJSMod as any).default ?? ExcelJSMod;

const LEVEL: Record<string, string> = { province: 'TINH', district: 'HUYEN', commune: 'XA' };
const ONLINE: Record<string, string> = { full: 'TOAN_TRINH', partial: 'MOT_PHAN', none: 'KHONG' };
const CHANNEL: Record<string, string> = { in_person: 'TRUC_TIEP', post: 'BUU_CHINH', online: 'TRUC_TUYEN' };
const UNIT: Record<string, string> = { working_days: 'NGAY_LAM_VIEC', working_hours: 'GIO_LAM_VIEC', days: 'NGAY' };
const APPLICANT: Record<string, string> = { citizen: 'CONG_DAN', organisation: 'TO_CHUC' };
const inv = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [v, k]));
const list = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (b: boolean) => (b ? 'có' : 'không');
const bool = (s: string): unknown =>
  ['có', 'co', 'x', 'true', '1', 'yes'].includes(s.toLowerCase()) ? true : ['không', 'khong', '', 'false', '0', 'no'].includes(s.toLowerCase()) ? false : s;
const num = (s: string): unknown => (s === '' ? undefined : /^\d+([.,]\d+)?$/.test(s) ? Number(s.replace(',', '.')) : s);

class CellError extends Error {}
const json = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new CellError((e as Error).message);
  }
};

/** Column header, record path prefixes it carries, writer. */
const COLUMNS: { header: string; width: number; paths: string[]; get: (r: ProcedureRecord) => string | number }[] = [
  { header: 'MaTTHC', width: 12, paths: ['code'], get: (r) => r.code },
  { header: 'TenTTHC', width: 40, paths: ['name'], get: (r) => r.name },
  { header: 'TenTTHCTiengAnh', width: 30, paths: ['nameEn'], get: (r) => r.nameEn },
  { header: 'MaLinhVuc', width: 10, paths: ['field.code'], get: (r) => r.field.code },
  { header: 'TenLinhVuc', width: 20, paths: ['field.name', 'field'], get: (r) => r.field.name },
  { header: 'TenLinhVucTiengAnh', width: 20, paths: ['field.nameEn'], get: (r) => r.field.nameEn },
  { header: 'CapThucHien', width: 12, paths: ['levels'], get: (r) => r.levels.map((l) => LEVEL[l]).join(', ') },
  { header: 'MucDoDVCTT', width: 12, paths: ['onlineLevel'], get: (r) => ONLINE[r.onlineLevel] },
  { header: 'DichVuCongThietYeu', width: 8, paths: ['essential'], get: (r) => yes(r.essential) },
  { header: 'TrinhTuThucHien', width: 50, paths: ['steps'], get: (r) => r.steps.join('\n') },
  { header: 'CachThucThucHien', width: 20, paths: ['channels'], get: (r) => r.channels.map((c) => CHANNEL[c]).join(', ') },
  { header: 'ThanhPhanHoSo', width: 50, paths: ['components'], get: (r) => componentsToText(r.components) },
  { header: 'ThoiHanGiaiQuyet', width: 8, paths: ['processingTime.value', 'processingTime'], get: (r) => r.processingTime.value },
  { header: 'DonViTinh', width: 14, paths: ['processingTime.unit'], get: (r) => UNIT[r.processingTime.unit] },
  { header: 'MoTaThoiHan', width: 30, paths: ['processingTime.note'], get: (r) => r.processingTime.note ?? '' },
  { header: 'ThoiHanTrucTuyen', width: 8, paths: ['onlineProcessingTime'], get: (r) => r.onlineProcessingTime?.value ?? '' },
  { header: 'DoiTuongThucHien', width: 14, paths: ['applicants'], get: (r) => r.applicants.map((a) => APPLICANT[a]).join(', ') },
  { header: 'MoTaDoiTuong', width: 20, paths: ['applicantNote'], get: (r) => r.applicantNote ?? '' },
  { header: 'CoQuanThucHien', width: 14, paths: ['decidingAgency'], get: (r) => r.decidingAgency },
  { header: 'CoQuanTiepNhan', width: 14, paths: ['receivingAgency'], get: (r) => r.receivingAgency },
  { header: 'KetQuaThucHien', width: 30, paths: ['result'], get: (r) => r.result },
  { header: 'MaLoaiGiayToKetQua', width: 14, paths: ['resultDocumentType'], get: (r) => r.resultDocumentType ?? '' },
  { header: 'PhiLePhi', width: 40, paths: ['fees'], get: (r) => feesToText(r.fees) },
  { header: 'MauDonToKhai', width: 30, paths: ['forms'], get: (r) => formsToText(r.forms) },
  { header: 'YeuCauDieuKien', width: 30, paths: ['requirements'], get: (r) => r.requirements },
  { header: 'CanCuPhapLy', width: 40, paths: ['legalBasis'], get: (r) => r.legalBasis.join('\n') },
  { header: 'CoNghiaVuTaiChinh', width: 8, paths: ['financialObligation'], get: (r) => yes(r.financialObligation) },
  { header: 'TichHopDVCQG', width: 8, paths: ['nationalPortalIntegrated'], get: (r) => yes(r.nationalPortalIntegrated) },
  { header: 'BieuMauDienTu', width: 30, paths: ['eForm'], get: (r) => JSON.stringify(r.eForm) },
  { header: 'QuyTrinhNoiBo', width: 30, paths: ['process'], get: (r) => JSON.stringify(r.process) },
];

/** The column that holds a record path ("components.2.name" -> "ThanhPhanHoSo"). */
export function columnOf(path: string): string {
  let best: { header: string; len: number } | null = null;
  for (const c of COLUMNS)
    for (const p of c.paths) if ((path === p || path.startsWith(p + '.')) && (!best || p.length > best.len)) best = { header: c.header, len: p.length };
  return best?.header ?? path;
}

export async function workbookOf(records: ProcedureRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cổng Dịch vụ công';
  const ws = wb.addWorksheet('TTHC');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of records) ws.addRow(Object.fromEntries(COLUMNS.map((c) => [c.header, c.get(r)])));
  ws.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRows {
  rows: unknown[];
  rowNumbers: number[];
  errors: ImportError[];
}

/** Reads the "TTHC" sheet (or the first) into candidate records; cells that cannot be read become errors. */
export async function rowsOfWorkbook(buf: Buffer, lang: Lang): Promise<SheetRows> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as any);
  } catch (e) {
    return {
      rows: [],
      rowNumbers: [],
      errors: [{ row: 0, field: '(file)', message: t(lang, 'catalogue.import.bad_file', { problem: (e as Error).message }) }],
    };
  }
  const ws = wb.getWorksheet('TTHC') ?? wb.worksheets[0];
  const out: SheetRows = { rows: [], rowNumbers: [], errors: [] };
  if (!ws) return out;
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headers.set(cell.text.trim(), col));
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cell = (h: string) => {
      const col = headers.get(h);
      return col ? row.getCell(col).text.trim() : '';
    };
    if (COLUMNS.every((c) => cell(c.header) === '')) return;
    let current = '';
    try {
      const onlineTime = cell('ThoiHanTrucTuyen');
      const unit = inv(UNIT)[cell('DonViTinh')] ?? cell('DonViTinh');
      const rec: Record<string, unknown> = {
        code: cell('MaTTHC'),
        name: cell('TenTTHC'),
        nameEn: cell('TenTTHCTiengAnh'),
        field: { code: cell('MaLinhVuc'), name: cell('TenLinhVuc'), nameEn: cell('TenLinhVucTiengAnh') },
        levels: list(cell('CapThucHien')).map((x) => inv(LEVEL)[x] ?? x),
        onlineLevel: inv(ONLINE)[cell('MucDoDVCTT')] ?? cell('MucDoDVCTT'),
        essential: bool(cell('DichVuCongThietYeu')),
        steps: lines(cell('TrinhTuThucHien')),
        channels: list(cell('CachThucThucHien')).map((x) => inv(CHANNEL)[x] ?? x),
        components: componentsFromText(cell('ThanhPhanHoSo')),
        processingTime: { value: num(cell('ThoiHanGiaiQuyet')), unit, ...(cell('MoTaThoiHan') ? { note: cell('MoTaThoiHan') } : {}) },
        ...(onlineTime ? { onlineProcessingTime: { value: num(onlineTime), unit } } : {}),
        applicants: list(cell('DoiTuongThucHien')).map((x) => inv(APPLICANT)[x] ?? x),
        ...(cell('MoTaDoiTuong') ? { applicantNote: cell('MoTaDoiTuong') } : {}),
        decidingAgency: cell('CoQuanThucHien'),
        receivingAgency: cell('CoQuanTiepNhan'),
        result: cell('KetQuaThucHien'),
        ...(cell('MaLoaiGiayToKetQua') ? { resultDocumentType: cell('MaLoaiGiayToKetQua') } : {}),
        fees: feesFromText(cell('PhiLePhi')),
        forms: formsFromText(cell('MauDonToKhai')),
        requirements: cell('YeuCauDieuKien'),
        legalBasis: lines(cell('CanCuPhapLy')),
        financialObligation: bool(cell('CoNghiaVuTaiChinh')),
        nationalPortalIntegrated: bool(cell('TichHopDVCQG')),
      };
      current = 'BieuMauDienTu';
      rec.eForm = json(cell('BieuMauDienTu'));
      current = 'QuyTrinhNoiBo';
      rec.process = json(cell('QuyTrinhNoiBo'));
      out.rows.push(rec);
      out.rowNumbers.push(n);
    } catch (e) {
      if (!(e instanceof CellError)) throw e;
      out.errors.push({ row: n, field: current, message: t(lang, 'catalogue.import.bad_cell', { problem: e.message }) });
    }
  });
  return out;
}
