import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { BIRTH_FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { DEMO } from '../units/demo';
import { DEMO_EXTRA } from '../units/demo-data';
import { payloadMultipart, pdfFile } from '../../test/multipart';
import { moveClockTo } from '../../test/clock';

// Across the merger of 1/7/2025 (Resolution 1668/NQ-UBTVQH15): Phường III's open dossiers pass to
// Phường Vị Thanh (the former Phường I, same ids), whose officers act for it from that day only.
const BIRTH = '1.001193';
let env: TestEnv;
let an: Login, deskP1: Login, deskTanHoa: Login;

const at = (t: string) => moveClockTo(env, t);

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF), pdfFile('file:giay-chung-sinh', PDF)]);

const me = async (s: Login) => (await env.app.inject({ url: '/api/v1/me', headers: { cookie: s.cookie } })).json().actor;
const dossier = async (id: string) => (await env.app.inject({ url: `/api/v1/dossiers/${id}`, headers: authHeaders(an) })).json().dossier;
const receive = async (s: Login, id: string, version: number) =>
  env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions/receive`, headers: authHeaders(s), payload: { version } });

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2025-06-25T02:00:00Z' }); // Wednesday, before the merger
  an = await loginCitizen(env, '093090001234');
  deskP1 = await loginOfficer(env.app, 'motcua.p1');
  deskTanHoa = await loginOfficer(env.app, 'motcua.tanhoa');
});
afterAll(async () => env?.close());

describe('grants follow the 2025 merger of communes', () => {
  it('acts with the stored grant only before 1/7/2025, and also for the merged wards from that day', async () => {
    expect((await me(deskP1)).roles).toEqual([{ role: 'reception', unitId: DEMO.ubndPhuong1 }]);
    await at('2025-07-01T02:00:00Z');
    const roles = (await me(deskP1)).roles;
    expect(roles[0]).toEqual({ role: 'reception', unitId: DEMO.ubndPhuong1 });
    expect(roles).toEqual(
      expect.arrayContaining([
        { role: 'reception', unitId: DEMO.ubndPhuong3 },
        { role: 'reception', unitId: DEMO_EXTRA.ubndPhuong7 },
      ]),
    );
    expect(roles).not.toContainEqual({ role: 'reception', unitId: DEMO.ubndMotNgan });
    expect((await me(deskTanHoa)).roles).toEqual(
      expect.arrayContaining([
        { role: 'reception', unitId: DEMO.ubndMotNgan },
        { role: 'reception', unitId: DEMO_EXTRA.ubndBayNgan },
      ]),
    );
    await at('2025-06-25T02:00:00Z');
  });

  it('an open dossier of Phường III keeps its unit and code and is received by Phường Vị Thanh after the merger, not before', async () => {
    const mp = submission({ procedureCode: BIRTH, receivingUnitId: DEMO.ubndPhuong3, data: BIRTH_FORM });
    const sub = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    expect(sub.statusCode, sub.body).toBe(201);
    const d0 = sub.json().dossier;
    expect(d0.receivingUnitId).toBe(DEMO.ubndPhuong3);

    // Before 1/7/2025 Phường I's desk has no business with Phường III's dossiers; nothing changes.
    const early = await receive(deskP1, d0.id, d0.version);
    // Coverage follows the unit's successors whatever the date (units coveredIds), so the desk sees
    // it, but acting grants are bounded by the merger date: the reception is refused.
    expect(early.statusCode).toBe(403);
    expect(early.json().message).toMatch(/[ÀÁẢÃẠàáảãạâầấẩẫậăằắẳẵặđêềếểễệôồốổỗộơờớởỡợưừứửữự]/);
    expect(await dossier(d0.id)).toMatchObject({ state: 'submitted', version: d0.version });

    // From 1/7/2025 the successor's desk receives it; the dossier keeps Phường III and its code.
    await at('2025-07-01T02:00:00Z');
    const wrong = await receive(deskTanHoa, d0.id, d0.version);
    expect(wrong.statusCode).toBe(404);
    expect(await dossier(d0.id)).toMatchObject({ state: 'submitted', version: d0.version });
    const ok = await receive(deskP1, d0.id, d0.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().dossier).toMatchObject({ state: 'received', code: d0.code, receivingUnitId: DEMO.ubndPhuong3 });
    // The former unit is shown by its last name, not its id.
    const page = await env.app.inject({ url: `/can-bo/ho-so/${d0.id}`, headers: { cookie: deskP1.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('UBND phường III');
    expect(page.body).not.toContain(`>${DEMO.ubndPhuong3}<`);
  });
});
