/**
 * Issue 12 item 5: one dataset built through the HTTP API (desk and online dossiers, early, late,
 * paused, open, fee-bearing, paid online, digitised, rated, petitions) and EVERY row of both methods
 * - the national method (dvcqg-2026, in force in 2026) and the first reading (qd766-2022) - checked
 * for the province, row by row, block by block and the total, against figures worked out by hand
 * below. The catalogue rows (publication, online and fee-bearing procedures) are counted here from
 * the catalogue service's own records, not from the indicators module. Then POST
 * /api/v1/indicators/score with the same figures gives the same points. PGlite and PostgreSQL.
 *
 * March 2026, looked at on Wednesday 18 March 12:00 (VN). Vietnam is UTC+7.
 *   Phường I (desk, paper, every component and result as PDF, synced to the sandbox portal):
 *     A  kết hôn, received 02/03, result 02/03            early;   rated NOT satisfied at the desk
 *     B  kết hôn, received 04/03 (due 05/03 17:00), result 06/03     late
 *     C  kết hôn, received 09/03, supplement 09/03 -> 11/03 (paused), result 11/03: early; rated satisfied
 *     G  trích lục (fee 8,000), received 13/03, result 13/03 early; a petition names it
 *     E  kết hôn, received 16/03 (due 17/03), still open on 18/03: late
 *     F  kết hôn, received 18/03 (due 19/03), open: within time
 *   Sở Tư pháp (the provincial centre receives):
 *     V  lý lịch tư pháp (fee 200,000), submitted online by Nguyễn Văn An (VNeID), received 02/03,
 *        paid online through the sandbox gateway; open, within time (several working days)
 *   Petitions to UBND Phường I: P1 received 02/03, answered and approved 05/03 (on time); P2 about G,
 *   received 16/03, open within its 15 working days. (Plus what the demo seed files.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { DEMO } from '../units/demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../../sandbox/payment/server';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { LLTP, LLTP_FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { Flow } from './test-api-flow';
import { payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let sb: Sandboxes;
let gw: SandboxPaymentHandle;
let f: Flow;
let an: Login;
const ids: Record<string, string> = {};
const KET_HON = '1.000894'; // 1 working day, no fee
const TRICH_LUC = '2.000635'; // 1 working day, fee 8,000 VND

const at = async (iso: string) => env.clock.set(iso);
const drain = () => drainOutbox(env.ctx);
async function receive(name: string, code: string, when: string) {
  await at(when);
  // Kết hôn takes no paper from 1/10/2025 (Chỉ thị 24/CT-TTg): its paper dossier is opened before that.
  if (code === KET_HON) await at('2025-09-30T02:00:00Z');
  const d = await f.submit('motcua.p1', code);
  await at(when);
  await f.file('motcua.p1', d.id, 'component', 'to-khai');
  await f.act('motcua.p1', d.id, 'receive');
  ids[name] = d.id;
  await drain();
}
async function settle(name: string, when: string) {
  await at(when);
  await f.act('tuphap.p1', ids[name], 'forward');
  await f.file('chutich.p1', ids[name], 'result');
  await f.act('chutich.p1', ids[name], 'approve');
  await drain();
}
const RATING_KEYS = [
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
async function rate(name: string, score: number) {
  const res = await env.app.inject({
    method: 'PUT',
    url: `/api/v1/dossiers/${ids[name]}/rating`,
    headers: authHeaders(await loginOfficer(env.app, 'motcua.p1')),
    payload: { scores: Object.fromEntries(RATING_KEYS.map((k) => [k, score])) },
  });
  if (res.statusCode >= 300) throw new Error(`rating ${res.statusCode} ${res.body}`);
  await drain();
}
async function petition(payload: Record<string, unknown>) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/petitions',
    payload: { contactName: 'Nguyễn Văn An', contactPhone: '0912345678', consentPublish: false, ...payload },
  });
  if (res.statusCode !== 201) throw new Error(`petition ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; code: string; pin: string };
}
async function onlineLltp() {
  const mp = payloadMultipart({ procedureCode: LLTP, data: LLTP_FORM }, [pdfFile('file:to-khai', PDF)]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(an), 'content-type': mp.type },
    payload: mp.body,
  });
  if (r.statusCode !== 201) throw new Error(`online ${r.statusCode} ${r.body}`);
  return r.json().dossier as { id: string };
}

/**
 * Two procedures not used by the dossiers get a new version published in March (catalogue API):
 * X by a decision signed 02/03, effective 16/03 (10 working days later: on time), disclosed 03/03
 * (on time); Y by a decision signed 09/03, effective 11/03 (late), disclosed 17/03 (6 working days
 * after signing: late). 1.1 = 1/2, 1.2 = 1/2.
 */
const published: string[] = [];
async function publish() {
  const { exportRecords } = await import('../catalogue/service');
  const controller = authHeaders(await loginOfficer(env.app, 'kiemsoat'));
  const records = (await exportRecords(env.ctx)).filter((r) => ![KET_HON, TRICH_LUC, LLTP].includes(r.code));
  const decisions = [
    { number: '101/QĐ-UBND', signedDate: '2026-03-02', effectiveDate: '2026-03-16', disclosedOn: '2026-03-03' },
    { number: '102/QĐ-UBND', signedDate: '2026-03-09', effectiveDate: '2026-03-11', disclosedOn: '2026-03-17' },
  ];
  for (const [i, d] of decisions.entries()) {
    const r = records[i]!;
    const draft = await env.app.inject({ method: 'PUT', url: `/api/v1/admin/procedures/${r.code}/draft`, headers: controller, payload: r as any });
    if (draft.statusCode !== 200) throw new Error(`draft ${draft.statusCode} ${draft.body}`);
    const { disclosedOn, ...decision } = d;
    const pub = await env.app.inject({
      method: 'POST',
      url: '/api/v1/admin/procedures/publish',
      headers: controller,
      payload: { codes: [r.code], decision, disclosedOn },
    });
    if (pub.statusCode !== 200) throw new Error(`publish ${pub.statusCode} ${pub.body}`);
    published.push(r.code);
  }
}

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-02T01:30:00Z' });
  sb = await startTestSandboxes(env, join(mkdtempSync(join(tmpdir(), 'ind-both-')), 'portal.json'));
  gw = await startSandboxPayment({
    port: 0,
    partnerCode: env.ctx.config.payment.partnerCode,
    secret: env.ctx.config.payment.secret,
    portalUrl: () => env.baseUrl!,
  });
  env.ctx.config.payment.url = gw.url;
  f = new Flow(env);
  an = await loginCitizen(env, '093090001234');
  // V: online, received by the provincial centre, paid online
  await at('2026-03-02T01:00:00Z');
  ids.V = (await onlineLltp()).id;
  await f.act('motcua.tinh', ids.V, 'receive');
  const pay = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${ids.V}/payments`,
    headers: authHeaders(await loginCitizen(env, '093090001234')),
    payload: { feeKeys: ['phi'] },
  });
  if (pay.statusCode !== 201) throw new Error(`pay ${pay.statusCode} ${pay.body}`);
  await gw.payerClicks(pay.json().payUrl, 'pay');
  await drain();
  await publish();
  await receive('A', KET_HON, '2026-03-02T01:30:00Z');
  const p1 = await petition({
    subjectKind: 'unit',
    unitId: DEMO.ubndPhuong1,
    title: 'Hỏi về thời gian trả kết quả',
    content: 'Xin hỏi bao lâu thì có giấy chứng nhận kết hôn.',
  });
  await settle('A', '2026-03-02T05:00:00Z');
  await rate('A', 1);
  await receive('B', KET_HON, '2026-03-04T01:30:00Z');
  await at('2026-03-05T03:00:00Z');
  if (
    (
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/petitions/${p1.id}/answer`,
        headers: authHeaders(await loginOfficer(env.app, 'tuphap.p1')),
        payload: { note: 'Trả kết quả trong 01 ngày làm việc.' },
      })
    ).statusCode !== 200
  )
    throw new Error('answer');
  if (
    (
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/petitions/${p1.id}/approve`,
        headers: authHeaders(await loginOfficer(env.app, 'chutich.p1')),
        payload: {},
      })
    ).statusCode !== 200
  )
    throw new Error('approve');
  await settle('B', '2026-03-06T03:00:00Z');
  // the submitter rates P1's answer not satisfied
  if (
    (await env.app.inject({ method: 'POST', url: `/api/v1/petitions/lookup/${p1.code}/rating`, payload: { pin: p1.pin, rating: 'unsatisfied' } }))
      .statusCode !== 200
  )
    throw new Error('petition rating');
  await receive('C', KET_HON, '2026-03-09T01:30:00Z');
  await at('2026-03-09T02:00:00Z');
  await f.act('motcua.p1', ids.C, 'request_supplement', { comment: 'Thiếu giấy tờ', missing: ['Bản sao giấy tờ tùy thân'] });
  await at('2026-03-11T02:00:00Z');
  await f.act('motcua.p1', ids.C, 'supplement');
  await settle('C', '2026-03-11T04:00:00Z');
  await rate('C', 5);
  await receive('G', TRICH_LUC, '2026-03-13T01:30:00Z');
  await settle('G', '2026-03-13T03:30:00Z');
  await receive('E', KET_HON, '2026-03-16T01:30:00Z');
  const g = await env.ctx.db.selectFrom('dossiers').select('code').where('id', '=', ids.G).executeTakeFirstOrThrow();
  await petition({
    subjectKind: 'dossier',
    subjectRef: g.code,
    unitId: DEMO.ubndPhuong1,
    title: 'Hồ sơ trích lục',
    content: 'Tôi phản ánh về việc giải quyết hồ sơ này.',
  });
  await receive('F', KET_HON, '2026-03-18T01:30:00Z');
  await at('2026-03-18T05:00:00Z');
  await drain();
}, 600_000);
afterAll(async () => {
  await gw?.close();
  await sb?.close();
  await env?.close();
});

const get = async (url: string) => env.app.inject({ method: 'GET', url });
const rowsOf = (body: any) => Object.fromEntries(body.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
const score = (payload: unknown) => env.app.inject({ method: 'POST', url: '/api/v1/indicators/score', payload: payload as any });
type Row = [numerator: number | null, denominator: number | null, points: number | null];

/** The catalogue's own records, counted here (not through the indicators module). */
async function catalogueCounts() {
  const { exportRecords } = await import('../catalogue/service');
  const recs = await exportRecords(env.ctx);
  const feeBearing = (r: any) => r.financialObligation || r.fees.some((x: any) => x.amount > 0);
  return {
    total: recs.length,
    online: recs.filter((r) => r.onlineLevel !== 'none').length,
    feeBearing: recs.filter(feeBearing).length,
    citizen: recs.filter((r) => (r.applicants ?? []).includes('citizen')).length,
    fullOnline: new Set(recs.filter((r) => r.onlineLevel === 'full').map((r) => r.code)),
  };
}
/** Units that must offer electronic certified copies (seed 002 §II.4d): communes' people's committees, district justice offices. */
async function certifyingUnits() {
  const { unitTree } = await import('../units/service');
  const { fold } = await import('../../platform/text');
  const all: any[] = [];
  const walk = (n: any) => {
    all.push(n);
    for (const c of n.children ?? []) walk(c);
  };
  const tree: any = await unitTree(env.ctx);
  for (const root of Array.isArray(tree) ? tree : [tree]) walk(root);
  return all.filter(
    (n) =>
      n.kind === 'agency' &&
      ((n.agencyType === 'people_committee' && n.level === 'commune') || (n.level === 'district' && fold(n.name).includes('phong tu phap'))),
  );
}

let nat: any;
let old: any;
let cat: Awaited<ReturnType<typeof catalogueCounts>>;
beforeAll(async () => {
  nat = (await get('/api/v1/indicators?period=2026-03')).json();
  old = (await get('/api/v1/indicators?period=2026-03&method=qd766-2022')).json();
  cat = await catalogueCounts();
});

describe('the dataset, as the facts see it', () => {
  it('V is open past its appointment (16/03) on 18/03; G and V are fee-bearing, V paid online; A unsatisfied, C satisfied; G petitioned', async () => {
    const facts = await env.ctx.db.selectFrom('indicator_dossier_facts').selectAll().execute();
    const by = Object.fromEntries(facts.map((r) => [r.dossier_id, r]));
    expect(facts).toHaveLength(7);
    expect(by[ids.V]).toMatchObject({ channel: 'online', finished_at: null, fee_bearing: true, paid_online: true, population_data: true });
    expect(by[ids.V].due_at?.toISOString()).toBe('2026-03-16T10:00:00.000Z');
    expect([by[ids.A].rating, by[ids.C].rating, by[ids.G].has_petition, by[ids.C].supplement_count]).toEqual(['unsatisfied', 'satisfied', true, 1]);
    expect(cat.fullOnline.has(KET_HON) && cat.fullOnline.has(TRICH_LUC) && cat.fullOnline.has(LLTP)).toBe(true);
  });
});

describe('the national method (dvcqg-2026), every row for the province, March 2026', () => {
  // Population of TDGQ, MDSH and 5.4: the 7 dossiers received in March (all handled in March).
  // On time: A, C (48 h paused subtracted), G closed early; F open within time. Late: B; E and V open past due.
  const expected = (): Record<string, Row> => ({
    PUBLISH_ON_TIME: [1, 2, 3], // X on time, Y late: 1/2 x 6
    PUBLIC_UPDATE_ON_TIME: [1, 2, 2], // 1/2 x 4
    PUBLIC_CONTENT_FULL: [cat.total, cat.total, 2], // every published procedure has parts a-g in the demo catalogue
    DOSSIER_SYNC: [7, 7, 6], // all 7 reached the sandbox portal
    TDGQ: [4, 7, 11.43], // 4/7 x 20 = 11.43
    ONLINE: [1, 7, 1.71], // V is the only online one; all three procedures are full online: 1/7 x 12
    TTTT_PROCEDURE_PAYMENT: [1, 2, 1.25], // LLTP paid online of {trích lục, LLTP}: 0.5 / 0.8 x 2
    TTTT_FEE_INTEGRATION: [2, cat.feeBearing, 0.16], // 2 fee procedures with synced dossiers: 2/31 / 0.8 x 2
    TTTT_DOSSIER_PAYMENT: [1, 2, 3], // V (synced, paid) of G, V: 1/2 x 6
    ORIGINAL_RESULT_AVAILABLE: [4, 7, 3.43], // A, B, C, G have an electronic result: 4/7 x 6
    SO_HOA_GIAY_TO_GIAI_QUYET: [4, 7, 2.29], // the same four, components and result as files: 4/7 x 4
    REUSED_DIGITIZED_DATA: [0, 7, 0],
    ELECTRONIC_CERTIFIED_COPY: [null, null, 2], // no counts: 2/2
    SYNCED_WITH_DVCQG_PERSONAL_STORAGE: [7, 7, 4], // every dossier linked to the applicant's list on the portal
    CITIZEN_DATA_CONNECTED_FORMALITY: [1, cat.citizen, 0.05], // LLTP (V through VNeID) of 43 procedures for citizens: 2/43 = 0.047
    CITIZEN_DATA_CONNECTED_DOSSIER: [1, 7, 0.29], // V: 1/7 x 2
    PETITION_CLASSIFICATION_TTHC: [1, 1, 0], // P1 (answered on time; open ones within time are not counted)
    PETITION_CLASSIFICATION_STAFF: [null, null, null],
    DOSSIER_RECEIVING_SATISFACTION: [2, 7, 1.9], // 7 - late (B, E, V) - unsatisfied (A) - petitioned (G) = C, F: 2/7 / 0.9 x 6 = 1.90
    PETITION_PROCESSING_ON_TIME: [1, 1, 6], // P1 answered on 05/03, due 23/03
    PETITION_HANDLING_SATISFACTION: [0, 1, 0], // P1 rated not satisfied
  });
  it('names the method and its six blocks', () => {
    expect(nat.method.id).toBe('dvcqg-2026');
    expect(nat.groups.map((g: any) => [g.key, g.maxPoints])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['ONLINE', 12],
      ['TTTT', 10],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    expect(cat).toMatchObject({ total: 45, feeBearing: 31, citizen: 43 });
  });
  it('every sub-indicator: numerator, denominator, points', () => {
    const live = rowsOf(nat);
    const want = expected();
    expect(Object.keys(live).sort()).toEqual(Object.keys(want).sort());
    for (const [code, [n, d, p]] of Object.entries(want)) expect([live[code].numerator, live[code].denominator, live[code].points], code).toEqual([n, d, p]);
  });
  it('every block and the total', () => {
    const blocks = Object.fromEntries(nat.groups.map((g: any) => [g.key, g.points]));
    // CKMB 3 + 2 + 2 + 6; TTTT 1.25 + 0.16 + 3; MDSH 3.43 + 2.29 + 0 + 2 + 4 + 0.05 + 0.29; MDHL 0 + 0 + 1.9 + 6 + 0
    expect(blocks).toEqual({ CKMB: 13, TDGQ: 11.43, ONLINE: 1.71, TTTT: 4.41, MDSH: 12.06, MDHL: 7.9 });
    expect(nat.total).toBe(50.51);
  });
});

describe('the first reading (qd766-2022), every row for the province, March 2026', () => {
  const expected = (certifying: number): Record<string, Row> => ({
    '1.1': [1, 2, 3],
    '1.2': [1, 2, 2],
    '1.3': [cat.total, cat.total, 2],
    '1.4': [7, 7, 6],
    '2.1': [4, 7, 11.43],
    '2.2': [2.39, 4, 0], // (0.15 + 2.06 + 0.10 + 0.08) days for A, B, C, G; monitoring, 0 points
    '3.1': [cat.online, cat.total, 2], // 43/45 >= 80 %: full
    '3.2': [1, cat.online, 0.09], // only LLTP had an online dossier: 1/43 x 4
    '3.3': [0, 7, 0], // V's paper certificate has no electronic result yet: not counted (paper result needs an e-result)
    '3.4': [1, 2, 1], // linear here: 1/2 x 2
    '3.5': [2, cat.feeBearing, 0.16],
    '3.6': [1, 2, 3], // paid online, synced or not
    '4.1': [4, 4, 6], // over the 4 closed with a result
    '4.2': [4, 4, 4],
    '4.3': [0, 7, 0],
    '4.4': [0, certifying, 0], // no certified copy issued by any obliged unit
    '4.5': [7, 7, 4],
    '4.6': [1, 3, 0.67], // LLTP of the 3 procedures with dossiers
    '4.7': [1, 7, 0.29],
    '5.1': [1, 1, 0],
    '5.2': [1, 1, 6],
    '5.3': [0, 1, 0],
    '5.4': [1, 4, 1.67], // closed with a result A, B, C, G - B late - A unsatisfied - G petitioned = C: 1/4 / 0.9 x 6
  });
  it('names the method', () => {
    expect(old.method.id).toBe('qd766-2022');
    expect(old.groups.map((g: any) => [g.key, g.maxPoints])).toEqual([
      ['publicity', 18],
      ['progress', 20],
      ['online', 22],
      ['digitization', 22],
      ['satisfaction', 18],
    ]);
  });
  it('every indicator: numerator, denominator, points', async () => {
    const certifying = (await certifyingUnits()).length;
    expect(certifying).toBe(7);
    const live = rowsOf(old);
    const want = expected(certifying);
    expect(Object.keys(live).sort()).toEqual(Object.keys(want).sort());
    for (const [code, [n, d, p]] of Object.entries(want)) expect([live[code].numerator, live[code].denominator, live[code].points], code).toEqual([n, d, p]);
  });
  it('every group and the total', () => {
    const groups = Object.fromEntries(old.groups.map((g: any) => [g.key, g.points]));
    // online 2 + 0.09 + 0 + 1 + 0.16 + 3; digitization 6 + 4 + 0 + 0 + 4 + 0.67 + 0.29; satisfaction 0 + 6 + 0 + 1.67
    expect(groups).toEqual({ publicity: 13, progress: 11.43, online: 6.25, digitization: 14.96, satisfaction: 7.67 });
    expect(old.total).toBe(53.31);
  });
});

describe('POST /api/v1/indicators/score with the same figures gives the live points', () => {
  for (const method of ['dvcqg-2026', 'qd766-2022'] as const) {
    it(method, async () => {
      const body = method === 'dvcqg-2026' ? nat : old;
      const figures: Record<string, { numerator: number | null; denominator: number | null }> = {};
      for (const r of Object.values<any>(rowsOf(body))) if (r.code !== '2.2') figures[r.code] = { numerator: r.numerator, denominator: r.denominator };
      const res = await score({ method, unitKind: 'province', figures });
      expect(res.statusCode, res.body).toBe(200);
      const out = res.json();
      for (const code of Object.keys(figures)) expect(out.metrics[code].points, code).toBe(rowsOf(body)[code].points);
      for (const g of body.groups) expect(out.groups[g.key], g.key).toEqual({ points: g.points, maxPoints: g.maxPoints });
      expect(out.total).toBe(body.total);
    });
  }
});
