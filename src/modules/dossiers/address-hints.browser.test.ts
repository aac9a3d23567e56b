/**
 * Issue 11 item 4 at 360 px with JavaScript off: an old-style address at the desk (the form when it
 * comes back, the dossier page it leads to), on the citizen's e-form review, and a document issued
 * under an old unit name in the e-data store - each shown with today's names beside it. No sideways
 * scroll, axe-clean, screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  browserLoginCitizen,
  browserLoginOfficer,
  chromiumOrSkip,
  fillEFormSteps,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
} from '../../test/browser';
import { BIRTH_FORM } from '../../test/fixtures';

const run = chromiumOrSkip();
const PAPER_OK = '1.004873';
const BIRTH = '1.001193';
const OLD = 'Số 5 đường Nguyễn Huệ, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang';
const OLD_TODAY = 'Số 5 đường Nguyễn Huệ, phường Vị Tân, thành phố Cần Thơ';
let b: BrowserEnv;

beforeAll(async () => {
  if (run) b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
}, 180_000);
afterAll(async () => {
  await b?.close();
});

async function check(page: Page, name: string) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows the phone width`).toBeLessThanOrEqual(360);
  expect(await axeViolations(page), name).toEqual([]);
  await screenshot(page, name);
}

describe.runIf(run)('old unit names shown with today’s at 360 px, without JavaScript', () => {
  it('the desk: the form that comes back shows the hint under the address; the dossier page shows both', async () => {
    const page = await b.newPage('phone');
    await page.context().route('**/*.js', (r) => r.abort());
    await browserLoginOfficer(b, page, 'motcua.p1');
    await page.goto(b.url(`/can-bo/tiep-nhan?ma=${PAPER_OK}&kenh=in_person`));
    await page.fill('#ap-id', '093200001111');
    await page.fill('#ap-address', OLD);
    await page.click('button[type=submit]:has-text("Lưu và tiếp nhận")');
    await page.waitForSelector('#ap-name-error');
    expect(await page.textContent('#ap-address-hint')).toBe(
      `Nay là: ${OLD_TODAY}. Địa chỉ ghi theo tên đơn vị hành chính cũ vẫn hợp lệ và được lưu đúng như đã nhập.`,
    );
    expect(await page.inputValue('#ap-address')).toBe(OLD);
    await check(page, 'address-desk-form-hint-360');
    await page.locator('#ap-address').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-artifacts/screenshots/address-desk-form-hint-360-view.png' });
    await page.fill('#ap-name', 'Lê Văn Tám');
    await Promise.all([page.waitForURL(/\/can-bo\/ho-so\//), page.click('button[type=submit]:has-text("Lưu và tiếp nhận")')]);
    expect(await page.textContent('#address-today')).toBe(`(nay là ${OLD_TODAY})`);
    expect(await page.textContent('dd:has(#address-today)')).toBe(`${OLD}(nay là ${OLD_TODAY})`);
    await check(page, 'address-desk-dossier-360');
    await page.locator('#address-today').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-artifacts/screenshots/address-desk-dossier-360-view.png' });
  });

  it('the citizen’s e-form review and the e-data store', async () => {
    const page = await b.newPage('phone');
    await page.context().route('**/*.js', (r) => r.abort());
    await browserLoginCitizen(b, page, '093090001234', { next: `/nop-ho-so/${BIRTH}` });
    await page.goto(b.url(`/nop-ho-so/${BIRTH}`));
    // Fill the e-form as the fixture answers it, section by section (issue 13.7).
    await page.selectOption('#f-receivingUnitId', 'hg-vithanh-p1-ubnd');
    await fillEFormSteps(page, BIRTH_FORM);
    expect(await page.locator('.error-summary').allTextContents()).toEqual([]);
    expect(await page.textContent('[data-address-today="applicantAddress"]')).toBe('(nay là Số 12 đường Trần Hưng Đạo, phường Vị Thanh, thành phố Cần Thơ)');
    expect(await page.textContent('[data-address-today="childBirthPlace"]')).toBe('(nay là phường Vị Tân, thành phố Cần Thơ)');
    await check(page, 'address-eform-review-360');
    await page.locator('[data-address-today="applicantAddress"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-artifacts/screenshots/address-eform-review-360-view.png' });

    await page.goto(b.url('/kho-du-lieu'));
    expect(await page.textContent('main')).toContain(
      'UBND Phường I, thành phố Vị Thanh(nay là UBND phường Vị Thanh, thành phố Cần Thơ; giấy tờ cấp theo tên đơn vị cũ vẫn có giá trị)',
    );
    await check(page, 'address-data-store-360');
    await page.locator('text=nay là UBND phường Vị Thanh').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-artifacts/screenshots/address-data-store-360-view.png' });
  });
});
