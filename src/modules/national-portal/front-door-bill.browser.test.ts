/**
 * The bill on a phone (360 px, a plain HTML form, no JavaScript needed): the citizen sees the bill
 * the officer's fee request became on the sandbox portal's dossier page, line by line with the
 * total and the due date, pays exactly it with one button, and the officer's screen shows it paid
 * after the pull. The sandbox portal listens on a port of this branch's range (4960-4979).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startSandboxNationalPortal, type NationalPortalSandbox } from '../../../sandbox/national-portal/server';
import { browserLoginOfficer, chromiumOrSkip, expectFitsPhone, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { act, deliverAll } from '../notifications/testkit';
import { FEE_TOPICS as TOPICS, inboundDossierId, lltpSubmission, postToPortal } from './testkit';

const ok = chromiumOrSkip();
const AN = { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '093090001234' };

const fits = (page: Page, name: string) => expectFitsPhone(page, name);

describe.skipIf(!ok)('a portal bill on a phone', () => {
  let b: BrowserEnv;
  let portal: NationalPortalSandbox;
  let desk: Login;
  let monitor: Login;

  const action = (id: string, name: string, body: Record<string, unknown> = {}) => act(b.env, desk, desk, id, name, body);
  const pull = async () => (await b.env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(monitor) })).json();

  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    const np = b.env.ctx.config.nationalPortal;
    portal = await startSandboxNationalPortal({ port: 4963, username: np.username, password: np.password, madonvi: np.madonvi });
    np.url = portal.url;
    desk = await loginOfficer(b.env.app, 'motcua.tinh');
    monitor = await loginOfficer(b.env.app, 'giamsat');
  });
  afterAll(async () => {
    await portal?.close();
    await b?.close();
  });

  it('the citizen pays exactly the bill on the portal and the officer sees it paid', async () => {
    const code = (await postToPortal(portal.url, '/_sandbox/submissions', lltpSubmission(AN))).json.MaHoSo as string;
    expect((await pull()).received).toBe(1);
    const id = await inboundDossierId(b.env, code);
    await action(id, 'receive');
    await action(id, 'request_fee', { comment: 'Nộp phí cung cấp thông tin lý lịch tư pháp' });
    await deliverAll(b.env, { topics: TOPICS });

    const page = await b.newPage('phone');
    await page.goto(`${portal.url}/ho-so/${encodeURIComponent(code)}`);
    const bill = page.locator('section.bill');
    expect(await bill.count()).toBe(1);
    expect(await bill.textContent()).toContain('Tổng số tiền: 200.000 đồng');
    expect(await page.locator('input[name="SoTien"]').count()).toBe(0);
    await fits(page, 'portal-sandbox-bill-phone');
    await Promise.all([page.waitForNavigation(), bill.locator('button[type=submit]').click()]);
    expect(await page.locator('section.bill').textContent()).toContain('Đã thanh toán (giao dịch');
    expect(await page.locator('section.bill button').count()).toBe(0);
    await fits(page, 'portal-sandbox-bill-paid-phone');

    expect((await pull()).payments).toMatchObject({ received: 1, refused: 0 });
    await deliverAll(b.env, { topics: TOPICS });
    const officer = await b.newPage('phone');
    await browserLoginOfficer(b, officer, 'motcua.tinh', undefined, `/can-bo/ho-so/${id}`);
    const bills = officer.locator('#portal-bills');
    await bills.scrollIntoViewIfNeeded();
    expect(await bills.textContent()).toContain('Đã thanh toán trên Cổng (mã giao dịch');
    await fits(officer, 'portal-dossier-officer-bill-paid-phone');
  });
});
