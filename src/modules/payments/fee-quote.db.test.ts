/**
 * Fees equal everywhere (issue 13 item 1): the public fee-quote API, the online form's review,
 * the payment page and the payment's amount all come from the one fee function. The reported
 * case: an on-time birth registration with no copies costs nothing and nothing can be paid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, type Login } from '../../test/login';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../../sandbox/payment/server';
import { BIRTH_FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { DEMO } from '../units/demo';
import { payloadMultipart, pdfFile } from '../../test/multipart';

const BIRTH = '1.001193';
let env: TestEnv;
let gw: SandboxPaymentHandle;
let dir: string;
let an: Login;

const quote = (code: string, payload: unknown, lang = 'vi') =>
  env.app.inject({ method: 'POST', url: `/api/v1/procedures/${code}/fee-quote`, headers: { 'accept-language': lang }, payload: payload as any });

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF, 'a.pdf'), pdfFile('file:giay-chung-sinh', PDF, 'a.pdf')]);
async function submitBirth(extra: Record<string, unknown>): Promise<string> {
  const mp = submission({ procedureCode: BIRTH, receivingUnitId: DEMO.ubndPhuong1, data: { ...BIRTH_FORM, ...extra } });
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier.id;
}
const payments = (id: string) => env.ctx.db.selectFrom('payments').selectAll().where('dossier_id', '=', id).execute();
const pay = (id: string) => env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/payments`, headers: authHeaders(an), payload: {} });
const page = (id: string) => env.app.inject({ method: 'GET', url: `/thanh-toan/${id}`, headers: { cookie: an.cookie, accept: 'text/html' } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'feeq-'));
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

describe('POST /api/v1/procedures/:code/fee-quote', () => {
  it('on-time birth registration, no copies: 0 đ (public, no login)', async () => {
    const r = await quote(BIRTH, { answers: { late: false, copies: 0 } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      items: [{ key: 'le-phi-dung-han', name: 'Lệ phí đăng ký khai sinh đúng hạn', amount: 0, quantity: 1, exempt: false }],
      total: 0,
    });
  });
  it('late with 2 copies online: 8.000 đ late fee + 2 × 4.000 đ; in person 2 × 8.000 đ; partial answers allowed', async () => {
    expect((await quote(BIRTH, { answers: { late: true, copies: 2 } })).json().total).toBe(16000);
    expect((await quote(BIRTH, { answers: { late: true, copies: 2 }, channel: 'in_person' })).json().total).toBe(24000);
    expect((await quote(BIRTH, { answers: { late: true, copies: 2, feeExempt: true }, channel: 'in_person' })).json().total).toBe(16000);
    expect((await quote(BIRTH, { answers: {} })).json().total).toBe(0);
  });
  it('an unknown procedure is 404; a bad body is 400 naming the field', async () => {
    const nf = await quote('9.999999', { answers: {} });
    expect(nf.statusCode).toBe(404);
    expect(nf.json().message).toContain('9.999999');
    const missing = await quote(BIRTH, {});
    expect(missing.statusCode).toBe(400);
    expect(JSON.stringify(missing.json())).toContain('answers');
    const wrong = await quote(BIRTH, { answers: 'late' });
    expect(wrong.statusCode).toBe(400);
    expect(JSON.stringify(wrong.json())).toContain('answers');
    const channel = await quote(BIRTH, { answers: {}, channel: 'fax' });
    expect(channel.statusCode).toBe(400);
    expect(JSON.stringify(channel.json())).toContain('channel');
  });
  it('is in the OpenAPI document', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/procedures/{code}/fee-quote']?.post).toBeTruthy();
  });
});

describe('the payment never charges more than the quote', () => {
  it('the reported case: on time, "đăng ký quá hạn" unticked, 0 copies -> 0 đ, nothing to pay, no payment stored', async () => {
    const id = await submitBirth({ late: false, copies: 0 });
    const p = await page(id);
    expect(p.statusCode).toBe(200);
    expect(p.body).toContain('Lệ phí đăng ký khai sinh đúng hạn');
    expect(p.body).not.toContain('quá hạn</dt>');
    expect(p.body).toContain('Hồ sơ này không phải nộp phí, lệ phí.');
    expect(p.body).not.toContain('Thanh toán trực tuyến</button>');
    const r = await pay(id);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('Hồ sơ này không phải nộp phí, lệ phí.');
    expect(await payments(id)).toHaveLength(0);
  });

  it('2 copies, on time: the payment amount and lines equal the fee quote (8.000 đ online)', async () => {
    const answers = { late: false, copies: 2 };
    const q = (await quote(BIRTH, { answers })).json();
    expect(q.total).toBe(8000);
    const id = await submitBirth(answers);
    const p = await page(id);
    expect(p.body).toContain('Phí cấp bản sao Giấy khai sinh (mỗi bản, nếu có yêu cầu) × 2');
    expect(p.body).toContain('8.000 đồng');
    const r = await pay(id);
    expect(r.statusCode, r.body).toBe(201);
    const [row] = await payments(id);
    expect(Number(row!.amount)).toBe(q.total);
    const lines = typeof row!.fee_lines === 'string' ? JSON.parse(row!.fee_lines) : row!.fee_lines;
    expect(lines.map((l: any) => ({ name: l.name, amount: l.amount }))).toEqual(q.items.map((i: any) => ({ name: i.name, amount: i.amount })));
  });

  it('the online form review shows the same fees before submission', async () => {
    const form = new URLSearchParams({ _csrf: an.csrf, receivingUnitId: DEMO.ubndPhuong1, ...BIRTH_FORM, copies: '3', late: 'true' });
    const r = await env.app.inject({
      method: 'POST',
      url: `/nop-ho-so/${BIRTH}`,
      headers: { cookie: an.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const q = (await quote(BIRTH, { answers: { copies: 3, late: true } })).json();
    expect(q.total).toBe(8000 + 3 * 4000);
    expect(r.body).toContain('Phí, lệ phí');
    expect(r.body).toContain('Tổng số tiền phải nộp: 20.000 đồng');
  });
});
