/**
 * Test helpers of the national portal as the front door: a submission on the sandbox portal
 * (the criminal record certificate with its declaration), the pull, and the dossier it became.
 */
import { expect } from 'vitest';
import type { TestEnv } from '../../test/harness';
import { authHeaders, type Login } from '../../test/login';
import { LLTP, LLTP_FORM, TINY_PDF } from '../../test/fixtures';
import { subscriberTopic } from '../../platform/events';
import { SYNC_TOPIC } from './service';
import { FEE_SUBSCRIBER } from './intake';

/** The demo citizen as the portal names a dossier's holder: Nguyễn Văn An, with his phone. */
export const AN_ON_PORTAL = { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '093090001234', SoDienThoai: '0912345678' };

/** The LLTP fee (Thông tư 244/2016/TT-BTC, Điều 3) for the demo answers: one certificate, not a student. */
export const LLTP_FEE = 200000;

/** The outbox topics that carry a fee from the officer's request to the portal's bill and back as a payment. */
export const FEE_TOPICS = [
  'dossier.event',
  SYNC_TOPIC,
  subscriberTopic('dossier.event', FEE_SUBSCRIBER),
  'payment.paid',
  subscriberTopic('payment.paid', 'dossier-fee'),
];

/** The sandbox portal's submission of an LLTP dossier by `holder`, the declaration attached, with `extra` fields. */
export const lltpSubmission = (holder: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  MaTTHC: LLTP,
  ChuHoSo: holder,
  DuLieuBieuMau: LLTP_FORM,
  TepDinhKem: [{ MaThanhPhanHoSo: 'to-khai', TenTepDinhKem: 'to-khai.pdf', LoaiTep: 'application/pdf', DuLieuTepDinhKem: TINY_PDF.toString('base64') }],
  ...extra,
});

/** POSTs JSON to the sandbox portal at `baseUrl`: the status and the JSON answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers
export async function postToPortal(baseUrl: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const r = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json() };
}

/** Pulls the portal's new dossiers as `monitor` (expects 200): the JSON answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON answers
export async function pullInbound(env: TestEnv, monitor: Login): Promise<any> {
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(monitor) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** The id of the dossier the pull made of the portal's dossier `portalCode`. */
export async function inboundDossierId(env: TestEnv, portalCode: string): Promise<string> {
  return (await env.ctx.db.selectFrom('np_inbound').select('dossier_id').where('portal_code', '=', portalCode).executeTakeFirstOrThrow()).dossier_id!;
}
