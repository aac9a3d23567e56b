/**
 * Issue 17.4 in Chromium at 360 px: a draft saved on one phone is resumed on another (the list
 * "Hồ sơ đang soạn"), files go up with the tus script in 1 MB chunks (one chunk's connection is
 * cut: the script asks the server where it stands and goes on), each acknowledged with its
 * receipt; the first phone sees the receipts; the submission names the uploads and the dossier
 * holds the same bytes. Then the same journey without JavaScript (plain multipart form).
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserLoginCitizen,
  chromiumOrSkip,
  clickAndWait,
  expectFitsPhone,
  fillEFormSteps,
  setField,
  startBrowserEnv,
  VIEWPORTS,
  type BrowserEnv,
} from '../../test/browser';
import { BIRTH_CHILD } from '../../test/fixtures';

const ok = chromiumOrSkip();
const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 3)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const { childName: _typed, ...CHILD_REST } = BIRTH_CHILD;
const REST: Record<string, string> = { applicantRelation: 'cha', ...CHILD_REST, resultDelivery: 'truc-tiep' };

const check = (page: Page, name: string) => expectFitsPhone(page, name, `drafts-${name}-phone`);

describe.skipIf(!ok)('drafts and resumable uploads in Chromium (360 px)', () => {
  let b: BrowserEnv;
  let PDF: Buffer;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage();
    // About 2.5 MB: three PATCHes of 1 MB.
    PDF = Buffer.concat([Buffer.from(await doc.save()), Buffer.from(`%${'y'.repeat(2_500_000)}\n`)]);
  }, 120_000);
  afterAll(async () => b?.close());

  it('saves on one phone, resumes on another, uploads resumably with receipts, submits', async () => {
    const db = b.env.ctx.db;
    // Phone 1: part of the form, "Lưu nháp".
    const one = await b.newPage('phone');
    await browserLoginCitizen(b, one, '093090001234', { next: `/nop-ho-so/${BIRTH}` });
    await one.selectOption('#f-receivingUnitId', P1);
    // The long form is asked section by section (issue 13.7): the applicant, then the child's name, saved.
    await setField(one, 'applicantRelation', 'cha');
    await clickAndWait(one, 'form[action="/nop-ho-so/1.001193"] button[type=submit]');
    expect(await one.locator('#step-progress').innerText()).toContain('Bước 2/6');
    await setField(one, 'childName', 'Nguyễn Minh Khang');
    await clickAndWait(one, 'input[name="_save"]');
    expect(await one.locator('#draft-notice').innerText()).toContain('Đã lưu bản nháp');
    await check(one, 'form-saved');

    // Phone 2: the same citizen, another browser.
    const two = await b.newPage('phone');
    await browserLoginCitizen(b, two, '093090001234', { next: '/ho-so-cua-toi' });
    expect(await two.locator('.drafts').innerText()).toContain('Đăng ký khai sinh');
    await check(two, 'list');
    await clickAndWait(two, `.drafts a[href="/nop-ho-so/${BIRTH}"]`);
    // The draft resumes at its first unfinished section, the child's.
    expect(await two.locator('#step-progress').innerText()).toContain('Bước 2/6');
    expect(await two.inputValue('[name="childName"]')).toBe('Nguyễn Minh Khang');
    await fillEFormSteps(two, REST);
    expect(await two.locator('h1').innerText()).toContain('Kiểm tra thông tin');

    // The second chunk's connection is cut once: the script resumes from the server's offset.
    let cut = 0;
    const patches: string[] = [];
    await two.route('**/api/v1/uploads/*', async (route) => {
      const req = route.request();
      if (req.method() === 'PATCH') {
        patches.push(req.headers()['upload-offset'] ?? '');
        if (req.headers()['upload-offset'] === String(1024 * 1024) && cut === 0) {
          cut++;
          return route.abort('connectionreset');
        }
      }
      return route.continue();
    });
    await two.setInputFiles('#file-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await two.setInputFiles('#file-giay-chung-sinh', { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: PNG });
    await two.locator('#upload-to-khai-status .notice').waitFor({ timeout: 60_000 });
    await two.locator('#upload-giay-chung-sinh-status .notice').waitFor({ timeout: 60_000 });
    expect(cut).toBe(1);
    // 0, 1 MB (cut), 1 MB again after HEAD, 2 MB
    expect(patches.filter((o) => o === String(1024 * 1024))).toHaveLength(2);
    expect(patches).toContain(String(2 * 1024 * 1024));
    expect(await two.locator('#upload-to-khai-status').innerText()).toContain('Đã nhận tệp to-khai.pdf');
    expect(await two.locator('#upload-to-khai-status').innerText()).toContain('2 trang');
    expect(await two.locator('#upload-to-khai-status').innerText()).toContain(sha(PDF));
    expect(await two.inputValue('input[name="sha:to-khai"]')).toBe(sha(PDF));
    expect(await two.inputValue('#file-to-khai')).toBe(''); // the bytes are not sent again
    await check(two, 'review-receipts');

    // Phone 1 reloads: the review with both receipts, rendered by the server.
    await one.goto(b.url(`/nop-ho-so/${BIRTH}`));
    expect(await one.locator('#upload-giay-chung-sinh-status').innerText()).toContain('Đã nhận tệp giay-chung-sinh.png');
    await check(one, 'review-resumed');

    // Phone 2 submits: the dossier holds the uploaded bytes, the draft is gone.
    await one.close();
    await two.check('#stored-giay-to-tuy-than-0');
    await clickAndWait(two, 'form[enctype="multipart/form-data"] button[type=submit]');
    expect(new URL(two.url()).pathname).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]+\/bien-nhan$/);
    const id = new URL(two.url()).pathname.split('/')[2]!;
    const files = await db.selectFrom('dossier_files').select(['component_key', 'sha256']).where('dossier_id', '=', id).execute();
    expect(files).toEqual(
      expect.arrayContaining([
        { component_key: 'to-khai', sha256: sha(PDF) },
        { component_key: 'giay-chung-sinh', sha256: sha(PNG) },
      ]),
    );
    expect(await db.selectFrom('dossier_drafts').select('id').execute()).toHaveLength(0);
  }, 240_000);

  it('without JavaScript the plain form still submits the files', async () => {
    const context = await b.browser.newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false, locale: 'vi-VN', isMobile: true });
    try {
      const page = await context.newPage();
      await browserLoginCitizen(b, page, '093185004321', { next: `/nop-ho-so/${BIRTH}` });
      await page.selectOption('#f-receivingUnitId', P1);
      await fillEFormSteps(page, {
        ...REST,
        applicantRelation: 'me',
        childName: 'Trần Thị Na',
        applicantPhone: '0987654321',
        applicantAddress: 'Phường I, Vị Thanh',
      });
      expect(await page.locator('h1').innerText()).toContain('Kiểm tra thông tin');
      await page.setInputFiles('#file-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.setInputFiles('#file-giay-chung-sinh', { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: PNG });
      await clickAndWait(page, 'form[enctype="multipart/form-data"] button[type=submit]');
      expect(new URL(page.url()).pathname, await page.locator('main').innerText()).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]+\/bien-nhan$/);
      const id = new URL(page.url()).pathname.split('/')[2]!;
      const f = await b.env.ctx.db
        .selectFrom('dossier_files')
        .select('sha256')
        .where('dossier_id', '=', id)
        .where('component_key', '=', 'to-khai')
        .executeTakeFirstOrThrow();
      expect(f.sha256).toBe(sha(PDF));
      // No tus upload was made: the bytes came in the form.
      expect(
        await b.env.ctx.db
          .selectFrom('uploads')
          .select('id')
          .where('owner_kind', '=', 'citizen')
          .where('state', '=', 'stored')
          .where('dossier_id', '=', id)
          .execute(),
      ).toHaveLength(0);
    } finally {
      await context.close();
    }
  }, 180_000);
});
