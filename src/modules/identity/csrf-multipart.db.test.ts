/**
 * Multipart forms carry the CSRF token as their first field, never in the URL (issue 14
 * item 5, ASVS V8.3.1): a token in the query string no longer counts; the first field does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF } from '../../test/fixtures';
import { multipartParts, pdfFile, type MultipartPart } from '../../test/multipart';
import { countDossiers } from '../../test/rows';

let env: TestEnv;
let desk: Login;
beforeAll(async () => {
  env = await createTestEnv();
  desk = await loginOfficer(env.app, 'motcua.tinh');
});
afterAll(() => env?.close());

const field = (name: string, value: string): MultipartPart => [name, value];
const pdf = () => pdfFile('file', TINY_PDF, 'a.pdf');
// the parts in the order given: where the token comes is what these tests are about
const body = (...parts: MultipartPart[]) => multipartParts(parts).body;
const TYPE = multipartParts([]).type;
const dossierCount = () => countDossiers(env);

describe('CSRF token of multipart forms', () => {
  it('the pages put the token in a first hidden field, not in the action URL', async () => {
    const anon = await anonymousCsrf(env.app);
    const page = await env.app.inject({ method: 'GET', url: '/xac-thuc-chu-ky', headers: { cookie: anon.cookie, accept: 'text/html' } });
    expect(page.body).not.toContain('_csrf=');
    expect(page.body).toMatch(/enctype="multipart\/form-data"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+"/);
    const deskPage = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan', headers: { cookie: desk.cookie, accept: 'text/html' } });
    expect(deskPage.body).not.toContain('_csrf=');
  });

  it('anonymous: a token in the URL is refused (403), as the first field it is accepted', async () => {
    const anon = await anonymousCsrf(env.app);
    const inUrl = await env.app.inject({
      method: 'POST',
      url: `/xac-thuc-chu-ky?_csrf=${encodeURIComponent(anon.csrf)}`,
      headers: { cookie: anon.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(pdf()),
    });
    expect(inUrl.statusCode).toBe(403);
    const asField = await env.app.inject({
      method: 'POST',
      url: '/xac-thuc-chu-ky',
      headers: { cookie: anon.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(field('_csrf', anon.csrf), pdf()),
    });
    expect(asField.statusCode, asField.body.slice(0, 300)).toBe(200);
    // after the file it is too late: the handler would have read the file first
    const late = await env.app.inject({
      method: 'POST',
      url: '/xac-thuc-chu-ky',
      headers: { cookie: anon.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(pdf(), field('_csrf', anon.csrf)),
    });
    expect(late.statusCode).toBe(403);
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/xac-thuc-chu-ky',
      headers: { cookie: anon.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(field('_csrf', 'x'.repeat(40)), pdf()),
    });
    expect(wrong.statusCode).toBe(403);
  });

  it('with a session: a token in the URL is refused and nothing is received', async () => {
    const before = await dossierCount();
    const r = await env.app.inject({
      method: 'POST',
      url: `/can-bo/tiep-nhan?_csrf=${encodeURIComponent(desk.csrf)}`,
      headers: { cookie: desk.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(field('procedureCode', '1.001193'), pdf()),
    });
    expect(r.statusCode).toBe(403);
    expect(await dossierCount()).toBe(before);
    // the same body with the token first gets past the CSRF check (to the form's own validation)
    const ok = await env.app.inject({
      method: 'POST',
      url: '/can-bo/tiep-nhan',
      headers: { cookie: desk.cookie, 'content-type': TYPE, accept: 'text/html' },
      payload: body(field('_csrf', desk.csrf), field('procedureCode', '1.001193'), pdf()),
    });
    expect(ok.statusCode).not.toBe(403);
  });
});
