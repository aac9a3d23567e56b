import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { requireTool } from '../../test/pdf-corpus';
import { DEMO_PROCEDURES } from './demo-data';
import { enumOptions, isChoice, labelOf, leafPaths, schemaAt } from './eform-schema';
import { multipart } from '../../test/multipart';

let env: TestEnv;
let controller: Login;
beforeAll(async () => {
  env = await createTestEnv();
  controller = await loginOfficer(env.app, 'kiemsoat');
});
afterAll(async () => env?.close());

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const templates = async () =>
  (
    await sql<{
      procedure_id: string;
      form_key: string;
      sha256: string;
    }>`SELECT procedure_id, form_key, sha256 FROM procedure_form_templates ORDER BY 1, 2`.execute(env.ctx.db)
  ).rows;

function pdfText(pdf: Buffer): string {
  requireTool('pdftotext');
  const dir = mkdtempSync(join(tmpdir(), 'form-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const flat = (s: string) => s.replace(/\s+/g, ' ');

const templateForm = (name: string, bytes: Buffer, type: string) => multipart({}, [{ field: 'file', name, type, bytes }]);
const PDF = Buffer.from('%PDF-1.4\n% Mẫu chính thức (thử)\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0\0\0\0[Content_Types].xml\0\0word/document.xml\0\0')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function upload(code: string, index: number, who: Login | null, file: { name: string; bytes: Buffer; type: string }) {
  const m = templateForm(file.name, file.bytes, file.type);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/admin/procedures/${code}/forms/${index}/template`,
    headers: { ...(who ? authHeaders(who) : {}), 'content-type': m.type },
    payload: m.body,
  });
}

const KHAI_SINH = DEMO_PROCEDURES.find((p) => p.code === '1.001193')!;

describe('forms to download, printed from the e-form', () => {
  it('prints the form as a PDF with the national header, the agency, every label with its diacritics, ☐ choices and the signature', async () => {
    const res = await get(`/thu-tuc/${KHAI_SINH.code}/mau-don.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('attachment;');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const same = await get(`/thu-tuc/${KHAI_SINH.code}/mau/1.pdf`);
    expect(same.rawPayload.equals(res.rawPayload)).toBe(true);
    const text = flat(pdfText(res.rawPayload));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('TỜ KHAI ĐĂNG KÝ KHAI SINH');
    expect(text).toContain(KHAI_SINH.forms[0]!.code!);
    expect(text).toContain('Kính gửi: Ủy ban nhân dân cấp xã');
    const schema = KHAI_SINH.eForm.schema as any;
    for (const path of leafPaths(schema)) {
      const s = schemaAt(schema, path)!;
      expect(text, path.join('.')).toContain(labelOf(s, path, 'vi'));
      if (isChoice(s)) for (const o of enumOptions(s, 'vi')) expect(text, o.label).toContain(`☐ ${o.label}`);
    }
    expect(text).toContain('NGƯỜI YÊU CẦU');
    expect(text).toContain('(Ký, ghi rõ họ, chữ đệm, tên)');
  });

  it('links each form from the procedure page, with format and size, and in the API detail', async () => {
    const page = await get(`/thu-tuc/${KHAI_SINH.code}`, { accept: 'text/html' });
    expect(page.body).toMatch(/<a href="\/thu-tuc\/1\.001193\/mau\/1\.pdf" download>Tải về: Tờ khai đăng ký khai sinh \(PDF, \d+ KB\)<\/a>/);
    const api = (await get(`/api/v1/procedures/${KHAI_SINH.code}`)).json();
    expect(api.procedure.forms).toEqual([
      {
        name: KHAI_SINH.forms[0]!.name,
        code: KHAI_SINH.forms[0]!.code,
        url: '/thu-tuc/1.001193/mau/1.pdf',
        format: 'PDF',
        size: expect.any(Number),
        official: false,
      },
    ]);
    const pdf = await get(api.procedure.forms[0].url);
    expect(pdf.rawPayload.length).toBe(api.procedure.forms[0].size);
    expect(doc().paths['/api/v1/procedures/{code}']).toBeDefined();
  });

  it('lists each form of a procedure that has several, and answers 404 past the last', async () => {
    const p = DEMO_PROCEDURES.find((x) => x.forms.length > 1)!;
    const api = (await get(`/api/v1/procedures/${p.code}`)).json();
    expect(api.procedure.forms.map((f: any) => f.url)).toEqual(p.forms.map((_, i) => `/thu-tuc/${p.code}/mau/${i + 1}.pdf`));
    expect((await get(`/thu-tuc/${p.code}/mau/${p.forms.length}.pdf`)).statusCode).toBe(200);
    expect((await get(`/thu-tuc/${p.code}/mau/${p.forms.length + 1}.pdf`)).statusCode).toBe(404);
    expect((await get(`/thu-tuc/${p.code}/mau/abc.pdf`)).statusCode).toBe(404);
    expect((await get('/thu-tuc/9.999999/mau-don.pdf')).statusCode).toBe(404);
  });
});

let openapi: any;
const doc = () => openapi;
beforeAll(async () => {
  openapi = (await get('/api/openapi.json')).json();
});

describe('official templates uploaded by a controller', () => {
  const p = DEMO_PROCEDURES.find((x) => x.code !== KHAI_SINH.code && x.forms.length === 1)!;

  it('serves an uploaded PDF instead of the printed form, then a DOCX replacing it', async () => {
    const res = await upload(p.code, 1, controller, { name: 'Mẫu tờ khai.pdf', bytes: PDF, type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ fileName: 'Mẫu tờ khai.pdf', size: PDF.length });
    const api = (await get(`/api/v1/procedures/${p.code}`)).json();
    expect(api.procedure.forms[0]).toMatchObject({ url: `/thu-tuc/${p.code}/mau/1.pdf`, format: 'PDF', size: PDF.length, official: true });
    const file = await get(`/thu-tuc/${p.code}/mau-don.pdf`);
    expect(file.rawPayload.equals(PDF)).toBe(true);
    expect(String(file.headers['content-disposition'])).toContain("filename*=UTF-8''M%E1%BA%ABu%20t%E1%BB%9D%20khai.pdf");

    expect((await upload(p.code, 1, controller, { name: 'mau.docx', bytes: DOCX, type: 'application/octet-stream' })).statusCode).toBe(200);
    const after = (await get(`/api/v1/procedures/${p.code}`)).json();
    expect(after.procedure.forms[0]).toMatchObject({ url: `/thu-tuc/${p.code}/mau/1.docx`, format: 'DOCX', official: true });
    const docx = await get(`/thu-tuc/${p.code}/mau/1.docx`);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.rawPayload.equals(DOCX)).toBe(true);
    const redirect = await get(`/thu-tuc/${p.code}/mau-don.pdf`);
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe(`/thu-tuc/${p.code}/mau/1.docx`);
    const page = await get(`/thu-tuc/${p.code}`, { accept: 'text/html' });
    expect(page.body).toContain(`Tải về: ${p.forms[0]!.name} (DOCX, 1 KB)`);
    expect(page.body).toContain('bản chính thức');
  });

  it('uploads through the editor screen (multipart with the CSRF token) and shows the file in use', async () => {
    const q = DEMO_PROCEDURES.find((x) => x.code !== p.code && x.code !== KHAI_SINH.code && x.forms.length === 1)!;
    const editor = await get(`/quan-tri/thu-tuc/${q.code}/sua`, { ...authHeaders(controller), accept: 'text/html' });
    expect(editor.body).toContain('Tệp mẫu đơn chính thức');
    expect(editor.body).toContain('Đang dùng bản in tự động từ tờ khai điện tử.');
    const m = templateForm('to-khai.pdf', PDF, 'application/pdf');
    const res = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/thu-tuc/${q.code}/mau/1`,
      headers: { cookie: controller.cookie, 'x-csrf-token': controller.csrf, 'content-type': m.type, accept: 'text/html' },
      payload: m.body,
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    const shown = await get(String(res.headers.location), { ...authHeaders(controller), accept: 'text/html' });
    expect(shown.body).toContain('Đã lưu tệp mẫu to-khai.pdf.');
    expect(shown.body).toContain('Đang dùng tệp to-khai.pdf (1 KB).');
    const bad = templateForm('anh.png', PNG, 'image/png');
    const refused = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/thu-tuc/${q.code}/mau/1`,
      headers: { cookie: controller.cookie, 'x-csrf-token': controller.csrf, 'content-type': bad.type, accept: 'text/html' },
      payload: bad.body,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('không phải PDF hoặc DOCX');
  });

  it('refuses a non-controller (403), an anonymous visitor (401/403 without a token), a bad file or form number (400), changing nothing', async () => {
    const q = DEMO_PROCEDURES.find((x) => x.forms.length > 1)!;
    const before = await templates();
    const reception = await loginOfficer(env.app, 'motcua.p1');
    expect((await upload(q.code, 1, reception, { name: 'a.pdf', bytes: PDF, type: 'application/pdf' })).statusCode).toBe(403);
    expect([401, 403]).toContain((await upload(q.code, 1, null, { name: 'a.pdf', bytes: PDF, type: 'application/pdf' })).statusCode);
    const png = await upload(q.code, 1, controller, { name: 'a.pdf', bytes: PNG, type: 'application/pdf' });
    expect(png.statusCode).toBe(400);
    expect(png.json().message).toBe(
      'Tệp a.pdf không phải PDF hoặc DOCX. Mẫu đơn chỉ nhận tệp PDF hoặc DOCX (nội dung tệp được kiểm tra, không dựa vào tên tệp).',
    );
    const exe = await upload(q.code, 1, controller, { name: 'mau.pdf', bytes: Buffer.from('MZ\x90\0this is not a pdf'), type: 'application/pdf' });
    expect(exe.statusCode).toBe(400);
    expect((await upload(q.code, 1, controller, { name: 'a.pdf', bytes: Buffer.alloc(0), type: 'application/pdf' })).statusCode).toBe(400);
    const noForm = await upload(q.code, q.forms.length + 1, controller, { name: 'a.pdf', bytes: PDF, type: 'application/pdf' });
    expect(noForm.statusCode).toBe(400);
    expect(noForm.json().message).toContain(`không có mẫu đơn số ${q.forms.length + 1}`);
    expect((await upload('9.999999', 1, controller, { name: 'a.pdf', bytes: PDF, type: 'application/pdf' })).statusCode).toBe(404);
    expect(await templates()).toEqual(before);
    const api = (await get(`/api/v1/procedures/${q.code}`)).json();
    expect(api.procedure.forms.every((f: any) => !f.official)).toBe(true);
  });
});
