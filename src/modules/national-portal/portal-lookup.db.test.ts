/**
 * Public lookup by the portal's code (issue 11): a citizen who submitted on the National Public
 * Service Portal holds the portal's dossier code, not ours; `/tra-cuu` and its API find the dossier
 * by either, with the same second factor (the portal does not pass our PIN on, so the last 4 digits
 * of the ID number or phone). The sandbox portal runs on a port of this branch's range.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxNationalPortal, type NationalPortalSandbox } from '../../../sandbox/national-portal/server';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { LLTP, LLTP_FORM, TINY_PDF } from '../../test/fixtures';
import { anonymousCsrf, authHeaders, loginOfficer, type Login } from '../../test/login';

let env: TestEnv;
let portal: NationalPortalSandbox;
let monitor: Login;
let portalCode: string;
let ourCode: string;
const AN = { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '093090001234', SoDienThoai: '0912345678' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  const np = env.ctx.config.nationalPortal;
  portal = await startSandboxNationalPortal({ port: 4811, username: np.username, password: np.password, madonvi: np.madonvi });
  np.url = portal.url;
  monitor = await loginOfficer(env.app, 'giamsat');
  const r = await fetch(`${portal.url}/_sandbox/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      MaTTHC: LLTP,
      ChuHoSo: AN,
      TrichYeuHoSo: 'Cấp Phiếu lý lịch tư pháp số 1',
      DuLieuBieuMau: LLTP_FORM,
      TepDinhKem: [{ MaThanhPhanHoSo: 'to-khai', TenTepDinhKem: 'to-khai.pdf', LoaiTep: 'application/pdf', DuLieuTepDinhKem: TINY_PDF.toString('base64') }],
    }),
  });
  expect(r.status).toBe(201);
  portalCode = ((await r.json()) as { MaHoSo: string }).MaHoSo;
  const pulled = await env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(monitor) });
  expect(pulled.statusCode, pulled.body).toBe(200);
  expect(pulled.json()).toMatchObject({ received: 1 });
  const row = await env.ctx.db
    .selectFrom('np_inbound')
    .innerJoin('dossiers', 'dossiers.id', 'np_inbound.dossier_id')
    .select('dossiers.code')
    .where('np_inbound.portal_code', '=', portalCode)
    .executeTakeFirstOrThrow();
  ourCode = row.code;
}, 120_000);
afterAll(async () => {
  await portal?.close();
  await env?.close();
});

const api = (code: string, secret: string, lang?: string) =>
  env.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers/lookup?code=${encodeURIComponent(code)}&secret=${secret}`,
    headers: lang ? { 'accept-language': lang } : {},
  });

describe('public lookup by the national portal’s dossier code', () => {
  it('the API finds the pulled dossier by the portal code (any case) and by ours, and answers both codes', async () => {
    expect(portalCode).toMatch(/^G22\.99-\d{8}-\d{6}$/);
    expect(ourCode).not.toBe(portalCode);
    const byPortal = await api(portalCode, '1234');
    expect(byPortal.statusCode, byPortal.body).toBe(200);
    expect(byPortal.json()).toMatchObject({
      code: ourCode,
      portalCode,
      procedure: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      state: 'submitted',
      nationalStatus: 1,
    });
    const lower = await api(portalCode.toLowerCase(), '5678');
    expect(lower.statusCode, lower.body).toBe(200);
    expect(lower.json().code).toBe(ourCode);
    const byOurs = await api(ourCode, '1234');
    expect(byOurs.statusCode, byOurs.body).toBe(200);
    expect(byOurs.json()).toEqual(byPortal.json());
  });

  it('refuses a wrong second factor and an unknown portal code, in Vietnamese or English, as for our codes', async () => {
    const wrong = await api(portalCode, '0000');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toMatchObject({ error: 'dossier.lookup_failed', message: 'Không tìm thấy hồ sơ với mã và thông tin xác thực đã nhập.' });
    const unknown = await api('G22.99-20260309-999999', '1234', 'en');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'dossier.lookup_failed', message: 'No dossier matches the code and the check entered.' });
  });

  it('the /tra-cuu page shows the dossier found by the portal code, with both codes and no personal data', async () => {
    const anon = await anonymousCsrf(env.app);
    const page = await env.app.inject({
      method: 'POST',
      url: '/tra-cuu',
      headers: { accept: 'text/html', cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: anon.csrf, code: portalCode, secret: '1234' }).toString(),
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).toContain(`<h1>Tình trạng hồ sơ ${ourCode}</h1>`);
    expect(page.body).toContain('<dt>Mã hồ sơ trên Cổng DVC quốc gia</dt>');
    expect(page.body).toContain(`<dd>${portalCode}</dd>`);
    expect(page.body).not.toContain(AN.SoDinhDanh);
    const form = await env.app.inject({ method: 'GET', url: '/tra-cuu', headers: { accept: 'text/html' } });
    expect(form.body).toContain('mã hồ sơ trên Cổng (ví dụ G22.99-20250702-000001)');
  });
});
