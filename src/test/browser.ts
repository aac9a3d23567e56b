/**
 * Browser tests: the app (listening, with the sandbox VNeID) driven by Debian's Chromium
 * through playwright-core. Without Chromium the suite is skipped locally with a message, and
 * FAILS when process.env.CI is set (CI must run it; .ci/run installs chromium).
 *
 *   const ok = chromiumOrSkip();
 *   describe.skipIf(!ok)('journey', () => {
 *     let b: BrowserEnv;
 *     beforeAll(async () => { b = await startBrowserEnv(); });
 *     afterAll(() => b?.close());
 *     it('...', async () => {
 *       const page = await b.newPage('phone');
 *       await page.goto(b.url('/'));
 *       await expectAxeClean(page);
 *       await screenshot(page, 'home-phone');
 *     });
 *   });
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestEnv, type TestEnv, type TestEnvOptions } from './harness';
import { DEMO_PASSWORD } from '../modules/identity/demo';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOT_DIR = join(process.cwd(), 'test-artifacts', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** True when Chromium is installed. Missing: false (with a message) locally, an error under CI. */
export function chromiumOrSkip(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const msg = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI) throw new Error(`${msg} Browser tests are required in CI.`);
  console.warn(`${msg} Skipping the browser tests.`);
  return false;
}

export interface BrowserEnv {
  env: TestEnv;
  browser: Browser;
  baseUrl: string;
  /** Absolute URL of a path of the app. */
  url(path: string): string;
  /** A page in a fresh context (own cookies) at phone (360x740) or desktop width. */
  newPage(viewport?: ViewportName, opts?: { lang?: 'vi' | 'en' }): Promise<Page>;
  close(): Promise<void>;
}

/** The app listening on 127.0.0.1 with the sandbox VNeID, and a headless Chromium. */
export async function startBrowserEnv(opts: TestEnvOptions = {}): Promise<BrowserEnv> {
  const env = await createTestEnv({ ...opts, vneid: true });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  } catch (err) {
    await env.close();
    throw err;
  }
  const contexts: BrowserContext[] = [];
  const baseUrl = env.baseUrl!;
  return {
    env,
    browser,
    baseUrl,
    url: (path) => new URL(path, baseUrl).toString(),
    async newPage(viewport = 'desktop', o = {}) {
      const context = await browser.newContext({
        viewport: VIEWPORTS[viewport],
        locale: o.lang === 'en' ? 'en-GB' : 'vi-VN',
        isMobile: viewport === 'phone',
        hasTouch: viewport === 'phone',
      });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await env.close();
    },
  };
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

let axeSource: string | null = null;
function axe(): string {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it
  await page.evaluate(axe());
  const result = (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } };
    return w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
  })) as { violations: AxeViolation[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
}

/** Fails with a readable list when the page has serious or critical accessibility violations. */
export async function expectAxeClean(page: Page): Promise<void> {
  const v = await axeViolations(page);
  if (v.length === 0) return;
  const lines = v.map(
    (x) =>
      `- [${x.impact}] ${x.id}: ${x.help}\n${x.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}  ${n.html.slice(0, 160)}`)
        .join('\n')}`,
  );
  throw new Error(`axe-core found ${v.length} serious/critical violation(s) on ${page.url()}:\n${lines.join('\n')}`);
}

/** At 360 px: no serious axe violation, no sideways scroll (the assertion names `name`), then the screenshot `shot`. */
export async function expectFitsPhone(page: Page, name: string, shot = name): Promise<void> {
  await expectAxeClean(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} overflows the phone width`).toBeLessThanOrEqual(360);
  await screenshot(page, shot);
}

/** Clicks the first element `selector` matches and waits for the navigation it starts. */
export async function clickAndWait(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

/** Answers one e-form field as a person would: the three date boxes, a select, a radio choice or a text box. */
export async function setField(page: Page, name: string, value: string): Promise<void> {
  if (await fillDateParts(page, name, value)) return;
  const el = page.locator(`[name="${name}"]`).first();
  const kind = await el.evaluate((e) => (e.tagName === 'SELECT' ? 'select' : (e as HTMLInputElement).type));
  if (kind === 'select') await el.selectOption(value);
  else if (kind === 'radio') await page.check(`[name="${name}"][value="${value}"]`);
  else await el.fill(value);
}

/** Logs a demo citizen in through the sandbox VNeID pages, as a person would. Ends on the page the portal redirects to. */
export async function browserLoginCitizen(b: BrowserEnv, page: Page, personalId: string, opts: { next?: string; asOrg?: boolean } = {}): Promise<void> {
  await page.goto(b.url(`/dang-nhap${opts.next ? `?next=${encodeURIComponent(opts.next)}` : ''}`));
  await page.locator('a.vneid').click();
  await page.waitForURL((u) => u.toString().startsWith(b.env.vneid!.issuer));
  await page.selectOption('#citizen', personalId);
  await page.fill('#password', DEMO_PASSWORD);
  if (opts.asOrg) await page.check('#as-org');
  await page.locator('form[action$="/login"] button[type=submit]').click();
  await page.locator('form[action$="/confirm"] button[type=submit]').click();
  await page.waitForURL((u) => u.toString().startsWith(b.baseUrl));
}

/** Logs an officer in with the login form. */
export async function browserLoginOfficer(b: BrowserEnv, page: Page, username: string, password = DEMO_PASSWORD, next?: string): Promise<void> {
  await page.goto(b.url(`/can-bo/dang-nhap${next ? `?next=${encodeURIComponent(next)}` : ''}`));
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/can-bo/dang-nhap')),
    page.locator('form[action="/can-bo/dang-nhap"] button[type=submit]').click(),
  ]);
}

/**
 * A citizen e-form's date asked as three boxes (issue 13.7: `<name>__day`, `__month`, `__year`):
 * types an ISO value ("2026-03-02") as a person would, 2 / 3 / 2026. False when the page has no
 * visible boxes for that name.
 */
export async function fillDateParts(page: Page, name: string, iso: string): Promise<boolean> {
  const day = page.locator(`[name="${name}__day"]`).first();
  if ((await day.count()) === 0 || !(await day.isVisible())) return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`${name}: ${iso} is not an ISO date`);
  await day.fill(String(Number(m[3])));
  await page
    .locator(`[name="${name}__month"]`)
    .first()
    .fill(String(Number(m[2])));
  await page.locator(`[name="${name}__year"]`).first().fill(m[1]!);
  return true;
}

/**
 * Fills a long e-form asked section by section (issue 13.7): on each page the given fields that
 * are on it (visible), then "Tiếp tục", until the review (a page without `_section`). Fails with
 * the error summary when a section does not move on. A one-page form is filled and sent once.
 */
export async function fillEFormSteps(page: Page, fields: Record<string, string>, onPage?: (section: number) => Promise<void>): Promise<void> {
  const continueButton = 'main form[data-autosave] button[type=submit]';
  for (let round = 0; round < 20; round++) {
    const section = Number(
      (await page
        .locator('input[name="_section"]')
        .first()
        .getAttribute('value')
        .catch(() => null)) ?? 0,
    );
    for (let pass = 0; pass < 2; pass++) {
      for (const [name, value] of Object.entries(fields)) {
        if (await fillDateParts(page, name, value)) continue;
        const el = page.locator(`[name="${name}"]`).first();
        if ((await el.count()) === 0 || !(await el.isVisible())) continue;
        const kind = await el.evaluate((e) => (e.tagName === 'SELECT' ? 'select' : (e as HTMLInputElement).type));
        if (kind === 'select') await el.selectOption(value);
        else if (kind === 'radio') await page.check(`[name="${name}"][value="${value}"]`);
        else if (kind === 'checkbox') await (value === 'true' ? el.check() : el.uncheck());
        else await el.fill(value);
      }
    }
    if (onPage) await onPage(section);
    await Promise.all([page.waitForNavigation(), page.locator(continueButton).first().click()]);
    if ((await page.locator('input[name="_section"]').count()) === 0) return;
    const next = Number(await page.locator('input[name="_section"]').first().getAttribute('value'));
    if (section > 0 && next <= section)
      throw new Error(
        `section ${section} did not move on: ${await page
          .locator('.error-summary')
          .innerText()
          .catch(() => '(no error summary)')}`,
      );
    if (section === 0) return;
  }
  throw new Error('the e-form did not reach the review');
}
