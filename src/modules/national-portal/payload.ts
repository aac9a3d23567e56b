/**
 * The dossier-sync shape of the National Public Service Portal (DVCQG), see
 * regulations-research.md §8.1: the DongBoHoSoMC dossier and the CapNhatTienDoHoSoMC step.
 * Pure functions: the service gathers the inputs.
 */
import { componentIsElectronic, type Defect } from '../dossiers/service';
import { t } from '../../platform/i18n';

export interface SyncInput {
  dossier: {
    id: string;
    code: string;
    procedureCode: string;
    procedureName: string;
    fieldName: string;
    resultName: string;
    channel: string;
    applicantKind: string;
    applicantName: string;
    applicantIdNumber: string;
    applicantEmail: string | null;
    applicantPhone: string | null;
    summary: string | null;
    submittedAt: Date;
    receivedAt: Date | null;
    appointmentAt: Date | null;
    dueAt: Date | null;
    resultReadyAt: Date | null;
    returnedAt: Date | null;
    closedAt: Date | null;
    closeReason: string | null;
    submitterKind: string;
    files: { id: string; kind: string; componentKey: string | null; fileName: string; digitized: boolean }[];
  };
  status: number;
  /**
   * Components reused from the e-data store (warehouse reuseFacts): kind 1 = reused (DuocTaiSuDung 1),
   * 2 = replaced by the result of an earlier procedure, whose code goes to MaKetQuaThayThe.
   */
  reuses?: { componentKey: string; fileId: string | null; kind: number; documentCode: string; fromNationalStore: boolean }[];
  /** Fees paid online through the provincial payment gateway (payments module), if any. */
  payment?: { paidOnline: boolean; paidAt: string | null; lines: { key: string; name: string; kind: string; amount: number }[] };
  receivingUnitName: string;
  decidingUnitName: string;
  publicUrl: string;
  /** The supplement requests issued to the applicant (Mẫu 02), item by item, with their answers. */
  supplements?: {
    id: string;
    no: number;
    state: string;
    reason: string;
    issuedAt: string | null;
    answeredAt: string | null;
    items: { id: string; componentKey: string | null; label: string; defect: string; provide: string; answered: boolean }[];
  }[];
  /** A dossier submitted on the portal: the portal's own code (MaHoSo there) and whether it was paid there. */
  portal?: { code: string; paidOnPortal: boolean } | null;
}

/** yyyyMMddHHmmss in Vietnam time (UTC+7). */
export function portalTime(d: Date | string | null | undefined): string {
  if (!d) return '';
  const v = new Date(new Date(d).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${v.getUTCFullYear()}${p(v.getUTCMonth() + 1)}${p(v.getUTCDate())}${p(v.getUTCHours())}${p(v.getUTCMinutes())}${p(v.getUTCSeconds())}`;
}

/** KenhThucHien: 1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích. */
export function channelCode(channel: string): number {
  return channel === 'online' ? 2 : channel === 'post' ? 3 : 1;
}

/**
 * HoSoCoThanhPhanSoHoa: the dossier has a digitized component - an electronic submitted file, by
 * the dossiers' one rule (componentIsElectronic: online uploads, desk scans, documents from the
 * store). It links the dossier to the applicant's list on the portal.
 */
export function isDigitized(files: SyncInput['dossier']['files']): boolean {
  return files.some(componentIsElectronic);
}

type SyncFile = SyncInput['dossier']['files'][number];
type Reuse = NonNullable<SyncInput['reuses']>[number];

/** The reuse a submitted file stands for: recorded for that file, else for its component (one file per reused component). */
export function reuseOf(f: SyncFile, reuses: Reuse[] = []): Reuse | undefined {
  if (f.kind === 'result' || !f.componentKey) return undefined;
  return reuses.find((r) => r.fileId === f.id) ?? reuses.find((r) => !r.fileId && r.componentKey === f.componentKey);
}

/** The TaiLieuNop reuse flags of a submitted file (regulations-research.md §5). */
export function reuseFlags(r: Reuse | undefined): { DuocTaiSuDung: number; DuocLayTuKhoDMQG: number; MaKetQuaThayThe: string } {
  if (!r) return { DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 0, MaKetQuaThayThe: '' };
  const kind = r.kind === 2 ? 2 : 1;
  return { DuocTaiSuDung: kind, DuocLayTuKhoDMQG: r.fromNationalStore ? 1 : 0, MaKetQuaThayThe: kind === 2 ? r.documentCode : '' };
}

/**
 * TaiKhoanDuocXacThucVoiVNeID (766 indicator 4.5): submitted online by a citizen (or business)
 * account; citizens log in only through VNeID. Desk, postal and assisted dossiers are 0.
 */
export function vneidAuthenticated(d: { channel: string; submitterKind: string }): boolean {
  return d.channel === 'online' && d.submitterKind === 'citizen';
}

export function dossierPayload(i: SyncInput): Record<string, unknown> {
  const d = i.dossier;
  const org = d.applicantKind === 'organisation';
  const fileUrl = (f: { id: string }) => `${i.publicUrl}/api/v1/dossiers/${d.id}/files/${f.id}`;
  const submitted = d.files
    .filter((f) => f.kind !== 'result')
    .map((f) => ({
      TepDinhKemId: f.id,
      TenTepDinhKem: f.fileName,
      IsDeleted: false,
      MaThanhPhanHoSo: f.componentKey ?? '',
      DuongDanTaiTepTin: fileUrl(f),
      DuocSoHoa: componentIsElectronic(f) ? 1 : 0,
      ...reuseFlags(reuseOf(f, i.reuses)),
    }));
  // A dossier with a digitized component, or one reused from the store (QĐ 766 indicator 4.3 reads this flag).
  const digitized = isDigitized(d.files) || submitted.some((f) => f.DuocTaiSuDung > 0);
  return {
    // A dossier submitted on the portal keeps the portal's code there; ours is the receipt number.
    MaHoSo: i.portal?.code ?? d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    MaLinhVuc: '',
    TenLinhVuc: d.fieldName,
    KenhThucHien: channelCode(d.channel),
    SoBienNhan: d.code,
    ChuHoSo: d.applicantName,
    SoGiayToChuHoSo: d.applicantIdNumber,
    LoaiDoiTuong: org ? 2 : 1,
    MaDoiTuong: '',
    ThongTinKhac: '',
    Email: d.applicantEmail ?? '',
    Fax: '',
    SoDienThoai: d.applicantPhone ?? '',
    TrichYeuHoSo: d.summary ?? d.procedureName,
    NgayNopHoSo: portalTime(d.submittedAt),
    NgayTiepNhan: portalTime(d.receivedAt),
    NgayHenTra: portalTime(d.appointmentAt ?? d.dueAt),
    NgayTra: portalTime(d.returnedAt),
    NgayKetThucXuLy: portalTime(d.resultReadyAt),
    NgayTuChoi: i.status === 3 ? portalTime(d.closedAt) : '',
    TrangThaiHoSo: i.status,
    ThongTinTra: d.returnedAt ? 'Đã trả kết quả' : '',
    HinhThuc: 0,
    DonViXuLy: i.decidingUnitName,
    GhiChu: d.closeReason ?? '',
    NoiNopHoSo: i.receivingUnitName,
    HoSoCoThanhPhanSoHoa: digitized ? 1 : 0,
    TaiKhoanDuocXacThucVoiVNeID: vneidAuthenticated(d) ? 1 : 0,
    // 1 = paid on DVCQG itself, 2 = through the ministry's / province's payment gateway.
    DuocThanhToanTrucTuyen: i.portal?.paidOnPortal ? 1 : i.payment?.paidOnline ? 2 : 0,
    DinhDanhCHS: [{ LoaiDinhDanh: org ? 2 : 1, SoDinhDanh: d.applicantIdNumber }],
    DSKetNoiCSDL: [],
    TaiLieuNop: submitted,
    DanhSachLePhi: feeList(i),
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: supplementList(i),
    DanhSachGiayToKetQua: d.files
      .filter((f) => f.kind === 'result')
      .map((f) => ({ TenGiayTo: d.resultName || f.fileName, MaThanhPhanHoSo: 'KQ', GiayToId: f.id, DuongDanTepTinKetQua: fileUrl(f), MaGiayToKetQua: f.id })),
  };
}

/**
 * DanhSachLePhi from the paid fee lines. Assumptions (no official code list at hand):
 * LoaiPhiLePhi 1 = phí ('fee'), 2 = lệ phí ('charge'); HinhThucThu 1 = collected at reception
 * (paid before or at receipt), 4 = collected before the result is returned (paid later).
 */
export function feeList(i: SyncInput): Record<string, unknown>[] {
  const p = i.payment;
  if (!p?.paidOnline) return [];
  const atReception = !i.dossier.receivedAt || (p.paidAt != null && new Date(p.paidAt) <= i.dossier.receivedAt);
  return p.lines.map((l) => ({
    TenPhiLePhi: l.name,
    MaPhiLePhi: l.key,
    HinhThucThu: atReception ? 1 : 4,
    Gia: l.amount,
    LoaiPhiLePhi: l.kind === 'charge' ? 2 : 1,
  }));
}

/**
 * DanhSachHoSoBoSung: the issued supplement requests (not those pending a leader's approval), so
 * that the applicant sees on the portal what to provide, item by item, and answers there. Field
 * names are this project's in the DVCQG style (not confirmed, see docs/decisions-national-portal.md):
 * TrangThaiBoSung 1 = waiting for the applicant, 2 = answered.
 */
export function supplementList(i: SyncInput): Record<string, unknown>[] {
  return (i.supplements ?? [])
    .filter((r) => r.state === 'issued' || r.state === 'answered')
    .map((r) => ({
      MaYeuCauBoSung: r.id,
      LanBoSung: r.no,
      NoiDungYeuCau: r.reason,
      NgayYeuCau: portalTime(r.issuedAt),
      NgayBoSung: portalTime(r.answeredAt),
      TrangThaiBoSung: r.state === 'answered' ? 2 : 1,
      DanhSachGiayToBoSung: r.items.map((x) => ({
        MaMuc: x.id,
        MaThanhPhanHoSo: x.componentKey ?? '',
        TenGiayTo: x.label,
        LyDo: t('vi', `supplement.defect.${x.defect as Defect}`),
        NoiDungCanBoSung: x.provide,
        DaBoSung: x.answered ? 1 : 0,
      })),
    }));
}

const ACTION_VI: Record<string, string> = {
  submit: 'Nộp hồ sơ',
  reroute: 'Chuyển đơn vị kế thừa giải quyết',
  receive: 'Tiếp nhận hồ sơ',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  refuse: 'Từ chối hồ sơ',
  assign: 'Phân công xử lý',
  forward: 'Chuyển bước xử lý',
  approve: 'Phê duyệt',
  return_for_rework: 'Trả lại bước trước',
  consult: 'Xin ý kiến',
  answer_consultation: 'Trả lời xin ý kiến',
  request_fee: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  confirm_fee: 'Đã thực hiện nghĩa vụ tài chính',
  apologize: 'Xin lỗi và hẹn lại ngày trả kết quả',
  attach_result: 'Đính kèm kết quả điện tử',
  sign_result: 'Ký số kết quả điện tử',
  return_result: 'Trả kết quả',
  withdraw: 'Công dân rút hồ sơ',
  cancel: 'Dừng xử lý',
};

export function stepPayload(e: {
  code: string;
  seq: number;
  at: string;
  action: string;
  status: number;
  actorName: string;
  unitName: string;
  comment: string | null;
  dueAt: Date | null;
}): Record<string, unknown> {
  const label = ACTION_VI[e.action] ?? e.action;
  return {
    MaHoSo: e.code,
    NguoiXuLy: e.actorName,
    ChucDanh: '',
    ThoiDiemXuLy: portalTime(e.at),
    PhongBanXuLy: e.unitName,
    NoiDungXuLy: `${e.seq}. ${label}${e.comment ? `: ${e.comment}` : ''}`,
    TrangThai: e.status,
    NgayBatDau: portalTime(e.at),
    NgayKetThucTheoQuyDinh: portalTime(e.dueAt),
  };
}
