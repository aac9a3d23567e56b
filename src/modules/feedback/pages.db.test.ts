import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, loginOfficer, type Login } from '../../test/login';
import { DEMO } from '../units/demo';
import { DEFAULT_CRITERIA } from './model';
import { createSurvey, setSurveyState } from './service';
import { addPoliceOfficer, driveToResult, loginPeople, moveClock, submitOnline, type People } from './test-dossiers';

let env: TestEnv;
let p: People;
let admin: Login;
let controller: Login;
let handler: Login;
let dossierId = '';

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  await addPoliceOfficer(env);
  p = await loginPeople(env);
  admin = await loginOfficer(env.app, 'admin');
  controller = await loginOfficer(env.app, 'kiemsoat');
  handler = await loginOfficer(env.app, 'tuphap.p1');
  dossierId = await submitOnline(env, p.an);
  await moveClock(env, '2026-03-12T03:00:00Z');
  await driveToResult(env, p, dossierId, { returnResult: true });
}, 120_000);
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const get = (url: string, s?: Login) => env.app.inject({ url, headers: { ...html, ...(s ? { cookie: s.cookie } : {}) } });
const form = (url: string, fields: Record<string, string | string[]>, s: Login) => {
  const body = new URLSearchParams({ _csrf: s.csrf });
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return env.app.inject({
    method: 'POST',
    url,
    headers: { ...html, cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
};
const count = async (table: 'petitions' | 'surveys' | 'survey_responses' | 'faqs' | 'dossier_ratings') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const petitionFields = {
  subjectKind: 'unit',
  unitId: DEMO.ubndPhuong1,
  title: 'Cán bộ hướng dẫn chưa rõ',
  content: 'Cán bộ hướng dẫn hồ sơ chưa rõ ràng, tôi phải đi lại nhiều lần.',
  contactName: 'Lê Văn Cường',
  contactPhone: '0911222333',
};

describe('portal screens', () => {
  it('/phan-anh: anyone sees the form, the published answers and the hotline; a bad form re-renders with the error and nothing is stored', async () => {
    const page = await get('/phan-anh');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="title"');
    expect(page.body).toContain('support-contacts');
    const anon = await anonymousCsrf(env.app);
    const before = await count('petitions');
    const bad = await form('/phan-anh', { ...petitionFields, contactPhone: '' }, anon);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('số điện thoại');
    const noCsrf = await env.app.inject({
      method: 'POST',
      url: '/phan-anh',
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(petitionFields).toString(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(await count('petitions')).toBe(before);
    const good = await form('/phan-anh', petitionFields, anon);
    expect(good.statusCode).toBe(200);
    expect(good.body).toMatch(/PA-\d{6}-[0-9A-F]{6}/);
    expect(await count('petitions')).toBe(before + 1);
    const lookup = await form('/phan-anh/tra-cuu', { code: /PA-\d{6}-[0-9A-F]{6}/.exec(good.body)![0], pin: 'sai' }, anon);
    expect(lookup.statusCode).toBe(404);
    expect(lookup.body).toContain('role="alert"');
  });

  it('/tro-ly answers a need with the link and an off-topic question with the hotline', async () => {
    const anon = await anonymousCsrf(env.app);
    const known = await form('/tro-ly', { question: 'tôi muốn làm giấy khai sinh cho con' }, anon);
    expect(known.statusCode).toBe(200);
    expect(known.body).toContain('href="/thu-tuc/1.001193"');
    const unknown = await form('/tro-ly', { question: 'Giá vàng hôm nay bao nhiêu' }, anon);
    expect(unknown.body).toContain('Đường dây nóng');
    expect(unknown.body).toContain('support-contacts');
    expect((await form('/tro-ly', { question: '  ' }, anon)).statusCode).toBe(400);
  });

  it('/hoi-dap finds an entry without diacritics and shows the hotline', async () => {
    const res = await get(`/hoi-dap?q=${encodeURIComponent('khai sinh')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('support-contacts');
    const none = await get(`/hoi-dap?q=${encodeURIComponent('zzzz khong co')}`);
    expect(none.body.slice(none.body.indexOf('<main'))).not.toContain('<details'); // no entry (the header's menu is a <details> too)
  });

  it('/khao-sat: a published survey is answered; a missing answer re-renders with the error; a draft is not shown', async () => {
    const actor = { kind: 'officer' as const, id: 'test-admin', name: 'admin', roles: [{ role: 'admin' as const, unitId: DEMO.province }] };
    const s = await createSurvey(env.ctx, actor, {
      title: 'Khảo sát cổng dịch vụ công',
      questions: [{ id: 'q1', type: 'scale', text: 'Mức độ dễ sử dụng', options: [], required: true }],
    });
    expect((await get(`/khao-sat/${s.id}`)).statusCode).toBe(404);
    await setSurveyState(env.ctx, actor, s.id, 'published');
    const list = await get('/khao-sat');
    expect(list.body).toContain(`/khao-sat/${s.id}`);
    expect(list.body).toContain('support-contacts');
    const anon = await anonymousCsrf(env.app);
    const before = await count('survey_responses');
    const missing = await form(`/khao-sat/${s.id}`, {}, anon);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Mức độ dễ sử dụng');
    expect(missing.body).toContain('role="alert"');
    expect(await count('survey_responses')).toBe(before);
    const ok = await form(`/khao-sat/${s.id}`, { q1: '4' }, anon);
    expect(ok.statusCode).toBe(200);
    expect(await count('survey_responses')).toBe(before + 1);
  });

  it('/danh-gia/:id: the applicant rates; another citizen and the public cannot; a partial form re-renders with the error', async () => {
    expect((await get(`/danh-gia/${dossierId}`, p.binh)).statusCode).toBe(404);
    expect((await get(`/danh-gia/${dossierId}`)).statusCode).toBe(401);
    const page = await get(`/danh-gia/${dossierId}`, p.an);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Thái độ, tinh thần phục vụ');
    expect(page.body).toContain('support-contacts');
    const partial = await form(`/danh-gia/${dossierId}`, { s_overall: '5' }, p.an);
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('role="alert"');
    expect(await count('dossier_ratings')).toBe(0);
    const stranger = await form(`/danh-gia/${dossierId}`, Object.fromEntries(DEFAULT_CRITERIA.map((c) => [`s_${c.key}`, '5'])), p.binh);
    expect(stranger.statusCode).toBe(404);
    const full = await form(`/danh-gia/${dossierId}`, Object.fromEntries(DEFAULT_CRITERIA.map((c) => [`s_${c.key}`, '4'])), p.an);
    expect(full.statusCode).toBe(200);
    expect(full.body).toContain('role="status"');
    expect(await count('dossier_ratings')).toBe(1);
    // a survey attached to the end of the dossier's procedure is offered on the rating page
    const actor = { kind: 'officer' as const, id: 'test-admin', name: 'admin', roles: [{ role: 'admin' as const, unitId: DEMO.province }] };
    const s = await createSurvey(env.ctx, actor, {
      title: 'Khảo sát cấp phiếu lý lịch tư pháp',
      onPortal: false,
      procedureCode: '2.001417',
      questions: [{ id: 'q1', type: 'long', text: 'Góp ý', options: [], required: false }],
    });
    await setSurveyState(env.ctx, actor, s.id, 'published');
    expect((await get(`/danh-gia/${dossierId}`, p.an)).body).toContain(`/khao-sat/${s.id}`);
    expect((await get('/khao-sat')).body).not.toContain(`/khao-sat/${s.id}`);
  });
});

describe('back-office screens', () => {
  it("/quan-tri/phan-anh: the unit's handler sees and handles; citizens and the public cannot; an empty answer re-renders", async () => {
    expect((await get('/quan-tri/phan-anh')).statusCode).toBe(401);
    expect((await get('/quan-tri/phan-anh', p.an)).statusCode).toBe(403);
    const queue = await get('/quan-tri/phan-anh', handler);
    expect(queue.statusCode).toBe(200);
    const id = /\/quan-tri\/phan-anh\/([0-9a-f-]{36})/.exec(queue.body)![1];
    const detail = await get(`/quan-tri/phan-anh/${id}`, handler);
    expect(detail.body).toContain('name="note"');
    const before = await env.ctx.db.selectFrom('petitions').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    const empty = await form(`/quan-tri/phan-anh/${id}/answer`, { note: '' }, handler);
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('role="alert"');
    expect(await env.ctx.db.selectFrom('petitions').select(['state', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
    expect((await get(`/quan-tri/phan-anh/${id}`, p.desk)).statusCode).toBe(404);
    const answered = await form(`/quan-tri/phan-anh/${id}/answer`, { note: 'Phường đã nhắc nhở cán bộ và hướng dẫn lại.' }, handler);
    expect(answered.statusCode).toBe(303);
  });

  it('/quan-tri/khao-sat: administrators only; bad questions re-render with the form kept; a good one is created', async () => {
    expect((await get('/quan-tri/khao-sat', controller)).statusCode).toBe(403);
    expect((await get('/quan-tri/khao-sat', admin)).statusCode).toBe(200);
    const before = await count('surveys');
    const bad = await form('/quan-tri/khao-sat', { title: 'Khảo sát thử', questions: 'single | Chọn một | Duy nhất' }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('Khảo sát thử');
    expect((await form('/quan-tri/khao-sat', { title: 'Khảo sát thử', questions: 'scale | Hài lòng' }, controller)).statusCode).toBe(403);
    expect(await count('surveys')).toBe(before);
    const ok = await form('/quan-tri/khao-sat', { title: 'Khảo sát thử', questions: '*single | Kênh nộp | Trực tuyến; Trực tiếp\nlong | Góp ý' }, admin);
    expect(ok.statusCode).toBe(303);
    expect(await count('surveys')).toBe(before + 1);
    const results = await get(String(ok.headers.location), admin);
    expect(results.body).toContain('<svg');
  });

  it('/quan-tri/hoi-dap: controllers only; a short question re-renders with the error; a good one is listed', async () => {
    expect((await get('/quan-tri/hoi-dap', handler)).statusCode).toBe(403);
    expect((await get('/quan-tri/hoi-dap', controller)).statusCode).toBe(200);
    const before = await count('faqs');
    const bad = await form('/quan-tri/hoi-dap', { question: 'Hỏi', answer: 'Trả lời' }, controller);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect((await form('/quan-tri/hoi-dap', { question: 'Nộp hồ sơ ở đâu?', answer: 'Tại Bộ phận Một cửa.' }, handler)).statusCode).toBe(403);
    expect(await count('faqs')).toBe(before);
    const ok = await form('/quan-tri/hoi-dap', { question: 'Nộp hồ sơ ở đâu vậy?', answer: 'Tại Bộ phận Một cửa.' }, controller);
    expect(ok.statusCode).toBe(303);
    expect((await get('/hoi-dap?q=nop+ho+so+o+dau')).body).toContain('Nộp hồ sơ ở đâu vậy?');
  });
});
