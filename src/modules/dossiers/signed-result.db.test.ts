import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { multipart } from '../../test/multipart';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { DEMO } from '../units/demo';
import { paragraph, renderPdf } from '../../platform/pdf';
import { runOutboxOnce } from '../../platform/outbox';
import { sandboxCaDir, startSandboxEsign, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { verifyPdfSignatures } from '../signing/service';
import { SIGN_RESULT_TOPIC } from './service/sign-result';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';

const LEADER_NAME = 'Võ Thị Lãnh Đạo';

let env: TestEnv;
let esign: SandboxEsignHandle;
let dir: string;
let an: Login, desk: Login, specialist: Login, leader: Login, police: Login;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'signed-result-'));
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z', env: { DATA_DIR: dir } });
  const c = env.ctx.config.esign;
  esign = await startSandboxEsign({ port: 0, caDir: sandboxCaDir(dir), clientId: c.clientId, clientSecret: c.clientSecret, autoConfirmMs: 10 });
  c.url = esign.url;
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'chuyenvien.ca', name: 'Lê Văn Công An', password: 'MotCua@2026', roles: [{ role: 'specialist', unitId: DEMO.congAn }] },
  );
  an = await loginCitizen(env, '093090001234');
  desk = await loginOfficer(env.app, 'motcua.tinh');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
  leader = await loginOfficer(env.app, 'lanhdao.stp');
  police = await loginOfficer(env.app, 'chuyenvien.ca');
});
afterAll(async () => {
  await esign?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function act(who: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) });
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { ...body, version: cur.json().dossier.version },
  });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json().dossier;
}

async function attachResult(who: Login, id: string, bytes: Buffer, name: string): Promise<string> {
  const mp = multipart({ kind: 'result' }, [{ field: 'file', name, type: 'application/pdf', bytes }]);
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/files`,
    headers: { ...authHeaders(who), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().file.id;
}

async function download(who: Login, id: string, fileId: string): Promise<Buffer> {
  const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${fileId}`, headers: authHeaders(who) });
  expect(r.statusCode).toBe(200);
  return r.rawPayload;
}

const signOutbox = async () => {
  for (let i = 0; i < 5; i++) if ((await runOutboxOnce(env.ctx, { topics: [SIGN_RESULT_TOPIC] })).claimed === 0) break;
};

describe('signed electronic results', () => {
  it('the approving leader signs the result: a draft attached before approval and a result attached after', async () => {
    const mp = multipart({ payload: JSON.stringify({ procedureCode: LLTP, data: FORM }) }, [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    const sub = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    expect(sub.statusCode, sub.body).toBe(201);
    const id = sub.json().dossier.id as string;
    await act(desk, id, 'receive');
    // The specialist attaches a draft result: not a leader, nobody has approved yet -> nothing to sign.
    const draft = await renderPdf((doc) => paragraph(doc, 'Phiếu lý lịch tư pháp số 1 (dự thảo)'));
    const draftId = await attachResult(specialist, id, draft, 'du-thao.pdf');
    expect(await env.ctx.db.selectFrom('outbox').select('id').where('topic', '=', SIGN_RESULT_TOPIC).where('key', '=', id).execute()).toHaveLength(0);
    await act(specialist, id, 'forward');
    await act(police, id, 'forward');
    await act(leader, id, 'approve');
    // After approval, the leader attaches the final result.
    const final = await renderPdf((doc) => paragraph(doc, 'Phiếu lý lịch tư pháp số 1'));
    const finalId = await attachResult(leader, id, final, 'ket-qua.pdf');
    await signOutbox();

    for (const fileId of [draftId, finalId]) {
      const bytes = await download(an, id, fileId);
      const checks = verifyPdfSignatures(env.ctx, bytes);
      expect(checks).toHaveLength(1);
      expect(checks[0]).toMatchObject({ valid: true, trusted: true, coversWholeDocument: true, signerName: LEADER_NAME });
    }
    const events = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(an) })).json().events.map((e: any) => e.action);
    expect(events.filter((a: string) => a === 'sign_result')).toHaveLength(2);
    const sigs = await env.ctx.db.selectFrom('signatures').select(['signer_id', 'kind']).where('dossier_id', '=', id).execute();
    expect(sigs).toHaveLength(2);
    expect(sigs.every((s) => s.kind === 'result')).toBe(true);

    // Redelivery signs nothing twice.
    await env.ctx.db
      .updateTable('outbox')
      .set({ status: 'pending', next_attempt_at: null })
      .where('topic', '=', SIGN_RESULT_TOPIC)
      .where('key', '=', id)
      .execute();
    await signOutbox();
    expect(await env.ctx.db.selectFrom('signatures').select('id').where('dossier_id', '=', id).execute()).toHaveLength(2);
    const again = verifyPdfSignatures(env.ctx, await download(an, id, finalId));
    expect(again).toHaveLength(1);

    // Returned online: the citizen's e-result is the signed one.
    await act(desk, id, 'return_result', { returnMethod: 'online' });
    expect(verifyPdfSignatures(env.ctx, await download(an, id, finalId))[0]).toMatchObject({ valid: true, trusted: true, signerName: LEADER_NAME });
  });
});

describe('what is approved is what is signed (issue 13 item 3) and failures are visible (item 2)', () => {
  async function approvedDossier(): Promise<string> {
    const mp = multipart({ payload: JSON.stringify({ procedureCode: LLTP, data: FORM }) }, [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    const sub = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    expect(sub.statusCode, sub.body).toBe(201);
    const id = sub.json().dossier.id as string;
    await act(desk, id, 'receive');
    await act(specialist, id, 'forward');
    await act(police, id, 'forward');
    await act(leader, id, 'approve');
    return id;
  }
  const upload = (who: Login, id: string, bytes: Buffer, fields: Record<string, string> = {}) => {
    const mp = multipart({ kind: 'result', ...fields }, [{ field: 'file', name: 'ket-qua.pdf', type: 'application/pdf', bytes }]);
    return env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files`, headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
  };
  const resultFiles = (id: string) => env.ctx.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', id).where('kind', '=', 'result').execute();

  it('the hole: reception attaching another PDF after approval is refused (never signed as the leader); nothing stored', async () => {
    const id = await approvedDossier();
    const other = await renderPdf((doc) => paragraph(doc, 'Một tệp khác'));
    const r = await upload(desk, id, other);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('phải được lãnh đạo phê duyệt lại');
    expect(await resultFiles(id)).toHaveLength(0);
    expect(await env.ctx.db.selectFrom('outbox').select('id').where('topic', '=', SIGN_RESULT_TOPIC).where('key', '=', id).execute()).toHaveLength(0);
  });

  it('a digitized paper result from the desk is signed by the desk officer as a digitization, never as the leader', async () => {
    const id = await approvedDossier();
    const scan = await renderPdf((doc) => paragraph(doc, 'Bản quét Phiếu lý lịch tư pháp đã ký tay'));
    const r = await upload(desk, id, scan, { purpose: 'paper_digitized' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file.digitized).toBe(true);
    await signOutbox();
    const [f] = await resultFiles(id);
    expect(f).toMatchObject({ sign_state: 'signed', result_origin: 'paper_digitized' });
    const [check] = verifyPdfSignatures(env.ctx, await download(an, id, f!.id));
    expect(check!.valid).toBe(true);
    expect(check!.signerName).not.toBe(LEADER_NAME);
    expect(check!.reason).toBe('Chứng thực bản số hóa từ kết quả giấy đã ký tay');
    const sig = await env.ctx.db.selectFrom('signatures').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
    expect(sig).toMatchObject({ kind: 'document', signer_title: 'Công chức tiếp nhận (Bộ phận Một cửa)' });
    // A specialist may not attach a digitized result.
    expect((await upload(specialist, id, scan, { purpose: 'paper_digitized' })).statusCode).toBe(403);
  });

  it('the frozen hash: bytes changed after approval are not signed; the job stops at once', async () => {
    const id = await approvedDossier();
    const approved = await renderPdf((doc) => paragraph(doc, 'Phiếu lý lịch tư pháp số 1 (đã phê duyệt)'));
    const fileId = await attachResult(leader, id, approved, 'ket-qua.pdf');
    const [f] = await resultFiles(id);
    expect(f!.approved_sha256).toBe(f!.sha256);
    // Someone swaps the stored bytes before the job runs.
    const swapped = await renderPdf((doc) => paragraph(doc, 'Nội dung bị tráo'));
    const { blobStore } = await import('../../platform/blobs');
    const b = await blobStore(env.ctx).put(swapped, { mime: 'application/pdf' });
    await env.ctx.db.updateTable('dossier_files').set({ blob_key: b.sha256 }).where('id', '=', fileId).execute();
    await signOutbox();
    const [after] = await resultFiles(id);
    expect(after).toMatchObject({ sign_state: 'stopped', sign_error: 'signing.hash_mismatch' });
    expect(await env.ctx.db.selectFrom('signatures').select('id').where('dossier_id', '=', id).execute()).toHaveLength(0);
    // The citizen cannot download an unsigned result.
    const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${fileId}`, headers: authHeaders(an) });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('chưa được ký số');
    // Retrying cannot sign a file that differs from the approved one.
    const retry = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files/${fileId}/sign-retry`, headers: authHeaders(leader) });
    expect(retry.statusCode).toBe(409);
  });

  it('an encrypted or damaged result PDF is refused at upload with the reason; nothing stored', async () => {
    const id = await approvedDossier();
    const good = await renderPdf((doc) => paragraph(doc, 'x'));
    const damaged = good.subarray(0, Math.floor(good.length / 3));
    const r = await upload(leader, id, damaged);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('bị hỏng');
    expect(await resultFiles(id)).toHaveLength(0);
  });

  it('a failing signer: "ký số thất bại" with the reason and attempts; stops after SIGNING_MAX_ATTEMPTS, alerts, and a retry signs', async () => {
    const id = await approvedDossier();
    const fileId = await attachResult(leader, id, await renderPdf((doc) => paragraph(doc, 'Phiếu số 1')), 'ket-qua.pdf');
    const url = env.ctx.config.esign.url;
    env.ctx.config.esign.url = 'http://127.0.0.1:9'; // nothing listens: the gateway cannot be reached
    const max = env.ctx.config.esign.maxAttempts;
    for (let i = 0; i < max; i++) {
      await env.ctx.db
        .updateTable('outbox')
        .set({ next_attempt_at: null })
        .where('topic', '=', SIGN_RESULT_TOPIC)
        .where('key', '=', id)
        .where('status', '=', 'pending')
        .execute();
      await runOutboxOnce(env.ctx, { topics: [SIGN_RESULT_TOPIC] });
    }
    let [f] = await resultFiles(id);
    expect(f).toMatchObject({ sign_state: 'stopped', sign_attempts: max });
    expect(f!.sign_error).toContain('signing.');
    const alerts = await env.ctx.db.selectFrom('notifications').selectAll().where('dossier_id', '=', id).where('kind', '=', 'signing_stopped').execute();
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    expect(alerts[0]!.title).toContain('Ký số thất bại');
    const page = await env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: { cookie: leader.cookie, accept: 'text/html' } });
    expect(page.body).toContain('Ký số thất bại');
    expect(page.body).toContain('/ky-lai');
    // Wrong person: the citizen cannot retry.
    expect((await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files/${fileId}/sign-retry`, headers: authHeaders(an) })).statusCode).toBe(403);
    env.ctx.config.esign.url = url;
    const retry = await env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/files/${fileId}/sign-retry`, headers: authHeaders(leader) });
    expect(retry.statusCode, retry.body).toBe(200);
    await signOutbox();
    [f] = await resultFiles(id);
    expect(f).toMatchObject({ sign_state: 'signed', sign_error: null });
    const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${fileId}`, headers: authHeaders(an) });
    expect(r.statusCode).toBe(200);
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(' - ');
    expect(verifyPdfSignatures(env.ctx, r.rawPayload)[0]).toMatchObject({ valid: true, signerName: LEADER_NAME });
  });
});
