/**
 * A dossier submitted on the National Public Service Portal, as the portal hands it over when
 * this system pulls it (LayChiTietHoSo, see docs/decisions-national-portal.md): the portal's
 * dossier code, the procedure, the applicant (authenticated by VNeID on the portal), the e-form
 * answers, the files inline (base64, as the national inter-connected services hand them) and
 * the payment made on the portal. Pure: parsing and checks, no I/O.
 */
import { z } from 'zod';

const TS = /^\d{14}$/;

const file = z.object({
  MaThanhPhanHoSo: z.string().min(1).max(100),
  TenTepDinhKem: z.string().min(1).max(255),
  LoaiTep: z.string().min(3).max(100),
  DuLieuTepDinhKem: z.string().min(1),
});

export const inboundSchema = z.object({
  MaHoSo: z.string().regex(/^[A-Za-z0-9.\-_]{4,60}$/),
  MaTTHC: z.string().min(1).max(40),
  MaCoQuanTiepNhan: z.string().min(1).max(100).optional(),
  NgayNopHoSo: z.string().regex(TS),
  ChuHoSo: z.object({
    HoVaTen: z.string().trim().min(1).max(200),
    SoDinhDanh: z.string().regex(/^\d{12}$/),
    SoDienThoai: z.string().max(20).optional(),
    Email: z.string().max(200).optional(),
    DiaChi: z.string().max(500).optional(),
  }),
  TrichYeuHoSo: z.string().max(1000).optional(),
  DuLieuBieuMau: z.record(z.string(), z.unknown()),
  TepDinhKem: z.array(file).max(50),
  ThanhToan: z
    .object({
      DaThanhToan: z.boolean(),
      SoTien: z.number().int().min(0),
      MaGiaoDich: z.string().max(100).optional(),
      ThoiDiemThanhToan: z.string().regex(TS).optional(),
    })
    .nullable()
    .optional(),
});

export type InboundDossier = z.infer<typeof inboundSchema>;

export interface InboundPayment {
  paid: boolean;
  amount: number;
  transactionId: string | null;
  paidAt: string | null;
}

export type Parsed =
  | { ok: true; value: InboundDossier; files: { componentKey: string; fileName: string; contentType: string; bytes: Buffer }[]; payment: InboundPayment | null }
  | { ok: false; portalCode: string | null; fields: string[] };

/** Reads yyyyMMddHHmmss in Vietnam time (UTC+7), the portal's date format. */
export function fromPortalTime(s: string): Date {
  const n = (a: number, b: number) => Number(s.slice(a, b));
  return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10) - 7, n(10, 12), n(12, 14)));
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Checks a pulled payload; on failure, the fields at fault (and the portal code when it is readable). */
export function parseInbound(raw: unknown): Parsed {
  const r = inboundSchema.safeParse(raw);
  const codeOf = () => {
    const c = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
    return typeof c === 'string' && /^[A-Za-z0-9.\-_]{4,60}$/.test(c) ? c : null;
  };
  if (!r.success) return { ok: false, portalCode: codeOf(), fields: [...new Set(r.error.issues.map((i) => i.path.join('.') || '(gốc)'))] };
  const bad = r.data.TepDinhKem.map((f, i) => (BASE64.test(f.DuLieuTepDinhKem.replace(/\s/g, '')) ? null : `TepDinhKem.${i}.DuLieuTepDinhKem`)).filter(
    (x): x is string => !!x,
  );
  if (bad.length) return { ok: false, portalCode: r.data.MaHoSo, fields: bad };
  const p = r.data.ThanhToan;
  return {
    ok: true,
    value: r.data,
    files: r.data.TepDinhKem.map((f) => ({
      componentKey: f.MaThanhPhanHoSo,
      fileName: f.TenTepDinhKem,
      contentType: f.LoaiTep,
      bytes: Buffer.from(f.DuLieuTepDinhKem, 'base64'),
    })),
    payment: p
      ? {
          paid: p.DaThanhToan,
          amount: p.SoTien,
          transactionId: p.MaGiaoDich ?? null,
          paidAt: p.ThoiDiemThanhToan ? fromPortalTime(p.ThoiDiemThanhToan).toISOString() : null,
        }
      : null,
  };
}
