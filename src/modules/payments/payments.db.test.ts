import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../../sandbox/payment/server';
import { CALLBACK_FIELDS, macOf, TRANG_THAI } from './model';
import { dossierPaymentFacts, paymentStatus } from './service';
import { outboxHandler } from '../../platform/outbox';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let gw: SandboxPaymentHandle;
let dir: string;
let an: Login, binh: Login, monitor: Login;

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF)]);

async function newDossier(who: Login = an): Promise<string> {
  const mp = submission({ procedureCode: LLTP, data: FORM });
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier.id;
}

async function start(dossierId: string, who: Login = an) {
  return env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/payments`, headers: authHeaders(who), payload: { feeKeys: ['phi'] } });
}

const rows = (dossierId: string) => env.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', dossierId).execute();
const outboxPaid = (paymentId: string) =>
  env.ctx.db.selectFrom('outbox').select('id').where('topic', '=', 'payment.paid').where('id', '=', `payment.paid:${paymentId}`).execute();

function callbackFor(ref: string, over: Record<string, unknown> = {}, secret = env.ctx.config.payment.secret) {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'CONFIRM',
    MaLoi: '00',
    MaDoiTac: env.ctx.config.payment.partnerCode,
    MaThamChieu: ref,
    SoTien: 200000,
    MaTienTe: 'VND',
    MaGiaoDich: 'GD-FORGED-1',
    MaNganHang: 'X',
    ThoiGianGD: '20260309100000',
    ThongTinGiaoDich: 'x',
    TrangThaiGD: '00',
    ...over,
  };
  msg.MaXacThuc = macOf(msg, CALLBACK_FIELDS, secret);
  return msg;
}
const postCallback = (msg: Record<string, unknown>) => env.app.inject({ method: 'POST', url: '/api/v1/payments/callback', payload: msg });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pay-'));
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z', env: { DATA_DIR: dir } });
  gw = await startSandboxPayment({
    port: 0,
    partnerCode: env.ctx.config.payment.partnerCode,
    secret: env.ctx.config.payment.secret,
    portalUrl: () => env.baseUrl!,
  });
  env.ctx.config.payment.url = gw.url;
  an = await loginCitizen(env, '093090001234');
  binh = await loginCitizen(env, '093185004321');
  monitor = await loginOfficer(env.app, 'giamsat');
});
afterAll(async () => {
  await gw?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('payment through the sandbox national payment platform', () => {
  it('happy path: start, pay on the gateway page, signed callback, receipt, status and facts', async () => {
    const dossierId = await newDossier();
    const page = await env.app.inject({ method: 'GET', url: `/thanh-toan/${dossierId}`, headers: { cookie: an.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Phí cung cấp thông tin lý lịch tư pháp');
    const r = await start(dossierId);
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({ amount: 200000, state: 'pending' });
    expect(p.payUrl).toMatch(new RegExp(`^${gw.url}/pay/`));
    const back = await gw.payerClicks(p.payUrl, 'pay');
    expect(back).toBe(`${env.baseUrl}/thanh-toan/ket-qua?MaThamChieu=${p.orderRef}`);
    const after = (await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}`, headers: { cookie: an.cookie } })).json();
    expect(after).toMatchObject({ state: 'paid', amount: 200000 });
    expect(after.transactionId).toBe(gw.orders.get(p.orderRef)!.transactionId);
    const result = await env.app.inject({
      method: 'GET',
      url: new URL(back).pathname + new URL(back).search,
      headers: { cookie: an.cookie, accept: 'text/html' },
    });
    expect(result.body).toContain('Đã thanh toán');
    const receipt = await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}/receipt.pdf`, headers: { cookie: an.cookie } });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toContain('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await paymentStatus(env.ctx, dossierId)).state).toBe('paid');
    expect(await dossierPaymentFacts(env.ctx, { dossierIds: [dossierId], from: new Date(0), to: new Date() })).toEqual([
      { dossierId, paidOnline: true, amount: 200000, paidAt: expect.any(String) },
    ]);
    expect(await outboxPaid(p.id)).toHaveLength(1);
    // paying again is refused
    expect((await start(dossierId)).statusCode).toBe(409);
  });

  it('a forged callback (bad MaXacThuc) is refused and changes nothing', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    const before = await rows(dossierId);
    const forged = await postCallback(callbackFor(p.orderRef, {}, 'not-the-secret'));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().MaLoi).toBe('11');
    const tampered = callbackFor(p.orderRef);
    tampered.SoTien = 1; // changed after signing
    expect((await postCallback(tampered)).statusCode).toBe(400);
    expect(await rows(dossierId)).toEqual(before);
    expect(await outboxPaid(p.id)).toHaveLength(0);
  });

  it('a correctly signed callback with a wrong amount is refused', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    const res = await postCallback(callbackFor(p.orderRef, { SoTien: 1000 }));
    expect(res.statusCode).toBe(400);
    expect((await rows(dossierId))[0].state).toBe('pending');
  });

  it('a repeated callback is counted once', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    await gw.payerClicks(p.payUrl, 'pay');
    const again = await gw.sendCallback(p.orderRef);
    const third = await gw.sendCallback(p.orderRef);
    expect(again.status).toBe(200);
    expect(third.body.MaLoi).toBe('00');
    const list = await rows(dossierId);
    expect(list.filter((x) => x.state === 'paid')).toHaveLength(1);
    expect(await outboxPaid(p.id)).toHaveLength(1);
    const events = await env.ctx.db.selectFrom('payment_events').select('outcome').where('payment_id', '=', p.id).where('source', '=', 'callback').execute();
    expect(events.map((e) => e.outcome).sort()).toEqual(['duplicate', 'duplicate', 'paid']);
    const audits = await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'payment.paid').where('entity_id', '=', p.id).execute();
    expect(audits).toHaveLength(1);
    const facts = await dossierPaymentFacts(env.ctx, { dossierIds: [dossierId], from: new Date(0), to: new Date() });
    expect(facts[0].amount).toBe(200000);
  });

  it('concurrent duplicate callbacks are counted once (row lock)', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    const o = gw.orders.get(p.orderRef)!;
    o.status = TRANG_THAI.paid;
    o.transactionId = 'GD-CONCURRENT-1';
    o.time = '20260309100500';
    await Promise.all([gw.sendCallback(p.orderRef), gw.sendCallback(p.orderRef), gw.sendCallback(p.orderRef)]);
    expect((await rows(dossierId)).map((x) => x.state)).toEqual(['paid']);
    expect(await outboxPaid(p.id)).toHaveLength(1);
  });

  it('a callback for an unknown order is refused; a second transaction for a paid order is flagged, not counted', async () => {
    const unknown = await postCallback(callbackFor('dvc-no-such-order'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().MaLoi).toBe('04');
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    await gw.payerClicks(p.payUrl, 'pay');
    const paid = (await rows(dossierId))[0];
    const second = await postCallback(callbackFor(p.orderRef, { MaGiaoDich: 'GD-ANOTHER' }));
    expect(second.json().MaLoi).toBe('05');
    const now = (await rows(dossierId))[0];
    expect(now.gateway_txn_id).toBe(paid.gateway_txn_id);
    expect(now.version).toBe(paid.version);
    const flagged = await env.ctx.db
      .selectFrom('payment_events')
      .select('outcome')
      .where('payment_id', '=', p.id)
      .where('outcome', '=', 'second_transaction')
      .execute();
    expect(flagged).toHaveLength(1);
  });

  it('a cancelled payment on the gateway page ends cancelled; paying again starts a new attempt', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    await gw.payerClicks(p.payUrl, 'cancel');
    expect((await rows(dossierId))[0].state).toBe('cancelled');
    const again = await start(dossierId);
    expect(again.statusCode).toBe(201);
    expect(again.json().orderRef).not.toBe(p.orderRef);
  });

  it('timeout then late success: QUERY resolves it, the late callback does not count twice', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    gw.behaviour.callback = 'drop';
    try {
      await gw.payerClicks(p.payUrl, 'pay');
    } finally {
      gw.behaviour.callback = 'send';
    }
    expect((await rows(dossierId))[0].state).toBe('pending');
    // the worker's check after PAYMENT_QUERY_AFTER_MIN
    const job = await env.ctx.db.selectFrom('outbox').selectAll().where('id', '=', `payments.check:${p.id}:1`).executeTakeFirstOrThrow();
    expect(job.next_attempt_at!.getTime()).toBe(new Date('2026-03-09T02:10:00Z').getTime());
    await outboxHandler('payments.check')!(env.ctx, { id: job.id, topic: job.topic, key: job.key, payload: { paymentId: p.id, round: 1 }, attempts: 0 });
    expect((await rows(dossierId))[0].state).toBe('paid');
    const late = await gw.sendCallback(p.orderRef);
    expect(late.body.MaLoi).toBe('00');
    expect((await rows(dossierId)).filter((x) => x.state === 'paid')).toHaveLength(1);
    expect(await outboxPaid(p.id)).toHaveLength(1);
    const outcomes = (await env.ctx.db.selectFrom('payment_events').select(['source', 'outcome']).where('payment_id', '=', p.id).orderBy('at').execute()).map(
      (e) => `${e.source}:${e.outcome}`,
    );
    expect(outcomes).toEqual(['init:created', 'query:paid', 'callback:duplicate']);
  });

  it('a payment given up locally (superseded) that the gateway reports paid later is still recorded (the gateway wins) and the dossier is counted once in the facts', async () => {
    const dossierId = await newDossier();
    const first = (await start(dossierId)).json();
    // the payer pays, the callback is lost; the portal does not know yet
    gw.behaviour.callback = 'drop';
    const o = gw.orders.get(first.orderRef)!;
    gw.behaviour.callback = 'send';
    // after 15 minutes the applicant tries again: the portal asks first (QUERY says pending), gives the old one up
    env.clock.advance(15 * 60_000);
    const second = (await start(dossierId)).json();
    expect(second.orderRef).not.toBe(first.orderRef);
    expect((await rows(dossierId)).find((x) => x.id === first.id)!.state).toBe('cancelled');
    // ...but the first attempt's money arrives after all (late success) and so does the second
    o.status = TRANG_THAI.paid;
    o.transactionId = 'GD-LATE-FIRST';
    o.time = '20260309092000';
    await gw.sendCallback(first.orderRef);
    await gw.payerClicks(second.payUrl, 'pay');
    const list = await rows(dossierId);
    expect(list.filter((x) => x.state === 'paid')).toHaveLength(2);
    // facts count the dossier once
    const facts = await dossierPaymentFacts(env.ctx, { dossierIds: [dossierId], from: new Date(0), to: new Date() });
    expect(facts).toHaveLength(1);
  });

  it('reconciliation flags a mismatch with the gateway list (monitor API)', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    gw.behaviour.callback = 'drop';
    await gw.payerClicks(p.payUrl, 'pay');
    gw.behaviour.callback = 'send';
    const day = gw.orders.get(p.orderRef)!.time!.slice(0, 8);
    const isoDay = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    const refused = await env.app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: authHeaders(an), payload: { day: isoDay } });
    expect(refused.statusCode).toBe(403);
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: authHeaders(monitor), payload: { day: isoDay } });
    expect(r.statusCode, r.body).toBe(201);
    const items = r.json().items as { kind: string; orderRef: string }[];
    expect(items).toContainEqual(expect.objectContaining({ kind: 'paid_there_not_here', orderRef: p.orderRef }));
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/payments/reconciliations?mismatches=true', headers: { cookie: monitor.cookie } });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().reconciliations[0]).toMatchObject({ id: r.json().id, day: isoDay, ranAt: r.json().ranAt });
    expect(list.json().reconciliations[0].items).toContainEqual(expect.objectContaining({ kind: 'paid_there_not_here', orderRef: p.orderRef }));
    expect(await outboxPaid(p.id)).toHaveLength(0);
  });

  it('another citizen can neither pay nor see the payment', async () => {
    const dossierId = await newDossier();
    const p = (await start(dossierId)).json();
    const pay = await start(dossierId, binh);
    expect(pay.statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}`, headers: { cookie: binh.cookie } })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}/receipt.pdf`, headers: { cookie: binh.cookie } })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: `/thanh-toan/${dossierId}`, headers: { cookie: binh.cookie, accept: 'text/html' } })).statusCode).toBe(
      404,
    );
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}` })).statusCode).toBe(401);
    expect(await rows(dossierId)).toHaveLength(1);
  });
});
