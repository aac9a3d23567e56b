/**
 * Reception at the desk looks the applicant up in the national population database (the sandbox,
 * through the population service's prefillFor): found -> the applicant fields are filled in and
 * the check is logged; unknown number, malformed number, service down -> a clear message, nothing
 * filled in, nothing created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { multipart, pdfFile } from '../../test/multipart';
import { countDossiers } from '../../test/rows';

// Not one of the 25 essential services: the desk still takes it on paper after 1/10/2025 (Chỉ thị 24/CT-TTg).
const BIRTH = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

let env: TestEnv;
let desk: Login, specialist: Login;

beforeAll(async () => {
  env = await createTestEnv({ population: true, now: '2026-03-09T02:00:00Z' });
  desk = await loginOfficer(env.app, 'motcua.p1');
  specialist = await loginOfficer(env.app, 'tuphap.p1');
});
afterAll(async () => env?.close());

const get = (url: string, who: Login, lang = 'vi') =>
  env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: who.cookie, 'accept-language': lang } });
const lookup = (id: string, lang = 'vi') => get(`/can-bo/tiep-nhan?ma=${BIRTH}&kenh=in_person&cccd=${encodeURIComponent(id)}`, desk, lang);
const value = (body: string, id: string) =>
  new RegExp(`id="${id}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*id="${id}"`)
    .exec(body)
    ?.slice(1)
    .find((x) => x !== undefined) ?? ''; // an empty value renders no attribute
const checks = () => env.ctx.db.selectFrom('population_checks').select(['personal_id', 'kind', 'outcome', 'actor_kind', 'actor_id']).orderBy('at').execute();
const dossierCount = () => countDossiers(env);

describe('population lookup at reception', () => {
  it('fills the applicant in from the population database and logs the check', async () => {
    const r = await lookup('093090001234');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Đã điền thông tin của Nguyễn Văn An từ dữ liệu dân cư.');
    expect(value(r.body, 'ap-id')).toBe('093090001234');
    expect(value(r.body, 'ap-name')).toBe('Nguyễn Văn An');
    expect(value(r.body, 'ap-phone')).toBe('0912345678');
    expect(value(r.body, 'ap-address')).toContain('Số 12 đường Trần Hưng Đạo');
    expect(env.population!.requests.map((q) => [q.path, q.soDinhDanh])).toContainEqual(['/api/v1/cong-dan/tra-cuu', '093090001234']);
    const [c] = await checks();
    expect(c).toMatchObject({ personal_id: '093090001234', kind: 'prefill', outcome: 'found', actor_kind: 'officer' });
    expect(c!.actor_id).toBeTruthy();
  });

  it('the prefilled applicant is the one the dossier is received for', async () => {
    const page = await lookup('093185004321');
    const fields: Record<string, string> = { ma: BIRTH, kenh: 'in_person', receivingUnitId: P1, 'applicant.kind': 'citizen', receiveNow: '1' };
    for (const [name, id] of [
      ['idNumber', 'ap-id'],
      ['name', 'ap-name'],
      ['phone', 'ap-phone'],
      ['email', 'ap-email'],
      ['address', 'ap-address'],
    ] as const)
      fields[`applicant.${name}`] = value(page.body, id);
    const mp = multipart(fields, [pdfFile('file:to-khai', PDF), { field: 'file:ban-an-ly-hon', name: 'ly-hon.png', type: 'image/png', bytes: PNG }]);
    const r = await env.app.inject({
      method: 'POST',
      url: '/can-bo/tiep-nhan',
      headers: { accept: 'text/html', cookie: desk.cookie, 'x-csrf-token': desk.csrf, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode, r.body.slice(0, 500)).toBe(303);
    const id = String(r.headers.location).split('/')[3]!.split('?')[0]!;
    const d = await env.ctx.db
      .selectFrom('dossiers')
      .select(['applicant_id_number', 'applicant_name', 'applicant_phone', 'applicant_email', 'applicant_address', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(d).toEqual({
      applicant_id_number: '093185004321',
      applicant_name: 'Trần Thị Bình',
      applicant_phone: '0987654321',
      applicant_email: 'tranthibinh@example.vn',
      applicant_address: 'Ấp Tân Phú, xã Tân Hòa, huyện Châu Thành A, tỉnh Hậu Giang',
      state: 'received',
    });
  });

  it('an unknown number, a malformed number and a service outage give a message and fill nothing in', async () => {
    const before = await dossierCount();
    const none = await lookup('093999999999');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Không tìm thấy công dân trong dữ liệu dân cư; vui lòng nhập thông tin.');
    expect(value(none.body, 'ap-name')).toBe('');

    const requestsBefore = env.population!.requests.length;
    const bad = await lookup('12345');
    expect(bad.body).toContain('Số định danh cá nhân gồm 12 chữ số.');
    expect(env.population!.requests.length).toBe(requestsBefore); // never asked

    env.population!.state.down = true;
    try {
      const down = await lookup('093090001234');
      expect(down.statusCode).toBe(200);
      expect(down.body).toContain('Không kết nối được Cơ sở dữ liệu quốc gia về dân cư');
      expect(value(down.body, 'ap-name')).toBe('');
      const en = await lookup('093090001234', 'en');
      expect(en.body).toContain('The national population database cannot be reached');
    } finally {
      env.population!.state.down = false;
    }
    expect((await checks()).map((c) => c.outcome).slice(-3)).toEqual(['not_found', 'unavailable', 'unavailable']);
    expect(await dossierCount()).toBe(before);
  });

  it('only reception officers may look up (a specialist gets 403, no check logged)', async () => {
    const n = (await checks()).length;
    expect((await get(`/can-bo/tiep-nhan?ma=${BIRTH}&cccd=093090001234`, specialist)).statusCode).toBe(403);
    expect((await checks()).length).toBe(n);
  });
});
