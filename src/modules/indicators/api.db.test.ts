/**
 * The index from dossiers driven through the dossiers HTTP API (submit, receive, process,
 * supplement, result), with env.clock setting the times; every expected figure worked out by hand.
 * Facts reach the indicators through the 'dossier.event' outbox handler (drained after each change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { publicationFigures } from '../catalogue/service';
import { DEMO } from '../units/demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { Flow } from './test-api-flow';
import { authHeaders, loginOfficer } from '../../test/login';

let env: TestEnv;
let sb: Sandboxes;
let f: Flow;
const ids: Record<string, string> = {};
const KET_HON = '1.000894'; // Đăng ký kết hôn: 1 working day, no fee, result "Giấy chứng nhận kết hôn"
const TRICH_LUC = '2.000635'; // Cấp bản sao trích lục hộ tịch: 1 working day, fee 8,000 VND

const at = async (iso: string) => env.clock.set(iso);
const drain = () => drainOutbox(env.ctx);

async function receive(name: string, code: string, when: string) {
  await at(when);
  // These dossiers are paper ones handed in at the desk (the online figures below count none).
  // The marriage registration is an essential service that takes no paper from 1/10/2025 (Chỉ thị
  // 24/CT-TTg): its paper dossier is opened on 30/9/2025 and received on the day of the scenario.
  if (code === KET_HON) await at('2025-09-30T02:00:00Z');
  const d = await f.submit('motcua.p1', code);
  await at(when);
  await f.file('motcua.p1', d.id, 'component', 'to-khai');
  await f.act('motcua.p1', d.id, 'receive');
  ids[name] = d.id;
  await drain();
}
/** Through the internal process: reception -> appraisal -> approval (result issued). */
async function settle(name: string, when: string, opts: { returnAt?: string } = {}) {
  await at(when);
  const id = ids[name];
  await f.act('tuphap.p1', id, 'forward');
  await f.file('chutich.p1', id, 'result');
  await f.act('chutich.p1', id, 'approve');
  if (opts.returnAt) {
    await at(opts.returnAt);
    await f.act('motcua.p1', id, 'return_result', { returnMethod: 'desk' });
  }
  await drain();
}
async function supplement(name: string, requestAt: string, backAt: string | null, second = false) {
  await at(requestAt);
  if (second) {
    // A second request goes through a leader's approval (issue 17 item 1).
    const id = ids[name]!;
    const deskH = authHeaders(await loginOfficer(env.app, 'motcua.p1')); // fresh sessions: the test clock has moved on
    const cur = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: deskH })).json().dossier;
    const p = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/supplement-requests`,
      headers: deskH,
      payload: { version: cur.version, comment: 'Thiếu giấy tờ', items: [{ label: 'Bản sao giấy tờ tùy thân', defect: 'missing' }] },
    });
    if (p.statusCode !== 201) throw new Error(`propose ${p.statusCode} ${p.body}`);
    const a = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/supplement-requests/${p.json().requestId}/decision`,
      headers: authHeaders(await loginOfficer(env.app, 'chutich.p1')),
      payload: { version: p.json().dossier.version, approve: true, reason: 'Đồng ý yêu cầu bổ sung lần hai' },
    });
    if (a.statusCode !== 200) throw new Error(`approve ${a.statusCode} ${a.body}`);
  } else await f.act('motcua.p1', ids[name], 'request_supplement', { comment: 'Thiếu giấy tờ', missing: ['Bản sao giấy tờ tùy thân'] });
  if (backAt) {
    await at(backAt);
    await f.act('motcua.p1', ids[name], 'supplement');
  }
  await drain();
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-02T01:30:00Z' });
  sb = await startTestSandboxes(env, join(mkdtempSync(join(tmpdir(), 'ind-np-')), 'portal.json')); // national portal (sync), SMS, e-mail
  f = new Flow(env);
  // Times in UTC; Vietnam is UTC+7 (08:30 VN = 01:30Z). Due = end of the next working day (17:00 VN = 10:00Z).
  await receive('A', KET_HON, '2026-03-02T01:30:00Z'); // due 03-03 10:00Z
  await settle('A', '2026-03-02T05:00:00Z', { returnAt: '2026-03-02T06:00:00Z' }); // early; 3.5 h
  await receive('B', KET_HON, '2026-03-04T01:30:00Z'); // due 03-05 10:00Z
  await settle('B', '2026-03-06T03:00:00Z'); // late; 2 d 1.5 h
  await receive('C', KET_HON, '2026-03-09T01:30:00Z'); // due 03-10 10:00Z
  await supplement('C', '2026-03-09T02:00:00Z', '2026-03-11T02:00:00Z'); // 48 h paused
  await settle('C', '2026-03-11T04:00:00Z'); // end 03-11 04:00 - 48 h = 03-09 04:00: early; 2.5 h
  await receive('D', KET_HON, '2026-03-12T01:30:00Z');
  await supplement('D', '2026-03-12T02:00:00Z', '2026-03-12T03:00:00Z');
  await supplement('D', '2026-03-12T04:00:00Z', null, true); // second request: late
  await receive('G', TRICH_LUC, '2026-03-13T01:30:00Z');
  await settle('G', '2026-03-13T03:30:00Z'); // early; 2 h; fee-bearing
  await receive('E', KET_HON, '2026-03-16T01:30:00Z'); // due 03-17 10:00Z, still open on 03-18: late
  await receive('F', KET_HON, '2026-03-18T01:30:00Z'); // due 03-19 10:00Z, open: on time so far
  await at('2026-03-18T05:00:00Z');
  await drain(); // follow-ups of the facts (sync checked again after 15 s)
}, 300_000);
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

const get = async (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const ind = (body: any, key: string) => body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.key === key);

describe('March 2026 (to date, 18 March) for Phường I and the province', () => {
  let body: any;
  beforeAll(async () => {
    const res = await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`);
    expect(res.statusCode).toBe(200);
    body = res.json();
  });
  it('2.1: A, C (supplement time subtracted), F (open, not yet due), G on time; B late, D two supplements, E open past due -> 4/7', () => {
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 4, denominator: 7, value: 0.5714, points: 11.43 });
  });
  it('2.2: (0.15 + 2.06 + 0.10 + 0.08) / 4 days for A, B, C, G', () =>
    expect(ind(body, 'averageTime')).toMatchObject({ numerator: 2.39, denominator: 4, value: 0.6, points: 0 }));
  it('4.1 / 4.2: the four settled dossiers all have an electronic result and digitized components', () => {
    expect(ind(body, 'electronicResults')).toMatchObject({ numerator: 4, denominator: 4, value: 1, points: 6 });
    expect(ind(body, 'digitized')).toMatchObject({ numerator: 4, denominator: 4, value: 1, points: 4 });
  });
  it('1.4: all 7 received dossiers reached the national portal (sandbox) -> 6 points', () =>
    expect(ind(body, 'syncedDossiers')).toMatchObject({ numerator: 7, denominator: 7, value: 1, points: 6 }));
  it('3.3: none submitted online (all at the desk) -> 0 x sync ratio 1 = 0', () =>
    expect(ind(body, 'onlineDossiers')).toMatchObject({ numerator: 0, denominator: 7, value: 0, points: 0 }));
  it('3.4 / 3.6: G (trích lục, 8,000 VND) is the only fee-bearing dossier and was not paid online', () => {
    expect(ind(body, 'proceduresPaidOnline')).toMatchObject({ numerator: 0, denominator: 1, value: 0, points: 0 });
    expect(ind(body, 'paidOnline')).toMatchObject({ numerator: 0, denominator: 1, value: 0, points: 0 });
  });
  it("3.5: G's procedure is the one fee-bearing procedure with synced dossiers, over the fee-bearing procedures Phường I decides", async () => {
    const { exportRecords, getProcedureSnapshot } = await import('../catalogue/service');
    const { descendantIds } = await import('../units/service');
    const mine = new Set([DEMO.phuong1, ...(await descendantIds(env.ctx, DEMO.phuong1))]);
    let feeBearing = 0;
    for (const r of await exportRecords(env.ctx)) {
      const snap = await getProcedureSnapshot(env.ctx, r.code);
      if ((r.financialObligation || r.fees.some((x) => x.amount > 0)) && snap?.agencies.some((a) => mine.has(a.decidingUnitId))) feeBearing++;
    }
    expect(feeBearing).toBeGreaterThan(1);
    expect(ind(body, 'feeProceduresIntegrated')).toMatchObject({ numerator: 1, denominator: feeBearing });
  });
  it("4.3: nothing reused from the store; 4.5: every dossier linked to the applicant's list on the portal", () => {
    expect(ind(body, 'reused')).toMatchObject({ numerator: 0, denominator: 7, value: 0, points: 0 });
    expect(ind(body, 'linkedToStore')).toMatchObject({ numerator: 7, denominator: 7, value: 1, points: 4 });
  });
  it("4.4: Phường I's people's committee must offer electronic certified copies and issued none in March", () =>
    expect(ind(body, 'certifiedCopies')).toMatchObject({ numerator: 0, denominator: 1, value: 0, points: 0 }));
  it('the drill-down of 4.4 names that unit; of 1.4 lists nothing (all synced)', async () => {
    const h = await f.as('giamsat');
    const recs = (await get(`/api/v1/indicators/certifiedCopies/records?unit=${DEMO.phuong1}&period=2026-03`, h)).json().records;
    expect(recs.map((r: any) => r.id)).toEqual([DEMO.ubndPhuong1]);
    expect((await get(`/api/v1/indicators/syncedDossiers/records?unit=${DEMO.phuong1}&period=2026-03`, h)).json().records).toEqual([]);
  });
  it('4.6 / 4.7: all at the desk by an officer, nothing from the national store, no population check -> 0 of 2 procedures, 0 of 7 dossiers', () => {
    expect(ind(body, 'populationProcedures')).toMatchObject({ numerator: 0, denominator: 2, value: 0, points: 0 });
    expect(ind(body, 'populationDossiers')).toMatchObject({ numerator: 0, denominator: 7, value: 0, points: 0 });
  });
  it('5.4 from the facts: A, B, C, G have a result in March, B was late, none rated or petitioned -> 3/4 -> 0.75 x 6 / 0.9', () => {
    expect(ind(body, 'dossierSatisfaction')).toMatchObject({ numerator: 3, denominator: 4, value: 0.75, points: 5 });
  });
  it('5.2 / 5.3 without any petition in March are no data (empty), not zero', () => {
    expect(ind(body, 'petitionsOnTime')).toMatchObject({ numerator: 0, denominator: 0, value: null, points: null });
    expect(ind(body, 'petitionSatisfaction')).toMatchObject({ value: null, points: null });
  });
  it('1.1-1.3 are the catalogue figures for the unit', async () => {
    const pub = await publicationFigures(env.ctx, { unitId: DEMO.phuong1, from: '2026-03-01', to: '2026-03-31' });
    expect(ind(body, 'publishedOnTime')).toMatchObject({
      numerator: pub.totals.publishedOnTime.numerator,
      denominator: pub.totals.publishedOnTime.denominator,
    });
    expect(ind(body, 'fullyDisclosed')).toMatchObject({ numerator: pub.totals.complete.numerator, denominator: pub.totals.complete.denominator });
  });
  it('the total is the sum of the group points', () => {
    const sum = body.groups.reduce((s: number, g: any) => s + g.points, 0);
    expect(body.total).toBeCloseTo(sum, 2);
  });
  it('the province includes Phường I', async () => {
    const prov = (await get(`/api/v1/indicators?period=2026-03&method=qd766-2022`)).json();
    expect(ind(prov, 'onTimeRate')).toMatchObject({ numerator: 4, denominator: 7 });
  });
  it('the drill-down lists B, D and E as late, with links', async () => {
    const h = await f.as('giamsat');
    const recs = (await get(`/api/v1/indicators/onTimeRate/records?unit=${DEMO.phuong1}&period=2026-03`, h)).json().records;
    expect(recs.map((r: any) => r.id).sort()).toEqual([ids.B, ids.D, ids.E].sort());
    expect(recs.find((r: any) => r.id === ids.D).reason).toBe('multipleSupplements');
  });
});

describe('live', () => {
  it('a dossier settled now shows in the figures after one outbox round', async () => {
    await settle('F', '2026-03-18T06:00:00Z');
    const body = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    expect(ind(body, 'electronicResults')).toMatchObject({ numerator: 5, denominator: 5 });
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 4, denominator: 7 });
  });
  it('a dossier rated not satisfied at the desk lowers 5.4 at once: (5 with a result, F included - B late - A unsatisfied) / 5', async () => {
    const keys = [
      'overall',
      'convenience',
      'timeliness',
      'attitude',
      'time_vs_limit',
      'actual_time',
      'contacts',
      'agencies',
      'one_stop',
      'publicity',
      'petitions',
      'online_quality',
    ];
    const res = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/dossiers/${ids.A}/rating`,
      headers: authHeaders(await loginOfficer(env.app, 'motcua.p1')),
      payload: { scores: Object.fromEntries(keys.map((k) => [k, 1])) },
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await drain(); // 'feedback.dossier_rated' -> the facts row's rating
    const body = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    expect(ind(body, 'dossierSatisfaction')).toMatchObject({ numerator: 3, denominator: 5, value: 0.6, points: 4 });
    const row = await env.ctx.db.selectFrom('indicator_dossier_facts').select(['rating']).where('dossier_id', '=', ids.A).executeTakeFirstOrThrow();
    expect(row.rating).toBe('unsatisfied');
  });
  it('a dossier event after the rating keeps it (the refresh asks the feedback module)', async () => {
    const { refreshDossierFacts } = await import('./facts-handler');
    expect((await refreshDossierFacts(env.ctx, ids.A))?.rating).toBe('unsatisfied');
  });
  it('rebuilding all facts after deleting them restores the same figures (ratings included)', async () => {
    const { rebuildAllFacts } = await import('./facts-handler');
    const { clearAggregateCache } = await import('./service');
    const before = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    const feb = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-02&method=qd766-2022`)).json();
    const rows = await env.ctx.db.selectFrom('indicator_dossier_facts').selectAll().orderBy('dossier_id').execute();
    await env.ctx.db.deleteFrom('indicator_dossier_facts').execute();
    clearAggregateCache();
    expect(ind((await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json(), 'onTimeRate')).toMatchObject({ denominator: 0 });
    const r = await rebuildAllFacts(env.ctx, { batchSize: 3 });
    expect(r).toMatchObject({ dossiers: 7, rows: 7, removed: 0, failed: [] });
    clearAggregateCache();
    const after = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    expect(after.groups).toEqual(before.groups);
    expect(after.total).toBe(before.total);
    expect(ind(after, 'dossierSatisfaction')).toMatchObject({ numerator: 3, denominator: 5 });
    expect((await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-02&method=qd766-2022`)).json().groups).toEqual(feb.groups);
    const strip = (x: any[]) => x.map(({ updated_at, ...o }) => o);
    expect(strip(await env.ctx.db.selectFrom('indicator_dossier_facts').selectAll().orderBy('dossier_id').execute())).toEqual(strip(rows));
    // Idempotent: a second run changes nothing.
    expect(await rebuildAllFacts(env.ctx, { batchSize: 100 })).toMatchObject({ dossiers: 7, rows: 7, failed: [] });
  });
  it('a petition about a dossier (named by its code) lowers 5.4 once the outbox has run: G -> 2/5', async () => {
    const { submitPetition } = await import('../feedback/service');
    const g = await env.ctx.db.selectFrom('indicator_dossier_facts').select(['code']).where('dossier_id', '=', ids.G).executeTakeFirstOrThrow();
    await submitPetition(env.ctx, null, {
      subjectKind: 'dossier',
      subjectRef: g.code,
      unitId: DEMO.ubndPhuong1,
      title: 'Hồ sơ trích lục',
      content: 'Tôi phản ánh về việc giải quyết hồ sơ này.',
      contactName: 'Nguyễn Văn An',
      contactPhone: '0912345678',
    });
    await drain();
    expect(
      (await env.ctx.db.selectFrom('indicator_dossier_facts').select(['has_petition']).where('dossier_id', '=', ids.G).executeTakeFirstOrThrow()).has_petition,
    ).toBe(true);
    const body = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    expect(ind(body, 'dossierSatisfaction')).toMatchObject({ numerator: 2, denominator: 5 });
  });
  it('a redelivered message changes nothing (idempotent)', async () => {
    const { refreshDossierFacts } = await import('./facts-handler');
    await refreshDossierFacts(env.ctx, ids.F);
    await refreshDossierFacts(env.ctx, ids.F);
    const n = await env.ctx.db
      .selectFrom('indicator_dossier_facts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(7);
  });
});
