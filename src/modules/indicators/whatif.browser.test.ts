/** The dashboard under the national method and the "what if" form at phone width, without JavaScript: axe-clean, screenshots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, chromiumOrSkip, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { loginOfficer } from '../../test/login';
import { DEMO } from '../units/demo';

const run = chromiumOrSkip();
let b: BrowserEnv;
beforeAll(async () => {
  if (run) b = await startBrowserEnv({ now: '2026-03-18T05:00:00Z' });
}, 180_000);
afterAll(async () => {
  await b?.close();
});

describe.runIf(run)('indicators at 360 px', () => {
  it('the dashboard names the method; "what if" re-renders the points after a POST, with JavaScript off', async () => {
    const s = await loginOfficer(b.env.app, 'giamsat');
    const page = await b.newPage('phone');
    await page.context().addCookies(
      s.cookie
        .split(';')
        .map((c) => c.trim().split('='))
        .map(([name, value]) => ({ name: name!, value: value!, url: b.baseUrl })),
    );
    await page.context().route('**/*.js', (r) => r.abort());
    await page.goto(b.url(`/chi-so?unit=${DEMO.phuong1}&period=2026-03`));
    expect(await page.textContent('.method-note')).toContain('Cách tính của Cổng Dịch vụ công quốc gia (2026)');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-dashboard-national-360');
    await page.screenshot({ path: 'test-artifacts/screenshots/indicators-dashboard-national-360-view.png' });
    await page.goto(b.url(`/chi-so/thu-tinh?unit=${DEMO.phuong1}&period=2026-03`));
    await page.fill('#n-TDGQ', '0');
    await page.fill('#d-TDGQ', '0');
    await page.click('button[type=submit]:has-text("Tính điểm")');
    expect(await page.textContent('[role=status]')).toContain('Tổng điểm nếu áp dụng số liệu trên');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-whatif-360');
    await page.fill('#n-TDGQ', '7');
    await page.fill('#d-TDGQ', '3');
    await page.click('button[type=submit]:has-text("Tính điểm")');
    expect(await page.textContent('#ne-TDGQ')).toBe('Tử số (7) lớn hơn mẫu số (3).');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'indicators-whatif-error-360');
    await page.locator('#ne-TDGQ').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-artifacts/screenshots/indicators-whatif-error-360-view.png' });
  });
});
