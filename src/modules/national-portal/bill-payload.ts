/**
 * The bill this system sends to the national portal's payment platform when an officer asks for
 * the fee of a dossier that came through the portal (docs/decisions-national-portal.md, "Fee
 * requests as bills"). Pure: the service gathers the inputs.
 *
 * The content follows the payment platform's receipt information as public integrations build it
 * (`ThongTinBienLai` of the platform's INIT message, and the province's answer to the platform's
 * "tra cứu thanh toán hồ sơ"): MaDichVu 2 (fees of an administrative procedure; 1 is fines),
 * MaTTHC, TenTTHC, MaDonVi, TenDonVi, MaHoSo, NoiDungThanhToan, the payer (HoTenNguoiNop,
 * SoCMNDNguoiNop, DiaChiNguoiNop), PhiLePhi [{LoaiPhiLePhi, MaPhiLePhi, TenPhiLePhi, SoTien}] and
 * DSKhoanNop [{NoiDung, SoTien}]; the reference code is the platform's MaThamChieu. The envelope
 * fields SoBienNhan and HanThanhToan, and the service name, are this project's (not confirmed).
 */
import type { FeeLine } from '../payments/model';
import { portalTime } from './payload';

/** The LGSP service that hands a bill to the portal (this project's name in the DVCQG style). */
export const BILL_SERVICE = 'GuiThongTinThanhToan';

/**
 * Days the citizen has to pay a bill (calendar days, to the end of that day in Vietnam time).
 * Choice: no clause fixing it was found; the fee wait pauses the dossier's clock meanwhile, and a
 * payment after the date is still taken (the officer decides what a late payment means).
 */
export const BILL_DUE_DAYS = 7;

/** MaDichVu of the payment platform: 2 = fees and charges of an administrative procedure. */
export const MA_DICH_VU_TTHC = '2';

export interface BillInput {
  billCode: string;
  portalCode: string;
  /** Our dossier code (the receipt number the portal shows next to its own code). */
  dossierCode: string;
  procedureCode: string;
  procedureName: string;
  /** The province's unit code on the portal (madonvi) and the receiving agency's name. */
  unitCode: string;
  unitName: string;
  applicant: { name: string; idNumber: string; address: string | null };
  /** The payments module's quote, line by line. */
  lines: FeeLine[];
  issuedAt: Date;
  dueAt: Date;
}

/** A bill code per fee request: the dossier code and the sequence number of the request_fee event. */
export function billCode(dossierCode: string, seq: number): string {
  return `${dossierCode}-TT${seq}`;
}

/** The end (23:59:59, Vietnam time) of the day `days` calendar days after `issuedAt`. */
export function billDueAt(issuedAt: Date, days = BILL_DUE_DAYS): Date {
  const vn = new Date(issuedAt.getTime() + 7 * 3600_000);
  const endOfDayVn = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() + days, 23, 59, 59);
  return new Date(endOfDayVn - 7 * 3600_000);
}

/** The lines that are charged: an exempt or zero line is not on the bill. */
export function chargedLines(lines: FeeLine[]): FeeLine[] {
  return lines.filter((l) => !l.exempt && l.amount > 0);
}

/** The payment platform's plain-ASCII transaction text (the integrations strip diacritics from it). */
export function asciiText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export function billPayload(i: BillInput): Record<string, unknown> & { MaThamChieu: string; SoTien: number } {
  const lines = chargedLines(i.lines);
  const total = lines.reduce((n, l) => n + l.amount, 0);
  const content = `Nộp phí, lệ phí hồ sơ ${i.portalCode} (${i.procedureName})`;
  return {
    MaThamChieu: i.billCode,
    MaHoSo: i.portalCode,
    SoBienNhan: i.dossierCode,
    SoTien: total,
    MaTienTe: 'VND',
    ThoiGianGD: portalTime(i.issuedAt),
    HanThanhToan: portalTime(i.dueAt),
    ThongTinGiaoDich: asciiText(`THANH TOAN HO SO ${i.portalCode}`),
    ThongTinBienLai: {
      MaDichVu: MA_DICH_VU_TTHC,
      MaTTHC: i.procedureCode,
      TenTTHC: i.procedureName,
      MaDonVi: i.unitCode,
      TenDonVi: i.unitName,
      MaHoSo: i.portalCode,
      NoiDungThanhToan: content,
      HoTenNguoiNop: i.applicant.name,
      SoCMNDNguoiNop: i.applicant.idNumber,
      DiaChiNguoiNop: i.applicant.address ?? '',
      // LoaiPhiLePhi as in the dossier sync's DanhSachLePhi: 1 phí, 2 lệ phí (payload.ts feeList).
      PhiLePhi: lines.map((l) => ({ LoaiPhiLePhi: l.kind === 'charge' ? 2 : 1, MaPhiLePhi: l.key, TenPhiLePhi: l.name, SoTien: l.amount })),
      DSKhoanNop: lines.map((l) => ({ NoiDung: l.name, SoTien: l.amount })),
    },
  };
}
