/**
 * Procedures that moved between levels on 1/7/2025 (issue 11 item 8): the controller re-publishes
 * the procedure as a new version under the new agencies; dossiers received before keep the old
 * version and its agencies, dossiers from 1/7/2025 get the new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { DEMO } from '../units/demo';
import { moveClockTo } from '../../test/clock';

/** A copy of "Đăng ký thành lập hộ kinh doanh" under a test code: district level until 30/6/2025, commune level from 1/7/2025. */
const CODE = '1.099612';
const SOURCE = '1.001612';

let env: TestEnv;
let controller: Login, districtDesk: Login, communeDesk: Login;
const applicant = { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' };

const at = (t: string) => moveClockTo(env, t);

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-01-02T02:00:00Z' });
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'motcua.vithanh', name: 'Lê Thị Huyện', password: 'MotCua@2026', roles: [{ role: 'reception', unitId: DEMO.ubndViThanh }] },
  );
  controller = await loginOfficer(env.app, 'kiemsoat');
  districtDesk = await loginOfficer(env.app, 'motcua.vithanh');
  communeDesk = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

async function record(level: 'district' | 'commune') {
  const src = (await env.app.inject({ method: 'GET', url: `/api/v1/procedures/${SOURCE}?at=2026-01-01` })).json().procedure;
  return {
    ...src,
    code: CODE,
    levels: [level],
    receivingAgency: level,
    decidingAgency: level,
    forms: src.forms.map((f: { name: string; code?: string }) => ({ name: f.name, ...(f.code ? { code: f.code } : {}) })),
  };
}
async function publish(level: 'district' | 'commune', decision: { number: string; signedDate: string; effectiveDate: string }) {
  const draft = await env.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/procedures/${CODE}/draft`,
    headers: authHeaders(controller),
    payload: await record(level),
  });
  expect(draft.statusCode, draft.body).toBe(200);
  const pub = await env.app.inject({
    method: 'POST',
    url: '/api/v1/admin/procedures/publish',
    headers: authHeaders(controller),
    payload: { codes: [CODE], decision },
  });
  expect(pub.statusCode, pub.body).toBe(200);
  return pub.json().versionIds[0] as string;
}
const detail = async (q: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/procedures/${CODE}${q}` })).json();
const submit = (who: Login) =>
  env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: authHeaders(who), payload: { procedureCode: CODE, applicant } });

describe('a procedure moved from district to commune level on 1/7/2025', () => {
  it('keeps the district version for the dossiers received before, and gives the commune version to those from 1/7/2025', async () => {
    const v1 = await publish('district', { number: '10/QĐ-UBND', signedDate: '2025-01-02', effectiveDate: '2025-01-15' });
    const listed = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/procedure-versions/${v1}/boundary-free`,
      headers: authHeaders(controller),
      payload: { periods: [{ validFrom: '2025-01-15', validTo: null, decision: '11/QĐ-UBND ngày 02/01/2025' }] },
    });
    expect(listed.statusCode, listed.body).toBe(200);

    await at('2025-03-03T02:00:00Z');
    const old = await submit(districtDesk);
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh, procedure: { versionId: v1 } });

    // Re-published ahead of 1/7/2025 by the decision that moves it to the communes.
    await at('2025-06-20T02:00:00Z');
    const v2 = await publish('commune', { number: '900/QĐ-UBND', signedDate: '2025-06-20', effectiveDate: '2025-07-01' });
    expect(v2).not.toBe(v1);
    const before = await detail('?at=2025-06-30');
    const after = await detail('?at=2025-07-01');
    expect(before.version.versionId).toBe(v1);
    expect(after.version.versionId).toBe(v2);
    expect(new Set(before.agencies.map((a: { decidingUnitId: string }) => a.decidingUnitId))).toEqual(new Set([DEMO.ubndViThanh, DEMO.ubndChauThanhA]));
    expect(after.agencies.length).toBeGreaterThan(1);
    for (const a of after.agencies) {
      expect(a.receivingUnitId).toBe(a.decidingUnitId);
      expect([DEMO.ubndViThanh, DEMO.ubndChauThanhA]).not.toContain(a.decidingUnitId);
    }
    // The new version stays on the boundary-free list as the old one was.
    expect(after.boundaryFree).toEqual(before.boundaryFree);
    const versions = (await env.app.inject({ method: 'GET', url: `/api/v1/procedures/${CODE}/versions` })).json();
    expect(versions.map((v: { versionId: string }) => v.versionId)).toEqual([v2, v1]);

    await at('2025-07-02T02:00:00Z');
    const fresh = await submit(communeDesk);
    expect(fresh.statusCode, fresh.body).toBe(201);
    const d = fresh.json().dossier;
    expect(d.procedure.versionId).toBe(v2);
    expect(d.decidingUnitId).toBe(d.receivingUnitId);
    expect([DEMO.ubndViThanh, DEMO.ubndChauThanhA]).not.toContain(d.decidingUnitId);

    // The dossier of March keeps its version, its agencies and its steps.
    const kept = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${old.json().dossier.id}`, headers: authHeaders(districtDesk) });
    expect(kept.statusCode).toBe(200);
    expect(kept.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh, procedure: { versionId: v1 } });
    const oldVersion = await detail(`?version=${v1}`);
    expect(oldVersion.procedure.levels).toEqual(['district']);
  });
});
