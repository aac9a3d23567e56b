import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { assistedConsent } from './testkit';
import { DEMO } from '../units/demo';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { multipart, payloadMultipart, type MultipartFile } from '../../test/multipart';
import { moveClockTo } from '../../test/clock';

let env: TestEnv;
let an: Login, binh: Login, desk: Login, specialist: Login, leader: Login, police: Login, postal: Login, digital: Login, deskP1: Login;

async function loginAll() {
  an = await loginCitizen(env, '093090001234');
  binh = await loginCitizen(env, '093185004321');
  desk = await loginOfficer(env.app, 'motcua.tinh');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
  leader = await loginOfficer(env.app, 'lanhdao.stp');
  police = await loginOfficer(env.app, 'chuyenvien.ca');
  postal = await loginOfficer(env.app, 'buudien');
  digital = await loginOfficer(env.app, 'congnghe.p1');
  deskP1 = await loginOfficer(env.app, 'motcua.p1');
}

/** Moves the test clock; the test sessions are kept alive across the jump (they would expire with the clock). */
const at = (t: string) => moveClockTo(env, t);

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' }); // Monday 09:00 VN
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'chuyenvien.ca', name: 'Lê Văn Công An', password: 'MotCua@2026', roles: [{ role: 'specialist', unitId: DEMO.congAn }] },
  );
  await loginAll();
});
afterAll(async () => env?.close());

const uploadFields = (fields: Record<string, string>, file: Omit<MultipartFile, 'field'>) => multipart(fields, [{ field: 'file', ...file }]);

async function submitOnline(who: Login, key?: string) {
  const mp = payloadMultipart({ procedureCode: LLTP, data: FORM }, [{ field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF }]);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(who), 'content-type': mp.type, ...(key ? { 'idempotency-key': key } : {}) },
    payload: mp.body,
  });
}

/**
 * A dossier the centre opens for the applicant. The criminal-record certificate is one of the 25
 * essential services: from 1/10/2025 the desk takes no paper for it (Chỉ thị 24/CT-TTg), so the
 * centre's digital team submits it online with the applicant (channel "assisted").
 */
async function submitAtDesk(applicant = { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' }) {
  const data = { ...FORM, applicantName: applicant.name, applicantPersonalId: applicant.idNumber, applicantPhone: applicant.phone };
  const consentId = await assistedConsent(env, digital, { procedureCode: LLTP, idNumber: applicant.idNumber, name: applicant.name });
  const mp = payloadMultipart({ procedureCode: LLTP, applicant, data, consentId }, [
    { field: 'file:to-khai', name: 'scan.png', type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) },
  ]);
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(digital), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier;
}

async function act(who: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) });
  const version = body.version ?? cur.json().dossier?.version ?? 1;
  return env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions/${action}`, headers: authHeaders(who), payload: { ...body, version } });
}
async function ok(who: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const r = await act(who, id, action, body);
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json().dossier;
}
async function attachResult(who: Login, id: string) {
  const up = uploadFields({ kind: 'result' }, { name: 'ket-qua.pdf', type: 'application/pdf', bytes: PDF });
  return env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files`, headers: { ...authHeaders(who), 'content-type': up.type }, payload: up.body });
}
const count = async (table: 'dossier_events' | 'dossiers', id: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where(table === 'dossiers' ? 'id' : 'dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('online submission to returned result', () => {
  it('walks the whole process through the API, with a transfer to another agency', async () => {
    await at('2026-03-09T02:00:00Z');
    const r = await submitOnline(an, 'key-1');
    expect(r.statusCode, r.body).toBe(201);
    const { dossier, lookupPin } = r.json();
    expect(dossier.code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.H\d{2}-260309-\d{4}$/);
    expect(dossier).toMatchObject({ state: 'submitted', channel: 'online', nationalStatus: 1 });
    expect(dossier.files[0]).toMatchObject({ componentKey: 'to-khai', digitized: false });
    // A retry with the same key gives the same dossier.
    const again = await submitOnline(an, 'key-1');
    expect(again.statusCode).toBe(200);
    expect(again.json().dossier.id).toBe(dossier.id);

    const received = await ok(desk, dossier.id, 'receive');
    expect(received.state).toBe('received');
    // Receiving completes the reception step: the dossier is at the specialist's step at once (issue 13.5).
    expect(received.step).toMatchObject({ key: 'tham-dinh', unitId: DEMO.soTuPhap, role: 'specialist' });
    expect(received.dueAt).toBe('2026-03-23T10:00:00.000Z'); // 10 working days from Tuesday 10 March, 17:00
    const receipt = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/slips/receipt.pdf`, headers: authHeaders(an) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const transferred = await ok(specialist, dossier.id, 'forward');
    expect(transferred).toMatchObject({ state: 'transferred', nationalStatus: 4, step: { unitId: DEMO.congAn } });
    const back = await ok(police, dossier.id, 'forward');
    expect(back.step).toMatchObject({ key: 'phe-duyet', role: 'leader' });
    expect((await act(leader, dossier.id, 'forward')).json().error).toBe('dossier.needs_approval');
    await at('2026-03-12T03:00:00Z');
    const ready = await ok(leader, dossier.id, 'approve');
    expect(ready).toMatchObject({ state: 'result_ready', nationalStatus: 9, timeliness: 'early' });

    const noResult = await act(desk, dossier.id, 'return_result', { returnMethod: 'online' });
    expect([noResult.statusCode, noResult.json().error]).toEqual([409, 'dossier.result_missing']);
    const notPdf = uploadFields(
      { kind: 'result' },
      { name: 'x.png', type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]) },
    );
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: `/api/v1/dossiers/${dossier.id}/files`,
          headers: { ...authHeaders(leader), 'content-type': notPdf.type },
          payload: notPdf.body,
        })
      ).statusCode,
    ).toBe(400);
    expect((await attachResult(leader, dossier.id)).statusCode).toBe(201);
    const returned = await ok(desk, dossier.id, 'return_result', { returnMethod: 'online' });
    expect(returned).toMatchObject({ state: 'returned', nationalStatus: 10, returnMethod: 'online' });

    // The applicant sees the full history; events were written with every change.
    const mine = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}`, headers: authHeaders(an) });
    const actions = mine.json().events.map((e: any) => e.action);
    expect(actions).toEqual(['submit', 'receive', 'forward', 'forward', 'approve', 'attach_result', 'return_result']);
    expect(mine.json().events.map((e: any) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: authHeaders(an) });
    expect(list.json().dossiers.map((d: any) => d.id)).toContain(dossier.id);
    const outbox = await env.ctx.db.selectFrom('outbox').select(['topic']).where('key', '=', dossier.id).execute();
    expect(outbox.filter((o) => o.topic === 'dossier.event')).toHaveLength(7);

    // Public lookup: code + second factor, never the code alone.
    const byPin = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/lookup?code=${dossier.code}&secret=${lookupPin}` });
    expect(byPin.statusCode).toBe(200);
    expect(byPin.json()).toMatchObject({ state: 'returned', nationalStatus: 10 });
    expect(byPin.body).not.toContain('093090001234');
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/lookup?code=${dossier.code}&secret=1234` })).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/lookup?code=${dossier.code}&secret=9999` })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/lookup?code=${dossier.code}` })).statusCode).toBe(400);
  });
});

describe('other channels', () => {
  it('in person, by post and assisted by the digital team', async () => {
    // On 30/9/2025, the last day the desk and the post take paper for an essential service (Chỉ thị 24/CT-TTg).
    await at('2025-09-30T02:00:00Z');
    const mpDesk = payloadMultipart({ procedureCode: LLTP, applicant: { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' } }, [
      { field: 'file:to-khai', name: 'scan.png', type: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) },
    ]);
    const desked = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(desk), 'content-type': mpDesk.type },
      payload: mpDesk.body,
    });
    expect(desked.statusCode, desked.body).toBe(201);
    const d = desked.json().dossier;
    expect(d).toMatchObject({ channel: 'in_person', state: 'submitted' });
    expect(d.files[0]).toMatchObject({ digitized: true });
    const post = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(postal),
      payload: { procedureCode: LLTP, applicant: { idNumber: '093078005555', name: 'Lê Hoàng Cường' } },
    });
    expect(post.statusCode, post.body).toBe(201);
    expect(post.json().dossier).toMatchObject({ channel: 'post' });
    // The post dossier has no scan yet: the desk digitizes the component, then receives it.
    const id = post.json().dossier.id;
    expect((await act(desk, id, 'receive')).json().error).toBe('dossier.components_missing');
    const up = uploadFields({ kind: 'component', componentKey: 'to-khai' }, { name: 'scan.pdf', type: 'application/pdf', bytes: PDF });
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: `/api/v1/dossiers/${id}/files`,
          headers: { ...authHeaders(desk), 'content-type': up.type },
          payload: up.body,
        })
      ).statusCode,
    ).toBe(201);
    expect((await ok(desk, id, 'receive')).state).toBe('received');
    const consentId = await assistedConsent(env, digital, { procedureCode: LLTP, idNumber: '093200007777', name: 'Phạm Thị Dung' });
    const mp = payloadMultipart(
      {
        procedureCode: LLTP,
        consentId,
        applicant: { idNumber: '093200007777', name: 'Phạm Thị Dung' },
        data: { ...FORM, applicantName: 'Phạm Thị Dung', applicantPersonalId: '093200007777' },
      },
      [{ field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF }],
    );
    const assisted = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(digital), 'content-type': mp.type },
      payload: mp.body,
    });
    expect(assisted.statusCode, assisted.body).toBe(201);
    expect(assisted.json().dossier).toMatchObject({ channel: 'assisted', applicant: { idNumber: '093200007777' } });
    await at('2026-03-09T02:00:00Z');
  });

  it('refuses bad input with clear messages and writes nothing', async () => {
    const before = Number(
      (
        await env.ctx.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(an),
      payload: { procedureCode: LLTP, data: { ...FORM, applicantPhone: 'abc' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.map((f: any) => f.field)).toContain('data.applicantPhone');
    const unknown = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(an),
      payload: { procedureCode: '9.999999', data: FORM },
    });
    expect(unknown.statusCode).toBe(404);
    const noFile = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: authHeaders(an), payload: { procedureCode: LLTP, data: FORM } });
    expect([noFile.statusCode, noFile.json().error]).toEqual([400, 'dossier.components_missing']);
    const exe = payloadMultipart({ procedureCode: LLTP, data: FORM }, [
      { field: 'file:to-khai', name: 'virus.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
    ]);
    expect(
      (await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': exe.type }, payload: exe.body }))
        .statusCode,
    ).toBe(400);
    const noApplicant = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(desk),
      payload: { procedureCode: LLTP, applicant: { idNumber: '12', name: 'X' } },
    });
    // An essential service at the desk after 1/10/2025: refused before the applicant is even read (Chỉ thị 24/CT-TTg).
    expect([noApplicant.statusCode, noApplicant.json().error]).toEqual([409, 'dossier.paper_refused']);
    const citizenAsDesk = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: authHeaders(an),
      payload: { procedureCode: LLTP, channel: 'in_person', data: FORM },
    });
    expect(citizenAsDesk.statusCode).toBe(403);
    const anon = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', payload: { procedureCode: LLTP } });
    expect(anon.statusCode).toBe(401);
    const d = await submitAtDesk();
    expect((await act(desk, d.id, 'receive', { version: 'x' })).statusCode).toBe(400);
    expect((await act(desk, d.id, 'fly')).statusCode).toBe(400);
    const after = Number(
      (
        await env.ctx.db
          .selectFrom('dossiers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(after).toBe(before + 1);
  });
});

describe('forbidden actions', () => {
  it('wrong role, wrong unit, wrong state, another citizen', async () => {
    await at('2026-03-09T02:00:00Z');
    const d = (await submitOnline(an)).json().dossier;
    expect((await act(specialist, d.id, 'receive')).statusCode).toBe(403); // wrong role
    expect((await act(deskP1, d.id, 'receive')).statusCode).toBe(404); // another unit: cannot even see it
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(binh) })).statusCode).toBe(404);
    expect((await act(binh, d.id, 'withdraw', { comment: 'x' })).statusCode).toBe(404);
    expect((await act(an, d.id, 'receive')).statusCode).toBe(403);
    expect((await act(desk, d.id, 'forward')).statusCode).toBe(409); // not received yet
    await ok(desk, d.id, 'receive');
    const r = await act(desk, d.id, 'receive');
    expect([r.statusCode, r.json().error]).toEqual([409, 'dossier.wrong_state']);
    expect((await act(police, d.id, 'forward')).statusCode).toBe(403); // not at the police's step yet
    expect((await act(desk, d.id, 'forward')).statusCode).toBe(403); // the reception step is done by receiving
    expect(await count('dossier_events', d.id)).toBe(2);
  });
});

describe('concurrency', () => {
  it('two officers acting on the same version: one wins, the other gets 409 and writes nothing', async () => {
    const d = await submitAtDesk();
    await ok(desk, d.id, 'receive');
    const cur = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(desk) })).json().dossier;
    const events = await count('dossier_events', d.id);
    const [a, b] = await Promise.all([
      env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${d.id}/actions/forward`, headers: authHeaders(specialist), payload: { version: cur.version } }),
      env.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/actions/request_supplement`,
        headers: authHeaders(desk),
        payload: { version: cur.version, comment: 'Thiếu', missing: ['Bản sao CCCD'] },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error).toBe('dossier.changed');
    expect(loser.json().message).toContain('Hồ sơ đã được thay đổi');
    expect(await count('dossier_events', d.id)).toBe(events + 1);
    const after = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(desk) })).json().dossier;
    expect(after.version).toBe(cur.version + 1);
    const pauses = await env.ctx.db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', d.id).execute();
    expect(pauses.length).toBe(a.statusCode === 200 ? 0 : 1);
  });
});

describe('the clock', () => {
  it('supplement loop: the clock stops, and restarts when asked within 3 working days (NĐ 61 art. 19(4))', async () => {
    await at('2026-03-09T02:00:00Z'); // Mon 09:00
    const d = await submitAtDesk();
    await ok(desk, d.id, 'receive');
    await at('2026-03-10T02:00:00Z');
    expect((await act(specialist, d.id, 'request_supplement', { comment: 'Thiếu giấy tờ' })).json().error).toBe('dossier.missing_list_required');
    const waiting = await ok(specialist, d.id, 'request_supplement', {
      comment: 'Hồ sơ chưa đủ',
      missing: ['Giấy tờ chứng minh nơi cư trú', 'Văn bản ủy quyền'],
    });
    expect(waiting).toMatchObject({ state: 'waiting_supplement', paused: true, nationalStatus: 5 });
    const slip = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/slips/supplement.pdf`, headers: authHeaders(desk) });
    expect(slip.statusCode).toBe(200);
    await at('2026-03-16T02:00:00Z'); // the applicant comes back the next Monday 09:00
    const back = await ok(desk, d.id, 'supplement');
    expect(back).toMatchObject({ state: 'received', paused: false });
    expect(back.dueAt).toBe('2026-03-30T10:00:00.000Z'); // restarted: 10 working days from Mon 16 March
    const pauses = await env.ctx.db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', d.id).execute();
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ rule: 'restart', kind: 'supplement' });
    // A second request needs a leader's approval (supplement.db.test.ts); approved, it is recorded and the dossier counts as late.
    const cur = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(specialist) })).json().dossier;
    const proposed = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/supplement-requests`,
      headers: authHeaders(specialist),
      payload: { version: cur.version, comment: 'Thiếu', items: [{ label: 'Bản chính', defect: 'missing' }] },
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const approved = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/supplement-requests/${proposed.json().requestId}/decision`,
      headers: authHeaders(leader),
      payload: { version: proposed.json().dossier.version, approve: true, reason: 'Cần bản chính để đối chiếu' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const again = approved.json().dossier;
    expect(again.supplementRequests).toBe(2);
    expect(again.timeliness).toBe('late');
  });

  it('due dates around Tết 2026 and Giỗ Tổ / 30-4 / 1-5', async () => {
    await at('2026-02-13T02:00:00Z'); // Fri 13 Feb 09:00, Tết off 14-22 Feb
    const tet = await submitAtDesk();
    expect((await ok(desk, tet.id, 'receive')).dueAt).toBe('2026-03-06T10:00:00.000Z');
    await at('2026-04-23T02:00:00Z'); // Thu 23 April; off Mon 27 Apr (Giỗ Tổ), Thu 30 Apr, Fri 1 May
    const april = await submitAtDesk();
    expect((await ok(desk, april.id, 'receive')).dueAt).toBe('2026-05-12T10:00:00.000Z');
  });

  it('a late dossier: apology once, at least a day before; still late against the original date', async () => {
    await at('2026-03-09T02:00:00Z');
    const d = await submitAtDesk();
    const r = await ok(desk, d.id, 'receive');
    expect(r.dueAt).toBe('2026-03-23T10:00:00.000Z');
    await at('2026-03-23T02:00:00Z'); // due day: too late to apologize
    const tooLate = await act(leader, d.id, 'apologize', { comment: 'Cần xác minh thêm', newAppointmentAt: '2026-03-27T10:00:00Z' });
    expect(tooLate.json().error).toBe('dossier.apology_too_late');
    await at('2026-03-20T02:00:00Z');
    const sorry = await ok(leader, d.id, 'apologize', { comment: 'Cần xác minh thêm với Công an tỉnh', newAppointmentAt: '2026-03-27T10:00:00Z' });
    expect(sorry).toMatchObject({ appointmentAt: '2026-03-27T10:00:00.000Z', dueAt: '2026-03-23T10:00:00.000Z' });
    expect((await act(leader, d.id, 'apologize', { comment: 'Lần hai', newAppointmentAt: '2026-03-30T10:00:00Z' })).json().error).toBe('dossier.apology_once');
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/slips/apology.pdf`, headers: authHeaders(desk) })).statusCode).toBe(200);
    await at('2026-03-24T02:00:00Z');
    const lateQueue = await env.app.inject({ method: 'GET', url: '/api/v1/queues/late', headers: authHeaders(leader) });
    expect(lateQueue.json().dossiers.map((x: any) => x.id)).toContain(d.id);
    await ok(specialist, d.id, 'forward');
    await ok(police, d.id, 'forward');
    await at('2026-03-26T02:00:00Z');
    const done = await ok(leader, d.id, 'approve');
    expect(done.timeliness).toBe('late');
  });
});

describe('refusal, withdrawal, queues', () => {
  it('refuses at the reception check with a reason and a Mẫu 03 slip', async () => {
    const d = await submitAtDesk();
    expect((await act(desk, d.id, 'refuse')).json().error).toBe('dossier.comment_required');
    const r = await ok(desk, d.id, 'refuse', { comment: 'Không thuộc thẩm quyền giải quyết' });
    expect(r).toMatchObject({ state: 'refused', nationalStatus: 3, closeReason: 'Không thuộc thẩm quyền giải quyết' });
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/slips/refusal.pdf`, headers: authHeaders(desk) })).statusCode).toBe(200);
    expect((await act(desk, d.id, 'receive')).statusCode).toBe(409);
  });

  it('lets the applicant withdraw before the result, not after', async () => {
    await at('2026-03-09T02:00:00Z');
    const d = (await submitOnline(an)).json().dossier;
    await ok(desk, d.id, 'receive');
    const w = await ok(an, d.id, 'withdraw', { comment: 'Không còn nhu cầu' });
    expect(w).toMatchObject({ state: 'withdrawn', nationalStatus: 7 });
    expect((await act(an, d.id, 'withdraw', { comment: 'again' })).statusCode).toBe(409);
    const c = (await submitOnline(an)).json().dossier;
    expect((await ok(desk, c.id, 'cancel', { comment: 'Người nộp không đến bổ sung' })).state).toBe('cancelled');
  });

  it('work queues show each officer only their units and roles', async () => {
    const d = await submitAtDesk();
    const toReceive = (await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-receive', headers: authHeaders(desk) }))
      .json()
      .dossiers.map((x: any) => x.id);
    expect(toReceive).toContain(d.id);
    const other = (await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-receive', headers: authHeaders(deskP1) }))
      .json()
      .dossiers.map((x: any) => x.id);
    expect(other).not.toContain(d.id);
    await ok(desk, d.id, 'receive');
    const mine = (await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-process', headers: authHeaders(specialist) }))
      .json()
      .dossiers.map((x: any) => x.id);
    expect(mine).toContain(d.id);
    const police0 = (await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-process', headers: authHeaders(police) }))
      .json()
      .dossiers.map((x: any) => x.id);
    expect(police0).not.toContain(d.id);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-process', headers: authHeaders(an) })).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/queues/nowhere', headers: authHeaders(desk) })).statusCode).toBe(400);
  });

  it('assigns a specialist, consults another unit which answers, and returns for rework', async () => {
    await at('2026-03-09T02:00:00Z');
    const d = await submitAtDesk();
    await ok(desk, d.id, 'receive');
    const officers = await env.ctx.db.selectFrom('officers').select(['id', 'username']).where('username', 'in', ['chuyenvien.stp', 'chuyenvien.ca']).execute();
    const stp = officers.find((o) => o.username === 'chuyenvien.stp')!.id;
    const ca = officers.find((o) => o.username === 'chuyenvien.ca')!.id;
    expect((await act(leader, d.id, 'assign', { assigneeId: ca })).json().error).toBe('dossier.assignee_invalid');
    expect((await ok(leader, d.id, 'assign', { assigneeId: stp })).step.assigneeId).toBe(stp);
    const asked = await ok(specialist, d.id, 'consult', { comment: 'Đề nghị cho ý kiến về án tích', consultUnitId: DEMO.congAn, consultDays: 2 });
    expect(asked).toMatchObject({ state: 'consulting', consultation: { unitId: DEMO.congAn } });
    expect((await act(specialist, d.id, 'forward')).statusCode).toBe(409);
    const answered = await ok(police, d.id, 'answer_consultation', { comment: 'Không có án tích' });
    expect(answered).toMatchObject({ state: 'received', consultation: null, step: { key: 'tham-dinh' } });
    const rework = await ok(specialist, d.id, 'return_for_rework', { comment: 'Bổ sung thông tin số hóa' });
    expect(rework.step.key).toBe('tiep-nhan');
    const control = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/slips/control.pdf`, headers: authHeaders(desk) });
    expect(control.statusCode).toBe(200);
  });
});
