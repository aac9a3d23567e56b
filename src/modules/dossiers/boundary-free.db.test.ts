/**
 * Reception regardless of administrative boundary (issue 11 item 5; Decree 118/2025/NĐ-CP
 * Art. 14(2)): a desk outside a procedure's area receives it only while the procedure version is
 * on the province's list, and the dossier goes to the deciding agency; both units see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../platform/outbox';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { DEMO_BOUNDARY_FREE } from '../catalogue/seed';
import { DEMO } from '../units/demo';
import { TINY_PDF } from '../../test/fixtures';
import { multipart, payloadMultipart, pdfFile } from '../../test/multipart';
import { moveClockTo } from '../../test/clock';
import { countDossiers } from '../../test/rows';

/** Cấp Giấy xác nhận tình trạng hôn nhân: received and decided by each commune; on the demo list. */
const MARITAL = '1.004873';
/** Đăng ký thành lập công ty TNHH một thành viên: received at the provincial centre, decided by Sở KH&ĐT; not on the demo list. */
const COMPANY = '1.000956';
/** Đăng ký thành lập hộ kinh doanh: commune procedure, not on the demo list. */
const HOUSEHOLD = '1.001612';

let env: TestEnv;
let deskP1: Login, deskTanHoa: Login, specialistTanHoa: Login, specialistStp: Login, specialistP1: Login, controller: Login, admin: Login;
const applicant = { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' };

const at = (t: string) => moveClockTo(env, t);

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' }); // Monday 09:00 VN
  deskP1 = await loginOfficer(env.app, 'motcua.p1');
  deskTanHoa = await loginOfficer(env.app, 'motcua.tanhoa');
  specialistTanHoa = await loginOfficer(env.app, 'tuphap.tanhoa');
  specialistStp = await loginOfficer(env.app, 'chuyenvien.stp');
  specialistP1 = await loginOfficer(env.app, 'tuphap.p1');
  controller = await loginOfficer(env.app, 'kiemsoat');
  admin = await loginOfficer(env.app, 'admin');
});
afterAll(async () => env?.close());

const submit = (who: Login, body: Record<string, unknown>) =>
  env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: authHeaders(who), payload: { applicant, ...body } });
/** At the desk with a scan of every required component (multipart). */
async function submitWithScans(who: Login, body: Record<string, unknown>) {
  const keys = (await versionOf(String(body.procedureCode))).procedure.components
    .filter((c: { optional: boolean }) => !c.optional)
    .map((c: { key: string }) => c.key);
  const mp = payloadMultipart(
    { applicant, ...body },
    keys.map((k: string) => pdfFile(`file:${k}`, TINY_PDF)),
  );
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(who), 'content-type': mp.type },
    payload: mp.body,
  });
}
const dossierCount = () => countDossiers(env);
const versionOf = async (code: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/procedures/${code}` })).json();
const setList = (who: Login | null, versionId: string, periods: unknown[]) =>
  env.app.inject({
    method: 'PUT',
    url: `/api/v1/admin/procedure-versions/${versionId}/boundary-free`,
    headers: who ? authHeaders(who) : {},
    payload: { periods },
  });
const queue = async (who: Login, name: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/v1/queues/${name}`, headers: authHeaders(who) })).json().dossiers.map((d: { id: string }) => d.id);

describe('the demo list', () => {
  it('lists the demo procedures from 1/7/2025 with the DEMO decision, on both sides of that date', async () => {
    const v = await versionOf(MARITAL);
    expect(v.boundaryFree).toEqual([{ validFrom: '2025-07-01', validTo: null, decision: DEMO_BOUNDARY_FREE.decision }]);
    expect(DEMO_BOUNDARY_FREE.decision).toContain('DEMO');
    const before = (await env.app.inject({ method: 'GET', url: '/api/v1/procedures/boundary-free?at=2025-06-30' })).json();
    const after = (await env.app.inject({ method: 'GET', url: '/api/v1/procedures/boundary-free?at=2025-07-01' })).json();
    expect(before).toEqual({ at: '2025-06-30', codes: [] });
    expect(after.codes).toEqual([...DEMO_BOUNDARY_FREE.codes].sort());
    expect(after.codes).not.toContain(COMPANY);
  });
});

describe('a desk of one commune receives for another commune', () => {
  it('routes the dossier to the competent commune; the desk and the deciding commune both see it, a third unit does not', async () => {
    await at('2026-03-09T02:00:00Z');
    const r = await submitWithScans(deskP1, { procedureCode: MARITAL, decidingUnitId: DEMO.ubndTanHoa });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json().dossier;
    expect(d).toMatchObject({ channel: 'in_person', receivingUnitId: DEMO.ubndPhuong1, decidingUnitId: DEMO.ubndTanHoa, state: 'submitted' });
    // The event records that it came in under the list.
    const events = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/events`, headers: authHeaders(deskP1) })).json();
    expect(events.events[0]).toMatchObject({ action: 'submit', data: { boundaryFree: { decision: DEMO_BOUNDARY_FREE.decision } } });

    expect(await queue(deskP1, 'to-receive')).toContain(d.id);
    expect(await queue(deskTanHoa, 'to-receive')).not.toContain(d.id); // the desk that received it keeps the reception
    const received = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions/receive`,
      headers: authHeaders(deskP1),
      payload: { version: d.version },
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().dossier.step).toMatchObject({ unitId: DEMO.ubndTanHoa, role: 'specialist' });
    expect(await queue(specialistTanHoa, 'to-process')).toContain(d.id);
    expect(await queue(specialistP1, 'to-process')).not.toContain(d.id);

    for (const who of [deskP1, specialistTanHoa]) {
      const seen = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(who) });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndPhuong1, decidingUnitId: DEMO.ubndTanHoa });
    }
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(specialistStp) })).statusCode).toBe(404);

    // Indicators: the dossier counts for the deciding commune; the receiving desk is recorded beside it.
    await drainOutbox(env.ctx);
    const fact = await env.ctx.db
      .selectFrom('indicator_dossier_facts')
      .select(['unit_id', 'receiving_unit_id'])
      .where('dossier_id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(fact).toEqual({ unit_id: DEMO.ubndTanHoa, receiving_unit_id: DEMO.ubndPhuong1 });
  });

  it('asks which commune decides when the procedure has several, and refuses one that is not competent', async () => {
    const n = await dossierCount();
    const none = await submit(deskTanHoa, { procedureCode: '2.000815', decidingUnitId: DEMO.soTuPhap });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ error: 'dossier.deciding_unit_unknown', message: 'Cơ quan đã chọn không có thẩm quyền giải quyết thủ tục này.' });
    // Without a choice the desk's own commune decides, as before the list.
    const own = await submit(deskTanHoa, { procedureCode: MARITAL });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.ubndTanHoa });
    expect(await dossierCount()).toBe(n + 1);
  });
});

describe('a procedure that is not on the list', () => {
  it('is refused at a desk outside its area with a Vietnamese message, and nothing changes', async () => {
    await at('2026-03-09T03:00:00Z');
    const n = await dossierCount();
    const company = await submit(deskP1, { procedureCode: COMPANY });
    expect(company.statusCode).toBe(403);
    expect(company.json().error).toBe('dossier.not_boundary_free');
    expect(company.json().message).toContain('không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính');
    expect(company.json().message).toContain(COMPANY);
    const household = await submit(deskP1, { procedureCode: HOUSEHOLD, decidingUnitId: DEMO.ubndTanHoa });
    expect([household.statusCode, household.json().error]).toEqual([403, 'dossier.not_boundary_free']);
    expect(await dossierCount()).toBe(n);
  });

  it('is refused to an officer without the reception role', async () => {
    const n = await dossierCount();
    const r = await submit(specialistP1, { procedureCode: MARITAL, channel: 'in_person', decidingUnitId: DEMO.ubndTanHoa });
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ error: 'dossier.channel_not_allowed', message: 'Bạn không được nộp hồ sơ qua kênh này.' });
    expect(await dossierCount()).toBe(n);
  });
});

describe('the controller maintains the list', () => {
  it('refuses anyone but the controller, and bad periods, changing nothing', async () => {
    const v = await versionOf(COMPANY);
    const period = { validFrom: '2026-03-16', validTo: null, decision: '25/QĐ-UBND ngày 10/3/2026' };
    expect((await setList(null, v.version.versionId, [period])).statusCode).toBe(401);
    for (const who of [deskP1, admin]) {
      const r = await setList(who, v.version.versionId, [period]);
      expect(r.statusCode).toBe(403);
      expect(r.json().message).toBeTruthy();
    }
    const overlap = await setList(controller, v.version.versionId, [period, { validFrom: '2026-04-01', validTo: '2026-05-01', decision: 'x' }]);
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({
      error: 'catalogue.boundaryFree.invalid',
      fields: [{ field: 'periods.1.validFrom', message: 'catalogue.boundaryFree.overlap' }],
    });
    expect(overlap.json().message).toContain('chưa có thay đổi nào được lưu');
    const backwards = await setList(controller, v.version.versionId, [{ validFrom: '2026-03-16', validTo: '2026-03-01', decision: 'x' }]);
    expect(backwards.json().fields).toEqual([{ field: 'periods.0.validTo', message: 'catalogue.boundaryFree.endBeforeStart' }]);
    const noDecision = await setList(controller, v.version.versionId, [{ validFrom: '2026-02-30', decision: ' ' }]);
    expect(noDecision.json().fields).toEqual([
      { field: 'periods.0.validFrom', message: 'catalogue.boundaryFree.date' },
      { field: 'periods.0.decision', message: 'catalogue.boundaryFree.decision' },
    ]);
    const unknown = await setList(controller, '00000000-0000-4000-8000-000000000000', [period]);
    expect(unknown.statusCode).toBe(404);
    expect((await versionOf(COMPANY)).boundaryFree).toEqual([]);
  });

  it('puts a department procedure on the list from a date: refused the day before, routed to the department from that day until the end of the period', async () => {
    const v = await versionOf(COMPANY);
    const period = { validFrom: '2026-03-16', validTo: '2026-03-20', decision: '25/QĐ-UBND ngày 10/3/2026' };
    const set = await setList(controller, v.version.versionId, [period]);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().boundaryFree).toEqual([period]);

    await at('2026-03-15T16:59:00Z'); // Sunday 15/3 23:59 in Vietnam: the day before
    const before = await submit(deskTanHoa, { procedureCode: COMPANY });
    expect([before.statusCode, before.json().error]).toEqual([403, 'dossier.not_boundary_free']);

    await at('2026-03-15T17:00:00Z'); // Monday 16/3 00:00 in Vietnam
    const first = await submit(deskTanHoa, { procedureCode: COMPANY });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.soKhdt });

    await at('2026-03-20T16:59:00Z'); // Friday 20/3 23:59: the last day
    expect((await submit(deskTanHoa, { procedureCode: COMPANY })).statusCode).toBe(201);
    await at('2026-03-20T17:00:00Z'); // Saturday 21/3: off the list again
    const n = await dossierCount();
    const after = await submit(deskTanHoa, { procedureCode: COMPANY });
    expect([after.statusCode, after.json().error]).toEqual([403, 'dossier.not_boundary_free']);
    expect(await dossierCount()).toBe(n);
  });
});

describe('the screens', () => {
  const html = { accept: 'text/html' };
  const get = (url: string, who?: Login) => env.app.inject({ method: 'GET', url, headers: { ...html, ...(who ? { cookie: who.cookie } : {}) } });
  function form(who: Login, url: string, fields: Record<string, string>, files: { field: string; name: string }[] = []) {
    const mp = multipart(
      { _csrf: who.csrf, ...fields },
      files.map((f) => pdfFile(f.field, TINY_PDF, f.name)),
    );
    return env.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie: who.cookie, 'content-type': mp.type },
      payload: mp.body,
    });
  }
  const urlForm = (who: Login, url: string, fields: Record<string, string>) =>
    env.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });

  it('the desk page offers the competent commune and receives the dossier for it', async () => {
    await at('2026-03-23T02:00:00Z');
    const page = await get(`/can-bo/tiep-nhan?ma=${MARITAL}&kenh=in_person`, deskP1);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cơ quan có thẩm quyền giải quyết');
    expect(page.body).toContain(`value="${DEMO.ubndTanHoa}"`);
    expect(page.body).toMatch(new RegExp(`<option value="${DEMO.ubndPhuong1}" selected`));
    // The picker finds listed procedures of other agencies too (the criminal record certificate of Sở Tư pháp).
    expect((await get('/can-bo/tiep-nhan?kenh=in_person&tim=ly+lich+tu+phap', deskP1)).body).toContain('/can-bo/tiep-nhan?ma=2.001417');
    expect((await get('/can-bo/tiep-nhan?kenh=in_person&tim=cong+ty+trach+nhiem', deskP1)).body).not.toContain(`ma=${COMPANY}`);

    const keys = (await versionOf(MARITAL)).procedure.components
      .filter((c: { optional: boolean }) => !c.optional)
      .map((c: { key: string }) => ({ field: `file:${c.key}`, name: `${c.key}.pdf` }));
    const r = await form(
      deskP1,
      '/can-bo/tiep-nhan',
      {
        ma: MARITAL,
        kenh: 'in_person',
        receivingUnitId: DEMO.ubndPhuong1,
        decidingUnitId: DEMO.ubndTanHoa,
        'applicant.kind': 'citizen',
        'applicant.idNumber': applicant.idNumber,
        'applicant.name': applicant.name,
        receiveNow: '1',
      },
      keys,
    );
    expect(r.statusCode, r.body.slice(0, 300)).toBe(303);
    expect(r.headers.location).toMatch(/\?xong=receive$/);
    const id = String(r.headers.location).split('/')[3]!.split('?')[0]!;
    const row = await env.ctx.db
      .selectFrom('dossiers')
      .select(['receiving_unit_id', 'deciding_unit_id', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ receiving_unit_id: DEMO.ubndPhuong1, deciding_unit_id: DEMO.ubndTanHoa, state: 'received' });
    const ws = await get(`/can-bo/ho-so/${id}`, specialistTanHoa);
    expect(ws.statusCode).toBe(200);
    expect(ws.body).toContain(`Có, theo ${DEMO_BOUNDARY_FREE.decision}`);
    expect((await get(`/can-bo/ho-so/${id}`, deskP1)).statusCode).toBe(200);
  });

  it('the desk page refuses a procedure that is not on the list, nothing saved', async () => {
    const n = await dossierCount();
    const r = await form(deskP1, '/can-bo/tiep-nhan', {
      ma: COMPANY,
      kenh: 'in_person',
      'applicant.kind': 'citizen',
      'applicant.idNumber': applicant.idNumber,
      'applicant.name': applicant.name,
    });
    expect(r.statusCode).toBe(403);
    expect(r.body).toContain('không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính');
    expect(await dossierCount()).toBe(n);
  });

  it('the public page says where a listed procedure may be handed in', async () => {
    expect((await get(`/thu-tuc/${MARITAL}`)).body).toContain('Tiếp nhận không phụ thuộc địa giới hành chính');
    expect((await get(`/thu-tuc/${HOUSEHOLD}`)).body).not.toContain('id="boundary-free"');
  });

  it('the controller adds and removes a period on the catalogue admin screen; others cannot, bad input changes nothing', async () => {
    const v = (await versionOf(HOUSEHOLD)).version.versionId;
    const edit = await get(`/quan-tri/thu-tuc/${HOUSEHOLD}/sua`, controller);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('Tiếp nhận không phụ thuộc địa giới hành chính');
    expect(edit.body).toContain(`/quan-tri/thu-tuc/phien-ban/${v}/phi-dia-gioi`);

    const url = `/quan-tri/thu-tuc/phien-ban/${v}/phi-dia-gioi`;
    expect((await urlForm(deskP1, url, { code: HOUSEHOLD, validFrom: '2026-04-01', decision: '30/QĐ-UBND' })).statusCode).toBe(403);
    const bad = await urlForm(controller, url, { code: HOUSEHOLD, validFrom: '2026-04-01', validTo: '2026-03-01', decision: '30/QĐ-UBND' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày kết thúc không được trước ngày bắt đầu.');
    expect((await versionOf(HOUSEHOLD)).boundaryFree).toEqual([]);

    const ok = await urlForm(controller, url, { code: HOUSEHOLD, validFrom: '2026-04-01', validTo: '', decision: '30/QĐ-UBND ngày 20/3/2026' });
    expect(ok.statusCode).toBe(303);
    expect((await versionOf(HOUSEHOLD)).boundaryFree).toEqual([{ validFrom: '2026-04-01', validTo: null, decision: '30/QĐ-UBND ngày 20/3/2026' }]);
    const shown = await get(String(ok.headers.location), controller);
    expect(shown.body).toContain('Đã cập nhật danh mục tiếp nhận không phụ thuộc địa giới hành chính');
    expect(shown.body).toContain('Từ 01/04/2026 (30/QĐ-UBND ngày 20/3/2026)');
    const overlap = await urlForm(controller, url, { code: HOUSEHOLD, validFrom: '2026-05-01', decision: '31/QĐ-UBND' });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.body).toContain('Các thời kỳ thuộc danh mục không được chồng lên nhau.');

    const removed = await urlForm(controller, `${url}/xoa`, { code: HOUSEHOLD, index: '0' });
    expect(removed.statusCode).toBe(303);
    expect((await versionOf(HOUSEHOLD)).boundaryFree).toEqual([]);
  });
});

describe("issue 11's done criterion: Phường Vị Thanh's centre receives for a commune elsewhere in the province", () => {
  const count = async (table: 'dossiers' | 'dossier_events' | 'outbox' | 'audit_log') =>
    Number(
      (
        await env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    dossiers: await count('dossiers'),
    events: await count('dossier_events'),
    outbox: await count('outbox'),
    audit: await count('audit_log'),
  });
  const unit = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/units/${id}?at=2026-03-30` })).json();

  it('the centre of the new ward and the deciding commune are where the example says', async () => {
    const centre = await unit(DEMO.ttPhuong1);
    expect(centre.unit).toMatchObject({ kind: 'agency', agencyType: 'service_centre', parentId: DEMO.ubndPhuong1, validFrom: '2025-07-01' });
    expect(centre.ancestorIds).toEqual([DEMO.ubndPhuong1, DEMO.phuong1, DEMO.province]);
    expect((await unit(DEMO.phuong1)).unit).toMatchObject({ name: 'Phường Vị Thanh', code: '31321', parentId: DEMO.province });
    const tanHoa = await unit(DEMO.tanHoa);
    expect(tanHoa.unit).toMatchObject({ name: 'Xã Tân Hòa', code: '31342', parentId: DEMO.province });
    // Tân Hòa is not Phường Vị Thanh nor inside it: "elsewhere in the province".
    expect(tanHoa.ancestorIds).toEqual([DEMO.province]);
  });

  it('a listed procedure decided by Xã Tân Hòa, received at the centre of Phường Vị Thanh, reaches Tân Hòa’s queue; both units see it, a third does not', async () => {
    await at('2026-03-30T02:00:00Z'); // Monday 09:00 in Vietnam
    const before = await counts();
    const r = await submitWithScans(deskP1, { procedureCode: MARITAL, decidingUnitId: DEMO.ubndTanHoa });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json().dossier;
    expect(d).toMatchObject({ receivingUnitId: DEMO.ubndPhuong1, decidingUnitId: DEMO.ubndTanHoa });
    expect((await counts()).dossiers).toBe(before.dossiers + 1);
    const received = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions/receive`,
      headers: authHeaders(deskP1),
      payload: { version: d.version },
    });
    expect(received.statusCode, received.body).toBe(200);
    expect(received.json().dossier.step).toMatchObject({ unitId: DEMO.ubndTanHoa, role: 'specialist' });
    // It is in the deciding commune's work queue, not the receiving ward's.
    expect(await queue(specialistTanHoa, 'to-process')).toContain(d.id);
    expect(await queue(specialistP1, 'to-process')).not.toContain(d.id);
    // The deciding commune works it: its specialist forwards it to its leader.
    const forwarded = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/actions/forward`,
      headers: authHeaders(specialistTanHoa),
      payload: { version: received.json().dossier.version },
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    expect(forwarded.json().dossier.step).toMatchObject({ unitId: DEMO.ubndTanHoa, role: 'leader' });
    // Both units see it, through the API and on the dossier page; Sở Tư pháp does not.
    for (const who of [deskP1, specialistTanHoa]) {
      const seen = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(who) });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndPhuong1, decidingUnitId: DEMO.ubndTanHoa });
      const page = await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${d.id}`, headers: { accept: 'text/html', cookie: who.cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`Có, theo ${DEMO_BOUNDARY_FREE.decision}`);
    }
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(specialistStp) })).statusCode).toBe(404);
  });

  it('a procedure not on the list, at the same centre for Xã Tân Hòa, is refused in Vietnamese and English and nothing changes', async () => {
    await at('2026-03-30T03:00:00Z');
    const before = await counts();
    const vi = await submitWithScans(deskP1, { procedureCode: HOUSEHOLD, decidingUnitId: DEMO.ubndTanHoa });
    expect(vi.statusCode).toBe(403);
    expect(vi.json()).toMatchObject({ error: 'dossier.not_boundary_free' });
    expect(vi.json().message).toMatch(
      new RegExp(
        `^Đơn vị của bạn không tiếp nhận hồ sơ thủ tục ${HOUSEHOLD.replace('.', '\\.')} – .+: thủ tục không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính`,
      ),
    );
    const en = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(deskP1), 'accept-language': 'en' },
      payload: { applicant, procedureCode: HOUSEHOLD, decidingUnitId: DEMO.ubndTanHoa },
    });
    expect(en.statusCode).toBe(403);
    expect(en.json().message).toMatch(
      new RegExp(
        `^Your unit does not receive dossiers of procedure ${HOUSEHOLD.replace('.', '\\.')} – .+: the procedure is not on the province's list of procedures received regardless of administrative boundary today\\.`,
      ),
    );
    expect(await counts()).toEqual(before);
    // Tân Hòa's own desk still receives it (its own area).
    const own = await submit(deskTanHoa, { procedureCode: HOUSEHOLD });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().dossier).toMatchObject({ receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.ubndTanHoa });
  });
});
