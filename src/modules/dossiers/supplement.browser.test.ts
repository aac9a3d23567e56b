/**
 * One complete supplement request at 360 px, plain HTML forms (issue 17 items 1, 2, 7): the desk
 * ticks the deficient component against the checklist with its defect and what to provide (the
 * component the state holds cannot be ticked), then the citizen answers item by item online.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserLoginCitizen, browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { authHeaders, loginOfficer } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

const ok = chromiumOrSkip();
const TTHN = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678' };

async function submitAndWait(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.locator(selector).click()]);
}
async function fits(page: Page, name: string) {
  await expectAxeClean(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows the phone width`).toBeLessThanOrEqual(360);
  await screenshot(page, name);
}

describe.skipIf(!ok)('a supplement request on a phone', () => {
  let b: BrowserEnv;
  let id: string;
  const row = () => b.env.ctx.db.selectFrom('dossiers').select(['state', 'supplement_requests']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z', population: true });
    const desk = await loginOfficer(b.env.app, 'motcua.p1');
    const mp = payloadMultipart({ procedureCode: TTHN, channel: 'in_person', receivingUnitId: P1, applicant: AN }, [pdfFile('file:to-khai', PDF)]);
    const r = await b.env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(desk), 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().dossier.id;
    const rec = await b.env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions/receive`,
      headers: authHeaders(desk),
      payload: { version: r.json().dossier.version },
    });
    expect(rec.statusCode, rec.body).toBe(200);
  });
  afterAll(() => b?.close());

  it('the desk ticks the deficient component with its defect and what to provide', async () => {
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'motcua.p1', undefined, `/can-bo/ho-so/${id}`);
    await page.locator('#action-request_supplement summary').click();
    // The identity card comes from the population database: it cannot be ticked.
    expect(await page.locator('input[name="item"][value="giay-to-tuy-than"]').isDisabled()).toBe(true);
    for (const box of await page.locator('input[name="item"]:checked').all()) await box.uncheck();
    await page.check('input[name="item"][value="giay-xac-nhan-cu"]');
    await page.selectOption('select[name="defect:giay-xac-nhan-cu"]', 'expired');
    await page.fill('input[name="provide:giay-xac-nhan-cu"]', 'Bản chính giấy xác nhận đã cấp năm 2020');
    await page.fill('#request_supplement-comment', 'Giấy xác nhận cũ đã hết hạn sử dụng');
    await fits(page, 'supplement-officer-checklist-phone');
    await submitAndWait(page, '#action-request_supplement button[type=submit]');
    expect(await row()).toEqual({ state: 'waiting_supplement', supplement_requests: 1 });
    const section = page.locator('section[aria-labelledby=supplements]');
    await section.scrollIntoViewIfNeeded();
    expect(await section.textContent()).toContain('Đã hết hạn, hết hiệu lực');
    await fits(page, 'supplement-officer-issued-phone');
  });

  it('the citizen answers each item online', async () => {
    const page = await b.newPage('phone');
    await browserLoginCitizen(b, page, AN.idNumber, { next: `/ho-so-cua-toi/${id}` });
    const form = page.locator('#supplement-answer');
    expect(await form.textContent()).toContain('Cần cung cấp: Bản chính giấy xác nhận đã cấp năm 2020');
    const items = await b.env.ctx.db
      .selectFrom('dossier_supplement_items as i')
      .innerJoin('dossier_supplement_requests as r', 'r.id', 'i.request_id')
      .select(['i.id'])
      .where('r.dossier_id', '=', id)
      .execute();
    expect(items).toHaveLength(1);
    await page.setInputFiles(`#file-${items[0]!.id}`, { name: 'giay-xac-nhan.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.fill(`#note-${items[0]!.id}`, 'Bản scan giấy xác nhận gốc');
    await fits(page, 'supplement-citizen-answer-phone');
    await submitAndWait(page, '#supplement-answer button[type=submit]');
    expect((await row()).state).toBe('received');
    const done = page.locator('section[aria-labelledby=supplements]');
    expect(await done.textContent()).toContain('Trả lời: Bản scan giấy xác nhận gốc');
    await fits(page, 'supplement-citizen-answered-phone');
  });
});
