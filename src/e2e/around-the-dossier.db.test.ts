/**
 * Issue 6 "Done", end to end through HTTP with every sandbox running: a citizen applies online
 * (the pages) reusing a document of their e-data store, the fee is paid through the sandbox
 * payment gateway, the dossier is processed, the result is signed by the approving leader through
 * the sandbox eSign gateway and returned online with a verified signature, the applicant hears of
 * it on every channel (SMTP sink, SMS and Zalo sandboxes, portal inbox), and the sandbox national
 * portal holds the dossier with its final status (10) and its result. The outbox is driven by
 * hand (drainOutbox), as a worker would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxCaDir, startSandboxEsign, type SandboxEsignHandle } from '../../sandbox/esign/server';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../sandbox/payment/server';
import { drainOutbox } from '../platform/outbox';
import { paragraph, renderPdf } from '../platform/pdf';
import { createTestEnv, type TestEnv } from '../test/harness';
import { authHeaders, loginCitizen, type Login } from '../test/login';
import { act, loginOfficers, startTestSandboxes, type Officers, type Sandboxes } from '../modules/notifications/testkit';
import { verifyPdfSignatures } from '../modules/signing/service';
import { dossierDigitization, reuseFacts } from '../modules/warehouse/service';
import { syncFacts } from '../modules/national-portal/service';
import { LLTP, TINY_PDF as PDF } from '../test/fixtures';
import { multipart } from '../test/multipart';

const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678', email: 'nguyenvanan@example.vn' };
const LEADER_NAME = 'Võ Thị Lãnh Đạo';
const FORM: Record<string, string> = {
  applicantName: AN.name,
  applicantPersonalId: AN.idNumber,
  applicantAddress: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh',
  applicantPhone: AN.phone,
  birthPlace: 'Hậu Giang',
  fatherName: 'Nguyễn Văn Ba',
  motherName: 'Lê Thị Tư',
  residenceHistory: 'Từ 2004 đến nay: Phường I, thành phố Vị Thanh',
  certType: 'so-1',
  purpose: 'xin-viec',
  copies: '1',
  resultDelivery: 'truc-tiep',
};

let env: TestEnv;
let esign: SandboxEsignHandle;
let gw: SandboxPaymentHandle;
let sb: Sandboxes;
let o: Officers;
let an: Login;
/** The dossier of the journey (the first test), for the checks that follow it. */
let done: { id: string; code: string } | undefined;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  const c = env.ctx.config;
  esign = await startSandboxEsign({
    port: 0,
    caDir: sandboxCaDir(c.DATA_DIR),
    clientId: c.esign.clientId,
    clientSecret: c.esign.clientSecret,
    autoConfirmMs: 10,
  });
  c.esign.url = esign.url;
  gw = await startSandboxPayment({ port: 0, partnerCode: c.payment.partnerCode, secret: c.payment.secret, portalUrl: () => env.baseUrl! });
  c.payment.url = gw.url;
  sb = await startTestSandboxes(env);
  o = await loginOfficers(env);
  an = await loginCitizen(env, AN.idNumber);
}, 120_000);
afterAll(async () => {
  await sb?.close();
  await gw?.close();
  await esign?.close();
  await env?.close();
});

/** Time passes between the steps; the test sessions are kept alive across it (officers' idle timeout). */
async function tick(ms = 10 * 60_000) {
  env.clock.advance(ms);
  const now = env.clock.now();
  await env.ctx.db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + 86_400_000) })
    .execute();
}
const api = (who: Login, url: string) => env.app.inject({ method: 'GET', url, headers: authHeaders(who) });
const hidden = (body: string, name: string) =>
  new RegExp(`name="${name}" value="([^"]*)"`)
    .exec(body)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** Delivers everything due, as the worker would; nothing may be left failed. */
async function deliver() {
  for (let i = 0; i < 20; i++) {
    await drainOutbox(env.ctx);
    const left = await env.ctx.db.selectFrom('outbox').select(['topic', 'status', 'last_error']).where('status', '!=', 'delivered').execute();
    const stuck = left.filter((m) => m.status === 'failed');
    expect(stuck, JSON.stringify(stuck)).toEqual([]);
    if (left.length === 0) return;
    // A retry waits for its backoff (e.g. the leader's remote signature not confirmed yet).
    await new Promise((r) => setTimeout(r, 50));
    await tick(60_000);
  }
}

describe('around the dossier (issue 6 done)', () => {
  it('applied online reusing a stored document, paid, signed, returned, notified everywhere, synced to the national portal', async () => {
    // 1. Apply online through the pages, reusing the căn cước from the e-data store.
    const cc = (await api(an, '/api/v1/me/documents?documentType=can-cuoc')).json().documents[0];
    expect(cc).toMatchObject({ documentType: 'can-cuoc', owner: { id: AN.idNumber } });
    const review = await env.app.inject({
      method: 'POST',
      url: `/nop-ho-so/${LLTP}`,
      headers: { accept: 'text/html', cookie: an.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: an.csrf, ...FORM }).toString(),
    });
    expect(review.statusCode, review.body.slice(0, 500)).toBe(200);
    expect(review.body).toContain(`name="stored:giay-to-tuy-than" value="${cc.id}" checked`);
    expect(review.body).toContain('Dùng tài liệu trong kho: Thẻ căn cước công dân');
    const mp = multipart(
      {
        receivingUnitId: hidden(review.body, 'receivingUnitId')!,
        _data: hidden(review.body, '_data')!,
        _idem: hidden(review.body, '_idem')!,
        'stored:giay-to-tuy-than': cc.id,
      },
      [{ field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF }],
    );
    const sent = await env.app.inject({
      method: 'POST',
      url: `/nop-ho-so/${LLTP}/nop`,
      headers: { accept: 'text/html', cookie: an.cookie, 'x-csrf-token': an.csrf, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(sent.statusCode, sent.body.slice(0, 800)).toBe(303);
    const id = String(sent.headers.location).split('/')[2]!;
    const code = (await api(an, `/api/v1/dossiers/${id}`)).json().dossier.code as string;
    done = { id, code };
    await deliver();
    const [reuse] = await reuseFacts(env.ctx, { dossierIds: [id] });
    expect(reuse).toMatchObject({ reused: true, reusedComponents: [{ componentKey: 'giay-to-tuy-than', documentCode: cc.code, kind: 1 }] });

    // 2. Received, the fee asked for and paid through the sandbox gateway: the system ends the wait.
    await tick();
    await act(env, o.desk, o.desk, id, 'receive');
    await tick();
    expect((await act(env, o.desk, o.desk, id, 'request_fee')).state).toBe('waiting_fee');
    await deliver();
    await tick();
    const pay = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/payments`, headers: authHeaders(an), payload: { feeKeys: ['phi'] } });
    expect(pay.statusCode, pay.body).toBe(201);
    await gw.payerClicks(pay.json().payUrl, 'pay');
    await deliver();
    const paid = (await api(an, `/api/v1/dossiers/${id}`)).json();
    expect(paid.dossier.state).toBe('received');
    expect(paid.events.filter((e: any) => e.action === 'confirm_fee')).toHaveLength(1);

    // 3. Processed and approved by the leader; the result is signed by the leader and returned online.
    for (const [who, action] of [
      [o.specialist, 'forward'],
      [o.police, 'forward'],
      [o.leader, 'approve'],
    ] as const) {
      await tick();
      await act(env, who, o.desk, id, action);
    }
    await tick();
    const result = await renderPdf((doc) => paragraph(doc, `Phiếu lý lịch tư pháp số 1 - ${AN.name}`));
    const up = multipart({ kind: 'result' }, [{ field: 'file', name: 'phieu-lltp.pdf', type: 'application/pdf', bytes: result }]);
    const att = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/files`,
      headers: { ...authHeaders(o.leader), 'content-type': up.type },
      payload: up.body,
    });
    expect(att.statusCode, att.body).toBe(201);
    const resultId = att.json().file.id as string;
    await deliver();
    await tick();
    expect((await act(env, o.desk, o.desk, id, 'return_result', { returnMethod: 'online' })).state).toBe('returned');
    await deliver();

    const dl = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${resultId}`, headers: authHeaders(an) });
    expect(dl.statusCode).toBe(200);
    const sigs = verifyPdfSignatures(env.ctx, dl.rawPayload);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]).toMatchObject({ valid: true, trusted: true, coversWholeDocument: true, signerName: LEADER_NAME });
    const final = (await api(an, `/api/v1/dossiers/${id}`)).json();
    expect(final.events.filter((e: any) => e.action === 'sign_result')).toHaveLength(1);

    // 4. Notified on every channel: submitted, received, fee requested, paid, result ready.
    const kinds = ['submitted', 'received', 'fee_requested', 'paid', 'result_ready'];
    const inbox = (await api(an, '/api/v1/me/notifications')).json().items.filter((n: any) => n.dossierId === id);
    expect([...new Set(inbox.map((n: any) => n.kind))].sort()).toEqual([...kinds].sort());
    const mails = sb.smtp.mails.filter((m) => m.subject.includes(code));
    const sms = sb.sms.messages.filter((m) => m.text.includes(code));
    const zalo = sb.zalo.messages.filter((m) => m.params.code === code);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        `Hồ sơ ${code} đã được tiếp nhận`,
        `Hồ sơ ${code}: đề nghị nộp phí, lệ phí`,
        `Đã nhận thanh toán hồ sơ ${code}`,
        `Hồ sơ ${code} đã có kết quả`,
      ]),
    );
    expect(mails.every((m) => m.to.includes(AN.email))).toBe(true);
    expect(sms.every((m) => m.to === AN.phone)).toBe(true);
    expect(zalo.every((m) => m.to === '84912345678')).toBe(true);
    // The same messages on every channel, one per kind (the payment is heard once: see below).
    expect([sms.length, zalo.length, inbox.length]).toEqual([mails.length, mails.length, mails.length]);
    expect(mails.length).toBe(kinds.length);
    // Each (message, channel) sent exactly once.
    const deliveries = await env.ctx.db.selectFrom('notification_deliveries').select(['channel', 'status', 'attempts']).execute();
    expect(deliveries.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    expect(deliveries.filter((d) => d.channel === 'email')).toHaveLength(mails.length);

    // 5. The national portal holds the dossier with its final status and its result, paid online.
    const got = sb.portal.dossiers.get(code)!;
    expect(got).toBeDefined();
    expect(got.statuses[0]).toBe(1);
    expect(got.statuses).toContain(6);
    expect(got.statuses.at(-1)).toBe(10);
    expect(got.data).toMatchObject({
      MaHoSo: code,
      MaTTHC: LLTP,
      TrangThaiHoSo: 10,
      ChuHoSo: AN.name,
      SoGiayToChuHoSo: AN.idNumber,
      DuocThanhToanTrucTuyen: 2,
    });
    expect(got.data.DanhSachGiayToKetQua).toHaveLength(1);
    // The reused component and the file uploaded online both went as electronic (digitized) components.
    expect(got.data.TaiLieuNop).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MaThanhPhanHoSo: 'giay-to-tuy-than', DuocSoHoa: 1 }),
        expect.objectContaining({ MaThanhPhanHoSo: 'to-khai', DuocSoHoa: 1 }),
      ]),
    );
    // Digitized: linked to the applicant's list on the portal, and the store counts it digitized too (one rule).
    expect(got.data.HoSoCoThanhPhanSoHoa).toBe(1);
    expect(sb.portal.linked.get(AN.idNumber)?.has(code)).toBe(true);
    expect((await syncFacts(env.ctx, { dossierIds: [id] }))[0]).toMatchObject({ linked: true });
    expect((await dossierDigitization(env.ctx, id)).components.find((c) => c.key === 'to-khai')).toMatchObject({ digitized: true });
  });

  it('the applicant hears of an online payment once (not once for the payment and again for the confirm_fee it triggers)', async () => {
    expect(done).toBeDefined();
    const { id, code } = done!;
    // The system did confirm the fee (an event), but only the payment (notify.payment_paid, with the receipt) is told.
    const events = (await api(an, `/api/v1/dossiers/${id}`)).json().events.filter((e: any) => e.action === 'confirm_fee');
    expect(events).toHaveLength(1);
    const paid = await env.ctx.db
      .selectFrom('notifications')
      .select(['id', 'source_id', 'channels'])
      .where('dossier_id', '=', id)
      .where('kind', '=', 'paid')
      .execute();
    expect(paid).toHaveLength(1);
    expect(paid[0]!.source_id).toMatch(/^notify\.payment_paid:/);
    const sent = await env.ctx.db.selectFrom('notification_deliveries').select(['channel']).where('notification_id', '=', paid[0]!.id).execute();
    expect(sent.map((d) => d.channel).sort()).toEqual(['email', 'sms', 'zalo']);
    expect(sb.smtp.mails.filter((m) => m.subject === `Đã nhận thanh toán hồ sơ ${code}`)).toHaveLength(1);
    const inbox = (await api(an, '/api/v1/me/notifications')).json().items.filter((n: any) => n.dossierId === id && n.kind === 'paid');
    expect(inbox).toHaveLength(1);
  });

  it('the national portal payload flags the reused component (TaiLieuNop DuocTaiSuDung=1, MaKetQuaThayThe for a reused result)', async () => {
    expect(done).toBeDefined();
    const { id, code } = done!;
    const [reuse] = await reuseFacts(env.ctx, { dossierIds: [id] });
    const cc = reuse!.reusedComponents[0]!;
    const got = sb.portal.dossiers.get(code)!;
    // The căn cước is a stored document (not an earlier result): reused (1), no replacing result code.
    expect(got.data.TaiLieuNop).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ MaThanhPhanHoSo: 'giay-to-tuy-than', DuocTaiSuDung: 1, MaKetQuaThayThe: '', DuocLayTuKhoDMQG: cc.fromNationalStore ? 1 : 0 }),
        expect.objectContaining({ MaThanhPhanHoSo: 'to-khai', DuocTaiSuDung: 0, MaKetQuaThayThe: '' }),
      ]),
    );
    expect(got.data.HoSoCoThanhPhanSoHoa).toBe(1);
  });
});
