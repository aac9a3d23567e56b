/**
 * Sandbox national population database service (CSDLQG về dân cư) as the LGSP/NDXP exposes it:
 * POST /oauth/token {grant_type: "client_credentials", client_id, client_secret} ->
 * {access_token, expires_in}; then with `Authorization: Bearer`:
 *   POST /api/v1/cong-dan/xac-thuc {soDinhDanh, hoVaTen, ngaySinh (yyyy-MM-dd)}
 *     -> {maLoi: "00", ketQua: {timThay, khop, truongSaiKhac: ["hoVaTen" | "ngaySinh"]}}
 *   POST /api/v1/cong-dan/tra-cuu {soDinhDanh}
 *     -> {maLoi: "00", duLieu: {soDinhDanh, hoVaTen, ngaySinh, gioiTinh, noiThuongTru, ...}} or maLoi "01" (not found)
 *   POST /api/v1/giay-to-vneid/tra-cuu {soDinhDanh, loaiGiayTo}: the VNeID integrated documents (vneid-documents.ts)
 * Holds the demo citizens. `down = true` answers 503 (service unavailable).
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CITIZENS } from '../../src/modules/identity/demo';
import { listen, readBody, sendJson } from '../esign/http';
import { findVneidDocument } from './vneid-documents';

export interface PopulationSandbox {
  url: string;
  state: { down: boolean };
  requests: { path: string; soDinhDanh: string; loaiGiayTo?: string }[];
  close(): Promise<void>;
}

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

export async function startSandboxPopulation(opts: { port: number; host?: string; clientId: string; clientSecret: string }): Promise<PopulationSandbox> {
  const tokens = new Set<string>();
  const state = { down: false };
  const requests: PopulationSandbox['requests'] = [];
  const people = new Map(DEMO_CITIZENS.map((c) => [c.personalId, c]));
  const l = await listen(opts.port, opts.host ?? '127.0.0.1', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (state.down) return sendJson(res, 503, { maLoi: '503', moTa: 'Dịch vụ tạm thời gián đoạn' });
    if (req.method !== 'POST') return sendJson(res, 404, { maLoi: '404', moTa: 'Không tìm thấy' });
    let body: any;
    try {
      body = JSON.parse((await readBody(req)) || '{}');
    } catch {
      return sendJson(res, 400, { maLoi: '02', moTa: 'Dữ liệu không hợp lệ' });
    }
    if (url.pathname === '/oauth/token') {
      if (body.client_id !== opts.clientId || body.client_secret !== opts.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
      const token = randomUUID();
      tokens.add(token);
      return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }
    const auth = String(req.headers.authorization ?? '');
    if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7))) return sendJson(res, 401, { maLoi: '401', moTa: 'Token không hợp lệ' });
    const id = String(body.soDinhDanh ?? '');
    if (!/^\d{12}$/.test(id)) return sendJson(res, 400, { maLoi: '02', moTa: 'Số định danh cá nhân phải có 12 chữ số' });
    requests.push({ path: url.pathname, soDinhDanh: id, ...(body.loaiGiayTo ? { loaiGiayTo: String(body.loaiGiayTo) } : {}) });
    if (url.pathname === '/api/v1/giay-to-vneid/tra-cuu') {
      const doc = findVneidDocument(id, String(body.loaiGiayTo ?? ''));
      return sendJson(res, 200, doc ? { maLoi: '00', duLieu: doc } : { maLoi: '01', moTa: 'Công dân chưa có giấy tờ này trên VNeID' });
    }
    const p = people.get(id);
    if (url.pathname === '/api/v1/cong-dan/xac-thuc') {
      if (!p) return sendJson(res, 200, { maLoi: '00', ketQua: { timThay: false, khop: false, truongSaiKhac: [] } });
      const diff: string[] = [];
      if (norm(String(body.hoVaTen ?? '')) !== norm(p.name)) diff.push('hoVaTen');
      if (String(body.ngaySinh ?? '') !== p.birthDate) diff.push('ngaySinh');
      return sendJson(res, 200, { maLoi: '00', ketQua: { timThay: true, khop: diff.length === 0, truongSaiKhac: diff } });
    }
    if (url.pathname === '/api/v1/cong-dan/tra-cuu') {
      if (!p) return sendJson(res, 200, { maLoi: '01', moTa: 'Không tìm thấy công dân' });
      return sendJson(res, 200, {
        maLoi: '00',
        duLieu: {
          soDinhDanh: p.personalId,
          hoVaTen: p.name,
          ngaySinh: p.birthDate,
          gioiTinh: p.gender,
          noiThuongTru: p.address,
          soDienThoai: p.phone,
          email: p.email,
        },
      });
    }
    return sendJson(res, 404, { maLoi: '404', moTa: 'Không tìm thấy' });
  });
  return { url: l.url, state, requests, close: l.close };
}
