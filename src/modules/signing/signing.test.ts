import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import signpdf from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { createHash } from 'node:crypto';
import { renderPdf, title, paragraph } from '../../platform/pdf';
import { startSandboxEsign, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { openSandboxCa } from '../../../sandbox/esign/ca';
import { buildDetachedCms } from '../../../sandbox/esign/cms';
import { hasTool, requireTool } from '../../test/pdf-corpus';
import { addSignatureField, gatewaySigner } from './remote-signer';
import { findSignatures, verifyPdfSignatures } from './verify';

const officer = { id: 'officer-lanhdao.stp', name: 'Võ Thị Lãnh Đạo', title: 'Giám đốc', unit: 'Sở Tư pháp tỉnh Hậu Giang' };
let dir: string;
let esign: SandboxEsignHandle;
let signed: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'esign-'));
  esign = await startSandboxEsign({ port: 0, caDir: join(dir, 'ca'), clientId: 'portal', clientSecret: 'secret-123', autoConfirmMs: 20 });
  const pdf = await renderPdf((doc) => {
    title(doc, 'GIẤY KHAI SINH');
    paragraph(doc, 'Họ, chữ đệm và tên: Nguyễn Thị Ánh Dương');
  });
  signed = await gatewaySigner({ url: esign.url, clientId: 'portal', clientSecret: 'secret-123', pollMs: 10 }).sign(
    pdf,
    officer,
    'Phê duyệt kết quả giải quyết TTHC',
  );
});
afterAll(async () => {
  await esign?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('signing through the sandbox eSign gateway', () => {
  it('signs, and the signature verifies, covers the document and is trusted', () => {
    const [check, ...more] = verifyPdfSignatures(signed, [esign.ca.root.certPem]);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({
      signerName: officer.name,
      issuer: 'Sandbox Root CA - Dịch vụ công',
      valid: true,
      coversWholeDocument: true,
      trusted: true,
      problems: [],
    });
    expect(check.reason).toBe('Phê duyệt kết quả giải quyết TTHC');
    expect(Math.abs(new Date(check.signedAt!).getTime() - Date.now())).toBeLessThan(60_000);
    expect(check.signerSubject).toContain('O=Sở Tư pháp tỉnh Hậu Giang');
  });

  it('a changed byte makes the signature invalid', () => {
    const [{ byteRange }] = findSignatures(signed);
    const tampered = Buffer.from(signed);
    // a byte inside the page content (before the signature field)
    const i = Math.floor(byteRange[1] / 2);
    tampered[i] = tampered[i] ^ 0x01;
    const [check] = verifyPdfSignatures(tampered, [esign.ca.root.certPem]);
    expect(check.valid).toBe(false);
    expect(check.trusted).toBe(false);
    expect(check.problems).toContain('signing.problem.modified');
  });

  it('bytes appended after signing are reported (signature no longer covers the whole document)', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended\n1 0 obj\n<<>>\nendobj\n')]);
    const [check] = verifyPdfSignatures(appended, [esign.ca.root.certPem]);
    expect(check.valid).toBe(true);
    expect(check.coversWholeDocument).toBe(false);
  });

  it('a certificate that does not come from the trusted CA is untrusted', async () => {
    const other = openSandboxCa(join(dir, 'other-ca'));
    const kc = other.signerCert({ id: 'x', name: 'Kẻ Mạo Danh' });
    class LocalSigner extends Signer {
      override async sign(content: Buffer) {
        return buildDetachedCms({ signer: kc, chain: [other.root.certPem], digest: createHash('sha256').update(content).digest(), signingTime: new Date() });
      }
    }
    const pdf = await renderPdf((doc) => paragraph(doc, 'Tài liệu giả mạo'));
    const forged = await signpdf.sign(await addSignatureField(pdf, { name: 'Kẻ Mạo Danh', title: '', unit: '' }, 'Giả mạo'), new LocalSigner());
    const [check] = verifyPdfSignatures(forged, [esign.ca.root.certPem]);
    expect(check).toMatchObject({ signerName: 'Kẻ Mạo Danh', valid: true, trusted: false });
    expect(check.problems).toContain('signing.problem.untrusted');
  });

  it('an unsigned PDF has no signatures', async () => {
    expect(verifyPdfSignatures(await renderPdf((doc) => paragraph(doc, 'x')), [esign.ca.root.certPem])).toEqual([]);
  });

  it('the sandbox refuses a caller without the client secret', async () => {
    const res = await fetch(`${esign.url}/v1/signatures`, { method: 'POST', headers: { authorization: 'Bearer wrong', 'x-client-id': 'portal' }, body: '{}' });
    expect(res.status).toBe(401);
  });
});

describe('independent check with poppler pdfsig and openssl', () => {
  it('pdfsig validates the signature', () => {
    requireTool('pdfsig');
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, signed);
    const out = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const text = out.stdout + out.stderr;
    expect(text).toMatch(/Signature Validation: Signature is Valid/);
    expect(text).toContain('Võ Thị Lãnh Đạo');
    expect(text).toMatch(/Signed Ranges: \[0 - \d+\], \[\d+ - \d+\]/);
    expect(text).toMatch(/Total document signed/);

    const tampered = Buffer.from(signed);
    tampered[200] ^= 0x01;
    writeFileSync(file, tampered);
    const bad = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(bad.stdout + bad.stderr).not.toMatch(/Signature Validation: Signature is Valid/);
  });

  // certutil (Debian libnss3-tools) is optional on a workstation; .ci/run installs it and checks it is there.
  it.skipIf(!hasTool('certutil'))('pdfsig trusts the certificate once the sandbox root is in an NSS database (needs certutil, libnss3-tools)', () => {
    requireTool('pdfsig');
    const file = join(dir, 'signed-trusted.pdf');
    writeFileSync(file, signed);
    const nss = join(dir, 'nss');
    execFileSync('mkdir', ['-p', nss]);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
    writeFileSync(join(dir, 'root.pem'), esign.ca.root.certPem);
    execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'sandbox-root', '-t', 'CT,C,C', '-i', join(dir, 'root.pem')]);
    const out = spawnSync('pdfsig', ['-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
    const text = out.stdout + out.stderr;
    expect(text).toMatch(/Signature Validation: Signature is Valid/);
    expect(text).toMatch(/Certificate Validation: Certificate is Trusted/);
  });

  it('openssl cms -verify accepts the extracted CMS over the signed bytes, chained to the sandbox root', () => {
    requireTool('openssl');
    const [{ byteRange, contents }] = findSignatures(signed);
    const [a, b, c, d] = byteRange;
    writeFileSync(join(dir, 'content.bin'), Buffer.concat([signed.subarray(a, a + b), signed.subarray(c, c + d)]));
    writeFileSync(join(dir, 'sig.der'), contents);
    writeFileSync(join(dir, 'root.pem'), esign.ca.root.certPem);
    const ok = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        join(dir, 'root.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(ok.stderr).toMatch(/Verification successful/);
    expect(ok.status).toBe(0);
    writeFileSync(join(dir, 'content.bin'), Buffer.concat([Buffer.from('x'), signed.subarray(1, b), signed.subarray(c, c + d)]));
    const bad = spawnSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        join(dir, 'sig.der'),
        '-content',
        join(dir, 'content.bin'),
        '-CAfile',
        join(dir, 'root.pem'),
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8' },
    );
    expect(bad.status).not.toBe(0);
  });
});
