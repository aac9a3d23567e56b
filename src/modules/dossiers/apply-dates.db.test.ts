/**
 * Issue 13 item 7 through HTTP, without JavaScript: the birth registration's date of birth asked
 * as three boxes Ngày / Tháng / Năm, posted as plain form fields, stored as the ISO date and shown
 * back as dd/mm/yyyy on the review; each wrong entry refused with a message that says what is
 * right, the boxes filled back, nothing stored but the draft; the desk keeps type="date".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { errorSummary, getPage, hiddenValue as hidden, postForm } from '../../test/pages';
import { multipart } from '../../test/multipart';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { assistedConsent, citizenDraft, citizenDraftAnswers, discardDrafts } from './testkit';
import { BIRTH_FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const { childBirthDate: _iso, ...FORM } = BIRTH_FORM;
const SECTION_2 = [
  'childName',
  'childGender',
  'childBirthPlaceType',
  'childBirthFacility',
  'childBirthPlace',
  'childHometown',
  'childEthnicity',
  'childNationality',
];
const SECTION_1 = ['applicantName', 'applicantPersonalId', 'applicantAddress', 'applicantPhone', 'applicantRelation'];
const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, FORM[k]!]));
const parts = (day: string, month: string, year: string) => ({ childBirthDate__day: day, childBirthDate__month: month, childBirthDate__year: year });

let env: TestEnv;
let an: Login;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
}, 300_000);
afterAll(async () => env?.close());

const get = (url: string, who: Login, lang?: string) => getPage(env, url, who, lang);
const post = (who: Login, fields: Record<string, string>, lang?: string) => postForm(env, `/nop-ho-so/${BIRTH}`, who, fields, lang);
const postMultipart = (url: string, who: Login, fields: Record<string, string>, files: { field: string; name: string; type: string; bytes: Buffer }[]) => {
  const mp = multipart({ _csrf: who.csrf, ...fields }, files);
  return env.app.inject({ method: 'POST', url, headers: { accept: 'text/html', cookie: who.cookie, 'content-type': mp.type }, payload: mp.body });
};
const draft = () => citizenDraft(env, '093090001234', BIRTH);
const draftData = () => citizenDraftAnswers(env, '093090001234', BIRTH);
const dossierCount = () => countDossiers(env);
const discard = () => discardDrafts(env);
const boxValue = (body: string, part: string) => new RegExp(`name="childBirthDate__${part}" inputmode="numeric" value(?:="([^"]*)")?`).exec(body)?.[1] ?? '';

describe('the date of birth as three boxes, without JavaScript', () => {
  it('asks Ngày / Tháng / Năm in one fieldset with the example, no type="date"', async () => {
    await discard();
    expect((await post(an, { _section: '1', receivingUnitId: P1, ...pick(SECTION_1) })).statusCode).toBe(303);
    const r = await get(`/nop-ho-so/${BIRTH}?buoc=2`, an);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<legend>Ngày, tháng, năm sinh<span class="required"> (bắt buộc)</span></legend>');
    expect(r.body).toContain('Theo Giấy chứng sinh. Ví dụ: 27/03/1990');
    for (const [id, label] of [
      ['f-childBirthDate', 'Ngày'],
      ['f-childBirthDate-month', 'Tháng'],
      ['f-childBirthDate-year', 'Năm'],
    ])
      expect(r.body).toContain(`<label for="${id}">${label}</label>`);
    expect(r.body).not.toContain('type="date"');
    expect((await get(`/nop-ho-so/${BIRTH}?buoc=2`, an, 'en')).body).toContain('<label for="f-childBirthDate-year">Year</label>');
  });

  it('stores the ISO date, shows 02/03/2026 on the review, and the dossier keeps the ISO answer', async () => {
    await discard();
    expect((await post(an, { _section: '1', receivingUnitId: P1, ...pick(SECTION_1) })).statusCode).toBe(303);
    const two = await post(an, { _section: '2', receivingUnitId: P1, ...pick(SECTION_2), ...parts('2', '3', '2026') });
    expect(two.statusCode, errorSummary(two.body)).toBe(303);
    expect((await draftData()).childBirthDate).toBe('2026-03-02');
    // Back to the section: the boxes are filled from the stored answer.
    const again = await get(`/nop-ho-so/${BIRTH}?buoc=2`, an);
    expect([boxValue(again.body, 'day'), boxValue(again.body, 'month'), boxValue(again.body, 'year')]).toEqual(['02', '03', '2026']);
    for (let n = 3; n <= 5; n++)
      expect((await post(an, { _section: String(n), receivingUnitId: P1, ...(n === 5 ? { copies: '1' } : {}) })).statusCode).toBe(303);
    const review = await post(an, { _section: '6', receivingUnitId: P1, resultDelivery: FORM.resultDelivery! });
    expect(review.statusCode, errorSummary(review.body)).toBe(200);
    expect(review.body).toContain('<dt>Ngày, tháng, năm sinh</dt><dd>02/03/2026</dd>');
    expect(review.body).not.toContain('<dd>2026-03-02');
    const data = hidden(review.body, '_data')!;
    expect(JSON.parse(data).childBirthDate).toBe('2026-03-02');
    const files = [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.png', type: 'image/png', bytes: PNG },
    ];
    const sent = await postMultipart(`/nop-ho-so/${BIRTH}/nop`, an, { receivingUnitId: P1, _data: data, _idem: hidden(review.body, '_idem')! }, files);
    expect(sent.statusCode, sent.body.slice(0, 500)).toBe(303);
    const id = String(sent.headers.location).split('/')[2]!;
    const row = await env.ctx.db.selectFrom('dossiers').select('data').where('id', '=', id).executeTakeFirstOrThrow();
    const stored = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
    expect(stored.childBirthDate).toBe('2026-03-02');
  });

  it('the whole form posted at once takes the boxes too', async () => {
    await discard();
    const r = await post(an, { receivingUnitId: P1, ...FORM, ...parts('27', '12', '2025') });
    expect(r.statusCode, errorSummary(r.body)).toBe(200);
    expect(r.body).toContain('<dd>27/12/2025</dd>');
    expect((await draftData()).childBirthDate).toBe('2025-12-27');
  });

  const refusals: [string, Record<string, string>, string, string[], [string, string, string]][] = [
    ['nothing typed', parts('', '', ''), 'Vui lòng nhập Ngày, tháng, năm sinh.', ['day', 'month', 'year'], ['', '', '']],
    ['no month', parts('27', '', '2025'), 'Ngày, tháng, năm sinh phải có đủ ngày, tháng và năm.', ['month'], ['27', '', '2025']],
    ['31/02', parts('31', '2', '2024'), 'Ngày, tháng, năm sinh phải là một ngày có thật.', ['day', 'month', 'year'], ['31', '2', '2024']],
    ['letters', parts('ba', '3', '2025'), 'Ngày, tháng, năm sinh phải là một ngày có thật.', ['day', 'month', 'year'], ['ba', '3', '2025']],
  ];
  for (const [name, fields, message, invalid, back] of refusals)
    it(`refuses ${name}: the message, the summary links to the day box, the boxes filled back, nothing stored`, async () => {
      await discard();
      expect((await post(an, { _section: '1', receivingUnitId: P1, ...pick(SECTION_1) })).statusCode).toBe(303);
      const before = await dossierCount();
      const r = await post(an, { _section: '2', receivingUnitId: P1, ...pick(SECTION_2), ...fields });
      expect(r.statusCode).toBe(400);
      expect(r.body).toContain('Bước 2/6');
      expect(errorSummary(r.body)).toContain(`<a href="#f-childBirthDate">${message}</a>`);
      expect((errorSummary(r.body).match(/<li>/g) ?? []).length).toBe(1);
      expect(r.body).toContain(`<p class="error-message" id="f-childBirthDate-error">${message}</p>`);
      for (const part of ['day', 'month', 'year'])
        expect(new RegExp(`name="childBirthDate__${part}"[^>]*aria-invalid="true"`).test(r.body), part).toBe(invalid.includes(part));
      expect([boxValue(r.body, 'day'), boxValue(r.body, 'month'), boxValue(r.body, 'year')]).toEqual(back);
      // The draft keeps the section's other answers, and no ISO date was made up.
      const d = await draftData();
      expect(d.childName).toBe(FORM.childName);
      expect(d.childBirthDate === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(String(d.childBirthDate))).toBe(true);
      expect((await draft())?.step).toBe('form');
      expect(await dossierCount()).toBe(before);
      // A resumed draft opens at the section with the boxes as typed.
      const resumed = await get(`/nop-ho-so/${BIRTH}`, an);
      expect(resumed.body).toContain('Bước 2/6');
      expect([boxValue(resumed.body, 'day'), boxValue(resumed.body, 'month'), boxValue(resumed.body, 'year')]).toEqual(back);
    });

  it('speaks English when asked', async () => {
    await discard();
    const r = await post(an, { receivingUnitId: P1, ...FORM, ...parts('27', '', '2025') }, 'en');
    expect(r.statusCode).toBe(400);
    expect(errorSummary(r.body)).toContain('must include a day, a month and a year.');
  });

  it('the JSON API keeps taking ISO dates (201) and refuses an impossible one with the same message, creating nothing', async () => {
    const files = [
      { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
      { field: 'file:giay-chung-sinh', name: 'giay-chung-sinh.png', type: 'image/png', bytes: PNG },
    ];
    const api = (childBirthDate: string) => {
      const mp = multipart({ payload: JSON.stringify({ procedureCode: BIRTH, receivingUnitId: P1, data: { ...FORM, copies: 1, childBirthDate } }) }, files);
      return env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    };
    const before = await dossierCount();
    const bad = await api('2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toContainEqual({ field: 'data.childBirthDate', message: 'Ngày, tháng, năm sinh phải là một ngày có thật.' });
    expect(await dossierCount()).toBe(before);
    const good = await api('2026-03-01');
    expect(good.statusCode, good.body).toBe(201);
    const row = await env.ctx.db.selectFrom('dossiers').select('data').where('id', '=', good.json().dossier.id).executeTakeFirstOrThrow();
    expect(((typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>).childBirthDate).toBe('2026-03-01');
  });

  it('the desk’s assisted form keeps type="date" and takes the date posted whole', async () => {
    const team = await loginOfficer(env.app, 'congnghe.p1');
    const consentId = await assistedConsent(env, team, { procedureCode: BIRTH, idNumber: '093200007777', name: 'Phạm Thị Dung' });
    const form = await get(`/can-bo/tiep-nhan?ma=${BIRTH}&kenh=assisted&dongY=${consentId}`, team);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<input type="date" id="f-childBirthDate" name="childBirthDate"/);
    expect(form.body).not.toContain('childBirthDate__day');
    const sent = await postMultipart(
      '/can-bo/tiep-nhan',
      team,
      { ma: BIRTH, kenh: 'assisted', consentId, receivingUnitId: P1, 'applicant.idNumber': '093200007777', 'applicant.name': 'Phạm Thị Dung', ...BIRTH_FORM },
      [
        { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
        { field: 'file:giay-chung-sinh', name: 'gcs.pdf', type: 'application/pdf', bytes: PDF },
      ],
    );
    expect(sent.statusCode).toBe(303);
    const id = String(sent.headers.location).split('/')[3]!.split('?')[0]!;
    const row = await env.ctx.db.selectFrom('dossiers').select('data').where('id', '=', id).executeTakeFirstOrThrow();
    expect(((typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>).childBirthDate).toBe(BIRTH_FORM.childBirthDate);
  });
});
