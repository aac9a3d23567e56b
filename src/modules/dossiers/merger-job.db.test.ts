/**
 * Across a merger nothing is lost (issue 11 item 4): the scheduled job 'dossiers.reroute-retired'
 * (service/reroute-job.ts, the dossiers manifest's `schedules`) moves, once the merger's effective
 * date has come in Vietnam, the open dossiers of the units it ended to their successors: exactly
 * once with two workers, not the closed ones nor those of units still there, with the history text
 * "Chuyển sang … do sáp nhập đơn vị, theo …", the successor's officers told in their inbox and a
 * summary in the audit log. A unit retired without successor keeps its dossiers and is reported.
 * The dossier page shows "Tiếp nhận tại: <old> (nay là <successor>)". Refusals of the manual
 * endpoint to everyone but the province's administrator. PGlite, and PostgreSQL with TEST_DATABASE_URL.
 *
 * The test mergers are made up (decisions marked "thử nghiệm"): Xã Thạnh Xuân into Xã Tân Hòa and
 * UBND xã Trường Long Tây retired without successor on 16/3/2026; Xã Hỏa Lựu into Phường Vị Thanh
 * on 23/3/2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { startWorker, type Worker } from '../../platform/worker';
import { MODULES } from '../../manifests';
import { Flow } from '../indicators/test-api-flow';
import { createOfficer } from '../identity/service';
import { mergeUnits, retireUnit } from '../units/service';
import { DEMO } from '../units/demo';
import { REROUTE_TOPIC, rerouteRetiredDossiers } from './service';
import { moveClockTo } from '../../test/clock';
import { quietLog, waitUntil } from '../../test/workers';

const PROC = '2.000635'; // Cấp bản sao trích lục hộ tịch: received and decided by the commune's committee, paper allowed
const COMPONENT = 'to-khai';
const URL = '/api/v1/admin/dossiers/reroute-retired';
const MERGE_1 = 'Nghị quyết số 9001/NQ-UBTVQH15 (thử nghiệm)';
const RETIRE_TLT = 'Quyết định số 77/QĐ-UBND (thử nghiệm)';
const MERGE_2 = 'Nghị quyết số 9002/NQ-UBTVQH15 (thử nghiệm)';
const PASSWORD = 'MotCua@2026';

let env: TestEnv;
let flow: Flow;
const workers: Worker[] = [];
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};

const at = (t: string) => moveClockTo(env, t);
const db = () => env.ctx.db;
const rows = () =>
  db().selectFrom('dossiers').select(['id', 'state', 'receiving_unit_id', 'deciding_unit_id', 'step_unit_id', 'version']).orderBy('id').execute();
const rerouteEvents = () =>
  db().selectFrom('dossier_events').select(['dossier_id', 'actor_kind', 'comment', 'data']).where('action', '=', 'reroute').orderBy('dossier_id').execute();
const runAudits = () =>
  db().selectFrom('audit_log').select(['actor_kind', 'actor_id', 'details']).where('action', '=', 'dossier.reroute_run').orderBy('id').execute();
const jobs = () => db().selectFrom('outbox').select(['id', 'status', 'attempts', 'next_attempt_at']).where('topic', '=', REROUTE_TOPIC).orderBy('id').execute();
const dossiersModule = MODULES.find((m) => m.name === 'dossiers')!;

const until = (what: string, check: () => Promise<boolean>) => waitUntil(what, check, { wake: () => workers.forEach((w) => w.wake()), state: jobs });
async function startTwoWorkers() {
  const opts = { pollMs: 50, sealMs: 0, pruneMs: 0, topics: [REROUTE_TOPIC] };
  workers.push(startWorker(env.ctx, quietLog, { ...opts, modules: [dossiersModule] }), startWorker(env.ctx, quietLog, { ...opts, modules: [dossiersModule] }));
}
async function stopWorkers() {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
}

async function submitAt(desk: string, key: string, receive = false) {
  const d = await flow.submit(desk, PROC);
  await flow.file(desk, d.id, 'component', COMPONENT);
  if (receive) await flow.act(desk, d.id, 'receive');
  ids[key] = d.id;
  codes[key] = (await db().selectFrom('dossiers').select('code').where('id', '=', d.id).executeTakeFirstOrThrow()).code;
}
const SCREEN = '/quan-tri/sap-nhap-ho-so';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (who: Login) => new URLSearchParams({ _csrf: who.csrf }).toString();
/** The screen's card of one unit (up to the next card). */
const cardOf = (html: string, unitId: string) => {
  const at = html.indexOf(`id="unit-${unitId}"`);
  expect(at, unitId).toBeGreaterThan(-1);
  const end = html.indexOf('</li>', at);
  return html.slice(at, end);
};
const page = (who: Login, id: string) => env.app.inject({ method: 'GET', url: `/can-bo/ho-so/${id}`, headers: authHeaders(who) });

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' }); // Monday 9/3/2026, 09:00 in Vietnam
  await db().deleteFrom('outbox').where('topic', '=', REROUTE_TOPIC).execute();
  const root = { kind: 'officer' as const, id: 'test-admin', name: 'admin', roles: [{ role: 'admin' as const, unitId: DEMO.province }] };
  const officers: [string, { role: 'reception' | 'specialist' | 'leader' | 'admin'; unitId: string }[]][] = [
    ['motcua.thanhxuan', [{ role: 'reception', unitId: DEMO.ubndThanhXuan }]],
    ['motcua.tlt', [{ role: 'reception', unitId: DEMO.ubndTruongLongTay }]],
    ['motcua.hoaluu', [{ role: 'reception', unitId: DEMO.ubndHoaLuu }]],
    ['quantri.tanhoa', [{ role: 'admin', unitId: DEMO.tanHoa }]],
  ];
  for (const [username, roles] of officers) await createOfficer(env.ctx, root, { username, name: `Cán bộ ${username}`, password: PASSWORD, roles });
  flow = new Flow(env);
  await submitAt('motcua.thanhxuan', 'open'); // submitted, at UBND xã Thạnh Xuân
  await submitAt('motcua.thanhxuan', 'received', true); // received: its step at UBND xã Thạnh Xuân
  await submitAt('motcua.thanhxuan', 'closed');
  await flow.act('motcua.thanhxuan', ids.closed!, 'refuse', { comment: 'Hồ sơ không thuộc thẩm quyền giải quyết.' });
  await submitAt('motcua.tlt', 'orphan'); // UBND xã Trường Long Tây: retired without successor
  await submitAt('motcua.p1', 'stays'); // UBND phường Vị Thanh: not touched by any merger
  await submitAt('motcua.hoaluu', 'later1');
  await submitAt('motcua.hoaluu', 'later2', true);
  await mergeUnits(env.ctx, null, { sourceIds: [DEMO.thanhXuan], targetId: DEMO.tanHoa, effectiveDate: '2026-03-16', decision: MERGE_1 });
  await retireUnit(env.ctx, null, { id: DEMO.ubndTruongLongTay, effectiveDate: '2026-03-16', decision: RETIRE_TLT, successorId: null });
  await mergeUnits(env.ctx, null, { sourceIds: [DEMO.hoaLuu], targetId: DEMO.phuong1, effectiveDate: '2026-03-23', decision: MERGE_2 });
}, 300_000);
afterAll(async () => {
  await stopWorkers();
  await env?.close();
});

describe('the merger job moves the open dossiers of ended units to their successors', () => {
  it('on 15/3 at 23:30 in Vietnam (16:30 UTC) the merger has not begun: two workers run the day once and move nothing', async () => {
    await at('2026-03-15T16:30:00Z');
    const before = await rows();
    await startTwoWorkers();
    await until('the day’s run delivered', async () => (await jobs()).some((j) => j.status === 'delivered'));
    await new Promise((r) => setTimeout(r, 300));
    expect(await jobs()).toEqual([
      { id: `${REROUTE_TOPIC}:2026-03-15`, status: 'delivered', attempts: 1, next_attempt_at: null },
      // The next run: 00:05 on 16/3 in Vietnam.
      { id: `${REROUTE_TOPIC}:2026-03-16`, status: 'pending', attempts: 0, next_attempt_at: new Date('2026-03-15T17:05:00Z') },
    ]);
    await stopWorkers();
    expect(await rows()).toEqual(before);
    expect(await rerouteEvents()).toEqual([]);
    expect(await runAudits()).toEqual([]);
  });

  it('the manual run is refused to a desk officer and to the administrator of a commune, with the Vietnamese message, and changes nothing', async () => {
    await at('2026-03-15T17:30:00Z'); // 00:30 on 16/3 in Vietnam: the merger is in force, the job not yet run
    const before = await rows();
    const desk = await loginOfficer(env.app, 'motcua.tanhoa');
    const communeAdmin = await loginOfficer(env.app, 'quantri.tanhoa', PASSWORD);
    const r1 = await env.app.inject({ method: 'POST', url: URL, headers: authHeaders(desk) });
    expect(r1.statusCode).toBe(403);
    expect(r1.json()).toMatchObject({ error: 'error.forbidden', message: 'Bạn không có quyền thực hiện thao tác này.' });
    const r2 = await env.app.inject({ method: 'POST', url: URL, headers: authHeaders(communeAdmin) });
    expect(r2.statusCode).toBe(403);
    expect(r2.json()).toMatchObject({
      error: 'identity.error.wrong_unit',
      message: 'Bạn không có vai trò cần thiết tại đơn vị này hoặc tại đơn vị cấp trên của đơn vị này.',
    });
    const r3 = await env.app.inject({ method: 'POST', url: URL });
    expect(r3.statusCode).toBe(401);
    // The administrators' screen: refused to the commune's administrator, both to read and to run.
    for (const method of ['GET', 'POST'] as const) {
      const p = await env.app.inject({
        method,
        url: SCREEN,
        headers: { ...authHeaders(communeAdmin), ...(method === 'POST' ? FORM : {}) },
        payload: form(communeAdmin),
      });
      expect(p.statusCode, method).toBe(403);
      expect(p.body).toContain('Bạn không có vai trò cần thiết tại đơn vị này hoặc tại đơn vị cấp trên của đơn vị này.');
    }
    // The province's administrator sees what the job will find: Thạnh Xuân with its successor, Trường Long Tây without.
    const screen = await env.app.inject({ method: 'GET', url: SCREEN, headers: authHeaders(await loginOfficer(env.app, 'admin')) });
    expect(screen.statusCode).toBe(200);
    const tx = cardOf(screen.body, DEMO.ubndThanhXuan);
    expect(tx).toContain('UBND xã Thạnh Xuân');
    expect(tx).toContain('Căn cứ: Nghị quyết số 9001/NQ-UBTVQH15 (thử nghiệm) (hiệu lực từ 16/03/2026)');
    expect(tx).toContain('Đơn vị kế thừa: UBND xã Tân Hòa');
    expect(tx).toContain(`Hồ sơ: ${[codes.open!, codes.received!].sort().join(', ')}`);
    const tlt = cardOf(screen.body, DEMO.ubndTruongLongTay);
    expect(tlt).toContain('Không có đơn vị kế thừa: hồ sơ được giữ nguyên, cần quản trị viên quyết định');
    expect(tlt).toContain(`Hồ sơ: ${codes.orphan}`);
    expect(screen.body).not.toContain(`unit-${DEMO.ubndPhuong1}`);
    expect(await rows()).toEqual(before);
    expect(await rerouteEvents()).toEqual([]);
    expect(await runAudits()).toEqual([]);
  });

  it('from 00:05 on 16/3 in Vietnam the job moves exactly the open dossiers of Thạnh Xuân, tells Tân Hòa, reports Trường Long Tây', async () => {
    const before = Object.fromEntries((await rows()).map((r) => [r.id, r]));
    await startTwoWorkers();
    await until('the run of 16/3 delivered', async () => (await jobs()).filter((j) => j.status === 'delivered').length === 2);
    await new Promise((r) => setTimeout(r, 300));
    await stopWorkers();
    expect(await jobs()).toEqual([
      { id: `${REROUTE_TOPIC}:2026-03-15`, status: 'delivered', attempts: 1, next_attempt_at: null },
      { id: `${REROUTE_TOPIC}:2026-03-16`, status: 'delivered', attempts: 1, next_attempt_at: null },
      { id: `${REROUTE_TOPIC}:2026-03-17`, status: 'pending', attempts: 0, next_attempt_at: new Date('2026-03-16T17:05:00Z') },
    ]);
    const after = Object.fromEntries((await rows()).map((r) => [r.id, r]));
    // Moved: the two open ones, with their step; same state, same code.
    expect(after[ids.open!]).toMatchObject({ state: 'submitted', receiving_unit_id: DEMO.ubndTanHoa, deciding_unit_id: DEMO.ubndTanHoa });
    expect(after[ids.received!]).toMatchObject({
      state: 'received',
      receiving_unit_id: DEMO.ubndTanHoa,
      deciding_unit_id: DEMO.ubndTanHoa,
      step_unit_id: DEMO.ubndTanHoa,
    });
    // Not moved: the closed one, the one of a unit without successor, the ones of units still there (or not yet merged).
    for (const k of ['closed', 'orphan', 'stays', 'later1', 'later2']) expect(after[ids[k]!], k).toEqual(before[ids[k]!]);

    const events = await rerouteEvents();
    expect(events.map((e) => e.dossier_id).sort()).toEqual([ids.open, ids.received].sort());
    for (const e of events) {
      expect(e.actor_kind).toBe('system');
      expect(e.comment).toBe('Chuyển sang UBND xã Tân Hòa do sáp nhập đơn vị, theo Nghị quyết số 9001/NQ-UBTVQH15 (thử nghiệm)');
      // The original desk and agency are kept in the history.
      expect(e.data).toMatchObject({
        previous: { receivingUnitId: DEMO.ubndThanhXuan, decidingUnitId: DEMO.ubndThanhXuan },
        next: { receivingUnitId: DEMO.ubndTanHoa, decidingUnitId: DEMO.ubndTanHoa },
        decisions: [MERGE_1],
        basis: 'retired_unit',
      });
    }
    const steps = await db()
      .selectFrom('dossier_steps')
      .select(['unit_id', 'outcome', 'left_at'])
      .where('dossier_id', '=', ids.received!)
      .orderBy('entered_at')
      .execute();
    expect(steps.filter((s) => s.left_at === null).map((s) => s.unit_id)).toEqual([DEMO.ubndTanHoa]);
    expect(steps.filter((s) => s.outcome === 'reroute').map((s) => s.unit_id)).toEqual([DEMO.ubndThanhXuan]);

    // The successor's officers are told, once per dossier, in their inbox.
    const told = await db()
      .selectFrom('notifications')
      .select(['person_id', 'dossier_id', 'title', 'in_inbox'])
      .where('kind', '=', 'dossier_transferred')
      .orderBy('dossier_id')
      .orderBy('person_id')
      .execute();
    const tanHoa = ['officer-chutich.tanhoa', 'officer-motcua.tanhoa', 'officer-tuphap.tanhoa'];
    expect(told).toEqual(
      [ids.open!, ids.received!].sort().flatMap((id) =>
        tanHoa.map((person) => ({
          person_id: person,
          dossier_id: id,
          title: `Hồ sơ ${id === ids.open ? codes.open : codes.received} được chuyển đến UBND xã Tân Hòa`,
          in_inbox: true,
        })),
      ),
    );

    // One summary in the audit log, naming what moved and the unit left without successor.
    const audits = await runAudits();
    expect(audits).toHaveLength(1);
    const details = typeof audits[0]!.details === 'string' ? JSON.parse(audits[0]!.details) : audits[0]!.details;
    expect(audits[0]).toMatchObject({ actor_kind: 'system', actor_id: null });
    expect(details).toMatchObject({ day: '2026-03-16', moved: 2, kept: 1 });
    expect(details.rerouted.map((r: { code: string }) => r.code).sort()).toEqual([codes.open, codes.received].sort());
    expect(details.withoutSuccessor).toEqual([
      { unitId: DEMO.ubndTruongLongTay, name: 'UBND xã Trường Long Tây', decision: RETIRE_TLT, dossiers: [codes.orphan] },
    ]);
  });

  it('run again by the administrator: nothing more moves; the unit without successor is answered again', async () => {
    const before = await rows();
    const admin = await loginOfficer(env.app, 'admin');
    const r = await env.app.inject({ method: 'POST', url: URL, headers: authHeaders(admin) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().rerouted).toEqual([]);
    expect(r.json().kept.map((k: { code: string; reason: string }) => [k.code, k.reason])).toEqual([[codes.orphan, 'no_successor']]);
    expect(r.json().withoutSuccessor).toEqual([
      { unitId: DEMO.ubndTruongLongTay, name: 'UBND xã Trường Long Tây', effectiveDate: '2026-03-16', decision: RETIRE_TLT, dossiers: [codes.orphan] },
    ]);
    expect(await rows()).toEqual(before);
    expect((await rerouteEvents()).length).toBe(2);
    // "Chuyển ngay" on the screen: nothing more to move, Trường Long Tây still listed without successor.
    const p = await env.app.inject({ method: 'POST', url: SCREEN, headers: { ...authHeaders(admin), ...FORM }, payload: form(admin) });
    expect(p.statusCode).toBe(200);
    expect(p.body).toContain('Đã chuyển 0 hồ sơ; giữ nguyên 1 hồ sơ.');
    expect(p.body).not.toContain(`unit-${DEMO.ubndThanhXuan}`);
    expect(cardOf(p.body, DEMO.ubndTruongLongTay)).toContain('Không có đơn vị kế thừa');
    expect(await rows()).toEqual(before);
  });

  it('two runs at the same moment after the second merger move each dossier once', async () => {
    await at('2026-03-22T17:10:00Z'); // 00:10 on 23/3 in Vietnam
    const [a, b] = await Promise.all([rerouteRetiredDossiers(env.ctx, null), rerouteRetiredDossiers(env.ctx, null)]);
    const moved = [...a.outcomes, ...b.outcomes].filter((o) => o.to).map((o) => o.dossierId);
    expect(moved.sort()).toEqual([ids.later1, ids.later2].sort());
    const events = (await rerouteEvents()).filter((e) => e.dossier_id === ids.later1 || e.dossier_id === ids.later2);
    expect(events.map((e) => e.dossier_id).sort()).toEqual([ids.later1, ids.later2].sort());
    for (const e of events) expect(e.comment).toBe('Chuyển sang UBND phường Vị Thanh do sáp nhập đơn vị, theo Nghị quyết số 9002/NQ-UBTVQH15 (thử nghiệm)');
    const later = (await rows()).filter((r) => r.id === ids.later1 || r.id === ids.later2);
    for (const r of later) expect(r).toMatchObject({ receiving_unit_id: DEMO.ubndPhuong1, deciding_unit_id: DEMO.ubndPhuong1 });
    // Each told once: one notice per officer of UBND phường Vị Thanh and dossier.
    const told = await db()
      .selectFrom('notifications')
      .select(['person_id', 'dossier_id'])
      .where('kind', '=', 'dossier_transferred')
      .where('dossier_id', '=', ids.later2!)
      .execute();
    expect(new Set(told.map((n) => n.person_id)).size).toBe(told.length);
    expect(told.length).toBeGreaterThan(0);
  });
});

describe('the dossier page names the unit it was received at and the unit that holds it now', () => {
  it('a moved dossier, a closed one left at the ended unit, and one whose unit never changed', async () => {
    const admin = await loginOfficer(env.app, 'admin');
    const moved = await page(admin, ids.received!);
    expect(moved.statusCode, moved.body.slice(0, 300)).toBe(200);
    expect(moved.body).toContain('Tiếp nhận tại: UBND xã Thạnh Xuân (nay là UBND xã Tân Hòa)');
    expect(moved.body).toContain(codes.received);
    const closed = await page(admin, ids.closed!);
    expect(closed.body).toContain('Tiếp nhận tại: UBND xã Thạnh Xuân (nay là UBND xã Tân Hòa)');
    const later = await page(admin, ids.later1!);
    expect(later.body).toContain('Tiếp nhận tại: UBND xã Hỏa Lựu (nay là UBND phường Vị Thanh)');
    const stays = await page(admin, ids.stays!);
    expect(stays.statusCode).toBe(200);
    expect(stays.body).not.toContain('Tiếp nhận tại:');
    // The history shows the move with its legal basis.
    expect(moved.body).toContain('Chuyển sang UBND xã Tân Hòa do sáp nhập đơn vị, theo Nghị quyết số 9001/NQ-UBTVQH15 (thử nghiệm)');
    // The applicant (Trần Thị Bình, whom the desks received for) sees the same on her page.
    const binh = await loginCitizen(env, '093185004321');
    const mine = await env.app.inject({ method: 'GET', url: `/ho-so-cua-toi/${ids.received}`, headers: authHeaders(binh) });
    expect(mine.statusCode, mine.body.slice(0, 300)).toBe(200);
    expect(mine.body).toContain('Tiếp nhận tại: UBND xã Thạnh Xuân (nay là UBND xã Tân Hòa)');
    const mineStays = await env.app.inject({ method: 'GET', url: `/ho-so-cua-toi/${ids.stays}`, headers: authHeaders(binh) });
    expect(mineStays.statusCode).toBe(200);
    expect(mineStays.body).not.toContain('Tiếp nhận tại:');
  });
});
