import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, authHeaders, loginOfficer, type Login } from '../../test/login';
import { DEMO } from '../units/demo';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { multipart, type MultipartFile } from '../../test/multipart';

let env: TestEnv;
let specialist: Login;
let leader: Login;
let reception: Login;
let tanHoa: Login;
let tanHoaLeader: Login;

/** Sessions expire when the test clock jumps: log in again at the new time. */
async function at(t: string) {
  env.clock.set(t);
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  leader = await loginOfficer(env.app, 'chutich.p1');
  reception = await loginOfficer(env.app, 'motcua.p1');
  tanHoa = await loginOfficer(env.app, 'tuphap.tanhoa');
  tanHoaLeader = await loginOfficer(env.app, 'chutich.tanhoa');
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z' });
  await at('2025-03-10T02:00:00Z');
});
afterAll(async () => env?.close());

const post = (url: string, payload: unknown, s?: Login) => env.app.inject({ method: 'POST', url, headers: s ? authHeaders(s) : {}, payload: payload as any });
const row = (id: string) => env.ctx.db.selectFrom('petitions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const base = {
  subjectKind: 'unit',
  unitId: DEMO.ubndPhuong1,
  title: 'Đường trước trụ sở ngập nước',
  content: 'Đường trước trụ sở phường ngập nước mỗi khi mưa, người dân khó đến nộp hồ sơ.',
  contactName: 'Trần Thị Bình',
  contactEmail: 'binh@example.vn',
  consentPublish: true,
};
async function submit(extra: Record<string, unknown> = {}) {
  const r = await post('/api/v1/petitions', { ...base, ...extra });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; code: string; pin: string; dueAt: string };
}

const petitionForm = (fields: Record<string, string>, file: Omit<MultipartFile, 'field'>) => multipart(fields, [{ field: 'files', ...file }]);

describe('petition side paths', () => {
  it('asks for more information; the submitter sends it with the secret; then it is answered', async () => {
    const p = await submit();
    env.clock.advance(60_000);
    const noNote = await post(`/api/v1/petitions/${p.id}/request_info`, { note: '' }, specialist);
    expect(noNote.statusCode).toBe(400);
    const ask = await post(`/api/v1/petitions/${p.id}/request_info`, { note: 'Xin cho biết đoạn đường cụ thể.' }, specialist);
    expect(ask.json()).toMatchObject({ state: 'info_requested' });
    env.clock.advance(60_000);
    const wrongPin = await post(`/api/v1/petitions/lookup/${p.code}/info`, { pin: 'sai', text: 'Đường Trần Hưng Đạo' });
    expect(wrongPin.statusCode).toBe(404);
    const seen = await post(`/api/v1/petitions/lookup/${p.code}`, { pin: p.pin });
    expect(seen.json().infoRequest).toBe('Xin cho biết đoạn đường cụ thể.');
    const info = await post(`/api/v1/petitions/lookup/${p.code}/info`, { pin: p.pin, text: 'Đoạn đường Trần Hưng Đạo trước số 12.' });
    expect(info.statusCode, info.body).toBe(200);
    expect(info.json().state).toBe('received');
    const twice = await post(`/api/v1/petitions/lookup/${p.code}/info`, { pin: p.pin, text: 'lần nữa' });
    expect(twice.statusCode).toBe(409);
    const r = await row(p.id);
    expect(r.info_requested_at).not.toBeNull();
    const events = (await env.app.inject({ url: `/api/v1/petitions/${p.id}`, headers: authHeaders(specialist) })).json().events.map((e: any) => e.action);
    expect(events).toEqual(['submit', 'request_info', 'provide_info']);
  });

  it('transfers to another unit with a new due date; the first unit loses it, the second handles it', async () => {
    const p = await submit();
    const unknown = await post(`/api/v1/petitions/${p.id}/transfer`, { unitId: 'khong-co' }, specialist);
    expect([unknown.statusCode, unknown.json().error]).toEqual([400, 'feedback.error.unknown_unit']);
    expect((await row(p.id)).unit_id).toBe(DEMO.ubndPhuong1);
    await at('2025-03-12T02:00:00Z'); // Wednesday
    const moved = await post(`/api/v1/petitions/${p.id}/transfer`, { unitId: DEMO.ubndTanHoa }, specialist);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ state: 'received', unitId: DEMO.ubndTanHoa });
    // 12/3/2025 + 15 working days = 2/4/2025
    expect(moved.json().dueAt.slice(0, 10)).toBe('2025-04-02');
    const lost = await env.app.inject({ url: `/api/v1/petitions/${p.id}`, headers: authHeaders(specialist) });
    expect(lost.statusCode).toBe(404);
    const answer = await post(`/api/v1/petitions/${p.id}/answer`, { note: 'Xã đã cho khơi thông cống thoát nước.' }, tanHoa);
    expect(answer.json().state).toBe('answered');
  });

  it('publishes separately after approval; without consent it cannot be published', async () => {
    const p = await submit({ title: 'Công khai sau khi duyệt' });
    await post(`/api/v1/petitions/${p.id}/answer`, { note: 'Phường đã sửa đường.' }, specialist);
    const approved = await post(`/api/v1/petitions/${p.id}/approve`, { publish: false }, leader);
    expect(approved.json().state).toBe('closed');
    const list = async () => (await env.app.inject({ url: '/api/v1/petitions/published' })).json().items.map((x: any) => x.code);
    expect(await list()).not.toContain(p.code);
    const byHandler = await post(`/api/v1/petitions/${p.id}/publish`, {}, specialist);
    expect(byHandler.statusCode).toBe(403);
    const pub = await post(`/api/v1/petitions/${p.id}/publish`, { publicAnswer: 'Phường đã sửa đường trước trụ sở.' }, leader);
    expect(pub.statusCode).toBe(200);
    expect(await list()).toContain(p.code);

    const secret = await submit({ title: 'Không đồng ý công khai', consentPublish: false });
    await post(`/api/v1/petitions/${secret.id}/answer`, { note: 'Đã trả lời riêng.' }, specialist);
    await post(`/api/v1/petitions/${secret.id}/approve`, {}, leader);
    const refused = await post(`/api/v1/petitions/${secret.id}/publish`, {}, leader);
    expect(refused.statusCode).toBe(409);
    expect((await row(secret.id)).published_at).toBeNull();
  });

  it('takes attachments through the form; the unit downloads them, other units and the public cannot; a bad file is refused', async () => {
    const anon = await anonymousCsrf(env.app);
    const fields = {
      subjectKind: 'unit',
      unitId: DEMO.ubndPhuong1,
      title: 'Kèm ảnh hiện trường',
      content: 'Gửi kèm biên bản về việc chậm trả kết quả.',
      contactName: 'Trần Thị Bình',
      contactPhone: '0987654321',
    };
    const mp = petitionForm(fields, { name: 'bien-ban.pdf', type: 'application/pdf', bytes: PDF });
    const res = await env.app.inject({
      method: 'POST',
      url: '/phan-anh',
      headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const code = /PA-\d{6}-[0-9A-F]{6}/.exec(res.body)![0];
    const p = await env.ctx.db.selectFrom('petitions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    const view = (await env.app.inject({ url: `/api/v1/petitions/${p.id}`, headers: authHeaders(reception) })).json();
    expect(view.files).toHaveLength(1);
    const url = `/api/v1/petitions/${p.id}/files/${view.files[0].id}`;
    const dl = await env.app.inject({ url, headers: authHeaders(reception) });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await env.app.inject({ url, headers: authHeaders(tanHoa) })).statusCode).toBe(404);
    expect((await env.app.inject({ url })).statusCode).toBe(401);

    const before = Number(
      (
        await env.ctx.db
          .selectFrom('petitions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const exe = petitionForm(fields, { name: 'virus.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') });
    const bad = await env.app.inject({
      method: 'POST',
      url: '/phan-anh',
      headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf, 'content-type': exe.type },
      payload: exe.body,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
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

  it('a refusal within 2 working days is on time, a later one is late', async () => {
    await at('2025-03-14T02:00:00Z'); // Friday
    const quick = await submit({ title: 'Không thuộc thẩm quyền 1' });
    const slow = await submit({ title: 'Không thuộc thẩm quyền 2' });
    await at('2025-03-18T08:00:00Z'); // Tuesday 15:00, within 2 working days
    const a = await post(`/api/v1/petitions/${quick.id}/refuse`, { note: 'Không thuộc thẩm quyền của phường.' }, reception);
    expect(a.json()).toMatchObject({ state: 'refused', timeliness: 'on_time' });
    await at('2025-03-20T02:00:00Z'); // Thursday: the 2 working days are over
    const b = await post(`/api/v1/petitions/${slow.id}/refuse`, { note: 'Không thuộc thẩm quyền của phường.' }, reception);
    expect(b.json()).toMatchObject({ state: 'refused', timeliness: 'late' });
    const lookup = await post(`/api/v1/petitions/lookup/${slow.code}`, { pin: slow.pin });
    expect(lookup.json().refusalReason).toBe('Không thuộc thẩm quyền của phường.');
    const noReason = await submit({ title: 'Thiếu lý do' });
    const bad = await post(`/api/v1/petitions/${noReason.id}/refuse`, { note: '  ' }, reception);
    expect([bad.statusCode, bad.json().error]).toEqual([400, 'feedback.error.reason_required']);
    const wrongUnit = await post(`/api/v1/petitions/${noReason.id}/refuse`, { note: 'x' }, tanHoaLeader);
    expect(wrongUnit.statusCode).toBe(404);
    expect((await row(noReason.id)).state).toBe('received');
  });
});
