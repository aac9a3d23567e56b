/**
 * The e-data store through HTTP against a real database: filled from received dossiers and
 * issued results (through the 'dossier.event' subscriber), reused by a new application,
 * downloaded and shared by its owner, seen by officers only through a dossier they handle,
 * electronic certified copies; every refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxEsign, sandboxCaDir, type SandboxEsignHandle } from '../../../sandbox/esign/server';
import { drainOutbox } from '../../platform/outbox';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { getProcedureSnapshot } from '../catalogue/service';
import { formData } from '../dossiers/generator/eform-data';
import { createRng } from '../dossiers/generator/random';
import { gatewaySigner } from '../signing/remote-signer';
import { setRemoteSigner, verifyPdfSignatures } from '../signing/service';
import { DEMO } from '../units/demo';
import { certifiedCopyFacts, digitizationFacts, reuseFacts, syncDossier } from './service';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { multipart, payloadMultipart, type MultipartFile } from '../../test/multipart';

const KHAI_SINH = '1.001193';
const PDF2 = Buffer.from('%PDF-1.4\n% chung sinh\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const RESULT = Buffer.concat([Buffer.from('%PDF-1.4\n% giay khai sinh\n'), PDF.subarray(9)]);
const AN = {
  name: 'Nguyễn Văn An',
  idNumber: '093090001234',
  phone: '0912345678',
  email: 'nguyenvanan@example.vn',
  address: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh',
  birthDate: '1990-05-14',
  male: true,
};

let env: TestEnv;
let esign: SandboxEsignHandle;
let an: Login, binh: Login, deskP1: Login, tuphapP1: Login, chutichP1: Login, deskTinh: Login, stp: Login;
let form: Record<string, unknown>;
const drain = () => drainOutbox(env.ctx);

const get = (who: Login | null, url: string) => env.app.inject({ method: 'GET', url, headers: who ? authHeaders(who) : {} });

async function submit(who: Login, payload: Record<string, unknown>, files: MultipartFile[]) {
  const mp = payloadMultipart(payload, files);
  return env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
}

async function act(who: Login, id: string, action: string) {
  const cur = await get(deskP1, `/api/v1/dossiers/${id}`);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { version: cur.json().dossier.version },
  });
}

/** Receives the dossier and walks it to result_ready with the Phường I officers, then attaches the result. */
async function processToResult(id: string) {
  expect((await act(deskP1, id, 'receive')).statusCode).toBe(200);
  for (let i = 0; i < 6; i++) {
    const d = (await get(deskP1, `/api/v1/dossiers/${id}`)).json().dossier;
    if (d.state === 'result_ready') break;
    const who = d.step.role === 'reception' ? deskP1 : d.step.role === 'leader' ? chutichP1 : tuphapP1;
    const fwd = await act(who, id, 'forward');
    if (fwd.statusCode !== 200) expect((await act(who, id, 'approve')).statusCode).toBe(200);
  }
  const up = multipart({ kind: 'result' }, [{ field: 'file', name: 'giay-khai-sinh.pdf', type: 'application/pdf', bytes: RESULT }]);
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/files`,
    headers: { ...authHeaders(chutichP1), 'content-type': up.type },
    payload: up.body,
  });
  expect(r.statusCode, r.body).toBe(201);
}

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  const c = env.ctx.config.esign;
  esign = await startSandboxEsign({
    port: 0,
    caDir: sandboxCaDir(env.ctx.config.DATA_DIR),
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    autoConfirmMs: 10,
  });
  setRemoteSigner(gatewaySigner({ url: esign.url, clientId: c.clientId, clientSecret: c.clientSecret, pollMs: 10 }));
  an = await loginCitizen(env, '093090001234');
  binh = await loginCitizen(env, '093185004321');
  deskP1 = await loginOfficer(env.app, 'motcua.p1');
  tuphapP1 = await loginOfficer(env.app, 'tuphap.p1');
  chutichP1 = await loginOfficer(env.app, 'chutich.p1');
  deskTinh = await loginOfficer(env.app, 'motcua.tinh');
  stp = await loginOfficer(env.app, 'chuyenvien.stp');
  const snap = (await getProcedureSnapshot(env.ctx, KHAI_SINH))!;
  form = formData(snap.eForm.schema, { person: AN }, createRng(7));
}, 60_000);
afterAll(async () => {
  setRemoteSigner(null);
  await esign?.close();
  await env?.close();
});

let anDocs: any[];
let reuseDossierId: string;

describe('the owner’s store', () => {
  it('holds the demo documents with their codes, issuing bodies and validity', async () => {
    const r = await get(an, '/api/v1/me/documents');
    expect(r.statusCode).toBe(200);
    anDocs = r.json().documents;
    const types = anDocs.map((d: any) => d.documentType).sort();
    expect(types).toEqual(['can-cuoc', 'giay-khai-sinh']);
    const cc = anDocs.find((d: any) => d.documentType === 'can-cuoc');
    expect(cc).toMatchObject({
      owner: { kind: 'citizen', id: '093090001234' },
      issuedOn: '2021-04-10',
      validFrom: '2021-04-10',
      validTo: null,
      contentType: 'application/pdf',
      digitized: true,
    });
    expect(cc.code).toMatch(/^KQ\.\d{3}\.\d{2}\.\d{2}\.H\d{2}\.can-cuoc\.\d{6}$/);
    expect((await get(an, '/api/v1/me/documents?documentType=giay-khai-sinh')).json().documents).toHaveLength(1);
    // Bình sees only hers.
    expect((await get(binh, '/api/v1/me/documents')).json().documents.map((d: any) => d.owner.id)).toEqual(['093185004321', '093185004321']);
  });

  it('downloads a document; another citizen gets 404, an officer 403, nobody 401', async () => {
    const cc = anDocs.find((d: any) => d.documentType === 'can-cuoc');
    const ok = await get(an, `/api/v1/me/documents/${cc.id}/file`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pdf');
    expect(ok.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(binh, `/api/v1/me/documents/${cc.id}/file`)).statusCode).toBe(404);
    expect((await get(deskP1, `/api/v1/me/documents/${cc.id}/file`)).statusCode).toBe(403);
    expect((await get(deskP1, '/api/v1/me/documents')).statusCode).toBe(403);
    expect((await get(null, `/api/v1/me/documents/${cc.id}/file`)).statusCode).toBe(401);
  });
});

describe('reuse in a new application', () => {
  it('a stored document stands for a component; the blob is linked, the reuse counted with the document’s code', async () => {
    const cc = anDocs.find((d: any) => d.documentType === 'can-cuoc');
    const r = await submit(
      an,
      { procedureCode: KHAI_SINH, receivingUnitId: DEMO.ubndPhuong1, data: form, storedDocuments: { 'giay-to-tuy-than': { storedDocumentId: cc.id } } },
      [
        { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
        { field: 'file:giay-chung-sinh', name: 'chung-sinh.pdf', type: 'application/pdf', bytes: PDF2 },
      ],
    );
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json().dossier;
    reuseDossierId = d.id;
    expect(d.files.find((f: any) => f.componentKey === 'giay-to-tuy-than')).toMatchObject({ kind: 'component', digitized: true, size: cc.size });
    const file = await env.ctx.db
      .selectFrom('dossier_files')
      .select(['sha256', 'blob_key'])
      .where('dossier_id', '=', d.id)
      .where('component_key', '=', 'giay-to-tuy-than')
      .executeTakeFirstOrThrow();
    expect(file).toEqual({ sha256: cc.sha256, blob_key: cc.sha256 });
    await drain();
    const [fact] = await reuseFacts(env.ctx, { dossierIds: [d.id] });
    expect(fact).toMatchObject({
      reused: true,
      fromNationalStore: false,
      reusedComponents: [{ componentKey: 'giay-to-tuy-than', documentCode: cc.code, kind: 1 }],
    });
    const byPeriod = await reuseFacts(env.ctx, { from: new Date('2026-03-01'), to: new Date('2026-04-01') });
    expect(byPeriod.map((f) => f.dossierId)).toEqual([d.id]);

    const dig = await get(an, `/api/v1/dossiers/${d.id}/digitization`);
    expect(dig.statusCode).toBe(200);
    expect(dig.json()).toMatchObject({ digitized: true, eResult: false });
    expect(dig.json().components.find((c: any) => c.key === 'giay-to-tuy-than')).toMatchObject({ digitized: true, reused: true, applicable: true });
    expect(dig.json().components.find((c: any) => c.key === 'bien-ban-bo-roi')).toMatchObject({ digitized: false, applicable: false });
  });

  it('refuses another citizen’s document, an unknown one and an unknown component; nothing is created', async () => {
    const count = async () =>
      Number(
        (
          await env.ctx.db
            .selectFrom('dossiers')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const binhDoc = (await get(binh, '/api/v1/me/documents')).json().documents[0];
    const files = [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'chung-sinh.pdf', type: 'application/pdf', bytes: PDF2 },
    ];
    const theirs = await submit(
      an,
      { procedureCode: KHAI_SINH, receivingUnitId: DEMO.ubndPhuong1, data: form, storedDocuments: { 'giay-to-tuy-than': { storedDocumentId: binhDoc.id } } },
      files,
    );
    expect([theirs.statusCode, theirs.json().error]).toEqual([400, 'warehouse.document_not_found']);
    const unknown = await submit(
      an,
      { procedureCode: KHAI_SINH, receivingUnitId: DEMO.ubndPhuong1, data: form, storedDocuments: { 'giay-to-tuy-than': { storedDocumentId: 'nope' } } },
      files,
    );
    expect(unknown.statusCode).toBe(400);
    const comp = await submit(
      an,
      { procedureCode: KHAI_SINH, receivingUnitId: DEMO.ubndPhuong1, data: form, storedDocuments: { 'khong-co': { storedDocumentId: anDocs[0].id } } },
      files,
    );
    expect([comp.statusCode, comp.json().error]).toEqual([400, 'dossier.component_unknown']);
    expect(await count()).toBe(before);
  });

  it('officers see the documents of a dossier they handle, and only those', async () => {
    const cc = anDocs.find((d: any) => d.documentType === 'can-cuoc');
    const mine = await get(deskP1, `/api/v1/dossiers/${reuseDossierId}/documents`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().documents.map((d: any) => d.id)).toEqual([cc.id]);
    expect((await get(deskP1, `/api/v1/dossiers/${reuseDossierId}/documents/${cc.id}/file`)).statusCode).toBe(200);
    // Not in a dossier the officer handles: the birth certificate in An's store is not used by it.
    const ks = anDocs.find((d: any) => d.documentType === 'giay-khai-sinh');
    expect((await get(deskP1, `/api/v1/dossiers/${reuseDossierId}/documents/${ks.id}/file`)).statusCode).toBe(404);
    // An officer of another unit does not handle it; another citizen is not its applicant.
    expect((await get(deskTinh, `/api/v1/dossiers/${reuseDossierId}/documents`)).statusCode).toBe(404);
    expect((await get(deskTinh, `/api/v1/dossiers/${reuseDossierId}/documents/${cc.id}/file`)).statusCode).toBe(404);
    expect((await get(deskTinh, `/api/v1/dossiers/${reuseDossierId}/digitization`)).statusCode).toBe(404);
    expect((await get(binh, `/api/v1/dossiers/${reuseDossierId}/documents`)).statusCode).toBe(404);
  });
});

describe('filling the store from dossiers', () => {
  it('a received dossier’s digitized components, then its issued result, land in the applicant’s store once', async () => {
    // Birth registration is an essential service: paper at the desk only until 30/9/2025 (Chỉ thị 24/CT-TTg).
    const was = env.clock.now();
    env.clock.set('2025-09-30T02:00:00Z');
    const mp = multipart(
      { payload: JSON.stringify({ procedureCode: KHAI_SINH, applicant: { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' } }) },
      [
        { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n% to khai binh\n%%EOF\n') },
        { field: 'file:giay-chung-sinh', name: 'scan-chung-sinh.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n% chung sinh binh\n%%EOF\n') },
      ],
    );
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(deskP1), 'content-type': mp.type }, payload: mp.body });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().dossier.id;
    await drain();
    const binhTypes = async () =>
      (await get(binh, '/api/v1/me/documents'))
        .json()
        .documents.map((d: any) => `${d.source}:${d.documentType}`)
        .sort();
    expect(await binhTypes()).toEqual(['seed:can-cuoc', 'seed:giay-chung-nhan-ket-hon']); // not received yet

    await processToResult(id);
    await drain();
    const docs = (await get(binh, '/api/v1/me/documents')).json().documents;
    expect(await binhTypes()).toEqual([
      'component:giay-chung-sinh',
      'component:khac',
      'result:giay-khai-sinh',
      'seed:can-cuoc',
      'seed:giay-chung-nhan-ket-hon',
    ]);
    const part = docs.find((d: any) => d.source === 'component' && d.documentType === 'giay-chung-sinh');
    expect(part).toMatchObject({ digitized: true, sourceDossierId: id, sourceComponentKey: 'giay-chung-sinh', issuingBody: null });
    expect(part.code).toMatch(/^TP\.\d{3}\.\d{2}\.\d{2}\.H\d{2}\.giay-chung-sinh\.000001$/);
    const result = docs.find((d: any) => d.source === 'result');
    expect(result).toMatchObject({ sourceDossierId: id, issuedOn: '2025-09-30', validFrom: '2025-09-30', digitized: true });
    // Issued on 30/9/2025, after the merger: by UBND phường Vị Thanh, successor of UBND phường I (Resolution 1668/NQ-UBTVQH15).
    expect(result.issuingBody).toMatch(/UBND phường Vị Thanh/i);
    expect(result.code).toMatch(/^KQ\.\d{3}\.\d{2}\.\d{2}\.H\d{2}\.giay-khai-sinh\.\d{6}$/);
    // Redelivery and a second sync store nothing more.
    expect(await syncDossier(env.ctx, id)).toBe(0);
    expect((await get(binh, '/api/v1/me/documents')).json().documents).toHaveLength(docs.length);

    const [f] = await digitizationFacts(env.ctx, { dossierIds: [id] });
    expect(f).toMatchObject({ digitizedAll: true, eResult: true, reused: false, fromStore: false, resultInStore: true });
    const [g] = await digitizationFacts(env.ctx, { dossierIds: [reuseDossierId] });
    expect(g).toMatchObject({ digitizedAll: true, eResult: false, reused: true, fromStore: true, resultInStore: false });
    env.clock.set(was);
  });
});

describe('share links', () => {
  it('opens while valid; revoked and expired links answer 410; unknown 404; others cannot share', async () => {
    const ks = anDocs.find((d: any) => d.documentType === 'giay-khai-sinh');
    const share = (hours: number, who = an) =>
      env.app.inject({ method: 'POST', url: `/api/v1/me/documents/${ks.id}/shares`, headers: authHeaders(who), payload: { hours } });
    const s1 = await share(1);
    expect(s1.statusCode, s1.body).toBe(201);
    const path = new URL(s1.json().url).pathname;
    const open = await get(null, path);
    expect(open.statusCode).toBe(200);
    expect(open.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // Only the hash of the token is kept.
    const rows = await env.ctx.db.selectFrom('document_shares').select('token_hash').execute();
    expect(rows.some((r) => path.endsWith(r.token_hash))).toBe(false);

    expect((await share(1, binh)).statusCode).toBe(404);
    expect((await share(0)).statusCode).toBe(400);
    expect((await share(10_000)).statusCode).toBe(400);

    const revoke = await env.app.inject({ method: 'DELETE', url: `/api/v1/me/documents/${ks.id}/shares/${s1.json().share.id}`, headers: authHeaders(binh) });
    expect(revoke.statusCode).toBe(404);
    const revoked = await env.app.inject({ method: 'DELETE', url: `/api/v1/me/documents/${ks.id}/shares/${s1.json().share.id}`, headers: authHeaders(an) });
    expect(revoked.statusCode).toBe(200);
    const gone = await get(null, path);
    expect([gone.statusCode, gone.json().error]).toEqual([410, 'warehouse.share_revoked']);

    const s2 = await share(1);
    const path2 = new URL(s2.json().url).pathname;
    env.clock.set('2026-03-09T03:30:00Z');
    const expired = await get(null, path2);
    expect([expired.statusCode, expired.json().error]).toEqual([410, 'warehouse.share_expired']);
    expect((await get(null, '/chia-se/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    const list = (await get(an, `/api/v1/me/documents/${ks.id}/shares`))
      .json()
      .shares.map((s: any) => s.status)
      .sort();
    expect(list).toEqual(['expired', 'revoked']);
    env.clock.set('2026-03-09T02:30:00Z');
  });
});

describe('electronic certified copies', () => {
  const copy = (who: Login, fields: Record<string, string>, file = PDF) => {
    const mp = multipart(fields, [{ field: 'file', name: 'ban-chinh.pdf', type: 'application/pdf', bytes: file }]);
    return env.app.inject({ method: 'POST', url: '/api/v1/certified-copies', headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
  };
  const fields = { requesterKind: 'citizen', requesterId: '093090001234', documentType: 'bang-tot-nghiep-thpt', name: 'Bằng tốt nghiệp trung học phổ thông' };

  it('a commune officer issues a signed PDF copy that lands in the requester’s store', async () => {
    const r = await copy(tuphapP1, fields);
    expect(r.statusCode, r.body).toBe(201);
    const doc = r.json().document;
    expect(doc).toMatchObject({
      source: 'certified_copy',
      signed: true,
      documentType: 'bang-tot-nghiep-thpt',
      owner: { id: '093090001234' },
      issuedOn: '2026-03-09',
    });
    expect(doc.code).toMatch(/^BS\.\d{3}\.\d{2}\.\d{2}\.H\d{2}\.bang-tot-nghiep-thpt\.000001$/);
    const file = await get(an, `/api/v1/me/documents/${doc.id}/file`);
    expect(file.statusCode).toBe(200);
    const [check] = verifyPdfSignatures(env.ctx, file.rawPayload);
    expect(check).toMatchObject({ valid: true, trusted: true, signerName: 'Lâm Văn Hộ Tịch' });
    const facts = await certifiedCopyFacts(env.ctx, { from: new Date('2026-03-01'), to: new Date('2026-04-01') });
    expect(facts).toMatchObject({ total: 1, byUnit: [{ unitId: DEMO.ubndPhuong1, count: 1 }] });
  });

  it('refuses reception officers, non-commune agencies, citizens, bad input - nothing stored', async () => {
    const before = (await get(an, '/api/v1/me/documents')).json().documents.length;
    expect((await copy(deskP1, fields)).statusCode).toBe(403);
    const dept = await copy(stp, fields);
    expect([dept.statusCode, dept.json().error]).toEqual([403, 'warehouse.certify_forbidden']);
    expect((await copy(an, fields)).statusCode).toBe(403);
    const bad = await copy(tuphapP1, { ...fields, requesterId: '123' });
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'warehouse.requester_invalid']);
    expect((await copy(tuphapP1, fields, Buffer.from('not a pdf at all'))).statusCode).toBe(400);
    expect((await get(an, '/api/v1/me/documents')).json().documents.length).toBe(before);
  });
});

describe('pages', () => {
  it('/kho-du-lieu lists the owner’s documents; a share made from the page is shown once', async () => {
    const page = await env.app.inject({ method: 'GET', url: '/kho-du-lieu', headers: { cookie: an.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thẻ căn cước công dân');
    expect(page.body).not.toContain('Trần Thị Bình');
    const ks = anDocs.find((d: any) => d.documentType === 'giay-khai-sinh');
    const post = await env.app.inject({
      method: 'POST',
      url: `/kho-du-lieu/${ks.id}/chia-se`,
      headers: { cookie: an.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(an.csrf)}&hours=24`,
    });
    expect(post.statusCode).toBe(303);
    const shown = await env.app.inject({ method: 'GET', url: String(post.headers.location), headers: { cookie: an.cookie } });
    expect(shown.body).toContain('/chia-se/');
    expect((await env.app.inject({ method: 'GET', url: '/kho-du-lieu', headers: { cookie: deskP1.cookie } })).statusCode).toBe(403);
  });

  it('/can-bo/chung-thuc shows the form to a commune officer', async () => {
    const page = await env.app.inject({ method: 'GET', url: '/can-bo/chung-thuc', headers: { cookie: tuphapP1.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    const none = await env.app.inject({ method: 'GET', url: '/can-bo/chung-thuc', headers: { cookie: stp.cookie } });
    expect(none.body).toContain('không có quyền');
  });
});
