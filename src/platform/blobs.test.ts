import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { blobKey, blobStore, localBlobStore, s3BlobStore, sha256Of } from './blobs';
import { checkUpload, sanitizeFileName, sniffType } from './upload-check';
import { signV4, EMPTY_SHA256 } from './sigv4';
import { AppError } from './errors';
import { loadConfig } from '../config';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90), Buffer.from('This program cannot be run in DOS mode.')]);
const zipWith = (...names: string[]) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), ...names.map((n) => Buffer.from(n + '<xml/>'))]);
const DOCX = zipWith('[Content_Types].xml', '_rels/.rels', 'word/document.xml');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'blobs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('local blob store', () => {
  it('round-trips by SHA-256 and stores the same content once', async () => {
    const store = localBlobStore(dir);
    const a = await store.put(PDF);
    expect(a).toEqual({ sha256: sha256Of(PDF), size: PDF.length, mime: 'application/pdf' });
    expect(await store.has(a.sha256)).toBe(true);
    expect(Buffer.compare((await store.get(a.sha256))!, PDF)).toBe(0);
    const again = await store.put(Buffer.from(PDF), { mime: 'application/pdf' });
    expect(again.sha256).toBe(a.sha256);
    const files = await readdir(join(dir, a.sha256.slice(0, 2), a.sha256.slice(2, 4)));
    expect(files).toEqual([a.sha256]); // one file, no temporary left over
    expect((await store.put(Buffer.from('hello'))).mime).toBe('application/octet-stream');
  });
  it('answers null / false for unknown or malformed addresses (no path tricks)', async () => {
    const store = localBlobStore(dir);
    expect(await store.get('0'.repeat(64))).toBeNull();
    expect(await store.has('0'.repeat(64))).toBe(false);
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect(await store.has('ab/../../x')).toBe(false);
    expect(() => blobKey('ABC')).toThrow();
  });
  it('concurrent puts of the same content are fine', async () => {
    const store = localBlobStore(dir);
    const r = await Promise.all(Array.from({ length: 10 }, () => store.put(PNG)));
    expect(new Set(r.map((x) => x.sha256)).size).toBe(1);
    expect((await store.get(r[0]!.sha256))!.equals(PNG)).toBe(true);
  });
  it('blobStore(ctx) follows the settings', async () => {
    const config = loadConfig({ DATA_DIR: dir } as any);
    const s = blobStore({ config });
    expect(s).toBe(blobStore({ config }));
    const b = await s.put(JPEG);
    expect(await localBlobStore(join(dir, 'blobs')).has(b.sha256)).toBe(true);
    expect(() => loadConfig({ BLOB_BACKEND: 's3' } as any)).toThrow(/S3_ENDPOINT/);
  });
});

describe('SigV4', () => {
  it('matches the AWS documented example (S3 GET Object)', () => {
    const h = signV4(
      {
        method: 'GET',
        url: 'https://examplebucket.s3.amazonaws.com/test.txt',
        headers: { Range: 'bytes=0-9' },
        payloadHash: EMPTY_SHA256,
        at: new Date('2013-05-24T00:00:00Z'),
      },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 's3' },
    );
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(h['x-amz-date']).toBe('20130524T000000Z');
  });
  it('matches the AWS documented example (IAM ListUsers, query string)', () => {
    const h = signV4(
      {
        method: 'GET',
        url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        payloadHash: EMPTY_SHA256,
        at: new Date('2015-08-30T12:36:00Z'),
        contentSha256Header: false,
      },
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', region: 'us-east-1', service: 'iam' },
    );
    expect(h.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request,SignedHeaders=content-type;host;x-amz-date,Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });
});

describe('S3 blob store', () => {
  it('PUTs, HEADs and GETs signed, path-style requests; dedupes', async () => {
    const objects = new Map<string, Buffer>();
    const calls: string[] = [];
    const fakeFetch = (async (url: string, init: any) => {
      calls.push(`${init.method} ${new URL(url).pathname}`);
      expect(init.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=KEY\/\d{8}\/ap-southeast-1\/s3\/aws4_request,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$/,
      );
      expect(init.headers.host).toBeUndefined();
      const key = new URL(url).pathname;
      if (init.method === 'PUT') {
        expect(init.headers['x-amz-content-sha256']).toBe(sha256Of(init.body));
        objects.set(key, Buffer.from(init.body));
        return new Response('', { status: 200 });
      }
      const o = objects.get(key);
      if (!o) return new Response('', { status: 404 });
      return new Response(init.method === 'HEAD' ? null : new Uint8Array(o), { status: 200 });
    }) as unknown as typeof fetch;
    const store = s3BlobStore({
      endpoint: 'http://minio:9000/',
      bucket: 'dvc-files',
      region: 'ap-southeast-1',
      accessKeyId: 'KEY',
      secretAccessKey: 'SECRET',
      fetch: fakeFetch,
    });
    const b = await store.put(PDF);
    expect(calls).toEqual([`HEAD /dvc-files/blobs/${blobKey(b.sha256)}`, `PUT /dvc-files/blobs/${blobKey(b.sha256)}`]);
    await store.put(PDF);
    expect(calls.filter((c) => c.startsWith('PUT'))).toHaveLength(1);
    expect((await store.get(b.sha256))!.equals(PDF)).toBe(true);
    expect(await store.get('1'.repeat(64))).toBeNull();
    expect(await store.has('nonsense')).toBe(false);
  });
});

describe('checkUpload', () => {
  const refusal = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return { key: (e as AppError).key, status: (e as AppError).status, params: (e as AppError).params };
    }
    throw new Error('accepted');
  };

  it('sniffs the allowed types from content', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['Họ và tên', 'Nguyễn Thị Ánh']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(sniffType(PDF)).toBe('pdf');
    expect(sniffType(PNG)).toBe('png');
    expect(sniffType(JPEG)).toBe('jpeg');
    expect(sniffType(DOCX)).toBe('docx');
    expect(sniffType(xlsx)).toBe('xlsx');
    expect(sniffType(zipWith('foo.txt'))).toBeNull(); // a plain zip
    expect(sniffType(EXE)).toBeNull();
    expect(sniffType(Buffer.from('<html><script>'))).toBeNull();
    expect(checkUpload(xlsx, 'bảng kê.xlsx', 'application/octet-stream')).toMatchObject({ kind: 'xlsx', name: 'bảng kê.xlsx', corrected: false });
  });

  it('refuses an .exe renamed .pdf, whatever the declared type', () => {
    expect(refusal(() => checkUpload(EXE, 'giay-to.pdf', 'application/pdf'))).toEqual({
      key: 'upload.type_not_allowed',
      status: 400,
      params: { name: 'giay-to.pdf' },
    });
  });

  it('refuses empty and too large files', () => {
    expect(refusal(() => checkUpload(Buffer.alloc(0), 'a.pdf', 'application/pdf')).key).toBe('upload.empty');
    expect(refusal(() => checkUpload(Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024)]), 'a.pdf', 'application/pdf', { maxBytes: 1024 * 1024 }))).toEqual({
      key: 'upload.too_large',
      status: 400,
      params: { name: 'a.pdf', max: 1 },
    });
    expect(refusal(() => checkUpload(PNG, 'a.png', 'image/png', { allowed: ['pdf'] })).key).toBe('upload.type_not_allowed');
  });

  it('accepts a real type and fixes a wrong extension', () => {
    expect(checkUpload(PDF, 'Đơn đề nghị cấp giấy phép.pdf', 'application/pdf')).toEqual({
      kind: 'pdf',
      mime: 'application/pdf',
      size: PDF.length,
      name: 'Đơn đề nghị cấp giấy phép.pdf',
      corrected: false,
    });
    expect(checkUpload(JPEG, 'ảnh CCCD.png', 'image/png')).toMatchObject({ kind: 'jpeg', name: 'ảnh CCCD.jpg', corrected: true });
    expect(checkUpload(JPEG, 'scan.JPEG', 'image/jpeg')).toMatchObject({ name: 'scan.jpeg', corrected: true });
    expect(checkUpload(PNG, 'no-extension', '')).toMatchObject({ name: 'no-extension.png' });
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\An\\Giấy khai sinh.pdf', 'Giấy khai sinh.pdf'],
    ['Hồ sơ\u0000\u0007\n.pdf', 'Hồ sơ.pdf'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  ..hidden.pdf  ', 'hidden.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['', 'tep'],
    ['////', 'tep'],
    ['Quyết   định\tsố 12.docx', 'Quyết định số 12.docx'],
    ['Tie\u0302\u0301ng Vie\u0323\u0302t.pdf', 'Tiếng Việt.pdf'], // decomposed -> NFC
    ['Đắk Lắk – Cần Thơ (bản sao).xlsx', 'Đắk Lắk – Cần Thơ (bản sao).xlsx'],
  ])('%j -> %j', (input, out) => {
    expect(sanitizeFileName(input)).toBe(out);
  });
  it('keeps at most 120 characters and the extension', () => {
    const s = sanitizeFileName('ư'.repeat(300) + '.pdf');
    expect([...s].length).toBe(120);
    expect(s.endsWith('.pdf')).toBe(true);
  });
});
