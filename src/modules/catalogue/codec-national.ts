/**
 * The national procedure database's shape (CSDL quốc gia về TTHC, Vietnamese keys) and back.
 * Import errors are reported with these keys (e.g. "ThanhPhanHoSo[1].TenGiayTo").
 */
import type { FeeSpec } from './snapshot';
import type { ProcedureRecord } from './model';

export type NationalRecord = Record<string, unknown>;

const LEVEL: Record<string, string> = { province: 'TINH', district: 'HUYEN', commune: 'XA' };
const ONLINE: Record<string, string> = { full: 'TOAN_TRINH', partial: 'MOT_PHAN', none: 'KHONG' };
const CHANNEL: Record<string, number> = { in_person: 1, online: 2, post: 3 }; // KenhThucHien
const UNIT: Record<string, string> = { working_days: 'NGAY_LAM_VIEC', working_hours: 'GIO_LAM_VIEC', days: 'NGAY' };
const APPLICANT: Record<string, string> = { citizen: 'CONG_DAN', organisation: 'TO_CHUC' };
const KIND: Record<string, string> = { fee: 'PHI', charge: 'LE_PHI' };

/** Fee conditions have no field in the national record: our extension `DieuKienTinhPhi` (when, perUnit, exemptWhen) and `CanCuMucPhi` (the clause). */
function feeRulesOut(f: FeeSpec): Record<string, unknown> {
  const rules = { ...(f.when ? { when: f.when } : {}), ...(f.perUnit ? { perUnit: f.perUnit } : {}), ...(f.exemptWhen ? { exemptWhen: f.exemptWhen } : {}) };
  return { ...(Object.keys(rules).length ? { DieuKienTinhPhi: rules } : {}), ...(f.basis ? { CanCuMucPhi: f.basis } : {}) };
}
function feeRulesIn(f: any): Record<string, unknown> {
  const r = f.DieuKienTinhPhi && typeof f.DieuKienTinhPhi === 'object' ? f.DieuKienTinhPhi : {};
  return {
    ...(r.when ? { when: r.when } : {}),
    ...(r.perUnit ? { perUnit: r.perUnit } : {}),
    ...(r.exemptWhen ? { exemptWhen: r.exemptWhen } : {}),
    ...(f.CanCuMucPhi ? { basis: f.CanCuMucPhi } : {}),
  };
}

const inv = <T extends string | number>(m: Record<string, T>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [String(v), k]));
const back = (m: Record<string, string | number>, v: unknown) => (v === undefined || v === null ? v : (inv(m)[String(v)] ?? v));

const time = (t: { value: number; unit: string; note?: string } | undefined) =>
  t ? { ThoiGian: t.value, DonViTinh: UNIT[t.unit], ...(t.note ? { MoTa: t.note } : {}) } : undefined;
const timeBack = (t: any) => (t && typeof t === 'object' ? { value: t.ThoiGian, unit: back(UNIT, t.DonViTinh), ...(t.MoTa ? { note: t.MoTa } : {}) } : t);

export function toNational(r: ProcedureRecord): NationalRecord {
  return {
    MaTTHC: r.code,
    TenTTHC: r.name,
    TenTTHCTiengAnh: r.nameEn,
    LinhVuc: { MaLinhVuc: r.field.code, TenLinhVuc: r.field.name, TenLinhVucTiengAnh: r.field.nameEn },
    CapThucHien: r.levels.map((l) => LEVEL[l]),
    MucDoDVCTT: ONLINE[r.onlineLevel],
    DichVuCongThietYeu: r.essential,
    TrinhTuThucHien: r.steps.map((s) => ({ TenBuoc: s })),
    CachThucThucHien: r.channels.map((c) => ({ KenhThucHien: CHANNEL[c] })),
    ThanhPhanHoSo: r.components.map((c) => ({
      MaThanhPhan: c.key,
      TenGiayTo: c.name,
      SoBanChinh: c.originals,
      SoBanSao: c.copies,
      BatBuoc: !c.optional,
      ...(c.documentType ? { MaLoaiGiayTo: c.documentType } : {}),
      ...(c.dataSource ? { NguonDuLieuThayThe: { Nguon: c.dataSource.source, Loai: c.dataSource.kind } } : {}),
    })),
    ThoiHanGiaiQuyet: time(r.processingTime),
    ...(r.onlineProcessingTime ? { ThoiHanGiaiQuyetTrucTuyen: time(r.onlineProcessingTime) } : {}),
    DoiTuongThucHien: r.applicants.map((a) => APPLICANT[a]),
    ...(r.applicantNote ? { MoTaDoiTuong: r.applicantNote } : {}),
    CoQuanThucHien: r.decidingAgency,
    CoQuanTiepNhan: r.receivingAgency,
    KetQuaThucHien: { TenKetQua: r.result, ...(r.resultDocumentType ? { MaLoaiGiayTo: r.resultDocumentType } : {}) },
    PhiLePhi: r.fees.map((f) => ({
      MaPhi: f.key,
      TenPhiLePhi: f.name,
      LoaiPhi: KIND[f.kind],
      MucPhi: f.amount,
      ...(f.onlineAmount !== undefined ? { MucPhiTrucTuyen: f.onlineAmount } : {}),
      ...(f.exemption ? { MienGiam: f.exemption } : {}),
      ...feeRulesOut(f),
    })),
    MauDonToKhai: r.forms.map((f) => ({ TenMauDon: f.name, ...(f.code ? { SoHieu: f.code } : {}) })),
    YeuCauDieuKien: r.requirements,
    CanCuPhapLy: r.legalBasis.map((l) => ({ TenVanBan: l })),
    CoNghiaVuTaiChinh: r.financialObligation,
    TichHopDVCQG: r.nationalPortalIntegrated,
    BieuMauDienTu: r.eForm,
    QuyTrinhNoiBo: r.process,
  };
}

const arr = (v: unknown): any[] | unknown => (Array.isArray(v) ? v : v);
const mapArr = (v: unknown, f: (x: any) => unknown) => (Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? f(x) : x)) : v);

/** A candidate record from a national-shaped one; values are passed through so validation reports what is wrong. */
export function fromNational(n: NationalRecord): unknown {
  const lv = (n.LinhVuc ?? {}) as any;
  const kq = (n.KetQuaThucHien ?? {}) as any;
  return {
    code: n.MaTTHC,
    name: n.TenTTHC,
    nameEn: n.TenTTHCTiengAnh,
    field: { code: lv.MaLinhVuc, name: lv.TenLinhVuc, nameEn: lv.TenLinhVucTiengAnh },
    levels: Array.isArray(n.CapThucHien) ? n.CapThucHien.map((x) => back(LEVEL, x)) : n.CapThucHien,
    onlineLevel: back(ONLINE, n.MucDoDVCTT),
    essential: n.DichVuCongThietYeu,
    steps: mapArr(arr(n.TrinhTuThucHien), (x) => x.TenBuoc),
    channels: mapArr(arr(n.CachThucThucHien), (x) => back(CHANNEL, x.KenhThucHien)),
    components: mapArr(arr(n.ThanhPhanHoSo), (c) => ({
      key: c.MaThanhPhan,
      name: c.TenGiayTo,
      originals: c.SoBanChinh,
      copies: c.SoBanSao,
      optional: typeof c.BatBuoc === 'boolean' ? !c.BatBuoc : c.BatBuoc,
      ...(c.MaLoaiGiayTo ? { documentType: c.MaLoaiGiayTo } : {}),
      // Not a field of the national database: this system's own (docs/decisions-paper.md).
      ...(c.NguonDuLieuThayThe ? { dataSource: { source: c.NguonDuLieuThayThe.Nguon, kind: c.NguonDuLieuThayThe.Loai } } : {}),
    })),
    processingTime: timeBack(n.ThoiHanGiaiQuyet),
    ...(n.ThoiHanGiaiQuyetTrucTuyen ? { onlineProcessingTime: timeBack(n.ThoiHanGiaiQuyetTrucTuyen) } : {}),
    applicants: Array.isArray(n.DoiTuongThucHien) ? n.DoiTuongThucHien.map((x) => back(APPLICANT, x)) : n.DoiTuongThucHien,
    ...(n.MoTaDoiTuong ? { applicantNote: n.MoTaDoiTuong } : {}),
    decidingAgency: n.CoQuanThucHien,
    receivingAgency: n.CoQuanTiepNhan,
    result: kq.TenKetQua,
    ...(kq.MaLoaiGiayTo ? { resultDocumentType: kq.MaLoaiGiayTo } : {}),
    fees: mapArr(arr(n.PhiLePhi), (f) => ({
      key: f.MaPhi,
      name: f.TenPhiLePhi,
      kind: back(KIND, f.LoaiPhi),
      amount: f.MucPhi,
      ...(f.MucPhiTrucTuyen !== undefined ? { onlineAmount: f.MucPhiTrucTuyen } : {}),
      ...(f.MienGiam ? { exemption: f.MienGiam } : {}),
      ...feeRulesIn(f),
    })),
    forms: mapArr(arr(n.MauDonToKhai), (f) => ({ name: f.TenMauDon, ...(f.SoHieu ? { code: f.SoHieu } : {}) })),
    requirements: n.YeuCauDieuKien,
    legalBasis: mapArr(arr(n.CanCuPhapLy), (x) => x.TenVanBan),
    financialObligation: n.CoNghiaVuTaiChinh,
    nationalPortalIntegrated: n.TichHopDVCQG,
    eForm: n.BieuMauDienTu,
    process: n.QuyTrinhNoiBo,
  };
}

const TOP: Record<string, string> = {
  code: 'MaTTHC',
  name: 'TenTTHC',
  nameEn: 'TenTTHCTiengAnh',
  field: 'LinhVuc',
  levels: 'CapThucHien',
  onlineLevel: 'MucDoDVCTT',
  essential: 'DichVuCongThietYeu',
  steps: 'TrinhTuThucHien',
  channels: 'CachThucThucHien',
  components: 'ThanhPhanHoSo',
  processingTime: 'ThoiHanGiaiQuyet',
  onlineProcessingTime: 'ThoiHanGiaiQuyetTrucTuyen',
  applicants: 'DoiTuongThucHien',
  applicantNote: 'MoTaDoiTuong',
  decidingAgency: 'CoQuanThucHien',
  receivingAgency: 'CoQuanTiepNhan',
  result: 'KetQuaThucHien.TenKetQua',
  resultDocumentType: 'KetQuaThucHien.MaLoaiGiayTo',
  fees: 'PhiLePhi',
  forms: 'MauDonToKhai',
  requirements: 'YeuCauDieuKien',
  legalBasis: 'CanCuPhapLy',
  financialObligation: 'CoNghiaVuTaiChinh',
  nationalPortalIntegrated: 'TichHopDVCQG',
  eForm: 'BieuMauDienTu',
  process: 'QuyTrinhNoiBo',
};
const SUB: Record<string, string> = {
  'field.code': 'MaLinhVuc',
  'field.name': 'TenLinhVuc',
  'field.nameEn': 'TenLinhVucTiengAnh',
  'components.key': 'MaThanhPhan',
  'components.name': 'TenGiayTo',
  'components.originals': 'SoBanChinh',
  'components.copies': 'SoBanSao',
  'components.optional': 'BatBuoc',
  'components.documentType': 'MaLoaiGiayTo',
  'components.dataSource': 'NguonDuLieuThayThe',
  'fees.key': 'MaPhi',
  'fees.name': 'TenPhiLePhi',
  'fees.kind': 'LoaiPhi',
  'fees.amount': 'MucPhi',
  'fees.onlineAmount': 'MucPhiTrucTuyen',
  'fees.exemption': 'MienGiam',
  'forms.name': 'TenMauDon',
  'forms.code': 'SoHieu',
  'processingTime.value': 'ThoiGian',
  'processingTime.unit': 'DonViTinh',
  'onlineProcessingTime.value': 'ThoiGian',
  'onlineProcessingTime.unit': 'DonViTinh',
};

/** "components.1.name" -> "ThanhPhanHoSo[1].TenGiayTo" */
export function nationalPath(path: string): string {
  const [top, ...rest] = path.split('.');
  let out = TOP[top] ?? top;
  let i = 0;
  if (rest[0] !== undefined && /^\d+$/.test(rest[0])) {
    out += `[${rest[0]}]`;
    i = 1;
  }
  if (rest[i] !== undefined) {
    const sub = SUB[`${top}.${rest[i]}`];
    out += '.' + [sub ?? rest[i], ...rest.slice(i + 1)].join('.');
  }
  return out;
}
