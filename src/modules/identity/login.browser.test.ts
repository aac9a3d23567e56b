import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserLoginCitizen,
  browserLoginOfficer,
  chromiumOrSkip,
  expectAxeClean,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  type ViewportName,
} from '../../test/browser';

const ok = chromiumOrSkip();

describe.skipIf(!ok)('login journeys in Chromium', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv();
  });
  afterAll(() => b?.close());

  for (const vp of ['desktop', 'phone'] as ViewportName[]) {
    it(`citizen logs in with VNeID through the sandbox (${vp})`, async () => {
      const page = await b.newPage(vp);
      await page.goto(b.url('/dang-nhap'));
      await expectAxeClean(page);
      await screenshot(page, `identity-citizen-login-${vp}`);
      await page.locator('a.vneid').click();
      await page.waitForURL((u) => u.toString().startsWith(b.env.vneid!.issuer));
      await expectAxeClean(page);
      await screenshot(page, `identity-vneid-sandbox-login-${vp}`);
      await page.selectOption('#citizen', '093090001234');
      await page.fill('#password', 'MotCua@2026');
      await page.locator('form[action$="/login"] button[type=submit]').click();
      await page.locator('form[action$="/confirm"]').waitFor();
      await expectAxeClean(page);
      await screenshot(page, `identity-vneid-sandbox-consent-${vp}`);
      await page.locator('form[action$="/confirm"] button[type=submit]').click();
      await page.waitForURL(b.url('/tai-khoan'));
      expect(await page.locator('h1').innerText()).toBe('Tài khoản của tôi');
      expect(await page.locator('main').innerText()).toContain('093090001234');
      if (vp === 'phone') {
        // The header is one line at 360 px: the brand and "Danh mục"; the navigation opens under it.
        const rows = await page.evaluate(() => {
          const h = document.querySelector('header.site-header')!.getBoundingClientRect();
          const b = document.querySelector('header .brand')!.getBoundingClientRect();
          return { header: h.height, brand: b.height };
        });
        expect(rows.brand).toBeLessThan(32);
        expect(rows.header).toBeLessThan(60);
        expect(await page.locator('header').innerText()).not.toContain('Nguyễn Văn An');
        await page.locator('header .menu summary').click();
        await screenshot(page, `identity-citizen-menu-open-${vp}`);
      }
      expect(await page.locator('header').innerText()).toContain('Nguyễn Văn An');
      await expectAxeClean(page);
      await screenshot(page, `identity-citizen-profile-${vp}`);
      if (vp === 'phone') {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(360);
      }
      // log out from the header
      await page.locator('form[action="/dang-xuat"] button').click();
      await page.waitForURL(b.url('/'));
      expect(await page.locator('header').innerText()).not.toContain('Nguyễn Văn An');
    });

    it(`officer logs in with a password and sees the back-office navigation (${vp})`, async () => {
      const page = await b.newPage(vp);
      await page.goto(b.url('/can-bo/dang-nhap'));
      await expectAxeClean(page);
      await screenshot(page, `identity-officer-login-${vp}`);
      await browserLoginOfficer(b, page, 'admin', undefined, '/quan-tri/tai-khoan');
      expect(new URL(page.url()).pathname).toBe('/quan-tri/tai-khoan');
      expect(await page.locator('nav.office-nav').innerText()).toContain('Quản trị');
      await expectAxeClean(page);
      await screenshot(page, `identity-admin-accounts-${vp}`);
    });
  }

  it('a citizen can act for their organisation (helper journey)', async () => {
    const page = await b.newPage('phone');
    await browserLoginCitizen(b, page, '093078005555', { asOrg: true });
    expect(await page.locator('main').innerText()).toContain('6300123456');
  });

  it('a wrong officer password shows an accessible error', async () => {
    const page = await b.newPage('phone');
    await page.goto(b.url('/can-bo/dang-nhap'));
    await page.fill('#username', 'motcua.p1');
    await page.fill('#password', 'sai-mat-khau-1');
    await page.locator('form[action="/can-bo/dang-nhap"] button[type=submit]').click();
    await page.locator('[role=alert]').waitFor();
    expect(await page.locator('[role=alert]').innerText()).toContain('không đúng');
    await expectAxeClean(page);
  });
});
