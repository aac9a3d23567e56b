import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf } from '../../test/login';
import { multipart } from '../../test/multipart';
import { renderPdf, paragraph } from '../../platform/pdf';
import { sandboxCaDir, startSandboxEsign, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { issueCertifiedCopy, signResult, verifyPdfSignatures } from './service';

let env: TestEnv;
let esign: SandboxEsignHandle;
let dir: string;
const leader = { id: 'officer-chutich.p1', name: 'Ngô Văn Chủ Tịch', title: 'Chủ tịch', unitName: 'UBND Phường I', unitId: 'unit-p1' };

function upload(csrf: string, bytes: Buffer, name = 'ket-qua.pdf') {
  return { url: '/xac-thuc-chu-ky', ...multipart({ _csrf: csrf }, [{ field: 'file', name, type: 'application/pdf', bytes }], '----verify') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sign-'));
  env = await createTestEnv({ env: { DATA_DIR: dir } });
  const c = env.ctx.config.esign;
  esign = await startSandboxEsign({ port: 0, caDir: sandboxCaDir(dir), clientId: c.clientId, clientSecret: c.clientSecret, autoConfirmMs: 10 });
  c.url = esign.url;
});
afterAll(async () => {
  await esign?.close();
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('signing service', () => {
  it('signs a result with the leader certificate; recorded with an audit entry', async () => {
    const pdf = await renderPdf((doc) => paragraph(doc, 'Trích lục khai sinh'));
    const out = await signResult(env.ctx, { pdf, officer: leader, dossierId: 'd-1' });
    const [check] = verifyPdfSignatures(env.ctx, out.pdf);
    expect(check).toMatchObject({ signerName: 'Ngô Văn Chủ Tịch', valid: true, trusted: true, coversWholeDocument: true });
    const row = await env.ctx.db.selectFrom('signatures').selectAll().where('id', '=', out.signatureId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'result', dossier_id: 'd-1', signer_name: leader.name, output_sha256: out.sha256 });
    expect(
      await env.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'signing.sign_result').where('entity_id', '=', out.signatureId).execute(),
    ).toHaveLength(1);
  });

  it('refuses to sign something that is not a PDF, recording nothing', async () => {
    const before = await env.ctx.db.selectFrom('signatures').select('id').execute();
    await expect(signResult(env.ctx, { pdf: Buffer.from('hello'), officer: leader })).rejects.toMatchObject({ key: 'signing.not_pdf' });
    expect(await env.ctx.db.selectFrom('signatures').select('id').execute()).toHaveLength(before.length);
  });

  it('issues numbered certified copies from an image scan and from a PDF original', async () => {
    const png = await QRCode.toBuffer('Giấy khai sinh bản chính');
    const a = await issueCertifiedCopy(env.ctx, { originalScan: { bytes: png, fileName: 'ban-chinh.png' }, officer: leader });
    const original = await renderPdf((doc) => paragraph(doc, 'Bằng tốt nghiệp (bản chính)'));
    const b = await issueCertifiedCopy(env.ctx, { originalScan: { bytes: original, fileName: 'bang.pdf' }, officer: leader });
    expect([a.number, b.number]).toEqual([1, 2]);
    expect(a.book).toBe('01/2025-SCT/BS');
    for (const c of [a, b]) expect(verifyPdfSignatures(env.ctx, c.pdf)[0]).toMatchObject({ valid: true, trusted: true, signerName: leader.name });
    expect(b.pdf.includes(Buffer.from('/EmbeddedFiles'))).toBe(true);
    const rows = await env.ctx.db.selectFrom('certified_copies').selectAll().orderBy('number').execute();
    expect(rows.map((r) => r.number)).toEqual([1, 2]);
  });
});

describe('portal page /xac-thuc-chu-ky', () => {
  it('shows the form without JavaScript', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/xac-thuc-chu-ky', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('<label for="file"');
  });

  it('anyone uploads a signed PDF and sees the signer and validity; a tampered one is shown invalid', async () => {
    const pdf = await renderPdf((doc) => paragraph(doc, 'Giấy chứng nhận'));
    const { pdf: signed } = await signResult(env.ctx, { pdf, officer: leader });
    const anon = await anonymousCsrf(env.app);
    const u = upload(anon.csrf, signed);
    const res = await env.app.inject({
      method: 'POST',
      url: u.url,
      headers: { cookie: anon.cookie, 'content-type': u.type, accept: 'text/html' },
      payload: u.body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Ngô Văn Chủ Tịch');
    expect(res.body).toContain('Chữ ký hợp lệ, tệp còn nguyên vẹn, chứng thư số được tin cậy.');
    const bad = Buffer.from(signed);
    bad[300] ^= 1;
    const u2 = upload(anon.csrf, bad);
    const res2 = await env.app.inject({
      method: 'POST',
      url: u2.url,
      headers: { cookie: anon.cookie, 'content-type': u2.type, accept: 'text/html' },
      payload: u2.body,
    });
    expect(res2.body).toContain('Chữ ký KHÔNG hợp lệ.');
    expect(res2.body).toContain('Nội dung tệp đã bị thay đổi sau khi ký.');
  });

  it('a file that is not a PDF gets a clear message; the API answers JSON', async () => {
    const anon = await anonymousCsrf(env.app);
    const u = upload(anon.csrf, Buffer.from('not a pdf'), 'x.pdf');
    const res = await env.app.inject({
      method: 'POST',
      url: u.url,
      headers: { cookie: anon.cookie, 'content-type': u.type, accept: 'text/html' },
      payload: u.body,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Tệp tải lên không phải là tệp PDF.');
    const pdf = await renderPdf((doc) => paragraph(doc, 'x'));
    const { pdf: signed } = await signResult(env.ctx, { pdf, officer: leader });
    const a = upload(anon.csrf, signed);
    const api = await env.app.inject({
      method: 'POST',
      url: '/api/v1/signatures/verify',
      headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf, 'content-type': a.type },
      payload: a.body,
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().signatures[0]).toMatchObject({ signerName: leader.name, valid: true, trusted: true });
  });
});
