/**
 * Issue 13.7 in Chromium at 360 px: the birth registration form (six sections) asked one section
 * per page with "Bước n/6", a back link and the review grouped by section with change links, with
 * JavaScript off (plain posts) and on (the page's autosave and rules running), up to the receipt.
 * Also at 360 px: the indicator dashboard, a drill-down, the public ranking and the accounts
 * table are stacked summary lists (no sideways scroll, headers out of sight, each cell labelled),
 * and the accounts table names units, not ids.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  browserLoginCitizen,
  browserLoginOfficer,
  chromiumOrSkip,
  clickAndWait,
  expectFitsPhone,
  screenshot,
  SCREENSHOT_DIR,
  startBrowserEnv,
  VIEWPORTS,
  type BrowserEnv,
  setField,
} from '../../test/browser';
import { BIRTH_CHILD, TINY_PDF as PDF } from '../../test/fixtures';
import { DEMO } from '../units/demo';

const ok = chromiumOrSkip();
const BIRTH = '1.001193';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
/** The answers by section (1-based), beyond what VNeID prefills. */
const ANSWERS: Record<number, Record<string, string>> = {
  1: { applicantRelation: 'cha' },
  2: BIRTH_CHILD,
  3: { motherName: 'Trần Thị Bình' },
  4: {},
  5: { copies: '1' },
  6: { resultDelivery: 'truc-tiep' },
};

/** axe-core and the width need the page's JavaScript engine: with JavaScript off only the screenshot (the same pages are checked with it on). */
async function check(page: Page, name: string, js = true) {
  if (!js) {
    await screenshot(page, `steps-${name}-phone`);
    return;
  }
  await expectFitsPhone(page, name, `steps-${name}-phone`);
}

describe.skipIf(!ok)('long forms in steps, stacked tables (Chromium, 360 px)', () => {
  let b: BrowserEnv;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
  }, 120_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await b?.close();
  });
  const phone = async (javaScriptEnabled: boolean) => {
    const c = await b.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled, locale: 'vi-VN', isMobile: true });
    contexts.push(c);
    const p = await c.newPage();
    p.setDefaultTimeout(60_000);
    return p;
  };

  for (const js of [false, true]) {
    const tag = js ? 'js' : 'nojs';
    it(`the birth registration step by step to the receipt, JavaScript ${js ? 'on' : 'off'}`, async () => {
      const page = await phone(js);
      await browserLoginCitizen(b, page, js ? '093185004321' : '093090001234', { next: `/nop-ho-so/${BIRTH}` });
      expect(await page.locator('#step-progress').innerText()).toBe('Bước 1/6: Thông tin người yêu cầu');
      expect(await page.locator('[name="childName"]').count()).toBe(0);
      await check(page, `${tag}-1`, js);
      // A wrong first section comes back with its errors, the summary first.
      await page.selectOption('#f-receivingUnitId', DEMO.ubndPhuong1);
      await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
      expect(await page.locator('#step-progress').innerText()).toBe('Bước 1/6: Thông tin người yêu cầu');
      expect(await page.locator('.error-summary li').allInnerTexts()).toContain('Vui lòng chọn Quan hệ với người được đăng ký.');
      expect(await page.locator('[name="childName"]').count()).toBe(0);
      await check(page, `${tag}-1-error`, js);
      for (let n = 1; n <= 6; n++) {
        expect(await page.locator('#step-progress').innerText()).toContain(`Bước ${n}/6`);
        for (const [k, v] of Object.entries(ANSWERS[n]!)) await setField(page, k, v);
        if (n === 1 && js) {
          // This citizen's VNeID record gives no phone nor address.
          await setField(page, 'applicantPhone', '0987654321');
          await setField(page, 'applicantAddress', 'Phường I, Vị Thanh');
        }
        if (n === 3) await check(page, `${tag}-3`, js);
        if (n === 2 && !js) {
          // The back link keeps the answers of section 1.
          await clickAndWait(page, 'main > p:first-child a');
          expect(await page.locator('#step-progress').innerText()).toContain('Bước 1/6');
          expect(await page.inputValue('[name="applicantRelation"]')).toBe('cha');
          await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
          for (const [k, v] of Object.entries(ANSWERS[2]!)) await setField(page, k, v);
        }
        await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
      }
      expect(await page.locator('h1').innerText()).toContain('Kiểm tra thông tin');
      expect(await page.locator('.review-section h3').allInnerTexts()).toEqual([
        'Thông tin người yêu cầu',
        'Thông tin người được đăng ký khai sinh',
        'Thông tin người mẹ',
        'Yêu cầu khác',
        'Nhận kết quả',
      ]);
      await check(page, `${tag}-review`, js);
      // Change the mother's name from the review: back to the review afterwards.
      await clickAndWait(page, `a[href="/nop-ho-so/${BIRTH}?buoc=3&sua=1"]`);
      expect(await page.locator('#step-progress').innerText()).toBe('Bước 3/6: Thông tin người mẹ');
      await setField(page, 'motherName', 'Trần Thị Bích');
      await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
      expect(await page.locator('h1').innerText()).toContain('Kiểm tra thông tin');
      expect(await page.locator('main').innerText()).toContain('Trần Thị Bích');
      await page.setInputFiles('#file-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.setInputFiles('#file-giay-chung-sinh', { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: PNG });
      if (js) {
        await page.locator('#upload-to-khai-status .notice').waitFor({ timeout: 60_000 });
        await page.locator('#upload-giay-chung-sinh-status .notice').waitFor({ timeout: 60_000 });
      }
      await clickAndWait(page, 'form[enctype="multipart/form-data"] button[type=submit]');
      expect(new URL(page.url()).pathname, await page.locator('main').innerText()).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]+\/bien-nhan$/);
      const id = new URL(page.url()).pathname.split('/')[2]!;
      const row = await b.env.ctx.db.selectFrom('dossiers').select(['data']).where('id', '=', id).executeTakeFirstOrThrow();
      const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
      expect(data).toMatchObject({
        applicantRelation: 'cha',
        childName: 'Nguyễn Minh Khang',
        motherName: 'Trần Thị Bích',
        copies: 1,
        resultDelivery: 'truc-tiep',
      });
      await check(page, `${tag}-receipt`, js);
    }, 240_000);
  }

  /** The table is a stacked list at 360 px: the header row out of sight, cells one under another, each with its column name. */
  async function expectStacked(page: Page, table: string) {
    const facts = await page
      .locator(`${table} tbody td[data-label]`)
      .first()
      .evaluate((td) => {
        const t = td.closest('table')!;
        return {
          head: t.querySelector('thead')!.getBoundingClientRect().height,
          display: getComputedStyle(td).display,
          label: getComputedStyle(td, '::before').content,
        };
      });
    expect(facts.head).toBeLessThanOrEqual(1);
    expect(facts.display).toBe('block');
    expect(facts.label).toMatch(/^".+: "$/);
  }

  it('the indicator dashboard and the public ranking are stacked lists at 360 px; targets, drill-down and points at stake fit', async () => {
    const page = await phone(true);
    await browserLoginOfficer(b, page, 'giamsat', undefined, '/chi-so');
    expect(new URL(page.url()).pathname).toBe('/chi-so');
    await expectStacked(page, 'main table.stack');
    expect(await page.locator('main table:not(.stack)').count()).toBe(0);
    await check(page, 'dashboard');
    await page
      .locator('main table.stack')
      .first()
      .screenshot({ path: join(SCREENSHOT_DIR, 'steps-dashboard-index-table-phone.png') });
    await page.goto(b.url(`/chi-so?unit=${DEMO.province}`));
    await check(page, 'dashboard-province');
    await page.goto(b.url('/chi-so/chi-tieu'));
    await check(page, 'targets');
    await page.goto(b.url('/chi-so/chi-tiet/onTimeRate'));
    await check(page, 'drill-down');
    await page.goto(b.url('/chi-so/nguy-co'));
    await check(page, 'at-stake');
    const visitor = await phone(true);
    await visitor.goto(b.url('/cong-khai/chi-so'));
    await expectStacked(visitor, 'main table.stack');
    expect(await visitor.locator('main table:not(.stack)').count()).toBe(0);
    await check(visitor, 'public-ranking');
    await visitor
      .locator('main table.stack')
      .nth(1)
      .screenshot({ path: join(SCREENSHOT_DIR, 'steps-public-ranking-table-phone.png') });
  }, 120_000);

  it('the accounts table is stacked and names units, not ids', async () => {
    const page = await phone(true);
    await browserLoginOfficer(b, page, 'admin', undefined, '/quan-tri/tai-khoan');
    expect(new URL(page.url()).pathname).toBe('/quan-tri/tai-khoan');
    await expectStacked(page, 'main table.stack');
    const text = await page.locator('main').innerText();
    expect(text).toContain('UBND phường Vị Thanh');
    expect(text).not.toMatch(/\bhg-[a-z0-9-]+/);
    await check(page, 'accounts');
  }, 120_000);
});
