/**
 * Bulk work through HTTP (issue 17 item 5): one action on many dossiers with a per-dossier
 * outcome (allowed, forbidden, another unit's, wrong state, stale version, a second click of the
 * same batch, duplicates, the cap), the slips of many dossiers as one PDF, and the CSV of result
 * statuses (template, good and bad rows, BOM, diacritics, semicolons, not UTF-8, re-upload).
 * Every refusal: the message (Vietnamese, English with Accept-Language: en) and nothing changed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { multipart } from '../../test/multipart';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { TINY_PDF as PDF } from '../../test/fixtures';
import { postForm as postPageForm } from '../../test/pages';

/** A commune procedure taking paper: reception, appraisal (specialist), approval (leader). */
const PAPER_OK = '1.004873';
const P1 = 'hg-vithanh-p1-ubnd';
const TAN_HOA = 'hg-chauthanha-tanhoa-ubnd';

let env: TestEnv;
let desk: Login, specialist: Login, leader: Login, otherDesk: Login, citizen: Login;

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  desk = await loginOfficer(env.app, 'motcua.p1');
  specialist = await loginOfficer(env.app, 'tuphap.p1');
  leader = await loginOfficer(env.app, 'chutich.p1');
  otherDesk = await loginOfficer(env.app, 'motcua.tanhoa');
  citizen = await loginCitizen(env, '093185004321'); // the applicant of the test dossiers
});
afterAll(async () => env?.close());

interface D {
  id: string;
  code: string;
  version: number;
}

/** A paper dossier at the desk of `unit`, received (now at the appraisal step) unless `receive` is false. */
async function paperDossier(who: Login, unit: string, receive = true): Promise<D> {
  const payload = {
    procedureCode: PAPER_OK,
    channel: 'in_person',
    receivingUnitId: unit,
    applicant: { idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' },
  };
  const mp = multipart({ payload: JSON.stringify(payload) }, [{ field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF }]);
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
  expect(r.statusCode, r.body).toBe(201);
  const d = r.json().dossier as D;
  if (!receive) return d;
  return act(who, d, 'receive');
}
async function act(who: Login, d: D, action: string, body: Record<string, unknown> = {}): Promise<D> {
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${d.id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { version: (await row(d.id)).version, ...body },
  });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json().dossier as D;
}
async function attachResult(who: Login, d: D) {
  const mp = multipart({ kind: 'result' }, [{ field: 'file', name: 'ket-qua.pdf', type: 'application/pdf', bytes: PDF }]);
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${d.id}/files`,
    headers: { ...authHeaders(who), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
}
const row = (id: string) => env.ctx.db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: string) => env.ctx.db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', id).orderBy('seq').execute();
const audits = async (id: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('entity_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const snapshot = async (ds: D[]) =>
  Promise.all(ds.map(async (d) => ({ ...(await row(d.id)), events: (await events(d.id)).length, audits: await audits(d.id) })));
const bulk = (who: Login, payload: unknown, lang?: 'en') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers/bulk',
    headers: { ...authHeaders(who), ...(lang ? { 'accept-language': lang } : {}) },
    payload: payload as Record<string, unknown>,
  });
const html = { accept: 'text/html' };
const postForm = (url: string, who: Login, fields: Record<string, string | string[]>, lang?: 'en') => postPageForm(env, url, who, fields, lang);
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulk-pdf-'));
  try {
    writeFileSync(join(dir, 'a.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'a.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('one action on many dossiers (POST /api/v1/dossiers/bulk)', () => {
  it('forwards the allowed dossiers and refuses the others one by one, each with its own event and audit entry', async () => {
    const [a, b, c] = [await paperDossier(desk, P1), await paperDossier(desk, P1), await paperDossier(desk, P1)];
    const atApproval = await act(specialist, await paperDossier(desk, P1), 'forward'); // at the leader's step now: not the specialist's
    const notReceived = await paperDossier(desk, P1, false); // wrong state
    const stale = await paperDossier(desk, P1);
    const other = await paperDossier(otherDesk, TAN_HOA); // another commune's dossier
    const refusedOnes = [atApproval, notReceived, stale, other];
    const before = await snapshot(refusedOnes);
    const okBefore = await snapshot([a, b, c]);

    const r = await bulk(specialist, {
      action: 'forward',
      items: [a, b, atApproval, { id: stale.id, version: stale.version - 1 }, other, c, a, notReceived].map((d) => ({ id: d.id, version: d.version })),
    });
    expect(r.statusCode, r.body).toBe(200);
    const out = r.json();
    expect(out.done).toBe(3);
    expect(out.refused).toBe(5);
    const by = (i: number) => out.outcomes[i];
    expect(by(0)).toMatchObject({ id: a.id, code: a.code, outcome: 'done', state: 'processing', version: a.version + 1 });
    expect(by(1)).toMatchObject({ id: b.id, outcome: 'done' });
    expect(by(2)).toMatchObject({
      id: atApproval.id,
      code: atApproval.code,
      outcome: 'refused',
      status: 403,
      key: 'bulk.forbidden',
      message: 'Bạn không được thực hiện "Chuyển bước tiếp theo" trên hồ sơ này: hồ sơ không ở bước xử lý hoặc đơn vị của bạn. Hồ sơ không bị thay đổi.',
    });
    expect(by(3)).toMatchObject({
      id: stale.id,
      outcome: 'refused',
      status: 409,
      key: 'dossier.changed',
      message: 'Hồ sơ đã được thay đổi. Vui lòng tải lại hồ sơ rồi thực hiện lại.',
    });
    // The other commune's dossier: a clear message, and nothing of it is disclosed.
    expect(by(4)).toEqual({
      id: other.id,
      code: null,
      outcome: 'refused',
      status: 404,
      key: 'bulk.not_yours',
      message: 'Bạn không được thao tác trên hồ sơ này: hồ sơ không tồn tại hoặc không thuộc đơn vị của bạn. Hồ sơ không bị thay đổi.',
      state: null,
      version: null,
    });
    expect(by(5)).toMatchObject({ id: c.id, outcome: 'done' });
    expect(by(6)).toMatchObject({ id: a.id, outcome: 'refused', status: 400, key: 'bulk.duplicate' });
    expect(by(7)).toMatchObject({
      id: notReceived.id,
      outcome: 'refused',
      status: 409,
      key: 'dossier.wrong_state',
      message: 'Không thể thực hiện thao tác này khi hồ sơ đang ở trạng thái hiện tại (Mới nộp).',
    });

    // Nothing changed for the refused ones.
    expect(await snapshot(refusedOnes)).toEqual(before);
    // Each done dossier: one event and one audit entry more, the event naming the batch.
    const after = await snapshot([a, b, c]);
    for (const [i, d] of [a, b, c].entries()) {
      expect(after[i]).toMatchObject({
        state: 'processing',
        step_key: 'phe-duyet',
        version: d.version + 1,
        events: okBefore[i]!.events + 1,
        audits: okBefore[i]!.audits + 1,
      });
      const last = (await events(d.id)).at(-1)!;
      expect(last).toMatchObject({ action: 'forward', actor_name: 'Lâm Văn Hộ Tịch' });
      expect((typeof last.data === 'string' ? JSON.parse(last.data) : last.data).bulkId).toBe(out.batchId);
    }

    // A second click of the same batch: the dossiers done are reported as already done, nothing moves again.
    const again = await bulk(specialist, { action: 'forward', items: [a, b, c].map((d) => ({ id: d.id, version: d.version })) });
    expect(again.json().outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['already_done', 'already_done', 'already_done']);
    expect(again.json().outcomes[0].message).toBe('Đã thực hiện ở lần gửi trước; không làm lại.');
    expect(await snapshot([a, b, c])).toEqual(after);
  });

  it('refuses an action of another role at the same unit for that dossier, in English when asked, and changes nothing', async () => {
    const d = await paperDossier(desk, P1);
    const before = await snapshot([d]);
    const r = await bulk(desk, { action: 'forward', items: [{ id: d.id, version: d.version }] }, 'en');
    expect(r.statusCode).toBe(200);
    expect(r.json().outcomes[0]).toMatchObject({
      code: d.code,
      outcome: 'refused',
      status: 403,
      key: 'bulk.forbidden',
      message: 'You may not "Forward to the next step" this dossier: it is not at your step or unit. The dossier was not changed.',
    });
    const other = await paperDossier(otherDesk, TAN_HOA);
    const en = await bulk(specialist, { action: 'forward', items: [{ id: other.id, version: other.version }] }, 'en');
    expect(en.json().outcomes[0].message).toBe('You may not act on this dossier: it does not exist or is not in your units. The dossier was not changed.');
    expect(await snapshot([d])).toEqual(before);
  });

  it('assigns many at once through the same checks (an officer of another unit is refused per dossier)', async () => {
    const [a, b] = [await paperDossier(desk, P1), await paperDossier(desk, P1)];
    const specialistId = (await env.ctx.db.selectFrom('officers').select('id').where('username', '=', 'tuphap.p1').executeTakeFirstOrThrow()).id;
    const foreign = (await env.ctx.db.selectFrom('officers').select('id').where('username', '=', 'tuphap.tanhoa').executeTakeFirstOrThrow()).id;
    const bad = await bulk(leader, { action: 'assign', assigneeId: foreign, items: [a, b].map((d) => ({ id: d.id, version: d.version })) });
    expect(bad.json().outcomes.map((o: { key: string }) => o.key)).toEqual(['dossier.assignee_invalid', 'dossier.assignee_invalid']);
    expect((await row(a.id)).assignee_id).toBeNull();
    const ok = await bulk(leader, { action: 'assign', assigneeId: specialistId, items: [a, b].map((d) => ({ id: d.id, version: d.version })) });
    expect(ok.json().done).toBe(2);
    expect((await row(a.id)).assignee_id).toBe(specialistId);
    expect((await row(b.id)).assignee_id).toBe(specialistId);
  });

  it('returns many results at the desk; a dossier without a result is refused alone', async () => {
    const withResult = await act(specialist, await paperDossier(desk, P1), 'forward');
    await attachResult(leader, withResult);
    const bare = await act(specialist, await paperDossier(desk, P1), 'forward');
    // The leader approves both at once (approve is the action of the last, approval step).
    const items = await Promise.all([withResult, bare].map(async (d) => ({ id: d.id, version: (await row(d.id)).version })));
    const approved = await bulk(leader, { action: 'approve', items });
    expect(approved.json().outcomes.map((o: { outcome: string; state: string }) => [o.outcome, o.state])).toEqual([
      ['done', 'result_ready'],
      ['done', 'result_ready'],
    ]);
    const ready = { ...withResult, version: approved.json().outcomes[0].version };
    const noResult = { ...bare, version: approved.json().outcomes[1].version };
    const before = await snapshot([noResult]);
    // The desk's "to receive" queue holds the results ready, with "return the result" chosen.
    const q = await env.app.inject({ method: 'GET', url: '/can-bo/hang-doi?tab=to-receive', headers: { ...html, cookie: desk.cookie } });
    expect(q.body).toContain(`value="${ready.id}:${ready.version}"`);
    expect(q.body).toMatch(/<option value="return_result" selected/);
    const r = await bulk(desk, {
      action: 'return_result',
      returnMethod: 'desk',
      items: [ready, noResult].map((d) => ({ id: d.id, version: (d as D).version })),
    });
    expect(r.json().outcomes[0]).toMatchObject({ outcome: 'done', state: 'returned' });
    expect(r.json().outcomes[1]).toMatchObject({
      outcome: 'refused',
      key: 'dossier.result_missing',
      message: 'Chưa đính kèm kết quả điện tử; không thể trả kết quả.',
    });
    expect((await row(ready.id)).return_method).toBe('desk');
    expect(await snapshot([noResult])).toEqual(before);
  });

  it('refuses bad input as a whole: an unknown action, no dossier, more than the cap; citizens and anonymous callers', async () => {
    const d = await paperDossier(desk, P1);
    const before = await snapshot([d]);
    expect((await bulk(specialist, { action: 'refuse', items: [{ id: d.id, version: d.version }] })).statusCode).toBe(400);
    expect((await bulk(specialist, { action: 'forward', items: [] })).statusCode).toBe(400);
    const many = Array.from({ length: 201 }, () => ({ id: d.id, version: d.version }));
    const cap = await bulk(specialist, { action: 'forward', items: many });
    expect(cap.statusCode).toBe(400);
    const anon = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bulk',
      payload: { action: 'forward', items: [{ id: d.id, version: d.version }] },
    });
    expect(anon.statusCode).toBe(401);
    const own = await bulk(citizen, { action: 'forward', items: [{ id: d.id, version: d.version }] });
    expect(own.statusCode).toBe(403);
    const csv = multipart({}, [{ field: 'file', name: 'a.csv', type: 'text/csv', bytes: Buffer.from(`Mã hồ sơ,Kết quả,Ngày\n${d.code},Đã trả,09/03/2026\n`) }]);
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/dossiers/results-import',
          headers: { ...authHeaders(citizen), 'content-type': csv.type },
          payload: csv.body,
        })
      ).statusCode,
    ).toBe(403);
    expect((await postForm('/can-bo/hang-doi/hang-loat', citizen, { thaoTac: 'forward', chon: `${d.id}:${d.version}` })).statusCode).toBe(403);
    expect(await snapshot([d])).toEqual(before);
    // The page says the cap in words.
    const page = await postForm('/can-bo/hang-doi/hang-loat', specialist, { thaoTac: 'forward', chon: many.map((x) => `${x.id}:${x.version}`) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Mỗi lần chỉ xử lý tối đa 200 hồ sơ.');
    const none = await postForm('/can-bo/hang-doi/hang-loat', specialist, { thaoTac: 'forward' }, 'en');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('No dossier selected. Tick the dossiers to handle.');
    expect(await snapshot([d])).toEqual(before);
  });

  it('is listed in the OpenAPI document', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/v1/dossiers/bulk',
      '/api/v1/dossiers/bulk/slips.pdf',
      '/api/v1/dossiers/results-import',
      '/api/v1/dossiers/results-import/template.csv',
    ])
      expect(Object.keys(doc.paths), p).toContain(p);
  });
});

describe('the queue page with checkboxes (no JavaScript)', () => {
  it('shows a checkbox per dossier with its version, and the result page lists every outcome', async () => {
    const [a, b] = [await paperDossier(desk, P1), await paperDossier(desk, P1)];
    const other = await paperDossier(otherDesk, TAN_HOA);
    const q = await env.app.inject({ method: 'GET', url: '/can-bo/hang-doi?tab=to-process', headers: { ...html, cookie: specialist.cookie } });
    expect(q.statusCode).toBe(200);
    expect(q.body).toContain(`value="${a.id}:${a.version}"`);
    expect(q.body).toContain('action="/can-bo/hang-doi/hang-loat"');
    expect(q.body).toContain(`Chọn hồ sơ ${a.code}`);
    const ids = [...q.body.matchAll(/<input type="checkbox" id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(q.body).toContain(`for="${id}"`);
    const all = await env.app.inject({ method: 'GET', url: '/can-bo/hang-doi?tab=to-process&chon=tat-ca', headers: { ...html, cookie: specialist.cookie } });
    expect(all.body).toMatch(new RegExp(`value="${a.id}:${a.version}" checked`));

    const r = await postForm('/can-bo/hang-doi/hang-loat', specialist, {
      thaoTac: 'forward',
      chon: [`${a.id}:${a.version}`, `${other.id}:${other.version}`, `${b.id}:${b.version}`],
    });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Chuyển bước tiếp theo: 2 hồ sơ đã thực hiện, 1 hồ sơ không thực hiện.');
    expect(r.body).toMatch(new RegExp(`data-outcome="done" data-id="${a.id}"`));
    expect(r.body).toMatch(new RegExp(`data-outcome="refused" data-id="${other.id}"`));
    expect(r.body).not.toContain(other.code);
    expect(r.body).toContain('hồ sơ không tồn tại hoặc không thuộc đơn vị của bạn');
    expect((await row(other.id)).version).toBe(other.version);
    expect((await row(a.id)).step_key).toBe('phe-duyet');
    // The same form sent again (back button, second click): already done, nothing moves.
    const again = await postForm('/can-bo/hang-doi/hang-loat', specialist, { thaoTac: 'forward', chon: [`${a.id}:${a.version}`] });
    expect(again.body).toContain('Đã thực hiện trước đó');
    expect((await row(a.id)).version).toBe(a.version + 1);
  });
});

describe('slips of many dossiers as one PDF', () => {
  it('prints the slips it may in one PDF, after a page listing each dossier and why one was not printed', async () => {
    const [a, b] = [await paperDossier(desk, P1), await paperDossier(desk, P1)];
    const notReceived = await paperDossier(desk, P1, false);
    const other = await paperDossier(otherDesk, TAN_HOA);
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/bulk/slips.pdf',
      headers: authHeaders(desk),
      payload: { kind: 'receipt', ids: [a.id, notReceived.id, other.id, b.id] },
    });
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-bulk-printed']).toBe('2');
    const pdf = await PDFDocument.load(r.rawPayload);
    const one = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${a.id}/slips/receipt.pdf`, headers: authHeaders(desk) });
    const slipPages = (await PDFDocument.load(one.rawPayload)).getPageCount();
    expect(pdf.getPageCount()).toBe(1 + 2 * slipPages);
    const text = pdfText(r.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('Danh sách in: Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(text).toContain(`1. ${a.code}: đã in`);
    expect(text).toContain(`2. ${notReceived.code}:`);
    expect(text).toContain('3. Hồ sơ không được phép xem');
    expect(text).not.toContain(other.code);
    expect(text).toContain(b.code);
    // The queue form's print choice answers with the PDF itself.
    const page = await postForm('/can-bo/hang-doi/hang-loat', desk, { thaoTac: 'in:control', chon: [`${a.id}:${a.version}`, `${b.id}:${b.version}`] });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('application/pdf');
    const bad = await postForm('/can-bo/hang-doi/hang-loat', desk, { thaoTac: 'in:nothing', chon: [`${a.id}:${a.version}`] });
    expect(bad.statusCode).toBe(400);
  });
});

describe('CSV of result statuses (units working on paper)', () => {
  const upload = (who: Login, content: Buffer | string, opts: { lang?: 'en'; url?: string } = {}) => {
    const mp = multipart({}, [
      { field: 'file', name: 'ket-qua.csv', type: 'text/csv', bytes: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') },
    ]);
    const headers = opts.url ? { ...html, cookie: who.cookie, 'x-csrf-token': who.csrf } : authHeaders(who);
    return env.app.inject({
      method: 'POST',
      url: opts.url ?? '/api/v1/dossiers/results-import',
      headers: { ...headers, 'content-type': mp.type, ...(opts.lang ? { 'accept-language': opts.lang } : {}) },
      payload: mp.body,
    });
  };
  /** A dossier at the leader's approval step (the last), the paper result signed by hand. */
  const atLastStep = async () => act(specialist, await paperDossier(desk, P1), 'forward');

  it('offers a template with a BOM, the columns in Vietnamese and example rows', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/dossiers/results-import/template.csv', headers: authHeaders(desk) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(r.body.split('\r\n')[0]).toBe('\uFEFFMã hồ sơ,Kết quả,Ngày,Ghi chú');
    const page = await env.app.inject({ method: 'GET', url: '/can-bo/nhap-ket-qua/mau.csv', headers: { cookie: desk.cookie } });
    expect(page.body).toBe(r.body);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/dossiers/results-import/template.csv' })).statusCode).toBe(401);
  });

  it('refuses a file with good and bad rows as a whole: every row reported, nothing applied', async () => {
    const good = await atLastStep();
    const early = await paperDossier(desk, P1); // still at the appraisal step
    const other = await atLastStep();
    const foreign = await paperDossier(otherDesk, TAN_HOA);
    const dossiers = [good, early, other, foreign];
    const before = await snapshot(dossiers);
    const csv = [
      'Mã hồ sơ,Kết quả,Ngày,Ghi chú',
      `${good.code},Có kết quả,09/03/2026,Đã ký bản giấy`,
      `${early.code},Có kết quả,09/03/2026,`,
      `${other.code},Xong rồi,31/02/2026,`,
      `${foreign.code},Có kết quả,09/03/2026,`,
      `MA-KHONG-CO,Đã trả,10/03/2026,`,
      `${good.code},Đã trả,12/03/2026,ngày ở tương lai và trùng mã`,
    ].join('\n');
    const r = await upload(leader, csv);
    expect(r.statusCode, r.body).toBe(422);
    const out = r.json();
    expect(out.applied).toBe(false);
    const rows = out.rows as { line: number; result: string; messages: string[] }[];
    expect(rows.map((x) => [x.line, x.result])).toEqual([
      [2, 'valid'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
    ]);
    expect(rows[0]!.messages).toEqual(['Dòng hợp lệ, nhưng chưa được áp dụng vì tệp còn dòng lỗi.']);
    expect(rows[1]!.messages[0]).toBe(
      'Hồ sơ đang ở bước "Thẩm định hồ sơ, dự thảo kết quả", chưa phải bước cuối của quy trình; hãy chuyển hồ sơ đến bước cuối trước.',
    );
    expect(rows[2]!.messages).toEqual([
      'Kết quả "Xong rồi" không hợp lệ: ghi "Có kết quả" hoặc "Đã trả".',
      'Ngày "31/02/2026" không hợp lệ: ghi theo dạng ngày/tháng/năm, ví dụ 09/03/2026.',
    ]);
    expect(rows[3]!.messages).toEqual([`Không tìm thấy hồ sơ ${foreign.code} trong phạm vi đơn vị của bạn.`]);
    expect(rows[4]!.messages).toEqual(['Không tìm thấy hồ sơ MA-KHONG-CO trong phạm vi đơn vị của bạn.']);
    expect(rows[5]!.messages).toEqual(expect.arrayContaining(['Mã hồ sơ này đã có ở dòng 2.', 'Ngày ghi ở tương lai.']));
    expect(await snapshot(dossiers)).toEqual(before);

    const en = await upload(leader, csv, { lang: 'en' });
    expect(en.json().rows[2].messages[0]).toBe('Outcome "Xong rồi" is not valid: write "Có kết quả" (result ready) or "Đã trả" (returned).');
    // The page shows the same report and says nothing was changed.
    const page = await upload(leader, csv, { url: '/can-bo/nhap-ket-qua' });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Tệp không được áp dụng vì có dòng lỗi. Không hồ sơ nào bị thay đổi.');
    expect(page.body).toContain('data-result="invalid" data-line="3"');
    expect(await snapshot(dossiers)).toEqual(before);
  });

  it('applies a good file with a BOM and diacritics through the transition use case, and a re-upload changes nothing', async () => {
    const [a, b] = [await atLastStep(), await atLastStep()];
    const before = await snapshot([a, b]);
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `Mã hồ sơ,Kết quả,Ngày,Ghi chú\r\n${a.code},Có kết quả,09/03/2026,"Chủ tịch đã ký bản giấy, đóng dấu"\r\n${b.code},ĐÃ CÓ KẾT QUẢ,2026-03-09,Ông Nguyễn Văn Đức nhận thay\r\n`,
        'utf8',
      ),
    ]);
    const r = await upload(leader, csv);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ applied: true, done: 2 });
    expect(r.json().rows.map((x: { result: string; state: string }) => [x.result, x.state])).toEqual([
      ['done', 'result_ready'],
      ['done', 'result_ready'],
    ]);
    const ev = (await events(a.id)).at(-1)!;
    expect(ev).toMatchObject({ action: 'approve', to_state: 'result_ready', comment: 'Chủ tịch đã ký bản giấy, đóng dấu', actor_name: 'Ngô Văn Chủ Tịch' });
    expect(typeof ev.data === 'string' ? JSON.parse(ev.data) : ev.data).toMatchObject({ paperDate: '2026-03-09', csvLine: 2 });
    expect((await events(b.id)).at(-1)!.comment).toBe('Ông Nguyễn Văn Đức nhận thay');
    const after = await snapshot([a, b]);
    for (const [i] of [a, b].entries()) expect(after[i]).toMatchObject({ events: before[i]!.events + 1, audits: before[i]!.audits + 1 });

    const again = await upload(leader, csv);
    expect(again.statusCode).toBe(200);
    expect(again.json().rows.map((x: { result: string }) => x.result)).toEqual(['already_done', 'already_done']);
    expect(await snapshot([a, b])).toEqual(after);
  });

  it('reads an Excel file with semicolons and quoted fields, and records returns at the desk', async () => {
    const d = await atLastStep();
    await attachResult(leader, d);
    await act(leader, d, 'approve');
    const csv = `"Mã hồ sơ";"Kết quả";"Ngày";"Ghi chú"\r\n"${d.code}";"Đã trả";"9/3/2026";"Trả tại quầy; bà Trần Thị Bình ký nhận"\r\n;;;\r\n`;
    const r = await upload(desk, csv);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().rows).toEqual([expect.objectContaining({ line: 2, result: 'done', state: 'returned', messages: ['Đã ghi nhận trả kết quả.'] })]);
    expect(await row(d.id)).toMatchObject({ state: 'returned', return_method: 'desk' });
    expect((await events(d.id)).at(-1)!.comment).toBe('Trả tại quầy; bà Trần Thị Bình ký nhận');
  });

  it('refuses a file that is not UTF-8, lacks a column or has no rows, with the reason', async () => {
    const d = await atLastStep();
    const before = await snapshot([d]);
    const latin1 = Buffer.from(`Ma ho so,Ket qua,Ngay\n${d.code},C\xf3 k\xeat qu\xe1,09/03/2026\n`, 'latin1');
    const r = await upload(leader, latin1);
    expect(r.statusCode).toBe(400);
    expect(r.json().fileError).toBe('Tệp không phải mã UTF-8 nên chữ có dấu sẽ bị sai. Trong Excel, hãy lưu với kiểu "CSV UTF-8 (Comma delimited)".');
    const cols = await upload(leader, `Mã hồ sơ,Ghi chú\n${d.code},x\n`);
    expect(cols.json().fileError).toBe('Tệp thiếu cột: Kết quả, Ngày. Hãy dùng tệp mẫu.');
    const empty = await upload(leader, 'Mã hồ sơ,Kết quả,Ngày\n');
    expect(empty.json().fileError).toBe('Tệp không có dòng dữ liệu nào.');
    const page = await upload(leader, latin1, { url: '/can-bo/nhap-ket-qua', lang: 'en' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The file is not UTF-8');
    expect(await snapshot([d])).toEqual(before);
    const form = await env.app.inject({ method: 'GET', url: '/can-bo/nhap-ket-qua', headers: { ...html, cookie: leader.cookie } });
    expect(form.body).toContain('<label for="csv-file"');
    expect(form.body).toContain('href="/can-bo/nhap-ket-qua/mau.csv"');
  });
});
