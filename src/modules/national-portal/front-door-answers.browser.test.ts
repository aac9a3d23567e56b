/**
 * The national portal as the front door on a phone (360 px, plain HTML forms): the officer's
 * dossier screen shows the portal's dossier code and that the amount paid on the portal does not
 * match the fee; the citizen answers a supplement request on the sandbox portal's page, and the
 * answer arrives here and ends the wait.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserLoginOfficer, chromiumOrSkip, expectFitsPhone, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { inboundDossierId, lltpSubmission, postToPortal } from './testkit';
import { act, deliverAll, startTestSandboxes, type Sandboxes } from '../notifications/testkit';

const ok = chromiumOrSkip();
const AN = { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '093090001234' };

const fits = (page: Page, name: string) => expectFitsPhone(page, name);

describe.skipIf(!ok)('a portal dossier on a phone', () => {
  let b: BrowserEnv;
  let sb: Sandboxes;
  let desk: Login;
  let monitor: Login;

  async function portalSubmission(extra: Record<string, unknown> = {}): Promise<{ code: string; id: string }> {
    const code = (await postToPortal(sb.portal.url, '/_sandbox/submissions', lltpSubmission(AN, extra))).json.MaHoSo as string;
    const pulled = await b.env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(monitor) });
    expect(pulled.json().received, pulled.body).toBe(1);
    const id = await inboundDossierId(b.env, code);
    return { code, id };
  }
  const action = (id: string, name: string, body: Record<string, unknown> = {}) => act(b.env, desk, desk, id, name, body);

  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    sb = await startTestSandboxes(b.env);
    desk = await loginOfficer(b.env.app, 'motcua.tinh');
    monitor = await loginOfficer(b.env.app, 'giamsat');
  });
  afterAll(async () => {
    await sb?.close();
    await b?.close();
  });

  it('the officer sees the portal code and the mismatched portal payment', async () => {
    const { code, id } = await portalSubmission({
      ThanhToan: { DaThanhToan: true, SoTien: 150000, MaGiaoDich: 'GD-PHONE-1', ThoiDiemThanhToan: '20260309090500' },
    });
    await action(id, 'receive');
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'motcua.tinh', undefined, `/can-bo/ho-so/${id}`);
    expect(await page.locator('#portal-code').textContent()).toBe(code);
    const outcome = page.locator('#portal-payment-outcome');
    await outcome.scrollIntoViewIfNeeded();
    expect(await outcome.textContent()).toContain('Số tiền đã thanh toán trên Cổng (150.000 đồng) không khớp số phí, lệ phí phải nộp (200.000 đồng)');
    expect(await page.locator('section[aria-labelledby=portal-payment]').textContent()).toContain('09/03/2026 09:05');
    await fits(page, 'portal-dossier-officer-payment-mismatch-phone');
  });

  it('the citizen answers the supplement request on the portal and the answer ends the wait here', async () => {
    const { code, id } = await portalSubmission();
    await action(id, 'receive');
    const v = (await b.env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) })).json().dossier.version;
    const asked = await b.env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/supplement-requests`,
      headers: authHeaders(desk),
      payload: { version: v, comment: 'Tờ khai bị mờ', items: [{ componentKey: 'to-khai', defect: 'unreadable', provide: 'Tờ khai chụp rõ nét' }] },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    await deliverAll(b.env, { topics: ['dossier.event', 'dossier.event>national-portal'] });

    const page = await b.newPage('phone');
    await page.goto(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}`);
    expect(await page.locator('main').textContent()).toContain('Cần bổ sung: Tờ khai chụp rõ nét');
    await page.check('input[name="DinhKemMau:0"]');
    await page.fill('input[name="GhiChu:0"]', 'Đã chụp lại tờ khai');
    await fits(page, 'portal-sandbox-supplement-answer-phone');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/bo-sung"] button[type=submit]').click()]);
    expect(await page.locator('main').textContent()).toContain('đang chuyển đến cơ quan');

    const pulled = await b.env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(monitor) });
    expect(pulled.json().supplements, pulled.body).toMatchObject({ offered: 1, received: 1, refused: 0 });
    const officer = await b.newPage('phone');
    await browserLoginOfficer(b, officer, 'motcua.tinh', undefined, `/can-bo/ho-so/${id}`);
    const section = officer.locator('section[aria-labelledby=supplements]');
    await section.scrollIntoViewIfNeeded();
    expect(await section.textContent()).toContain('Đã chụp lại tờ khai');
    expect((await b.env.ctx.db.selectFrom('dossiers').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state).toBe('received');
    await fits(page, 'portal-sandbox-supplement-sent-phone');
    await fits(officer, 'portal-dossier-officer-supplement-answered-phone');
  });
});
