/**
 * Offline reception in Chromium at 360 px (issue 17 items 6-7): the officer opens the offline
 * page while online (the service worker caches it with the catalogue), the network is cut in the
 * middle of a dossier, the officer finishes it offline and gets a provisional receipt number, the
 * page is reloaded offline (served by the service worker), the network returns and the queue
 * syncs; then the queue is replayed twice (answers lost): one dossier, one SMS. An offline
 * duplicate is shown to the officer as a conflict, and dropping it writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { deliverAll, startTestSandboxes, type Sandboxes } from '../notifications/testkit';

const ok = chromiumOrSkip();
const PAGE = '/can-bo/tiep-nhan-ngoai-tuyen';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const ID = '093299123456';
const PHONE = '0912345678';

describe.skipIf(!ok)('offline reception (360 px)', () => {
  let b: BrowserEnv;
  let sb: Sandboxes;
  beforeAll(async () => {
    b = await startBrowserEnv();
    sb = await startTestSandboxes(b.env);
  });
  afterAll(async () => {
    await sb?.close();
    await b?.close();
  });

  const dossiersOf = (idNumber: string) =>
    b.env.ctx.db.selectFrom('dossiers').select(['id', 'code', 'state']).where('applicant_id_number', '=', idNumber).execute();
  const count = async (table: 'dossiers' | 'offline_intakes' | 'outbox') =>
    Number(
      (
        await b.env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Marks every synced item of the queue as queued again, as if the server's answers had been lost. */
  async function loseAnswers(page: Page) {
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('offline-intake', 1);
          r.onsuccess = () => {
            const tx = r.result.transaction('queue', 'readwrite');
            const s = tx.objectStore('queue');
            const all = s.getAll();
            all.onsuccess = () => {
              for (const i of all.result as { status: string }[]) if (i.status === 'synced') s.put({ ...i, status: 'queued' });
            };
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
  }

  it('cuts the network mid-dossier, receives offline, syncs once however often the queue is replayed', async () => {
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'motcua.p1', undefined, PAGE);
    expect(new URL(page.url()).pathname).toBe(PAGE);
    // The service worker takes control and the catalogue is on the device.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });
    await page.locator('#oi-catalogue', { hasText: 'Danh mục thủ tục lưu trên máy' }).waitFor();
    // Installable: Chromium finds the manifest, its icon and the worker acceptable (a test context
    // is an incognito-like profile, which alone keeps the install prompt away).
    const cdp = await page.context().newCDPSession(page);
    const inst = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(inst.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toContain('/can-bo/tiep-nhan-ngoai-tuyen.webmanifest');
    expect(manifest.errors).toEqual([]);
    await expectAxeClean(page);
    await screenshot(page, 'offline-intake-start-phone');

    // Online: choose the procedure and start the dossier.
    await page.fill('#oi-q', 'tinh trang hon nhan');
    await page.locator('#oi-matches button[data-code="1.004873"]').click();
    await page.fill('#oi-ap-id', ID);
    await page.fill('#oi-ap-name', 'Nguyễn Thị Mai');

    // The network goes down in the middle of the dossier.
    await page.context().setOffline(true);
    await page.locator('#oi-net', { hasText: 'Mất kết nối' }).waitFor();
    await page.fill('#oi-ap-phone', PHONE);
    await page.setInputFiles('#oi-file-to-khai', { name: 'to-khai.png', mimeType: 'image/png', buffer: PNG });
    await page.setInputFiles('#oi-file-ban-an-ly-hon', { name: 'ban-an.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expectAxeClean(page);
    await screenshot(page, 'offline-intake-form-offline-phone');
    await page.locator('#oi-save').click();
    const number = page.locator('#oi-receipt-number');
    await number.waitFor();
    const provisional = (await number.innerText()).trim();
    expect(provisional).toMatch(/^TAM-[A-Z0-9]{6}-1$/);
    expect(await page.locator('#oi-receipt-note').innerText()).toContain(PHONE);
    expect(await page.locator('#oi-receipt-details').innerText()).toContain('Nơi tiếp nhận');
    await expectAxeClean(page);
    await screenshot(page, 'offline-intake-receipt-phone');
    // Printed, the provisional receipt is alone on the page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#oi-receipt-number').isVisible()).toBe(true);
    expect(await page.locator('#oi-queue').isVisible()).toBe(false);
    expect(await page.locator('h1').isVisible()).toBe(false);
    expect(await page.locator('#oi-print').isVisible()).toBe(false);
    await screenshot(page, 'offline-intake-receipt-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await dossiersOf(ID)).toHaveLength(0);

    // Reloaded offline: the service worker serves the page, the queue is still there.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    expect(await page.locator('h1').innerText()).toBe('Tiếp nhận hồ sơ ngoài tuyến');
    const li = page.locator('#oi-items li');
    await expect.poll(() => li.count()).toBe(1);
    expect(await li.first().innerText()).toContain(provisional);
    expect(await li.first().getAttribute('data-status')).toBe('queued');
    // The cached catalogue is searchable offline.
    await page.fill('#oi-q', 'khai sinh');
    await page.locator('#oi-matches button').first().waitFor();
    await screenshot(page, 'offline-intake-queue-offline-phone');
    expect(await dossiersOf(ID)).toHaveLength(0);

    // The network returns: the queue syncs by itself.
    await page.context().setOffline(false);
    await page
      .locator('#oi-items li[data-status="synced"]')
      .waitFor({ timeout: 20_000 })
      .catch(async (e) => {
        throw new Error(`${e}\n${await page.locator('#oi-queue').innerText()}\n${await page.locator('#oi-net').innerText()}`);
      });
    const rows = await dossiersOf(ID);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.state).toBe('received');
    expect(await page.locator('#oi-items li').first().innerText()).toContain(rows[0]!.code);
    await screenshot(page, 'offline-intake-synced-phone');

    // The queue is replayed twice (the answers were lost): the same dossier code, nothing new.
    const before = { dossiers: await count('dossiers'), intakes: await count('offline_intakes'), outbox: await count('outbox') };
    for (let i = 0; i < 2; i++) {
      await loseAnswers(page);
      await page.reload();
      await page.locator('#oi-items li[data-status="synced"]').waitFor({ timeout: 20_000 });
      await page.evaluate(() => (window as unknown as { offlineIntake: { sync(): Promise<void> } }).offlineIntake.sync());
      expect(await page.locator('#oi-items li').first().innerText()).toContain(rows[0]!.code);
    }
    expect({ dossiers: await count('dossiers'), intakes: await count('offline_intakes'), outbox: await count('outbox') }).toEqual(before);
    expect(await dossiersOf(ID)).toHaveLength(1);
    await deliverAll(b.env);
    const sms = sb.sms.messages.filter((m) => JSON.stringify(m).includes(PHONE));
    expect(sms).toHaveLength(1);
    expect(JSON.stringify(sms[0])).toContain(provisional);
    expect(JSON.stringify(sms[0])).toContain(rows[0]!.code);

    // An offline duplicate: the same citizen and procedure again, received offline.
    await page.context().setOffline(true);
    await page.fill('#oi-q', 'tinh trang hon nhan');
    await page.locator('#oi-matches button[data-code="1.004873"]').click();
    await page.fill('#oi-ap-id', ID);
    await page.fill('#oi-ap-name', 'Nguyễn Thị Mai');
    await page.setInputFiles('#oi-file-to-khai', { name: 'to-khai.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('#oi-save').click();
    // The receipt of the first dossier is still on the page until the save finishes: wait for the new number.
    const readNumber = async () =>
      (
        await page
          .locator('#oi-receipt-number')
          .innerText()
          .catch(() => '')
      ).trim();
    await expect.poll(readNumber, { timeout: 20_000 }).toMatch(/^TAM-[A-Z0-9]{6}-2$/);
    const second = await readNumber();
    expect(second.split('-')[1]).toBe(provisional.split('-')[1]);
    const held = { dossiers: await count('dossiers'), intakes: await count('offline_intakes'), outbox: await count('outbox') };
    await page.context().setOffline(false);
    const conflict = page.locator('#oi-items li[data-status="conflict"]');
    await conflict.waitFor({ timeout: 20_000 });
    const text = await conflict.innerText();
    expect(text).toContain(`người nộp này đã có hồ sơ ${rows[0]!.code} đang giải quyết`);
    expect(text).toContain('Vẫn tiếp nhận');
    await expectAxeClean(page);
    await screenshot(page, 'offline-intake-conflict-phone');
    expect({ dossiers: await count('dossiers'), intakes: await count('offline_intakes'), outbox: await count('outbox') }).toEqual(held);
    // The officer drops it: nothing was written, nothing is.
    page.once('dialog', (d) => void d.accept());
    await conflict.locator('button', { hasText: 'Hủy hồ sơ trong hàng đợi' }).click();
    await expect.poll(() => page.locator('#oi-items li[data-status="conflict"]').count()).toBe(0);
    expect({ dossiers: await count('dossiers'), intakes: await count('offline_intakes'), outbox: await count('outbox') }).toEqual(held);
    expect(await dossiersOf(ID)).toHaveLength(1);
  });
  it('the officer resolves a changed procedure and a distinct matter from the queue', async () => {
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'motcua.p1', undefined, PAGE);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });
    await page.locator('#oi-catalogue', { hasText: 'Danh mục thủ tục lưu trên máy' }).waitFor();
    const other = '093299654321';
    async function receiveOffline() {
      await page.context().setOffline(true);
      await page.fill('#oi-q', 'tinh trang hon nhan');
      await page.locator('#oi-matches button[data-code="1.004873"]').click();
      await page.fill('#oi-ap-id', other);
      await page.fill('#oi-ap-name', 'Trương Văn Phúc');
      await page.setInputFiles('#oi-file-to-khai', { name: 'to-khai.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('#oi-save').click();
      await page.locator('#oi-receipt-number').waitFor();
    }
    // Cached before the procedure changed: the version the device holds is not the one in force.
    await receiveOffline();
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const r = indexedDB.open('offline-intake', 1);
          r.onsuccess = () => {
            const tx = r.result.transaction('queue', 'readwrite');
            const s = tx.objectStore('queue');
            const all = s.getAll();
            all.onsuccess = () => {
              for (const i of all.result as { status: string; procedure: { versionId: string } }[])
                if (i.status === 'queued') s.put({ ...i, procedure: { ...i.procedure, versionId: 'a-version-cached-before' } });
            };
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.context().setOffline(false);
    const changed = page.locator('#oi-items li[data-status="conflict"]');
    await changed.waitFor({ timeout: 20_000 });
    expect(await changed.innerText()).toContain('đã thay đổi (phiên bản mới)');
    expect(await dossiersOf(other)).toHaveLength(0);
    await changed.locator('button', { hasText: 'Đã kiểm tra theo phiên bản mới' }).click();
    await page.locator('#oi-items li[data-status="synced"]').waitFor({ timeout: 20_000 });
    expect(await dossiersOf(other)).toHaveLength(1);

    // The same applicant again for a different matter: the duplicate is shown, the officer receives it anyway.
    await receiveOffline();
    await page.context().setOffline(false);
    const dup = page.locator('#oi-items li[data-status="conflict"]');
    await dup.waitFor({ timeout: 20_000 });
    expect(await dup.innerText()).toContain('Hồ sơ trùng');
    expect(await dossiersOf(other)).toHaveLength(1);
    await dup.locator('button', { hasText: 'Vẫn tiếp nhận' }).click();
    await expect.poll(() => page.locator('#oi-items li[data-status="synced"]').count(), { timeout: 20_000 }).toBe(2);
    const rows = await dossiersOf(other);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.code)).size).toBe(2);
    await screenshot(page, 'offline-intake-resolved-phone');
  });
});
