/**
 * Issue 17.4, through HTTP: drafts saved after each step and resumed in another session of the
 * same citizen; resumable uploads (tus 1.0.0) interrupted and resumed, the same chunk sent twice,
 * a connection cut mid-chunk; per-file receipts; a submission refused (nothing written) when an
 * upload is missing, incomplete, another's, its hash differs or its blob is gone; a second click
 * gives one dossier; the plain form without JavaScript still works and keeps the good files.
 */
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobKey } from '../../platform/blobs';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { hiddenValue as hidden } from '../../test/pages';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { BIRTH_FORM as FORM } from '../../test/fixtures';
import { multipart, type MultipartFile } from '../../test/multipart';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2000, 7)]);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const b64 = (s: string) => Buffer.from(s).toString('base64');
const TUS = { 'tus-resumable': '1.0.0' };

let env: TestEnv;
let an: Login, an2: Login, binh: Login, desk: Login;
let PDF: Buffer;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  an2 = await loginCitizen(env, '093090001234'); // the same citizen on another device
  binh = await loginCitizen(env, '093185004321');
  desk = await loginOfficer(env.app, 'motcua.p1');
  const doc = await PDFDocument.create();
  doc.addPage();
  doc.addPage();
  doc.addPage();
  // A 3-page PDF of about 300 KB (padding in a trailing comment), sent in chunks.
  PDF = Buffer.concat([Buffer.from(await doc.save()), Buffer.from(`%${'x'.repeat(300_000)}\n`)]);
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const inject = (o: InjectOptions) => env.app.inject(o);

function create(
  who: Login,
  length: number,
  meta: Record<string, string> = { filename: 'to-khai.pdf', filetype: 'application/pdf', procedure: BIRTH, component: 'to-khai' },
  extra: Record<string, string> = {},
) {
  const m = Object.entries(meta)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');
  return inject({
    method: 'POST',
    url: '/api/v1/uploads',
    headers: { ...authHeaders(who), ...TUS, 'upload-length': String(length), 'upload-metadata': m, ...extra },
  });
}
function patch(who: Login, url: string, offset: number, bytes: Buffer, extra: Record<string, string> = {}) {
  return inject({
    method: 'PATCH',
    url,
    headers: { ...authHeaders(who), ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream', ...extra },
    payload: bytes,
  });
}
const head = (who: Login, url: string) => inject({ method: 'HEAD', url, headers: { ...authHeaders(who), ...TUS } });
const receipt = async (who: Login, url: string) => (await inject({ method: 'GET', url: `${url}/receipt`, headers: authHeaders(who) })).json();
const uploadRow = (id: string) => env.ctx.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const chunkCount = async (id: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('upload_chunks')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('upload_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const dossierCount = () => countDossiers(env);
const draftOf = (personalId: string) =>
  env.ctx.db
    .selectFrom('dossier_drafts')
    .innerJoin('people', 'people.id', 'dossier_drafts.owner_id')
    .selectAll('dossier_drafts')
    .where('people.personal_id', '=', personalId)
    .where('procedure_code', '=', BIRTH)
    .executeTakeFirst();

/** A whole upload through tus in chunks of `size`; its Location. */
async function uploadWhole(who: Login, bytes: Buffer, meta?: Record<string, string>, size = 128 * 1024): Promise<string> {
  const c = await create(who, bytes.length, meta);
  expect(c.statusCode, c.body).toBe(201);
  const url = String(c.headers.location);
  for (let at = 0; at < bytes.length; at += size) {
    const r = await patch(who, url, at, bytes.subarray(at, at + size));
    expect(r.statusCode, r.body).toBe(204);
  }
  return url;
}

const post = (url: string, who: Login, fields: Record<string, string>, lang?: string) =>
  inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', ...(lang ? { 'accept-language': lang } : {}) },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
function postMultipart(who: Login, fields: Record<string, string>, files: MultipartFile[] = [], lang?: string) {
  const mp = multipart(fields, files);
  return inject({
    method: 'POST',
    url: `/nop-ho-so/${BIRTH}/nop`,
    headers: {
      ...html,
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      'content-type': mp.type,
      ...(lang ? { 'accept-language': lang } : {}),
    },
    payload: mp.body,
  });
}

async function review(who: Login) {
  const r = await post(`/nop-ho-so/${BIRTH}`, who, { receivingUnitId: P1, ...FORM });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
  return { body: r.body, fields: { receivingUnitId: P1, _data: hidden(r.body, '_data')!, _idem: hidden(r.body, '_idem')! } };
}
async function discardAll(who: Login) {
  await inject({ method: 'DELETE', url: `/api/v1/me/drafts/${BIRTH}`, headers: authHeaders(who) });
}

describe('tus uploads', () => {
  it('announces the protocol and refuses what is not tus 1.0.0, anonymous or without the CSRF token', async () => {
    const o = await inject({ method: 'OPTIONS', url: '/api/v1/uploads' });
    expect(o.statusCode).toBe(204);
    expect(o.headers['tus-version']).toBe('1.0.0');
    expect(o.headers['tus-extension']).toContain('creation');
    expect(o.headers['tus-max-size']).toBe(String(20 * 1024 * 1024));
    const noTus = await inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...authHeaders(an), 'upload-length': '10' } });
    expect(noTus.statusCode).toBe(412);
    expect(noTus.json().message).toContain('tus phiên bản 1.0.0');
    const anon = await inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...TUS, 'upload-length': '10' } });
    expect(anon.statusCode).toBe(401);
    const noCsrf = await inject({ method: 'POST', url: '/api/v1/uploads', headers: { cookie: an.cookie, ...TUS, 'upload-length': '10' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await env.ctx.db.selectFrom('uploads').selectAll().execute()).toHaveLength(0);
  });

  it('refuses bad announcements: no length, empty, too large, bad metadata, unknown component (Vietnamese, English)', async () => {
    expect((await inject({ method: 'POST', url: '/api/v1/uploads', headers: { ...authHeaders(an), ...TUS } })).json().error).toBe('upload.length_required');
    const empty = await create(an, 0);
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toBe('Tệp to-khai.pdf rỗng.');
    const big = await create(an, 20 * 1024 * 1024 + 1, undefined, { 'accept-language': 'en' });
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toBe('The file to-khai.pdf is larger than allowed (20 MB).');
    const bad = await inject({
      method: 'POST',
      url: '/api/v1/uploads',
      headers: { ...authHeaders(an), ...TUS, 'upload-length': '10', 'upload-metadata': 'filename a b c' },
    });
    expect(bad.json().error).toBe('upload.bad_metadata');
    const comp = await create(an, 10, { filename: 'x.pdf', procedure: BIRTH, component: 'khong-co' });
    expect(comp.statusCode).toBe(400);
    expect(comp.json().error).toBe('dossier.component_unknown');
    expect(await env.ctx.db.selectFrom('uploads').selectAll().execute()).toHaveLength(0);
  });

  it('an upload interrupted mid-way is resumed from another session: HEAD gives the offset, the rest completes it, a receipt', async () => {
    const c = await create(an, PDF.length);
    expect(c.statusCode).toBe(201);
    expect(c.headers['upload-offset']).toBe('0');
    const url = String(c.headers.location);
    expect(url).toMatch(/^\/api\/v1\/uploads\/[0-9a-f-]+$/);
    const half = 150_000;
    expect((await patch(an, url, 0, PDF.subarray(0, half))).headers['upload-offset']).toBe(String(half));
    // ... the connection is lost; later, on the other device:
    const h = await head(an2, url);
    expect(h.statusCode).toBe(200);
    expect(h.headers['upload-offset']).toBe(String(half));
    expect(h.headers['upload-length']).toBe(String(PDF.length));
    expect(h.headers['cache-control']).toContain('no-store');
    expect((await receipt(an2, url)).state).toBe('receiving');
    const rest = await patch(an2, url, half, PDF.subarray(half));
    expect(rest.statusCode, rest.body).toBe(204);
    expect(rest.headers['upload-offset']).toBe(String(PDF.length));
    const r = await receipt(an, url);
    expect(r).toMatchObject({
      state: 'stored',
      name: 'to-khai.pdf',
      size: PDF.length,
      pages: 3,
      sha256: sha(PDF),
      mime: 'application/pdf',
      componentKey: 'to-khai',
    });
    expect(new Date(r.receivedAt).toISOString()).toBe('2026-03-09T02:00:00.000Z');
    const id = url.split('/').pop()!;
    expect(await chunkCount(id)).toBe(0); // the bytes moved into the blob store
    const audit = await env.ctx.db.selectFrom('audit_log').select(['action']).where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['upload.create', 'upload.store']);
  });

  it('the same chunk sent twice is refused with 409 the second time: one copy, the right file', async () => {
    const c = await create(an, PNG.length, { filename: 'giay-chung-sinh.png', filetype: 'image/png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const url = String(c.headers.location);
    const id = url.split('/').pop()!;
    const first = PNG.subarray(0, 1000);
    expect((await patch(an, url, 0, first)).statusCode).toBe(204);
    const again = await patch(an, url, 0, first);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('không khớp vị trí máy chủ đang giữ (1000 byte)');
    const againEn = await patch(an, url, 0, first, { 'accept-language': 'en' });
    expect(againEn.json().message).toContain('does not start where the server stands (1000 bytes)');
    expect(Number((await uploadRow(id)).received)).toBe(1000);
    expect(await chunkCount(id)).toBe(1);
    // Two racing requests at the same offset: one wins.
    const [a, b] = await Promise.all([patch(an, url, 1000, PNG.subarray(1000, 1500)), patch(an, url, 1000, PNG.subarray(1000, 1500))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([204, 409]);
    expect((await patch(an, url, 1500, PNG.subarray(1500))).statusCode).toBe(204);
    expect(await receipt(an, url)).toMatchObject({ state: 'stored', size: PNG.length, pages: 1, sha256: sha(PNG) });
  });

  it('a connection cut in the middle of a chunk keeps nothing of it; the chunk sent again completes the file', async () => {
    const c = await create(an, PNG.length, { filename: 'cut.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const url = String(c.headers.location);
    const id = url.split('/').pop()!;
    await new Promise<void>((resolve) => {
      const req = request(`${env.baseUrl}${url}`, {
        method: 'PATCH',
        headers: { ...authHeaders(an), ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(PNG.length) },
      });
      req.on('error', () => resolve());
      req.write(PNG.subarray(0, 900));
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 150);
    });
    await new Promise((r) => setTimeout(r, 150));
    expect((await head(an, url)).headers['upload-offset']).toBe('0');
    expect(await chunkCount(id)).toBe(0);
    expect((await patch(an, url, 0, PNG)).statusCode).toBe(204);
    expect((await receipt(an, url)).sha256).toBe(sha(PNG));
  });

  it('another person, an officer or a wrong request cannot touch an upload; nothing changes', async () => {
    const c = await create(an, PNG.length, { filename: 'a.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const url = String(c.headers.location);
    const id = url.split('/').pop()!;
    expect((await head(binh, url)).statusCode).toBe(404);
    const p = await patch(binh, url, 0, PNG);
    expect(p.statusCode).toBe(404);
    expect(p.json().message).toBe('Không tìm thấy tệp đang tải lên (hoặc tệp không phải của bạn).');
    expect((await patch(desk, url, 0, PNG)).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: `${url}/receipt`, headers: authHeaders(binh) })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url, headers: { ...authHeaders(binh), ...TUS } })).statusCode).toBe(404);
    // wrong content type, no offset, beyond the length, no CSRF token
    expect((await patch(an, url, 0, PNG, { 'content-type': 'application/octet-stream' })).statusCode).toBe(415);
    const noOffset = await inject({
      method: 'PATCH',
      url,
      headers: { ...authHeaders(an), ...TUS, 'content-type': 'application/offset+octet-stream' },
      payload: PNG,
    });
    expect(noOffset.json().error).toBe('upload.bad_offset');
    expect((await patch(an, url, 0, Buffer.concat([PNG, PNG]))).json().error).toBe('upload.too_long');
    expect(
      (
        await inject({
          method: 'PATCH',
          url,
          headers: { cookie: an.cookie, ...TUS, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream' },
          payload: PNG,
        })
      ).statusCode,
    ).toBe(403);
    const row = await uploadRow(id);
    expect(Number(row.received)).toBe(0);
    expect(row.state).toBe('receiving');
    expect(await chunkCount(id)).toBe(0);
    // The owner may end it (termination).
    expect((await inject({ method: 'DELETE', url, headers: { ...authHeaders(an), ...TUS } })).statusCode).toBe(204);
    expect((await uploadRow(id)).state).toBe('discarded');
    expect((await head(an, url)).statusCode).toBe(404);
  });

  it('a file that is not an allowed type is refused when complete, with the reason in its receipt', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]);
    const c = await create(an, exe.length, { filename: 'to-khai.pdf', procedure: BIRTH, component: 'to-khai' });
    const url = String(c.headers.location);
    const r = await patch(an, url, 0, exe);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('upload.type_not_allowed');
    const rc = await receipt(an, url);
    expect(rc.state).toBe('refused');
    expect(rc.sha256).toBeNull();
    expect(rc.refusal).toContain('không đúng định dạng cho phép');
    expect(await chunkCount(url.split('/').pop()!)).toBe(0);
    expect((await patch(an, url, exe.length, Buffer.alloc(0))).statusCode).toBe(409);
  });

  it('refuses more than 30 unfinished uploads of one person (429); ended ones do not count', async () => {
    const urls: string[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await create(binh, 10, { filename: `t${i}.png` });
      expect(c.statusCode).toBe(201);
      urls.push(String(c.headers.location));
    }
    const over = await create(binh, 10, { filename: 'qua.png' });
    expect(over.statusCode).toBe(429);
    expect(over.json().message).toBe('Bạn đang có quá nhiều tệp tải dở (30). Hãy hoàn tất hoặc bỏ bớt rồi thử lại.');
    for (const u of urls) expect((await inject({ method: 'DELETE', url: u, headers: { ...authHeaders(binh), ...TUS } })).statusCode).toBe(204);
    expect((await create(binh, 10, { filename: 'lai.png' })).statusCode).toBe(201);
  });

  it('an upload not finished within 24 hours expires: 410, nothing more is taken', async () => {
    const c = await create(an, PNG.length, { filename: 'cu.png' });
    const url = String(c.headers.location);
    expect((await patch(an, url, 0, PNG.subarray(0, 100))).statusCode).toBe(204);
    const id = url.split('/').pop()!;
    expect((await uploadRow(id)).expires_at.toISOString()).toBe('2026-03-10T02:00:00.000Z');
    // A day later (the session's own lifetime is shorter, so the row's deadline is moved instead of the clock).
    await env.ctx.db
      .updateTable('uploads')
      .set({ expires_at: new Date(env.clock.now().getTime() - 1000) })
      .where('id', '=', id)
      .execute();
    const h = await head(an, url);
    expect(h.statusCode).toBe(410);
    const p = await patch(an, url, 100, PNG.subarray(100));
    expect(p.statusCode).toBe(410);
    expect(p.json().message).toBe('Tệp tải dở đã quá hạn 24 giờ, không nhận thêm; vui lòng chọn lại tệp.');
    expect(Number((await uploadRow(id)).received)).toBe(100);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/v1/uploads'])).toEqual(expect.arrayContaining(['options', 'post']));
    expect(Object.keys(doc.paths['/api/v1/uploads/{id}'])).toEqual(expect.arrayContaining(['head', 'patch', 'delete']));
    expect(doc.paths['/api/v1/uploads/{id}'].patch.requestBody.content).toHaveProperty(['application/offset+octet-stream']);
    expect(doc.paths['/api/v1/uploads/{id}/receipt'].get).toBeTruthy();
    expect(Object.keys(doc.paths['/api/v1/me/drafts/{code}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
  });
});

describe('drafts', () => {
  it('a draft saved in one session is resumed in another: the answers, then the attachments with their receipts', async () => {
    await discardAll(an);
    // Session 1: part of the form, "Lưu nháp".
    const saved = await post(`/nop-ho-so/${BIRTH}`, an, { _save: '1', receivingUnitId: P1, applicantName: 'Nguyễn Văn An', childName: 'Nguyễn Minh Khang' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/nop-ho-so/${BIRTH}?nhap=1`);
    expect((await inject({ method: 'GET', url: String(saved.headers.location), headers: { ...html, cookie: an.cookie } })).body).toContain('Đã lưu bản nháp');
    expect((await draftOf('093090001234'))?.step).toBe('form');
    // Session 2 (another device): the list in the account, then the form with the answers.
    const mine = await inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { ...html, cookie: an2.cookie } });
    expect(mine.body).toContain('Hồ sơ đang soạn');
    expect(mine.body).toContain('Đang khai thông tin');
    expect(mine.body).toContain(`href="/nop-ho-so/${BIRTH}"`);
    const mineEn = await inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { ...html, cookie: an2.cookie, 'accept-language': 'en' } });
    expect(mineEn.body).toContain('Applications in progress');
    expect(mineEn.body).toContain('Filling in the form');
    const form = await inject({ method: 'GET', url: `/nop-ho-so/${BIRTH}`, headers: { ...html, cookie: an2.cookie } });
    expect(form.body).toContain('Bạn đang tiếp tục bản nháp lưu lúc');
    // The long form is asked by section (issue 13.7): the resumed draft opens at its first unfinished section, the child's answers are on section 2.
    expect(form.body).toContain('Bước 1/6');
    const section2 = await inject({ method: 'GET', url: `/nop-ho-so/${BIRTH}?buoc=2`, headers: { ...html, cookie: an2.cookie } });
    expect(section2.body).toContain('value="Nguyễn Minh Khang"');
    // Another citizen sees none of it.
    expect((await inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { ...html, cookie: binh.cookie } })).body).not.toContain('Hồ sơ đang soạn');
    expect((await inject({ method: 'GET', url: `/nop-ho-so/${BIRTH}`, headers: { ...html, cookie: binh.cookie } })).body).not.toContain('Nguyễn Minh Khang');
    // Session 2 completes the form: the draft moves to the attachments step.
    const { fields } = await review(an2);
    expect((await draftOf('093090001234'))?.step).toBe('review');
    // Session 1 uploads a file; session 2 sees its receipt on the resumed review.
    const url = await uploadWhole(an, PDF);
    const again = await inject({ method: 'GET', url: `/nop-ho-so/${BIRTH}`, headers: { ...html, cookie: an2.cookie } });
    expect(again.body).toContain('Kiểm tra thông tin');
    expect(again.body).toContain('Đã nhận tệp to-khai.pdf');
    expect(again.body).toContain('3 trang');
    expect(again.body).toContain(sha(PDF));
    expect(hidden(again.body, 'upload:to-khai')).toBe(url.split('/').pop());
    expect(hidden(again.body, '_idem')).toBe(fields._idem); // the same submission key on both devices
    const api = (await inject({ method: 'GET', url: `/api/v1/me/drafts/${BIRTH}`, headers: authHeaders(an2) })).json();
    expect(api).toMatchObject({
      step: 'review',
      receivingUnitId: P1,
      uploads: expect.arrayContaining([expect.objectContaining({ state: 'stored', componentKey: 'to-khai', sha256: sha(PDF) })]),
    });
    expect((await inject({ method: 'GET', url: `/api/v1/me/drafts/${BIRTH}`, headers: authHeaders(binh) })).statusCode).toBe(404);
    expect((await inject({ method: 'GET', url: '/api/v1/me/drafts', headers: authHeaders(desk) })).statusCode).toBe(403);
  });

  it('autosave from the page script saves the answers as they are (204)', async () => {
    const r = await post(`/nop-ho-so/${BIRTH}`, an, { _autosave: '1', receivingUnitId: P1, applicantName: 'Nguyễn Văn An', childName: 'Bé Na' });
    expect(r.statusCode).toBe(204);
    const d = await draftOf('093090001234');
    expect(JSON.stringify(d?.data)).toContain('Bé Na');
    expect(d?.step).toBe('form');
  });

  it('a draft is discarded with its uploads; discarding none is refused', async () => {
    await review(an);
    const url = await uploadWhole(an, PNG, { filename: 'g.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const r = await post(`/nop-ho-so/${BIRTH}/bo-nhap`, an, {});
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/ho-so-cua-toi?bo-nhap=1');
    expect(await draftOf('093090001234')).toBeUndefined();
    expect((await uploadRow(url.split('/').pop()!)).state).toBe('discarded');
    const none = await inject({ method: 'DELETE', url: `/api/v1/me/drafts/${BIRTH}`, headers: { ...authHeaders(an), 'accept-language': 'en' } });
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toBe('There is no draft for this procedure.');
    const big = await inject({ method: 'PUT', url: `/api/v1/me/drafts/${BIRTH}`, headers: authHeaders(an), payload: { data: { x: 'a'.repeat(70_000) } } });
    expect(big.statusCode).toBe(400);
    expect(big.json().message).toBe('Bản nháp quá lớn (tối đa 64 KB).');
    expect(await draftOf('093090001234')).toBeUndefined();
  });
});

describe('submitting with acknowledged uploads', () => {
  it('refuses an abandoned (incomplete) upload, another’s, a wrong hash, a lost blob: a clear message, nothing written', async () => {
    await discardAll(an);
    const { fields } = await review(an);
    const png = await uploadWhole(an, PNG, { filename: 'g.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const pngRef = { 'upload:giay-chung-sinh': png.split('/').pop()!, 'sha:giay-chung-sinh': sha(PNG) };
    // abandoned: half the PDF, then the citizen submits anyway
    const c = await create(an, PDF.length);
    const half = String(c.headers.location);
    await patch(an, half, 0, PDF.subarray(0, 100_000));
    const before = await dossierCount();
    const r1 = await postMultipart(an, { ...fields, ...pngRef, 'upload:to-khai': half.split('/').pop()!, 'sha:to-khai': sha(PDF) });
    expect(r1.statusCode).toBe(400);
    expect(r1.body).toContain(`Tệp to-khai.pdf chưa tải lên xong (100000/${PDF.length} byte)`);
    const en = await postMultipart(an, { ...fields, ...pngRef, 'upload:to-khai': half.split('/').pop()!, 'sha:to-khai': sha(PDF) }, [], 'en');
    expect(en.body).toContain('has not finished uploading');
    // another citizen's upload
    const theirs = await uploadWhole(binh, PDF);
    const r2 = await postMultipart(an, { ...fields, ...pngRef, 'upload:to-khai': theirs.split('/').pop()!, 'sha:to-khai': sha(PDF) });
    expect(r2.statusCode).toBe(400);
    expect(r2.body).toContain('Không tìm thấy tệp đã tải lên cho thành phần này');
    // its hash differs from the receipt the form names
    const mine = await uploadWhole(an, PDF);
    const r3 = await postMultipart(an, { ...fields, ...pngRef, 'upload:to-khai': mine.split('/').pop()!, 'sha:to-khai': sha(PNG) });
    expect(r3.statusCode).toBe(400);
    expect(r3.body).toContain('không khớp mã băm SHA-256');
    // the blob is gone from the store
    const lone = Buffer.concat([PNG, Buffer.from('lost')]);
    const lost = await uploadWhole(an, lone, { filename: 'lost.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    await unlink(join(env.ctx.config.DATA_DIR, 'blobs', ...blobKey(sha(lone)).split('/')));
    const r4 = await postMultipart(an, {
      ...fields,
      'upload:giay-chung-sinh': lost.split('/').pop()!,
      'sha:giay-chung-sinh': sha(lone),
      'upload:to-khai': mine.split('/').pop()!,
      'sha:to-khai': sha(PDF),
    });
    expect(r4.statusCode).toBe(400);
    expect(r4.body).toContain('Tệp lost.png không còn đầy đủ trong kho lưu trữ');
    expect(await dossierCount()).toBe(before);
    expect(await env.ctx.db.selectFrom('uploads').select('id').where('dossier_id', 'is not', null).execute()).toHaveLength(0);
    expect(await draftOf('093090001234')).toBeTruthy();
  });

  it('accepts acknowledged uploads: the files are the uploaded bytes, the draft is gone; a second click gives the same dossier', async () => {
    await discardAll(an);
    const { fields } = await review(an);
    const pdf = await uploadWhole(an, PDF);
    const png = await uploadWhole(an, PNG, { filename: 'giay-chung-sinh.png', procedure: BIRTH, component: 'giay-chung-sinh' });
    const refs = {
      'upload:to-khai': pdf.split('/').pop()!,
      'sha:to-khai': sha(PDF),
      'upload:giay-chung-sinh': png.split('/').pop()!,
      'sha:giay-chung-sinh': sha(PNG),
    };
    const before = await dossierCount();
    const ok = await postMultipart(an, { ...fields, ...refs, 'stored:giay-to-tuy-than': '' }, [
      { field: 'file:giay-to-tuy-than', name: 'cccd.png', type: 'image/png', bytes: PNG },
    ]);
    expect(ok.statusCode, ok.body.slice(0, 800)).toBe(303);
    const id = String(ok.headers.location).split('/')[2]!;
    const again = await postMultipart(an, { ...fields, ...refs, 'stored:giay-to-tuy-than': '' }, [
      { field: 'file:giay-to-tuy-than', name: 'cccd.png', type: 'image/png', bytes: PNG },
    ]);
    expect(again.statusCode).toBe(303);
    expect(String(again.headers.location).split('/')[2]).toBe(id);
    expect(await dossierCount()).toBe(before + 1);
    const files = await env.ctx.db
      .selectFrom('dossier_files')
      .select(['component_key', 'sha256', 'size'])
      .where('dossier_id', '=', id)
      .orderBy('component_key')
      .execute();
    expect(files).toEqual([
      { component_key: 'giay-chung-sinh', sha256: sha(PNG), size: PNG.length },
      { component_key: 'giay-to-tuy-than', sha256: sha(PNG), size: PNG.length },
      { component_key: 'to-khai', sha256: sha(PDF), size: PDF.length },
    ]);
    // The bytes behind each file are there, whole.
    const dl = await inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(an) });
    expect(dl.statusCode).toBe(200);
    expect((await uploadRow(pdf.split('/').pop()!)).dossier_id).toBe(id);
    expect(await draftOf('093090001234')).toBeUndefined();
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'draft.submitted').execute();
    expect(audit).toHaveLength(1);
    // Used once: a new dossier cannot name the same upload.
    const { fields: f2 } = await review(an);
    const reuse = await postMultipart(an, { ...f2, ...refs });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.body).toContain('Tệp này đã thuộc một hồ sơ đã nộp');
    expect(await dossierCount()).toBe(before + 1);
  });

  it('without JavaScript: the plain form still submits; a refused submission keeps the good files as receipts', async () => {
    await discardAll(an);
    const { fields, body } = await review(an);
    expect(body).toContain('name="file:to-khai"');
    expect(body).toMatch(/name="upload:to-khai" value(="")?\/>/);
    const before = await dossierCount();
    // Only one file: refused (components missing), but the file is kept and acknowledged.
    const bad = await postMultipart(an, { ...fields, 'stored:giay-to-tuy-than': '' }, [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Hồ sơ còn thiếu thành phần');
    expect(bad.body).toContain('Đã nhận tệp to-khai.pdf');
    const kept = hidden(bad.body, 'upload:to-khai')!;
    expect(kept).toMatch(/^[0-9a-f-]{36}$/);
    expect(hidden(bad.body, 'sha:to-khai')).toBe(sha(PDF));
    expect(await dossierCount()).toBe(before);
    // The form as re-rendered, with the missing files: accepted.
    const ok = await postMultipart(
      an,
      {
        receivingUnitId: P1,
        _data: hidden(bad.body, '_data')!,
        _idem: hidden(bad.body, '_idem')!,
        'upload:to-khai': kept,
        'sha:to-khai': hidden(bad.body, 'sha:to-khai')!,
        'stored:giay-to-tuy-than': '',
      },
      [
        { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.png', type: 'image/png', bytes: PNG },
        { field: 'file:giay-to-tuy-than', name: 'cccd.png', type: 'image/png', bytes: PNG },
      ],
    );
    expect(ok.statusCode, ok.body.slice(0, 800)).toBe(303);
    expect(await dossierCount()).toBe(before + 1);
    const id = String(ok.headers.location).split('/')[2]!;
    const f = await env.ctx.db
      .selectFrom('dossier_files')
      .select(['sha256'])
      .where('dossier_id', '=', id)
      .where('component_key', '=', 'to-khai')
      .executeTakeFirstOrThrow();
    expect(f.sha256).toBe(sha(PDF));
  });
});
