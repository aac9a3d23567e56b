import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, type Login } from '../../test/login';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../../sandbox/payment/server';
import { act, deliverAll, LLTP, loginOfficers, PDF, startTestSandboxes, type Officers, type Sandboxes } from '../notifications/testkit';
import { SYNC_TOPIC } from '../national-portal/service';
import { subscriberTopic } from '../../platform/events';
import { LLTP_FORM as FORM } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

const FEE_TOPIC = subscriberTopic('payment.paid', 'dossier-fee');
const topics = ['payment.paid', FEE_TOPIC, 'dossier.event', SYNC_TOPIC];

let env: TestEnv;
let gw: SandboxPaymentHandle;
let sb: Sandboxes;
let o: Officers;
let dir: string;
let an: Login;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fee-wait-'));
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z', env: { DATA_DIR: dir } });
  gw = await startSandboxPayment({
    port: 0,
    partnerCode: env.ctx.config.payment.partnerCode,
    secret: env.ctx.config.payment.secret,
    portalUrl: () => env.baseUrl!,
  });
  env.ctx.config.payment.url = gw.url;
  sb = await startTestSandboxes(env);
  o = await loginOfficers(env);
  an = await loginCitizen(env, '093090001234');
});
afterAll(async () => {
  await gw?.close();
  await sb?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function submitOnline(): Promise<{ id: string; code: string }> {
  const mp = payloadMultipart({ procedureCode: LLTP, data: FORM }, [pdfFile('file:to-khai', PDF)]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(an), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier;
}

async function pay(dossierId: string): Promise<string> {
  const r = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/payments`, headers: authHeaders(an), payload: { feeKeys: ['phi'] } });
  expect(r.statusCode, r.body).toBe(201);
  await gw.payerClicks(r.json().payUrl, 'pay');
  return r.json().id;
}

const dossier = async (id: string) => (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(an) })).json();

describe('online payment ends the fee wait', () => {
  it('paid through the sandbox gateway: the system confirms the fee once, the portal sync says paid online with the fee list', async () => {
    const d = await submitOnline();
    await act(env, o.desk, o.desk, d.id, 'receive');
    env.clock.advance(3_600_000);
    const waiting = await act(env, o.desk, o.desk, d.id, 'request_fee');
    expect(waiting.state).toBe('waiting_fee');
    env.clock.advance(3_600_000);
    const paymentId = await pay(d.id);
    await deliverAll(env, { topics });

    const after = await dossier(d.id);
    expect(after.dossier.state).toBe('received');
    const confirms = after.events.filter((e: any) => e.action === 'confirm_fee');
    expect(confirms).toHaveLength(1);
    const row = await env.ctx.db
      .selectFrom('dossier_events')
      .selectAll()
      .where('dossier_id', '=', d.id)
      .where('action', '=', 'confirm_fee')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_kind: 'system', actor_id: null });
    expect(typeof row.data === 'string' ? JSON.parse(row.data) : row.data).toMatchObject({ paymentId, paidOnline: true });
    const pause = await env.ctx.db.selectFrom('dossier_pauses').selectAll().where('dossier_id', '=', d.id).where('kind', '=', 'fee').executeTakeFirstOrThrow();
    expect(pause.to_at).not.toBeNull();
    const audit = await env.ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', d.id).where('action', '=', 'dossier.confirm_fee').execute();
    expect(audit.map((a) => a.actor_kind)).toEqual(['system']);

    const synced = sb.portal.dossiers.get(d.code)!;
    expect(synced.data).toMatchObject({ DuocThanhToanTrucTuyen: 2, TrangThaiHoSo: 2 });
    expect(synced.data.DanhSachLePhi).toEqual([expect.objectContaining({ MaPhiLePhi: 'phi', Gia: 200000, HinhThucThu: 4 })]);

    // Redelivered: nothing happens a second time.
    await env.ctx.db.updateTable('outbox').set({ status: 'pending', next_attempt_at: null }).where('topic', '=', FEE_TOPIC).where('key', '=', d.id).execute();
    await deliverAll(env, { topics });
    expect((await dossier(d.id)).events.filter((e: any) => e.action === 'confirm_fee')).toHaveLength(1);
  });

  it('a payment made while the dossier does not wait for its fee changes no state; the sync still reports it paid', async () => {
    const d = await submitOnline();
    await act(env, o.desk, o.desk, d.id, 'receive');
    const before = (await dossier(d.id)).dossier;
    await pay(d.id);
    await deliverAll(env, { topics });
    const after = await dossier(d.id);
    expect(after.dossier).toMatchObject({ state: 'received', version: before.version });
    expect(after.events.map((e: any) => e.action)).not.toContain('confirm_fee');
    // The next change of the dossier carries the flag to the portal.
    await act(env, o.specialist, o.desk, d.id, 'forward');
    await deliverAll(env, { topics });
    expect(sb.portal.dossiers.get(d.code)!.data).toMatchObject({ DuocThanhToanTrucTuyen: 2 });
  });
});
