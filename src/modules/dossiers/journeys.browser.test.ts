/**
 * The dossier journeys in Chromium, at desktop and at phone width (360x740): every page visited
 * is checked with axe-core (no serious/critical violations), fits the phone width, and is kept
 * as a screenshot in test-artifacts/screenshots.
 *  (a) a citizen logs in with VNeID (sandbox) and applies online for birth registration;
 *  (b) the reception officer receives an in-person dossier and prints the slip (PDF);
 *  (c) the desk, the specialist and the leader process the online dossier and issue the result;
 *  (d) the citizen downloads the result;  (e) anyone looks the status up by code + PIN.
 * One browser and one app for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserLoginCitizen,
  browserLoginOfficer,
  chromiumOrSkip,
  fillEFormSteps,
  expectAxeClean,
  screenshot,
  startBrowserEnv,
  type BrowserEnv,
  type ViewportName,
} from '../../test/browser';
import { runOutboxOnce } from '../../platform/outbox';
import { SIGN_RESULT_TOPIC } from './service/sign-result';
import { sandboxCaDir, startSandboxEsign, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdfCorpus } from '../../test/pdf-corpus';
import { verifyPdfSignatures } from '../signing/service';

const ok = chromiumOrSkip();
const BIRTH = '1.001193';
/** At the desk: not one of the 25 essential services, which take no paper from 1/10/2025 (Chỉ thị 24/CT-TTg). */
const TTHN = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const FORM: Record<string, string> = {
  applicantRelation: 'cha',
  childName: 'Nguyễn Minh Khang',
  childGender: 'nam',
  childBirthDate: '2026-03-02',
  childBirthPlaceType: 'co-so-y-te',
  childBirthFacility: 'Bệnh viện Đa khoa tỉnh Hậu Giang',
  childBirthPlace: 'Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
  childHometown: 'Hậu Giang',
  childEthnicity: 'Kinh',
  childNationality: 'Việt Nam',
  resultDelivery: 'truc-tiep',
};

/** axe-core, the phone width and a screenshot, for every page visited. */
async function check(page: Page, vp: ViewportName, name: string) {
  await expectAxeClean(page);
  if (vp === 'phone') {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${name} overflows the phone width`).toBeLessThanOrEqual(360);
  }
  await screenshot(page, `dossiers-${name}-${vp}`);
}

async function submitAndWait(page: Page, selector: string) {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(), page.locator(selector).click()]);
}

describe.skipIf(!ok)('dossier journeys in Chromium', () => {
  let b: BrowserEnv;
  let esign: SandboxEsignHandle;
  let corpusDir: string;
  /** The result the leader uploads: a real office-program PDF (xref and object streams where qpdf is installed). */
  let RESULT: Buffer;
  /** What the citizen uploads (a LibreOffice export) and what the desk scans (img2pdf), where installed. */
  let UPLOAD: Buffer;
  let SCAN: Buffer;
  beforeAll(async () => {
    corpusDir = mkdtempSync(join(tmpdir(), 'journeys-pdf-'));
    const corpus = await buildPdfCorpus(corpusDir);
    RESULT = (corpus.find((f) => f.name.startsWith('qpdf object streams')) ?? corpus.find((f) => f.name === 'libreoffice') ?? corpus[0]!).bytes;
    UPLOAD = (corpus.find((f) => f.name === 'libreoffice') ?? corpus[0]!).bytes;
    SCAN = (corpus.find((f) => f.name.startsWith('scanned image')) ?? corpus[0]!).bytes;
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    // The leader's approval signs the result through the eSign gateway: its sandbox, confirming at once.
    const c = b.env.ctx.config.esign;
    esign = await startSandboxEsign({
      port: 0,
      caDir: sandboxCaDir(b.env.ctx.config.DATA_DIR),
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      autoConfirmMs: 10,
    });
    c.url = esign.url;
  });
  afterAll(async () => {
    await esign?.close();
    await b?.close();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  for (const vp of ['desktop', 'phone'] as ViewportName[]) {
    it(`apply online, receive at the desk, process, return, download, look up (${vp})`, async () => {
      // (a) the citizen applies online
      const citizen = await b.newPage(vp);
      await browserLoginCitizen(b, citizen, '093090001234', { next: `/nop-ho-so/${BIRTH}` });
      expect(new URL(citizen.url()).pathname).toBe(`/nop-ho-so/${BIRTH}`);
      expect(await citizen.inputValue('[name="applicantName"]')).toBe('Nguyễn Văn An'); // prefilled from VNeID
      await check(citizen, vp, 'apply-form');
      await citizen.selectOption('#f-receivingUnitId', P1);
      // The long form is asked section by section (issue 13.7).
      await fillEFormSteps(citizen, FORM);
      expect(await citizen.locator('h1').innerText()).toContain('Kiểm tra thông tin');
      await check(citizen, vp, 'apply-review');
      await citizen.setInputFiles('#file-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: UPLOAD });
      await citizen.setInputFiles('#file-giay-chung-sinh', { name: 'giay-chung-sinh.png', mimeType: 'image/png', buffer: PNG });
      await submitAndWait(citizen, 'form[enctype="multipart/form-data"] button[type=submit]');
      expect(new URL(citizen.url()).pathname, await citizen.locator('main').innerText()).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]+\/bien-nhan$/);
      const dossierId = new URL(citizen.url()).pathname.split('/')[2]!;
      const code = (await citizen.locator('dl.summary dd strong').first().innerText()).trim();
      const pin = (await citizen.locator('.pin').innerText()).trim();
      expect(code).toMatch(/-260309-\d{4}$/);
      expect(pin).toMatch(/^\d{6}$/);
      await check(citizen, vp, 'apply-receipt');

      // (b) the reception officer receives an in-person dossier and prints the slip
      const desk = await b.newPage(vp);
      await browserLoginOfficer(b, desk, 'motcua.p1', undefined, '/can-bo/tiep-nhan');
      await check(desk, vp, 'desk-choose');
      // The procedure picker is a search: a few words, then the match as a link (issue 13.5).
      await desk.fill('#tim', 'tinh trang hon nhan');
      await submitAndWait(desk, 'form[role="search"] button[type=submit]');
      await check(desk, vp, 'desk-search');
      await submitAndWait(desk, `.procedure-matches a[href*="ma=${TTHN}"]`);
      await check(desk, vp, 'desk-form');
      await desk.fill('#ap-id', '093185004321');
      await desk.fill('#ap-name', 'Trần Thị Bình');
      await desk.fill('#ap-phone', '0987654321');
      await desk.setInputFiles('#scan-to-khai', { name: 'scan-to-khai.pdf', mimeType: 'application/pdf', buffer: SCAN });
      await desk.setInputFiles('#scan-ban-an-ly-hon', { name: 'scan-ly-hon.png', mimeType: 'image/png', buffer: PNG });
      expect(await desk.isChecked('#receiveNow')).toBe(true);
      await submitAndWait(desk, 'form[enctype="multipart/form-data"] button[type=submit]');
      expect(desk.url()).toContain('?xong=receive');
      await check(desk, vp, 'desk-received');
      const slipHref = await desk.locator('.notice a.button').getAttribute('href');
      const slip = await desk.request.get(b.url(slipHref!));
      expect(slip.status()).toBe(200);
      expect(slip.headers()['content-type']).toBe('application/pdf');
      expect((await slip.body()).subarray(0, 5).toString()).toBe('%PDF-');

      // (c) the online dossier: the desk receives (straight to the specialist's step), the specialist forwards, the leader attaches the result and approves, the desk returns it
      await desk.goto(b.url('/can-bo/hang-doi?tab=to-receive'));
      await check(desk, vp, 'queue-to-receive');
      await submitAndWait(desk, `a[href="/can-bo/ho-so/${dossierId}"]`);
      await check(desk, vp, 'workspace-submitted');
      await submitAndWait(desk, '#action-receive button[type=submit]');
      // No stall: receiving puts the dossier at the specialist's step, and the page says who acts next (issue 13.5).
      expect(await desk.locator('main').innerText()).toContain('Kiểm tra, ghi Sổ hộ tịch');
      expect(await desk.locator('#action-forward').count()).toBe(0);
      expect(await desk.locator('#next-step').innerText()).toMatch(/Đang chờ chuyên viên .+ xử lý, hạn \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}\./);

      const specialist = await b.newPage(vp);
      await browserLoginOfficer(b, specialist, 'tuphap.p1', undefined, '/can-bo/hang-doi?tab=to-process');
      await check(specialist, vp, 'queue-to-process');
      expect(await specialist.locator(`a[href="/can-bo/ho-so/${dossierId}"]`).count()).toBe(1);
      await submitAndWait(specialist, `a[href="/can-bo/ho-so/${dossierId}"]`);
      await check(specialist, vp, 'workspace-specialist');
      await specialist.fill('#forward-comment', 'Hồ sơ hợp lệ, đề nghị lãnh đạo ký.');
      await submitAndWait(specialist, '#action-forward button[type=submit]');

      const leader = await b.newPage(vp);
      await browserLoginOfficer(b, leader, 'chutich.p1', undefined, `/can-bo/ho-so/${dossierId}`);
      await check(leader, vp, 'workspace-leader');
      await leader.setInputFiles('#result-file', { name: 'giay-khai-sinh.pdf', mimeType: 'application/pdf', buffer: RESULT });
      await submitAndWait(leader, 'form:has(#result-file) button[type=submit]');
      expect(leader.url()).toContain('?xong=attach_result');
      await submitAndWait(leader, '#action-approve button[type=submit]');
      expect(await leader.locator('main').innerText()).toContain('Đã có kết quả');
      // Until the signing job has run, the citizen sees "đang được ký số", not a link to the raw upload.
      await citizen.goto(b.url(`/ho-so-cua-toi/${dossierId}`));
      expect(await citizen.locator('section[aria-labelledby=result]').innerText()).toContain('đang được ký số');
      expect(await citizen.locator('section[aria-labelledby=result] a').count()).toBe(0);
      expect(await citizen.locator('#next-step').innerText()).toContain('tải về được tại đây khi ký xong');
      await check(citizen, vp, 'mine-detail-signing');
      for (let i = 0; i < 5; i++) if ((await runOutboxOnce(b.env.ctx, { topics: [SIGN_RESULT_TOPIC] })).claimed === 0) break;

      await desk.goto(b.url(`/can-bo/ho-so/${dossierId}`));
      await desk.check('#return_result-online');
      await check(desk, vp, 'workspace-result-ready');
      await submitAndWait(desk, '#action-return_result button[type=submit]');
      expect(await desk.locator('main').innerText()).toContain('Đã trả kết quả');

      // (d) the citizen follows the dossier and downloads the result
      await citizen.goto(b.url('/ho-so-cua-toi'));
      await check(citizen, vp, 'mine-list');
      await submitAndWait(citizen, `a[href="/ho-so-cua-toi/${dossierId}"]`);
      await check(citizen, vp, 'mine-detail');
      const [download] = await Promise.all([
        citizen.waitForEvent('download'),
        citizen.locator('#result ~ ul a, section[aria-labelledby=result] a').first().click(),
      ]);
      expect(download.suggestedFilename()).toBe(`Giấy khai sinh - ${code}.pdf`);
      const signed = verifyPdfSignatures(b.env.ctx, readFileSync((await download.path())!));
      expect(signed).toHaveLength(1);
      expect(signed[0]).toMatchObject({ valid: true, trusted: true, coversWholeDocument: true });

      // (e) anyone looks the status up with the code and the PIN
      const visitor = await b.newPage(vp);
      await visitor.goto(b.url('/tra-cuu'));
      await check(visitor, vp, 'lookup-form');
      await visitor.fill('#code', code);
      await visitor.fill('#secret', '0000');
      await submitAndWait(visitor, 'form[action="/tra-cuu"] button[type=submit]');
      await visitor.locator('.error-summary').waitFor();
      await check(visitor, vp, 'lookup-refused');
      await visitor.fill('#secret', pin);
      await submitAndWait(visitor, 'form[action="/tra-cuu"] button[type=submit]');
      expect(await visitor.locator('main').innerText()).toContain('Đã trả kết quả');
      await check(visitor, vp, 'lookup-result');
    });
  }
});
