/** Boundary-free reception at 360 px (plain HTML forms): the desk chooses the competent commune; the controller's list section. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { DEMO } from '../units/demo';

const ok = chromiumOrSkip();

describe.skipIf(!ok)('boundary-free reception on a phone', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
  });
  afterAll(() => b?.close());

  it('the desk of Phường I picks Xã Tân Hòa as the competent agency (a plain select, no script)', async () => {
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'motcua.p1', undefined, '/can-bo/tiep-nhan?ma=1.004873&kenh=in_person');
    expect(await page.locator('label[for="decidingUnitId"]').textContent()).toBe('Cơ quan có thẩm quyền giải quyết');
    await page.selectOption('#decidingUnitId', DEMO.ubndTanHoa);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await screenshot(page, 'boundary-free-desk-phone');
  });

  it('the controller sees the list section of a procedure at 360 px', async () => {
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'kiemsoat', undefined, '/quan-tri/thu-tuc/1.004873/sua');
    await page.locator('#h-boundary-free').scrollIntoViewIfNeeded();
    expect(await page.locator('#h-boundary-free').textContent()).toBe('Tiếp nhận không phụ thuộc địa giới hành chính');
    expect(await page.locator('.boundary-free-version li').first().textContent()).toContain('Từ 01/07/2025');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'boundary-free-admin-phone');
  });
});
