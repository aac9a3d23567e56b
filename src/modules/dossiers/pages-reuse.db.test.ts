/**
 * The online application offers the applicant's e-data store (TT 01/2023 reuse): the review step
 * shows the stored documents per component; a chosen one stands for the upload, the dossier links
 * the same blob and the reuse is counted; another person's document is refused, nothing created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOutbox } from '../../platform/outbox';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { hiddenValue as hidden } from '../../test/pages';
import { authHeaders, loginCitizen, type Login } from '../../test/login';
import { reuseFacts } from '../warehouse/service';
import { TINY_PDF as PDF, BIRTH_FORM as FORM } from '../../test/fixtures';
import { multipart } from '../../test/multipart';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const FILES = [
  { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
  { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.png', type: 'image/png', bytes: PNG },
];

let env: TestEnv;
let an: Login, binh: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  binh = await loginCitizen(env, '093185004321');
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const post = (url: string, who: Login, fields: Record<string, string>) => {
  const body = new URLSearchParams({ _csrf: who.csrf, ...fields });
  return env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};
function postMultipart(url: string, who: Login, fields: Record<string, string>, files: typeof FILES) {
  const mp = multipart(fields, files);
  return env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': mp.type },
    payload: mp.body,
  });
}
const dossierCount = () => countDossiers(env);
const myDocs = async (who: Login) =>
  (await env.app.inject({ method: 'GET', url: '/api/v1/me/documents', headers: authHeaders(who) })).json().documents as any[];

async function review() {
  const r = await post(`/nop-ho-so/${BIRTH}`, an, { receivingUnitId: P1, ...FORM });
  expect(r.statusCode, r.body.slice(0, 500)).toBe(200);
  return { body: r.body, fields: { receivingUnitId: P1, _data: hidden(r.body, '_data')!, _idem: hidden(r.body, '_idem')! } };
}

describe('reusing a stored document in the online application', () => {
  it('the review step offers the stored căn cước for the identity component, chosen by default', async () => {
    const cc = (await myDocs(an)).find((d) => d.documentType === 'can-cuoc');
    const { body } = await review();
    expect(body).toContain('Dùng giấy tờ đã có trong kho dữ liệu của bạn');
    expect(body).toContain(`name="stored:giay-to-tuy-than" value="${cc.id}" checked`);
    expect(body).toContain('Dùng tài liệu trong kho: Thẻ căn cước công dân');
    expect(body).toContain(cc.code);
    // The birth certificate in the store matches no component of this procedure.
    expect(body).not.toContain('name="stored:to-khai"');
    expect(body).toContain('name="file:giay-to-tuy-than"');
  });

  it('submits with the stored document: no upload for it, the same blob linked, the reuse counted', async () => {
    const cc = (await myDocs(an)).find((d) => d.documentType === 'can-cuoc');
    const { fields } = await review();
    const before = await dossierCount();
    const ok = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { ...fields, 'stored:giay-to-tuy-than': cc.id }, FILES);
    expect(ok.statusCode, ok.body.slice(0, 800)).toBe(303);
    const id = String(ok.headers.location).split('/')[2]!;
    expect(await dossierCount()).toBe(before + 1);
    const file = await env.ctx.db
      .selectFrom('dossier_files')
      .select(['sha256', 'blob_key', 'digitized'])
      .where('dossier_id', '=', id)
      .where('component_key', '=', 'giay-to-tuy-than')
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ sha256: cc.sha256, blob_key: cc.sha256, digitized: true });
    const submit = await env.ctx.db
      .selectFrom('dossier_events')
      .select('data')
      .where('dossier_id', '=', id)
      .where('action', '=', 'submit')
      .executeTakeFirstOrThrow();
    const data = typeof submit.data === 'string' ? JSON.parse(submit.data) : submit.data;
    expect(data.reused).toEqual([expect.objectContaining({ componentKey: 'giay-to-tuy-than', storedDocumentId: cc.id, code: cc.code })]);
    await drainOutbox(env.ctx);
    const [fact] = await reuseFacts(env.ctx, { dossierIds: [id] });
    expect(fact).toMatchObject({ reused: true, reusedComponents: [{ componentKey: 'giay-to-tuy-than', documentCode: cc.code, kind: 1 }] });
    // The applicant's dossier shows the component as an electronic file.
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/digitization`, headers: authHeaders(an) }))
        .json()
        .components.find((c: any) => c.key === 'giay-to-tuy-than'),
    ).toMatchObject({ digitized: true, reused: true });
  });

  it('"upload instead" sends no stored document', async () => {
    const { fields } = await review();
    const ok = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { ...fields, 'stored:giay-to-tuy-than': '' }, FILES);
    expect(ok.statusCode).toBe(303);
    const id = String(ok.headers.location).split('/')[2]!;
    const rows = await env.ctx.db.selectFrom('dossier_files').select('component_key').where('dossier_id', '=', id).execute();
    expect(rows.map((r) => r.component_key).sort()).toEqual(['giay-chung-sinh', 'to-khai']);
  });

  it('refuses another person’s document with a message next to the component; nothing is created', async () => {
    const theirs = (await myDocs(binh)).find((d) => d.documentType === 'can-cuoc');
    const { fields } = await review();
    const before = await dossierCount();
    const bad = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { ...fields, 'stored:giay-to-tuy-than': theirs.id }, FILES);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="error-summary"');
    expect(bad.body).toContain('Không tìm thấy giấy tờ trong kho dữ liệu của bạn');
    expect(bad.body).toContain('id="stored-giay-to-tuy-than-error"');
    expect(bad.body).not.toContain(theirs.id);
    expect(bad.body).not.toContain(theirs.code);
    expect(await dossierCount()).toBe(before);
  });

  it('speaks English', async () => {
    const r = await env.app.inject({
      method: 'POST',
      url: `/nop-ho-so/${BIRTH}`,
      headers: { ...html, cookie: an.cookie, 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: an.csrf, receivingUnitId: P1, ...FORM }).toString(),
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Using the document from your data store: Thẻ căn cước công dân');
  });
});
