/** The before-the-merger note on what-if, points at stake and the overdue-cause ledger at 360 px without JavaScript: no sideways scroll, axe-clean, screenshots. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, browserLoginOfficer, chromiumOrSkip, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';

const run = chromiumOrSkip();
const NOTE = 'Kỳ này trước ngày sáp nhập: số liệu gồm các đơn vị của Tỉnh Hậu Giang, nay thuộc Thành phố Cần Thơ.';
let b: BrowserEnv;
beforeAll(async () => {
  if (run) b = await startBrowserEnv({ now: '2025-06-20T03:00:00Z' });
}, 180_000);
afterAll(async () => {
  await b?.close();
});

async function check(page: Page, name: string) {
  expect(await page.textContent('#merged-period'), name).toBe(NOTE);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows the phone width`).toBeLessThanOrEqual(360);
  expect(await axeViolations(page), name).toEqual([]);
  await screenshot(page, name);
  await page.screenshot({ path: `test-artifacts/screenshots/${name}-view.png` });
}

describe.runIf(run)('the before-the-merger note at 360 px', () => {
  it('is on what-if, points at stake and the ledger of the city for June 2025', async () => {
    const page = await b.newPage('phone');
    await page.context().route('**/*.js', (r) => r.abort());
    await browserLoginOfficer(b, page, 'giamsat');
    await page.goto(b.url('/chi-so/thu-tinh?unit=ct&period=2025-06'));
    await check(page, 'merger-note-whatif-360');
    await page.goto(b.url('/chi-so/nguy-co?unit=ct'));
    await check(page, 'merger-note-at-stake-360');
    await page.goto(b.url('/chi-so/nguyen-nhan?unit=ct&period=2025-06'));
    await check(page, 'merger-note-ledger-360');
  });
});
