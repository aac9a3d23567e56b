/**
 * No stalls and no guessing (issue 13.5), through HTTP against a real database: the desk
 * receives an online dossier through its page and the dossier is at once in the specialist's
 * queue (nobody presses "Chuyển bước tiếp theo"); both dossier pages say in one sentence who
 * acts next and by when, with unit names, never ids; officers land on their queue after login;
 * the reception picker is a search.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { DEMO } from '../units/demo';
import { payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let an: Login, desk: Login, specialist: Login;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  desk = await loginOfficer(env.app, 'motcua.tinh');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const get = (url: string, who?: Login) => env.app.inject({ method: 'GET', url, headers: { ...html, ...(who ? { cookie: who.cookie } : {}) } });
const post = (url: string, who: Login, fields: Record<string, string>) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
const text = (body: string) =>
  body
    .replace(/<script[^]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
const visibleText = (body: string) => text(body.replace(/<(?:input|a|form|link|meta)[^>]*>/g, ' '));

async function submitOnline(): Promise<{ id: string; version: number }> {
  const mp = payloadMultipart({ procedureCode: LLTP, data: FORM }, [pdfFile('file:to-khai', PDF)]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(an), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier;
}
const queue = async (who: Login, name: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/v1/queues/${name}`, headers: authHeaders(who) })).json().dossiers.map((x: any) => x.id);
const row = (id: string) => env.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('no stall after reception', () => {
  it('the desk receives through its page and the dossier is in the specialist queue at once, with the reception step done', async () => {
    const d = await submitOnline();
    expect(await queue(specialist, 'to-process')).not.toContain(d.id);
    const before = await get(`/can-bo/ho-so/${d.id}`, desk);
    expect(visibleText(before.body)).toContain('Đang chờ Bộ phận Một cửa Trung tâm Phục vụ hành chính công thành phố Cần Thơ kiểm tra và tiếp nhận hồ sơ.');
    const r = await post(`/can-bo/ho-so/${d.id}/thao-tac/receive`, desk, { version: String(d.version) });
    expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
    expect(await queue(specialist, 'to-process')).toContain(d.id);
    const after = await row(d.id);
    expect(after).toMatchObject({ state: 'received', step_key: 'tham-dinh', step_unit_id: DEMO.soTuPhap, step_role: 'specialist' });
    const steps = await env.ctx.db.selectFrom('dossier_steps').selectAll().where('dossier_id', '=', d.id).orderBy('step_index').execute();
    expect(steps.map((s) => [s.step_key, s.outcome ?? null, s.left_at ? 'done' : 'open'])).toEqual([
      ['tiep-nhan', 'receive', 'done'],
      ['tham-dinh', null, 'open'],
    ]);
    // The desk's page offers no forward any more; the specialist's does.
    expect((await get(`/can-bo/ho-so/${d.id}`, desk)).body).not.toContain('id="action-forward"');
    expect((await get(`/can-bo/ho-so/${d.id}`, specialist)).body).toContain('id="action-forward"');
    // Forwarding by the desk is refused, and changes nothing.
    const refused = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions/forward`,
      headers: authHeaders(desk),
      payload: { version: after.version },
    });
    expect([refused.statusCode, refused.json().message]).toEqual([403, expect.stringMatching(/quyền/)]);
    expect((await row(d.id)).version).toBe(after.version);
  });

  it('both dossier pages say who acts next and by when, with unit names and never unit ids', async () => {
    const d = await submitOnline();
    const v = (
      await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions/receive`, headers: authHeaders(desk), payload: { version: d.version } })
    ).json().dossier;
    const due = new Date(v.step.dueAt);
    const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(due);
    const ddmmyyyy = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(due);
    const sentence = `Đang chờ chuyên viên Sở Tư pháp xử lý, hạn ${hhmm} ${ddmmyyyy}.`;
    for (const [url, who] of [
      [`/ho-so-cua-toi/${d.id}`, an],
      [`/can-bo/ho-so/${d.id}`, specialist],
    ] as const) {
      const page = await get(url, who);
      expect(page.statusCode).toBe(200);
      expect(visibleText(page.body), url).toContain(sentence);
      for (const id of [DEMO.soTuPhap, DEMO.province]) expect(visibleText(page.body), `${url} shows the id ${id}`).not.toMatch(new RegExp(`\\b${id}\\b`));
    }
    const en = await env.app.inject({ method: 'GET', url: `/ho-so-cua-toi/${d.id}?lang=en`, headers: { ...html, cookie: an.cookie } });
    expect(visibleText(en.body)).toContain(`Waiting for the specialist of Sở Tư pháp to act, due ${hhmm} ${ddmmyyyy}.`);
  });

  it('officers land on their work queue after login; an explicit next still wins', async () => {
    const anon = await anonymousCsrf(env.app);
    const login = (fields: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/can-bo/dang-nhap',
        headers: { ...html, cookie: anon.cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.9.9.9' },
        payload: new URLSearchParams({ _csrf: anon.csrf, password: 'MotCua@2026', ...fields }).toString(),
      });
    const plain = await login({ username: 'chuyenvien.stp' });
    expect([plain.statusCode, plain.headers.location]).toEqual([303, '/can-bo/hang-doi']);
    const withNext = await login({ username: 'chuyenvien.stp', next: '/chi-so' });
    expect(withNext.headers.location).toBe('/chi-so');
    const form = await get('/can-bo/dang-nhap');
    expect(form.body).toContain('value="/can-bo/hang-doi"');
  });
});

describe('the procedure picker at reception is a search', () => {
  it('finds by words without diacritics or by code, and offers links, not a long select', async () => {
    const blank = await get('/can-bo/tiep-nhan', desk);
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('role="search"');
    expect(blank.body).not.toMatch(/<select[^>]*name="ma"/);
    const hit = await get(`/can-bo/tiep-nhan?kenh=in_person&tim=${encodeURIComponent('ly lich tu phap')}`, desk);
    expect(hit.body).toMatch(new RegExp(`<a href="/can-bo/tiep-nhan\\?ma=${LLTP.replace(/\./g, '\\.')}&amp;kenh=in_person">[^<]*Lý lịch tư pháp`, 'i'));
    expect((await get(`/can-bo/tiep-nhan?tim=${LLTP}`, desk)).body).toContain(`ma=${LLTP}&amp;`);
    const none = await get(`/can-bo/tiep-nhan?tim=${encodeURIComponent('xyzzy không có')}`, desk);
    expect(visibleText(none.body)).toContain('Không có thủ tục nào khớp với "xyzzy không có"');
    expect(none.body).not.toContain('class="procedure-matches"><li>');
  });

  it('refuses a specialist and sends anonymous visitors to the login', async () => {
    expect((await get('/can-bo/tiep-nhan?tim=khai', specialist)).statusCode).toBe(403);
    const anon = await get('/can-bo/tiep-nhan?tim=khai');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/can-bo/dang-nhap');
  });
});
