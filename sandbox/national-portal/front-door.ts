/**
 * The sandbox portal as the citizens' front door: a citizen submits a dossier here (page
 * /nop-ho-so or POST /_sandbox/submissions), the portal gives it its own code, and the province
 * pulls it (services LayDanhSachHoSoMoi, LayChiTietHoSo, CapNhatDaNhanHoSo, modelled on the
 * national inter-connected services' pull-and-acknowledge; docs/decisions-national-portal.md).
 * A dossier stays offered until the province acknowledges it. Faults for the tests: offer
 * each dossier twice, offer in reverse order, lose acknowledgements (the dossier is offered again).
 * The page /ho-so/<code> shows what the province sent back: statuses, steps, result, and the
 * bills the province sent for its fee requests (GuiThongTinThanhToan), each with a form that pays
 * exactly that bill; the payment is offered back with the bill's code (MaThamChieu).
 */
import { escapeHtml as esc } from '../esign/http';

export interface Submission {
  MaHoSo: string;
  seq: number;
  /** What LayChiTietHoSo hands over (any shape: the tests also store malformed ones). */
  detail: Record<string, any>;
  state: 'new' | 'acknowledged' | 'refused';
  MaHoSoTinh: string;
  LyDo: string;
  acks: number;
}

/** A payment the citizen made on the portal, offered to the province until acknowledged (LayDanhSachThanhToanMoi). */
export interface PortalPayment {
  MaGiaoDich: string;
  MaHoSo: string;
  DaThanhToan: boolean;
  SoTien: number;
  ThoiDiemThanhToan: string;
  /** The bill paid (its MaThamChieu); absent for a payment made with the submission. */
  MaThamChieu?: string;
  state: 'new' | 'acknowledged' | 'refused';
  LyDo: string;
}

/** A bill as the province sends it: what the sandbox reads is typed, the rest is kept as is. */
export interface BillData {
  MaThamChieu?: unknown;
  MaHoSo?: unknown;
  SoTien?: unknown;
  HanThanhToan?: unknown;
  ThoiGianGD?: unknown;
  ThongTinBienLai?: { MaDichVu?: unknown; MaHoSo?: unknown; PhiLePhi?: unknown };
  [field: string]: unknown;
}

interface BillLine {
  TenPhiLePhi?: unknown;
  SoTien?: unknown;
}

/** A bill the province sent for a fee request (GuiThongTinThanhToan): the citizen pays exactly it. */
export interface PortalBill {
  MaThamChieu: string;
  MaHoSo: string;
  SoTien: number;
  HanThanhToan: string;
  /** The whole bill as received. */
  data: BillData;
  state: 'open' | 'paid';
  MaGiaoDich: string;
  /** How many times the province sent it (a retry after a lost answer sends it again). */
  deliveries: number;
}

/** The citizen's answer to a supplement request, given on the portal (LayDanhSachBoSungMoi / LayChiTietBoSung). */
export interface SupplementAnswer {
  MaBoSung: string;
  MaHoSo: string;
  /** What LayChiTietBoSung hands over (any shape: the tests also store malformed ones). */
  detail: Record<string, any>;
  state: 'new' | 'acknowledged' | 'refused';
  LyDo: string;
}

/** The open supplement request the province sent in DanhSachHoSoBoSung, if any. */
export function openSupplementRequest(synced: { data: Record<string, any> } | undefined): Record<string, any> | null {
  const list = (synced?.data.DanhSachHoSoBoSung ?? []) as Record<string, any>[];
  return list.filter((r) => Number(r.TrangThaiBoSung) === 1).at(-1) ?? null;
}

export interface FrontDoorFaults {
  duplicateOffers: boolean;
  reverseOrder: boolean;
  loseAckAnswers: number;
  /** The next n bills are stored but their answer is lost (HTTP 503): the province sends them again. */
  loseBillAnswers: number;
}

/** A one-page PDF attached by the sandbox form (the page takes no upload: it is a sandbox). */
const FORM_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** yyyyMMddHHmmss in Vietnam time. */
function portalNow(d = new Date()): string {
  const v = new Date(d.getTime() + 7 * 3600_000);
  return `${v.getUTCFullYear()}${pad(v.getUTCMonth() + 1, 2)}${pad(v.getUTCDate(), 2)}${pad(v.getUTCHours(), 2)}${pad(v.getUTCMinutes(), 2)}${pad(v.getUTCSeconds(), 2)}`;
}

export class FrontDoor {
  submissions = new Map<string, Submission>();
  payments = new Map<string, PortalPayment>();
  answers = new Map<string, SupplementAnswer>();
  bills = new Map<string, PortalBill>();
  faults: FrontDoorFaults = { duplicateOffers: false, reverseOrder: false, loseAckAnswers: 0, loseBillAnswers: 0 };
  private seq = 0;
  private recordSeq = 0;

  constructor(saved?: Submission[], savedPayments?: PortalPayment[], savedAnswers?: SupplementAnswer[], savedBills?: PortalBill[]) {
    for (const b of savedBills ?? []) this.bills.set(b.MaThamChieu, b);
    for (const s of saved ?? []) {
      this.submissions.set(s.MaHoSo, s);
      this.seq = Math.max(this.seq, s.seq);
    }
    for (const p of savedPayments ?? []) this.payments.set(p.MaGiaoDich, p);
    for (const a of savedAnswers ?? []) this.answers.set(a.MaBoSung, a);
    this.recordSeq = this.payments.size + this.answers.size;
  }

  /**
   * The citizen pays on the portal. Checked as the portal would: a dossier submitted here. `raw`
   * (tests) skips the check, to hand the province a payment for a dossier it does not know.
   */
  pay(
    input: { MaHoSo?: unknown; SoTien?: unknown; MaGiaoDich?: unknown; MaThamChieu?: unknown },
    opts: { raw?: boolean } = {},
    now = new Date(),
  ): PortalPayment | { error: string } {
    const code = String(input.MaHoSo ?? '');
    if (!opts.raw && !this.submissions.has(code)) return { error: `Không tìm thấy hồ sơ ${code}` };
    const ref = typeof input.MaThamChieu === 'string' && input.MaThamChieu ? input.MaThamChieu : undefined;
    // A bill is paid as it is: its amount, once (the raw path lets the tests hand over anything).
    const bill = ref && !opts.raw ? this.bills.get(ref) : undefined;
    if (ref && !opts.raw) {
      if (!bill || bill.MaHoSo !== code) return { error: `Không tìm thấy hóa đơn ${ref} của hồ sơ ${code}` };
      if (bill.state === 'paid') return { error: `Hóa đơn ${ref} đã được thanh toán (giao dịch ${bill.MaGiaoDich})` };
    }
    const amount = bill ? bill.SoTien : Number(input.SoTien);
    if (!Number.isInteger(amount) || amount <= 0) return { error: 'Số tiền thanh toán phải là số nguyên dương (đồng)' };
    const MaGiaoDich = typeof input.MaGiaoDich === 'string' && input.MaGiaoDich ? input.MaGiaoDich : `GD-${portalNow(now)}-${pad(++this.recordSeq, 4)}`;
    if (this.payments.has(MaGiaoDich)) return { error: `Giao dịch ${MaGiaoDich} đã có` };
    const p: PortalPayment = {
      MaGiaoDich,
      MaHoSo: code,
      DaThanhToan: true,
      SoTien: amount,
      ThoiDiemThanhToan: portalNow(now),
      ...(ref ? { MaThamChieu: ref } : {}),
      state: 'new',
      LyDo: '',
    };
    this.payments.set(MaGiaoDich, p);
    if (bill) {
      bill.state = 'paid';
      bill.MaGiaoDich = MaGiaoDich;
    }
    return p;
  }

  /**
   * GuiThongTinThanhToan: the province's bills, checked as the platform would (a dossier submitted
   * here, the fee lines adding up to the amount, a due date). The same bill code again is the same
   * bill (a retry): kept once. `lose`: stored, but the answer is lost (fault).
   */
  receiveBills(data: unknown[]): { error?: string; lose?: boolean } {
    const bills = data as (BillData | null)[];
    for (const b of bills) {
      const err = billError(b, this.submissions);
      if (err) return { error: err };
      const had = this.bills.get(String(b!.MaThamChieu));
      if (had && (had.MaHoSo !== b!.MaHoSo || had.SoTien !== b!.SoTien)) return { error: `Mã tham chiếu ${had.MaThamChieu} đã dùng cho một hóa đơn khác` };
    }
    // Checked above: every bill is well formed.
    for (const b of bills as BillData[]) {
      const code = String(b.MaThamChieu);
      const had = this.bills.get(code);
      if (had) had.deliveries++;
      else
        this.bills.set(code, {
          MaThamChieu: code,
          MaHoSo: String(b.MaHoSo),
          SoTien: Number(b.SoTien),
          HanThanhToan: String(b.HanThanhToan),
          data: b,
          state: 'open',
          MaGiaoDich: '',
          deliveries: 1,
        });
    }
    if (this.faults.loseBillAnswers > 0) {
      this.faults.loseBillAnswers--;
      return { lose: true };
    }
    return {};
  }

  /** LayDanhSachThanhToanMoi: the payment records the province has not acknowledged, whole (they are small). */
  offerPayments(limit: number): Omit<PortalPayment, 'state' | 'LyDo'>[] {
    let list = [...this.payments.values()].filter((p) => p.state === 'new');
    if (this.faults.reverseOrder) list = list.reverse();
    list = list.slice(0, Math.max(1, Math.min(limit || 50, 200)));
    if (this.faults.duplicateOffers) list = list.flatMap((p) => [p, p]);
    return list.map(({ state: _s, LyDo: _l, ...rec }) => rec);
  }

  /**
   * The citizen answers the open supplement request on the portal, item by item (a note, or the
   * sample PDF as the file: the sandbox takes no upload). `raw` (tests) stores the answer as given.
   */
  answerSupplement(
    code: string,
    synced: { data: Record<string, any> } | undefined,
    input: Record<string, any>,
    opts: { raw?: boolean } = {},
  ): SupplementAnswer | { error: string } {
    const MaBoSung = `BS-${code}-${pad(++this.recordSeq, 4)}`;
    if (opts.raw) {
      const a: SupplementAnswer = { MaBoSung, MaHoSo: code, detail: { ...input, MaBoSung, MaHoSo: code }, state: 'new', LyDo: '' };
      this.answers.set(MaBoSung, a);
      return a;
    }
    if (!this.submissions.has(code)) return { error: `Không tìm thấy hồ sơ ${code}` };
    const open = openSupplementRequest(synced);
    if (!open) return { error: 'Hồ sơ không có yêu cầu bổ sung đang chờ' };
    if ([...this.answers.values()].some((a) => a.MaHoSo === code && a.detail.MaYeuCauBoSung === open.MaYeuCauBoSung && a.state !== 'refused'))
      return { error: 'Yêu cầu bổ sung này đã được trả lời trên Cổng' };
    const given = (input.DanhSachGiayTo ?? []) as Record<string, any>[];
    const items = (open.DanhSachGiayToBoSung ?? []) as Record<string, any>[];
    const list = items.map((it) => {
      const g = given.find((x) => x.MaMuc === it.MaMuc) ?? {};
      const note = String(g.GhiChu ?? '').trim();
      const file = g.DuLieuTepDinhKem
        ? {
            TenTepDinhKem: String(g.TenTepDinhKem ?? 'bo-sung.pdf'),
            LoaiTep: String(g.LoaiTep ?? 'application/pdf'),
            DuLieuTepDinhKem: String(g.DuLieuTepDinhKem),
          }
        : g.DinhKemMau
          ? { TenTepDinhKem: `bo-sung-${it.MaMuc}.pdf`.slice(0, 200), LoaiTep: 'application/pdf', DuLieuTepDinhKem: FORM_PDF.toString('base64') }
          : null;
      return { MaMuc: String(it.MaMuc), ...(note ? { GhiChu: note } : {}), ...(file ?? {}) };
    });
    const missing = list.filter((x) => !('GhiChu' in x) && !('DuLieuTepDinhKem' in x));
    if (missing.length) return { error: `Cần ghi chú hoặc đính kèm tệp cho từng mục (${missing.length} mục còn trống)` };
    const a: SupplementAnswer = {
      MaBoSung,
      MaHoSo: code,
      detail: { MaBoSung, MaHoSo: code, MaYeuCauBoSung: open.MaYeuCauBoSung, DanhSachGiayTo: list },
      state: 'new',
      LyDo: '',
    };
    this.answers.set(MaBoSung, a);
    return a;
  }

  /** LayDanhSachBoSungMoi: the answers the province has not acknowledged. */
  offerAnswers(limit: number): { MaBoSung: string; MaHoSo: string }[] {
    let list = [...this.answers.values()].filter((a) => a.state === 'new');
    if (this.faults.reverseOrder) list = list.reverse();
    list = list.slice(0, Math.max(1, Math.min(limit || 50, 200)));
    if (this.faults.duplicateOffers) list = list.flatMap((a) => [a, a]);
    return list.map((a) => ({ MaBoSung: a.MaBoSung, MaHoSo: a.MaHoSo }));
  }

  /** CapNhatDaNhanThanhToan / CapNhatDaNhanBoSung: received or refused (with the reason); the same lost-answer fault as dossiers. */
  acknowledgeRecord(rec: PortalPayment | SupplementAnswer | undefined, body: Record<string, any>): { error?: string; lose?: boolean } {
    if (!rec) return { error: `Không tìm thấy bản ghi ${body.maGiaoDich ?? body.maBoSung}` };
    if (this.faults.loseAckAnswers > 0) {
      this.faults.loseAckAnswers--;
      return { lose: true };
    }
    rec.state = body.daNhan === true ? 'acknowledged' : 'refused';
    rec.LyDo = body.daNhan === true ? '' : String(body.LyDo ?? '');
    return {};
  }

  /** A citizen's submission: the portal's code, e.g. G22.99-20260309-000001. */
  submit(input: Record<string, any>, now = new Date()): Submission | { error: string } {
    const c = input.ChuHoSo ?? {};
    if (!input.MaTTHC) return { error: 'Thiếu mã thủ tục (MaTTHC)' };
    if (!c.HoVaTen || !/^\d{12}$/.test(String(c.SoDinhDanh ?? ''))) return { error: 'Thiếu họ tên hoặc số định danh cá nhân (12 chữ số) của chủ hồ sơ' };
    const seq = ++this.seq;
    const MaHoSo = `G22.99-${portalNow(now).slice(0, 8)}-${pad(seq, 6)}`;
    const detail = { ...input, MaHoSo, NgayNopHoSo: portalNow(now), TepDinhKem: input.TepDinhKem ?? [], DuLieuBieuMau: input.DuLieuBieuMau ?? {} };
    const s: Submission = { MaHoSo, seq, detail, state: 'new', MaHoSoTinh: '', LyDo: '', acks: 0 };
    this.submissions.set(MaHoSo, s);
    return s;
  }

  /** Stores a detail as given (tests: a malformed hand-over under a portal code). */
  submitRaw(detail: Record<string, any>): Submission {
    const seq = ++this.seq;
    const MaHoSo = typeof detail.MaHoSo === 'string' ? detail.MaHoSo : `G22.99-RAW-${pad(seq, 6)}`;
    const s: Submission = { MaHoSo, seq, detail, state: 'new', MaHoSoTinh: '', LyDo: '', acks: 0 };
    this.submissions.set(MaHoSo, s);
    return s;
  }

  /** LayDanhSachHoSoMoi: the dossiers the province has not acknowledged yet. */
  offer(limit: number): { MaHoSo: string; MaTTHC: string; NgayNopHoSo: string }[] {
    let list = [...this.submissions.values()].filter((s) => s.state === 'new').sort((a, b) => a.seq - b.seq);
    if (this.faults.reverseOrder) list = list.reverse();
    list = list.slice(0, Math.max(1, Math.min(limit || 50, 200)));
    if (this.faults.duplicateOffers) list = list.flatMap((s) => [s, s]);
    return list.map((s) => ({ MaHoSo: s.MaHoSo, MaTTHC: String(s.detail.MaTTHC ?? ''), NgayNopHoSo: String(s.detail.NgayNopHoSo ?? '') }));
  }

  /** CapNhatDaNhanHoSo: received (with the province's code) or refused (with the reason). `lose`: the acknowledgement did not arrive (fault). */
  acknowledge(body: Record<string, any>): { error?: string; lose?: boolean } {
    const s = this.submissions.get(String(body.mahoso ?? ''));
    if (!s) return { error: `Không tìm thấy hồ sơ ${body.mahoso}` };
    if (this.faults.loseAckAnswers > 0) {
      this.faults.loseAckAnswers--;
      return { lose: true };
    }
    s.acks++;
    if (body.daNhan === true) {
      s.state = 'acknowledged';
      s.MaHoSoTinh = String(body.MaHoSoTinh ?? '');
      s.LyDo = '';
    } else {
      s.state = 'refused';
      s.LyDo = String(body.LyDo ?? '');
    }
    return {};
  }

  /** The sandbox's submission form (no JavaScript; works at 360 px). */
  formPage(procedure: string, error = ''): string {
    return page(
      'Nộp hồ sơ trực tuyến',
      `${error ? `<p role="alert" class="err">${esc(error)}</p>` : ''}
      <p>Cổng Dịch vụ công quốc gia (môi trường thử nghiệm). Công dân đã đăng nhập bằng VNeID. Tờ khai đính kèm là một tệp PDF mẫu do môi trường thử nghiệm tạo.</p>
      <form method="post" action="/nop-ho-so">
        <label>Mã thủ tục <input name="MaTTHC" required value="${esc(procedure)}"></label>
        <label>Mã cơ quan tiếp nhận (không bắt buộc) <input name="MaCoQuanTiepNhan"></label>
        <label>Họ và tên <input name="HoVaTen" required></label>
        <label>Số định danh cá nhân <input name="SoDinhDanh" required inputmode="numeric" pattern="\\d{12}"></label>
        <label>Số điện thoại <input name="SoDienThoai" inputmode="tel"></label>
        <label>Mã thành phần hồ sơ của tờ khai <input name="MaThanhPhanHoSo" value="to-khai"></label>
        <label>Dữ liệu tờ khai (JSON) <textarea name="DuLieuBieuMau" rows="8">{}</textarea></label>
        <label><input type="checkbox" name="DaThanhToan" value="1"> Đã thanh toán phí, lệ phí trên Cổng</label>
        <label>Số tiền đã thanh toán (đồng) <input name="SoTien" inputmode="numeric" value="0"></label>
        <button type="submit">Nộp hồ sơ</button>
      </form>`,
    );
  }

  fromForm(f: URLSearchParams, now = new Date()): Submission | { error: string } {
    let data: unknown;
    try {
      data = JSON.parse(f.get('DuLieuBieuMau') || '{}');
    } catch {
      return { error: 'Dữ liệu tờ khai không phải JSON hợp lệ' };
    }
    const paid = f.get('DaThanhToan') === '1';
    return this.submit(
      {
        MaTTHC: f.get('MaTTHC') ?? '',
        ...(f.get('MaCoQuanTiepNhan') ? { MaCoQuanTiepNhan: f.get('MaCoQuanTiepNhan') } : {}),
        ChuHoSo: {
          HoVaTen: (f.get('HoVaTen') ?? '').trim(),
          SoDinhDanh: f.get('SoDinhDanh') ?? '',
          ...(f.get('SoDienThoai') ? { SoDienThoai: f.get('SoDienThoai') } : {}),
        },
        DuLieuBieuMau: data,
        TepDinhKem: [
          {
            MaThanhPhanHoSo: f.get('MaThanhPhanHoSo') || 'to-khai',
            TenTepDinhKem: 'to-khai.pdf',
            LoaiTep: 'application/pdf',
            DuLieuTepDinhKem: FORM_PDF.toString('base64'),
          },
        ],
        ThanhToan: paid ? { DaThanhToan: true, SoTien: Number(f.get('SoTien') || 0), MaGiaoDich: `GD${Date.now()}`, ThoiDiemThanhToan: portalNow(now) } : null,
      },
      now,
    );
  }

  /** /ho-so/<code>: the citizen's view on the portal, from what the province sent back. */
  statusPage(s: Submission, synced: { statuses: number[]; steps: Record<string, any>[]; data: Record<string, any> } | undefined): string {
    const state =
      s.state === 'new'
        ? 'Đang chuyển đến cơ quan tiếp nhận'
        : s.state === 'refused'
          ? `Cơ quan tiếp nhận từ chối: ${s.LyDo}`
          : `Cơ quan tiếp nhận đã nhận hồ sơ (mã hồ sơ tại tỉnh ${s.MaHoSoTinh})`;
    const steps = (synced?.steps ?? []).map((x) => `<li>${esc(String(x.NoiDungXuLy ?? ''))} (${esc(String(x.ThoiDiemXuLy ?? ''))})</li>`).join('');
    const results = ((synced?.data.DanhSachGiayToKetQua ?? []) as Record<string, any>[])
      .map((r) => `<li>${esc(String(r.TenGiayTo ?? ''))}: <a href="${esc(String(r.DuongDanTepTinKetQua ?? ''))}">tải về</a></li>`)
      .join('');
    return page(
      `Hồ sơ ${s.MaHoSo}`,
      `<p>Mã hồ sơ trên Cổng: <strong>${esc(s.MaHoSo)}</strong></p>
      <p>Tình trạng: <span id="state">${esc(state)}</span></p>
      <p>Trạng thái do tỉnh đồng bộ: <span id="status">${esc(String(synced?.data.TrangThaiHoSo ?? 'chưa có'))}</span></p>
      ${this.feeSection(s)}
      ${this.supplementSection(s, synced)}
      <h2>Quá trình xử lý</h2><ol>${steps || '<li>Chưa có</li>'}</ol>
      <h2>Kết quả</h2><ul>${results || '<li>Chưa có</li>'}</ul>`,
    );
  }

  /** The bills the province sent, each with a form that pays exactly it, and the payments made here. */
  private feeSection(s: Submission): string {
    const paid = [...this.payments.values()].filter((p) => p.MaHoSo === s.MaHoSo);
    const rows = paid
      .map(
        (p) =>
          `<li>${esc(p.MaGiaoDich)}: ${vnd(p.SoTien)} đồng${p.MaThamChieu ? ` (hóa đơn ${esc(p.MaThamChieu)})` : ''} (${p.state === 'new' ? 'đang chuyển đến cơ quan' : p.state === 'acknowledged' ? 'cơ quan đã nhận' : `cơ quan từ chối: ${esc(p.LyDo)}`})</li>`,
      )
      .join('');
    const bills = [...this.bills.values()].filter((b) => b.MaHoSo === s.MaHoSo);
    const billHtml = bills
      .map((b) => {
        const lines = ((b.data.ThongTinBienLai?.PhiLePhi ?? []) as BillLine[])
          .map((l) => `<li>${esc(String(l.TenPhiLePhi ?? ''))}: ${vnd(Number(l.SoTien))} đồng</li>`)
          .join('');
        const pay =
          b.state === 'open'
            ? `<form method="post" action="/ho-so/${encodeURIComponent(s.MaHoSo)}/thanh-toan">
          <input type="hidden" name="MaThamChieu" value="${esc(b.MaThamChieu)}">
          <button type="submit">Thanh toán ${vnd(b.SoTien)} đồng</button>
        </form>`
            : `<p>Đã thanh toán (giao dịch ${esc(b.MaGiaoDich)}).</p>`;
        return `<section class="bill" id="hoa-don-${esc(b.MaThamChieu)}"><h3>Hóa đơn ${esc(b.MaThamChieu)}</h3>
        <ul>${lines}</ul>
        <p>Tổng số tiền: <strong>${vnd(b.SoTien)} đồng</strong>. Hạn thanh toán: ${esc(vnDate(b.HanThanhToan))}.</p>
        ${pay}</section>`;
      })
      .join('');
    return rows || billHtml ? `<h2>Thanh toán phí, lệ phí</h2>${billHtml}${rows ? `<ul>${rows}</ul>` : ''}` : '';
  }

  /** The open supplement request from the province, item by item, with the answer form (no JavaScript). */
  private supplementSection(s: Submission, synced: { data: Record<string, any> } | undefined): string {
    const open = openSupplementRequest(synced);
    const given = [...this.answers.values()].filter((a) => a.MaHoSo === s.MaHoSo);
    const sent = given
      .map(
        (a) =>
          `<li>${esc(a.MaBoSung)} (${a.state === 'new' ? 'đang chuyển đến cơ quan' : a.state === 'acknowledged' ? 'cơ quan đã nhận' : `cơ quan từ chối: ${esc(a.LyDo)}`})</li>`,
      )
      .join('');
    const answered = open && given.some((a) => a.detail.MaYeuCauBoSung === open.MaYeuCauBoSung && a.state !== 'refused');
    if (!open && !sent) return '';
    const items = open ? ((open.DanhSachGiayToBoSung ?? []) as Record<string, any>[]) : [];
    const form =
      open && !answered
        ? `<p>Cơ quan yêu cầu bổ sung (lần ${esc(String(open.LanBoSung ?? ''))}): ${esc(String(open.NoiDungYeuCau ?? ''))}</p>
      <form method="post" action="/ho-so/${encodeURIComponent(s.MaHoSo)}/bo-sung">
        ${items
          .map(
            (it, i) => `<fieldset><legend>${esc(String(it.TenGiayTo ?? ''))} (${esc(String(it.LyDo ?? ''))})</legend>
          <p>Cần bổ sung: ${esc(String(it.NoiDungCanBoSung ?? ''))}</p>
          <input type="hidden" name="MaMuc" value="${esc(String(it.MaMuc))}">
          <label><input type="checkbox" name="DinhKemMau:${i}" value="1"> Đính kèm tệp PDF mẫu</label>
          <label>Ghi chú <input name="GhiChu:${i}"></label></fieldset>`,
          )
          .join('')}
        <button type="submit">Gửi bổ sung</button>
      </form>`
        : '';
    return `<h2>Bổ sung hồ sơ</h2>${form}${sent ? `<ul>${sent}</ul>` : ''}`;
  }

  /** The answer form's fields as an answer (items in the form's order). */
  answerFromForm(f: URLSearchParams): Record<string, any> {
    return {
      DanhSachGiayTo: f.getAll('MaMuc').map((MaMuc, i) => ({ MaMuc, GhiChu: f.get(`GhiChu:${i}`) ?? '', DinhKemMau: f.get(`DinhKemMau:${i}`) === '1' })),
    };
  }
}

/** 200.000 */
const vnd = (n: number) => n.toLocaleString('vi-VN');

/** yyyyMMddHHmmss as 02/12/2026 23:59 (the portal's times are Vietnam time already). */
function vnDate(ts: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(ts);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : ts;
}

const TS14 = /^\d{14}$/;
const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** What the platform would refuse in a bill, in Vietnamese; null when it is well formed. */
export function billError(b: BillData | null, submissions: Map<string, Submission>): string | null {
  if (!b || typeof b !== 'object') return 'data phải là mảng hóa đơn';
  if (typeof b.MaThamChieu !== 'string' || !/^[A-Za-z0-9.\-_]{4,60}$/.test(b.MaThamChieu)) return 'Thiếu hoặc sai MaThamChieu';
  if (!submissions.has(String(b.MaHoSo))) return `Không tìm thấy hồ sơ ${b.MaHoSo}`;
  if (!isPositiveInt(b.SoTien)) return 'SoTien phải là số nguyên dương (đồng)';
  if (!TS14.test(String(b.HanThanhToan)) || !TS14.test(String(b.ThoiGianGD))) return 'HanThanhToan và ThoiGianGD phải có dạng yyyyMMddHHmmss';
  const info = b.ThongTinBienLai;
  if (!info || String(info.MaDichVu) !== '2' || info.MaHoSo !== b.MaHoSo) return 'ThongTinBienLai thiếu hoặc sai MaDichVu (2) hoặc MaHoSo';
  const lines = info.PhiLePhi as (BillLine | null)[];
  if (!Array.isArray(lines) || lines.length === 0 || lines.some((l) => !l?.TenPhiLePhi || !isPositiveInt(l.SoTien)))
    return 'PhiLePhi phải là mảng khác rỗng, mỗi khoản có TenPhiLePhi và SoTien nguyên dương';
  const sum = lines.reduce((n, l) => n + Number(l!.SoTien), 0);
  if (sum !== b.SoTien) return `Tổng các khoản PhiLePhi (${sum}) khác SoTien (${b.SoTien})`;
  return null;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} - Cổng Dịch vụ công quốc gia (thử nghiệm)</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:0 auto;padding:1rem}label{display:block;margin:.5rem 0}input,textarea{display:block;width:100%;box-sizing:border-box;font-size:1rem}input[type=checkbox]{display:inline;width:auto}fieldset{margin:.5rem 0}.err{color:#a00}button{font-size:1rem;padding:.5rem 1rem}</style></head>
<body><header><p>Cổng Dịch vụ công quốc gia (môi trường thử nghiệm)</p></header><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}
