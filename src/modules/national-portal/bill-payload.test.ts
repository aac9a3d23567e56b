/**
 * The bill's request shape in real mode (docs/decisions-national-portal.md, "Fee requests as bills"):
 * the payment platform's receipt information (ThongTinBienLai) built from the payments module's
 * quote, and the LGSP envelope the adapter sends it in (a capture server on a port of this
 * branch's range stands for the real endpoint).
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeeLine } from '../payments/model';
import { callService, forgetSessions } from './adapter';
import { BILL_SERVICE, asciiText, billCode, billDueAt, billPayload, type BillInput } from './bill-payload';

const line = (over: Partial<FeeLine>): FeeLine => ({
  key: 'le-phi',
  name: 'Lệ phí',
  kind: 'charge',
  baseAmount: 0,
  quantity: 1,
  amount: 0,
  exempt: false,
  ...over,
});

const input: BillInput = {
  billCode: 'H33.01-260309-0001-TT4',
  portalCode: 'G22.99-20260309-000001',
  dossierCode: 'H33.01-260309-0001',
  procedureCode: '2.001417',
  procedureName: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
  unitCode: 'H33',
  unitName: 'Trung tâm Phục vụ hành chính công tỉnh',
  applicant: { name: 'Nguyễn Văn An', idNumber: '093090001234', address: null },
  lines: [
    line({ key: 'phi-cung-cap', name: 'Phí cung cấp thông tin lý lịch tư pháp', kind: 'fee', baseAmount: 200000, amount: 200000 }),
    line({ key: 'phieu-them', name: 'Phiếu thứ ba trở đi', kind: 'fee', baseAmount: 5000, quantity: 2, amount: 10000 }),
    line({ key: 'mien', name: 'Miễn cho người có công', kind: 'fee', baseAmount: 200000, amount: 0, exempt: true }),
  ],
  issuedAt: new Date('2026-03-09T02:01:00Z'),
  dueAt: billDueAt(new Date('2026-03-09T02:01:00Z')),
};

describe('billPayload', () => {
  it('carries the quote line by line (exempt lines left out), the portal code, the bill code and the due date, in the payment platform field names', () => {
    expect(billPayload(input)).toEqual({
      MaThamChieu: 'H33.01-260309-0001-TT4',
      MaHoSo: 'G22.99-20260309-000001',
      SoBienNhan: 'H33.01-260309-0001',
      SoTien: 210000,
      MaTienTe: 'VND',
      ThoiGianGD: '20260309090100',
      HanThanhToan: '20260316235959',
      ThongTinGiaoDich: 'THANH TOAN HO SO G22.99-20260309-000001',
      ThongTinBienLai: {
        MaDichVu: '2',
        MaTTHC: '2.001417',
        TenTTHC: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
        MaDonVi: 'H33',
        TenDonVi: 'Trung tâm Phục vụ hành chính công tỉnh',
        MaHoSo: 'G22.99-20260309-000001',
        NoiDungThanhToan: 'Nộp phí, lệ phí hồ sơ G22.99-20260309-000001 (Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam)',
        HoTenNguoiNop: 'Nguyễn Văn An',
        SoCMNDNguoiNop: '093090001234',
        DiaChiNguoiNop: '',
        PhiLePhi: [
          { LoaiPhiLePhi: 1, MaPhiLePhi: 'phi-cung-cap', TenPhiLePhi: 'Phí cung cấp thông tin lý lịch tư pháp', SoTien: 200000 },
          { LoaiPhiLePhi: 1, MaPhiLePhi: 'phieu-them', TenPhiLePhi: 'Phiếu thứ ba trở đi', SoTien: 10000 },
        ],
        DSKhoanNop: [
          { NoiDung: 'Phí cung cấp thông tin lý lịch tư pháp', SoTien: 200000 },
          { NoiDung: 'Phiếu thứ ba trở đi', SoTien: 10000 },
        ],
      },
    });
  });

  it('marks a lệ phí line as LoaiPhiLePhi 2 and the amount is always the sum of the lines', () => {
    const p = billPayload({
      ...input,
      lines: [line({ key: 'lp', name: 'Lệ phí hộ tịch', amount: 8000 }), line({ key: 'p', name: 'Phí', kind: 'fee', amount: 2000 })],
    });
    const info = p.ThongTinBienLai as { PhiLePhi: { LoaiPhiLePhi: number; SoTien: number }[] };
    expect(info.PhiLePhi.map((l) => l.LoaiPhiLePhi)).toEqual([2, 1]);
    expect(p.SoTien).toBe(info.PhiLePhi.reduce((n, l) => n + l.SoTien, 0));
  });

  it('bill codes per fee request; due at the end of the 7th day, Vietnam time, also across midnight UTC; plain-ASCII transaction text', () => {
    expect(billCode('H33.01-260309-0001', 12)).toBe('H33.01-260309-0001-TT12');
    // 18:30 UTC on 9/3 is already 10/3 in Vietnam: due 17/3 23:59:59 (+07) = 16:59:59Z.
    expect(billDueAt(new Date('2026-03-09T18:30:00Z')).toISOString()).toBe('2026-03-17T16:59:59.000Z');
    expect(billDueAt(new Date('2026-03-09T16:59:00Z')).toISOString()).toBe('2026-03-16T16:59:59.000Z');
    expect(asciiText('Thanh toán hồ sơ Đắk Lắk')).toBe('Thanh toan ho so Dak Lak');
  });
});

describe('the adapter sends the bill in the LGSP envelope', () => {
  const seen: { url: string; body: any }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = JSON.parse(raw);
      seen.push({ url: req.url ?? '', body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(req.url === '/login' ? { error_code: '0', session: 'phien-1' } : { error_code: '0', message: 'Đã nhận hóa đơn' }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(4962, '127.0.0.1', () => r()));
    url = 'http://127.0.0.1:4962';
    forgetSessions();
  });
  afterAll(async () => {
    forgetSessions();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('logs in, then posts {session, madonvi, service: GuiThongTinThanhToan, data: [bill]}', async () => {
    const cfg = { url, username: 'tinh', password: 'bi-mat', madonvi: 'H33' } as Parameters<typeof callService>[0];
    const bill = billPayload(input);
    await callService(cfg, BILL_SERVICE, { data: [bill] });
    expect(seen).toEqual([
      { url: '/login', body: { username: 'tinh', password: 'bi-mat' } },
      { url: '/service', body: { session: 'phien-1', madonvi: 'H33', service: 'GuiThongTinThanhToan', data: [bill] } },
    ]);
  });
});
