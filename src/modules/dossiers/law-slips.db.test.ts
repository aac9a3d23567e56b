/** Slips by the form set of the reception date (TT 01/2018 / TT 03/2025), true receipts, and the stop action (Mẫu 05). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { assistedConsent } from './testkit';
import { LLTP, LLTP_FORM } from '../../test/fixtures';
import { multipart as multipartBody, type MultipartFile } from '../../test/multipart';
import { moveClockTo } from '../../test/clock';

let env: TestEnv;
let desk: Login, leader: Login, specialist: Login, digital: Login;
const dir = mkdtempSync(join(tmpdir(), 'slips-'));

const at = (t: string) => moveClockTo(env, t);

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  desk = await loginOfficer(env.app, 'motcua.tinh');
  leader = await loginOfficer(env.app, 'lanhdao.stp');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
  digital = await loginOfficer(env.app, 'congnghe.p1');
});
afterAll(async () => env?.close());

/** The payload as JSON, then the files (src/test/multipart.ts). */
const multipart = (payload: unknown, files: MultipartFile[]) => multipartBody({ payload: JSON.stringify(payload) }, files, '----slipstest');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

/** The criminal-record certificate is an essential service: from 1/10/2025 no paper at the desk (Chỉ thị 24/CT-TTg), the digital team submits it with the applicant. */
const paperRefusedNow = () => env.clock.now().getTime() >= Date.parse('2025-09-30T17:00:00Z');
async function submitForApplicant(applicant: { idNumber: string; name: string; phone?: string }) {
  const online = paperRefusedNow();
  const data = { ...LLTP_FORM, applicantName: applicant.name, applicantPersonalId: applicant.idNumber, applicantPhone: applicant.phone ?? '0987654321' };
  const consentId = online ? await assistedConsent(env, digital, { procedureCode: LLTP, idNumber: applicant.idNumber, name: applicant.name }) : undefined;
  const mp = multipart({ procedureCode: LLTP, applicant, ...(online ? { data, consentId } : {}) }, [
    { field: 'file:to-khai', name: 'scan.png', type: 'image/png', bytes: PNG },
  ]);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(online ? digital : desk), 'content-type': mp.type },
    payload: mp.body,
  });
}
async function receivedAtDesk() {
  const r = await submitForApplicant({ idNumber: '093185004321', name: 'Trần Thị Bình', phone: '0987654321' });
  expect(r.statusCode, r.body).toBe(201);
  const d = r.json().dossier;
  const rec = await act(desk, d.id, 'receive');
  expect(rec.statusCode, rec.body).toBe(200);
  return rec.json().dossier;
}
async function act(who: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(desk) });
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { version: cur.json().dossier.version, ...body },
  });
}
/** Renders a slip with poppler: its text and its page count. */
async function slip(id: string, kind: string) {
  const r = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/slips/${kind}.pdf`, headers: authHeaders(leader) });
  expect(r.statusCode, r.body).toBe(200);
  const file = join(dir, `${id}-${kind}.pdf`);
  writeFileSync(file, r.rawPayload);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, join(dir, `${kind}`)]);
  return { text, pages };
}
const state = async (id: string) => env.ctx.db.selectFrom('dossiers').select(['state', 'version', 'closed_at']).where('id', '=', id).executeTakeFirstOrThrow();
const events = async (id: string) =>
  Number(
    (
      await env.ctx.db
        .selectFrom('dossier_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('dossier_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('slips follow the form set of the reception date', () => {
  it('received from 15/9/2025: Circular 03/2025, receipt lists only what was handed in, on one page', async () => {
    const d = await receivedAtDesk();
    const s = await slip(d.id, 'receipt');
    expect(s.text).toContain('Mẫu số 01 (Thông tư 03/2025/TT-VPCP)');
    expect(s.text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    const snap = (await env.ctx.db.selectFrom('dossiers').select('snapshot').where('id', '=', d.id).executeTakeFirstOrThrow()).snapshot as any;
    const handed = snap.components.filter((c: any) => c.key === 'to-khai');
    const notHanded = snap.components.filter((c: any) => c.key !== 'to-khai');
    const flat = (x: string) => x.replace(/\s+/g, '');
    expect(handed.length).toBe(1);
    expect(notHanded.length).toBeGreaterThan(0);
    for (const c of handed) expect(flat(s.text)).toContain(flat(c.name));
    for (const c of notHanded) expect(flat(s.text)).not.toContain(flat(c.name));
    expect(s.text).toContain('1. Tờ khai');
    expect(s.text).not.toContain('2. Tờ khai');
    expect(s.pages).toBe(1);
    const control = await slip(d.id, 'control');
    expect(control.text).toContain('Mẫu số 06 (Thông tư 03/2025/TT-VPCP)');
    expect(control.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
  });

  it('received before 15/9/2025: Circular 01/2018 (control slip is its 05)', async () => {
    await at('2025-09-12T02:00:00Z');
    const d = await receivedAtDesk();
    await at('2026-03-09T02:00:00Z');
    expect((await slip(d.id, 'receipt')).text).toContain('Mẫu số 01 (Thông tư 01/2018/TT-VPCP)');
    const control = await slip(d.id, 'control');
    expect(control.text).toContain('Mẫu số 05 (Thông tư 01/2018/TT-VPCP)');
    expect(control.text).not.toContain('03/2025');
  });
});

describe('the apology with a proposed extension (Mẫu 04 of TT 03/2025)', () => {
  it('prints the proposed new date as an extension request', async () => {
    const d = await receivedAtDesk();
    const r = await act(leader, d.id, 'apologize', { comment: 'Cần xác minh thêm tại cơ quan công an.', newAppointmentAt: '2026-03-27T10:00:00Z' });
    expect(r.statusCode, r.body).toBe(200);
    const s = await slip(d.id, 'apology');
    expect(s.text).not.toContain('đến ngày ngày');
    expect(s.text).toContain('Mẫu số 04 (Thông tư 03/2025/TT-VPCP)');
    expect(s.text).toContain('VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT');
    expect(s.text).toContain('đề nghị gia hạn thời gian giải quyết hồ sơ đến ngày 27 tháng 03 năm 2026');
    expect(s.pages).toBe(1);
  });
});

describe('the stop action (dừng giải quyết)', () => {
  it('refuses the wrong role, a missing reason and the wrong state, changing nothing', async () => {
    const d = await receivedAtDesk();
    const before = await state(d.id);
    const n = await events(d.id);
    const byDesk = await act(desk, d.id, 'stop', { comment: 'Lý do' });
    expect(byDesk.statusCode).toBe(403);
    const bySpecialist = await act(specialist, d.id, 'stop', { comment: 'Lý do' });
    expect(bySpecialist.statusCode).toBe(403);
    const noReason = await act(leader, d.id, 'stop', { comment: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/lý do|ý kiến|nội dung/i);
    expect(await state(d.id)).toEqual(before);
    expect(await events(d.id)).toBe(n);
    // Not yet received: wrong state.
    const sub = (await submitForApplicant({ idNumber: '093185004321', name: 'Trần Thị Bình' })).json().dossier;
    const wrongState = await act(leader, sub.id, 'stop', { comment: 'Lý do' });
    expect(wrongState.statusCode).toBe(409);
    expect((await state(sub.id)).state).toBe('submitted');
  });

  it('a dossier received under Decree 61/2018 cannot be stopped this way (409), nothing changed', async () => {
    await at('2025-06-30T02:00:00Z');
    const d = await receivedAtDesk();
    await at('2026-03-09T02:00:00Z');
    const before = await state(d.id);
    const r = await act(leader, d.id, 'stop', { comment: 'Lý do' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toBe('dossier.stop_not_in_force');
    expect(await state(d.id)).toEqual(before);
  });

  it('the deciding leader stops a dossier with a reason; the notice is Mẫu 05 of Circular 03/2025', async () => {
    const d = await receivedAtDesk();
    const r = await act(leader, d.id, 'stop', { comment: 'Người nộp đề nghị dừng giải quyết.' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().dossier.state).toBe('cancelled');
    const s = await slip(d.id, 'stop');
    expect(s.text).toContain('Mẫu số 05 (Thông tư 03/2025/TT-VPCP)');
    expect(s.text).toContain('THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ');
    expect(s.text).toContain('Người nộp đề nghị dừng giải quyết.');
    expect(s.pages).toBe(1);
  });
});

describe('the register (Sổ theo dõi hồ sơ) of a unit for a period', () => {
  const reg = (who: Login, unitId: string, from: string, to: string) =>
    env.app.inject({ method: 'GET', url: `/api/v1/units/${encodeURIComponent(unitId)}/dossier-register.pdf?from=${from}&to=${to}`, headers: authHeaders(who) });
  async function text(r: { rawPayload: Buffer }, name: string) {
    const file = join(dir, name);
    writeFileSync(file, r.rawPayload);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }
  it('lists the dossiers received in the period, numbered by the form set in force', async () => {
    const unit = (await env.ctx.db.selectFrom('dossiers').select('receiving_unit_id').executeTakeFirstOrThrow()).receiving_unit_id;
    const codes = (await env.ctx.db.selectFrom('dossiers').select(['code', 'received_at']).where('receiving_unit_id', '=', unit).execute()).filter(
      (d) => d.received_at,
    );
    const now = await reg(desk, unit, '2026-03-01', '2026-03-31');
    expect(now.statusCode, now.body).toBe(200);
    const t = await text(now, 'register-now.pdf');
    expect(t).toContain('Mẫu số 07 (Thông tư 03/2025/TT-VPCP)');
    expect(t).toContain('SỔ THEO DÕI HỒ SƠ');
    const march = codes.filter((d) => d.received_at!.toISOString().startsWith('2026-03'));
    expect(march.length).toBeGreaterThan(0);
    for (const d of march) expect(t.replace(/\s/g, '')).toContain(d.code);
    const old = await text(await reg(desk, unit, '2025-09-01', '2025-09-13'), 'register-old.pdf');
    expect(old).toContain('Mẫu số 06 (Thông tư 01/2018/TT-VPCP)');
    for (const d of march) expect(old.replace(/\s/g, '')).not.toContain(d.code);
  });
  it('refuses another unit’s officer (403) and a bad period (400)', async () => {
    const unit = (await env.ctx.db.selectFrom('dossiers').select('receiving_unit_id').executeTakeFirstOrThrow()).receiving_unit_id;
    expect((await reg(leader, unit, '2026-03-01', '2026-03-31')).statusCode).toBe(403);
    const bad = await reg(desk, unit, '2026-03-31', '2026-03-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('Kỳ của sổ theo dõi không hợp lệ');
  });
});
