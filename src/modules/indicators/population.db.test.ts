/**
 * 4.6 / 4.7 (research 4.5a / 4.5b, use of population data) through HTTP on a real database,
 * numbers worked out by hand. A dossier counts when it was submitted online by a citizen logged
 * in through VNeID, or the applicant was confirmed against the population database (sandbox)
 * around reception. March 2026, to date (10 March):
 *   V  Lý lịch tư pháp, online by Nguyễn Văn An (VNeID)                        -> counts
 *   P  Lý lịch tư pháp, for Trần Thị Bình at the centre, verified first        -> counts
 *   N  Lý lịch tư pháp, for Lê Hoàng Cường, his check did not match           -> not
 *   K  Bản sao trích lục hộ tịch, at Phường I's desk for An, no check          -> not
 * LLTP is one of the 25 essential services: no paper at the desk from 1/10/2025 (Chỉ thị 24/CT-TTg),
 * so P and N are submitted by the digital team with the applicant and received by the provincial
 * desk. K's procedure names no data source, so nothing is looked up at its reception.
 * Province: 4.7 = 2/4 = 0.5 -> 1 point; 4.6 = 1 (LLTP) / 2 procedures = 0.5 -> 1 point.
 * Sở Tư pháp (decides LLTP): 4.7 = 2/3 = 0.6667 -> 1.33; 4.6 = 1/1 -> 2.
 * Phường I (K only): 0/1 and 0/1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer } from '../../test/login';
import { drainOutbox } from '../../platform/outbox';
import { startSandboxPopulation, type PopulationSandbox } from '../../../sandbox/population/server';
import { DEMO } from '../units/demo';
import { Flow } from './test-api-flow';
import { assistedConsent } from '../dossiers/testkit';
import { LLTP, TINY_PDF as PDF } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

const TRICH_LUC = '2.000635';
const FORM = {
  applicantName: 'Nguyễn Văn An',
  applicantPersonalId: '093090001234',
  applicantAddress: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh',
  applicantPhone: '0912345678',
  birthPlace: 'Hậu Giang',
  fatherName: 'Nguyễn Văn Ba',
  motherName: 'Trần Thị Cúc',
  residenceHistory: 'Từ 2004 đến nay: Phường I, thành phố Vị Thanh',
  certType: 'so-1',
  purpose: 'xin-viec',
  copies: 1,
  resultDelivery: 'truc-tiep',
};

let env: TestEnv;
let pop: PopulationSandbox;
let f: Flow;
const ids: Record<string, string> = {};

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF)]);
async function assistedDossier(name: string, applicant: { idNumber: string; name: string }) {
  const team = await loginOfficer(env.app, 'congnghe.p1');
  const consentId = await assistedConsent(env, team, { procedureCode: LLTP, idNumber: applicant.idNumber, name: applicant.name });
  const mp = submission({
    procedureCode: LLTP,
    applicant,
    consentId,
    data: { ...FORM, applicantName: applicant.name, applicantPersonalId: applicant.idNumber },
  });
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(team), 'content-type': mp.type }, payload: mp.body });
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().dossier.id;
  await f.act('motcua.tinh', ids[name]!, 'receive');
}
async function deskDossier(name: string, user: string, code: string, applicant: { idNumber: string; name: string }) {
  const d = await f.submit(user, code, { applicant });
  await f.file(user, d.id, 'component', 'to-khai');
  await f.act(user, d.id, 'receive');
  ids[name] = d.id;
}
const verify = async (body: Record<string, string>) =>
  env.app.inject({ method: 'POST', url: '/api/v1/population/verify', headers: authHeaders(await loginOfficer(env.app, 'motcua.tinh')), payload: body });

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' }); // Monday 09:00 VN
  const c = env.ctx.config.population;
  pop = await startSandboxPopulation({ port: 0, clientId: c.clientId, clientSecret: c.clientSecret });
  c.url = pop.url;
  f = new Flow(env);
  // V: online through VNeID, received at the provincial centre
  const an = await loginCitizen(env, '093090001234');
  const mp = submission({ procedureCode: LLTP, data: FORM });
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
  expect(res.statusCode, res.body).toBe(201);
  ids.V = res.json().dossier.id;
  await f.act('motcua.tinh', ids.V, 'receive');
  // P: Bình's data confirmed against the population database, then the dossier taken at the desk
  expect((await verify({ personalId: '093185004321', name: 'Trần Thị Bình', birthDate: '1985-11-02' })).json()).toMatchObject({ match: true });
  await assistedDossier('P', { idNumber: '093185004321', name: 'Trần Thị Bình' });
  // N: Cường's check fails (not found / mismatch): not confirmed
  expect((await verify({ personalId: '093078005555', name: 'Lê Hoàng Cường', birthDate: '1978-01-01' })).json()).toMatchObject({ match: false });
  await assistedDossier('N', { idNumber: '093078005555', name: 'Lê Hoàng Cường' });
  // K: Phường I, no check
  await deskDossier('K', 'motcua.p1', TRICH_LUC, { idNumber: '093090001234', name: 'Nguyễn Văn An' });
  env.clock.set('2026-03-10T02:00:00Z');
  await drainOutbox(env.ctx);
}, 300_000);
afterAll(async () => {
  await pop?.close();
  await env?.close();
});

const ind = (body: any, key: string) => body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.key === key);
const index = async (unit: string) => {
  const res = await env.app.inject({ method: 'GET', url: `/api/v1/indicators?unit=${unit}&period=2026-03&method=qd766-2022` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('4.6 / 4.7 use of population data, March 2026', () => {
  it('the facts: V (VNeID) and P (verified) use population data; N and K do not', async () => {
    const rows = await env.ctx.db.selectFrom('indicator_dossier_facts').select(['dossier_id', 'population_data']).execute();
    const by = Object.fromEntries(rows.map((r) => [r.dossier_id, r.population_data]));
    expect([by[ids.V], by[ids.P], by[ids.N], by[ids.K]]).toEqual([true, true, false, false]);
  });
  it('province: 4.7 = 2/4 -> 1 point; 4.6 = 1/2 procedures -> 1 point', async () => {
    const body = await index(DEMO.province);
    expect(ind(body, 'populationDossiers')).toMatchObject({ numerator: 2, denominator: 4, value: 0.5, points: 1 });
    expect(ind(body, 'populationProcedures')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, points: 1 });
  });
  it('Sở Tư pháp: 4.7 = 2/3 -> 1.33; 4.6 = 1/1 -> 2; Phường I: 0/1, 0/1', async () => {
    const stp = await index(DEMO.soTuPhap);
    expect(ind(stp, 'populationDossiers')).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, points: 1.33 });
    expect(ind(stp, 'populationProcedures')).toMatchObject({ numerator: 1, denominator: 1, value: 1, points: 2 });
    const p1 = await index(DEMO.phuong1);
    expect(ind(p1, 'populationDossiers')).toMatchObject({ numerator: 0, denominator: 1, value: 0, points: 0 });
  });
  it('the drill-down of 4.7 lists N and K', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/indicators/populationDossiers/records?period=2026-03`,
      headers: authHeaders(await loginOfficer(env.app, 'giamsat')),
    });
    expect(
      res
        .json()
        .records.map((r: any) => r.id)
        .sort(),
    ).toEqual([ids.N, ids.K].sort());
  });
  it('a check made after reception does not count: An confirmed now, K (his desk dossier) stays without population data', async () => {
    expect((await verify({ personalId: '093090001234', name: 'Nguyễn Văn An', birthDate: '1990-05-14' })).json()).toMatchObject({ match: true });
    const { refreshDossierFacts } = await import('./facts-handler');
    expect((await refreshDossierFacts(env.ctx, ids.K))?.populationData).toBe(false);
  });
});
