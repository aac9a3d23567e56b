import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';

const ok = chromiumOrSkip();
describe.skipIf(!ok)('the rules page at 360 px', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv();
  });
  afterAll(() => b?.close());
  it('shows the law of 15/9/2025 in Vietnamese, fits the phone, passes axe', async () => {
    const page = await b.newPage('phone');
    await page.goto(b.url('/quy-dinh?ngay=2025-09-15'));
    expect(await page.locator('h2').first().textContent()).toBe('Quy định có hiệu lực ngày 15/09/2025');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAxeClean(page);
    await screenshot(page, 'rules-phone');
  });
});
