/**
 * Payments: pure rules. Fees from the procedure version, the message authentication code of the
 * national payment platform (MaXacThuc), the payment state machine.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FeeSpec } from '../catalogue/model';
import { quoteFeeRules, type FeeQuoteLine, type FeeQuoteResult } from '../catalogue/model';

export type PaymentState = 'pending' | 'paid' | 'failed' | 'cancelled';
export const PAYMENT_STATES: PaymentState[] = ['pending', 'paid', 'failed', 'cancelled'];

/**
 * Allowed changes. A payment the gateway reports as paid is paid even when we had given up on
 * it (failed or cancelled after a timeout): the money moved, so it must be recorded (and, if the
 * dossier was paid twice, flagged for refund). Nothing ever leaves `paid`.
 */
export function canTransition(from: PaymentState, to: PaymentState): boolean {
  if (from === to) return false;
  if (from === 'paid') return false;
  if (to === 'paid') return true;
  return from === 'pending';
}

export type FeeLine = FeeQuoteLine;
export type FeeQuote = FeeQuoteResult;

/**
 * Fees of a dossier from its procedure version and the applicant's answers: the catalogue's one
 * fee function (conditions, per-unit lines, exemptions; online amounts for online dossiers).
 */
export function computeFees(
  fees: FeeSpec[],
  channel: string,
  opts: { feeKeys?: string[]; exemptKeys?: string[]; answers?: Record<string, unknown> } = {},
): FeeQuote {
  return quoteFeeRules(fees, { channel, ...opts });
}

/**
 * How MaXacThuc is computed. `sha256-pipe`: the platform's form as found in integrations
 * (research note §8.2): lowercase hex SHA-256 of the values joined with "|", the secret appended;
 * ambiguous when a value holds "|", so such a message is never signed or accepted under it.
 * `hmac-sha256`: HMAC-SHA256 keyed with the secret over length-prefixed values
 * (`<byte length>:<value>,` each, a netstring), unambiguous; the sandbox's default.
 */
export type MacScheme = 'hmac-sha256' | 'sha256-pipe';
export const MAC_SCHEMES: readonly MacScheme[] = ['hmac-sha256', 'sha256-pipe'];

/** MaXacThuc under the legacy `sha256-pipe` scheme (no check for "|": see macOf). */
export function maXacThuc(fields: (string | number)[], secret: string): string {
  return createHash('sha256')
    .update([...fields.map(String), secret].join('|'), 'utf8')
    .digest('hex');
}

/** The length-prefixed encoding of the values: no two lists of values encode alike. */
export function lengthPrefixed(values: string[]): string {
  return values.map((v) => `${Buffer.byteLength(v, 'utf8')}:${v},`).join('');
}

export function hmacMac(values: string[], secret: string): string {
  return createHmac('sha256', secret).update(lengthPrefixed(values), 'utf8').digest('hex');
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(String(a).toLowerCase());
  const y = Buffer.from(String(b).toLowerCase());
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** Field orders of the MAC per message (INIT and QUERY/GET_BILL as found in integrations; the callback order is our assumption, see docs). */
export const INIT_FIELDS = [
  'LoaiBanTin',
  'PhienBan',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'LoaiHinhThanhToan',
  'MaKenhThanhToan',
  'MaThietBi',
  'NgonNgu',
  'MaTienTe',
  'MaNganHang',
  'ThongTinGiaoDich',
  'ThoiGianGD',
  'Ip',
] as const;
export const QUERY_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'] as const;
/** The callback (research note §8.2 lists these fields; TrangThaiGD is not among them, so it never decides a callback). */
export const CALLBACK_FIELDS = [
  'LoaiBanTin',
  'MaLoi',
  'MaDoiTac',
  'MaThamChieu',
  'SoTien',
  'MaTienTe',
  'MaGiaoDich',
  'MaNganHang',
  'ThoiGianGD',
  'ThongTinGiaoDich',
] as const;
/** The QUERY answer: the callback's fields and the transaction status, all signed (our assumption, see docs). */
export const QUERY_ANSWER_FIELDS = [...CALLBACK_FIELDS, 'TrangThaiGD'] as const;
export const RECONCILE_FIELDS = ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayDoiSoat', 'ThoiGianGD'] as const;
/** LoaiBanTin of the platform's callback and of its answer to QUERY. */
export const CALLBACK_TYPE = 'CONFIRM';

const valueOf = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/**
 * MaXacThuc of a message over `fields`, or '' (which never matches: see sameMac) when the
 * scheme cannot encode the values unambiguously (a "|" under sha256-pipe) or a value is not a
 * plain string or number (an object or array would sign as "[object Object]").
 */
export function macOf(msg: Record<string, unknown>, fields: readonly string[], secret: string, scheme: MacScheme = 'hmac-sha256'): string {
  const raw = fields.map((f) => msg[f]);
  if (raw.some((v) => v !== undefined && v !== null && typeof v !== 'string' && typeof v !== 'number')) return '';
  const values = raw.map(valueOf);
  if (scheme === 'sha256-pipe') return values.some((v) => v.includes('|')) ? '' : maXacThuc(values, secret);
  return hmacMac(values, secret);
}

/** Only the signed fields of a verified message, as strings: nothing else may decide anything. */
export function signedFields<F extends string>(msg: Record<string, unknown>, fields: readonly F[]): Record<F, string> {
  return Object.fromEntries(fields.map((f) => [f, valueOf(msg[f])])) as Record<F, string>;
}

/** Verifies MaXacThuc; returns the signed fields or null. */
export function verifySigned<F extends string>(msg: unknown, fields: readonly F[], secret: string, scheme: MacScheme): Record<F, string> | null {
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return null;
  const m = msg as Record<string, unknown>;
  if (typeof m.MaXacThuc !== 'string' || !sameMac(m.MaXacThuc, macOf(m, fields, secret, scheme))) return null;
  return signedFields(m, fields);
}

export const PHIEN_BAN = '1.0.6';
/** MaLoi of a successful transaction and TrangThaiGD values (our reading; see docs/decisions-payments.md). */
export const MA_LOI_OK = '00';
export const TRANG_THAI = { paid: '00', pending: '01', failed: '02', cancelled: '03', notFound: '04' } as const;

/** yyyyMMddHHmmss in Vietnam time (UTC+7). */
export function gatewayTime(d: Date): string {
  const v = new Date(d.getTime() + 7 * 3_600_000);
  return v.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function parseGatewayTime(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s ?? '');
  if (!m) return null;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - 7 * 3_600_000);
}

/** MaThamChieu: unique per attempt: "dvc" + dossier code without non-word characters + time + a random suffix. */
export function newOrderRef(dossierCode: string, at: Date, random: string): string {
  return `dvc${dossierCode.replace(/\W/g, '')}${gatewayTime(at)}${random}`.slice(0, 60);
}

/** The Vietnam calendar day [start, end) of 'YYYY-MM-DD' as instants. */
export function vnDayRange(day: string): { from: Date; to: Date } {
  const from = new Date(`${day}T00:00:00+07:00`);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

export function vnDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
