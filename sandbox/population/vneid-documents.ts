/**
 * Sandbox of the VNeID integrated documents ("giấy tờ tích hợp trên VNeID") as the national
 * population data centre exposes them to provincial systems through the same LGSP/NDXP gateway
 * as the population database (same client-credentials token):
 *   POST /api/v1/giay-to-vneid/tra-cuu {soDinhDanh, loaiGiayTo}
 *     -> {maLoi: "00", duLieu: {loaiGiayTo, soGiayTo, tenGiayTo, ngayCap, ngayHetHan, coQuanCap, trangThai}}
 *     or {maLoi: "01"} when the person has no such document integrated.
 * The real interface is not public (Chỉ thị 24/CT-TTg asked the Ministry of Public Security to
 * guide it by 20/9/2025): this shape is our assumption, see docs/decisions-paper.md.
 */

export interface VneidDocument {
  loaiGiayTo: string;
  soGiayTo: string;
  tenGiayTo: string;
  ngayCap: string;
  ngayHetHan: string | null;
  coQuanCap: string;
  trangThai: 'hieu-luc' | 'het-hieu-luc';
}

/** The demo citizens' documents integrated on VNeID (by personal id, then kind). */
export const VNEID_DOCUMENTS: Record<string, VneidDocument[]> = {
  '093090001234': [
    {
      loaiGiayTo: 'driving-licence',
      soGiayTo: '930123456789',
      tenGiayTo: 'Giấy phép lái xe hạng B',
      ngayCap: '2016-04-12',
      ngayHetHan: '2026-04-12',
      coQuanCap: 'Sở Giao thông vận tải tỉnh Hậu Giang',
      trangThai: 'hieu-luc',
    },
    {
      loaiGiayTo: 'health-insurance',
      soGiayTo: 'GD4939320001234',
      tenGiayTo: 'Thẻ bảo hiểm y tế',
      ngayCap: '2025-01-01',
      ngayHetHan: '2025-12-31',
      coQuanCap: 'Bảo hiểm xã hội tỉnh Hậu Giang',
      trangThai: 'hieu-luc',
    },
  ],
  '093185004321': [
    {
      loaiGiayTo: 'driving-licence',
      soGiayTo: '930185004321',
      tenGiayTo: 'Giấy phép lái xe hạng A1',
      ngayCap: '2010-09-01',
      ngayHetHan: null,
      coQuanCap: 'Sở Giao thông vận tải tỉnh Hậu Giang',
      trangThai: 'hieu-luc',
    },
  ],
};

export function findVneidDocument(personalId: string, kind: string): VneidDocument | null {
  return VNEID_DOCUMENTS[personalId]?.find((d) => d.loaiGiayTo === kind) ?? null;
}
