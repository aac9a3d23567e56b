import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';

let env: TestEnv;
let admin: Login;
let controller: Login;
let reception: Login;

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z' });
  admin = await loginOfficer(env.app, 'admin');
  controller = await loginOfficer(env.app, 'kiemsoat');
  reception = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload: unknown, s?: Login) =>
  env.app.inject({ method, url, headers: s ? authHeaders(s) : {}, payload: payload as any });
const count = async (table: 'surveys' | 'survey_responses' | 'faqs') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const survey = {
  title: 'Khảo sát mức độ hài lòng tại Bộ phận Một cửa',
  description: 'Xin ông/bà dành 2 phút.',
  procedureCode: '1.001193',
  questions: [
    { id: 'q1', type: 'single', text: 'Ông/bà nộp hồ sơ qua kênh nào?', options: ['Trực tuyến', 'Trực tiếp'], required: true },
    { id: 'q2', type: 'multiple', text: 'Điều gì cần cải thiện?', options: ['Thời gian chờ', 'Hướng dẫn', 'Chỗ ngồi'] },
    { id: 'q3', type: 'scale', text: 'Mức độ hài lòng chung', required: true },
    { id: 'q4', type: 'short', text: 'Tên cán bộ hướng dẫn' },
    { id: 'q5', type: 'long', text: 'Góp ý khác' },
  ],
};

describe('surveys', () => {
  let id = '';

  it('only administrators build surveys; bad questions refused; nothing stored', async () => {
    const before = await count('surveys');
    expect((await send('POST', '/api/v1/surveys', survey, controller)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/surveys', survey)).statusCode).toBe(401);
    const oneOption = await send('POST', '/api/v1/surveys', { ...survey, questions: [{ id: 'q1', type: 'single', text: 'Chọn', options: ['Một'] }] }, admin);
    expect([oneOption.statusCode, oneOption.json().error]).toEqual([400, 'feedback.error.survey_questions']);
    const badType = await send('POST', '/api/v1/surveys', { ...survey, questions: [{ id: 'q1', type: 'matrix', text: 'x' }] }, admin);
    expect(badType.statusCode).toBe(400);
    expect(await count('surveys')).toBe(before);
  });

  it('an administrator builds and publishes a survey; a draft takes no answers', async () => {
    const res = await send('POST', '/api/v1/surveys', survey, admin);
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json().state).toBe('draft');
    expect((await send('POST', `/api/v1/surveys/${id}/responses`, { q1: 'Trực tuyến', q3: 5 })).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/surveys/${id}/publish`, {}, controller)).statusCode).toBe(403);
    const pub = await send('POST', `/api/v1/surveys/${id}/publish`, {}, admin);
    expect(pub.json().state).toBe('published');
    expect((await send('POST', `/api/v1/surveys/${id}/publish`, {}, admin)).statusCode).toBe(409);
    const list = (await env.app.inject({ url: '/api/v1/surveys' })).json().items;
    expect(list.some((s: any) => s.id === id)).toBe(true);
  });

  it('anyone answers; bad and missing answers are refused with the question named', async () => {
    const before = await count('survey_responses');
    const missing = await send('POST', `/api/v1/surveys/${id}/responses`, { q1: 'Trực tuyến' });
    expect([missing.statusCode, missing.json().error]).toEqual([400, 'feedback.error.survey_required']);
    expect(missing.json().message).toContain('Mức độ hài lòng chung');
    const badOption = await send('POST', `/api/v1/surveys/${id}/responses`, { q1: 'Qua bưu điện', q3: 5 });
    expect([badOption.statusCode, badOption.json().error]).toEqual([400, 'feedback.error.survey_answer']);
    const badScale = await send('POST', `/api/v1/surveys/${id}/responses`, { q1: 'Trực tiếp', q3: 9 });
    expect(badScale.statusCode).toBe(400);
    expect(await count('survey_responses')).toBe(before);
    const answers = [
      { q1: 'Trực tuyến', q2: ['Thời gian chờ', 'Hướng dẫn'], q3: 5, q4: 'Chị Hoa', q5: 'Rất tốt' },
      { q1: 'Trực tiếp', q2: ['Thời gian chờ'], q3: 3 },
      { q1: 'Trực tuyến', q3: '4', q5: 'Cần thêm ghế chờ' },
    ];
    for (const a of answers) expect((await send('POST', `/api/v1/surveys/${id}/responses`, a)).statusCode).toBe(201);
  });

  it('summarises the answers for administrators and exports them to Excel', async () => {
    expect((await env.app.inject({ url: `/api/v1/surveys/${id}/results`, headers: authHeaders(reception) })).statusCode).toBe(403);
    const r = (await env.app.inject({ url: `/api/v1/surveys/${id}/results`, headers: authHeaders(admin) })).json();
    expect(r.responses).toBe(3);
    const q = (qid: string) => r.summary.find((s: any) => s.question.id === qid);
    expect(q('q1').counts).toEqual([
      { label: 'Trực tuyến', count: 2 },
      { label: 'Trực tiếp', count: 1 },
    ]);
    expect(q('q2').counts.find((c: any) => c.label === 'Thời gian chờ').count).toBe(2);
    expect(q('q3').average).toBe(4);
    expect(q('q5').texts).toEqual(['Rất tốt', 'Cần thêm ghế chờ']);

    const x = await env.app.inject({ url: `/quan-tri/khao-sat/${id}/excel`, headers: authHeaders(admin) });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(4);
    expect(sheet.getRow(1).getCell(2).value).toBe('Ông/bà nộp hồ sơ qua kênh nào?');
    expect(sheet.getRow(2).getCell(3).value).toBe('Thời gian chờ; Hướng dẫn');
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/); // Vietnam time, as people write it
    expect(sheet.getRow(4).getCell(6).value).toBe('Cần thêm ghế chờ');
    expect(wb.worksheets[1].getColumn(1).values).toContain('Mức độ hài lòng chung');
    expect((await env.app.inject({ url: `/quan-tri/khao-sat/${id}/excel`, headers: authHeaders(controller) })).statusCode).toBe(403);
  });

  it('a closed survey takes no more answers', async () => {
    expect((await send('POST', `/api/v1/surveys/${id}/close`, {}, admin)).json().state).toBe('closed');
    const before = await count('survey_responses');
    const late = await send('POST', `/api/v1/surveys/${id}/responses`, { q1: 'Trực tuyến', q3: 5 });
    expect([late.statusCode, late.json().error]).toEqual([409, 'feedback.error.survey_closed']);
    expect(await count('survey_responses')).toBe(before);
    expect((await env.app.inject({ url: '/api/v1/surveys' })).json().items.some((s: any) => s.id === id)).toBe(false);
  });
});

describe('FAQ', () => {
  const entry = {
    procedureCode: '1.001193',
    fieldCode: null,
    question: 'Đăng ký khai sinh quá hạn có bị phạt không?',
    answer: 'Không bị xử phạt; cha mẹ vẫn nên đăng ký sớm để con được hưởng quyền lợi.',
  };

  it('a procedure controller adds an entry; search without diacritics finds it', async () => {
    const res = await send('POST', '/api/v1/faq', entry, controller);
    expect(res.statusCode, res.body).toBe(201);
    const found = (await env.app.inject({ url: `/api/v1/faq?q=${encodeURIComponent('khai sinh qua han bi phat')}` })).json().items;
    expect(found.map((f: any) => f.question)).toContain(entry.question);
    const none = (await env.app.inject({ url: `/api/v1/faq?q=${encodeURIComponent('xe may qua han')}` })).json().items;
    expect(none.map((f: any) => f.question)).not.toContain(entry.question);
    const byProcedure = (await env.app.inject({ url: '/api/v1/faq?procedure=1.001193' })).json().items;
    expect(byProcedure.every((f: any) => f.procedureCode === '1.001193')).toBe(true);
    const changed = await send('PUT', `/api/v1/faq/${res.json().id}`, { ...entry, answer: 'Không bị xử phạt hành chính.' }, controller);
    expect(changed.json().answer).toBe('Không bị xử phạt hành chính.');
  });

  it('others cannot add, change or delete; bad input refused; nothing changed', async () => {
    const before = await count('faqs');
    expect((await send('POST', '/api/v1/faq', entry, reception)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/faq', entry)).statusCode).toBe(401);
    const short = await send('POST', '/api/v1/faq', { ...entry, question: 'Hỏi' }, controller);
    expect(short.statusCode).toBe(400);
    const any = (await env.app.inject({ url: '/api/v1/faq' })).json().items[0];
    expect((await send('DELETE', `/api/v1/faq/${any.id}`, undefined, reception)).statusCode).toBe(403);
    expect((await send('PUT', `/api/v1/faq/${any.id}`, entry, reception)).statusCode).toBe(403);
    expect((await send('DELETE', '/api/v1/faq/khong-co', undefined, controller)).statusCode).toBe(404);
    expect(await count('faqs')).toBe(before);
  });
});

describe('settings', () => {
  const form = (fields: Record<string, string>, s: Login) =>
    env.app.inject({
      method: 'POST',
      url: '/quan-tri/phan-anh/cai-dat',
      headers: { accept: 'text/html', cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
    });
  const all = { answerDays: '10', refusalDays: '2', infoRequestDays: '5', publishDays: '2', ratingChangeDays: '7', unsatisfiedAtOrBelow: '2' };

  it('administrators only; a bad value re-renders with the error and changes nothing', async () => {
    expect((await env.app.inject({ url: '/quan-tri/phan-anh/cai-dat', headers: { cookie: controller.cookie } })).statusCode).toBe(403);
    expect((await form(all, controller)).statusCode).toBe(403);
    expect((await send('PUT', '/api/v1/feedback/settings', { answerDays: 10 }, reception)).statusCode).toBe(403);
    const page = await env.app.inject({ url: '/quan-tri/phan-anh/cai-dat', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="15"');
    const bad = await form({ ...all, answerDays: '0' }, admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('Thời hạn trả lời phản ánh');
    expect((await env.app.inject({ url: '/api/v1/feedback/settings', headers: authHeaders(admin) })).json().answerDays).toBe(15);
  });

  it('a saved deadline applies to the next petition', async () => {
    const saved = await form(all, admin);
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('role="status"');
    const p = await send('POST', '/api/v1/petitions', {
      subjectKind: 'other',
      title: 'Hỏi về lệ phí',
      content: 'Xin hỏi lệ phí cấp bản sao trích lục là bao nhiêu?',
      contactName: 'Lê Văn Cường',
      contactPhone: '0911222333',
    });
    // 10/3/2025 (Monday) + 10 working days = 24/3/2025
    expect(p.json().dueAt.slice(0, 10)).toBe('2025-03-24');
    const put = await send('PUT', '/api/v1/feedback/settings', { answerDays: 15 }, admin);
    expect(put.json().answerDays).toBe(15);
  });
});
