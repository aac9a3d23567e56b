/**
 * The signer under Node's own module loader, as `npm start` runs it (tsx), not only under vitest:
 * vitest and Node hand a CommonJS package's default export over differently, and the default
 * import of @signpdf/signpdf had no `sign` outside the tests - every result signing job failed in
 * a running system while this suite passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sign-node-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signing under Node’s loader', () => {
  it('signs a PDF through the sandbox gateway and the signature verifies', () => {
    const script = join(dir, 'sign.mts');
    writeFileSync(
      script,
      `import { startSandboxEsign } from ${JSON.stringify(join(root, 'sandbox/esign/server.ts'))};
import { gatewaySigner } from ${JSON.stringify(join(root, 'src/modules/signing/remote-signer.ts'))};
import { verifyPdfSignatures } from ${JSON.stringify(join(root, 'src/modules/signing/verify.ts'))};
import { renderPdf, title } from ${JSON.stringify(join(root, 'src/platform/pdf.ts'))};
const esign = await startSandboxEsign({ port: 0, caDir: ${JSON.stringify(join(dir, 'ca'))}, clientId: 'portal', clientSecret: 'secret-123', autoConfirmMs: 20 });
try {
  const pdf = await renderPdf((doc) => title(doc, 'GIẤY KHAI SINH'));
  const officer = { id: 'o', name: 'Võ Thị Lãnh Đạo', title: 'Giám đốc', unit: 'Sở Tư pháp' };
  const signed = await gatewaySigner({ url: esign.url, clientId: 'portal', clientSecret: 'secret-123', pollMs: 10 }).sign(pdf, officer, 'Phê duyệt');
  const checks = verifyPdfSignatures(signed, [esign.ca.root.certPem]);
  console.log(JSON.stringify(checks.map((c) => ({ valid: c.valid, trusted: c.trusted, signer: c.signerName }))));
} finally {
  await esign.close();
}
`,
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual([{ valid: true, trusted: true, signer: 'Võ Thị Lãnh Đạo' }]);
  }, 150_000);
});
