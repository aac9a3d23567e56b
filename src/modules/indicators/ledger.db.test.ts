/**
 * Issue 12 items 3-4 through HTTP on the real database: points at stake with their holders, the
 * forecast, breach alerts sent once, the overdue-cause ledger, reconciliation with the sandbox
 * national portal (drift repaired by a resend, a locked record listed), the Excel and PDF
 * evidence, and the refusals. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { authHeaders, loginOfficer } from '../../test/login';
import { DEMO } from '../units/demo';
import { demoOfficerId } from '../identity/demo';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { Flow } from './test-api-flow';

let env: TestEnv;
let sb: Sandboxes;
let f: Flow;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};
const KET_HON = '1.000894'; // 1 working day, no fee
const dir = mkdtempSync(join(tmpdir(), 'ind-ledger-'));

const at = async (iso: string) => env.clock.set(iso);
const drain = () => drainOutbox(env.ctx);
async function submit(name: string, when: string) {
  await at(when);
  // Marriage registration is an essential service: from 1/10/2025 no paper dossier (Chỉ thị 24/CT-TTg),
  // so the digital team submits it online with the couple; Phường I's desk then receives it.
  const d = await f.submit('congnghe.p1', KET_HON, { receivingUnitId: DEMO.ubndPhuong1, withFiles: true });
  ids[name] = d.id;
  codes[name] = (await env.ctx.db.selectFrom('dossiers').select('code').where('id', '=', d.id).executeTakeFirstOrThrow()).code;
}
async function receive(name: string) {
  await f.file('motcua.p1', ids[name], 'component', 'to-khai');
  await f.act('motcua.p1', ids[name], 'receive');
  await drain();
}
async function settle(name: string, when: string) {
  await at(when);
  await f.act('tuphap.p1', ids[name], 'forward');
  await f.file('chutich.p1', ids[name], 'result');
  await f.act('chutich.p1', ids[name], 'approve');
  await drain();
}
const as = async (user: string) => authHeaders(await loginOfficer(env.app, user));
const get = async (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const post = async (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url, payload: payload as any, headers });
const NOW = '2026-03-20T03:00:00Z'; // Friday 10:00 in Vietnam

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-02T01:30:00Z' });
  sb = await startTestSandboxes(env, join(dir, 'portal.json'));
  f = new Flow(env);
  await env.ctx.db.updateTable('officers').set({ email: 'hotich.p1@phuong1.example.vn' }).where('id', '=', demoOfficerId('tuphap.p1')).execute();
  await env.ctx.db.updateTable('officers').set({ email: 'chutich.p1@phuong1.example.vn' }).where('id', '=', demoOfficerId('chutich.p1')).execute();
  await submit('A', '2026-03-02T01:30:00Z');
  await receive('A'); // due 03-03 10:00Z
  await settle('A', '2026-03-02T05:00:00Z'); // early
  await submit('B', '2026-03-04T01:30:00Z');
  await receive('B'); // due 03-05 10:00Z
  await settle('B', '2026-03-06T03:00:00Z'); // late: the specialist's step ran over
  await submit('D', '2026-03-19T01:30:00Z');
  await receive('D'); // due 03-20 10:00Z: within 8 working hours of NOW
  // C: the portal has closed a record under C's code on its side and refuses every push
  await submit('C', '2026-03-20T01:30:00Z');
  sb.portal.locked.add(codes.C);
  sb.portal.dossiers.delete(codes.C);
  await receive('C'); // due 03-23 10:00Z, on time; never reaches the portal
  await at(NOW);
  await drain();
}, 300_000);
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

describe('points at stake, per officer and unit, and the forecast', () => {
  it('lists D (due 20/03 17:00) with its holder, the points it would cost and the forecast with its assumptions', async () => {
    const res = await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`, await as('chutich.p1'));
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ method: 'dvcqg-2026', period: '2026-03', hours: 8 });
    expect(r.dossiers.map((d: any) => d.dossierId)).toEqual([ids.D]);
    const d = r.dossiers[0];
    expect(d.holders).toEqual([{ id: demoOfficerId('tuphap.p1'), name: 'Lâm Văn Hộ Tịch' }]);
    expect(d.points).toBeGreaterThan(0);
    expect(d.points).toBe(Math.round((d.byCode.TDGQ + d.byCode.DOSSIER_RECEIVING_SATISFACTION) * 100) / 100);
    expect(r.byOfficer).toEqual([{ officerId: demoOfficerId('tuphap.p1'), name: 'Lâm Văn Hộ Tịch', count: 1, points: d.points }]);
    expect(r.byUnit).toEqual([{ unitId: DEMO.ubndPhuong1, name: expect.any(String), count: 1, points: d.points }]);
    // 2 closed in ~14 working days: one dossier every ~7 working days; D (6 h) and C (~14 h) fall due before their turn
    expect(r.forecast.assumptions).toEqual(['pace', 'dueOrder', 'noNewDossiers', 'otherFiguresHold']);
    expect(r.forecast.goingLate).toBe(2);
    expect(r.forecast.pacePerWorkingDay).toBeGreaterThan(0);
    expect(r.forecast.change).toBeLessThan(0);
    expect(r.forecast.projectedTotal).toBe(Math.round((r.forecast.total + r.forecast.change) * 100) / 100);
    // the officer's own view
    const mine = (await get('/api/v1/indicators/at-stake/mine', await as('tuphap.p1'))).json();
    expect(mine.dossiers.map((x: any) => x.code)).toEqual([codes.D]);
    expect((await get('/api/v1/indicators/at-stake/mine', await as('motcua.p1'))).json().dossiers).toEqual([]);
    const byOfficer = (await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}&officer=${demoOfficerId('motcua.p1')}`, await as('giamsat'))).json();
    expect(byOfficer.dossiers).toEqual([]);
  });

  it('the page shows the forecast, its assumptions and the officers at 360 px without script', async () => {
    const res = await get(`/chi-so/nguy-co?unit=${DEMO.phuong1}`, { ...(await as('chutich.p1')), accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Dự báo cuối kỳ tháng 03/2026 nếu giữ nhịp độ hôm nay');
    expect(res.body).toContain('không tính hồ sơ tiếp nhận từ nay đến cuối kỳ');
    expect(res.body).toContain('Lâm Văn Hộ Tịch');
    expect(res.body).toContain(codes.D);
    expect(res.body).not.toContain('<script');
  });

  it("the province's dashboard says when a period is before the merger, and only then", async () => {
    const h = { ...(await as('giamsat')), accept: 'text/html' };
    const before = await get('/chi-so?period=2025-03', h);
    expect(before.statusCode).toBe(200);
    expect(before.body).toContain('<strong>Thành phố Cần Thơ</strong> – Kỳ tháng 03/2025');
    expect(before.body).toContain('Kỳ này trước ngày sáp nhập: số liệu gồm các đơn vị của Tỉnh Hậu Giang, nay thuộc Thành phố Cần Thơ.');
    for (const period of ['2026-03', '2025-07']) {
      const after = await get(`/chi-so?period=${period}`, h);
      expect(after.statusCode).toBe(200);
      expect(after.body).not.toContain('trước ngày sáp nhập');
    }
    const commune = await get(`/chi-so?unit=${DEMO.phuong1}&period=2025-03`, h);
    expect(commune.statusCode).toBe(200);
    expect(commune.body).not.toContain('trước ngày sáp nhập');
  });
});

describe('breach alerts', () => {
  it('tell the holder and the leader once, by inbox and email', async () => {
    const h = await as('giamsat');
    const first = await post('/api/v1/indicators/alerts/run', {}, h);
    expect(first.statusCode).toBe(200);
    const r = first.json();
    expect(r.sent.map((s: any) => [s.code, s.officerId, s.role]).sort()).toEqual([
      [codes.D, demoOfficerId('chutich.p1'), 'leader'],
      [codes.D, demoOfficerId('tuphap.p1'), 'holder'],
    ]);
    expect(r.message).toBe('Đã gửi 2 cảnh báo (0 đã gửi trước đó).');
    const again = (await post('/api/v1/indicators/alerts/run', {}, h)).json();
    expect(again).toMatchObject({ sent: [], alreadySent: 2 });
    await drain();
    const notes = await env.ctx.db.selectFrom('notifications').selectAll().where('dossier_id', '=', ids.D).where('kind', '=', 'points_at_risk').execute();
    expect(notes.map((n) => n.person_id).sort()).toEqual([demoOfficerId('chutich.p1'), demoOfficerId('tuphap.p1')]);
    for (const n of notes) {
      expect(n.in_inbox).toBe(true);
      expect(n.title).toBe(`Hồ sơ ${codes.D} sắp quá hạn`);
      expect(n.body).toContain('20/03/2026 17:00');
    }
    const mails = sb.smtp.mails.filter((m) => m.subject.includes(codes.D) && m.subject.includes('sắp quá hạn')); // the applicant's own mails are not these
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['chutich.p1@phuong1.example.vn', 'hotich.p1@phuong1.example.vn']);
    // another window is another threshold: told again, once
    // (C, due 23/03 17:00, falls within 16 working hours too: first told now)
    const wide = (await post('/api/v1/indicators/alerts/run', { hours: 16 }, h)).json().sent;
    expect(wide.map((s: any) => `${s.code}:${s.role}`).sort()).toEqual(
      [`${codes.C}:holder`, `${codes.C}:leader`, `${codes.D}:holder`, `${codes.D}:leader`].sort(),
    );
    expect((await post('/api/v1/indicators/alerts/run', { hours: 16 }, h)).json().sent).toHaveLength(0);
    // the at-stake view says who was told
    const view = (await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`, h)).json();
    expect(view.dossiers[0].alerted.map((a: any) => a.role).sort()).toEqual(['holder', 'leader']);
  });
  it('refuses anonymous callers and officers who do not monitor, and sends nothing', async () => {
    const before = await env.ctx.db
      .selectFrom('indicator_breach_alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await post('/api/v1/indicators/alerts/run', {})).statusCode).toBe(401);
    const spec = await post('/api/v1/indicators/alerts/run', { hours: 24 }, await as('tuphap.p1'));
    expect(spec.statusCode).toBe(403);
    expect((await post('/api/v1/indicators/alerts/run', { hours: 24 }, await as('chutich.p1'))).statusCode).toBe(403);
    expect((await post('/api/v1/indicators/alerts/run', { hours: -2 }, await as('giamsat'))).statusCode).toBe(400);
    const after = await env.ctx.db
      .selectFrom('indicator_breach_alerts')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('the overdue-cause ledger and the reconciliation', () => {
  const ledger = async (user = 'chutich.p1') => (await get(`/api/v1/indicators/ledger?unit=${DEMO.phuong1}&period=2026-03`, await as(user))).json();
  const byCode = (l: any) => Object.fromEntries(l.rows.map((r: any) => [r.code, r]));

  it('explains B by the step that ran over and C by the sync failure; A and D are not flagged', async () => {
    const l = await ledger();
    const rows = byCode(l);
    expect(Object.keys(rows).sort()).toEqual([codes.B, codes.C].sort());
    expect(rows[codes.B]).toMatchObject({ late: true, unsynced: false, attribution: 'officer' });
    const over = rows[codes.B].causes.find((c: any) => c.kind === 'step_overrun');
    expect(over.evidence).toMatchObject({ officerName: expect.any(String), dueAt: expect.any(String) });
    expect(over.text).toMatch(/^Bước ".+" do .+ xử lý quá hạn .+ giờ: hạn \d\d\/\d\d\/2026 \d\d:\d\d, chuyển đi lúc \d\d\/\d\d\/2026 \d\d:\d\d\.$/);
    expect(rows[codes.C]).toMatchObject({ late: false, unsynced: true, attribution: 'sync' });
    expect(rows[codes.C].causes[0]).toMatchObject({ kind: 'sync_failure', reason: 'rejected' });
    expect(rows[codes.C].causes[0].text).toContain('đã kết thúc trên Cổng DVCQG');
    expect(l.counts).toMatchObject({ dossiers: 2, late: 1, unsynced: 1, officer: 1, sync: 1, clock: 0, unexplained: 0 });
  });

  it('reconciliation repairs a drifted record by a resend and lists the locked one; the ledger shows both', async () => {
    // the portal holds A as "being processed" and B with another appointment, behind our back
    const drift = async (body: unknown) => (await fetch(`${sb.portal.url}/_sandbox/drift`, { method: 'POST', body: JSON.stringify(body) })).json();
    expect(await drift({ code: codes.A, set: { TrangThaiHoSo: 2 } })).toEqual({ ok: true });
    expect(await drift({ code: codes.B, set: { NgayHenTra: '20260310170000' } })).toEqual({ ok: true });
    const res = await post('/api/v1/indicators/reconciliation', { unit: DEMO.phuong1, period: '2026-03' }, await as('chutich.p1'));
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.checked).toBe(4);
    expect(r.agreeing).toBe(1); // D
    expect(r.repaired.map((x: any) => x.code).sort()).toEqual([codes.A, codes.B].sort());
    expect(r.repaired.find((x: any) => x.code === codes.A).differences).toEqual([{ field: 'TrangThaiHoSo', ours: expect.any(String), portal: '2' }]);
    expect(r.remaining).toEqual([
      { dossierId: ids.C, code: codes.C, differences: [], missing: true, error: expect.stringContaining('đã kết thúc trên Cổng DVCQG') },
    ]);
    expect(r.message).toBe('Đã đối soát 4 hồ sơ: 1 khớp, 2 đã gửi lại và khớp, 1 còn khác.');
    expect(sb.portal.dossiers.get(codes.A)!.data.TrangThaiHoSo).not.toBe(2);
    const rows = byCode(await ledger());
    expect(rows[codes.A]).toMatchObject({ late: false, unsynced: false, attribution: 'sync' });
    expect(rows[codes.A].causes[0]).toMatchObject({ kind: 'portal_mismatch', reason: 'repaired' });
    expect(rows[codes.A].causes[0].text).toContain('đã gửi lại và Cổng đã khớp');
    expect(rows[codes.B].attribution).toBe('officer');
    expect(rows[codes.B].causes.map((c: any) => c.kind)).toEqual(['step_overrun', 'portal_mismatch']);
    expect(rows[codes.C].causes.map((c: any) => `${c.kind}:${c.reason}`)).toEqual(['sync_failure:rejected', 'portal_mismatch:portal_missing']);
  });

  it('exports the evidence as Excel (read back) and PDF (text extracted)', async () => {
    const h = await as('chutich.p1');
    const x = await get(`/api/v1/indicators/ledger/export?unit=${DEMO.phuong1}&period=2026-03&format=xlsx`, h);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    const ws = wb.getWorksheet('Nguyên nhân')!;
    const cells: string[][] = [];
    ws.eachRow((row) => cells.push((row.values as any[]).slice(1).map((v) => String(v ?? ''))));
    expect(cells[0][0]).toBe('Sổ nguyên nhân quá hạn, chưa đồng bộ');
    const rowB = cells.find((c) => c[1] === codes.B)!;
    expect(rowB[6]).toBe('Quá hạn, Đã sửa trên Cổng'); // late, and its appointment drifted on the portal (repaired)
    expect(rowB[7]).toBe('Cán bộ xử lý');
    expect(rowB[8]).toContain('xử lý quá hạn');
    expect(cells.find((c) => c[1] === codes.C)![7]).toBe('Đồng bộ với Cổng DVCQG');
    const diffs: string[][] = [];
    wb.getWorksheet('Khác biệt với Cổng')!.eachRow((row) => diffs.push((row.values as any[]).slice(1).map((v) => String(v ?? ''))));
    expect(diffs.some((d) => d[0] === codes.A && d[1] === 'TrangThaiHoSo' && d[3] === '2' && d[4] === 'Đã sửa trên Cổng')).toBe(true);
    const p = await get(`/api/v1/indicators/ledger/export?unit=${DEMO.phuong1}&period=2026-03&format=pdf`, h);
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toContain('application/pdf');
    const file = join(dir, 'ledger.pdf');
    writeFileSync(file, p.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('BẰNG CHỨNG NGUYÊN NHÂN HỒ SƠ QUÁ HẠN, CHƯA ĐỒNG BỘ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Cán bộ xử lý');
    expect(text).toContain('Đồng bộ với Cổng DVCQG');
  });

  it('the ledger page lists the causes in Vietnamese, at 360 px without script', async () => {
    const res = await get(`/chi-so/nguyen-nhan?unit=${DEMO.phuong1}&period=2026-03`, { ...(await as('chutich.p1')), accept: 'text/html' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Sổ nguyên nhân quá hạn, chưa đồng bộ');
    expect(res.body).toContain(codes.B);
    expect(res.body).toContain('Đồng bộ với Cổng DVCQG');
    expect(res.body).toContain('format=xlsx');
    expect(res.body).not.toContain('<script');
  });

  it('refuses anonymous callers, officers of another unit and non-watchers, and changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await env.ctx.db
            .selectFrom('np_reconciliation')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const checkedBefore = (await env.ctx.db.selectFrom('np_reconciliation').select('checked_at').where('dossier_id', '=', ids.A).executeTakeFirstOrThrow())
      .checked_at;
    const n = await count();
    for (const url of [
      `/api/v1/indicators/ledger?unit=${DEMO.phuong1}`,
      `/api/v1/indicators/ledger/export?unit=${DEMO.phuong1}&format=pdf`,
      `/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`,
      '/api/v1/indicators/at-stake/mine',
    ])
      expect((await get(url)).statusCode).toBe(401);
    expect((await post('/api/v1/indicators/reconciliation', { unit: DEMO.phuong1 })).statusCode).toBe(401);
    const other = await as('chutich.tanhoa');
    for (const url of [
      `/api/v1/indicators/ledger?unit=${DEMO.phuong1}&period=2026-03`,
      `/api/v1/indicators/ledger/export?unit=${DEMO.phuong1}&period=2026-03&format=xlsx`,
      `/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`,
    ]) {
      const res = await get(url, other);
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('Ông/bà không theo dõi đơn vị Phường Vị Thanh.');
    }
    const en = await get(`/api/v1/indicators/ledger?unit=${DEMO.phuong1}`, { ...other, 'accept-language': 'en' });
    expect(en.json().message).toBe('You do not watch the unit Phường Vị Thanh.');
    const rec = await post('/api/v1/indicators/reconciliation', { unit: DEMO.phuong1, period: '2026-03' }, other);
    expect(rec.statusCode).toBe(403);
    expect((await get(`/chi-so/nguyen-nhan?unit=${DEMO.phuong1}`, { ...other, accept: 'text/html' })).statusCode).toBe(403);
    expect((await get(`/api/v1/indicators/ledger?unit=${DEMO.phuong1}`, await as('tuphap.p1'))).statusCode).toBe(403);
    expect((await post('/api/v1/indicators/reconciliation', { unit: DEMO.phuong1 }, await as('tuphap.p1'))).statusCode).toBe(403);
    expect((await get(`/api/v1/indicators/ledger?unit=${DEMO.phuong1}&period=2026-13`, await as('giamsat'))).statusCode).toBe(400);
    expect((await get(`/api/v1/indicators/ledger?unit=khong-co`, await as('giamsat'))).statusCode).toBe(404);
    expect(await count()).toBe(n);
    expect(
      (await env.ctx.db.selectFrom('np_reconciliation').select('checked_at').where('dossier_id', '=', ids.A).executeTakeFirstOrThrow()).checked_at,
    ).toEqual(checkedBefore);
    // the leader of Tân Hòa sees his own commune
    expect((await get(`/api/v1/indicators/ledger?unit=${DEMO.tanHoa}&period=2026-03`, other)).json().rows).toEqual([]);
  });
});
