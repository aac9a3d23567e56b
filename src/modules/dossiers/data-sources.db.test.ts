/**
 * Data instead of paper (issue 11 item 7; Chỉ thị 24/CT-TTg, CV 159/TTg-CĐS), through HTTP on the
 * real database, with the sandbox population gateway (population database + VNeID documents):
 * - from 1/10/2025 a component naming a source is fetched at submission (desk and online), the
 *   desk cannot hand it in on paper nor ask for it in a supplement - unless the fetch failed,
 *   which is recorded as an event with its reason and shown with "update the source";
 * - before 1/10/2025 nothing is fetched and paper is taken as before;
 * - the essential services refuse a paper channel (desk, post) from 00:00 on 1/10/2025 (Vietnam
 *   time) with a clear message, nothing created; before that they are accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobStore } from '../../platform/blobs';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { storeDocument } from '../warehouse/service';
import { payloadMultipart, pdfFile } from '../../test/multipart';
import { moveClockTo } from '../../test/clock';

const TTHN = '1.004873'; // xác nhận tình trạng hôn nhân: not essential; ID from the population database, old certificate from the e-data store
const CAI_CHINH = '1.004859'; // thay đổi, cải chính hộ tịch: not essential; the civil-status paper from the e-data store (required)
const GPLX = '1.002804'; // đổi giấy phép lái xe: essential; the old licence from VNeID
const BIRTH = '1.001193'; // đăng ký khai sinh: essential
const P1 = 'hg-vithanh-p1-ubnd';
const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678' };
const BINH = { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' };
const DUNG = { idNumber: '093200007777', name: 'Phạm Thị Dung', phone: '0933444555' };
const ID_CARD = 'giay-to-tuy-than';

let env: TestEnv;
let desk: Login, postal: Login, an: Login, dung: Login;

/** Moves the clock; sessions are kept alive across the jump. */
const at = (t: string) => moveClockTo(env, t);

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, population: true, now: '2026-03-09T02:00:00Z' }); // Monday 09:00 in Vietnam
  desk = await loginOfficer(env.app, 'motcua.p1');
  postal = await loginOfficer(env.app, 'buudien');
  an = await loginCitizen(env, AN.idNumber);
  dung = await loginCitizen(env, DUNG.idNumber);
});
afterAll(async () => env?.close());

const submit = (who: Login, payload: Record<string, unknown>, files: { key: string }[], lang = 'vi') => {
  const mp = payloadMultipart(
    payload,
    files.map((f) => pdfFile(`file:${f.key}`, PDF)),
  );
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(who), 'content-type': mp.type, 'accept-language': lang },
    payload: mp.body,
  });
};
const atDesk = (procedureCode: string, applicant: typeof AN, files: { key: string }[], lang = 'vi') =>
  submit(desk, { procedureCode, channel: 'in_person', receivingUnitId: P1, applicant }, files, lang);
const count = async (table: 'dossiers' | 'dossier_events' | 'dossier_files') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const row = (id: string) =>
  env.ctx.db
    .selectFrom('dossiers')
    .select(['component_sources', 'version', 'state', 'supplement_requests', 'channel'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const events = (id: string) =>
  env.ctx.db.selectFrom('dossier_events').select(['seq', 'action', 'data', 'actor_kind']).where('dossier_id', '=', id).orderBy('seq').execute();
const act = (who: Login, id: string, action: string, body: Record<string, unknown>) =>
  env.app.inject({ method: 'POST', url: `/api/v1/dossiers/${id}/actions/${action}`, headers: authHeaders(who), payload: body });
const page = (url: string, who: Login, lang = 'vi') =>
  env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: who.cookie, 'accept-language': lang } });

const GPLX_FORM = (p: typeof AN) => ({
  applicantName: p.name,
  applicantPersonalId: p.idNumber,
  applicantAddress: 'Phường Vị Thanh, thành phố Cần Thơ',
  applicantPhone: p.phone,
  licenceNumber: '930123456789',
  licenceClass: 'B',
  reason: 'het-han',
  resultDelivery: 'truc-tiep',
});

describe('at the desk, from 1/10/2025: components fetched from their source', () => {
  it('takes the identity from the population database: no paper scan of it, the fetch recorded on the dossier', async () => {
    const before = await count('dossiers');
    const paper = await atDesk(TTHN, AN, [{ key: 'to-khai' }, { key: ID_CARD }]);
    expect(paper.statusCode, paper.body).toBe(400);
    expect(paper.json().error).toBe('dossier.component_from_source');
    expect(paper.json().message).toContain('Không nhận bản giấy của: Thẻ căn cước');
    expect(paper.json().fields).toEqual([{ field: `files.${ID_CARD}`, message: ID_CARD }]);
    expect(await count('dossiers')).toBe(before);
    const en = await atDesk(TTHN, AN, [{ key: 'to-khai' }, { key: ID_CARD }], 'en');
    expect(en.json().message).toContain('No paper copy is taken of');

    const r = await atDesk(TTHN, AN, [{ key: 'to-khai' }]);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().dossier.id;
    const d = await row(id);
    expect((d.component_sources as any)[ID_CARD]).toMatchObject({
      source: 'population',
      kind: 'identity',
      outcome: 'fetched',
      reference: AN.idNumber,
      summary: 'Nguyễn Văn An, 14/05/1990',
    });
    // The old certificate is not in An's e-data store: recorded as a failure with its reason.
    expect((d.component_sources as any)['giay-xac-nhan-cu']).toMatchObject({ source: 'warehouse', outcome: 'failed', reason: 'not_found' });
    const ev = await events(id);
    expect(ev.map((e) => e.action)).toEqual(['submit', 'source_fetch_failed']);
    expect(ev[1]!.data).toMatchObject({ componentKey: 'giay-xac-nhan-cu', source: 'warehouse', reason: 'not_found' });
    expect(d.version).toBe(2);
    const view = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) })).json().dossier;
    expect(view.components.find((c: any) => c.key === ID_CARD)).toMatchObject({ provided: true, source: { outcome: 'fetched' } });
    // The workspace says where it came from, and that the citizen should update the source for the failed one.
    const ws = await page(`/can-bo/ho-so/${id}`, desk);
    expect(ws.body).toContain('Đã khai thác từ Cơ sở dữ liệu quốc gia về dân cư: Nguyễn Văn An, 14/05/1990');
    expect(ws.body).toContain('Đề nghị người dân cập nhật dữ liệu tại nguồn');
    expect((await env.population!.requests).some((q) => q.path === '/api/v1/cong-dan/tra-cuu' && q.soDinhDanh === AN.idNumber)).toBe(true);
  });

  it('refuses a supplement request for a fetched component, changing nothing; a failed one may be asked for', async () => {
    const r = await atDesk(TTHN, BINH, [{ key: 'to-khai' }]);
    const id = r.json().dossier.id;
    const d0 = await row(id);
    const nEvents = (await events(id)).length;
    const refused = await act(desk, id, 'request_supplement', {
      version: d0.version,
      comment: 'Bổ sung giấy tờ',
      missing: [
        'Thẻ căn cước / căn cước công dân hoặc hộ chiếu của người yêu cầu (xuất trình; không phải nộp khi đã xác thực bằng tài khoản định danh điện tử mức 2)',
      ],
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toBe('dossier.supplement_from_source');
    expect(refused.json().message).toContain('Không được yêu cầu bổ sung bản giấy');
    expect(await row(id)).toEqual(d0);
    expect((await events(id)).length).toBe(nEvents);
    // By key too.
    expect((await act(desk, id, 'request_supplement', { version: d0.version, comment: 'x', missing: [ID_CARD] })).statusCode).toBe(409);
    // The old certificate could not be fetched: it may be asked for.
    const ok = await act(desk, id, 'request_supplement', {
      version: d0.version,
      comment: 'Bổ sung giấy xác nhận cũ',
      missing: ['Giấy xác nhận tình trạng hôn nhân đã cấp trước đây (trường hợp đề nghị cấp lại để sử dụng vào mục đích khác hoặc hết hạn)'],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await row(id)).state).toBe('waiting_supplement');
  });

  it('when the source does not answer, the failure is recorded and the desk may take the paper', async () => {
    env.population!.state.down = true;
    try {
      const r = await atDesk(TTHN, AN, [{ key: 'to-khai' }, { key: ID_CARD }]);
      expect(r.statusCode, r.body).toBe(201);
      const id = r.json().dossier.id;
      expect((await row(id)).component_sources).toMatchObject({ [ID_CARD]: { outcome: 'failed', reason: 'unavailable' } });
      const ev = await events(id);
      expect(
        ev
          .filter((e) => e.action === 'source_fetch_failed')
          .map((e) => (e.data as any).componentKey)
          .sort(),
      ).toEqual(['giay-xac-nhan-cu', ID_CARD].sort());
      expect(ev.find((e) => (e.data as any).componentKey === ID_CARD)!.data).toMatchObject({ reason: 'unavailable', source: 'population' });
      const ws = await page(`/can-bo/ho-so/${id}`, desk);
      expect(ws.body).toContain('hệ thống nguồn không phản hồi');
      // The paper scan was taken, and the ID card may be asked for in a supplement.
      const view = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) })).json().dossier;
      expect(view.files.map((f: any) => f.componentKey).sort()).toEqual(['to-khai', ID_CARD].sort());
      const sup = await act(desk, id, 'request_supplement', { version: view.version, comment: 'Bổ sung', missing: [ID_CARD] });
      expect(sup.statusCode, sup.body).toBe(200);
    } finally {
      env.population!.state.down = false;
    }
  });

  it('links the document of the applicant’s e-data store and refuses a paper copy of it', async () => {
    const blob = await blobStore(env.ctx).put(PDF, { mime: 'application/pdf' });
    await storeDocument(env.ctx, {
      owner: { kind: 'citizen', id: DUNG.idNumber },
      documentType: 'giay-khai-sinh',
      name: 'Giấy khai sinh',
      agencyCode: 'H19.1',
      source: 'seed',
      issuingBody: 'UBND phường I',
      issuingUnitId: null,
      issuedOn: '2000-09-05',
      file: { sha256: blob.sha256, fileName: 'giay-khai-sinh.pdf', contentType: 'application/pdf', size: blob.size },
      digitized: true,
    });
    const files = await count('dossier_files');
    const paper = await atDesk(CAI_CHINH, DUNG, [{ key: 'to-khai' }, { key: 'giay-to-ho-tich' }, { key: 'giay-to-lien-quan' }]);
    expect([paper.statusCode, paper.json().error]).toEqual([400, 'dossier.component_from_source']);
    expect(await count('dossier_files')).toBe(files);
    const r = await atDesk(CAI_CHINH, DUNG, [{ key: 'to-khai' }, { key: 'giay-to-lien-quan' }]);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().dossier.id;
    expect((await row(id)).component_sources).toMatchObject({ 'giay-to-ho-tich': { source: 'warehouse', kind: 'giay-khai-sinh', outcome: 'fetched' } });
    const view = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) })).json().dossier;
    expect(view.files.find((f: any) => f.componentKey === 'giay-to-ho-tich')).toMatchObject({ fileName: 'giay-khai-sinh.pdf', digitized: true });
    // Complete without any paper of it: the desk receives it.
    expect((await act(desk, id, 'receive', { version: view.version })).statusCode).toBe(200);
  });

  it('the desk form says which components are fetched', async () => {
    const r = await page(`/can-bo/tiep-nhan?ma=${TTHN}&kenh=in_person`, desk);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Không cần nộp: được khai thác từ Cơ sở dữ liệu quốc gia về dân cư.');
    expect(r.body).toContain('Không cần nộp: được khai thác từ Kho dữ liệu điện tử của người dân.');
  });
});

describe('online, from 1/10/2025: the VNeID document replaces the upload', () => {
  it('fetches the driving licence from VNeID: no upload needed', async () => {
    const r = await submit(an, { procedureCode: GPLX, data: GPLX_FORM(AN) }, [{ key: 'don' }, { key: 'giay-kham-suc-khoe' }]);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().dossier.id;
    expect((await row(id)).component_sources).toMatchObject({
      'gplx-cu': { source: 'vneid', kind: 'driving-licence', outcome: 'fetched', reference: '930123456789', summary: 'Giấy phép lái xe hạng B' },
    });
    expect(env.population!.requests).toContainEqual({ path: '/api/v1/giay-to-vneid/tra-cuu', soDinhDanh: AN.idNumber, loaiGiayTo: 'driving-licence' });
    const logged = await env.ctx.db
      .selectFrom('population_checks')
      .select(['kind', 'outcome'])
      .where('personal_id', '=', AN.idNumber)
      .where('kind', '=', 'document')
      .execute();
    expect(logged).toContainEqual({ kind: 'document', outcome: 'found' });
    expect((await events(id)).map((e) => e.action)).toEqual(['submit']);
  });

  it('a citizen with nothing on VNeID: accepted, the failure recorded, and told to update the source', async () => {
    const r = await submit(dung, { procedureCode: GPLX, data: GPLX_FORM(DUNG) }, [{ key: 'don' }, { key: 'giay-kham-suc-khoe' }]);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().dossier.id;
    const ev = await events(id);
    expect(ev.map((e) => [e.action, e.actor_kind])).toEqual([
      ['submit', 'citizen'],
      ['source_fetch_failed', 'system'],
    ]);
    expect(ev[1]!.data).toMatchObject({ componentKey: 'gplx-cu', source: 'vneid', kind: 'driving-licence', reason: 'not_found' });
    const mine = await page(`/ho-so-cua-toi/${id}`, dung);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(
      'Không khai thác được «Giấy phép lái xe cũ (nộp lại khi nhận kết quả, hoặc xuất trình)» từ giấy tờ tích hợp trên VNeID (nguồn không có dữ liệu này của người nộp). Đề nghị người dân cập nhật dữ liệu tại nguồn',
    );
  });

  it('an expired document on VNeID is a failed fetch ("invalid")', async () => {
    await at('2026-05-04T02:00:00Z'); // An's licence ran until 12/4/2026
    const r = await submit(an, { procedureCode: GPLX, data: GPLX_FORM(AN) }, [{ key: 'don' }, { key: 'giay-kham-suc-khoe' }]);
    expect(r.statusCode, r.body).toBe(201);
    expect((await row(r.json().dossier.id)).component_sources).toMatchObject({ 'gplx-cu': { outcome: 'failed', reason: 'invalid' } });
    await at('2026-03-09T02:00:00Z');
  });
});

describe('before 1/10/2025 nothing is fetched and paper is taken', () => {
  it('30/9/2025 at 23:59 (Vietnam): the ID scan is taken, no source asked', async () => {
    await at('2025-09-30T16:59:00Z');
    const asked = env.population!.requests.length;
    const r = await atDesk(TTHN, AN, [{ key: 'to-khai' }, { key: ID_CARD }]);
    expect(r.statusCode, r.body).toBe(201);
    expect((await row(r.json().dossier.id)).component_sources).toEqual({});
    expect(env.population!.requests.length).toBe(asked);
    await at('2026-03-09T02:00:00Z');
  });
});

describe('the 25 essential services refuse a paper channel from 1/10/2025 (Chỉ thị 24/CT-TTg)', () => {
  const birthAtDesk = () =>
    submit(desk, { procedureCode: BIRTH, channel: 'in_person', receivingUnitId: P1, applicant: BINH }, [{ key: 'to-khai' }, { key: 'giay-chung-sinh' }]);
  const birthByPost = () => submit(postal, { procedureCode: BIRTH, channel: 'post', receivingUnitId: P1, applicant: BINH }, [{ key: 'to-khai' }]);

  it('accepted at the desk and by post until 23:59 on 30/9/2025', async () => {
    await at('2025-09-30T16:59:59Z');
    const d = await birthAtDesk();
    expect(d.statusCode, d.body).toBe(201);
    expect(d.json().dossier.channel).toBe('in_person');
    const p = await birthByPost();
    expect(p.statusCode, p.body).toBe(201);
    expect(p.json().dossier.channel).toBe('post');
  });

  it('refused from 00:00 on 1/10/2025, with a clear message, nothing created', async () => {
    await at('2025-09-30T17:00:00Z');
    const n = [await count('dossiers'), await count('dossier_events'), await count('dossier_files')];
    const d = await birthAtDesk();
    expect(d.statusCode).toBe(409);
    expect(d.json().error).toBe('dossier.paper_refused');
    expect(d.json().message).toBe(
      'Từ ngày 01/10/2025, thủ tục «Đăng ký khai sinh» thuộc 25 dịch vụ công thiết yếu không tiếp nhận hồ sơ giấy (trực tiếp, qua bưu chính) theo Chỉ thị 24/CT-TTg. Đề nghị hướng dẫn người dân nộp trực tuyến trên Cổng Dịch vụ công quốc gia hoặc ứng dụng VNeID (Tổ công nghệ số cộng đồng có thể hỗ trợ).',
    );
    const p = await birthByPost();
    expect([p.statusCode, p.json().error]).toEqual([409, 'dossier.paper_refused']);
    expect([await count('dossiers'), await count('dossier_events'), await count('dossier_files')]).toEqual(n);
    // The desk screen says so instead of offering the form; a procedure that is not essential still has its form.
    const screen = await page(`/can-bo/tiep-nhan?ma=${BIRTH}&kenh=in_person`, desk);
    expect(screen.body).toContain('id="paper-refused"');
    expect(screen.body).not.toContain('name="applicant.idNumber"');
    const other = await page(`/can-bo/tiep-nhan?ma=${TTHN}&kenh=in_person`, desk);
    expect(other.body).not.toContain('id="paper-refused"');
    expect(other.body).toContain('name="applicant.idNumber"');
    // The same procedure online is accepted.
    await at('2026-03-09T02:00:00Z');
  });
});
