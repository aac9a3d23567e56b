/**
 * The sandbox portal as the citizens' front door: a citizen submits a dossier here (page
 * /nop-ho-so or POST /_sandbox/submissions), the portal gives it its own code, and the province
 * pulls it (services LayDanhSachHoSoMoi, LayChiTietHoSo, CapNhatDaNhanHoSo, modelled on the
 * national inter-connected services' pull-and-acknowledge; docs/decisions-national-portal.md).
 * A dossier stays offered until the province acknowledges it. Faults for the tests: offer
 * each dossier twice, offer in reverse order, lose acknowledgements (the dossier is offered again).
 * The page /ho-so/<code> shows what the province sent back: statuses, steps, result.
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

export interface FrontDoorFaults {
  duplicateOffers: boolean;
  reverseOrder: boolean;
  loseAckAnswers: number;
}

/** A one-page PDF attached by the sandbox form (the page takes no upload: it is a sandbox). */
const FORM_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** yyyyMMddHHmmss in Vietnam time. */
function portalNow(d = new Date()): string {
  const v = new Date(d.getTime() + 7 * 3600_000);
  return `${v.getUTCFullYear()}${pad(v.getUTCMonth() + 1, 2)}${pad(v.getUTCDate(), 2)}${pad(v.getUTCHours(), 2)}${pad(v.getUTCMinutes(), 2)}${pad(v.getUTCSeconds(), 2)}`;
}

export class FrontDoor {
  submissions = new Map<string, Submission>();
  faults: FrontDoorFaults = { duplicateOffers: false, reverseOrder: false, loseAckAnswers: 0 };
  private seq = 0;

  constructor(saved?: Submission[]) {
    for (const s of saved ?? []) {
      this.submissions.set(s.MaHoSo, s);
      this.seq = Math.max(this.seq, s.seq);
    }
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
        ChuHoSo: { HoVaTen: (f.get('HoVaTen') ?? '').trim(), SoDinhDanh: f.get('SoDinhDanh') ?? '', ...(f.get('SoDienThoai') ? { SoDienThoai: f.get('SoDienThoai') } : {}) },
        DuLieuBieuMau: data,
        TepDinhKem: [{ MaThanhPhanHoSo: f.get('MaThanhPhanHoSo') || 'to-khai', TenTepDinhKem: 'to-khai.pdf', LoaiTep: 'application/pdf', DuLieuTepDinhKem: FORM_PDF.toString('base64') }],
        ThanhToan: paid ? { DaThanhToan: true, SoTien: Number(f.get('SoTien') || 0), MaGiaoDich: `GD${Date.now()}`, ThoiDiemThanhToan: portalNow(now) } : null,
      },
      now,
    );
  }

  /** /ho-so/<code>: the citizen's view on the portal, from what the province sent back. */
  statusPage(s: Submission, synced: { statuses: number[]; steps: Record<string, any>[]; data: Record<string, any> } | undefined): string {
    const state = s.state === 'new' ? 'Đang chuyển đến cơ quan tiếp nhận' : s.state === 'refused' ? `Cơ quan tiếp nhận từ chối: ${s.LyDo}` : `Cơ quan tiếp nhận đã nhận hồ sơ (mã hồ sơ tại tỉnh ${s.MaHoSoTinh})`;
    const steps = (synced?.steps ?? []).map((x) => `<li>${esc(String(x.NoiDungXuLy ?? ''))} (${esc(String(x.ThoiDiemXuLy ?? ''))})</li>`).join('');
    const results = ((synced?.data.DanhSachGiayToKetQua ?? []) as Record<string, any>[]).map((r) => `<li>${esc(String(r.TenGiayTo ?? ''))}: <a href="${esc(String(r.DuongDanTepTinKetQua ?? ''))}">tải về</a></li>`).join('');
    return page(
      `Hồ sơ ${s.MaHoSo}`,
      `<p>Mã hồ sơ trên Cổng: <strong>${esc(s.MaHoSo)}</strong></p>
      <p>Tình trạng: <span id="state">${esc(state)}</span></p>
      <p>Trạng thái do tỉnh đồng bộ: <span id="status">${esc(String(synced?.data.TrangThaiHoSo ?? 'chưa có'))}</span></p>
      <h2>Quá trình xử lý</h2><ol>${steps || '<li>Chưa có</li>'}</ol>
      <h2>Kết quả</h2><ul>${results || '<li>Chưa có</li>'}</ul>`,
    );
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)} - Cổng Dịch vụ công quốc gia (thử nghiệm)</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:0 auto;padding:1rem}label{display:block;margin:.5rem 0}input,textarea{display:block;width:100%;box-sizing:border-box;font-size:1rem}.err{color:#a00}button{font-size:1rem;padding:.5rem 1rem}</style></head>
<body><header><p>Cổng Dịch vụ công quốc gia (môi trường thử nghiệm)</p></header><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}
