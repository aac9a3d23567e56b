import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumOrSkip, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';

// The header names the province of the day, read from the units (issue 11 item 3).
const ok = chromiumOrSkip();
describe.skipIf(!ok)('home page header at 360 px', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-12-02T02:00:00Z' });
  });
  afterAll(() => b?.close());

  it('says Thành phố Cần Thơ from 1/7/2025 and Tỉnh Hậu Giang before, without horizontal scrolling', async () => {
    const page = await b.newPage('phone');
    await page.goto(b.url('/'));
    expect(await page.locator('header .brand-long').innerText()).toBe('Cổng Dịch vụ công thành phố Cần Thơ');
    expect(await page.locator('header .brand-short').innerText()).toBe('Dịch vụ công Cần Thơ');
    expect(await page.title()).toContain('Cổng Dịch vụ công thành phố Cần Thơ');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'home-phone-can-tho');
    b.env.clock.set('2025-06-30T02:00:00Z');
    await page.goto(b.url('/'));
    expect(await page.locator('header .brand-long').innerText()).toBe('Cổng Dịch vụ công tỉnh Hậu Giang');
    expect(await page.locator('header .brand-short').innerText()).toBe('Dịch vụ công Hậu Giang');
    await screenshot(page, 'home-phone-hau-giang');
    b.env.clock.set('2026-12-02T02:00:00Z');
  });
});
