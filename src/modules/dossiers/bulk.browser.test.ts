/**
 * Bulk work on a phone (360 px), plain HTML forms: the specialist ticks dossiers in the queue and
 * forwards them at once; the result page lists each dossier (one changed meanwhile by someone
 * else, one of another commune slipped into the form) with its outcome. Then the leader uploads
 * a CSV of paper results and reads the per-row report. axe-core clean, no sideways scroll.
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { payloadMultipart, pdfFile } from '../../test/multipart';

const ok = chromiumOrSkip();
const PAPER_OK = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const TAN_HOA = 'hg-chauthanha-tanhoa-ubnd';

interface D {
  id: string;
  code: string;
  version: number;
}

describe.skipIf(!ok)('bulk work on a phone', () => {
  let b: BrowserEnv;
  let desk: Login, specialist: Login, leader: Login, otherDesk: Login;
  let dir: string;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    desk = await loginOfficer(b.env.app, 'motcua.p1');
    specialist = await loginOfficer(b.env.app, 'tuphap.p1');
    leader = await loginOfficer(b.env.app, 'chutich.p1');
    otherDesk = await loginOfficer(b.env.app, 'motcua.tanhoa');
    dir = mkdtempSync(join(tmpdir(), 'bulk-browser-'));
  });
  afterAll(async () => {
    await b?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const row = (id: string) => b.env.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  async function act(who: Login, d: D, action: string): Promise<D> {
    const r = await b.env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions/${action}`,
      headers: authHeaders(who),
      payload: { version: (await row(d.id)).version },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().dossier as D;
  }
  async function received(who: Login, unit: string): Promise<D> {
    const payload = {
      procedureCode: PAPER_OK,
      channel: 'in_person',
      receivingUnitId: unit,
      applicant: { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' },
    };
    const mp = payloadMultipart(payload, [pdfFile('file:to-khai', PDF)]);
    const r = await b.env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(who), 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode, r.body).toBe(201);
    return act(who, r.json().dossier as D, 'receive');
  }
  async function fits(page: Page, name: string) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows 360 px`).toBeLessThanOrEqual(360);
    await expectAxeClean(page);
    await screenshot(page, `bulk-${name}-phone`);
  }

  it('the specialist forwards ticked dossiers at once and reads each outcome', async () => {
    const [a, c, changed] = [await received(desk, P1), await received(desk, P1), await received(desk, P1)];
    const foreign = await received(otherDesk, TAN_HOA);
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'tuphap.p1', undefined, '/can-bo/hang-doi?tab=to-process');
    await page.check(`input[value="${a.id}:${a.version}"]`);
    await page.check(`input[value="${c.id}:${c.version}"]`);
    await page.check(`input[value="${changed.id}:${changed.version}"]`);
    await page.selectOption('#bulk-action', 'forward');
    await page.fill('#bulk-comment', 'Đã thẩm định, trình lãnh đạo ký');
    await fits(page, 'queue');
    // Meanwhile the leader forwards one of them; and the form carries a dossier of another commune (a tampered form).
    await act(leader, changed, 'forward');
    await page.evaluate((v) => {
      const i = document.createElement('input');
      i.type = 'hidden';
      i.name = 'chon';
      i.value = v;
      document.getElementById('bulk-form')!.appendChild(i);
    }, `${foreign.id}:${foreign.version}`);
    await Promise.all([page.waitForURL((u) => u.pathname === '/can-bo/hang-doi/hang-loat'), page.locator('#bulk-controls button[type=submit]').click()]);
    expect(await page.locator('[role=status]').first().textContent()).toBe('Chuyển bước tiếp theo: 2 hồ sơ đã thực hiện, 2 hồ sơ không thực hiện.');
    expect(await page.locator(`tr[data-id="${a.id}"]`).textContent()).toContain('Đã thực hiện');
    expect(await page.locator(`tr[data-id="${changed.id}"]`).textContent()).toContain('Hồ sơ đã được thay đổi');
    expect(await page.locator(`tr[data-id="${foreign.id}"]`).textContent()).toContain('không thuộc đơn vị của bạn');
    expect(await page.content()).not.toContain(foreign.code);
    await fits(page, 'result');
    expect((await row(a.id)).step_key).toBe('phe-duyet');
    expect((await row(foreign.id)).version).toBe(foreign.version);
  });

  it('the leader uploads a CSV of paper results and reads the per-row report', async () => {
    const d = await act(specialist, await received(desk, P1), 'forward');
    const early = await received(desk, P1);
    const file = join(dir, 'ket-qua.csv');
    writeFileSync(
      file,
      `\uFEFFMã hồ sơ;Kết quả;Ngày;Ghi chú\r\n${d.code};Có kết quả;09/03/2026;Chủ tịch đã ký bản giấy\r\n${early.code};Có kết quả;09/03/2026;\r\n`,
    );
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'chutich.p1', undefined, '/can-bo/nhap-ket-qua');
    await fits(page, 'csv-form');
    await page.setInputFiles('#csv-file', file);
    await Promise.all([
      page.waitForLoadState('load'),
      page.waitForNavigation(),
      page.locator('form[action="/can-bo/nhap-ket-qua"] button[type=submit]').click(),
    ]);
    expect(await page.locator('#csv-report').textContent()).toBe('Tệp không được áp dụng vì có dòng lỗi. Không hồ sơ nào bị thay đổi.');
    expect(await page.locator('tr[data-line="3"]').textContent()).toContain('chưa phải bước cuối');
    await fits(page, 'csv-refused');
    expect((await row(d.id)).state).toBe('processing');
    writeFileSync(file, `\uFEFFMã hồ sơ;Kết quả;Ngày;Ghi chú\r\n${d.code};Có kết quả;09/03/2026;Chủ tịch đã ký bản giấy\r\n`);
    await page.setInputFiles('#csv-file', file);
    await Promise.all([
      page.waitForLoadState('load'),
      page.waitForNavigation(),
      page.locator('form[action="/can-bo/nhap-ket-qua"] button[type=submit]').click(),
    ]);
    expect(await page.locator('#csv-report').textContent()).toBe('Đã áp dụng tệp: 1 hồ sơ được cập nhật.');
    await fits(page, 'csv-applied');
    expect((await row(d.id)).state).toBe('result_ready');
  });
});
