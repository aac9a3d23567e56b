/**
 * Adapter to the national population database (CSDLQG về dân cư) through the LGSP/NDXP:
 * client-credentials token, then JSON calls. The same code talks to the sandbox
 * (sandbox/population) and to the real service; only the settings differ.
 */
import type { Config } from '../../config';

export class PopulationUnavailable extends Error {}

export interface VerifyAnswer {
  found: boolean;
  match: boolean;
  mismatches: ('name' | 'birthDate')[];
}

export interface PrefillData {
  personalId: string;
  name: string;
  birthDate: string;
  gender: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
}

const tokens = new Map<string, { token: string; until: number }>();
const TIMEOUT_MS = 5000;

async function post(url: string, body: unknown, token?: string): Promise<{ status: number; json: any }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    throw new PopulationUnavailable(`population service unreachable: ${(e as Error).message}`);
  }
  if (res.status >= 500) throw new PopulationUnavailable(`population service answered ${res.status}`);
  return { status: res.status, json: await res.json().catch(() => ({})) };
}

async function token(cfg: Config['population'], fresh = false): Promise<string> {
  const cached = tokens.get(cfg.url);
  if (!fresh && cached && cached.until > Date.now()) return cached.token;
  const r = await post(`${cfg.url}/oauth/token`, { grant_type: 'client_credentials', client_id: cfg.clientId, client_secret: cfg.clientSecret });
  if (r.status !== 200 || !r.json.access_token) throw new PopulationUnavailable(`population token refused (${r.status})`);
  tokens.set(cfg.url, { token: r.json.access_token, until: Date.now() + (Number(r.json.expires_in ?? 3600) - 60) * 1000 });
  return r.json.access_token;
}

async function call(cfg: Config['population'], path: string, body: unknown): Promise<any> {
  let r = await post(`${cfg.url}${path}`, body, await token(cfg));
  if (r.status === 401) r = await post(`${cfg.url}${path}`, body, await token(cfg, true));
  if (r.status !== 200) throw new PopulationUnavailable(`population service answered ${r.status}: ${JSON.stringify(r.json).slice(0, 200)}`);
  return r.json;
}

export async function verifyRemote(cfg: Config['population'], q: { personalId: string; name: string; birthDate: string }): Promise<VerifyAnswer> {
  const j = await call(cfg, '/api/v1/cong-dan/xac-thuc', { soDinhDanh: q.personalId, hoVaTen: q.name, ngaySinh: q.birthDate });
  if (j.maLoi !== '00' || !j.ketQua) throw new PopulationUnavailable(`unexpected answer ${JSON.stringify(j).slice(0, 200)}`);
  const map: Record<string, 'name' | 'birthDate'> = { hoVaTen: 'name', ngaySinh: 'birthDate' };
  return { found: !!j.ketQua.timThay, match: !!j.ketQua.khop, mismatches: (j.ketQua.truongSaiKhac ?? []).map((f: string) => map[f]).filter(Boolean) };
}

export async function lookupRemote(cfg: Config['population'], personalId: string): Promise<PrefillData | null> {
  const j = await call(cfg, '/api/v1/cong-dan/tra-cuu', { soDinhDanh: personalId });
  if (j.maLoi === '01') return null;
  if (j.maLoi !== '00' || !j.duLieu) throw new PopulationUnavailable(`unexpected answer ${JSON.stringify(j).slice(0, 200)}`);
  const d = j.duLieu;
  return {
    personalId: d.soDinhDanh,
    name: d.hoVaTen,
    birthDate: d.ngaySinh,
    gender: d.gioiTinh ?? null,
    address: d.noiThuongTru ?? null,
    phone: d.soDienThoai ?? null,
    email: d.email ?? null,
  };
}

/** A document integrated on VNeID (driving licence, health insurance card, ...), as the gateway answers it. */
export interface VneidDocumentData {
  kind: string;
  number: string;
  title: string;
  issuedOn: string;
  validUntil: string | null;
  issuer: string;
  valid: boolean;
}

/** The person's VNeID document of `kind`, or null when none is integrated (sandbox/population/vneid-documents.ts). */
export async function vneidDocumentRemote(cfg: Config['population'], personalId: string, kind: string): Promise<VneidDocumentData | null> {
  const j = await call(cfg, '/api/v1/giay-to-vneid/tra-cuu', { soDinhDanh: personalId, loaiGiayTo: kind });
  if (j.maLoi === '01') return null;
  if (j.maLoi !== '00' || !j.duLieu) throw new PopulationUnavailable(`unexpected answer ${JSON.stringify(j).slice(0, 200)}`);
  const d = j.duLieu;
  return {
    kind: d.loaiGiayTo,
    number: d.soGiayTo,
    title: d.tenGiayTo,
    issuedOn: d.ngayCap,
    validUntil: d.ngayHetHan ?? null,
    issuer: d.coQuanCap,
    valid: d.trangThai === 'hieu-luc',
  };
}
