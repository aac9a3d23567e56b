/**
 * Offline intake sync (issue 17 item 6) through HTTP: a queued dossier becomes one dossier and
 * one SMS however often the queue is replayed; conflicts (an offline duplicate, a procedure
 * changed or retired since it was cached) and refusals (wrong role, another officer's key, bad
 * input, no CSRF token) answer a clear message and write nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { deliverAll, startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { retireProcedure } from '../catalogue/service';
import { payloadMultipart, type MultipartFile } from '../../test/multipart';

const PAPER_OK = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let env: TestEnv;
let sb: Sandboxes;
let desk: Login;
let otherDesk: Login;
let specialist: Login;
let versionId: string;

beforeAll(async () => {
  env = await createTestEnv();
  sb = await startTestSandboxes(env);
  desk = await loginOfficer(env.app, 'motcua.p1');
  otherDesk = await loginOfficer(env.app, 'motcua.tinh');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
});
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

const FILES: MultipartFile[] = [
  { field: 'file:to-khai', name: 'to-khai.jpg', type: 'image/png', bytes: PNG },
  { field: 'file:ban-an-ly-hon', name: 'ban-an.pdf', type: 'application/pdf', bytes: PDF },
];

function item(over: Record<string, unknown> = {}) {
  return {
    key: randomUUID(),
    provisionalCode: 'TAM-AB12CD-1',
    deviceId: 'AB12CD',
    capturedAt: '2025-03-10T01:30:00.000Z',
    procedureCode: PAPER_OK,
    procedureVersionId: versionId,
    receivingUnitId: P1,
    applicant: { kind: 'citizen', idNumber: '093299001111', name: 'Lâm Thị Thu', phone: '0912000111' },
    receiveNow: true,
    ...over,
  };
}

function post(who: Login | null, payload: unknown, files = FILES, lang?: 'en') {
  const mp = payloadMultipart(payload, files);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/offline-intake',
    headers: { ...(who ? authHeaders(who) : {}), 'content-type': mp.type, ...(lang ? { 'accept-language': 'en' } : {}) },
    payload: mp.body,
  });
}

/** What a refusal must leave untouched. */
async function counts() {
  const n = async (table: 'dossiers' | 'offline_intakes' | 'outbox' | 'dossier_files' | 'audit_log') =>
    Number(
      (
        await env.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    dossiers: await n('dossiers'),
    intakes: await n('offline_intakes'),
    outbox: await n('outbox'),
    files: await n('dossier_files'),
    audit: await n('audit_log'),
  };
}

const smsTo = (phone: string) => sb.sms.messages.filter((m) => JSON.stringify(m).includes(phone));

describe('the cached catalogue', () => {
  it('lists the desk’s procedures with their version and components; refuses other roles', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/offline-intake/catalogue', headers: authHeaders(desk) });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    const p = c.procedures.find((x: { code: string }) => x.code === PAPER_OK);
    expect(p).toBeTruthy();
    expect(p.receivingUnitIds).toEqual([P1]);
    expect(p.components.map((x: { key: string }) => x.key)).toEqual(expect.arrayContaining(['to-khai', 'ban-an-ly-hon']));
    expect(c.units).toEqual([{ id: P1, name: expect.any(String) }]);
    versionId = p.versionId;
    const no = await env.app.inject({ method: 'GET', url: '/api/v1/offline-intake/catalogue', headers: authHeaders(specialist) });
    expect(no.statusCode).toBe(403);
    expect(no.json().message).toContain('Bộ phận Một cửa');
  });
});

describe('sync exactly once', () => {
  it('creates and receives one dossier, answers the same code to two replays, sends one SMS', async () => {
    const it1 = item();
    const first = await post(desk, it1);
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json();
    expect(a).toMatchObject({ key: it1.key, provisionalCode: 'TAM-AB12CD-1', state: 'received', received: true, replayed: false, receiveError: null });
    expect(a.dossierCode).not.toContain('TAM');
    const before = await counts();
    for (let i = 0; i < 2; i++) {
      const again = await post(desk, it1);
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({ dossierCode: a.dossierCode, dossierId: a.dossierId, replayed: true, received: true });
    }
    expect(await counts()).toEqual(before);
    const rows = await env.ctx.db.selectFrom('dossiers').selectAll().where('applicant_id_number', '=', '093299001111').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code: a.dossierCode, channel: 'in_person', state: 'received', receiving_unit_id: P1 });
    const files = await env.ctx.db.selectFrom('dossier_files').select(['component_key', 'digitized']).where('dossier_id', '=', a.dossierId).execute();
    expect(files.map((f) => f.component_key).sort()).toEqual(['ban-an-ly-hon', 'to-khai']);
    const map = await env.ctx.db.selectFrom('offline_intakes').selectAll().where('idempotency_key', '=', it1.key).execute();
    expect(map).toHaveLength(1);
    expect(map[0]).toMatchObject({ dossier_code: a.dossierCode, provisional_code: 'TAM-AB12CD-1', device_id: 'AB12CD', received: true });
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_id', '=', a.dossierId)
      .where('action', '=', 'dossier.offline_synced')
      .execute();
    expect(audit).toHaveLength(1);

    await deliverAll(env);
    // a replay after the SMS went out sends nothing more
    expect((await post(desk, it1)).statusCode).toBe(200);
    await deliverAll(env);
    const sms = smsTo('0912000111');
    expect(sms).toHaveLength(1);
    const text = JSON.stringify(sms[0]);
    expect(text).toContain('TAM-AB12CD-1');
    expect(text).toContain(a.dossierCode);
  });

  it('an incomplete dossier is created but stays "submitted", with the reason for the officer; one SMS all the same', async () => {
    const it2 = item({ provisionalCode: 'TAM-AB12CD-2', applicant: { kind: 'citizen', idNumber: '093299002222', name: 'Đỗ Văn Hải', phone: '0912000222' } });
    const r = await post(desk, it2, []);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ state: 'submitted', received: false, receiveError: expect.any(String) });
    expect(r.json().receiveMessage).toBeTruthy();
    expect((await post(desk, it2, [])).json()).toMatchObject({ replayed: true, dossierCode: r.json().dossierCode });
    await deliverAll(env);
    expect(smsTo('0912000222')).toHaveLength(1);
  });
});

describe('two syncs of one key at the same moment', () => {
  it('make one dossier and one SMS; both answer the same code', async () => {
    const same = item({ provisionalCode: 'TAM-AB12CD-7', applicant: { kind: 'citizen', idNumber: '093299007070', name: 'Quách Tĩnh', phone: '0912000777' } });
    const [x, y] = await Promise.all([post(desk, same), post(desk, same)]);
    expect([x.statusCode, y.statusCode].sort(), `${x.body} ${y.body}`).toEqual([200, 201]);
    expect(x.json().dossierCode).toBe(y.json().dossierCode);
    expect(await env.ctx.db.selectFrom('dossiers').select('id').where('applicant_id_number', '=', '093299007070').execute()).toHaveLength(1);
    await deliverAll(env);
    expect(smsTo('0912000777')).toHaveLength(1);
  });
});

describe('conflicts the officer resolves', () => {
  it('an offline duplicate (open dossier of the same applicant and procedure) is refused with a clear message and changes nothing', async () => {
    const existing = (await env.ctx.db.selectFrom('dossiers').select('code').where('applicant_id_number', '=', '093299001111').executeTakeFirstOrThrow()).code;
    const dup = item({ provisionalCode: 'TAM-AB12CD-3' });
    const before = await counts();
    const r = await post(desk, dup);
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toBe('offline.duplicate');
    expect(r.json().message).toBe(
      `Hồ sơ trùng: người nộp này đã có hồ sơ ${existing} đang giải quyết cho thủ tục "${(await env.ctx.db.selectFrom('dossiers').select('procedure_name').where('code', '=', existing).executeTakeFirstOrThrow()).procedure_name}". Hồ sơ tạm TAM-AB12CD-3 chưa được ghi; nếu đây là việc khác, chọn "Vẫn tiếp nhận", nếu không hãy hủy hồ sơ trong hàng đợi.`,
    );
    const en = await post(desk, dup, FILES, 'en');
    expect(en.statusCode).toBe(409);
    expect(en.json().message).toContain(`Duplicate: this applicant already has dossier ${existing}`);
    expect(await counts()).toEqual(before);
    // The officer confirms a different matter: it goes in, once.
    const ok = await post(desk, { ...dup, allowDuplicate: true });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().dossierCode).not.toBe(existing);
    expect((await post(desk, { ...dup, allowDuplicate: true })).json().dossierCode).toBe(ok.json().dossierCode);
  });

  it('a procedure changed since it was cached is a conflict; nothing is written', async () => {
    const before = await counts();
    const r = await post(
      desk,
      item({
        provisionalCode: 'TAM-AB12CD-4',
        procedureVersionId: 'an-older-version',
        applicant: { kind: 'citizen', idNumber: '093299004444', name: 'Võ Minh' },
      }),
    );
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toBe('offline.procedure_changed');
    expect(r.json().message).toContain('đã thay đổi (phiên bản mới)');
    expect(await counts()).toEqual(before);
  });
});

describe('refusals change nothing', () => {
  it('wrong role, another officer’s key, bad input, no CSRF token', async () => {
    const used = item({ provisionalCode: 'TAM-AB12CD-5', applicant: { kind: 'citizen', idNumber: '093299005555', name: 'Kiều Oanh' } });
    expect((await post(desk, used)).statusCode).toBe(201);
    const before = await counts();

    const role = await post(specialist, item({ applicant: { kind: 'citizen', idNumber: '093299006666', name: 'Tạ Lan' } }));
    expect(role.statusCode).toBe(403);
    expect(role.json()).toMatchObject({
      error: 'offline.not_reception',
      message: 'Chỉ cán bộ Bộ phận Một cửa (tiếp nhận tại quầy) được tiếp nhận hồ sơ ngoài tuyến.',
    });
    const roleEn = await post(specialist, item(), FILES, 'en');
    expect(roleEn.json().message).toBe('Only one-stop desk officers (reception) may receive dossiers offline.');

    const taken = await post(otherDesk, used);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toBe('offline.key_taken');

    const mismatch = await post(desk, { ...used, provisionalCode: 'TAM-AB12CD-9' });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json().message).toContain('TAM-AB12CD-5');

    for (const bad of [
      item({ key: 'not-a-uuid' }),
      item({ provisionalCode: 'TAM-1' }),
      item({ applicant: { kind: 'citizen', idNumber: '093299007777', name: '' } }),
      item({ capturedAt: 'yesterday' }),
    ]) {
      const r = await post(desk, bad);
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().message).toBeTruthy();
    }
    // the applicant's ID number is checked by the desk use case: 400 with the field
    const badId = await post(desk, item({ applicant: { kind: 'citizen', idNumber: '123', name: 'Mai Hoa' } }));
    expect(badId.statusCode).toBe(400);
    expect(badId.json().fields).toEqual([expect.objectContaining({ field: 'applicant.idNumber' })]);

    const mp = payloadMultipart(item({ applicant: { kind: 'citizen', idNumber: '093299008888', name: 'Lý Nam' } }), FILES);
    const noCsrf = await env.app.inject({
      method: 'POST',
      url: '/api/v1/offline-intake',
      headers: { cookie: desk.cookie, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(noCsrf.statusCode).toBe(403);
    const anon = await post(null, item());
    expect(anon.statusCode).toBe(401);

    expect(await counts()).toEqual(before);
  });

  it('a procedure retired since it was cached is a conflict; nothing is written', async () => {
    await retireProcedure(env.ctx, null, PAPER_OK, { decision: { number: '99/QĐ-UBND', signedDate: '2025-03-01', effectiveDate: '2025-03-10' } });
    const before = await counts();
    const r = await post(desk, item({ provisionalCode: 'TAM-AB12CD-6', applicant: { kind: 'citizen', idNumber: '093299009999', name: 'Hồ Xuân' } }));
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ error: 'offline.procedure_gone' });
    expect(r.json().message).toContain(`Thủ tục ${PAPER_OK} không còn hiệu lực`);
    expect(await counts()).toEqual(before);
  });
});

describe('the offline page', () => {
  it('is served to reception officers with its manifest and service worker; refused to others', async () => {
    const page = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen', headers: { cookie: desk.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('rel="manifest"');
    expect(page.body).toContain('/static/offline-intake.js');
    expect(page.body).toContain('Tiếp nhận hồ sơ ngoài tuyến');
    const en = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen?lang=en', headers: { cookie: desk.cookie, accept: 'text/html' } });
    expect(en.body).toContain('<h1>Offline reception</h1>');
    expect(en.body).toContain('Save and give a provisional receipt');
    expect(
      (await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen', headers: { cookie: specialist.cookie, accept: 'text/html' } })).statusCode,
    ).toBe(403);
    // not logged in: to the login page, back here after
    const anon = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen', headers: { accept: 'text/html' } });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain(encodeURIComponent('/can-bo/tiep-nhan-ngoai-tuyen'));
    const sw = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen-sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['content-type']).toContain('javascript');
    const manifest = await env.app.inject({ method: 'GET', url: '/can-bo/tiep-nhan-ngoai-tuyen.webmanifest' });
    expect(manifest.json()).toMatchObject({ start_url: '/can-bo/tiep-nhan-ngoai-tuyen', scope: '/can-bo/tiep-nhan-ngoai-tuyen', display: 'standalone' });
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/offline-intake'].post).toBeTruthy();
    expect(doc.paths['/api/v1/offline-intake/catalogue'].get).toBeTruthy();
  });
});
