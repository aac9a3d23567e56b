/**
 * A repeated action (issue 18: the answer lost in a failover; a second click on a form): the same
 * action by the same officer with the same Idempotency-Key answers the dossier as the first left
 * it, once; anything else with a stale version is still 409 "dossier.changed" and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { multipart } from '../../test/multipart';

let env: TestEnv;
let an: Login, desk: Login;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  desk = await loginOfficer(env.app, 'motcua.tinh');
}, 300_000);
afterAll(async () => env?.close());

async function submitOnline(): Promise<{ id: string; version: number }> {
  const mp = multipart({ payload: JSON.stringify({ procedureCode: LLTP, data: FORM }) }, [
    { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
  ]);
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier;
}
const act = (id: string, action: string, version: number, key?: string, lang?: string) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: { ...authHeaders(desk), ...(key ? { 'idempotency-key': key } : {}), ...(lang ? { 'accept-language': lang } : {}) },
    payload: { version },
  });
const events = (id: string) => env.ctx.db.selectFrom('dossier_events').select(['action', 'seq']).where('dossier_id', '=', id).orderBy('seq').execute();
const row = (id: string) => env.ctx.db.selectFrom('dossiers').select(['state', 'version', 'received_at']).where('id', '=', id).executeTakeFirstOrThrow();

describe('repeating an action', () => {
  it('the same receive with the same key answers 200 with the dossier as the first left it, and receives once', async () => {
    const d = await submitOnline();
    const first = await act(d.id, 'receive', d.version, 'k-1');
    expect(first.statusCode, first.body).toBe(200);
    const after = await row(d.id);
    const again = await act(d.id, 'receive', d.version, 'k-1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().dossier.version).toBe(first.json().dossier.version);
    expect(again.json().dossier.state).toBe(first.json().dossier.state);
    expect(await row(d.id)).toEqual(after);
    expect((await events(d.id)).filter((e) => e.action === 'receive')).toHaveLength(1);
  });

  it('without a key, with another key, or the key of another action, a stale version is 409 "dossier.changed" and nothing changes', async () => {
    const d = await submitOnline();
    expect((await act(d.id, 'receive', d.version, 'k-2')).statusCode).toBe(200);
    const after = await row(d.id);
    const evs = await events(d.id);
    const none = await act(d.id, 'receive', d.version);
    expect(none.statusCode).toBe(409);
    expect(none.json().message).toBe('Hồ sơ đã được thay đổi. Vui lòng tải lại hồ sơ rồi thực hiện lại.');
    const other = await act(d.id, 'receive', d.version, 'k-other', 'en');
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('dossier.changed');
    expect(other.json().message).not.toBe(none.json().message); // English
    expect((await act(d.id, 'refuse', d.version, 'k-2')).statusCode).toBe(409);
    expect(await row(d.id)).toEqual(after);
    expect(await events(d.id)).toEqual(evs);
  });

  it('a second click on the reception form is the same action: both answer the dossier page, one reception', async () => {
    const d = await submitOnline();
    const page = await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${d.id}`, headers: { accept: 'text/html', cookie: desk.cookie } });
    const form = /<form method="post" action="\/can-bo\/ho-so\/[^"]+\/thao-tac\/receive">([^]*?)<\/form>/.exec(page.body)?.[1];
    expect(form).toBeTruthy();
    const key = /name="_key" value="([^"]+)"/.exec(form!)?.[1];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    const click = () =>
      env.app.inject({
        method: 'POST',
        url: `/can-bo/ho-so/${d.id}/thao-tac/receive`,
        headers: { accept: 'text/html', cookie: desk.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: desk.csrf, version: String(d.version), _key: key! }).toString(),
      });
    const one = await click();
    const two = await click();
    expect([one.statusCode, two.statusCode]).toEqual([303, 303]);
    expect(two.headers.location).toBe(`/can-bo/ho-so/${encodeURIComponent(d.id)}?xong=receive`);
    expect((await events(d.id)).filter((e) => e.action === 'receive')).toHaveLength(1);
  });
});
