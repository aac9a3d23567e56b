/**
 * Issue 13, last items, through HTTP on a real database: a missing choice says "Vui lòng chọn …" and a field with a
 * pattern says what a right value looks like; the demo e-form is in English on the English pages; the administrator adds
 * a role by choosing a unit by name (no ids on the page, no id to type); the dashboard's national rows lead with the
 * indicator's name (the code only as a small second line) and the citizens' page shows no internal code; the rating form
 * names the criteria left unchosen. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness';
import { anonymousCsrf, loginOfficer, type Login } from '../test/login';
import { multipart } from '../test/multipart';
import { BIRTH_FORM } from '../test/fixtures';
import { addPoliceOfficer, driveToResult, loginPeople, submitOnline, type People } from '../modules/feedback/test-dossiers';
import { DEFAULT_CRITERIA } from '../modules/feedback/model';
import { DEMO } from '../modules/units/demo';
import { postForm } from '../test/pages';

const BIRTH = '1.001193';
let env: TestEnv;
let p: People;
let admin: Login;
let monitor: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  await addPoliceOfficer(env);
  p = await loginPeople(env);
  admin = await loginOfficer(env.app, 'admin');
  monitor = await loginOfficer(env.app, 'giamsat');
});
afterAll(async () => env?.close());

const get = (url: string, who?: Login) => env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...(who ? { cookie: who.cookie } : {}) } });
const post = (url: string, who: Login, fields: Record<string, string | string[]>) => postForm(env, url, who, fields);
/** The texts of the error summary's links (the messages the person reads). */
const summary = (html: string) => [...html.matchAll(/<li><a href="#f-[^"]*">([^<]*)<\/a><\/li>/g)].map((m) => m[1]);
/** The page's visible text: tags dropped, entities of quotes decoded. */
const text = (html: string) =>
  html
    .replace(/<script[^]*?<\/script>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const count = async (table: 'dossiers' | 'dossier_ratings' | 'officer_roles') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table as 'dossiers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('e-form messages: a choice is chosen, a pattern says what is right', () => {
  const { applicantRelation: _r, childGender: _g, ...rest } = BIRTH_FORM;
  const bad = { receivingUnitId: DEMO.ubndPhuong1, ...rest, applicantPhone: '912345678', applicantPersonalId: '09309000123' };

  it('in Vietnamese: "Vui lòng chọn …" for the relation and the sex left unchosen, the digits for the phone and the personal number; nothing saved', async () => {
    const before = await count('dossiers');
    const r = await post(`/nop-ho-so/${BIRTH}`, p.an, bad);
    expect(r.statusCode).toBe(400);
    expect(summary(r.body)).toEqual([
      'Vui lòng chọn Quan hệ với người được đăng ký.',
      'Vui lòng chọn Giới tính.',
      'Số điện thoại gồm 10 chữ số, bắt đầu bằng số 0, ví dụ 0912345678.',
      'Số định danh cá nhân gồm 12 chữ số.',
    ]);
    expect(r.body).not.toContain('Vui lòng nhập Quan hệ');
    expect(await count('dossiers')).toBe(before);
  });

  it('in English with the English labels', async () => {
    const r = await post(`/nop-ho-so/${BIRTH}?lang=en`, p.an, bad);
    expect(r.statusCode).toBe(400);
    expect(summary(r.body)).toEqual([
      'Please choose Relationship to the person registered.',
      'Please choose Sex.',
      'Phone number must have 10 digits starting with 0, for example 0912345678.',
      'Personal identification number must have 12 digits.',
    ]);
  });

  it('the second section, once the first is right, asks to choose the sex', async () => {
    const r = await post(`/nop-ho-so/${BIRTH}`, p.an, { ...bad, applicantPhone: '0912345678', applicantPersonalId: '093090001234', applicantRelation: 'cha' });
    expect(r.statusCode).toBe(400);
    expect(summary(r.body)).toEqual(['Vui lòng chọn Giới tính.']);
  });
});

describe('the demo e-form in English (issue 13 item 4)', () => {
  it('the English page shows the section as "Step 1 of 6: Applicant" and English field labels; the Vietnamese page has none of them', async () => {
    // Bình has no draft (An's is at step 2 after the tests above)
    const en = text((await get(`/nop-ho-so/${BIRTH}?lang=en`, p.binh)).body);
    expect(en).toContain('Step 1 of 6: Applicant');
    for (const label of ["Applicant's full name", 'Personal identification number', 'Relationship to the person registered', 'Father', 'Grandparent'])
      expect(en).toContain(label);
    for (const vi of ['Thông tin người yêu cầu', 'Họ, chữ đệm, tên người yêu cầu', 'Quan hệ với người được đăng ký']) expect(en).not.toContain(vi);
    const vi = text((await get(`/nop-ho-so/${BIRTH}`, p.binh)).body);
    expect(vi).toContain('Bước 1/6: Thông tin người yêu cầu');
    expect(vi).not.toContain("Applicant's full name");
  });
});

describe('adding a role: a unit chosen by name (issue 13 item 2)', () => {
  const page = '/quan-tri/tai-khoan/officer-motcua.p1';

  it('offers the units grouped by kind, by name; the page shows no unit id', async () => {
    const r = await get(page, admin);
    expect(r.statusCode).toBe(200);
    const select = /<select id="new_unit"[^]*?<\/select>/.exec(r.body)![0];
    const groups = [...select.matchAll(/<optgroup label="([^"]*)">/g)].map((m) => m[1]);
    expect(groups).toEqual([
      'Tỉnh, thành phố trực thuộc trung ương',
      'Xã, phường, đặc khu',
      'Ủy ban nhân dân',
      'Văn phòng',
      'Trung tâm Phục vụ hành chính công',
      'Sở, ban, ngành',
      'Công an',
    ]);
    expect(select).toContain(`<option value="${DEMO.ubndPhuong1}">UBND phường Vị Thanh</option>`);
    // ids only as option values: none in the text a person reads
    expect(text(r.body)).not.toMatch(/\bhg-[a-z0-9-]+/);
    expect(text(r.body)).not.toContain('Mã đơn vị');
  });

  it('a role without a unit, or a unit without a role, is refused in words, in Vietnamese and in English; nothing changes', async () => {
    const before = await count('officer_roles');
    const noUnit = await post(page, admin, { name: 'Trần Thị Một Cửa', keep: 'reception|' + DEMO.ubndPhuong1, new_role: 'specialist', new_unit: '' });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.body).toContain('Vui lòng chọn đơn vị của vai trò được thêm.');
    // the role chosen stays chosen
    expect(noUnit.body).toMatch(/<option value="specialist" selected/);
    const noRole = await post(`${page}?lang=en`, admin, {
      name: 'Trần Thị Một Cửa',
      keep: 'reception|' + DEMO.ubndPhuong1,
      new_role: '',
      new_unit: DEMO.ubndViTan,
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.body).toContain('Please choose the role to add at the chosen unit.');
    expect(await count('officer_roles')).toBe(before);
  });

  it('a role and a unit chosen add the role, shown by the unit name', async () => {
    const current = await get(page, admin);
    const keep = [...current.body.matchAll(/name="keep" value="([^"]*)"/g)].map((m) => m[1]!);
    const name = /id="name" name="name" required="" value="([^"]*)"|id="name" name="name" required value="([^"]*)"/.exec(current.body);
    const r = await post(page, admin, { name: name?.[1] ?? name?.[2] ?? 'Cán bộ một cửa', keep, new_role: 'specialist', new_unit: DEMO.ubndViTan });
    expect(r.statusCode).toBe(303);
    const after = await get(page, admin);
    expect(text(after.body)).toContain('Chuyên viên xử lý – UBND phường Vị Tân');
  });
});

describe('indicator rows by name, never by internal code (issue 13 item 3)', () => {
  it('/chi-so: each national row reads its Vietnamese name first, the code only in a small second line; English in en', async () => {
    const vi = (await get('/chi-so', monitor)).body;
    expect(vi).toMatch(/>Tỷ lệ TTHC công bố đúng hạn \(số của tỉnh\)(<\/a>)?<br\/><small class="hint indicator-code">PUBLISH<wbr\/>_ON<wbr\/>_TIME<\/small>/);
    expect(vi).not.toMatch(/<td>(<a [^>]*>)?PUBLISH_ON_TIME /);
    const en = (await get('/chi-so?lang=en', monitor)).body;
    expect(en).toMatch(/>Procedures published on time \(province figure\)(<\/a>)?<br\/><small class="hint indicator-code">PUBLISH/);
  });

  it("the citizens' page (/cong-khai/chi-so, the public ranking) shows no internal code, in either language", async () => {
    for (const url of ['/cong-khai/chi-so', '/cong-khai/chi-so?lang=en']) {
      const r = await get(url);
      expect(r.statusCode).toBe(200);
      expect(text(r.body).match(/\b[A-Z]+(_[A-Z0-9]+)+\b|\b(CKMB|TDGQ|TTTT|MDSH|MDHL)\b/g)).toBeNull();
    }
  });
});

describe('the rating form names the criteria left unchosen (issue 13 item 1)', () => {
  it('by their number and name as the form shows them, keeps the levels chosen; nothing saved', async () => {
    const id = await submitOnline(env, p.an);
    await driveToResult(env, p, id, { returnResult: true });
    const chosen = Object.fromEntries(DEFAULT_CRITERIA.slice(0, 10).map((c) => [`s_${c.key}`, '4']));
    const r = await post(`/danh-gia/${id}`, p.an, chosen);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(
      'Vui lòng chọn mức đánh giá cho các tiêu chí: 11. Tiếp nhận, xử lý phản ánh, kiến nghị; 12. Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến.',
    );
    expect(r.body).not.toContain('petitions, online_quality');
    expect(r.body).toMatch(/name="s_overall" value="4" required="" checked=""|name="s_overall" value="4" required checked/);
    const en = await post(`/danh-gia/${id}?lang=en`, p.an, chosen);
    expect(en.body).toContain('Please choose a level for these criteria: 11. Handling of petitions; 12. Progress and quality of online services.');
    expect(await count('dossier_ratings')).toBe(0);
  });
});

describe('the petition form names its fields by their labels', () => {
  it('a too short title and content are refused with "Tiêu đề: …", never the field names; nothing saved', async () => {
    const anon = await anonymousCsrf(env.app);
    const before = Number(
      (
        await env.ctx.db
          .selectFrom('petitions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const mp = multipart({
      _csrf: anon.csrf,
      subjectKind: 'unit',
      unitId: DEMO.ubndPhuong1,
      title: 'ab',
      content: 'ngắn',
      contactName: 'Lê Văn Cường',
      contactPhone: '0911222333',
    });
    const r = await env.app.inject({
      method: 'POST',
      url: '/phan-anh',
      headers: { accept: 'text/html', cookie: anon.cookie, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode).toBe(400);
    const t = text(r.body);
    expect(t).toContain('Tiêu đề:');
    expect(t).toContain('Nội dung phản ánh, kiến nghị:');
    expect(t).not.toMatch(/\b(title|content):/);
    expect(
      Number(
        (
          await env.ctx.db
            .selectFrom('petitions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(before);
  });
});
