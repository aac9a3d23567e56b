/**
 * Issue 13 item 7 in Chromium at 360 px, on a phone set to English (en-US, where a native date
 * control shows mm/dd/yyyy) with the portal in Vietnamese: the birth registration's date of birth
 * is three boxes Ngày / Tháng / Năm on one line, numeric keyboards; an impossible date comes back
 * with its message and the boxes as typed; the right one goes to the review as 02/03/2026.
 * No sideways scroll, no serious axe violation, screenshots like the other journeys.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserLoginCitizen,
  chromiumOrSkip,
  clickAndWait,
  expectFitsPhone,
  fillEFormSteps,
  startBrowserEnv,
  VIEWPORTS,
  type BrowserEnv,
} from '../../test/browser';
import { BIRTH_CHILD } from '../../test/fixtures';

const ok = chromiumOrSkip();
const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const { childBirthDate: _typed, ...CHILD } = BIRTH_CHILD;
const REST: Record<string, string> = { motherName: 'Trần Thị Bình', copies: '1', resultDelivery: 'truc-tiep' };

const check = (page: Page, name: string) => expectFitsPhone(page, name, `dates-${name}-phone`);
const boxes = (page: Page) => Promise.all(['day', 'month', 'year'].map((k) => page.locator(`[name="childBirthDate__${k}"]`).inputValue()));

describe.skipIf(!ok)('e-form dates as Ngày / Tháng / Năm on a phone set to English (Chromium, 360 px)', () => {
  let b: BrowserEnv;
  let context: BrowserContext;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
  }, 120_000);
  afterAll(async () => {
    await context?.close().catch(() => {});
    await b?.close();
  });

  it('types the date of birth in three boxes, is told what is wrong, and reads it back as dd/mm/yyyy', async () => {
    context = await b.browser.newContext({ viewport: VIEWPORTS.phone, locale: 'en-US', isMobile: true, hasTouch: true });
    await context.addCookies([{ name: 'lang', value: 'vi', url: b.baseUrl }]);
    const page = await context.newPage();
    await browserLoginCitizen(b, page, '093090001234', { next: `/nop-ho-so/${BIRTH}` });
    await page.selectOption('#f-receivingUnitId', P1);
    await page.selectOption('[name="applicantRelation"]', 'cha');
    await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
    expect(await page.locator('#step-progress').innerText()).toContain('Bước 2/6');

    // The boxes: a fieldset with the label as legend, the example, numeric keyboards, 2/2/4 widths on one line.
    const group = page.locator('fieldset.date-input');
    expect(await group.locator('legend').innerText()).toContain('Ngày, tháng, năm sinh');
    expect(await group.locator('.hint').innerText()).toContain('Ví dụ: 27/03/1990');
    expect(await page.locator('main input[type="date"]').count()).toBe(0);
    const geometry = await page.evaluate(() =>
      ['day', 'month', 'year'].map((k) => {
        const el = document.querySelector<HTMLInputElement>(`[name="childBirthDate__${k}"]`)!;
        const r = el.getBoundingClientRect();
        return { label: el.labels?.[0]?.textContent, inputMode: el.inputMode, top: Math.round(r.top), width: r.width };
      }),
    );
    expect(geometry.map((g) => g.label)).toEqual(['Ngày', 'Tháng', 'Năm']);
    expect(geometry.map((g) => g.inputMode)).toEqual(['numeric', 'numeric', 'numeric']);
    expect(new Set(geometry.map((g) => g.top)).size).toBe(1);
    expect(geometry[0]!.width).toBe(geometry[1]!.width);
    expect(geometry[2]!.width).toBeGreaterThan(geometry[0]!.width);
    expect(geometry[2]!.width).toBeLessThan(150);
    await check(page, 'form');

    // 31/02: refused with what is right, the boxes as typed, the summary pointing at the day box.
    for (const [name, value] of Object.entries(CHILD)) {
      const el = page.locator(`[name="${name}"]`).first();
      if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
      else await el.fill(value);
    }
    await page.fill('[name="childBirthDate__day"]', '31');
    await page.fill('[name="childBirthDate__month"]', '2');
    await page.fill('[name="childBirthDate__year"]', '2026');
    await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
    expect(await page.locator('.error-summary').innerText()).toContain('Ngày, tháng, năm sinh phải là một ngày có thật.');
    expect(await page.locator('.error-summary a').first().getAttribute('href')).toBe('#f-childBirthDate');
    expect(await page.locator('#f-childBirthDate').getAttribute('name')).toBe('childBirthDate__day');
    expect(await boxes(page)).toEqual(['31', '2', '2026']);
    await check(page, 'error');

    // A month left out.
    await page.fill('[name="childBirthDate__day"]', '2');
    await page.fill('[name="childBirthDate__month"]', '');
    await clickAndWait(page, 'main form[data-autosave] button[type=submit]');
    expect(await page.locator('#f-childBirthDate-error').innerText()).toContain('phải có đủ ngày, tháng và năm');
    expect(await page.locator('[name="childBirthDate__month"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[name="childBirthDate__day"]').getAttribute('aria-invalid')).toBeNull();

    // Right: on to the review, where the date reads 02/03/2026.
    await page.fill('[name="childBirthDate__month"]', '3');
    await fillEFormSteps(page, REST);
    expect(await page.locator('h1').innerText()).toContain('Kiểm tra thông tin');
    const dd = page.locator('dl.summary dt', { hasText: 'Ngày, tháng, năm sinh' }).locator('xpath=following-sibling::dd[1]');
    expect(await dd.innerText()).toBe('02/03/2026');
    await check(page, 'review');
  }, 180_000);
});
