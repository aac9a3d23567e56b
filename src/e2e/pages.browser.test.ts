/**
 * A sweep over every page of the product in Chromium (issue 5, item 6): every GET page the app
 * serves - public, citizen (VNeID) and back office per role - at phone width (360x740) and at
 * desktop width. For each page: HTTP 200, axe-core without serious or critical violations, no
 * horizontal scroll at 360 px, <html lang> set, exactly one <h1>, and a screenshot
 * (test-artifacts/screenshots/sweep-*); moderate/minor axe findings are printed, not failed.
 * Also: a few pages in English, the not-found page and forms re-rendered with errors, the keyboard
 * (skip link first, a visible focus ring on every stop), and the core journeys with JavaScript
 * turned off: procedure search, procedure page, online application (VNeID login by redirects),
 * lookup by code, and the core pages with JavaScript off, each with the same checks (axe-core, 360 px).
 * One browser and one app; sessions made through the real login endpoints.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  browserLoginCitizen,
  chromiumOrSkip,
  fillEFormSteps,
  screenshot,
  startBrowserEnv,
  VIEWPORTS,
  type BrowserEnv,
  type ViewportName,
} from '../test/browser';
import { loginOfficer, type Login } from '../test/login';
import { addPoliceOfficer, driveToResult, loginPeople, submitOnline, type People } from '../modules/feedback/test-dossiers';
import { createSurvey, setSurveyState, submitPetition } from '../modules/feedback/service';
import { DEMO } from '../modules/units/demo';
import { LLTP, TINY_PDF as PDF } from '../test/fixtures';

const ok = chromiumOrSkip();
const BIRTH = '1.001193';
const VPS: ViewportName[] = ['phone', 'desktop'];
const ADMIN = { kind: 'officer' as const, id: 'test-admin', name: 'admin', roles: [{ role: 'admin' as const, unitId: DEMO.province }] };

interface Ids {
  returned: string;
  submitted: string;
  petition: string;
  survey: string;
}

/** The pages of one kind of visitor; `null` session = anonymous. */
interface Group {
  name: string;
  login: (p: People) => Login | null | Promise<Login | null>;
  pages: (ids: Ids) => string[];
}

const GROUPS: Group[] = [
  {
    name: 'public',
    login: () => null,
    pages: (ids) => [
      '/',
      '/thu-tuc',
      `/thu-tuc?q=${encodeURIComponent('khai sinh')}`,
      `/thu-tuc/${BIRTH}`,
      `/thu-tuc/${LLTP}`,
      '/don-vi',
      '/tra-cuu',
      '/phan-anh',
      '/hoi-dap',
      '/tro-ly',
      '/khao-sat',
      `/khao-sat/${ids.survey}`,
      '/xac-thuc-chu-ky',
      '/cong-khai/chi-so',
      '/dang-nhap',
      '/can-bo/dang-nhap',
    ],
  },
  {
    name: 'english',
    login: () => null,
    pages: () => ['/?lang=en', `/thu-tuc/${BIRTH}?lang=en`, '/tra-cuu?lang=en', '/phan-anh?lang=en', '/dang-nhap?lang=en'],
  },
  {
    name: 'citizen',
    login: (p) => p.an,
    pages: (ids) => [
      '/ho-so-cua-toi',
      `/ho-so-cua-toi/${ids.returned}`,
      `/ho-so-cua-toi/${ids.submitted}`,
      `/ho-so-cua-toi/${ids.submitted}/bien-nhan`,
      `/nop-ho-so/${BIRTH}`,
      `/nop-ho-so/${LLTP}`,
      '/kho-du-lieu',
      '/thong-bao',
      '/tai-khoan',
      '/tai-khoan/thong-bao',
      `/thanh-toan/${ids.submitted}`,
      `/danh-gia/${ids.returned}`,
    ],
  },
  {
    name: 'reception',
    login: (p) => p.desk,
    pages: (ids) => [
      '/can-bo/hang-doi',
      '/can-bo/hang-doi?tab=to-receive',
      `/can-bo/ho-so/${ids.submitted}`,
      `/can-bo/ho-so/${ids.returned}`,
      '/can-bo/tiep-nhan',
      `/can-bo/tiep-nhan?tim=${encodeURIComponent('khai sinh')}`,
      `/can-bo/tiep-nhan?ma=${LLTP}`,
    ],
  },
  {
    name: 'specialist',
    login: (p) => p.specialist,
    pages: () => ['/can-bo/hang-doi?tab=to-process', '/can-bo/chung-thuc'],
  },
  {
    name: 'leader',
    login: (p) => p.leader,
    pages: (ids) => ['/can-bo/hang-doi', `/can-bo/ho-so/${ids.returned}`],
  },
  {
    name: 'controller',
    login: () => loginOfficer(b.env.app, 'kiemsoat'),
    pages: () => [
      '/quan-tri/thu-tuc',
      '/quan-tri/thu-tuc/moi',
      `/quan-tri/thu-tuc/${BIRTH}/sua`,
      '/quan-tri/thu-tuc/chi-so',
      '/quan-tri/hoi-dap',
      '/quan-tri/phan-anh',
    ],
  },
  {
    name: 'admin',
    login: () => loginOfficer(b.env.app, 'admin'),
    pages: (ids) => [
      '/quan-tri/don-vi',
      '/quan-tri/tai-khoan',
      '/quan-tri/tai-khoan/moi',
      '/quan-tri/tai-khoan/officer-motcua.p1',
      '/quan-tri/khao-sat',
      '/quan-tri/dong-bo',
      '/quan-tri/phan-anh',
      `/quan-tri/phan-anh/${ids.petition}`,
      '/quan-tri/phan-anh/cai-dat',
      '/chi-so/cau-hinh',
      '/quan-tri/tac-vu',
    ],
  },
  {
    name: 'monitor',
    login: () => loginOfficer(b.env.app, 'giamsat'),
    pages: () => ['/chi-so', `/chi-so?unit=${DEMO.soTuPhap}`, '/chi-so/chi-tiet/onTimeRate', '/chi-so/chi-tieu'],
  },
];

let b: BrowserEnv;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** Moderate and minor axe-core findings: reported, not failed (the bar is no serious or critical). */
const advisories = new Map<string, string[]>();

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** One axe-core run (WCAG 2.1 A/AA + best practice) with every impact, like axeViolations of src/test/browser.ts. */
async function axeAll(page: Page): Promise<AxeResult[]> {
  await page.evaluate(AXE);
  return (await page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeResult[] }> } };
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
  })) as AxeResult[];
}

/** A browser context at a viewport, logged in with a session made through the login endpoints. */
async function contextFor(s: Login | null, vp: ViewportName, javaScriptEnabled = true): Promise<BrowserContext> {
  const context = await b.browser.newContext({
    viewport: VIEWPORTS[vp],
    locale: 'vi-VN',
    isMobile: vp === 'phone',
    hasTouch: vp === 'phone',
    javaScriptEnabled,
  });
  if (s) {
    const url = b.baseUrl;
    const cookies = s.cookie
      .split(';')
      .map((c) => c.trim().split('='))
      .map(([name, value]) => ({ name: name!, value: value!, url }));
    await context.addCookies(cookies);
  }
  return context;
}

/** Every check of one page; returns the problems found (empty when the page is fine). */
async function sweep(page: Page, path: string, vp: ViewportName, shot: string, expectStatus = 200): Promise<string[]> {
  const res = await page.goto(b.url(path));
  const status = res?.status() ?? 0;
  if (status !== expectStatus) return [`${path} (${vp}): HTTP ${status}`];
  return checkPage(page, path, vp, shot);
}

/** The checks of the page as it is now (after a navigation or a form post). */
async function checkPage(page: Page, path: string, vp: ViewportName, shot: string): Promise<string[]> {
  const problems: string[] = [];
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelectorAll('h1').length,
    width: document.documentElement.scrollWidth,
    wide: Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 3)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''}`,
      ),
  }));
  if (!facts.lang) problems.push(`${path} (${vp}): <html> has no lang`);
  if (path.includes('lang=en') && facts.lang !== 'en') problems.push(`${path} (${vp}): <html lang="${facts.lang}">, expected en`);
  if (facts.h1 !== 1) problems.push(`${path} (${vp}): ${facts.h1} <h1> elements`);
  if (vp === 'phone' && facts.width > VIEWPORTS.phone.width)
    problems.push(`${path} (${vp}): scrolls sideways (${facts.width} px wide: ${facts.wide.join(', ')})`);
  for (const v of await axeAll(page)) {
    if (v.impact !== 'serious' && v.impact !== 'critical') {
      const key = `[${v.impact}] ${v.id}: ${v.help}`;
      advisories.set(key, [...(advisories.get(key) ?? []), `${path} (${vp}) ${v.nodes[0]?.target.join(' ')}`]);
      continue;
    }
    problems.push(
      `${path} (${vp}): [${v.impact}] ${v.id}: ${v.help}\n${v.nodes
        .slice(0, 3)
        .map((n) => `      ${n.target.join(' ')}  ${n.html.slice(0, 140)}`)
        .join('\n')}`,
    );
  }
  await screenshot(page, `sweep-${shot}-${vp}`);
  return problems;
}

/**
 * The checks of a page as a person without JavaScript sees it. With JavaScript off Chromium runs no script at all, axe-core
 * included, so the page's markup (scripts removed, <noscript> content shown, as without JavaScript) is checked in a page of
 * the same viewport where only axe-core runs.
 */
async function checkWithoutJs(page: Page, path: string, shot: string): Promise<string[]> {
  const html = (await page.content()).replace(/<script\b[^]*?<\/script>/gi, '').replace(/<\/?noscript>/gi, '');
  const context = await contextFor(null, 'phone');
  const copy = await context.newPage();
  // The copy is written into a document of the app's origin, so the stylesheet loads as on the real page (same-origin resources).
  await copy.goto(b.url('/static/site.css'));
  await copy.setContent(html, { waitUntil: 'load' });
  const problems = await checkPage(copy, path, 'phone', shot);
  await context.close();
  return problems;
}

/** Submits a form past the browser's own checks (required...), to see the server's error page. */
async function sendWithErrors(page: Page, form: string) {
  await page.locator(form).evaluate((f) => ((f as HTMLFormElement).noValidate = true));
  await Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).first().click()]);
}

/** A screenshot name for a path: the ids of the demo records by their role (returned, submitted...). */
const slug = (path: string, ids: Ids) =>
  Object.entries(ids)
    .reduce((p, [k, id]) => (id ? p.split(id).join(k) : p), path)
    .replace(/^\//, '')
    .replace(/[^\w.-]+/g, '_') || 'home';

describe.skipIf(!ok)('every page in Chromium: axe-core, 360 px, lang, one h1', () => {
  let people: People;
  const ids: Ids = { returned: '', submitted: '', petition: '', survey: '' };

  beforeAll(async () => {
    b = await startBrowserEnv({ now: '2026-03-09T02:00:00Z' });
    const env = b.env;
    await addPoliceOfficer(env);
    people = await loginPeople(env);
    ids.returned = await submitOnline(env, people.an);
    await driveToResult(env, people, ids.returned, { returnResult: true });
    ids.submitted = await submitOnline(env, people.an);
    ids.petition = (
      await submitPetition(env.ctx, null, {
        subjectKind: 'unit',
        unitId: DEMO.ubndPhuong1,
        title: 'Cán bộ hướng dẫn chưa rõ',
        content: 'Cán bộ hướng dẫn hồ sơ chưa rõ ràng, tôi phải đi lại nhiều lần.',
        contactName: 'Lê Văn Cường',
        contactPhone: '0911222333',
      } as never)
    ).id;
    const survey = await createSurvey(env.ctx, ADMIN, {
      title: 'Khảo sát cổng dịch vụ công',
      questions: [{ id: 'q1', type: 'scale', text: 'Mức độ dễ sử dụng', options: [], required: true }],
    });
    await setSurveyState(env.ctx, ADMIN, survey.id, 'published');
    ids.survey = survey.id;
  }, 120_000);
  afterAll(async () => {
    if (advisories.size)
      console.info(
        `axe-core advisories (moderate/minor):\n${[...advisories].map(([k, where]) => `${k}\n    ${where.slice(0, 6).join('\n    ')}${where.length > 6 ? `\n    ... ${where.length - 6} more` : ''}`).join('\n')}`,
      );
    await b?.close();
  });

  for (const g of GROUPS) {
    it(`${g.name} pages`, async () => {
      const s = await g.login(people);
      const problems: string[] = [];
      for (const vp of VPS) {
        const context = await contextFor(s, vp);
        const page = await context.newPage();
        for (const path of g.pages(ids)) problems.push(...(await sweep(page, path, vp, `${g.name}-${slug(path, ids)}`)));
        await context.close();
      }
      expect(problems, problems.join('\n')).toEqual([]);
    }, 120_000);
  }

  it('keyboard: the skip link comes first, every focused control shows a visible focus ring', async () => {
    const page = await (await contextFor(people.desk, 'phone')).newPage();
    for (const path of ['/', `/thu-tuc/${LLTP}`, `/can-bo/ho-so/${ids.submitted}`]) {
      await page.goto(b.url(path));
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      const unfocused: string[] = [];
      for (let i = 0; i < 25; i++) {
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a || a === document.body) return null;
          const st = getComputedStyle(a);
          return {
            what: `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} ${a.textContent?.trim().slice(0, 30) ?? ''}`,
            visible: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2,
          };
        });
        if (el && !el.visible) unfocused.push(el.what);
        await page.keyboard.press('Tab');
      }
      expect(unfocused, `${path}: no visible focus on ${unfocused.join(', ')}`).toEqual([]);
    }
    await page.context().close();
  });

  it('error states: the not-found page, an e-form and a petition form sent with errors', async () => {
    const problems: string[] = [];
    for (const vp of VPS) {
      const visitor = await (await contextFor(null, vp)).newPage();
      problems.push(...(await sweep(visitor, '/khong-co-trang-nay', vp, 'error-404', 404)));
      await visitor.goto(b.url('/phan-anh'));
      await sendWithErrors(visitor, 'main form[enctype="multipart/form-data"]');
      expect(await visitor.locator('[role=alert]').count()).toBeGreaterThan(0);
      problems.push(...(await checkPage(visitor, '/phan-anh (errors)', vp, 'error-petition')));
      await visitor.context().close();
      const citizen = await (await contextFor(people.an, vp)).newPage();
      await citizen.goto(b.url(`/nop-ho-so/${BIRTH}`));
      await citizen.fill('[name="applicantPhone"]', '');
      await sendWithErrors(citizen, `form[action="/nop-ho-so/${BIRTH}"]`);
      expect(await citizen.locator('[role=alert]').count()).toBeGreaterThan(0);
      problems.push(...(await checkPage(citizen, `/nop-ho-so/${BIRTH} (errors)`, vp, 'error-apply')));
      await citizen.context().close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the core pages with JavaScript off: axe-core without serious or critical violations, no sideways scroll at 360 px', async () => {
    const sets: [Login | null, string[]][] = [
      [null, ['/', `/thu-tuc?q=${encodeURIComponent('khai sinh')}`, `/thu-tuc/${BIRTH}`, '/tra-cuu', '/cong-khai/chi-so']],
      [people.an, [`/nop-ho-so/${BIRTH}`, `/ho-so-cua-toi/${ids.submitted}`, `/ho-so-cua-toi/${ids.submitted}/bien-nhan`, `/thanh-toan/${ids.submitted}`]],
      [people.desk, ['/can-bo/hang-doi', `/can-bo/ho-so/${ids.submitted}`]],
      [await loginOfficer(b.env.app, 'giamsat'), ['/chi-so']],
    ];
    const problems: string[] = [];
    for (const [s, paths] of sets) {
      const context = await contextFor(s, 'phone', false);
      const page = await context.newPage();
      for (const path of paths) {
        const res = await page.goto(b.url(path));
        if (res?.status() !== 200) problems.push(`${path} (no JavaScript): HTTP ${res?.status()}`);
        else problems.push(...(await checkWithoutJs(page, `${path} (no JavaScript)`, `nojs-${slug(path, ids)}`)));
      }
      await context.close();
    }
    expect(problems, problems.join('\n')).toEqual([]);
  }, 120_000);

  it('the core journeys work without JavaScript: search, procedure page, apply (VNeID), look up; each page passes axe-core and 360 px', async () => {
    const context = await contextFor(null, 'phone', false);
    const page = await context.newPage();
    // Each page of the journey gets the sweep's checks (axe-core, 360 px, one h1) with JavaScript off, as people without it see it.
    const problems: string[] = [];
    const submit = (form: string) => Promise.all([page.waitForNavigation(), page.locator(`${form} button[type=submit]`).first().click()]);
    // search the catalogue and open a procedure
    await page.goto(b.url('/'));
    await page.goto(b.url('/thu-tuc'));
    await page.fill('#q', 'khai sinh');
    await submit('form[action="/thu-tuc"]');
    expect(page.url()).toContain('q=khai');
    await Promise.all([page.waitForNavigation(), page.locator(`main a[href="/thu-tuc/${BIRTH}"]`).first().click()]);
    expect(new URL(page.url()).pathname).toBe(`/thu-tuc/${BIRTH}`);
    expect(await page.locator('h1').innerText()).toContain('khai sinh');
    problems.push(...(await checkWithoutJs(page, `/thu-tuc/${BIRTH} (no JavaScript)`, 'nojs-procedure')));
    // log in with VNeID (redirects and forms only) and apply online
    await browserLoginCitizen(b, page, '093090001234', { next: `/nop-ho-so/${BIRTH}` });
    expect(new URL(page.url()).pathname).toBe(`/nop-ho-so/${BIRTH}`);
    await page.selectOption('#f-receivingUnitId', DEMO.ubndPhuong1);
    const form: Record<string, string> = {
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
    // The long form is asked section by section (issue 13.7), each page posted without JavaScript; screenshots of two of them.
    await fillEFormSteps(page, form, async (n) => {
      problems.push(...(await checkWithoutJs(page, `/nop-ho-so/${BIRTH} step ${n} (no JavaScript)`, `nojs-apply-step${n}`)));
    });
    expect(await page.locator('h1').innerText()).toContain('Kiểm tra thông tin');
    problems.push(...(await checkWithoutJs(page, `/nop-ho-so/${BIRTH} review (no JavaScript)`, 'nojs-review')));
    await page.setInputFiles('#file-to-khai', { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.setInputFiles('#file-giay-chung-sinh', { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit('form[enctype="multipart/form-data"]');
    expect(new URL(page.url()).pathname).toMatch(/^\/ho-so-cua-toi\/[0-9a-f-]+\/bien-nhan$/);
    const code = (await page.locator('dl.summary dd strong').first().innerText()).trim();
    const pin = (await page.locator('.pin').innerText()).trim();
    problems.push(...(await checkWithoutJs(page, 'receipt (no JavaScript)', 'nojs-receipt')));
    // look the dossier up by its code, as a visitor without JavaScript
    const visitor = await (await contextFor(null, 'phone', false)).newPage();
    await visitor.goto(b.url('/tra-cuu'));
    await visitor.fill('#code', code);
    await visitor.fill('#secret', pin);
    await Promise.all([visitor.waitForNavigation(), visitor.locator('form[action="/tra-cuu"] button[type=submit]').click()]);
    expect(await visitor.locator('h1').innerText()).toContain(code);
    problems.push(...(await checkWithoutJs(visitor, '/tra-cuu result (no JavaScript)', 'nojs-lookup')));
    await visitor.context().close();
    await context.close();
    expect(problems, problems.join('\n')).toEqual([]);
  }, 120_000);
});
