/**
 * The demo catalogue of today (issue 11 item 8): the procedures that moved from the district to the
 * commune level on 1/7/2025 have their district version (valid until 30/6/2025, kept for old
 * dossiers) and their commune version under the new communes, citing the act that moved them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { listAgencies } from '../units/service';
import { DEMO } from '../units/demo';
import { DEMO_MOVED_2025 } from './demo-data/moved-2025';
import { DEMO_DISTRICT_DECISION, DEMO_MOVE_DECISION } from './seed';
import { moveClockTo } from '../../test/clock';

const HOUSEHOLD = '1.001612';
const DISTRICTS = [DEMO.ubndViThanh, DEMO.ubndChauThanhA];
let env: TestEnv;
let districtDesk: Login, communeDesk: Login;
const applicant = { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' };

const at = (t: string) => moveClockTo(env, t);
const get = async (url: string) => {
  const r = await env.app.inject({ method: 'GET', url });
  expect(r.statusCode, url).toBe(200);
  return r.json();
};

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'motcua.huyen', name: 'Lê Thị Huyện', password: 'MotCua@2026', roles: [{ role: 'reception', unitId: DEMO.ubndViThanh }] },
  );
  districtDesk = await loginOfficer(env.app, 'motcua.huyen');
  communeDesk = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

describe('procedures moved from the district to the commune level on 1/7/2025', () => {
  it('each has its district version until 30/6/2025 and its commune version from 1/7/2025, under the agencies of each day', async () => {
    const communes = new Set((await listAgencies(env.ctx, { kind: 'people_committee', level: 'commune', at: '2025-07-01' })).map((u) => u.id));
    expect(DEMO_MOVED_2025).toHaveLength(6);
    for (const m of DEMO_MOVED_2025) {
      const versions = await get(`/api/v1/procedures/${m.code}/versions`);
      expect(
        versions.map((v: { effectiveFrom: string }) => v.effectiveFrom),
        m.code,
      ).toEqual(['2025-07-01', '2025-01-15']);
      const before = await get(`/api/v1/procedures/${m.code}?at=2025-06-30`);
      const after = await get(`/api/v1/procedures/${m.code}?at=2025-07-01`);
      expect(before.version.decision.number).toBe(DEMO_DISTRICT_DECISION.number);
      expect(after.version.decision.number).toBe(DEMO_MOVE_DECISION.number);
      expect(before.procedure.levels, m.code).toEqual(['district']);
      expect(after.procedure.levels, m.code).toEqual(['commune']);
      // The old version is decided by the district committees of Hậu Giang; the new one by the communes of 1/7/2025.
      expect(new Set(before.agencies.map((a: { decidingUnitId: string }) => a.decidingUnitId)), m.code).toEqual(new Set(DISTRICTS));
      expect(after.agencies.length, m.code).toBe(communes.size);
      for (const a of after.agencies) {
        expect(communes.has(a.decidingUnitId), a.decidingUnitId).toBe(true);
        expect(a.receivingUnitId).toBe(a.decidingUnitId);
      }
      // The new version cites the act that moved it first; the old one does not cite it.
      expect(after.procedure.legalBasis[0], m.code).toBe(m.moveBasis);
      expect(before.procedure.legalBasis, m.code).not.toContain(m.moveBasis);
      expect(before.procedure.steps.join(' '), m.code).toContain('cấp huyện');
    }
  });

  it('a dossier received before 1/7/2025 keeps the district version and is judged by it; a new one gets the commune version', async () => {
    await at('2025-06-27T02:00:00Z'); // Friday before the move
    const old = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(districtDesk),
      payload: { procedureCode: HOUSEHOLD, applicant },
    });
    expect(old.statusCode, old.body).toBe(201);
    const oldVersion = (await get(`/api/v1/procedures/${HOUSEHOLD}?at=2025-06-27`)).version.versionId;
    expect(old.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh, procedure: { versionId: oldVersion } });

    // After the move, the district desk's dossier is still the old version's; a commune desk gets the new one.
    await at('2025-07-02T02:00:00Z');
    const fresh = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(communeDesk),
      payload: { procedureCode: HOUSEHOLD, applicant },
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const newVersion = (await get(`/api/v1/procedures/${HOUSEHOLD}?at=2025-07-02`)).version.versionId;
    expect(newVersion).not.toBe(oldVersion);
    expect(fresh.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndPhuong1, decidingUnitId: DEMO.ubndPhuong1, procedure: { versionId: newVersion } });
    const kept = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${old.json().dossier.id}`, headers: authHeaders(districtDesk) });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json().dossier).toMatchObject({ decidingUnitId: DEMO.ubndViThanh, procedure: { versionId: oldVersion } });
    const row = await env.ctx.db.selectFrom('dossiers').select('procedure_version_id').where('id', '=', old.json().dossier.id).executeTakeFirstOrThrow();
    expect(row.procedure_version_id).toBe(oldVersion);
    const shown = await get(`/api/v1/procedures/${HOUSEHOLD}?version=${oldVersion}`);
    expect(shown.procedure.steps.join(' ')).toContain('Phòng Tài chính - Kế hoạch (cơ quan đăng ký kinh doanh cấp huyện)');
  });
});
