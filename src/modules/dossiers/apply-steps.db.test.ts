/**
 * Issue 13.7 through HTTP: a long e-form (the birth registration, six sections) is asked one
 * section per page without JavaScript: "Bước n/6: <section>", a back link, each post keeps its
 * answers in the draft and checks only its own section, the last one leads to the review grouped
 * by section with a change link per section, and a change made from the review returns to it.
 * A one-shot POST of the whole form is still accepted (API clients, older pages).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { errorSummary, getPage, postForm } from '../../test/pages';
import { citizenDraft, citizenDraftAnswers, discardDrafts } from './testkit';
import { loginCitizen, type Login } from '../../test/login';
import { BIRTH_FORM as FORM } from '../../test/fixtures';
import { countDossiers } from '../../test/rows';

const BIRTH = '1.001193';
const P1 = 'hg-vithanh-p1-ubnd';
const SECTIONS: Record<number, string[]> = {
  1: ['applicantName', 'applicantPersonalId', 'applicantAddress', 'applicantPhone', 'applicantRelation'],
  2: [
    'childName',
    'childGender',
    'childBirthDate',
    'childBirthPlaceType',
    'childBirthFacility',
    'childBirthPlace',
    'childHometown',
    'childEthnicity',
    'childNationality',
  ],
  3: [],
  4: [],
  5: [],
  6: ['resultDelivery'],
};
const answersOf = (n: number): Record<string, string> => ({
  ...Object.fromEntries(SECTIONS[n]!.map((k) => [k, FORM[k]!])),
  ...(n === 5 ? { copies: '1' } : {}),
});

let env: TestEnv;
let an: Login;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  an = await loginCitizen(env, '093090001234');
});
afterAll(async () => env?.close());

const get = (url: string, who: Login, lang?: string) => getPage(env, url, who, lang);
const post = (who: Login, fields: Record<string, string>, lang?: string) => postForm(env, `/nop-ho-so/${BIRTH}`, who, fields, lang);
const draft = () => citizenDraft(env, '093090001234', BIRTH);
const draftData = () => citizenDraftAnswers(env, '093090001234', BIRTH);
const dossierCount = () => countDossiers(env);
const discard = () => discardDrafts(env);

describe('the birth registration form step by step (no JavaScript needed)', () => {
  it('opens at section 1 of 6 with the receiving unit, the applicant and nothing of the later sections', async () => {
    const r = await get(`/nop-ho-so/${BIRTH}`, an);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Bước 1/6: Thông tin người yêu cầu');
    expect(r.body).toContain('<title>Bước 1/6: Thông tin người yêu cầu – Nộp hồ sơ trực tuyến');
    expect(r.body).toContain('name="_section" value="1"');
    expect(r.body).toContain('id="f-receivingUnitId"');
    expect(r.body).toContain('name="applicantName"');
    expect(r.body).not.toContain('name="childName"');
    expect(r.body).not.toContain('name="resultDelivery"');
    expect(r.body).toContain(`href="/thu-tuc/${BIRTH}"`);
    const en = await get(`/nop-ho-so/${BIRTH}?lang=en`, an, 'en');
    expect(en.body).toContain('Step 1 of 6: Applicant');
  });

  it('refuses a section with a wrong answer: only that section’s errors (vi, en), the draft keeps the answers', async () => {
    await discard();
    const r = await post(an, { _section: '1', receivingUnitId: P1, ...answersOf(1), applicantPhone: '' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Bước 1/6');
    const summary = errorSummary(r.body);
    expect(summary).toContain('href="#f-applicantPhone"');
    expect((summary.match(/<li>/g) ?? []).length).toBe(1);
    expect(r.body).toContain('id="f-applicantPhone-error"');
    expect(r.body).not.toContain('name="childName"');
    expect((await draft())?.step).toBe('form');
    expect((await draftData()).applicantName).toBe(FORM.applicantName);
    expect((await draftData()).applicantPhone).toBeUndefined();
    const en = await post(an, { _section: '1', receivingUnitId: '', ...answersOf(1) }, 'en');
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('<p class="error-message" id="f-receivingUnitId-error">Please choose where to submit the dossier.</p>');
    expect(en.body).toContain('Step 1 of 6');
    expect(await dossierCount()).toBe(0);
  });

  it('goes section by section to the review, grouped by section with change links; answers kept in the draft', async () => {
    await discard();
    const one = await post(an, { _section: '1', receivingUnitId: P1, ...answersOf(1) });
    expect(one.statusCode, one.body.slice(0, 300)).toBe(303);
    expect(one.headers.location).toBe(`/nop-ho-so/${BIRTH}?buoc=2`);
    const page2 = await get(`/nop-ho-so/${BIRTH}?buoc=2`, an);
    expect(page2.body).toContain('Bước 2/6: Thông tin người được đăng ký khai sinh');
    expect(page2.body).toContain(`href="/nop-ho-so/${BIRTH}?buoc=1"`);
    expect(page2.body).toContain('Quay lại bước trước');
    expect(page2.body).toContain(`name="receivingUnitId" value="${P1}"`);
    expect(page2.body).not.toContain('id="f-receivingUnitId"');
    expect(page2.body).toContain('name="childName"');
    expect(page2.body).not.toContain('name="applicantName"');
    // Back to section 1: the answers are there.
    expect((await get(`/nop-ho-so/${BIRTH}?buoc=1`, an)).body).toContain(`>${FORM.applicantAddress}</textarea>`);
    for (let n = 2; n <= 5; n++) {
      const r = await post(an, { _section: String(n), receivingUnitId: P1, ...answersOf(n) });
      expect(r.statusCode, `section ${n}: ${errorSummary(r.body)}`).toBe(303);
      expect(r.headers.location).toBe(`/nop-ho-so/${BIRTH}?buoc=${n + 1}`);
    }
    const d = await draftData();
    expect(d.applicantName).toBe(FORM.applicantName);
    expect(d.childName).toBe(FORM.childName);
    expect((await draft())?.receiving_unit_id).toBe(P1);
    const review = await post(an, { _section: '6', receivingUnitId: P1, ...answersOf(6) });
    expect(review.statusCode, errorSummary(review.body)).toBe(200);
    expect(review.body).toContain('Kiểm tra thông tin');
    expect((await draft())?.step).toBe('review');
    const headings = [...review.body.matchAll(/<section class="review-section"><h3>([^<]+)<\/h3>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Thông tin người yêu cầu', 'Thông tin người được đăng ký khai sinh', 'Yêu cầu khác', 'Nhận kết quả']);
    expect(review.body).toContain(`href="/nop-ho-so/${BIRTH}?buoc=2&amp;sua=1"`);
    expect(review.body).toContain('Thay đổi<span class="visually-hidden"> Thông tin người được đăng ký khai sinh</span>');
    // Reloading opens the review again (the draft is at the review).
    expect((await get(`/nop-ho-so/${BIRTH}`, an)).body).toContain('Kiểm tra thông tin');
    expect(await dossierCount()).toBe(0);
  });

  it('a change from the review comes back to the review; a wrong change stays on its section', async () => {
    const page = await get(`/nop-ho-so/${BIRTH}?buoc=2&sua=1`, an);
    expect(page.body).toContain('Bước 2/6');
    expect(page.body).toContain('name="_return" value="review"');
    const bad = await post(an, { _section: '2', _return: 'review', receivingUnitId: P1, ...answersOf(2), childName: '' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toContain('href="#f-childName"');
    expect(bad.body).toContain('name="_return" value="review"');
    const good = await post(an, { _section: '2', _return: 'review', receivingUnitId: P1, ...answersOf(2), childName: 'Nguyễn Minh Khôi' });
    expect(good.statusCode, `${good.headers.location} ${JSON.stringify(await draftData())}`).toBe(200);
    expect(good.body).toContain('Kiểm tra thông tin');
    expect(good.body).toContain('Nguyễn Minh Khôi');
    expect((await draftData()).childName).toBe('Nguyễn Minh Khôi');
  });

  it('the last section with an earlier one unanswered goes back to that section with its errors', async () => {
    await discard();
    expect((await post(an, { _section: '1', receivingUnitId: P1, ...answersOf(1) })).statusCode).toBe(303);
    const r = await post(an, { _section: '6', receivingUnitId: P1, ...answersOf(6) });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('Bước 2/6');
    expect(errorSummary(r.body)).toContain('href="#f-childName"');
    expect(errorSummary(r.body)).not.toContain('href="#f-applicantName"');
    expect((await draftData()).resultDelivery).toBe('truc-tiep');
    expect((await draft())?.step).toBe('form');
    // Resuming the draft opens at that section.
    expect((await get(`/nop-ho-so/${BIRTH}`, an)).body).toContain('Bước 2/6');
  });

  it('autosave and "Lưu nháp" of a section keep the other sections’ answers; an unticked box is removed', async () => {
    await discard();
    expect((await post(an, { _section: '1', receivingUnitId: P1, ...answersOf(1) })).statusCode).toBe(303);
    const auto = await post(an, { _section: '5', _autosave: '1', receivingUnitId: P1, late: 'true', copies: '2' });
    expect(auto.statusCode).toBe(204);
    expect(await draftData()).toMatchObject({ applicantName: FORM.applicantName, late: true, copies: 2 });
    const saved = await post(an, { _section: '5', _save: 'Lưu nháp', receivingUnitId: P1, copies: '1' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/nop-ho-so/${BIRTH}?buoc=5&nhap=1`);
    const d = await draftData();
    expect(d.late).toBeUndefined();
    expect(d.copies).toBe(1);
    expect(d.applicantPhone).toBe(FORM.applicantPhone);
    expect((await get(`/nop-ho-so/${BIRTH}?buoc=5&nhap=1`, an)).body).toContain('Đã lưu bản nháp');
  });

  it('a one-shot POST of the whole form is still accepted; with errors the whole form comes back with all of them', async () => {
    await discard();
    const whole = await post(an, { receivingUnitId: P1, ...FORM });
    expect(whole.statusCode).toBe(200);
    expect(whole.body).toContain('Kiểm tra thông tin');
    expect((await draft())?.step).toBe('review');
    const bad = await post(an, { receivingUnitId: P1, ...FORM, childGender: '', resultDelivery: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('Bước 2/6');
    expect(bad.body).not.toContain('name="_section"');
    expect(errorSummary(bad.body)).toContain('href="#f-childGender"');
    expect(errorSummary(bad.body)).toContain('href="#f-resultDelivery"');
    expect(bad.body).toContain('name="applicantName"');
    expect(await dossierCount()).toBe(0);
  });

  it('an unknown step number shows the first section', async () => {
    await discard();
    const r = await get(`/nop-ho-so/${BIRTH}?buoc=99`, an);
    expect(r.body).toContain('Bước 1/6');
  });
});
