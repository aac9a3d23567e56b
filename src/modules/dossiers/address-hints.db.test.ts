/**
 * Issue 11 item 4 through HTTP: an address or a document written with the unit names of before
 * 1/7/2025 is accepted, kept exactly as typed, and shown with today's names beside it - at the
 * desk (the form when it comes back, the dossier page it leads to, the API), on the citizen's
 * e-form review page, and in the e-data store. Never refused. Runs on PGlite, and on PostgreSQL
 * with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { loginCitizen, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF, BIRTH_FORM } from '../../test/fixtures';
import { multipart, type MultipartFile } from '../../test/multipart';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
const PAPER_OK = '1.004873'; // not one of the 25 essential services: paper at the desk is allowed
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const OLD = 'Số 5 đường Nguyễn Huệ, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang';
const OLD_TODAY = 'Số 5 đường Nguyễn Huệ, phường Vị Tân, thành phố Cần Thơ';
const ABBREV = 'Số 7, P.3, TP. Vị Thanh, Hậu Giang';
const ABBREV_TODAY = 'Số 7, phường Vị Thanh, thành phố Cần Thơ';
const NEW = 'Số 9 đường Hòa Bình, phường Vị Thanh, thành phố Cần Thơ';

let env: TestEnv;
let an: Login, desk: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
  desk = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const get = (url: string, who: Login, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'GET', url, headers: { ...html, cookie: who.cookie, ...headers } });
const post = (url: string, who: Login, fields: Record<string, string>) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
function postMultipart(url: string, who: Login, fields: Record<string, string>, files: MultipartFile[], headers: Record<string, string> = {}) {
  const mp = multipart({ _csrf: who.csrf, ...fields }, files);
  return env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: who.cookie, 'content-type': mp.type, ...headers },
    payload: mp.body,
  });
}
const dossierCount = () => countDossiers(env);
const row = (id: string) => env.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const scans = [
  { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
  { field: 'file:ban-an-ly-hon', name: 'ly-hon.png', type: 'image/png', bytes: PNG },
];
const deskFields = (address: string, idNumber: string) => ({
  ma: PAPER_OK,
  kenh: 'in_person',
  receivingUnitId: P1,
  'applicant.kind': 'citizen',
  'applicant.idNumber': idNumber,
  'applicant.name': 'Lê Văn Tám',
  'applicant.address': address,
  receiveNow: '1',
});
const idOf = (location: unknown) => String(location).split('/')[3]!.split('?')[0]!;
const esc = (s: string) => s.replace(/&/g, '&amp;');

describe('the desk: an address with old unit names', () => {
  it('is received, kept as typed, stored and shown with today’s names beside it', async () => {
    const before = await dossierCount();
    const ok = await postMultipart('/can-bo/tiep-nhan', desk, deskFields(OLD, '093200001111'), scans);
    expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
    const id = idOf(ok.headers.location);
    expect(await dossierCount()).toBe(before + 1);
    const d = await row(id);
    expect(d.applicant_address).toBe(OLD);
    expect(d.applicant_address_today).toBe(OLD_TODAY);
    // the confirmation page the desk lands on (server-side, no script needed)
    const page = await get(String(ok.headers.location), desk);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${OLD}<br/><span class="hint" id="address-today">(nay là ${OLD_TODAY})</span>`);
    const en = await get(String(ok.headers.location), desk, { 'accept-language': 'en' });
    expect(en.body).toContain(`(now ${OLD_TODAY})`);
    const api = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: { cookie: desk.cookie } })).json();
    expect(api.applicant ?? api.dossier?.applicant).toMatchObject({ address: OLD, addressToday: OLD_TODAY });
  });

  it('reads abbreviations and Arabic ward numbers (P.3, TP. Vị Thanh)', async () => {
    const ok = await postMultipart('/can-bo/tiep-nhan', desk, deskFields(ABBREV, '093200002222'), scans);
    expect(ok.statusCode).toBe(303);
    const d = await row(idOf(ok.headers.location));
    expect([d.applicant_address, d.applicant_address_today]).toEqual([ABBREV, ABBREV_TODAY]);
  });

  it('an address of today, or one it cannot place, is kept as typed with no hint', async () => {
    for (const [address, idNumber] of [
      [NEW, '093200003333'],
      ['Ấp Mỹ Phú, xã Không Có, tỉnh Nào Đó', '093200004444'],
    ] as const) {
      const ok = await postMultipart('/can-bo/tiep-nhan', desk, deskFields(address, idNumber), scans);
      expect(ok.statusCode, address).toBe(303);
      const d = await row(idOf(ok.headers.location));
      expect([d.applicant_address, d.applicant_address_today]).toEqual([address, null]);
      const page = await get(String(ok.headers.location), desk);
      expect(page.body).toContain(address);
      expect(page.body).not.toContain('id="address-today"');
    }
  });

  it('the form that comes back (another field missing) shows the hint under the address, and nothing is stored', async () => {
    const before = await dossierCount();
    const bad = await postMultipart('/can-bo/tiep-nhan', desk, { ...deskFields(OLD, '093200005555'), 'applicant.name': '' }, scans);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="ap-name-error"');
    expect(bad.body).toContain(
      `<p class="hint" id="ap-address-hint">Nay là: ${OLD_TODAY}. Địa chỉ ghi theo tên đơn vị hành chính cũ vẫn hợp lệ và được lưu đúng như đã nhập.</p>`,
    );
    expect(bad.body).toContain(`value="${OLD}"`);
    expect(bad.body).toContain('aria-describedby="ap-address-hint"');
    const en = await postMultipart('/can-bo/tiep-nhan', desk, { ...deskFields(OLD, '093200005555'), 'applicant.name': '' }, scans, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain(`Now: ${OLD_TODAY}. An address written with the former unit names stays valid and is kept exactly as typed.`);
    expect(await dossierCount()).toBe(before);
  });

  it('before 1/7/2025 the same address was the address of the day: kept with no hint', async () => {
    env.clock.set('2025-03-10T02:00:00Z');
    try {
      const ok = await postMultipart('/can-bo/tiep-nhan', desk, deskFields(OLD, '093200006666'), scans);
      expect(ok.statusCode, ok.body.slice(0, 500)).toBe(303);
      const d = await row(idOf(ok.headers.location));
      expect([d.applicant_address, d.applicant_address_today]).toEqual([OLD, null]);
    } finally {
      env.clock.set('2026-03-09T02:00:00Z');
    }
  });
});

describe('the citizen’s e-form review', () => {
  it('shows each address or place written with old names with today’s names beside it, keeping the answer as typed', async () => {
    const review = await post(`/nop-ho-so/${BIRTH}`, an, { receivingUnitId: P1, ...BIRTH_FORM });
    expect(review.statusCode, review.body.slice(0, 500)).toBe(200);
    // applicantAddress: 'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh'; childBirthPlace: 'Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang'
    expect(review.body).toContain(
      'Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh<br/><span class="hint" data-address-today="applicantAddress">(nay là Số 12 đường Trần Hưng Đạo, phường Vị Thanh, thành phố Cần Thơ)</span>',
    );
    expect(review.body).toContain(
      'Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang<br/><span class="hint" data-address-today="childBirthPlace">(nay là phường Vị Tân, thành phố Cần Thơ)</span>',
    );
    expect(review.body.split('data-address-today=').length - 1).toBe(2);
    // the answer travels on as typed
    const data = /name="_data" value="([^"]*)"/
      .exec(review.body)![1]!
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(JSON.parse(data)).toMatchObject({ applicantAddress: BIRTH_FORM.applicantAddress, childBirthPlace: BIRTH_FORM.childBirthPlace });
  });

  it('answers in today’s names get no hint', async () => {
    const review = await post(`/nop-ho-so/${BIRTH}`, an, {
      receivingUnitId: P1,
      ...BIRTH_FORM,
      applicantAddress: NEW,
      childBirthPlace: 'Phường Vị Tân, thành phố Cần Thơ',
    });
    expect(review.statusCode).toBe(200);
    expect(review.body).toContain(esc(NEW));
    expect(review.body).not.toContain('data-address-today=');
  });
});

describe('the e-data store', () => {
  it('shows a document issued under an old unit name with today’s name beside it (page and API); a ministry stays as written', async () => {
    const page = await get('/kho-du-lieu', an);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'UBND Phường I, thành phố Vị Thanh<br/><span class="hint">(nay là UBND phường Vị Thanh, thành phố Cần Thơ; giấy tờ cấp theo tên đơn vị cũ vẫn có giá trị)</span>',
    );
    expect(page.body.split('giấy tờ cấp theo tên đơn vị cũ').length - 1).toBe(1);
    const en = await get('/kho-du-lieu', an, { 'accept-language': 'en' });
    expect(en.body).toContain('(now UBND phường Vị Thanh, thành phố Cần Thơ; a document issued under the former unit name stays valid)');
    const docs = (await env.app.inject({ method: 'GET', url: '/api/v1/me/documents', headers: { cookie: an.cookie } })).json().documents;
    const byType = Object.fromEntries(docs.map((d: any) => [d.documentType, [d.issuingBody, d.issuingBodyToday]]));
    expect(byType).toEqual({
      'giay-khai-sinh': ['UBND Phường I, thành phố Vị Thanh', 'UBND phường Vị Thanh, thành phố Cần Thơ'],
      'can-cuoc': ['Cục Cảnh sát quản lý hành chính về trật tự xã hội', null],
    });
  });
});
