/**
 * Pages rendered once per language for anonymous readers (issue 15, item 2), and what must never
 * come out of that shared render: a logged-in citizen's or officer's page. Also the precompressed
 * static assets. Everything through HTTP against the test database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { DEMO_PROCEDURES } from '../../modules/catalogue/demo-data';

let env: TestEnv;
const users: { name: string; login: Login }[] = [];
const html = { accept: 'text/html' };
const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers: { ...html, ...headers } });
const nameOf = async (login: Login) => (await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: authHeaders(login) })).json().actor.name as string;

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z', vneid: true });
  for (const login of [
    await loginCitizen(env, '093185004321'),
    await loginCitizen(env, '093090001234'),
    await loginOfficer(env.app, 'motcua.p1'),
    await loginOfficer(env.app, 'tuphap.p1'),
  ])
    users.push({ name: await nameOf(login), login });
}, 120_000);
afterAll(async () => env?.close());

const PAGES = ['/', '/thu-tuc', '/thu-tuc?q=khai+sinh', '/thu-tuc/1.001193', '/cong-khai/chi-so'];

describe('personal pages are never served from the shared render', () => {
  it('has four different people to test with', () => {
    expect(users).toHaveLength(4);
    expect(new Set(users.map((u) => u.name)).size).toBe(4);
  });

  it.each(PAGES)('%s: each logged-in reader gets a page with their own name, private, no-store; the anonymous one gets nobody’s', async (url) => {
    for (const me of users) {
      const res = await get(url, { cookie: me.login.cookie });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.headers.etag).toBeUndefined();
      expect(res.body).toContain(me.name);
      for (const other of users.filter((u) => u !== me)) expect(res.body).not.toContain(other.name);
      expect(res.body).toContain('name="_csrf"');
    }
    const anon = await get(url);
    const again = await get(url);
    expect(anon.statusCode).toBe(200);
    expect(again.body).toBe(anon.body);
    expect(anon.body).toContain('href="/dang-nhap"');
    expect(anon.body).not.toContain('name="_csrf"');
    for (const u of users) expect(anon.body).not.toContain(u.name);
    // A cookie that names no session (expired, forged): the anonymous page, nobody's personal one.
    const forged = await get(url, { cookie: 'sid=' + 'x'.repeat(43) });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).toBe(anon.body);
    expect(forged.headers['cache-control']).toBe('private, no-store');
    // And a logged-in reader after the anonymous render still gets their own page.
    const after = await get(url, { cookie: users[0]!.login.cookie });
    expect(after.body).toContain(users[0]!.name);
  });

  it('a citizen’s own dossiers page: each citizen gets their own, twice', async () => {
    for (const round of [1, 2]) {
      for (const me of users.slice(0, 2)) {
        const res = await get('/ho-so-cua-toi', { cookie: me.login.cookie });
        expect(res.statusCode, `round ${round}`).toBe(200);
        expect(res.headers['cache-control']).toBe('private, no-store');
        expect(res.body).toContain(me.name);
        const other = users[0] === me ? users[1]! : users[0]!;
        expect(res.body).not.toContain(other.name);
      }
    }
  });

  it('serves the English page in English and the Vietnamese in Vietnamese from the shared render', async () => {
    const vi = await get('/thu-tuc/1.001193');
    const en = await get('/thu-tuc/1.001193', { 'accept-language': 'en' });
    expect(vi.body).toContain('<html lang="vi"');
    expect(en.body).toContain('<html lang="en"');
    expect((await get('/thu-tuc/1.001193', { 'accept-language': 'en' })).body).toBe(en.body);
  });
});

describe('the shared render follows the catalogue', () => {
  it('a retirement in force takes the procedure off the anonymous search page at once', async () => {
    const p = DEMO_PROCEDURES.find((x) => x.onlineLevel === 'full' && x.code !== '1.001193')!;
    const url = `/thu-tuc?q=${encodeURIComponent(p.name)}`;
    const before = await get(url);
    expect(before.body).toContain(`/thu-tuc/${p.code}"`);
    const controller = await loginOfficer(env.app, 'kiemsoat');
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/admin/procedures/${p.code}/retire`,
      headers: authHeaders(controller),
      payload: { decision: { number: '77/QĐ-UBND', signedDate: '2025-03-01', effectiveDate: '2025-03-10' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await get(url);
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain(`/thu-tuc/${p.code}"`);
  });
});

describe('precompressed static assets', () => {
  const plain = readFileSync(join(import.meta.dirname, '../../web/static/site.css'));
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)('sends site.css %s-encoded to a client that accepts it, the same bytes once decoded', async (enc, decode) => {
    const res = await env.app.inject({ method: 'GET', url: '/static/site.css', headers: { 'accept-encoding': enc } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(enc);
    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.rawPayload.length).toBeLessThan(plain.length);
    expect(decode(res.rawPayload).equals(plain)).toBe(true);
  });
  it('sends the plain file to a client that accepts no encoding', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/static/site.css', headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(plain)).toBe(true);
  });
});
