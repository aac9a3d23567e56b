/**
 * The defect of issue 13 "the outbox logs 'some deliveries failed' without topic or error; an
 * operator cannot see what is failing", in Chromium at 360 px: a job that keeps failing is on
 * the administrator's screen with its topic, key, attempts and error, and can be retried.
 * Before the fix there was no such screen (404) and nothing named the failing job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLoginOfficer, chromiumOrSkip, expectAxeClean, screenshot, startBrowserEnv, type BrowserEnv } from '../../test/browser';
import { enqueue, registerOutboxHandler, runOutboxOnce, unregisterOutboxHandler } from '../../platform/outbox';

const ok = chromiumOrSkip();
const TOPIC = 'test.browser_sms';

describe.skipIf(!ok)('failed jobs on the administrator screen', () => {
  let b: BrowserEnv;
  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    registerOutboxHandler(
      TOPIC,
      async () => {
        throw new Error('SMS gateway 401: API key expired');
      },
      { maxAttempts: 1 },
    );
  });
  afterAll(async () => {
    unregisterOutboxHandler(TOPIC);
    await b?.close();
  });

  it('shows the failing job with its topic, key, attempts and error at 360 px, and retries it', async () => {
    const id = await enqueue(b.env.ctx.db, { topic: TOPIC, key: '000.01.21.H30-260309-0001', payload: {} });
    expect(await runOutboxOnce(b.env.ctx, { topics: [TOPIC] })).toMatchObject({ failed: 1 });
    const page = await b.newPage('phone');
    await browserLoginOfficer(b, page, 'admin', undefined, '/quan-tri/tac-vu');
    expect(new URL(page.url()).pathname).toBe('/quan-tri/tac-vu');
    const card = page.locator(`#job-${id}`);
    const text = await card.innerText();
    expect(text).toContain(TOPIC);
    expect(text).toContain('000.01.21.H30-260309-0001');
    expect(text).toContain('SMS gateway 401: API key expired');
    expect(text).toMatch(/Số lần thử\s+1/);
    expect(text).toContain('Đã dừng, chờ xử lý');
    await expectAxeClean(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(page, 'operations-jobs-phone');
    // Filter by topic and state without JavaScript semantics: a GET form.
    await page.selectOption('#state', 'failed');
    await Promise.all([page.waitForNavigation(), page.locator('form[method="get"] button[type=submit]').click()]);
    expect(page.url()).toContain('state=failed');
    await Promise.all([page.waitForNavigation(), card.locator('form[action$="/thu-lai"] button').click()]);
    expect(await page.locator('.notice').innerText()).toContain('Đã đưa tác vụ vào hàng đợi để thử lại ngay.');
    const row = await b.env.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    await screenshot(page, 'operations-jobs-retried-phone');
  });
});
