/**
 * One complete supplement request (issue 17 items 1-2), through HTTP on the real database with the
 * sandbox population gateway:
 * - the officer lists every deficient item against the checklist (defect, what to provide); form 02
 *   lists them all; a component the state holds is refused unless its fetch failed and was recorded;
 * - a second request is refused without a leader's approval; proposed, it waits for a leader of the
 *   dossier's unit (refused or approved with a written reason); approved, the dossier waits and the
 *   count (2) is shown on the dossier;
 * - the citizen answers item by item online; the desk records the answer per item;
 * every refusal with a clear message (vi, en) and nothing changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { multipart, payloadMultipart, pdfFile } from '../../test/multipart';

const TTHN = '1.004873'; // xác nhận tình trạng hôn nhân: ID card from the population database, old certificate from the e-data store
const P1 = 'hg-vithanh-p1-ubnd';
const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678' };
const ID_CARD = 'giay-to-tuy-than';
const OLD_CERT = 'giay-xac-nhan-cu';

let env: TestEnv;
let desk: Login, chairman: Login, otherLeader: Login, an: Login, binh: Login;
let id: string;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, population: true, now: '2026-03-09T02:00:00Z' });
  desk = await loginOfficer(env.app, 'motcua.p1');
  chairman = await loginOfficer(env.app, 'chutich.p1');
  otherLeader = await loginOfficer(env.app, 'lanhdao.stp');
  an = await loginCitizen(env, AN.idNumber);
  binh = await loginCitizen(env, '093185004321');
  const mp = payloadMultipart({ procedureCode: TTHN, channel: 'in_person', receivingUnitId: P1, applicant: AN }, [pdfFile('file:to-khai', PDF)]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(desk), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  id = r.json().dossier.id;
});
afterAll(async () => env?.close());

const row = () =>
  env.ctx.db
    .selectFrom('dossiers')
    .select(['state', 'version', 'supplement_requests', 'paused_since', 'due_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const requests = () => env.ctx.db.selectFrom('dossier_supplement_requests').selectAll().where('dossier_id', '=', id).orderBy('requested_at').execute();
const items = (requestId: string) =>
  env.ctx.db.selectFrom('dossier_supplement_items').selectAll().where('request_id', '=', requestId).orderBy('position').execute();
const eventCount = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('dossier_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async () => ({ row: await row(), requests: await requests(), events: await eventCount() });
const post = (who: Login, url: string, payload: unknown, lang = 'vi') =>
  env.app.inject({ method: 'POST', url, headers: { ...authHeaders(who), 'accept-language': lang }, payload: payload as Record<string, unknown> });
const propose = (who: Login, payload: Record<string, unknown>, lang = 'vi') => post(who, `/api/v1/dossiers/${id}/supplement-requests`, payload, lang);
const decide = (who: Login, rid: string, payload: Record<string, unknown>, lang = 'vi') =>
  post(who, `/api/v1/dossiers/${id}/supplement-requests/${rid}/decision`, payload, lang);
function answerMultipart(who: Login, payload: unknown, files: { itemId: string }[], lang = 'vi') {
  const mp = payloadMultipart(
    payload,
    files.map((f) => pdfFile(`file:${f.itemId}`, PDF, 'bo-sung.pdf')),
  );
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/supplement-answer`,
    headers: { ...authHeaders(who), 'content-type': mp.type, 'accept-language': lang },
    payload: mp.body,
  });
}
function pdfText(bytes: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sup-')), 'slip.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
const page = (url: string, who: Login, lang = 'vi') =>
  env.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: who.cookie, 'accept-language': lang } });

const FIRST = [
  { componentKey: OLD_CERT, defect: 'expired', provide: 'Bản chính giấy xác nhận tình trạng hôn nhân đã cấp' },
  { componentKey: 'to-khai', defect: 'data_mismatch', provide: 'Tờ khai ghi đúng ngày sinh như trên căn cước' },
  { label: 'Giấy tờ chứng minh thời gian cư trú tại nơi khác', defect: 'missing', provide: 'Xác nhận cư trú từ 2015 đến 2020' },
];

describe('the first request: every deficient item, in one go', () => {
  it('refuses, changing nothing: a component the state holds, an unknown component, the same one twice, no item, a bad defect, a citizen', async () => {
    const before = await snapshot();
    const v = before.row.version;
    const held = await propose(desk, { version: v, comment: 'Bổ sung', items: [{ componentKey: ID_CARD, defect: 'unreadable' }] });
    expect(held.statusCode, held.body).toBe(409);
    expect(held.json().error).toBe('dossier.supplement_from_source');
    expect(held.json().message).toContain('Không được yêu cầu bổ sung bản giấy');
    expect((await propose(desk, { version: v, comment: 'x', items: [{ componentKey: ID_CARD, defect: 'unreadable' }] }, 'en')).json().message).toContain(
      'A paper supplement cannot be asked for',
    );
    // The older plain list is checked the same way, by name.
    const byName = await post(desk, `/api/v1/dossiers/${id}/actions/request_supplement`, {
      version: v,
      comment: 'x',
      missing: [
        'Thẻ căn cước / căn cước công dân hoặc hộ chiếu của người yêu cầu (xuất trình; không phải nộp khi đã xác thực bằng tài khoản định danh điện tử mức 2)',
      ],
    });
    expect(byName.json().error).toBe('dossier.supplement_from_source');
    const unknown = await propose(desk, { version: v, comment: 'x', items: [{ componentKey: 'khong-co', defect: 'missing' }] });
    expect([unknown.statusCode, unknown.json().error]).toEqual([400, 'dossier.component_unknown']);
    const twice = await propose(desk, { version: v, comment: 'x', items: [FIRST[0], { ...FIRST[0], defect: 'missing' }] });
    expect([twice.statusCode, twice.json().error]).toEqual([400, 'dossier.supplement_item_duplicate']);
    expect((await propose(desk, { version: v, comment: 'x', items: [] })).statusCode).toBe(400);
    expect((await propose(desk, { version: v, comment: 'x', items: [{ componentKey: OLD_CERT, defect: 'ugly' }] })).statusCode).toBe(400);
    expect((await propose(desk, { version: v, comment: '', items: FIRST })).statusCode).toBe(400);
    expect((await propose(an, { version: v, comment: 'x', items: FIRST })).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('issues the request with its items; the dossier waits, the clock stops; form 02 lists every item', async () => {
    await post(desk, `/api/v1/dossiers/${id}/actions/receive`, { version: (await row()).version });
    expect((await row()).state).toBe('received');
    const r = await propose(desk, { version: (await row()).version, comment: 'Hồ sơ chưa đầy đủ, chưa hợp lệ', items: FIRST });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ pending: false, dossier: { state: 'waiting_supplement', paused: true, supplementRequests: 1 } });
    const [req] = await requests();
    expect(req).toMatchObject({ request_no: 1, state: 'issued', reason: 'Hồ sơ chưa đầy đủ, chưa hợp lệ' });
    expect((await items(req!.id)).map((i) => [i.component_key, i.defect, i.provide])).toEqual([
      [OLD_CERT, 'expired', FIRST[0]!.provide],
      ['to-khai', 'data_mismatch', FIRST[1]!.provide],
      [null, 'missing', FIRST[2]!.provide],
    ]);
    const ev = await env.ctx.db
      .selectFrom('dossier_events')
      .select(['action', 'data'])
      .where('dossier_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'request_supplement', data: { requestNo: 1, requestId: req!.id } });
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'dossier.request_supplement')
      .execute();
    expect(audit).toHaveLength(1);
    const slip = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/slips/supplement.pdf`, headers: authHeaders(desk) });
    expect(slip.statusCode).toBe(200);
    const text = pdfText(slip.rawPayload);
    expect(text).toContain('Mẫu số 02');
    expect(text).toContain('Đã hết hạn, hết hiệu lực. Cần cung cấp: Bản chính giấy xác nhận tình trạng hôn nhân đã cấp');
    expect(text).toContain('Thông tin không khớp. Cần cung cấp: Tờ khai ghi đúng ngày sinh như trên căn cước');
    expect(text).toContain('3. Giấy tờ chứng minh thời gian cư trú tại nơi khác – Còn thiếu');
    // The API lists the request with its items.
    const list = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/supplement-requests`, headers: authHeaders(an) })).json().requests;
    expect(list).toHaveLength(1);
    expect(list[0].items.map((i: any) => i.defect)).toEqual(['expired', 'data_mismatch', 'missing']);
  });

  it('the citizen answers item by item: incomplete, unknown items and strangers are refused, nothing changed', async () => {
    const [req] = await requests();
    const its = await items(req!.id);
    const before = await snapshot();
    const v = before.row.version;
    const half = await answerMultipart(an, { version: v, answers: [{ itemId: its[1]!.id, note: 'Đã sửa' }] }, [{ itemId: its[0]!.id }]);
    expect(half.statusCode, half.body).toBe(400);
    expect(half.json().error).toBe('dossier.supplement_answer_incomplete');
    expect(half.json().message).toContain('Còn thiếu: Giấy tờ chứng minh thời gian cư trú tại nơi khác');
    expect((await answerMultipart(an, { version: v, answers: [{ itemId: its[1]!.id, note: 'x' }] }, [], 'en')).json().message).toContain(
      'Please answer every item asked',
    );
    const unknown = await answerMultipart(an, { version: v, answers: [...its.map((i) => ({ itemId: i.id, note: 'x' })), { itemId: 'khac', note: 'x' }] }, []);
    expect([unknown.statusCode, unknown.json().error]).toEqual([400, 'dossier.supplement_item_unknown']);
    expect((await answerMultipart(binh, { version: v, answers: its.map((i) => ({ itemId: i.id, note: 'x' })) }, [])).statusCode).toBe(404);
    const files = await env.ctx.db.selectFrom('dossier_files').select('id').where('dossier_id', '=', id).execute();
    expect(await snapshot()).toEqual(before);
    expect(await env.ctx.db.selectFrom('dossier_files').select('id').where('dossier_id', '=', id).execute()).toEqual(files);

    const ok = await answerMultipart(
      an,
      {
        version: v,
        answers: [
          { itemId: its[1]!.id, note: 'Tờ khai mới đính kèm' },
          { itemId: its[2]!.id, note: 'Tôi cư trú liên tục tại phường Vị Thanh' },
        ],
      },
      [{ itemId: its[0]!.id }, { itemId: its[1]!.id }],
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().dossier).toMatchObject({ state: 'received', paused: false });
    expect(ok.json().requests[0]).toMatchObject({ state: 'answered', answeredVia: 'online' });
    const after = await items(req!.id);
    expect(after.map((i) => [!!i.answer_file_id, i.answer_note])).toEqual([
      [true, null],
      [true, 'Tờ khai mới đính kèm'],
      [false, 'Tôi cư trú liên tục tại phường Vị Thanh'],
    ]);
    const f = await env.ctx.db
      .selectFrom('dossier_files')
      .select(['kind', 'component_key'])
      .where('id', '=', after[0]!.answer_file_id!)
      .executeTakeFirstOrThrow();
    expect(f).toEqual({ kind: 'supplement', component_key: OLD_CERT });
  });
});

describe('a second request needs a leader’s approval', () => {
  const SECOND = [{ componentKey: OLD_CERT, defect: 'unreadable', provide: 'Bản chụp rõ nét' }];

  it('refused without approval through the plain action, changing nothing', async () => {
    const before = await snapshot();
    const r = await post(desk, `/api/v1/dossiers/${id}/actions/request_supplement`, {
      version: before.row.version,
      comment: 'Thiếu',
      items: SECOND,
      missing: ['Bản chụp rõ nét'],
    });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error).toBe('dossier.supplement_needs_approval');
    expect(r.json().message).toContain('lần yêu cầu bổ sung thứ 2');
    expect(r.json().message).toContain('phải được lãnh đạo phê duyệt');
    expect(
      (await post(desk, `/api/v1/dossiers/${id}/actions/request_supplement`, { version: before.row.version, comment: 'x', missing: ['y'] }, 'en')).json()
        .message,
    ).toContain('needs a leader’s approval');
    expect(await snapshot()).toEqual(before);
  });

  it('proposed, it waits for a leader; the dossier goes on unchanged; the desk and another unit’s leader cannot decide', async () => {
    const before = await row();
    const r = await propose(desk, { version: before.version, comment: 'Bản chụp giấy xác nhận cũ bị mờ', items: SECOND });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ pending: true, dossier: { state: 'received', paused: false, supplementRequests: 1 } });
    const pending = (await requests())[1]!;
    expect(pending).toMatchObject({ state: 'pending', request_no: 2 });
    expect(await row()).toMatchObject({ state: 'received', supplement_requests: 1, paused_since: null, due_at: before.due_at });
    // One pending proposal at a time.
    expect((await propose(desk, { version: r.json().dossier.version, comment: 'x', items: SECOND })).json().error).toBe('dossier.supplement_pending_exists');

    const snap = await snapshot();
    const v = snap.row.version;
    const byDesk = await decide(desk, pending.id, { version: v, approve: true, reason: 'Đồng ý' });
    expect([byDesk.statusCode, byDesk.json().error]).toEqual([403, 'dossier.supplement_leader_only']);
    expect(byDesk.json().message).toContain('Chỉ lãnh đạo');
    expect((await decide(otherLeader, pending.id, { version: v, approve: true, reason: 'Đồng ý' })).statusCode).toBe(404);
    expect((await decide(chairman, pending.id, { version: v, approve: true, reason: '' })).statusCode).toBe(400);
    expect((await decide(chairman, pending.id, { version: v - 1, approve: true, reason: 'Đồng ý' })).json().error).toBe('dossier.changed');
    expect((await decide(chairman, 'khong-co', { version: v, approve: true, reason: 'Đồng ý' })).statusCode).toBe(404);
    expect(await snapshot()).toEqual(snap);
  });

  it('the leader refuses with a reason: nothing else changes; a new proposal is approved and issued as request 2', async () => {
    const pending = (await requests())[1]!;
    const refused = await decide(chairman, pending.id, { version: (await row()).version, approve: false, reason: 'Bản chụp đọc được, không cần bổ sung' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().dossier).toMatchObject({ state: 'received', supplementRequests: 1, paused: false });
    expect((await requests())[1]).toMatchObject({ state: 'refused', decision_reason: 'Bản chụp đọc được, không cần bổ sung' });
    expect((await decide(chairman, pending.id, { version: (await row()).version, approve: true, reason: 'x' })).json().error).toBe(
      'dossier.supplement_not_pending',
    );

    const again = await propose(desk, { version: (await row()).version, comment: 'Giấy xác nhận cũ không đọc được số', items: SECOND });
    expect(again.statusCode).toBe(201);
    const ok = await decide(chairman, again.json().requestId, {
      version: again.json().dossier.version,
      approve: true,
      reason: 'Số giấy xác nhận không đọc được, cần bản rõ',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().dossier).toMatchObject({ state: 'waiting_supplement', paused: true, supplementRequests: 2, timeliness: 'late' });
    const issued = (await requests()).find((x) => x.id === again.json().requestId)!;
    expect(issued).toMatchObject({ state: 'issued', request_no: 2, decision_reason: 'Số giấy xác nhận không đọc được, cần bản rõ' });
    const ev = await env.ctx.db
      .selectFrom('dossier_events')
      .select(['action', 'data', 'actor_name'])
      .where('dossier_id', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({
      action: 'request_supplement',
      data: { requestNo: 2, repeatedRequest: true, approval: { reason: 'Số giấy xác nhận không đọc được, cần bản rõ' } },
    });
    // Form 02 of request 2 says it was approved, by whom and why.
    const slip = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/slips/supplement.pdf`, headers: authHeaders(desk) });
    expect(pdfText(slip.rawPayload)).toContain(
      'Yêu cầu bổ sung lần thứ 2, đã được lãnh đạo Ngô Văn Chủ Tịch phê duyệt. Lý do: Số giấy xác nhận không đọc được, cần bản rõ',
    );
    // The count on the dossier, for the officer and for the citizen.
    const ws = await page(`/can-bo/ho-so/${id}`, desk);
    expect(ws.body).toContain('2 lần (từ lần thứ hai trở đi được tính là giải quyết quá hạn)');
    expect(ws.body).toContain('Lần 2: Đã gửi, chờ bổ sung');
    expect(ws.body).toContain('Lãnh đạo Ngô Văn Chủ Tịch');
    const mine = await page(`/ho-so-cua-toi/${id}`, an);
    expect(mine.body).toMatch(/id="supplement-count">2 lần</);
    expect(mine.body).not.toContain('Lần 2: Chờ lãnh đạo phê duyệt');
  });

  it('the desk records the answer per item at the counter', async () => {
    const open = (await requests()).find((x) => x.state === 'issued')!;
    const [item] = await items(open.id);
    const send = (fields: Record<string, string>) => {
      const mp = multipart({ _csrf: desk.csrf, ...fields });
      return env.app.inject({
        method: 'POST',
        url: `/can-bo/ho-so/${id}/bo-sung`,
        headers: { accept: 'text/html', cookie: desk.cookie, 'content-type': mp.type },
        payload: mp.body,
      });
    };
    const before = await snapshot();
    const empty = await send({ version: String(before.row.version) });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Vui lòng trả lời từng nội dung được yêu cầu');
    expect(await snapshot()).toEqual(before);
    const ok = await send({ version: String(before.row.version), [`received:${item!.id}`]: '1' });
    expect(ok.statusCode, ok.body.match(/role="alert"[^]*?<\/p>/)?.[0]).toBe(303);
    expect(await row()).toMatchObject({ state: 'received', paused_since: null });
    expect((await items(open.id))[0]).toMatchObject({ answer_note: 'Đã nhận bản giấy tại Bộ phận Một cửa' });
    expect((await requests()).find((x) => x.id === open.id)).toMatchObject({ state: 'answered', answered_via: 'desk' });
  });

  it('is counted in the unit’s figures (the indicators dashboard): one second request this month, none the month before', async () => {
    const now = await env.app.inject({ method: 'GET', url: `/chi-so?unit=${P1}&period=2026-03`, headers: { accept: 'text/html', cookie: chairman.cookie } });
    expect(now.statusCode).toBe(200);
    expect(now.body).toContain('Yêu cầu bổ sung hồ sơ từ lần thứ hai trở đi (đã được lãnh đạo phê duyệt) trong kỳ: 1');
    const before = await env.app.inject({ method: 'GET', url: `/chi-so?unit=${P1}&period=2026-02`, headers: { accept: 'text/html', cookie: chairman.cookie } });
    expect(before.body).toContain('trong kỳ: 0');
  });
});

describe('the OpenAPI document', () => {
  it('lists the supplement endpoints', async () => {
    const paths = Object.keys((await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths);
    for (const p of ['/supplement-requests', '/supplement-requests/{requestId}/decision', '/supplement-answer'])
      expect(paths).toContain(`/api/v1/dossiers/{id}${p}`);
  });
});

describe('screens', () => {
  it('the officer’s checklist marks the component the state holds and offers the defects', async () => {
    const ws = await page(`/can-bo/ho-so/${id}`, desk);
    expect(ws.body).toContain('Không yêu cầu bản giấy: Nhà nước đã có dữ liệu này (Cơ sở dữ liệu quốc gia về dân cư)');
    expect(ws.body).toContain(`name="defect:${OLD_CERT}"`);
    expect(ws.body).toContain('Đây sẽ là lần yêu cầu bổ sung thứ 3');
    const en = await page(`/can-bo/ho-so/${id}`, desk, 'en');
    expect(en.body).toContain('No paper copy may be asked for');
  });

  it('a third request through the pages: the desk proposes it, the leader’s form refuses it without a reason, then refuses it with one', async () => {
    const form = (who: Login, url: string, fields: Record<string, string | string[]>) =>
      env.app.inject({
        method: 'POST',
        url,
        headers: { accept: 'text/html', cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams([
          ['_csrf', who.csrf],
          ...Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        ]).toString(),
      });
    const sent = await form(desk, `/can-bo/ho-so/${id}/thao-tac/request_supplement`, {
      version: String((await row()).version),
      item: 'to-khai',
      'defect:to-khai': 'wrong_form',
      'provide:to-khai': 'Tờ khai theo mẫu mới',
      comment: 'Tờ khai không đúng mẫu',
    });
    expect(sent.statusCode, sent.body.match(/role="alert"[^]*?<\/p>/)?.[0]).toBe(303);
    expect(sent.headers.location).toContain('xong=supplement_proposed');
    const pending = (await requests()).find((x) => x.state === 'pending')!;
    expect(pending).toMatchObject({ request_no: 3 });
    expect((await items(pending.id)).map((i) => [i.component_key, i.defect, i.provide])).toEqual([['to-khai', 'wrong_form', 'Tờ khai theo mẫu mới']]);
    expect((await page(`/can-bo/ho-so/${id}`, desk)).body).not.toContain('id="supplement-decision"');
    const ws = await page(`/can-bo/ho-so/${id}`, chairman);
    expect(ws.body).toContain('id="supplement-decision"');
    expect(ws.body).toContain('Phê duyệt yêu cầu bổ sung lần 3');
    const before = await snapshot();
    const url = `/can-bo/ho-so/${id}/bo-sung/${pending.id}/quyet-dinh`;
    const noReason = await form(chairman, url, { version: String(before.row.version), decision: 'refuse', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Vui lòng ghi lý do phê duyệt hoặc không phê duyệt.');
    expect(await snapshot()).toEqual(before);
    const refused = await form(chairman, url, { version: String(before.row.version), decision: 'refuse', reason: 'Tờ khai cũ vẫn được chấp nhận' });
    expect(refused.statusCode).toBe(303);
    expect(await row()).toMatchObject({ state: 'received', supplement_requests: 2 });
    expect((await requests()).find((x) => x.id === pending.id)).toMatchObject({ state: 'refused' });
  });
});
