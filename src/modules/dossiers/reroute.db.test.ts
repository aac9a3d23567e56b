/**
 * Open dossiers of a retired district (issue 11): received before 1/7/2025 by UBND thành phố Vị
 * Thanh or UBND huyện Châu Thành A for a procedure that moved to the communes, still open after the
 * district level ended. POST /api/v1/admin/dossiers/reroute-retired sends each to the commune of the
 * applicant's address among the district's heirs (and that commune's desk and agency for the
 * version of today), not to the city the district was retired into; one whose commune cannot be told
 * goes to the district's recorded successor (UBND thành phố Cần Thơ), with the reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { TINY_PDF } from '../../test/fixtures';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { multipart } from '../../test/multipart';
import { createOfficer } from '../identity/service';
import { DEMO } from '../units/demo';
import { moveClockTo } from '../../test/clock';

const HOUSEHOLD = '1.001612';
const URL = '/api/v1/admin/dossiers/reroute-retired';
let env: TestEnv;
let admin: Login, deskViThanh: Login, deskChauThanhA: Login, deskViTan: Login, deskTanHoa: Login;
const ids: Record<string, { id: string; code: string; version: number; versionId: string }> = {};

const at = (t: string) => moveClockTo(env, t);
const reroute = (who: Login, lang?: string) =>
  env.app.inject({ method: 'POST', url: URL, headers: { ...authHeaders(who), ...(lang ? { 'accept-language': lang } : {}) } });
const dossier = async (who: Login, id: string) => {
  const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(who) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const queue = async (who: Login, name: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/v1/queues/${name}`, headers: authHeaders(who) })).json().dossiers.map((d: { id: string }) => d.id);
const rows = () => env.ctx.db.selectFrom('dossiers').select(['id', 'receiving_unit_id', 'deciding_unit_id', 'step_unit_id', 'version']).orderBy('id').execute();

async function submit(desk: Login, name: string, address: string | null) {
  const proc = (await env.app.inject({ method: 'GET', url: `/api/v1/procedures/${HOUSEHOLD}?at=2025-06-27` })).json();
  const files = proc.procedure.components
    .filter((c: { optional: boolean }) => !c.optional)
    .map((c: { key: string }) => ({ field: `file:${c.key}`, name: `${c.key}.pdf`, type: 'application/pdf', bytes: TINY_PDF }));
  const payload = { procedureCode: HOUSEHOLD, applicant: { idNumber: '093185004321', name, phone: '0987654321', ...(address ? { address } : {}) } };
  const mp = multipart({ payload: JSON.stringify(payload) }, files);
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(desk), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  const d = r.json().dossier;
  return { id: d.id, code: d.code, version: d.version, versionId: d.procedure.versionId };
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  const root = { kind: 'officer' as const, id: 'test-admin', name: 'admin', roles: [{ role: 'admin' as const, unitId: DEMO.province }] };
  const desks: [string, string][] = [
    ['motcua.vithanh', DEMO.ubndViThanh],
    ['motcua.cta', DEMO.ubndChauThanhA],
    ['motcua.vitan', DEMO.ubndViTan],
  ];
  for (const [username, unitId] of desks)
    await createOfficer(env.ctx, root, {
      username,
      name: `Cán bộ ${username}`,
      password: 'MotCua@2026',
      roles: [
        { role: 'reception', unitId },
        { role: 'specialist', unitId },
      ],
    });
  admin = await loginOfficer(env.app, 'admin');
  deskViThanh = await loginOfficer(env.app, 'motcua.vithanh', 'MotCua@2026');
  deskChauThanhA = await loginOfficer(env.app, 'motcua.cta', 'MotCua@2026');
  deskViTan = await loginOfficer(env.app, 'motcua.vitan', 'MotCua@2026');
  deskTanHoa = await loginOfficer(env.app, 'motcua.tanhoa');

  // Friday 27/6/2025, the last week of the district level: five dossiers at the two district desks.
  await at('2025-06-27T02:00:00Z');
  ids.p4 = await submit(deskViThanh, 'Nguyễn Văn Bốn', 'Số 5 đường 3/2, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang');
  ids.tanTien = await submit(deskViThanh, 'Lê Thị Tiến', 'Ấp 1, xã Tân Tiến, thành phố Vị Thanh, tỉnh Hậu Giang');
  ids.motNgan = await submit(deskChauThanhA, 'Phạm Văn Ngàn', 'Ấp Thị Trấn, thị trấn Một Ngàn, huyện Châu Thành A, tỉnh Hậu Giang');
  ids.outside = await submit(deskChauThanhA, 'Trần Văn Ngoài', 'Phường I, thành phố Vị Thanh, tỉnh Hậu Giang');
  ids.noAddress = await submit(deskViThanh, 'Võ Thị Không', null);
  // The first one is received: it sits at its deciding agency's step (the district committee).
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${ids.p4.id}/actions/receive`,
    headers: authHeaders(deskViThanh),
    payload: { version: ids.p4.version },
  });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.json().dossier.step).toMatchObject({ unitId: DEMO.ubndViThanh });
}, 120_000);
afterAll(async () => env?.close());

describe('open dossiers of a retired district go to the commune that took the work', () => {
  it('before 1/7/2025 the district units exist: nothing is moved', async () => {
    await at('2025-06-30T08:00:00Z');
    const before = await rows();
    const r = await reroute(admin);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ rerouted: [], kept: [], withoutSuccessor: [] });
    expect(await rows()).toEqual(before);
  });

  it('is refused to an officer who is not a province administrator, in Vietnamese or English, and changes nothing', async () => {
    await at('2025-07-02T02:00:00Z');
    const before = await rows();
    const vi = await reroute(deskViTan);
    expect(vi.statusCode).toBe(403);
    expect(vi.json()).toMatchObject({ error: 'error.forbidden', message: 'Bạn không có quyền thực hiện thao tác này.' });
    const en = await reroute(deskViTan, 'en');
    expect(en.statusCode).toBe(403);
    expect(en.json()).toMatchObject({ error: 'error.forbidden', message: 'You are not allowed to do this.' });
    expect(await rows()).toEqual(before);
    const events = await env.ctx.db.selectFrom('dossier_events').select('id').where('action', '=', 'reroute').execute();
    expect(events).toEqual([]);
  });

  it('from 1/7/2025 each goes to its applicant’s commune among the heirs; those that cannot be placed go to the recorded successor, with the reason', async () => {
    await at('2025-07-02T02:00:00Z');
    // Before: the desk of Phường Vị Tân has none of them.
    expect(await queue(deskViTan, 'to-process')).not.toContain(ids.p4.id);
    const r = await reroute(admin);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const byId = (list: { dossierId: string }[]) => Object.fromEntries(list.map((o) => [o.dossierId, o]));
    expect(body.rerouted).toHaveLength(5);
    expect(body.kept).toEqual([]);
    expect(body.withoutSuccessor).toEqual([]);
    expect(byId(body.rerouted)).toEqual({
      [ids.p4.id]: {
        dossierId: ids.p4.id,
        code: ids.p4.code,
        from: { receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh },
        to: { receivingUnitId: DEMO.ubndViTan, decidingUnitId: DEMO.ubndViTan },
        communeId: DEMO.viTan,
        reason: null,
      },
      [ids.tanTien.id]: {
        dossierId: ids.tanTien.id,
        code: ids.tanTien.code,
        from: { receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh },
        to: { receivingUnitId: DEMO.ubndHoaLuu, decidingUnitId: DEMO.ubndHoaLuu },
        communeId: DEMO.hoaLuu,
        reason: null,
      },
      [ids.motNgan.id]: {
        dossierId: ids.motNgan.id,
        code: ids.motNgan.code,
        from: { receivingUnitId: DEMO.ubndChauThanhA, decidingUnitId: DEMO.ubndChauThanhA },
        to: { receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.ubndTanHoa },
        communeId: DEMO.tanHoa,
        reason: null,
      },
      // Phường I lies in Thành phố Vị Thanh, not in Huyện Châu Thành A whose desk received it: to the district's successor.
      [ids.outside.id]: {
        dossierId: ids.outside.id,
        code: ids.outside.code,
        from: { receivingUnitId: DEMO.ubndChauThanhA, decidingUnitId: DEMO.ubndChauThanhA },
        to: { receivingUnitId: DEMO.ubndProvince, decidingUnitId: DEMO.ubndProvince },
        communeId: DEMO.phuong1,
        reason: 'outside_district',
      },
      [ids.noAddress.id]: {
        dossierId: ids.noAddress.id,
        code: ids.noAddress.code,
        from: { receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh },
        to: { receivingUnitId: DEMO.ubndProvince, decidingUnitId: DEMO.ubndProvince },
        communeId: null,
        reason: 'no_address',
      },
    });

    // The received one: same code and version of the procedure (district steps), its step now at UBND phường Vị Tân.
    const p4 = await dossier(deskViTan, ids.p4.id);
    expect(p4.dossier).toMatchObject({
      code: ids.p4.code,
      state: 'received',
      receivingUnitId: DEMO.ubndViTan,
      decidingUnitId: DEMO.ubndViTan,
      procedure: { versionId: ids.p4.versionId },
      step: { unitId: DEMO.ubndViTan, assigneeId: null },
    });
    const last = p4.events[p4.events.length - 1];
    expect(last).toMatchObject({
      action: 'reroute',
      from: 'received',
      to: 'received',
      actor: { kind: 'officer' },
      data: {
        previous: { receivingUnitId: DEMO.ubndViThanh, decidingUnitId: DEMO.ubndViThanh },
        next: { receivingUnitId: DEMO.ubndViTan, decidingUnitId: DEMO.ubndViTan },
        communeId: DEMO.viTan,
        basis: 'retired_unit',
      },
    });
    expect(last.comment).toBe('Chuyển sang UBND phường Vị Tân do sáp nhập đơn vị, theo Luật Tổ chức chính quyền địa phương số 72/2025/QH15');
    expect(await queue(deskViTan, 'to-process')).toContain(ids.p4.id);
    // Step history: the step at the district closed ("reroute"), the same step opened at the ward.
    const steps = await env.ctx.db
      .selectFrom('dossier_steps')
      .select(['step_index', 'unit_id', 'outcome', 'left_at'])
      .where('dossier_id', '=', ids.p4.id)
      .orderBy('entered_at')
      .execute();
    const open = steps.filter((s) => s.left_at === null);
    expect(open).toEqual([{ step_index: steps[steps.length - 1]!.step_index, unit_id: DEMO.ubndViTan, outcome: null, left_at: null }]);
    expect(steps.filter((s) => s.outcome === 'reroute').map((s) => s.unit_id)).toEqual([DEMO.ubndViThanh]);

    // Not yet received: in the to-receive queue of the commune's desk (Xã Tân Hòa for Một Ngàn).
    expect(await queue(deskTanHoa, 'to-receive')).toContain(ids.motNgan.id);
    const audit = await env.ctx.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'dossier.reroute').execute();
    expect(audit.map((a) => a.entity_id).sort()).toEqual([ids.p4.id, ids.tanTien.id, ids.motNgan.id, ids.outside.id, ids.noAddress.id].sort());
  });

  it('run again, it moves nothing more', async () => {
    const before = await rows();
    const r = await reroute(admin);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ rerouted: [], kept: [], withoutSuccessor: [] });
    expect(await rows()).toEqual(before);
  });
});
