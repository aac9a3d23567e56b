/**
 * Sandbox National Public Service Portal (Cổng DVCQG) dossier-sync endpoint, as the LGSP
 * adapters see it: POST /login {username, password} -> {session, error_code: "0"}, then
 * POST /service {session, madonvi, service, ...} with the services DongBoHoSoMC (isUpdating +
 * data: [dossier]), CapNhatTienDoHoSoMC (data: [step]) and TraCuuHoSo (mahoso). Success is
 * error_code "0"; errors: "-1" session invalid or expired, "2" invalid payload, HTTP 429 rate
 * limit, HTTP 5xx injected at `faults.rate5xx`. Keeps what it receives (optionally in a JSON
 * file, so it survives a restart) and exposes counts at GET /_sandbox/counts.
 * As the citizens' front door (front-door.ts): the submission page and API, and the pull
 * services LayDanhSachHoSoMoi, LayChiTietHoSo, CapNhatDaNhanHoSo; then the citizen's payments
 * (LayDanhSachThanhToanMoi, CapNhatDaNhanThanhToan) and supplement answers (LayDanhSachBoSungMoi,
 * LayChiTietBoSung, CapNhatDaNhanBoSung) in the same list-and-acknowledge shape; the province's bills
 * for its fee requests (GuiThongTinThanhToan), which the citizen pays on /ho-so/<code>. For reconciliation,
 * POST /_sandbox/drift changes, forgets or locks its copy of a dossier (applyDrift below).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { escapeHtml, listen, readBody, sendHtml, sendJson } from '../esign/http';
import { FrontDoor } from './front-door';

export interface PortalDossier {
  MaHoSo: string;
  data: Record<string, any>;
  statuses: number[];
  steps: Record<string, any>[];
  updates: number;
}

export interface NationalPortalSandbox {
  url: string;
  dossiers: Map<string, PortalDossier>;
  /** Dossiers linked to a citizen's list on the portal (digitized, with the owner's id). */
  linked: Map<string, Set<string>>;
  faults: { rate5xx: number; rateLimitNext: number; expireSessions: boolean; random: () => number };
  calls: { service: string; ok: boolean }[];
  /** Citizens' submissions on the portal, pulled by the province. */
  frontDoor: FrontDoor;
  /** Records the portal will not let us overwrite (closed on its side): DongBoHoSoMC answers error_code "4". */
  locked: Set<string>;
  counts(): SandboxCounts;
  close(): Promise<void>;
}

export interface SandboxCounts {
  dossiers: number;
  byStatus: Record<string, number>;
  withResult: number;
  steps: number;
  duplicateSteps: number;
  linked: number;
}

const REQUIRED = ['MaHoSo', 'MaTTHC', 'TenTTHC', 'KenhThucHien', 'ChuHoSo', 'NgayNopHoSo', 'TrangThaiHoSo'];
const TS = /^\d{14}$/;

export function validateDossier(d: any): string | null {
  if (!d || typeof d !== 'object') return 'data phải là mảng hồ sơ';
  for (const k of REQUIRED) if (d[k] === undefined || d[k] === null || d[k] === '') return `Thiếu trường ${k}`;
  const st = Number(d.TrangThaiHoSo);
  if (!Number.isInteger(st) || st < 1 || st > 10) return 'TrangThaiHoSo không hợp lệ';
  for (const k of ['NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy'])
    if (d[k] && !TS.test(String(d[k]))) return `${k} phải có dạng yyyyMMddHHmmss`;
  if (d.TaiLieuNop !== undefined && !Array.isArray(d.TaiLieuNop)) return 'TaiLieuNop phải là mảng';
  if (d.DanhSachGiayToKetQua !== undefined && !Array.isArray(d.DanhSachGiayToKetQua)) return 'DanhSachGiayToKetQua phải là mảng';
  if (d.DanhSachHoSoBoSung !== undefined) {
    if (!Array.isArray(d.DanhSachHoSoBoSung)) return 'DanhSachHoSoBoSung phải là mảng';
    for (const r of d.DanhSachHoSoBoSung) {
      if (!r?.MaYeuCauBoSung || ![1, 2].includes(Number(r.TrangThaiBoSung)))
        return 'Yêu cầu bổ sung thiếu MaYeuCauBoSung hoặc TrangThaiBoSung (1 chờ bổ sung, 2 đã bổ sung)';
      if (!Array.isArray(r.DanhSachGiayToBoSung) || r.DanhSachGiayToBoSung.length === 0 || r.DanhSachGiayToBoSung.some((x: any) => !x?.MaMuc || !x.TenGiayTo))
        return 'DanhSachGiayToBoSung phải là mảng khác rỗng, mỗi mục có MaMuc và TenGiayTo';
    }
  }
  return null;
}

const stepKey = (s: any) => `${s.ThoiDiemXuLy}|${s.TrangThai}|${s.NoiDungXuLy}`;

export async function startSandboxNationalPortal(opts: {
  port: number;
  host?: string;
  username: string;
  password: string;
  madonvi: string;
  file?: string;
}): Promise<NationalPortalSandbox> {
  const dossiers = new Map<string, PortalDossier>();
  const linked = new Map<string, Set<string>>();
  let saved: any = {};
  if (opts.file && existsSync(opts.file)) {
    saved = JSON.parse(readFileSync(opts.file, 'utf8'));
    for (const d of saved.dossiers ?? []) dossiers.set(d.MaHoSo, d);
    for (const [k, v] of Object.entries(saved.linked ?? {})) linked.set(k, new Set(v as string[]));
  }
  const frontDoor = new FrontDoor(saved.submissions, saved.payments, saved.answers, saved.bills);
  const save = () => {
    if (opts.file)
      writeFileSync(
        opts.file,
        JSON.stringify({
          dossiers: [...dossiers.values()],
          linked: Object.fromEntries([...linked].map(([k, v]) => [k, [...v]])),
          submissions: [...frontDoor.submissions.values()],
          payments: [...frontDoor.payments.values()],
          answers: [...frontDoor.answers.values()],
          bills: [...frontDoor.bills.values()],
        }),
      );
  };
  const sessions = new Set<string>();
  const faults = { rate5xx: 0, rateLimitNext: 0, expireSessions: false, random: Math.random };
  const calls: NationalPortalSandbox['calls'] = [];
  const locked = new Set<string>();

  function counts(): SandboxCounts {
    const byStatus: Record<string, number> = {};
    let withResult = 0;
    let steps = 0;
    let duplicateSteps = 0;
    for (const d of dossiers.values()) {
      const st = String(d.data.TrangThaiHoSo);
      byStatus[st] = (byStatus[st] ?? 0) + 1;
      if ((d.data.DanhSachGiayToKetQua ?? []).length > 0) withResult++;
      steps += d.steps.length;
      duplicateSteps += d.steps.length - new Set(d.steps.map(stepKey)).size;
    }
    return { dossiers: dossiers.size, byStatus, withResult, steps, duplicateSteps, linked: [...linked.values()].reduce((n, s) => n + s.size, 0) };
  }

  function upsert(d: any) {
    const cur = dossiers.get(d.MaHoSo);
    const st = Number(d.TrangThaiHoSo);
    if (!cur) dossiers.set(d.MaHoSo, { MaHoSo: d.MaHoSo, data: d, statuses: [st], steps: [], updates: 0 });
    else {
      cur.data = d;
      cur.updates++;
      if (cur.statuses[cur.statuses.length - 1] !== st) cur.statuses.push(st);
    }
    if (Number(d.HoSoCoThanhPhanSoHoa) === 1) {
      for (const idf of d.DinhDanhCHS ?? []) {
        const set = linked.get(String(idf.SoDinhDanh)) ?? new Set<string>();
        set.add(d.MaHoSo);
        linked.set(String(idf.SoDinhDanh), set);
      }
    }
  }

  const l = await listen(opts.port, opts.host ?? '127.0.0.1', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/_sandbox/counts') return sendJson(res, 200, counts());
    if (req.method === 'GET' && url.pathname.startsWith('/_sandbox/dossiers/')) {
      const d = dossiers.get(decodeURIComponent(url.pathname.slice('/_sandbox/dossiers/'.length)));
      return d ? sendJson(res, 200, d) : sendJson(res, 404, { error: 'not_found' });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/_sandbox/citizens/')) {
      const id = decodeURIComponent(url.pathname.split('/')[3] ?? '');
      return sendJson(res, 200, { dossiers: [...(linked.get(id) ?? [])] });
    }
    if (url.pathname === '/nop-ho-so' && req.method === 'GET') return sendHtml(res, 200, frontDoor.formPage(url.searchParams.get('thutuc') ?? ''));
    if (url.pathname === '/nop-ho-so' && req.method === 'POST') {
      const f = new URLSearchParams(await readBody(req));
      const s = frontDoor.fromForm(f);
      if ('error' in s) return sendHtml(res, 400, frontDoor.formPage(f.get('MaTTHC') ?? '', s.error));
      save();
      res.writeHead(303, { location: `/ho-so/${encodeURIComponent(s.MaHoSo)}` });
      res.end();
      return;
    }
    // The citizen pays, or answers the supplement request, on the dossier's page (no JavaScript).
    const act = /^\/ho-so\/([^/]+)\/(thanh-toan|bo-sung)$/.exec(url.pathname);
    if (act && req.method === 'POST') {
      const code = decodeURIComponent(act[1]!);
      const sub = frontDoor.submissions.get(code);
      if (!sub) return sendHtml(res, 404, '<!doctype html><html lang="vi"><title>Không tìm thấy</title><p>Không tìm thấy hồ sơ.</p></html>');
      const f = new URLSearchParams(await readBody(req));
      const r =
        act[2] === 'thanh-toan'
          ? f.get('MaThamChieu')
            ? frontDoor.pay({ MaHoSo: code, MaThamChieu: f.get('MaThamChieu') })
            : { error: 'Chọn hóa đơn cần thanh toán' }
          : frontDoor.answerSupplement(code, dossiers.get(code), frontDoor.answerFromForm(f));
      if ('error' in r)
        return sendHtml(
          res,
          400,
          frontDoor.statusPage(sub, dossiers.get(code)).replace('<main>', `<main><p role="alert" class="err">${escapeHtml(r.error)}</p>`),
        );
      save();
      res.writeHead(303, { location: `/ho-so/${encodeURIComponent(code)}` });
      res.end();
      return;
    }
    if (req.method === 'POST' && (url.pathname === '/_sandbox/payments' || url.pathname === '/_sandbox/payments/raw')) {
      const body = JSON.parse((await readBody(req)) || '{}');
      const r = frontDoor.pay(body, { raw: url.pathname.endsWith('/raw') });
      if ('error' in r) return sendJson(res, 400, { error_code: '2', message: r.error });
      save();
      return sendJson(res, 201, { error_code: '0', MaGiaoDich: r.MaGiaoDich });
    }
    if (req.method === 'POST' && (url.pathname === '/_sandbox/supplements' || url.pathname === '/_sandbox/supplements/raw')) {
      const body = JSON.parse((await readBody(req, 8 * 1024 * 1024)) || '{}');
      const code = String(body.MaHoSo ?? '');
      const r = frontDoor.answerSupplement(code, dossiers.get(code), body, { raw: url.pathname.endsWith('/raw') });
      if ('error' in r) return sendJson(res, 400, { error_code: '2', message: r.error });
      save();
      return sendJson(res, 201, { error_code: '0', MaBoSung: r.MaBoSung });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/ho-so/')) {
      const s = frontDoor.submissions.get(decodeURIComponent(url.pathname.slice('/ho-so/'.length)));
      if (!s) return sendHtml(res, 404, '<!doctype html><html lang="vi"><title>Không tìm thấy</title><p>Không tìm thấy hồ sơ.</p></html>');
      return sendHtml(res, 200, frontDoor.statusPage(s, dossiers.get(s.MaHoSo)));
    }
    if (req.method === 'POST' && (url.pathname === '/_sandbox/submissions' || url.pathname === '/_sandbox/submissions/raw')) {
      const body = JSON.parse((await readBody(req, 8 * 1024 * 1024)) || '{}');
      const s = url.pathname.endsWith('/raw') ? frontDoor.submitRaw(body) : frontDoor.submit(body);
      if ('error' in s) return sendJson(res, 400, { error_code: '2', message: s.error });
      save();
      return sendJson(res, 201, { error_code: '0', MaHoSo: s.MaHoSo });
    }
    if (req.method === 'GET' && url.pathname.startsWith('/_sandbox/submissions/')) {
      const s = frontDoor.submissions.get(decodeURIComponent(url.pathname.slice('/_sandbox/submissions/'.length)));
      return s ? sendJson(res, 200, { ...s, synced: dossiers.get(s.MaHoSo) ?? null }) : sendJson(res, 404, { error: 'not_found' });
    }
    if (req.method === 'POST' && url.pathname === '/_sandbox/front-door-faults') {
      const f = JSON.parse((await readBody(req)) || '{}');
      for (const k of ['duplicateOffers', 'reverseOrder', 'loseAckAnswers', 'loseBillAnswers'] as const)
        if (f[k] !== undefined) (frontDoor.faults as any)[k] = f[k];
      return sendJson(res, 200, frontDoor.faults);
    }
    if (req.method === 'POST' && url.pathname === '/_sandbox/drift')
      return sendJson(res, 200, applyDrift(dossiers, locked, JSON.parse((await readBody(req)) || '{}')));
    if (req.method === 'POST' && url.pathname === '/_sandbox/faults') {
      const f = JSON.parse((await readBody(req)) || '{}');
      for (const k of ['rate5xx', 'rateLimitNext', 'expireSessions'] as const) if (f[k] !== undefined) (faults as any)[k] = f[k];
      return sendJson(res, 200, { rate5xx: faults.rate5xx, rateLimitNext: faults.rateLimitNext, expireSessions: faults.expireSessions });
    }
    if (req.method !== 'POST') return sendJson(res, 404, { error_code: '404', message: 'Not found' });
    let body: any;
    try {
      body = JSON.parse(await readBody(req, 8 * 1024 * 1024));
    } catch {
      return sendJson(res, 400, { error_code: '2', message: 'Dữ liệu không đúng định dạng JSON' });
    }
    if (url.pathname === '/login') {
      if (body.username !== opts.username || body.password !== opts.password)
        return sendJson(res, 200, { error_code: '1', message: 'Sai tên đăng nhập hoặc mật khẩu' });
      const session = randomUUID();
      sessions.add(session);
      return sendJson(res, 200, { session, error_code: '0' });
    }
    if (url.pathname !== '/service') return sendJson(res, 404, { error_code: '404', message: 'Not found' });
    const service = String(body.service ?? '');
    const fail = (status: number, payload: unknown) => {
      calls.push({ service, ok: false });
      return sendJson(res, status, payload);
    };
    if (faults.rateLimitNext > 0) {
      faults.rateLimitNext--;
      return fail(429, { error_code: '429', message: 'Vượt quá số lượng yêu cầu cho phép' });
    }
    if (faults.rate5xx > 0 && faults.random() < faults.rate5xx) return fail(503, { error_code: '503', message: 'Hệ thống đang bận' });
    if (faults.expireSessions) {
      sessions.clear();
      faults.expireSessions = false;
    }
    if (!sessions.has(String(body.session))) return fail(200, { error_code: '-1', message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' });
    if (body.madonvi !== opts.madonvi) return fail(200, { error_code: '2', message: 'Mã đơn vị không hợp lệ' });
    if (service === 'TraCuuHoSo') {
      const d = dossiers.get(String(body.mahoso));
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: d ? { ...d.data, QuaTrinhXuLy: d.steps } : null });
    }
    if (service === 'LayDanhSachHoSoMoi') {
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: frontDoor.offer(Number(body.soLuong ?? 50)) });
    }
    if (service === 'LayChiTietHoSo') {
      const s = frontDoor.submissions.get(String(body.mahoso ?? ''));
      if (!s) return fail(200, { error_code: '3', message: `Không tìm thấy hồ sơ ${body.mahoso}` });
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: s.detail });
    }
    if (service === 'CapNhatDaNhanHoSo') {
      const r = frontDoor.acknowledge(body);
      if (r.error) return fail(200, { error_code: '3', message: r.error });
      // The fault: the acknowledgement is lost, so the dossier stays offered.
      if (r.lose) return fail(503, { error_code: '503', message: 'Hệ thống đang bận' });
      save();
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', message: 'Cập nhật thành công' });
    }
    if (service === 'LayDanhSachThanhToanMoi') {
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: frontDoor.offerPayments(Number(body.soLuong ?? 50)) });
    }
    if (service === 'LayDanhSachBoSungMoi') {
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: frontDoor.offerAnswers(Number(body.soLuong ?? 50)) });
    }
    if (service === 'LayChiTietBoSung') {
      const a = frontDoor.answers.get(String(body.maBoSung ?? ''));
      if (!a) return fail(200, { error_code: '3', message: `Không tìm thấy phần bổ sung ${body.maBoSung}` });
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', result: a.detail });
    }
    if (service === 'CapNhatDaNhanThanhToan' || service === 'CapNhatDaNhanBoSung') {
      const rec =
        service === 'CapNhatDaNhanThanhToan' ? frontDoor.payments.get(String(body.maGiaoDich ?? '')) : frontDoor.answers.get(String(body.maBoSung ?? ''));
      const r = frontDoor.acknowledgeRecord(rec, body);
      if (r.error) return fail(200, { error_code: '3', message: r.error });
      if (r.lose) return fail(503, { error_code: '503', message: 'Hệ thống đang bận' });
      save();
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', message: 'Cập nhật thành công' });
    }
    if (!Array.isArray(body.data) || body.data.length === 0) return fail(200, { error_code: '2', message: 'data phải là mảng khác rỗng' });
    if (service === 'GuiThongTinThanhToan') {
      const r = frontDoor.receiveBills(body.data);
      if (r.error) return fail(200, { error_code: '2', message: r.error });
      save();
      // The fault: the bill is stored, the answer is lost; the province sends it again.
      if (r.lose) return fail(503, { error_code: '503', message: 'Hệ thống đang bận' });
      calls.push({ service, ok: true });
      return sendJson(res, 200, { error_code: '0', message: 'Đã nhận hóa đơn' });
    }
    if (service === 'DongBoHoSoMC') {
      const refused = lockedRefusal(locked, body.data);
      if (refused) return fail(200, refused);
      for (const d of body.data) {
        const err = validateDossier(d);
        if (err) return fail(200, { error_code: '2', message: err });
      }
      for (const d of body.data) upsert(d);
    } else if (service === 'CapNhatTienDoHoSoMC') {
      for (const s of body.data) {
        if (!s?.MaHoSo || !s.TrangThai || !TS.test(String(s.ThoiDiemXuLy)))
          return fail(200, { error_code: '2', message: 'Tiến độ thiếu MaHoSo, TrangThai hoặc ThoiDiemXuLy' });
        if (!dossiers.has(s.MaHoSo)) return fail(200, { error_code: '3', message: `Không tìm thấy hồ sơ ${s.MaHoSo}` });
      }
      for (const s of body.data) dossiers.get(s.MaHoSo)!.steps.push(s);
    } else return fail(200, { error_code: '2', message: `Dịch vụ không hỗ trợ: ${service}` });
    calls.push({ service, ok: true });
    save();
    return sendJson(res, 200, { error_code: '0', message: 'Thành công' });
  });
  return { url: l.url, dossiers, linked, faults, calls, frontDoor, locked, counts, close: l.close };
}

/**
 * Drift, for reconciliation demos and tests: POST /_sandbox/drift {code, set?: {field: value},
 * drop?: true, lock?: boolean} changes the portal's copy of a dossier behind our back (a field
 * the portal holds differently), forgets it (never received), or locks it (closed on the
 * portal: further updates are refused).
 */
export function applyDrift(
  dossiers: Map<string, PortalDossier>,
  locked: Set<string>,
  f: { code?: string; set?: Record<string, unknown>; drop?: boolean; lock?: boolean },
): { ok: boolean; message?: string } {
  const code = String(f.code ?? '');
  if (!code) return { ok: false, message: 'Thiếu code' };
  if (f.lock === true) locked.add(code);
  else if (f.lock === false) locked.delete(code);
  if (f.drop) dossiers.delete(code);
  const d = dossiers.get(code);
  if (f.set) {
    if (!d) return { ok: false, message: `Không tìm thấy hồ sơ ${code}` };
    d.data = { ...d.data, ...f.set };
  }
  return { ok: true };
}

/** DongBoHoSoMC on a locked record: refused, as the portal does for a record it has closed. */
export function lockedRefusal(locked: Set<string>, data: any[]): { error_code: string; message: string } | null {
  const hit = data.find((d) => locked.has(String(d?.MaHoSo)));
  return hit ? { error_code: '4', message: `Hồ sơ ${hit.MaHoSo} đã kết thúc trên Cổng DVCQG, không cập nhật được` } : null;
}
