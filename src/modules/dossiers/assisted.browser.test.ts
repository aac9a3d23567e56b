/**
 * Assisted submission at 360 px, plain HTML forms (issue 17 items 3 and 7): the digital team asks
 * the citizen's consent, a wrong code is refused on the page, the right code opens the dossier
 * form; the dossier is labelled "Hỗ trợ nộp" and is in the citizen's account at their VNeID login.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginCitizen, browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { LLTP, LLTP_FORM, TINY_PDF } from '../../test/fixtures';
import { consentSms } from './testkit';

const ok = chromiumOrSkip();
const DUNG = { idNumber: '093200007777', name: 'Phạm Thị Dung' };

async function check(page: Page, name: string) {
  await expectAxeClean(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows 360 px`).toBeLessThanOrEqual(360);
  await screenshot(page, `assisted-${name}-phone`);
}
async function setField(page: Page, name: string, value: string) {
  const el = page.locator(`[name="${name}"]`).first();
  const kind = await el.evaluate((e) => (e.tagName === 'SELECT' ? 'select' : (e as HTMLInputElement).type));
  if (kind === 'select') await el.selectOption(value);
  else if (kind === 'radio') await page.check(`[name="${name}"][value="${value}"]`);
  else await el.fill(value);
}
async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).click()]);
}

describe.skipIf(!ok)('assisted submission on a phone', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
  }, 240_000);
  afterAll(() => b?.close());

  it('consent by SMS code, then the dossier for the citizen, labelled and in their account', async () => {
    const team = await b.newPage('phone');
    await browserLoginOfficer(b, team, 'congnghe.p1', undefined, `/can-bo/tiep-nhan?ma=${LLTP}&kenh=assisted`);
    expect(await team.locator('#consent-title').textContent()).toBe('Bước 1. Sự đồng ý của công dân');
    expect(await team.locator('[name="applicantName"]').count()).toBe(0);
    await check(team, 'consent-ask');
    await team.fill('#consent-id', DUNG.idNumber);
    await team.fill('#consent-name', DUNG.name);
    await team.fill('#consent-phone', '0933 444 555');
    await submit(team, 'form[action="/can-bo/tiep-nhan/dong-y"] button[type="submit"]');
    const id = new URL(team.url()).searchParams.get('dongY')!;
    expect(await team.locator('[role="status"]').first().textContent()).toContain('0933***555');
    await check(team, 'consent-code');
    const { code } = (await consentSms(b.env, id))!;
    // A wrong code: the message on the page, the form still there, nothing confirmed.
    await team.fill('#consent-code', code === '000000' ? '111111' : '000000');
    await submit(team, 'form[action^="/can-bo/tiep-nhan/dong-y/"] button[type="submit"]');
    expect(await team.locator('.error-summary').textContent()).toContain('Mã xác nhận không đúng. Còn 4 lần nhập.');
    await check(team, 'consent-wrong');
    await team.fill('#consent-code', code);
    await submit(team, 'form[action^="/can-bo/tiep-nhan/dong-y/"] button[type="submit"]');
    expect(await team.locator('#consented').textContent()).toContain('Phạm Thị Dung (093200007777) đã đồng ý lúc');
    expect(await team.inputValue('#ap-id')).toBe(DUNG.idNumber);
    for (const [k, v] of Object.entries({ ...LLTP_FORM, applicantName: DUNG.name, applicantPersonalId: DUNG.idNumber })) await setField(team, k, String(v));
    await team.setInputFiles('#scan-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: TINY_PDF });
    await check(team, 'consent-form');
    await submit(team, 'form[enctype="multipart/form-data"] button[type="submit"]');
    expect(team.url()).toContain('/can-bo/ho-so/');
    expect(await team.locator('.tag.assisted').first().textContent()).toBe('Hỗ trợ nộp');
    expect(await team.locator('#assisted-note').textContent()).toContain('thành viên Tổ công nghệ số cộng đồng');
    await check(team, 'workspace');

    // The citizen logs in with VNeID: the dossier is hers.
    const dung = await b.newPage('phone');
    await browserLoginCitizen(b, dung, DUNG.idNumber, { next: '/ho-so-cua-toi' });
    expect(await dung.locator('.card .tag.assisted').first().textContent()).toBe('Hỗ trợ nộp');
    await check(dung, 'mine');
    await Promise.all([dung.waitForNavigation(), dung.locator('.card-title a').first().click()]);
    expect(await dung.locator('#assisted-note').textContent()).toContain('nộp thay bạn với sự đồng ý của bạn');
    await check(dung, 'mine-dossier');
  }, 240_000);
});
