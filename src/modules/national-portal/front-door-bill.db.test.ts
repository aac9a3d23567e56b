/**
 * The officer's fee request as a bill on the national portal (issue 11 item 6), through HTTP
 * against the database and the sandbox portal (on a port of this branch's range, 4960-4979): the
 * bill (the payments module's quote, the portal's code, a bill code, a due date) reaches the
 * portal once even when an answer is lost, the citizen pays exactly that bill on the portal's page,
 * and the payment comes back through the pull, is matched to the bill and moves the dossier on.
 * A wrong amount, an unknown bill or a bill already paid is refused with the reason, recorded, the
 * portal told, and nothing changes; a duplicate is taken once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxNationalPortal, type NationalPortalSandbox } from '../../../sandbox/national-portal/server';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { LLTP } from '../../test/fixtures';
import { countRows } from '../../test/rows';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { act, deliverAll, loginOfficers, submitAtDesk, type Officers } from '../notifications/testkit';
import { AN_ON_PORTAL as AN, FEE_TOPICS as TOPICS, inboundDossierId, LLTP_FEE as FEE, lltpSubmission, postToPortal, pullInbound } from './testkit';

let env: TestEnv;
let portal: NationalPortalSandbox;
let o: Officers;
let monitor: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  const np = env.ctx.config.nationalPortal;
  portal = await startSandboxNationalPortal({ port: 4961, username: np.username, password: np.password, madonvi: np.madonvi });
  np.url = portal.url;
  o = await loginOfficers(env);
  monitor = await loginOfficer(env.app, 'giamsat');
});
afterAll(async () => {
  await portal?.close();
  await env?.close();
});

const post = (path: string, body: unknown) => postToPortal(portal.url, path, body);
const pageOf = async (code: string) => (await fetch(`${portal.url}/ho-so/${encodeURIComponent(code)}`)).text();
/** The citizen presses "Thanh toán" under a bill on the portal's page (a plain form: the bill's code, no amount). */
const payOnPage = (code: string, billCode: string) =>
  fetch(`${portal.url}/ho-so/${encodeURIComponent(code)}/thanh-toan`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ MaThamChieu: billCode }).toString(),
    redirect: 'manual',
  });

const pull = () => pullInbound(env, monitor);

/** Submitted on the portal, pulled, received at the desk, asked for the fee, and the events delivered. */
async function askedForFee(): Promise<{ code: string; id: string }> {
  const r = await post('/_sandbox/submissions', lltpSubmission(AN));
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  const code = r.json.MaHoSo as string;
  expect(await pull()).toMatchObject({ received: 1 });
  const id = await inboundDossierId(env, code);
  await act(env, o.desk, o.desk, id, 'receive');
  env.clock.advance(60_000);
  expect((await act(env, o.desk, o.desk, id, 'request_fee', { comment: 'Nộp phí cung cấp thông tin lý lịch tư pháp' })).state).toBe('waiting_fee');
  await deliverAll(env, { topics: TOPICS });
  return { code, id };
}

const billsApi = async (id: string, who: Login = o.desk) =>
  env.app.inject({ method: 'GET', url: `/api/v1/national-portal/dossiers/${id}/bills`, headers: authHeaders(who) });
const billsOf = async (id: string) => {
  const r = await billsApi(id);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().bills as any[];
};
const view = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(o.desk) })).json();
const paymentsOf = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/payments`, headers: authHeaders(o.desk) })).json();
const confirms = async (id: string) => (await view(id)).events.filter((e: any) => e.action === 'confirm_fee').length;
const count = (table: 'payments' | 'np_bills') => countRows(env, table);
const portalBills = (code: string) => [...portal.frontDoor.bills.values()].filter((b) => b.MaHoSo === code);

describe('a fee request on a portal dossier becomes a bill the citizen pays on the portal', () => {
  it('the whole loop: bill on the portal, paid there exactly, pulled (offered twice), matched, the dossier moves on once', async () => {
    const { code, id } = await askedForFee();
    const ourCode = (await view(id)).dossier.code;

    // The bill on the portal: the quote line by line, the portal's code, our bill code, a due date.
    const bills = portalBills(code);
    expect(bills).toHaveLength(1);
    const bill = bills[0]!;
    expect(bill.MaThamChieu).toBe(`${ourCode}-TT${(await view(id)).events.find((e: any) => e.action === 'request_fee').seq}`);
    expect(bill).toMatchObject({ SoTien: FEE, state: 'open', deliveries: 1, HanThanhToan: '20260316235959' });
    expect(bill.data).toMatchObject({ MaHoSo: code, SoBienNhan: ourCode, MaTienTe: 'VND', ThoiGianGD: '20260309090100' });
    expect(bill.data.ThongTinBienLai).toMatchObject({ MaDichVu: '2', MaTTHC: LLTP, MaHoSo: code, HoTenNguoiNop: AN.HoVaTen, SoCMNDNguoiNop: AN.SoDinhDanh });
    expect((bill.data as any).ThongTinBienLai.PhiLePhi.reduce((n: number, l: any) => n + l.SoTien, 0)).toBe(FEE);
    expect(await billsOf(id)).toEqual([
      expect.objectContaining({ billCode: bill.MaThamChieu, portalCode: code, amount: FEE, state: 'sent', attempts: 1, dueAt: '2026-03-16T16:59:59.000Z' }),
    ]);

    // The officer sees the bill on the dossier's answer and screen.
    expect((await view(id)).nationalPortal.bills).toEqual([
      { code: bill.MaThamChieu, amount: FEE, dueAt: '2026-03-16T16:59:59.000Z', state: 'sent', transactionId: null },
    ]);
    const screen = (await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) })).body;
    expect(screen).toContain(`Hóa đơn ${bill.MaThamChieu} gửi lên Cổng: 200.000 đồng, hạn thanh toán 16/03/2026 23:59`);
    expect(screen).toContain('Chờ người nộp hồ sơ thanh toán trên Cổng.');

    // The portal's page shows the bill with a button that pays exactly it: no amount to type any more.
    const page = await pageOf(code);
    expect(page).toContain(`Hóa đơn ${bill.MaThamChieu}`);
    expect(page).toContain('Thanh toán 200.000 đồng');
    expect(page).toContain('Hạn thanh toán: 16/03/2026 23:59');
    expect(page).not.toContain('name="SoTien"');
    const paid = await payOnPage(code, bill.MaThamChieu);
    expect(paid.status).toBe(303);
    // Paid once: the same bill cannot be paid again, a bill of no dossier cannot be paid at all.
    expect((await payOnPage(code, bill.MaThamChieu)).status).toBe(400);
    expect((await payOnPage(code, 'KHONG-CO-HOA-DON')).status).toBe(400);
    expect(await pageOf(code)).toContain('Đã thanh toán (giao dịch');

    // Back through the pull, offered twice: matched to the bill, taken once.
    const paymentsBefore = await count('payments');
    await post('/_sandbox/front-door-faults', { duplicateOffers: true });
    const r = await pull();
    await post('/_sandbox/front-door-faults', { duplicateOffers: false });
    expect(r.payments).toMatchObject({ offered: 2, received: 1, duplicates: 1, refused: 0, failed: [] });
    expect(r.payments.results[0].payment).toMatchObject({ outcome: 'paid', owed: FEE, amount: FEE });
    await deliverAll(env, { topics: TOPICS });

    const after = await view(id);
    expect(after.dossier.state).toBe('received');
    expect(await confirms(id)).toBe(1);
    const transaction = [...portal.frontDoor.payments.values()].find((p) => p.MaThamChieu === bill.MaThamChieu)!.MaGiaoDich;
    expect((await paymentsOf(id)).payments.map((p: any) => [p.transactionId, p.amount, p.state])).toEqual([[transaction, FEE, 'paid']]);
    expect(await count('payments')).toBe(paymentsBefore + 1);
    expect(await billsOf(id)).toEqual([expect.objectContaining({ state: 'paid', paidTransaction: transaction })]);
    const paidScreen = (await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(o.desk) })).body;
    expect(paidScreen).toContain(`Đã thanh toán trên Cổng (mã giao dịch ${transaction}).`);
    // The portal hears it was paid on the portal, and the dossier goes on (status 2, received).
    expect(portal.dossiers.get(code)!.data).toMatchObject({ DuocThanhToanTrucTuyen: 1, TrangThaiHoSo: 2 });
    expect(portal.frontDoor.payments.get(transaction)!.state).toBe('acknowledged');

    // Nothing more on later pulls and deliveries.
    expect((await pull()).payments).toMatchObject({ offered: 0 });
    await deliverAll(env, { topics: TOPICS });
    expect(await confirms(id)).toBe(1);
    expect(portalBills(code)).toHaveLength(1);
  });

  it('a retried send after a lost answer does not duplicate the bill', async () => {
    await post('/_sandbox/front-door-faults', { loseBillAnswers: 1 });
    const callsBefore = portal.calls.filter((c) => c.service === 'GuiThongTinThanhToan').length;
    const { code, id } = await askedForFee();
    expect(portal.frontDoor.faults.loseBillAnswers).toBe(0);
    const sends = portal.calls.filter((c) => c.service === 'GuiThongTinThanhToan').slice(callsBefore);
    expect(sends).toEqual([
      { service: 'GuiThongTinThanhToan', ok: false },
      { service: 'GuiThongTinThanhToan', ok: true },
    ]);
    // The portal got it twice and keeps one bill; here one bill, sent on the second attempt.
    expect(portalBills(code)).toHaveLength(1);
    expect(portalBills(code)[0]).toMatchObject({ deliveries: 2, state: 'open', SoTien: FEE });
    expect(await billsOf(id)).toEqual([expect.objectContaining({ state: 'sent', attempts: 2, lastError: null })]);
    // Delivering again sends nothing.
    await deliverAll(env, { topics: TOPICS });
    expect(portal.calls.filter((c) => c.service === 'GuiThongTinThanhToan').length).toBe(callsBefore + 2);
  });
});

describe('a payment that does not match its bill changes nothing', () => {
  it('a wrong amount is refused with the reason and recorded, the portal told; the bill can still be paid', async () => {
    const { code, id } = await askedForFee();
    const bill = portalBills(code)[0]!;
    const before = { payments: await count('payments'), version: (await view(id)).dossier.version };
    expect((await post('/_sandbox/payments/raw', { MaHoSo: code, MaThamChieu: bill.MaThamChieu, SoTien: 150000, MaGiaoDich: 'GD-SAI-TIEN' })).status).toBe(201);

    const r = await pull();
    expect(r.payments).toMatchObject({ offered: 1, received: 0, duplicates: 0, refused: 1, failed: [] });
    const message = `Số tiền của giao dịch GD-SAI-TIEN (150.000 đồng) không khớp hóa đơn ${bill.MaThamChieu} (200.000 đồng) của hồ sơ ${code}; thanh toán không được ghi nhận, hồ sơ vẫn chờ nộp phí.`;
    expect(r.payments.results[0].message).toBe(message);
    expect(portal.frontDoor.payments.get('GD-SAI-TIEN')).toMatchObject({ state: 'refused', LyDo: message });
    const kept = await env.ctx.db
      .selectFrom('np_inbound_records')
      .selectAll()
      .where('kind', '=', 'payment')
      .where('record_code', '=', 'GD-SAI-TIEN')
      .executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ state: 'refused', message, portal_code: code, dossier_id: id });

    await deliverAll(env, { topics: TOPICS });
    expect(await count('payments')).toBe(before.payments);
    expect((await view(id)).dossier).toMatchObject({ state: 'waiting_fee', version: before.version });
    expect(await billsOf(id)).toEqual([expect.objectContaining({ state: 'sent', paidTransaction: null })]);
    expect((await pull()).payments).toMatchObject({ offered: 0 });

    // The citizen then pays the bill itself: it ends the wait.
    expect((await payOnPage(code, bill.MaThamChieu)).status).toBe(303);
    expect((await pull()).payments).toMatchObject({ received: 1, refused: 0 });
    await deliverAll(env, { topics: TOPICS });
    expect((await view(id)).dossier.state).toBe('received');
    expect(await count('payments')).toBe(before.payments + 1);
  });

  it("an unknown bill, another dossier's bill, and a second payment of a paid bill are refused with the reason; nothing changes", async () => {
    const a = await askedForFee();
    const b = await askedForFee();
    const billA = portalBills(a.code)[0]!;
    const billB = portalBills(b.code)[0]!;
    expect((await post('/_sandbox/payments/raw', { MaHoSo: a.code, MaThamChieu: 'HD-KHONG-CO', SoTien: FEE, MaGiaoDich: 'GD-HD-LA' })).status).toBe(201);
    expect((await post('/_sandbox/payments/raw', { MaHoSo: a.code, MaThamChieu: billB.MaThamChieu, SoTien: FEE, MaGiaoDich: 'GD-HD-KHAC' })).status).toBe(201);
    const before = { payments: await count('payments'), a: (await view(a.id)).dossier.version, b: (await view(b.id)).dossier.version };

    const r = await pull();
    expect(r.payments).toMatchObject({ offered: 2, received: 0, refused: 2, failed: [] });
    const byCode = Object.fromEntries(r.payments.results.map((x: any) => [x.code, x.message]));
    expect(byCode['GD-HD-LA']).toBe(
      `Không có hóa đơn HD-KHONG-CO nào được gửi cho hồ sơ ${a.code} của Cổng Dịch vụ công quốc gia; thanh toán GD-HD-LA không được ghi nhận, không có gì thay đổi.`,
    );
    expect(byCode['GD-HD-KHAC']).toContain(`Không có hóa đơn ${billB.MaThamChieu} nào được gửi cho hồ sơ ${a.code}`);
    expect(portal.frontDoor.payments.get('GD-HD-LA')).toMatchObject({ state: 'refused', LyDo: byCode['GD-HD-LA'] });
    await deliverAll(env, { topics: TOPICS });
    expect(await count('payments')).toBe(before.payments);
    expect((await view(a.id)).dossier).toMatchObject({ state: 'waiting_fee', version: before.a });
    expect((await view(b.id)).dossier).toMatchObject({ state: 'waiting_fee', version: before.b });
    expect((await billsOf(b.id))[0].state).toBe('sent');

    // Bill A paid on the page; then a second transaction for the same bill (the portal's mistake) is refused.
    expect((await payOnPage(a.code, billA.MaThamChieu)).status).toBe(303);
    expect((await pull()).payments).toMatchObject({ received: 1 });
    await deliverAll(env, { topics: TOPICS });
    const first = (await billsOf(a.id))[0].paidTransaction;
    expect((await post('/_sandbox/payments/raw', { MaHoSo: a.code, MaThamChieu: billA.MaThamChieu, SoTien: FEE, MaGiaoDich: 'GD-LAN-HAI' })).status).toBe(201);
    const again = await pull();
    expect(again.payments).toMatchObject({ received: 0, refused: 1 });
    expect(again.payments.results[0].message).toBe(
      `Hóa đơn ${billA.MaThamChieu} của hồ sơ ${a.code} đã được thanh toán bằng giao dịch ${first}; giao dịch GD-LAN-HAI không được ghi nhận.`,
    );
    await deliverAll(env, { topics: TOPICS });
    expect(await count('payments')).toBe(before.payments + 1);
    expect(await confirms(a.id)).toBe(1);
  });
});

describe('who gets a bill, and who may read it', () => {
  it('a dossier received at the desk gets no bill on the portal; a dossier paid on the portal before submitting neither', async () => {
    const desk = await submitAtDesk(env, o, { idNumber: '093090009999', name: 'Trần Thị Bình' });
    await act(env, o.desk, o.desk, desk.id, 'receive');
    const billsBefore = await count('np_bills');
    const sendsBefore = portal.calls.filter((c) => c.service === 'GuiThongTinThanhToan').length;
    expect((await act(env, o.desk, o.desk, desk.id, 'request_fee', { comment: 'Nộp phí' })).state).toBe('waiting_fee');

    const r = await post(
      '/_sandbox/submissions',
      lltpSubmission(AN, { ThanhToan: { DaThanhToan: true, SoTien: FEE, MaGiaoDich: 'GD-TRUOC', ThoiDiemThanhToan: '20260309090500' } }),
    );
    await pull();
    const paidId = await inboundDossierId(env, r.json.MaHoSo);
    await act(env, o.desk, o.desk, paidId, 'receive');
    await act(env, o.desk, o.desk, paidId, 'request_fee', { comment: 'Nộp phí' });
    await deliverAll(env, { topics: TOPICS });

    expect((await view(paidId)).dossier.state).toBe('received');
    expect(await count('np_bills')).toBe(billsBefore);
    expect(portal.calls.filter((c) => c.service === 'GuiThongTinThanhToan').length).toBe(sendsBefore);
    expect(await billsOf(desk.id)).toEqual([]);
  });

  it('the bills API answers officers who may see the dossier: 404 for another unit and an unknown dossier, 403 for a citizen', async () => {
    const { id } = await askedForFee();
    expect(await billsOf(id)).toHaveLength(1);
    const commune = await loginOfficer(env.app, 'tuphap.p1');
    const other = await billsApi(id, commune);
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toBe('Không tìm thấy hồ sơ hoặc bạn không có quyền xem hồ sơ này.');
    expect((await billsApi('khong-co-ho-so')).statusCode).toBe(404);
    const citizen = await loginCitizen(env, AN.SoDinhDanh);
    expect((await billsApi(id, citizen)).statusCode).toBe(403);
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/national-portal/dossiers/{id}/bills']?.get).toBeTruthy();
  });
});
