/**
 * The payment gateway adapter, modelled on the national public-service portal's payment
 * platform: INIT (-> UrlThanhToan), the signed callback, QUERY, GET_BILL, and a daily
 * transaction list for reconciliation (DOI_SOAT: our assumption of its shape). Every message
 * carries MaXacThuc (model.ts). One JSON endpoint: POST {PAYMENT_URL}/api/v1/payment.
 */
import { gatewayTime, INIT_FIELDS, macOf, PHIEN_BAN, QUERY_ANSWER_FIELDS, QUERY_FIELDS, RECONCILE_FIELDS, verifySigned, type MacScheme } from './model';

export interface GatewaySettings {
  url: string;
  partnerCode: string;
  secret: string;
  macScheme: MacScheme;
}

export interface InitRequest {
  orderRef: string;
  amount: number;
  description: string;
  ip: string;
  at: Date;
  receipt: Record<string, unknown>;
}

export interface GatewayTransaction {
  orderRef: string;
  /** TrangThaiGD */
  status: string;
  amount: number;
  transactionId: string | null;
  bankCode: string | null;
  time: string | null;
}

export class GatewayError extends Error {}

async function post(s: GatewaySettings, body: Record<string, unknown>): Promise<any> {
  let res: Response;
  try {
    res = await fetch(`${s.url}/api/v1/payment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (e) {
    throw new GatewayError(`payment gateway unreachable: ${(e as Error).message}`);
  }
  const json = await res.json().catch(() => null);
  if (!res.ok || !json) throw new GatewayError(`payment gateway ${body.LoaiBanTin}: HTTP ${res.status}`);
  return json;
}

export async function initPayment(s: GatewaySettings, r: InitRequest): Promise<{ payUrl: string }> {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'INIT',
    PhienBan: PHIEN_BAN,
    MaDoiTac: s.partnerCode,
    MaThamChieu: r.orderRef,
    SoTien: r.amount,
    LoaiHinhThanhToan: 'PAY',
    MaKenhThanhToan: '1',
    MaThietBi: '1',
    NgonNgu: 'vi-VN',
    MaTienTe: 'VND',
    MaNganHang: 'PAYMENT',
    ThongTinGiaoDich: s.macScheme === 'sha256-pipe' ? r.description.replace(/\|/g, '/') : r.description,
    ThoiGianGD: gatewayTime(r.at),
    Ip: r.ip,
    ThongTinBienLai: r.receipt,
  };
  msg.MaXacThuc = macOf(msg, INIT_FIELDS, s.secret, s.macScheme);
  const res = await post(s, msg);
  if (String(res.error_code) !== '0') throw new GatewayError(`INIT refused: ${res.error_code} ${res.message}`);
  let url: unknown;
  try {
    url = JSON.parse(String(res.message)).UrlThanhToan;
  } catch {
    url = undefined;
  }
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new GatewayError('INIT: no UrlThanhToan');
  return { payUrl: url };
}

/**
 * QUERY: the platform's view of one order. Only a signed answer of the QUERY type about this
 * very order and partner counts, and only its signed fields are read.
 */
export async function queryPayment(s: GatewaySettings, orderRef: string, at: Date): Promise<GatewayTransaction> {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'QUERY',
    PhienBan: PHIEN_BAN,
    MaDoiTac: s.partnerCode,
    MaThamChieu: orderRef,
    ThoiGianGD: gatewayTime(at),
  };
  msg.MaXacThuc = macOf(msg, QUERY_FIELDS, s.secret, s.macScheme);
  const res = await post(s, msg);
  const m = verifySigned(res, QUERY_ANSWER_FIELDS, s.secret, s.macScheme);
  if (!m) throw new GatewayError('gateway answer with a bad MaXacThuc');
  if (m.LoaiBanTin !== 'QUERY' || m.MaThamChieu !== orderRef || m.MaDoiTac !== s.partnerCode)
    throw new GatewayError(`gateway answer of type ${m.LoaiBanTin} about ${m.MaThamChieu}, not QUERY about ${orderRef}`);
  return {
    orderRef: m.MaThamChieu,
    status: m.TrangThaiGD,
    amount: Number(m.SoTien || 0),
    transactionId: m.MaGiaoDich || null,
    bankCode: m.MaNganHang || null,
    time: m.ThoiGianGD || null,
  };
}

/** DOI_SOAT lists are unsigned (assumed shape): they only flag mismatches for people, never change a payment. */
const toTx = (r: any): GatewayTransaction => ({
  orderRef: String(r.MaThamChieu),
  status: String(r.TrangThaiGD),
  amount: Number(r.SoTien ?? 0),
  transactionId: r.MaGiaoDich ? String(r.MaGiaoDich) : null,
  bankCode: r.MaNganHang ? String(r.MaNganHang) : null,
  time: r.ThoiGianGD ? String(r.ThoiGianGD) : null,
});

/** GET_BILL: the platform's electronic receipt (PDF), or null when it has none. */
export async function getBill(s: GatewaySettings, orderRef: string, at: Date): Promise<Buffer | null> {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'GET_BILL',
    PhienBan: PHIEN_BAN,
    MaDoiTac: s.partnerCode,
    MaThamChieu: orderRef,
    ThoiGianGD: gatewayTime(at),
  };
  msg.MaXacThuc = macOf(msg, QUERY_FIELDS, s.secret, s.macScheme);
  const res = await post(s, msg);
  return typeof res.BienLai === 'string' ? Buffer.from(res.BienLai, 'base64') : null;
}

/** DOI_SOAT: every transaction of the partner on a Vietnam calendar day (yyyyMMdd). */
export async function listTransactions(s: GatewaySettings, day: string, at: Date): Promise<GatewayTransaction[]> {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'DOI_SOAT',
    PhienBan: PHIEN_BAN,
    MaDoiTac: s.partnerCode,
    NgayDoiSoat: day.replace(/-/g, ''),
    ThoiGianGD: gatewayTime(at),
  };
  msg.MaXacThuc = macOf(msg, RECONCILE_FIELDS, s.secret, s.macScheme);
  const res = await post(s, msg);
  if (!Array.isArray(res.DanhSachGiaoDich)) throw new GatewayError('DOI_SOAT: no list');
  return res.DanhSachGiaoDich.map(toTx);
}
