/**
 * The national portal as the front door, after arrival (issue 11 item 6), through HTTP against the
 * database and the sandbox portal: a fee paid on the portal ends the fee wait once through the
 * payments module (at intake or later, with the portal's transaction reference), a partial amount
 * does not and is shown to the officer; a supplement request goes to the portal, the citizen
 * answers there item by item, and the answer comes back once and ends the wait; the portal code
 * is on the officer's dossier answer and screen; bad input is refused with a clear message and
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { countRows as countRowsOf } from '../../test/rows';
import { act, deliverAll, loginOfficers, startTestSandboxes, type Officers, type Sandboxes } from '../notifications/testkit';
import { AN_ON_PORTAL as AN, FEE_TOPICS as TOPICS, inboundDossierId, LLTP_FEE as FEE, lltpSubmission, postToPortal, pullInbound } from './testkit';

let env: TestEnv;
let sb: Sandboxes;
let o: Officers;
let monitor: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  sb = await startTestSandboxes(env);
  o = await loginOfficers(env);
  monitor = await loginOfficer(env.app, 'giamsat');
});
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

const portal = (path: string, body: unknown) => postToPortal(sb.portal.url, path, body);

async function submitOnPortal(over: Record<string, unknown> = {}): Promise<string> {
  const r = await portal('/_sandbox/submissions', lltpSubmission(AN, over));
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.MaHoSo;
}

const pull = () => pullInbound(env, monitor);

const dossierIdOf = (portalCode: string) => inboundDossierId(env, portalCode);
const view = async (id: string, who: Login = o.desk) => {
  const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(who) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const paymentsOf = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/payments`, headers: authHeaders(o.desk) })).json();
const eventsNamed = (v: any, action: string) => v.events.filter((e: any) => e.action === action);
const countRows = (table: 'payments' | 'dossier_files' | 'dossiers') => countRowsOf(env, table);

/** Pulled, received at the desk, and waiting for the fee (the request synced to the portal). */
async function receivedWaitingFee(portalCode: string): Promise<string> {
  const id = await dossierIdOf(portalCode);
  await act(env, o.desk, o.desk, id, 'receive');
  env.clock.advance(60_000);
  expect((await act(env, o.desk, o.desk, id, 'request_fee', { comment: 'Nộp phí cung cấp thông tin lý lịch tư pháp' })).state).toBe('waiting_fee');
  return id;
}

describe('payment made on the national portal', () => {
  it('paid before submitting: recorded at intake with the portal transaction, the later fee wait ends once by itself, a second pull changes nothing', async () => {
    const code = await submitOnPortal({ ThanhToan: { DaThanhToan: true, SoTien: FEE, MaGiaoDich: 'GD-A1', ThoiDiemThanhToan: '20260309090500' } });
    expect(await pull()).toMatchObject({ received: 1, payments: { offered: 0 }, supplements: { offered: 0 } });
    const id = await dossierIdOf(code);

    // Recorded through the payments module as paid, under the portal's transaction reference.
    const st = await paymentsOf(id);
    expect(st).toMatchObject({ state: 'paid', amountPaid: FEE });
    expect(st.payments).toHaveLength(1);
    expect(st.payments[0]).toMatchObject({ state: 'paid', amount: FEE, transactionId: 'GD-A1', orderRef: 'DVCQG-GD-A1', paidAt: '2026-03-09T02:05:00.000Z' });

    // The officer's answer carries the portal code and what the payment did.
    expect((await view(id)).nationalPortal).toEqual({
      code,
      payment: { paid: true, amount: FEE, transactionId: 'GD-A1', paidAt: '2026-03-09T02:05:00.000Z', outcome: 'paid', owed: FEE },
      bills: [],
    });

    await receivedWaitingFee(code);
    await deliverAll(env, { topics: TOPICS });
    const after = await view(id);
    expect(after.dossier.state).toBe('received');
    const confirms = eventsNamed(after, 'confirm_fee');
    expect(confirms).toHaveLength(1);
    const row = await env.ctx.db
      .selectFrom('dossier_events')
      .select(['actor_kind', 'data'])
      .where('dossier_id', '=', id)
      .where('action', '=', 'confirm_fee')
      .executeTakeFirstOrThrow();
    expect(row.actor_kind).toBe('system');
    expect(typeof row.data === 'string' ? JSON.parse(row.data) : row.data).toMatchObject({ paymentId: st.payments[0].id, paidOnline: true, amount: FEE });

    // Paid before: no bill went to the portal for the fee request.
    expect([...sb.portal.frontDoor.bills.values()].filter((b) => b.MaHoSo === code)).toEqual([]);

    // Retried: nothing more.
    expect(await pull()).toMatchObject({ offered: 0, payments: { offered: 0 } });
    await deliverAll(env, { topics: TOPICS });
    expect((await paymentsOf(id)).payments).toHaveLength(1);
    expect(eventsNamed(await view(id), 'confirm_fee')).toHaveLength(1);
    // The portal hears it was paid on the portal itself.
    expect(sb.portal.dossiers.get(code)!.data).toMatchObject({ DuocThanhToanTrucTuyen: 1, TrangThaiHoSo: 2 });
  });

  it('paid on the portal while waiting: a partial amount does not end the wait and is shown to the officer; the full amount (offered twice, reversed) ends it once', async () => {
    const code = await submitOnPortal();
    expect(await pull()).toMatchObject({ received: 1 });
    const id = await receivedWaitingFee(code);
    await deliverAll(env, { topics: TOPICS });
    expect(sb.portal.dossiers.get(code)!.data.TrangThaiHoSo).toBe(6);
    const paymentsBefore = await countRows('payments');

    // The fee went to the portal as a bill (front-door-bill.db.test.ts); the page has no free amount any more.
    const page = await (await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}`)).text();
    expect(page).toContain('Thanh toán phí, lệ phí');
    expect(page).not.toContain('name="SoTien"');
    const free = await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}/thanh-toan`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'SoTien=150000',
      redirect: 'manual',
    });
    expect(free.status).toBe(400);
    // A partial payment record without a bill (the portal's record is the record): handed over as is.
    expect((await portal('/_sandbox/payments', { MaHoSo: code, SoTien: 150000 })).status).toBe(201);
    const partial = await pull();
    expect(partial.payments).toMatchObject({ offered: 1, received: 1, duplicates: 0, refused: 0, failed: [] });
    expect(partial.payments.results[0].payment).toEqual({ outcome: 'amount_mismatch', owed: FEE, amount: 150000 });
    await deliverAll(env, { topics: TOPICS });
    expect((await view(id)).dossier.state).toBe('waiting_fee');
    expect(await countRows('payments')).toBe(paymentsBefore);
    expect((await view(id)).nationalPortal.payment).toMatchObject({ paid: true, amount: 150000, outcome: 'amount_mismatch', owed: FEE });
    const html = await (await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) })).body;
    expect(html).toContain('Mã hồ sơ trên Cổng DVC quốc gia');
    expect(html).toContain(code);
    expect(html).toContain('Số tiền đã thanh toán trên Cổng (150.000 đồng) không khớp số phí, lệ phí phải nộp (200.000 đồng)');

    // The rest is paid as a new payment of the full amount; the portal offers it twice, in reverse order.
    await portal('/_sandbox/front-door-faults', { duplicateOffers: true, reverseOrder: true });
    expect((await portal('/_sandbox/payments', { MaHoSo: code, SoTien: FEE, MaGiaoDich: 'GD-B2' })).status).toBe(201);
    const full = await pull();
    await portal('/_sandbox/front-door-faults', { duplicateOffers: false, reverseOrder: false });
    expect(full.payments).toMatchObject({ offered: 2, received: 1, duplicates: 1, refused: 0 });
    expect(full.payments.results[1].message).toContain('đã được nhận trước đó');
    await deliverAll(env, { topics: TOPICS });
    const after = await view(id);
    expect(after.dossier.state).toBe('received');
    expect(eventsNamed(after, 'confirm_fee')).toHaveLength(1);
    expect(after.nationalPortal.payment).toMatchObject({ amount: FEE, transactionId: 'GD-B2', outcome: 'paid', owed: FEE });
    const st = await paymentsOf(id);
    expect(st.payments.map((p: any) => [p.transactionId, p.amount, p.state])).toEqual([['GD-B2', FEE, 'paid']]);
    expect(await countRows('payments')).toBe(paymentsBefore + 1);
    expect([...sb.portal.frontDoor.payments.values()].filter((p) => p.MaHoSo === code).map((p) => p.state)).toEqual(['acknowledged', 'acknowledged']);
    const screen = await (await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) })).body;
    expect(screen).toContain('Khoản thanh toán bằng số phí, lệ phí phải nộp (200.000 đồng)');
  });
});

describe('supplement through the national portal', () => {
  it('the request goes to the portal item by item, the citizen answers there, the answer arrives once (after a lost acknowledgement) and ends the wait', async () => {
    const code = await submitOnPortal();
    expect(await pull()).toMatchObject({ received: 1 });
    const id = await dossierIdOf(code);
    await act(env, o.desk, o.desk, id, 'receive');
    env.clock.advance(60_000);
    const version = (await view(id)).dossier.version;
    const asked = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/supplement-requests`,
      headers: authHeaders(o.desk),
      payload: { version, comment: 'Tờ khai bị mờ', items: [{ componentKey: 'to-khai', defect: 'unreadable', provide: 'Tờ khai chụp rõ nét' }] },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ pending: false, dossier: { state: 'waiting_supplement' } });
    await deliverAll(env, { topics: TOPICS });

    // What the portal received: status 5 and the request, item by item (Mẫu 02).
    const synced = sb.portal.dossiers.get(code)!.data;
    expect(synced.TrangThaiHoSo).toBe(5);
    expect(synced.DanhSachHoSoBoSung).toHaveLength(1);
    const req = synced.DanhSachHoSoBoSung[0];
    expect(req).toMatchObject({ LanBoSung: 1, NoiDungYeuCau: 'Tờ khai bị mờ', TrangThaiBoSung: 1 });
    expect(req.DanhSachGiayToBoSung).toHaveLength(1);
    expect(req.DanhSachGiayToBoSung[0]).toMatchObject({
      MaThanhPhanHoSo: 'to-khai',
      LyDo: 'Không đọc được, không rõ nét',
      NoiDungCanBoSung: 'Tờ khai chụp rõ nét',
      DaBoSung: 0,
    });
    const officer = await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) });
    expect(officer.body).toContain('yêu cầu bổ sung được gửi tới Cổng');

    // The citizen answers on the portal's page (no JavaScript): the sample PDF for the item.
    const page = await (await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}`)).text();
    expect(page).toContain('Gửi bổ sung');
    expect(page).toContain('Tờ khai chụp rõ nét');
    const itemId = req.DanhSachGiayToBoSung[0].MaMuc;
    const sent = await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}/bo-sung`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ MaMuc: itemId, 'DinhKemMau:0': '1', 'GhiChu:0': 'Đã chụp lại' }).toString(),
      redirect: 'manual',
    });
    expect(sent.status).toBe(303);
    // A second answer to the same request is refused by the portal itself.
    expect((await portal('/_sandbox/supplements', { MaHoSo: code, DanhSachGiayTo: [{ MaMuc: itemId, GhiChu: 'lần nữa' }] })).status).toBe(400);

    const filesBefore = await countRows('dossier_files');
    await portal('/_sandbox/front-door-faults', { loseAckAnswers: 1 });
    const first = await pull();
    expect(first.supplements).toMatchObject({ offered: 1, received: 1, duplicates: 0, refused: 0 });
    expect(first.supplements.failed).toHaveLength(1);
    const again = await pull();
    expect(again.supplements).toMatchObject({ offered: 1, received: 0, duplicates: 1, refused: 0, failed: [] });
    expect(again.supplements.results[0].message).toContain('đã được nhận trước đó');
    expect((await pull()).supplements).toMatchObject({ offered: 0 });

    const after = await view(id);
    expect(after.dossier.state).toBe('received');
    expect(eventsNamed(after, 'supplement')).toHaveLength(1);
    expect(await countRows('dossier_files')).toBe(filesBefore + 1);
    const file = await env.ctx.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', id).where('kind', '=', 'supplement').execute();
    expect(file.map((f) => [f.component_key, f.uploaded_by_kind, f.digitized])).toEqual([['to-khai', 'citizen', false]]);
    const reqs = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/supplement-requests`, headers: authHeaders(o.desk) });
    expect(reqs.statusCode, reqs.body).toBe(200);
    const answered = reqs.json().requests[0];
    expect(answered).toMatchObject({ state: 'answered', answeredVia: 'online' });
    expect(answered.items[0].answer).toMatchObject({ note: 'Đã chụp lại', fileId: file[0]!.id });

    // The portal hears the answer was taken.
    await deliverAll(env, { topics: TOPICS });
    const back = sb.portal.dossiers.get(code)!.data;
    expect(back.TrangThaiHoSo).toBe(2);
    expect(back.DanhSachHoSoBoSung[0]).toMatchObject({ TrangThaiBoSung: 2 });
    expect(back.DanhSachHoSoBoSung[0].DanhSachGiayToBoSung[0].DaBoSung).toBe(1);
    const done = await (await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}`)).text();
    expect(done).not.toContain('Gửi bổ sung');
    expect(done).toContain('cơ quan đã nhận');
  });
});

describe('bad input from the portal changes nothing', () => {
  it('a duplicate push, a payment for an unknown dossier, a supplement answer for a dossier not waiting for one, a malformed answer: refused with the reason, the portal told', async () => {
    const code = await submitOnPortal();
    expect(await pull()).toMatchObject({ received: 1 });
    const id = await dossierIdOf(code);
    const before = {
      dossiers: await countRows('dossiers'),
      payments: await countRows('payments'),
      files: await countRows('dossier_files'),
      version: (await view(id)).dossier.version,
    };

    // The same dossier pushed again.
    sb.portal.frontDoor.submitRaw({ ...sb.portal.frontDoor.submissions.get(code)!.detail });
    const dup = await pull();
    expect(dup).toMatchObject({ offered: 1, received: 0, duplicates: 1, refused: 0 });
    expect(dup.results[0].message).toContain(`Hồ sơ ${code} của Cổng Dịch vụ công quốc gia đã được nhận trước đó`);

    // A payment for a dossier this system never received.
    expect((await portal('/_sandbox/payments', { MaHoSo: 'G22.99-20260309-999999', SoTien: FEE })).status).toBe(400);
    expect((await portal('/_sandbox/payments/raw', { MaHoSo: 'G22.99-20260309-999999', SoTien: FEE, MaGiaoDich: 'GD-X1' })).status).toBe(201);
    // A supplement answer for a dossier that is not waiting for one, and one with no items.
    expect((await portal('/_sandbox/supplements', { MaHoSo: code, DanhSachGiayTo: [{ MaMuc: 'x', GhiChu: 'a' }] })).status).toBe(400);
    const notWaiting = (
      await portal('/_sandbox/supplements/raw', { MaHoSo: code, MaYeuCauBoSung: 'khong-co', DanhSachGiayTo: [{ MaMuc: 'x', GhiChu: 'Bổ sung' }] })
    ).json.MaBoSung;
    const empty = (await portal('/_sandbox/supplements/raw', { MaHoSo: code, MaYeuCauBoSung: 'khong-co', DanhSachGiayTo: [] })).json.MaBoSung;

    const r = await pull();
    expect(r.payments).toMatchObject({ offered: 1, received: 0, duplicates: 0, refused: 1, failed: [] });
    expect(r.payments.results[0].message).toBe(
      'Không có hồ sơ G22.99-20260309-999999 nào được tiếp nhận từ Cổng Dịch vụ công quốc gia; thông tin thanh toán GD-X1 không được ghi nhận.',
    );
    expect(r.supplements).toMatchObject({ offered: 2, received: 0, duplicates: 0, refused: 2, failed: [] });
    const byCode = Object.fromEntries(r.supplements.results.map((x: any) => [x.code, x.message]));
    expect(byCode[notWaiting]).toContain(`Hồ sơ ${code} (mã hồ sơ tại tỉnh ${(await view(id)).dossier.code}) không chờ bổ sung theo yêu cầu khong-co`);
    expect(byCode[empty]).toBe(
      'Dữ liệu bổ sung từ Cổng Dịch vụ công quốc gia không đúng định dạng, thiếu hoặc sai các trường: DanhSachGiayTo. Không có gì thay đổi.',
    );

    // The portal was told why, and offers them no more.
    expect(sb.portal.frontDoor.payments.get('GD-X1')).toMatchObject({ state: 'refused', LyDo: r.payments.results[0].message });
    expect(sb.portal.frontDoor.answers.get(notWaiting)).toMatchObject({ state: 'refused', LyDo: byCode[notWaiting] });
    expect(await pull()).toMatchObject({ offered: 0, payments: { offered: 0 }, supplements: { offered: 0 } });

    // Nothing changed here.
    expect(await countRows('dossiers')).toBe(before.dossiers);
    expect(await countRows('payments')).toBe(before.payments);
    expect(await countRows('dossier_files')).toBe(before.files);
    const v = await view(id);
    expect(v.dossier).toMatchObject({ state: 'submitted', version: before.version });
    expect(v.nationalPortal).toEqual({ code, payment: null, bills: [] });
  });

  it("the portal code is in the officer's answer and screen, not in the citizen's own answer", async () => {
    const code = await submitOnPortal();
    await pull();
    const id = await dossierIdOf(code);
    const citizen = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(await loginCitizen(env, AN.SoDinhDanh)) });
    expect(citizen.statusCode, citizen.body).toBe(200);
    expect(citizen.json().nationalPortal).toBeNull();
    const html = await (await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) })).body;
    expect(html).toContain('<dd id="portal-code">' + code + '</dd>');
  });
});
