/**
 * Forged, replayed and reordered payment callbacks (issue 14, finding "a payment can be marked
 * paid without paying"): only signed fields decide, the message type is checked, anything but a
 * signed success is confirmed by QUERY before it changes a payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, type Login } from '../../test/login';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../../sandbox/payment/server';
import { CALLBACK_FIELDS, macOf, TRANG_THAI } from './model';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let gw: SandboxPaymentHandle;
let dir: string;
let an: Login;

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF)]);

async function newPayment(): Promise<{ id: string; orderRef: string; payUrl: string; dossierId: string }> {
  const mp = submission({ procedureCode: LLTP, data: FORM });
  const d = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
  expect(d.statusCode, d.body).toBe(201);
  const dossierId = d.json().dossier.id;
  const r = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/payments`, headers: authHeaders(an), payload: { feeKeys: ['phi'] } });
  expect(r.statusCode, r.body).toBe(201);
  return { ...r.json(), dossierId };
}

/** A message as the platform signs it (CALLBACK_FIELDS only), then `unsigned` fields added after signing. */
function signed(ref: string, over: Record<string, unknown>, unsigned: Record<string, unknown> = {}) {
  const msg: Record<string, unknown> = {
    LoaiBanTin: 'CONFIRM',
    MaLoi: '00',
    MaDoiTac: env.ctx.config.payment.partnerCode,
    MaThamChieu: ref,
    SoTien: 200000,
    MaTienTe: 'VND',
    MaGiaoDich: `GD-${ref.slice(-6)}`,
    MaNganHang: 'X',
    ThoiGianGD: '20260309100000',
    ThongTinGiaoDich: 'x',
    ...over,
  };
  msg.MaXacThuc = macOf(msg, CALLBACK_FIELDS, env.ctx.config.payment.secret);
  return { ...msg, ...unsigned };
}
const post = (msg: Record<string, unknown>) => env.app.inject({ method: 'POST', url: '/api/v1/payments/callback', payload: msg });

/** Everything a callback could change about a payment. */
async function state(paymentId: string) {
  const p = await env.ctx.db
    .selectFrom('payments')
    .select(['state', 'version', 'gateway_txn_id', 'paid_at', 'closed_reason'])
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow();
  const outbox = await env.ctx.db
    .selectFrom('outbox')
    .select('id')
    .where('key', '=', (await env.ctx.db.selectFrom('payments').select('dossier_id').where('id', '=', paymentId).executeTakeFirstOrThrow()).dossier_id)
    .where('topic', 'in', ['payment.paid', 'notify.payment_paid'])
    .execute();
  const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', paymentId).where('action', 'like', 'payment.%').execute();
  return { p, outbox: outbox.length, audit: audit.map((a) => a.action).sort() };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'payf-'));
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z', env: { DATA_DIR: dir } });
  gw = await startSandboxPayment({
    port: 0,
    partnerCode: env.ctx.config.payment.partnerCode,
    secret: env.ctx.config.payment.secret,
    portalUrl: () => env.baseUrl!,
  });
  env.ctx.config.payment.url = gw.url;
  an = await loginCitizen(env, '093090001234');
});
afterAll(async () => {
  await gw?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('payment callback forgeries', () => {
  it('the reported attack: a validly signed "not paid" message with an unsigned TrangThaiGD "00" added is not taken as paid', async () => {
    const p = await newPayment();
    const before = await state(p.id);
    const r = await post(signed(p.orderRef, { MaLoi: '01' }, { TrangThaiGD: TRANG_THAI.paid }));
    expect(r.statusCode).toBe(200);
    expect(r.json().TrangThaiGD).not.toBe(TRANG_THAI.paid);
    // the platform was asked (QUERY) and said pending: nothing changed
    expect(await state(p.id)).toEqual(before);
    const receipt = await env.app.inject({ method: 'GET', url: `/api/v1/payments/${p.id}/receipt.pdf`, headers: authHeaders(an) });
    expect(receipt.statusCode).not.toBe(200);
  });

  it('an unsigned MaLoi or SoTien added after signing decides nothing', async () => {
    const p = await newPayment();
    const before = await state(p.id);
    // signed without MaLoi (empty), then MaLoi "00" added: the MAC no longer matches
    const noMaLoi: Record<string, unknown> = signed(p.orderRef, { MaLoi: '' });
    noMaLoi.MaLoi = '00';
    expect((await post(noMaLoi)).statusCode).toBe(400);
    expect(await state(p.id)).toEqual(before);
  });

  it('a signed "not paid" callback is confirmed by QUERY: when the platform says paid, the payment is paid (once)', async () => {
    const p = await newPayment();
    const o = gw.orders.get(p.orderRef)!;
    o.status = TRANG_THAI.paid;
    o.transactionId = 'GD-QUERY-CONFIRMS';
    o.time = '20260309100100';
    const r = await post(signed(p.orderRef, { MaLoi: '01' }));
    expect(r.statusCode).toBe(200);
    const after = await state(p.id);
    expect(after.p.state).toBe('paid');
    expect(after.p.gateway_txn_id).toBe('GD-QUERY-CONFIRMS');
    expect(after.outbox).toBe(2);
    const events = await env.ctx.db.selectFrom('payment_events').select(['source', 'outcome']).where('payment_id', '=', p.id).orderBy('at').execute();
    expect(events.map((e) => `${e.source}:${e.outcome}`)).toEqual(['init:created', 'callback:to_confirm', 'query:paid']);
  });

  it('a signed message of another type (LoaiBanTin QUERY, GET_BILL, INIT) is refused as a callback', async () => {
    const p = await newPayment();
    const before = await state(p.id);
    for (const LoaiBanTin of ['QUERY', 'GET_BILL', 'INIT', 'confirm', '']) {
      const r = await post(signed(p.orderRef, { LoaiBanTin }));
      expect(r.statusCode, LoaiBanTin).toBe(400);
      expect(r.json().MaLoi).toBe('12');
    }
    expect(await state(p.id)).toEqual(before);
  });

  it('fields that are not plain values (objects, arrays) never verify', async () => {
    const p = await newPayment();
    const before = await state(p.id);
    for (const bad of [{ SoTien: { toString: '200000' } }, { MaLoi: ['00'] }, { MaThamChieu: [p.orderRef] }]) {
      const msg = signed(p.orderRef, {});
      Object.assign(msg, bad);
      msg.MaXacThuc = macOf(msg, CALLBACK_FIELDS, env.ctx.config.payment.secret);
      expect((await post(msg)).statusCode).toBe(400);
    }
    expect(await state(p.id)).toEqual(before);
  });

  it('a signed success for one order moved to another order (field shifting) does not verify', async () => {
    const a = await newPayment();
    const b = await newPayment();
    const before = await state(b.id);
    const msg = signed(a.orderRef, {});
    msg.MaThamChieu = b.orderRef;
    expect((await post(msg)).statusCode).toBe(400);
    // and the boundary between fields cannot be moved: "ab"+"c" is not "a"+"bc"
    const shifted = signed(b.orderRef, { MaNganHang: 'X', ThoiGianGD: '20260309100000' });
    shifted.MaNganHang = 'X2';
    shifted.ThoiGianGD = '0260309100000';
    expect((await post(shifted)).statusCode).toBe(400);
    expect(await state(b.id)).toEqual(before);
  });

  it('replays and duplicates of a signed success change nothing after the first', async () => {
    const p = await newPayment();
    const msg = signed(p.orderRef, { MaGiaoDich: 'GD-REPLAY-1' });
    expect((await post(msg)).json().MaLoi).toBe('00');
    const once = await state(p.id);
    expect(once.p.state).toBe('paid');
    await Promise.all([post(msg), post(msg), post(msg)]);
    expect((await post(msg)).json().MoTaLoi).toBe('Đã ghi nhận trước đó');
    expect(await state(p.id)).toEqual(once);
  });

  it('reordering: a signed cancel arriving after the success changes nothing; a success after a cancel wins (the money moved)', async () => {
    const p = await newPayment();
    const o = gw.orders.get(p.orderRef)!;
    o.status = TRANG_THAI.paid;
    o.transactionId = 'GD-ORDER-1';
    o.time = '20260309100200';
    expect((await post(signed(p.orderRef, { MaGiaoDich: 'GD-ORDER-1' }))).statusCode).toBe(200);
    const paid = await state(p.id);
    expect((await post(signed(p.orderRef, { MaLoi: '03', MaGiaoDich: '' }))).statusCode).toBe(200);
    expect(await state(p.id)).toEqual(paid);

    const q = await newPayment();
    gw.orders.get(q.orderRef)!.status = TRANG_THAI.cancelled;
    await post(signed(q.orderRef, { MaLoi: '03', MaGiaoDich: '' }));
    expect((await state(q.id)).p.state).toBe('cancelled');
    await post(signed(q.orderRef, { MaGiaoDich: 'GD-ORDER-2' }));
    expect((await state(q.id)).p.state).toBe('paid');
  });

  it('a captured "not paid" callback replayed later changes nothing when the platform still says not paid', async () => {
    const p = await newPayment();
    gw.orders.get(p.orderRef)!.status = TRANG_THAI.failed;
    const msg = signed(p.orderRef, { MaLoi: '02', MaGiaoDich: '' });
    await post(msg);
    const failed = await state(p.id);
    expect(failed.p.state).toBe('failed');
    await post(msg);
    await post({ ...msg, TrangThaiGD: '00', MaLoiGoc: '00' });
    expect(await state(p.id)).toEqual(failed);
  });
});
