/** The home page (issue 13.7): the search box first, entry points by life event and by who you are, each finding procedures. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { AUDIENCES, LIFE_EVENTS } from './home';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('home page', () => {
  it('puts the search box first in the main content, then the entry points', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(r.statusCode).toBe(200);
    const main = r.body.slice(r.body.indexOf('<main'));
    const firstControl = main.search(/<(input|select|textarea|form)\b/);
    expect(main.slice(firstControl)).toMatch(/^<form method="get" action="\/thu-tuc" role="search"/);
    expect(main).toContain('<label for="home-q">Tìm thủ tục hành chính</label>');
    const search = main.indexOf('role="search"');
    expect(search).toBeLessThan(main.indexOf('Theo sự kiện trong đời'));
    expect(main.indexOf('Theo sự kiện trong đời')).toBeLessThan(main.indexOf('Theo người thực hiện'));
    for (const label of ['Sinh con', 'Kết hôn', 'Công dân', 'Doanh nghiệp, hộ kinh doanh']) expect(main).toContain(label);
  });

  it('every entry point is a search that finds procedures', async () => {
    for (const e of [...LIFE_EVENTS, ...AUDIENCES]) {
      const r = await env.app.inject({ method: 'GET', url: `/api/v1/procedures?q=${encodeURIComponent(e.q)}` });
      expect(r.statusCode).toBe(200);
      expect(r.json().total, `${e.key}: "${e.q}"`).toBeGreaterThan(0);
      const page = await env.app.inject({ method: 'GET', url: `/thu-tuc?q=${encodeURIComponent(e.q)}`, headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(200);
    }
  });

  it('speaks English when asked, with the same structure', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/?lang=en', headers: { accept: 'text/html' } });
    expect(r.body).toContain('Find a public service');
    expect(r.body).toContain('By life event');
    expect(r.body).toContain('By who you are');
  });
});
