import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { DEMO } from '../units/demo';

const ok = chromiumOrSkip();

describe.skipIf(!ok)('feedback journeys in Chromium', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2025-03-10T02:00:00Z' });
  }, 60_000);
  afterAll(() => b?.close());

  it('a petition from a phone without logging in is answered, approved and published on /phan-anh', async () => {
    const phone = await b.newPage('phone');
    await phone.goto(b.url('/phan-anh'));
    await expectAxeClean(phone);
    await screenshot(phone, 'feedback-petition-form-phone');
    await phone.selectOption('#subjectKind', 'unit');
    await phone.selectOption('#unitId', DEMO.ubndPhuong1);
    await phone.fill('#title', 'Bảng niêm yết thủ tục bị mờ');
    await phone.fill('#content', 'Bảng niêm yết thủ tục tại Bộ phận Một cửa phường bị mờ, khó đọc phí và thời hạn.');
    await phone.fill('#contactName', 'Phạm Thị Dung');
    await phone.fill('#contactPhone', '0933444555');
    await phone.check('input[name=consentPublish]');
    await Promise.all([phone.waitForURL((u) => u.pathname === '/phan-anh'), phone.locator('form[enctype="multipart/form-data"] button[type=submit]').click()]);
    const notice = await phone.locator('[role=status]').innerText();
    const code = /PA-\d{6}-[0-9A-F]{6}/.exec(notice)![0];
    expect(await phone.locator('#found').innerText()).toContain(code);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAxeClean(phone);
    await screenshot(phone, 'feedback-petition-sent-phone');

    const officer = await b.newPage('desktop');
    await browserLoginOfficer(b, officer, 'tuphap.p1', undefined, '/quan-tri/phan-anh');
    await expectAxeClean(officer);
    await officer.locator(`a:text("${code}")`).click();
    await officer.fill('#n-answer', 'Phường đã thay bảng niêm yết mới ngày 12/3/2025.');
    await Promise.all([officer.waitForLoadState('load'), officer.locator('form[action$="/answer"] button').click()]);
    expect(await officer.locator('main').innerText()).toContain('Chờ lãnh đạo duyệt');
    await expectAxeClean(officer);
    await screenshot(officer, 'feedback-petition-answered-desktop');

    const leader = await b.newPage('desktop');
    await browserLoginOfficer(b, leader, 'chutich.p1', undefined, '/quan-tri/phan-anh');
    await leader.locator(`a:text("${code}")`).click();
    await Promise.all([leader.waitForLoadState('load'), leader.locator('form[action$="/approve"] button').click()]);
    expect(await leader.locator('main').innerText()).toContain('Đã trả lời');

    await phone.goto(b.url('/phan-anh'));
    const published = phone.locator('article', { hasText: code });
    expect(await published.innerText()).toContain('Phường đã thay bảng niêm yết mới');
    await expectAxeClean(phone);
    await screenshot(phone, 'feedback-petition-published-phone');
  }, 120_000);

  it('the assistant answers "tôi muốn làm giấy khai sinh cho con" with the birth registration link', async () => {
    const phone = await b.newPage('phone');
    await phone.goto(b.url('/tro-ly'));
    await expectAxeClean(phone);
    await phone.fill('#question', 'tôi muốn làm giấy khai sinh cho con');
    await Promise.all([phone.waitForLoadState('load'), phone.locator('form[action="/tro-ly"] button[type=submit]').click()]);
    const link = phone.locator('a[href="/thu-tuc/1.001193"]').first();
    expect(await link.innerText()).toContain('Đăng ký khai sinh');
    await expectAxeClean(phone);
    await screenshot(phone, 'feedback-assistant-phone');
    await phone.fill('#question', 'Kết quả xổ số miền Nam hôm nay');
    await Promise.all([phone.waitForLoadState('load'), phone.locator('form[action="/tro-ly"] button[type=submit]').click()]);
    expect(await phone.locator('.support-contacts').innerText()).toContain('Đường dây nóng');
    await expectAxeClean(phone);
    await screenshot(phone, 'feedback-assistant-unknown-phone');
  }, 60_000);

  it('the FAQ, survey and back-office feedback screens are axe clean at 360 px, without sideways scroll', async () => {
    const phone = await b.newPage('phone');
    for (const path of ['/hoi-dap?q=khai+sinh', '/khao-sat']) {
      await phone.goto(b.url(path));
      expect(await phone.locator('.support-contacts').count()).toBe(1);
      await expectAxeClean(phone);
    }
    const admin = await b.newPage('phone');
    await browserLoginOfficer(b, admin, 'admin', undefined, '/quan-tri/phan-anh/cai-dat');
    for (const path of ['/quan-tri/phan-anh/cai-dat', '/quan-tri/khao-sat', '/quan-tri/hoi-dap']) {
      await admin.goto(b.url(path));
      expect(await admin.locator('h1').count()).toBe(1);
      expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await expectAxeClean(admin);
      await screenshot(admin, `feedback-admin${path.replace(/\//g, '-')}-phone`);
    }
  }, 60_000);
});
