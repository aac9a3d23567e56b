/**
 * Issue 13: a refused officer form (HTML, posted without JavaScript) says, for each field, its
 * visible label and what a right value looks like - never the field's path nor zod's stock
 * sentence - links the summary to the field, puts the message on the field, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { multipart } from '../../test/multipart';
import { postForm } from '../../test/pages';

let env: TestEnv;
let admin: Login, controller: Login, specialist: Login, desk: Login;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  admin = await loginOfficer(env.app, 'admin');
  controller = await loginOfficer(env.app, 'kiemsoat');
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  desk = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

const html = { accept: 'text/html' };
const post = (url: string, who: Login, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  postForm(env, url, who, fields, undefined, headers);

/** The text a reader sees in the error summary of a page (GOV.UK: one div.error-summary), tags dropped, entities decoded. */
function summaryOf(body: string): string {
  const m = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(body);
  expect(m, 'the page has an error summary').not.toBeNull();
  return decode(m![1]!.replace(/<[^>]+>/g, ' '));
}
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** zod's stock wording, in both languages (z.locales.vi / en), that must never reach a page. */
const STOCK = ['Đầu vào không hợp lệ', 'Invalid input', 'Too small', 'Too big', 'Quá nhỏ', 'Quá lớn', 'expected string', 'mong đợi', 'Invalid option'];

function expectNoStock(body: string) {
  for (const s of STOCK) expect(decode(body), `no "${s}"`).not.toContain(s);
}

/** Rows of the tables a form could change, to prove a refused form changed nothing (the audit log included). */
async function snapshot(...tables: string[]): Promise<string> {
  const db = env.ctx.db as unknown as { selectFrom(t: string): { selectAll(): { execute(): Promise<unknown[]> } } };
  const rows = await Promise.all([...tables, 'audit_log'].map((t) => db.selectFrom(t).selectAll().execute()));
  return JSON.stringify(rows);
}

describe('units admin (/quan-tri/don-vi)', () => {
  it('rename without a name and with a bad date: each field by its label, linked, on the field; nothing changed', async () => {
    const before = await snapshot('units', 'unit_versions', 'unit_events');
    const r = await post('/quan-tri/don-vi/doi-ten', admin, { id: 'hg-vithanh-p1-ubnd', name: '', effectiveDate: '31/02/2026', decision: '' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Tên mới: vui lòng nhập tên mới');
    expect(s).toContain('Ngày hiệu lực: nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/12/2026');
    expect(s).toContain('Số văn bản, quyết định: vui lòng nhập số văn bản, quyết định');
    for (const path of ['effectiveDate', 'decision:', 'name:', '(body)']) expect(s).not.toContain(path);
    expect(r.body).toContain('href="#f-rename-name"');
    expect(r.body).toContain('href="#f-rename-effectiveDate"');
    expect(r.body).toMatch(/id="f-rename-name"[^>]*aria-describedby="f-rename-name-error"|aria-describedby="f-rename-name-error"[^>]*id="f-rename-name"/);
    expect(r.body).toContain('id="f-rename-name-error"');
    // only the posted form carries the messages
    expect(r.body).not.toContain('id="f-create-name-error"');
    expectNoStock(r.body);
    expect(await snapshot('units', 'unit_versions', 'unit_events')).toBe(before);
  });

  it('in English when the officer chose English', async () => {
    const r = await post('/quan-tri/don-vi/doi-ten?lang=en', admin, { id: 'hg-vithanh-p1-ubnd', name: '', effectiveDate: '2026-03-09', decision: 'QĐ 1' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('New name: enter the new name');
    expect(s).not.toContain('vui lòng');
    expectNoStock(r.body);
  });

  it('create with no kind chosen: "vui lòng chọn"', async () => {
    const r = await post('/quan-tri/don-vi/thanh-lap', admin, { kind: 'galaxy', name: 'Phường Mới', parentId: 'hg', validFrom: '2026-03-09' });
    expect(r.statusCode).toBe(400);
    expect(summaryOf(r.body)).toContain('Loại: vui lòng chọn loại');
    expect(r.body).toContain('href="#f-create-kind"');
  });

  it('the JSON API keeps { field, message }: field the path, the message without zod stock wording', async () => {
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/units/hg-vithanh-p1-ubnd/rename',
      headers: authHeaders(admin),
      payload: { name: '', effectiveDate: 'x', decision: 'QĐ 1' },
    });
    expect(r.statusCode).toBe(400);
    const b = r.json();
    expect(b.error).toBe('error.validation');
    const fields = b.fields as { field: string; message: string }[];
    for (const f of fields) expect(Object.keys(f).sort()).toEqual(['field', 'message']);
    expect(fields.map((f) => f.field).sort()).toEqual(['effectiveDate', 'name']);
    expect(fields.find((f) => f.field === 'effectiveDate')!.message).toBe('nhập ngày theo dạng YYYY-MM-DD, ví dụ 2026-12-02');
    expectNoStock(r.body);
  });
});

describe('feedback settings (/quan-tri/phan-anh/cai-dat)', () => {
  it('a number out of range names the bounds; a word is not a number; nothing saved', async () => {
    const before = await snapshot('feedback_settings');
    const r = await post('/quan-tri/phan-anh/cai-dat', admin, {
      answerDays: '999',
      refusalDays: 'mười',
      infoRequestDays: '5',
      publishDays: '5',
      ratingChangeDays: '5',
      unsatisfiedAtOrBelow: '2',
    });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toMatch(/: nhập một số từ 1 đến 60/);
    expect(s).toMatch(/: nhập một số, ví dụ 10/);
    for (const path of ['answerDays', 'refusalDays']) expect(s).not.toContain(path);
    expect(r.body).toContain('href="#answerDays"');
    expect(r.body).toContain('id="answerDays-error"');
    expectNoStock(r.body);
    expect(await snapshot('feedback_settings')).toBe(before);
  });
});

describe('FAQ admin (/quan-tri/hoi-dap)', () => {
  it('too short a question, no answer: by label; nothing stored', async () => {
    const before = await snapshot('faqs');
    const r = await post('/quan-tri/hoi-dap', controller, { procedureCode: '', fieldCode: '', question: 'Hỏi', answer: '' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Câu hỏi: nhập ít nhất 5 ký tự');
    expect(s).toContain('Trả lời: vui lòng nhập trả lời');
    expect(s).not.toContain('question');
    expect(r.body).toContain('href="#question"');
    expect(r.body).toContain('id="answer-error"');
    expect(r.body).toContain('value="Hỏi"'); // what was typed is kept
    expectNoStock(r.body);
    expect(await snapshot('faqs')).toBe(before);
  });
});

describe('indicator settings (/chi-so/cau-hinh)', () => {
  it('points over 100 and a negative band: the page again (not the bare error page), by label; nothing saved', async () => {
    const before = await snapshot('indicator_settings');
    const r = await post('/chi-so/cau-hinh', admin, { key: 'onTimeRate', maxPoints: '500', threshold: '' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Điểm tối đa: nhập một số từ 0 đến 100');
    expect(s).not.toContain('maxPoints');
    expect(r.body).toContain('href="#s-onTimeRate-max"');
    expect(r.body).toContain('id="s-onTimeRate-max-error"');
    expect(r.body).toContain('action="/chi-so/cau-hinh/xep-loai"'); // the settings page itself
    const bands = await post('/chi-so/cau-hinh/xep-loai', admin, { min_excellent: '-5', min_good: '80', min_fair: '65', min_average: '50', min_weak: '0' });
    expect(bands.statusCode).toBe(400);
    expect(summaryOf(bands.body)).toMatch(/: nhập một số từ 0 đến 100/);
    expect(summaryOf(bands.body)).not.toContain('min_excellent');
    expect(bands.body).toContain('href="#band-excellent"');
    expectNoStock(r.body + bands.body);
    expect(await snapshot('indicator_settings')).toBe(before);
  });
});

describe('officer accounts (/quan-tri/tai-khoan)', () => {
  it('a new account without a name, and a role without its unit: by label, linked; nothing created', async () => {
    const before = await snapshot('officers');
    const noName = await post('/quan-tri/tai-khoan/moi', admin, { username: 'moi.canbo', name: '', password: 'MatKhau2026x' });
    expect(noName.statusCode).toBe(400);
    expect(summaryOf(noName.body)).toContain('Họ và tên: vui lòng nhập họ và tên');
    expect(noName.body).toContain('href="#name"');
    expect(noName.body).toContain('id="name-error"');
    const noUnit = await post('/quan-tri/tai-khoan/moi', admin, { username: 'moi.canbo', name: 'Cán Bộ Mới', password: 'MatKhau2026x', new_role: 'reception' });
    expect(noUnit.statusCode).toBe(400);
    expect(summaryOf(noUnit.body)).toContain('Đơn vị của vai trò được thêm: vui lòng chọn đơn vị của vai trò được thêm');
    expect(noUnit.body).toContain('href="#new_unit"');
    expect(noUnit.body).toContain('aria-describedby="new_unit_hint new_unit-error"');
    expectNoStock(noName.body + noUnit.body);
    expect(await snapshot('officers')).toBe(before);
  });
});

describe('certified copy (/can-bo/chung-thuc)', () => {
  it('no document name and no scan: both at once, by label, on the form page; nothing issued', async () => {
    const before = await snapshot('certified_copies', 'stored_documents');
    const mp = multipart({ _csrf: specialist.csrf, requesterKind: 'citizen', requesterId: '093090001234', documentType: 'giay-khai-sinh', name: '' }, []);
    const r = await env.app.inject({
      method: 'POST',
      url: '/can-bo/chung-thuc',
      headers: { ...html, cookie: specialist.cookie, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Tên giấy tờ: vui lòng nhập tên giấy tờ');
    expect(s).toContain('Bản quét bản chính (PDF, JPG, PNG): Vui lòng tải lên bản quét của bản chính.');
    expect(r.body).toContain('href="#name"');
    expect(r.body).toContain('href="#file"');
    expect(r.body).toContain('value="093090001234"');
    expectNoStock(r.body);
    expect(await snapshot('certified_copies', 'stored_documents')).toBe(before);
  });
});

describe('catalogue: retiring a procedure (/quan-tri/thu-tuc/:code/bai-bo)', () => {
  it('no decision number, a bad date: by label, linked to the inputs; nothing retired', async () => {
    const before = await snapshot('publication_decisions', 'procedure_versions');
    const r = await post('/quan-tri/thu-tuc/1.004873/bai-bo', controller, { number: '', signedDate: 'ngày 9', effectiveDate: '2026-03-10' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Số quyết định: vui lòng nhập số quyết định');
    expect(s).toMatch(/Ngày ký[^:]*: nhập ngày theo dạng ngày\/tháng\/năm, ví dụ 02\/12\/2026/);
    expect(s).not.toContain('decision.');
    expect(r.body).toContain('href="#retire-number"');
    expect(r.body).toContain('id="retire-number-error"');
    expect(r.body).toContain('id="retire-signed-error"');
    expectNoStock(r.body);
    // with no draft to publish the publication form is not on the page: its summary links nowhere
    const pub = await post('/quan-tri/thu-tuc/cong-bo', controller, { number: '', signedDate: '2026-03-09', effectiveDate: '2026-03-10' });
    expect(pub.statusCode).toBe(400);
    expect(summaryOf(pub.body)).toContain('Số quyết định: vui lòng nhập số quyết định');
    expect(pub.body).not.toContain('href="#number"');
    expect(await snapshot('publication_decisions', 'procedure_versions')).toBe(before);
  });
});

describe('dossier actions (/can-bo/ho-so/:id/thao-tac/:action)', () => {
  let id = '';
  let version = 0;
  it('the desk opens an in-person dossier', async () => {
    const mp = multipart(
      { payload: JSON.stringify({ procedureCode: '1.004873', applicant: { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' } }) },
      [],
    );
    const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(desk), 'content-type': mp.type }, payload: mp.body });
    expect(r.statusCode, r.body).toBe(201);
    ({ id, version } = r.json().dossier);
  });

  it('a refusal without its reason: "Lý do từ chối: vui lòng nhập lý do từ chối", linked to the field; nothing changed', async () => {
    const before = await snapshot('dossiers', 'dossier_events');
    const r = await post(`/can-bo/ho-so/${id}/thao-tac/refuse`, desk, { version: String(version), comment: ' ' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Lý do từ chối: vui lòng nhập lý do từ chối');
    expect(s).not.toContain('comment');
    expect(r.body).toContain('href="#refuse-comment"');
    expect(r.body).toContain('id="refuse-comment-error"');
    expectNoStock(r.body);
    const en = await post(`/can-bo/ho-so/${id}/thao-tac/refuse?lang=en`, desk, { version: String(version), comment: '' });
    expect(summaryOf(en.body)).toContain('Reason for refusing: enter the reason for refusing');
    expect(await snapshot('dossiers', 'dossier_events')).toBe(before);
  });
});

describe('petition handling (/quan-tri/phan-anh/:id/:action)', () => {
  it('a refusal without its reason: by label, linked to the note of that form; nothing changed', async () => {
    const sent = await env.app.inject({
      method: 'POST',
      url: '/api/v1/petitions',
      payload: {
        subjectKind: 'unit',
        unitId: 'hg-vithanh-p1-ubnd',
        title: 'Chậm trả kết quả',
        content: 'Hồ sơ khai sinh đã quá hẹn mà chưa nhận được kết quả.',
        contactName: 'Nguyễn Văn An',
        contactPhone: '0912345678',
        consentPublish: false,
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id ?? sent.json().petition?.id;
    const leader = await loginOfficer(env.app, 'chutich.p1');
    const before = await snapshot('petitions', 'petition_events');
    const r = await post(`/quan-tri/phan-anh/${id}/refuse`, leader, { note: '' });
    expect(r.statusCode).toBe(400);
    const s = summaryOf(r.body);
    expect(s).toContain('Nội dung / lý do: vui lòng nhập nội dung / lý do');
    expect(s).not.toContain('note');
    expect(r.body).toContain('href="#n-refuse"');
    expect(r.body).toContain('id="n-refuse-error"');
    expect(r.body).not.toContain('id="n-answer-error"');
    expectNoStock(r.body);
    expect(await snapshot('petitions', 'petition_events')).toBe(before);
  });
});
