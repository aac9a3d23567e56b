/**
 * Signing the PDFs people really have (issue 13 item 2): each file of the corpus, made by its
 * real producer, is signed through the sandbox eSign gateway, then checked by our verifier, by
 * poppler's pdfsig and by `openssl cms -verify`. Encrypted and damaged files are refused by the
 * same preparation that upload runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { startSandboxEsign, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { badPdfs, buildPdfCorpus, requireTool, type CorpusFile } from '../../test/pdf-corpus';
import { checkSignablePdf } from './prepare';
import { gatewaySigner } from './remote-signer';
import { findSignatures, verifyPdfSignatures } from './verify';

const officer = { id: 'officer-chutich.p1', name: 'Ngô Văn Chủ Tịch', title: 'Chủ tịch', unit: 'UBND Phường Ninh Kiều' };
let dir: string;
let esign: SandboxEsignHandle;
let corpus: CorpusFile[] = [];
const signed = new Map<string, Buffer>();
/** The corpus file of a producer: every producer is required, so a missing file fails. */
const fileOf = (name: string): CorpusFile => {
  const f = corpus.find((c) => c.name === name);
  if (!f) throw new Error(`no corpus file from ${name}`);
  return f;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'real-pdfs-'));
  esign = await startSandboxEsign({ port: 0, caDir: join(dir, 'ca'), clientId: 'portal', clientSecret: 'secret-123', autoConfirmMs: 5 });
  corpus = await buildPdfCorpus(dir);
  const signer = gatewaySigner({ url: esign.url, clientId: 'portal', clientSecret: 'secret-123', pollMs: 5 });
  for (const f of corpus) signed.set(f.name, await signer.sign(f.bytes, officer, 'Phê duyệt kết quả giải quyết TTHC'));
}, 300_000);
afterAll(async () => {
  await esign?.close();
  rmSync(dir, { recursive: true, force: true });
});

const producers = [
  'pdfkit',
  'libreoffice',
  'ghostscript',
  'pdf/a (ghostscript)',
  'large, 300 pages (ghostscript)',
  'scanned image (img2pdf)',
  'qpdf object streams + xref stream',
  'incremental update',
];

describe('the real-PDF corpus', () => {
  it('has every producer', () => {
    expect(corpus.map((f) => f.name).sort()).toEqual([...producers].sort());
  });

  it('the qpdf file really uses object streams and a cross-reference stream; the incremental one has /Prev', () => {
    const objstm = fileOf('qpdf object streams + xref stream');
    expect(objstm.bytes.toString('latin1')).toMatch(/\/Type\s*\/ObjStm/);
    expect(objstm.bytes.toString('latin1')).toMatch(/\/Type\s*\/XRef/);
    expect(fileOf('incremental update').bytes.toString('latin1')).toMatch(/\/Prev \d+/);
  });

  it.each(producers)('%s: signed, valid, trusted, whole document covered, same pages', async (name) => {
    const f = fileOf(name);
    const out = signed.get(name)!;
    const [check, ...more] = verifyPdfSignatures(out, [esign.ca.root.certPem]);
    expect(more).toHaveLength(0);
    expect(check).toMatchObject({ signerName: officer.name, valid: true, trusted: true, coversWholeDocument: true, problems: [] });
    const before = await PDFDocument.load(f.bytes, { updateMetadata: false });
    const after = await PDFDocument.load(out, { updateMetadata: false });
    expect(after.getPageCount()).toBe(before.getPageCount());
  });

  it.each(producers)('%s: pdfsig says the signature is valid and covers the total document', (name) => {
    requireTool('pdfsig');
    const file = join(dir, `signed-${name.replace(/\W+/g, '-')}.pdf`);
    writeFileSync(file, signed.get(fileOf(name).name)!);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const text = r.stdout + r.stderr;
    expect(text).toMatch(/Signature Validation: Signature is Valid/);
    expect(text).toMatch(/Total document signed/);
    expect(text).toContain(officer.name);
  });

  it.each(producers)('%s: openssl cms -verify accepts the CMS over the signed ranges, chained to the sandbox root', (name) => {
    requireTool('openssl');
    const out = signed.get(fileOf(name).name)!;
    const [{ byteRange, contents }] = findSignatures(out);
    const [a, b, c, d] = byteRange;
    const tag = name.replace(/\W+/g, '-');
    writeFileSync(join(dir, `${tag}.bin`), Buffer.concat([out.subarray(a, a + b), out.subarray(c, c + d)]));
    writeFileSync(join(dir, `${tag}.der`), contents);
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
        join(dir, `${tag}.der`),
        '-content',
        join(dir, `${tag}.bin`),
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
  });
});

describe('files that cannot be signed are recognised before signing', () => {
  it('every corpus file passes the upload check', async () => {
    for (const f of corpus) await expect(checkSignablePdf(f.bytes), f.name).resolves.toBeUndefined();
  });

  it('encrypted and damaged files are refused with the reason', async () => {
    const bad = badPdfs(dir, corpus[0]!.bytes);
    expect(bad.map((b) => b.name)).toEqual(['encrypted (password to open)', 'encrypted (owner password only)', 'truncated', 'header then garbage']);
    for (const b of bad) await expect(checkSignablePdf(b.bytes), b.name).rejects.toMatchObject({ key: b.key });
  });
});
