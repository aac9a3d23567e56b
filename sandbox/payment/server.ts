/**
 * Sandbox of the national payment platform: INIT, QUERY, GET_BILL, DOI_SOAT on one JSON
 * endpoint, a pay page where the payer clicks "Thanh toán" or "Hủy", then the signed callback to
 * the portal and the browser sent back. Behaviour switches for the tests and the demo:
 * `callback: 'drop'` simulates a callback that never arrives (timeout; QUERY still tells the
 * truth: the late success), `sendCallback(ref)` delivers it late. NOT the real platform.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  CALLBACK_FIELDS,
  CALLBACK_TYPE,
  gatewayTime,
  INIT_FIELDS,
  macOf,
  MA_LOI_OK,
  QUERY_ANSWER_FIELDS,
  QUERY_FIELDS,
  RECONCILE_FIELDS,
  sameMac,
  TRANG_THAI,
  type MacScheme,
} from '../../src/modules/payments/model';
import { renderPdf, keyValues, title } from '../../src/platform/pdf';
import { escapeHtml, listen, readBody, sendHtml, sendJson } from '../esign/http';
import { text } from './messages';

export interface SandboxPaymentOptions {
  port: number;
  host?: string;
  partnerCode: string;
  secret: string;
  /** How MaXacThuc is computed (default hmac-sha256, as the portal's sandbox mode). */
  macScheme?: MacScheme;
  /** Public URL of this sandbox (for UrlThanhToan); default: the address it listens on. */
  publicUrl?: string;
  /** The portal's base URL (callback and browser return); a function when it is known only later (tests). */
  portalUrl: string | (() => string);
}

export interface SandboxOrder {
  ref: string;
  amount: number;
  info: string;
  token: string;
  status: string;
  transactionId: string | null;
  bankCode: string | null;
  time: string | null;
  callbacks: { at: string; status: number; body: unknown }[];
}

export interface SandboxPaymentHandle {
  url: string;
  orders: Map<string, SandboxOrder>;
  behaviour: { callback: 'send' | 'drop' };
  /** Sends (again) the callback of an order, e.g. late. Returns the portal's answer. */
  sendCallback(ref: string, tamper?: (msg: Record<string, unknown>) => void): Promise<{ status: number; body: any }>;
  /** Plays the payer: opens UrlThanhToan and clicks a button; returns where the browser is sent. */
  payerClicks(payUrl: string, action: 'pay' | 'cancel'): Promise<string>;
  close(): Promise<void>;
}

export async function startSandboxPayment(opts: SandboxPaymentOptions): Promise<SandboxPaymentHandle> {
  const orders = new Map<string, SandboxOrder>();
  const byToken = new Map<string, SandboxOrder>();
  const behaviour: SandboxPaymentHandle['behaviour'] = { callback: 'send' };
  const portal = () => (typeof opts.portalUrl === 'function' ? opts.portalUrl() : opts.portalUrl).replace(/\/$/, '');
  let base = '';
  const scheme = opts.macScheme ?? 'hmac-sha256';
  const mac = (msg: Record<string, unknown>, fields: readonly string[]) => macOf(msg, fields, opts.secret, scheme);

  function signed(o: SandboxOrder, loai: string): Record<string, unknown> {
    const msg: Record<string, unknown> = {
      LoaiBanTin: loai,
      MaLoi: o.status === TRANG_THAI.paid ? MA_LOI_OK : o.status === TRANG_THAI.notFound ? '04' : '01',
      MaDoiTac: opts.partnerCode,
      MaThamChieu: o.ref,
      SoTien: o.amount,
      MaTienTe: 'VND',
      MaGiaoDich: o.transactionId ?? '',
      MaNganHang: o.bankCode ?? '',
      ThoiGianGD: o.time ?? '',
      ThongTinGiaoDich: o.info,
      TrangThaiGD: o.status,
    };
    // The callback signs the fields of research note §8.2; the QUERY answer also signs TrangThaiGD.
    msg.MaXacThuc = mac(msg, loai === 'QUERY' ? QUERY_ANSWER_FIELDS : CALLBACK_FIELDS);
    return msg;
  }

  async function sendCallback(ref: string, tamper?: (msg: Record<string, unknown>) => void) {
    const o = orders.get(ref);
    if (!o) throw new Error(`no order ${ref}`);
    const msg = signed(o, CALLBACK_TYPE);
    tamper?.(msg);
    const res = await fetch(`${portal()}/api/v1/payments/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.json().catch(() => null);
    o.callbacks.push({ at: new Date().toISOString(), status: res.status, body });
    return { status: res.status, body };
  }

  function payPage(o: SandboxOrder): string {
    const done = o.status !== TRANG_THAI.pending;
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)}</title></head><body>
<h1>${escapeHtml(text.title)}</h1><p><strong>${escapeHtml(text.warning)}</strong></p>
<dl><dt>${escapeHtml(text.order)}</dt><dd>${escapeHtml(o.ref)}</dd><dt>${escapeHtml(text.amount)}</dt><dd>${o.amount.toLocaleString('vi-VN')} VND</dd><dt>${escapeHtml(text.content)}</dt><dd>${escapeHtml(o.info)}</dd></dl>
${done ? `<p>${escapeHtml(text.done)}</p><p><a href="${escapeHtml(returnUrl(o))}">${escapeHtml(text.back)}</a></p>` : `<form method="post" action="/pay/${o.token}"><button name="action" value="pay">${escapeHtml(text.pay)}</button> <button name="action" value="cancel">${escapeHtml(text.cancel)}</button></form>`}
</body></html>`;
  }
  const returnUrl = (o: SandboxOrder) => `${portal()}/thanh-toan/ket-qua?MaThamChieu=${encodeURIComponent(o.ref)}`;

  async function api(body: any): Promise<[number, unknown]> {
    const loai = body?.LoaiBanTin;
    if (body?.MaDoiTac !== opts.partnerCode) return [200, { error_code: '10', message: 'MaDoiTac không hợp lệ' }];
    if (loai === 'INIT') {
      if (!sameMac(body.MaXacThuc, mac(body, INIT_FIELDS))) return [200, { error_code: '11', message: 'MaXacThuc không hợp lệ' }];
      const amount = Number(body.SoTien);
      if (!Number.isInteger(amount) || amount <= 0 || !body.MaThamChieu) return [200, { error_code: '12', message: 'Dữ liệu không hợp lệ' }];
      if (orders.has(body.MaThamChieu)) return [200, { error_code: '13', message: 'MaThamChieu đã tồn tại' }];
      const o: SandboxOrder = {
        ref: String(body.MaThamChieu),
        amount,
        info: String(body.ThongTinGiaoDich ?? ''),
        token: randomBytes(16).toString('hex'),
        status: TRANG_THAI.pending,
        transactionId: null,
        bankCode: null,
        time: null,
        callbacks: [],
      };
      orders.set(o.ref, o);
      byToken.set(o.token, o);
      return [200, { error_code: '0', message: JSON.stringify({ UrlThanhToan: `${base}/pay/${o.token}` }) }];
    }
    if (loai === 'QUERY' || loai === 'GET_BILL') {
      if (!sameMac(body.MaXacThuc, mac(body, QUERY_FIELDS))) return [200, { MaLoi: '11', MoTaLoi: 'MaXacThuc không hợp lệ' }];
      const o = orders.get(String(body.MaThamChieu));
      const shown: SandboxOrder = o ?? {
        ref: String(body.MaThamChieu),
        amount: 0,
        info: '',
        token: '',
        status: TRANG_THAI.notFound,
        transactionId: null,
        bankCode: null,
        time: null,
        callbacks: [],
      };
      if (loai === 'QUERY') return [200, signed(shown, 'QUERY')];
      if (!o || o.status !== TRANG_THAI.paid) return [200, { MaLoi: '04', MoTaLoi: 'Không có biên lai' }];
      const pdf = await renderPdf((doc) => {
        title(doc, 'BIÊN LAI THU PHÍ, LỆ PHÍ (THỬ NGHIỆM)');
        keyValues(doc, [
          [text.order, o.ref],
          ['Mã giao dịch', o.transactionId ?? ''],
          [text.amount, `${o.amount.toLocaleString('vi-VN')} VND`],
          [text.content, o.info],
        ]);
      });
      return [200, { MaLoi: MA_LOI_OK, BienLai: pdf.toString('base64') }];
    }
    if (loai === 'DOI_SOAT') {
      if (!sameMac(body.MaXacThuc, mac(body, RECONCILE_FIELDS))) return [200, { MaLoi: '11', MoTaLoi: 'MaXacThuc không hợp lệ' }];
      const day = String(body.NgayDoiSoat ?? '');
      const list = [...orders.values()]
        .filter((o) => o.time?.startsWith(day))
        .map((o) => ({ MaThamChieu: o.ref, MaGiaoDich: o.transactionId, SoTien: o.amount, TrangThaiGD: o.status, ThoiGianGD: o.time, MaNganHang: o.bankCode }));
      return [200, { MaLoi: MA_LOI_OK, DanhSachGiaoDich: list }];
    }
    return [400, { error_code: '99', message: 'LoaiBanTin không hỗ trợ' }];
  }

  const l = await listen(opts.port, opts.host ?? '127.0.0.1', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method === 'POST' && url.pathname === '/api/v1/payment') {
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return sendJson(res, 400, { error_code: '98', message: 'JSON không hợp lệ' });
      }
      const [status, out] = await api(body);
      return sendJson(res, status, out);
    }
    const m = /^\/pay\/([0-9a-f]{32})$/.exec(url.pathname);
    const o = m ? byToken.get(m[1]) : undefined;
    if (!o) return sendHtml(res, 404, `<!doctype html><p>${escapeHtml(text.notFound)}</p>`);
    if (req.method === 'GET') return sendHtml(res, 200, payPage(o));
    if (req.method !== 'POST') return sendHtml(res, 405, '');
    const action = new URLSearchParams(await readBody(req)).get('action');
    if (o.status === TRANG_THAI.pending && (action === 'pay' || action === 'cancel')) {
      o.status = action === 'pay' ? TRANG_THAI.paid : TRANG_THAI.cancelled;
      o.time = gatewayTime(new Date());
      if (action === 'pay') {
        o.transactionId = `GD${Date.now()}${randomUUID().slice(0, 8).toUpperCase()}`;
        o.bankCode = 'SANDBOXBANK';
      }
      if (behaviour.callback === 'send') await sendCallback(o.ref).catch(() => undefined);
    }
    res.writeHead(303, { location: returnUrl(o) });
    res.end();
  });
  base = (opts.publicUrl ?? l.url).replace(/\/$/, '');
  if (opts.publicUrl && /:0$/.test(new URL(opts.publicUrl).host)) base = l.url;

  async function payerClicks(payUrl: string, action: 'pay' | 'cancel'): Promise<string> {
    const page = await fetch(payUrl);
    if (page.status !== 200) throw new Error(`pay page answered ${page.status}`);
    const res = await fetch(payUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action }).toString(),
    });
    return res.headers.get('location') ?? '';
  }

  return { url: l.url, orders, behaviour, sendCallback, payerClicks, close: l.close };
}
