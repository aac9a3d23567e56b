/**
 * The national method (dvcqg-2026) and the first reading (qd766-2022) on the same dossiers, driven
 * through the dossiers HTTP API; POST /api/v1/indicators/score fed the live figures gives the
 * live points for every row (same pure functions). Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { DEMO } from '../units/demo';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { Flow } from './test-api-flow';

let env: TestEnv;
let sb: Sandboxes;
let f: Flow;
const ids: Record<string, string> = {};
const KET_HON = '1.000894'; // 1 working day, no fee
const TRICH_LUC = '2.000635'; // 1 working day, fee 8,000 VND

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
async function settle(name: string, when: string) {
  await at(when);
  const id = ids[name];
  await f.act('tuphap.p1', id, 'forward');
  await f.file('chutich.p1', id, 'result');
  await f.act('chutich.p1', id, 'approve');
  await drain();
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-02T01:30:00Z' });
  sb = await startTestSandboxes(env, join(mkdtempSync(join(tmpdir(), 'ind-m-')), 'portal.json'));
  f = new Flow(env);
  await receive('A', KET_HON, '2026-03-02T01:30:00Z'); // due 03-03 10:00Z
  await settle('A', '2026-03-02T05:00:00Z'); // early
  await receive('B', KET_HON, '2026-03-04T01:30:00Z'); // due 03-05 10:00Z
  await settle('B', '2026-03-06T03:00:00Z'); // late
  await receive('G', TRICH_LUC, '2026-03-13T01:30:00Z');
  await settle('G', '2026-03-13T03:30:00Z'); // early, fee-bearing
  await receive('E', KET_HON, '2026-03-16T01:30:00Z'); // due 03-17 10:00Z, open on 03-18: late
  await receive('F', KET_HON, '2026-03-18T01:30:00Z'); // due 03-19 10:00Z, open: on time so far
  await at('2026-03-18T05:00:00Z');
  await drain();
}, 300_000);
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

const get = async (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const rows = (body: any) => Object.fromEntries(body.groups.flatMap((g: any) => g.indicators).map((i: any) => [i.code, i]));
const score = (payload: unknown, headers: Record<string, string> = {}) =>
  env.app.inject({ method: 'POST', url: '/api/v1/indicators/score', payload: payload as any, headers });

describe('March 2026 for Phường I under both methods', () => {
  let nat: any;
  let old: any;
  let prov: any;
  beforeAll(async () => {
    nat = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03`)).json();
    old = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03&method=qd766-2022`)).json();
    prov = (await get(`/api/v1/indicators?period=2026-03`)).json();
  });

  it('the method in force on 1 March 2026 is the default and the answer names it', () => {
    expect(nat.method).toMatchObject({ id: 'dvcqg-2026', name: 'Cách tính của Cổng Dịch vụ công quốc gia (2026)', effectiveFrom: '2026-01-01' });
    expect(old.method.id).toBe('qd766-2022');
    expect(nat.groups.map((g: any) => [g.key, g.maxPoints])).toEqual([
      ['CKMB', 18],
      ['TDGQ', 20],
      ['ONLINE', 12],
      ['TTTT', 10],
      ['MDSH', 22],
      ['MDHL', 18],
    ]);
    expect(old.groups.map((g: any) => g.key)).toEqual(['publicity', 'progress', 'online', 'digitization', 'satisfaction']);
  });

  it('TDGQ counts the open dossiers (A, G early, F within time; B, E late): 3/5 under both methods', () => {
    expect(rows(nat).TDGQ).toMatchObject({ numerator: 3, denominator: 5, points: 12 });
    expect(rows(old)['2.1']).toMatchObject({ numerator: 3, denominator: 5, points: 12 });
  });

  it('dossier satisfaction: the portal counts the open late dossier E against it (3/5), the first reading only closed ones (2/3)', () => {
    expect(rows(nat).DOSSIER_RECEIVING_SATISFACTION).toMatchObject({ numerator: 3, denominator: 5, points: 4 });
    expect(rows(old)['5.4']).toMatchObject({ numerator: 2, denominator: 3, points: 4.44 });
  });

  it("digitisation rows divide by TDGQ's population (5) nationally, by dossiers closed with a result (3) in the first reading", () => {
    for (const c of ['ORIGINAL_RESULT_AVAILABLE', 'SO_HOA_GIAY_TO_GIAI_QUYET', 'CITIZEN_DATA_CONNECTED_DOSSIER']) expect(rows(nat)[c].denominator, c).toBe(5);
    expect(rows(old)['4.2'].denominator).toBe(3);
    expect(rows(old)['4.3'].denominator).toBe(5); // received in March
  });

  it('no petitions: full points nationally, no data in the first reading', () => {
    expect(rows(nat).PETITION_PROCESSING_ON_TIME).toMatchObject({ numerator: 0, denominator: 0, points: 6, maxPoints: 6 });
    expect(rows(nat).PETITION_HANDLING_SATISFACTION).toMatchObject({ points: 6, noData: 'Không phát sinh trong kỳ: được điểm tối đa (cách tính của Cổng)' });
    expect(rows(old)['5.2'].points).toBeNull();
    expect(rows(old)['5.3'].points).toBeNull();
  });

  it('certified copies: 2/2 nationally without counts', () =>
    expect(rows(nat).ELECTRONIC_CERTIFIED_COPY).toMatchObject({ numerator: null, denominator: null, points: 2 }));

  it("the CKMB rows show the province's figures for the commune", () => {
    for (const c of ['PUBLISH_ON_TIME', 'PUBLIC_UPDATE_ON_TIME', 'PUBLIC_CONTENT_FULL', 'DOSSIER_SYNC']) {
      expect([rows(nat)[c].numerator, rows(nat)[c].denominator, rows(nat)[c].points], c).toEqual([
        rows(prov)[c].numerator,
        rows(prov)[c].denominator,
        rows(prov)[c].points,
      ]);
    }
  });

  it('the live figures scored by POST /api/v1/indicators/score give the live points, row by row, under both methods', async () => {
    for (const [body, method] of [
      [nat, 'dvcqg-2026'],
      [old, 'qd766-2022'],
    ] as const) {
      const figures: Record<string, { numerator: number | null; denominator: number | null }> = {};
      for (const r of Object.values<any>(rows(body)))
        if (r.key !== 'averageTime' && r.code !== '2.2' && r.numerator != null && r.denominator != null && r.numerator <= r.denominator)
          figures[r.code] = { numerator: r.numerator, denominator: r.denominator };
      // 3.3's live ratio is multiplied by the sync ratio: give the product as a figure only when it is exact
      delete figures['3.3'];
      const res = await score({ method, figures });
      expect(res.statusCode).toBe(200);
      const out = res.json();
      for (const code of Object.keys(figures)) expect(out.metrics[code].points, `${method} ${code}`).toBe(rows(body)[code].points);
      if (method === 'dvcqg-2026') {
        expect(out.total).toBe(nat.total);
        for (const g of nat.groups) expect(out.groups[g.key], g.key).toEqual({ points: g.points, maxPoints: g.maxPoints });
      }
    }
  });
});

describe('POST /api/v1/indicators/score', () => {
  it('scores the published unit figures as the portal did', async () => {
    const res = await score({
      at: '2026-06-30',
      figures: {
        TDGQ: { numerator: 653, denominator: 654 },
        ORIGINAL_RESULT_AVAILABLE: { numerator: 610, denominator: 654 },
        PUBLISH_ON_TIME: { numerator: 1, denominator: 47 },
        PUBLIC_UPDATE_ON_TIME: { numerator: 43, denominator: 47 },
        PETITION_PROCESSING_ON_TIME: { numerator: 0, denominator: 0 },
        PETITION_HANDLING_SATISFACTION: { numerator: 0, denominator: 0 },
      },
    });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.method).toBe('dvcqg-2026');
    expect(b.metrics.TDGQ).toEqual({ points: 19.97, maxPoints: 20, value: 0.9985 });
    expect(b.metrics.ORIGINAL_RESULT_AVAILABLE.points).toBe(5.6);
    expect(b.metrics.PUBLISH_ON_TIME.points).toBe(0.13);
    expect(b.metrics.PUBLIC_UPDATE_ON_TIME.points).toBe(3.66);
    expect(b.metrics.PETITION_PROCESSING_ON_TIME.points).toBe(6);
    expect(b.metrics.ELECTRONIC_CERTIFIED_COPY.points).toBe(2);
    expect(b.metrics.DOSSIER_SYNC.points).toBeNull();
    expect(b.groups.MDHL).toEqual({ points: 12, maxPoints: 18 });
    expect(b.total).toBe(round(19.97 + 5.6 + 0.13 + 3.66 + 12 + 2));
  });
  it('picks the method in force on `at`, or the one asked for', async () => {
    expect((await score({ at: '2025-03-01', figures: { '2.1': { numerator: 1, denominator: 2 } } })).json()).toMatchObject({
      method: 'qd766-2022',
      metrics: { '2.1': { points: 10 } },
    });
    expect((await score({ method: 'qd766-2022', unitKind: 'commune', figures: { '4.2': { numerator: 58, denominator: 100 } } })).json()).toMatchObject({
      unitKind: 'commune',
      metrics: { '4.2': { points: 2.9 } },
    });
    expect(
      (await score({ method: 'dvcqg-2026', figures: { SO_HOA_GIAY_TO_GIAI_QUYET: { numerator: 58, denominator: 100 } } })).json().metrics
        .SO_HOA_GIAY_TO_GIAI_QUYET.points,
    ).toBe(2.32);
  });
  it('is public and in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/indicators/score'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/indicators/methods'].get).toBeDefined();
  });
  const bad = async (payload: unknown, field: string, lang?: string) => {
    const res = await score(payload, lang ? { 'accept-language': lang } : {});
    expect(res.statusCode).toBe(400);
    const b = res.json();
    expect(b.fields.map((x: any) => x.field)).toContain(field);
    return b.fields.find((x: any) => x.field === field).message as string;
  };
  it('refuses a numerator over its denominator, a negative count, an unknown code or method, naming the field', async () => {
    expect(await bad({ figures: { TDGQ: { numerator: 5, denominator: 4 } } }, 'figures.TDGQ.numerator')).toBe('Tử số (5) lớn hơn mẫu số (4).');
    expect(await bad({ figures: { TDGQ: { numerator: 5, denominator: 4 } } }, 'figures.TDGQ.numerator', 'en')).toBe(
      'The numerator (5) is larger than the denominator (4).',
    );
    expect(await bad({ figures: { TDGQ: { numerator: -1, denominator: 4 } } }, 'figures.TDGQ.numerator')).toBe('Số đếm không được âm.');
    expect(await bad({ figures: { TDGQ: { numerator: 1, denominator: -4 } } }, 'figures.TDGQ.denominator')).toBe('Số đếm không được âm.');
    expect(await bad({ figures: { TDGQ: { numerator: 1.5, denominator: 4 } } }, 'figures.TDGQ.numerator')).toBe('Số đếm phải là số nguyên.');
    expect(await bad({ figures: { KHONG_CO: { numerator: 1, denominator: 4 } } }, 'figures.KHONG_CO')).toBe(
      'Không có chỉ số "KHONG_CO" trong phương pháp dvcqg-2026.',
    );
    expect(await bad({ method: 'qd766-2022', figures: { TDGQ: { numerator: 1, denominator: 4 } } }, 'figures.TDGQ')).toContain('qd766-2022');
    expect(await bad({ method: 'khong-co', figures: {} }, 'method')).toBe('Không có phương pháp tính "khong-co".');
    expect(await bad({ method: 'khong-co', figures: {} }, 'method', 'en')).toBe('There is no scoring method "khong-co".');
    await bad({ figures: { TDGQ: { numerator: 'a', denominator: 4 } } }, 'figures.TDGQ.numerator');
    await bad({}, 'figures');
  });
});

describe('points at stake', () => {
  it('lists the open dossier F (due 19/03 17:00) only when it falls due within the window, with the points it would cost', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const h = authHeaders(await loginOfficer(env.app, 'giamsat'));
    const near = (await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}&hours=2`, h)).json();
    expect(near).toMatchObject({ method: 'dvcqg-2026', period: '2026-03', hours: 2, dossiers: [], total: 0 });
    const wide = (await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}&hours=16`, h)).json();
    expect(wide.dossiers).toHaveLength(1);
    // TDGQ 3/5 -> 2/5: 12 -> 8; satisfaction 3/5 -> 2/5: 4 -> 2.67
    expect(wide.dossiers[0]).toMatchObject({ dossierId: ids.F, points: 5.33, byCode: { TDGQ: 4, DOSSIER_RECEIVING_SATISFACTION: 1.33 } });
    expect(wide.total).toBe(5.33);
    expect((await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`, h)).json().hours).toBe(8);
    // the window is a setting (indicator_options.alertHours); the dashboard lists what is at stake
    await env.ctx.db
      .insertInto('indicator_options')
      .values({ key: 'alertHours', value: '16' } as any)
      .execute();
    expect((await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`, h)).json()).toMatchObject({ hours: 16, total: 5.33 });
    const dash = await get(`/chi-so?unit=${DEMO.phuong1}&period=2026-03`, { ...h, accept: 'text/html' });
    expect(dash.body).toContain('Hồ sơ sắp quá hạn trong 16 giờ làm việc tới');
    expect(dash.body).toContain('Nếu các hồ sơ này quá hạn, đơn vị mất 5.33 điểm trong kỳ 2026-03');
    expect(dash.body).toContain('−5.33');
    await env.ctx.db.deleteFrom('indicator_options').where('key', '=', 'alertHours').execute();
    expect((await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`)).statusCode).toBe(401);
    expect((await get(`/api/v1/indicators/at-stake?unit=${DEMO.phuong1}&hours=-1`, h)).statusCode).toBe(400);
  });
});

describe('screens under the national method', () => {
  const html = { accept: 'text/html' };
  it('the dashboard and the public page say which method the points follow and show its six blocks', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const h = { ...authHeaders(await loginOfficer(env.app, 'giamsat')), ...html };
    const dash = await get(`/chi-so?unit=${DEMO.phuong1}&period=2026-03`, h);
    expect(dash.statusCode).toBe(200);
    expect(dash.body).toContain('Điểm tính theo: Cách tính của Cổng Dịch vụ công quốc gia (2026), áp dụng từ 01/01/2026.');
    // The row leads with its name (a drill-down link) and shows the portal's code as a small second line.
    expect(dash.body).toContain(
      `<a href="/chi-so/chi-tiet/onTimeRate?unit=${DEMO.phuong1}&amp;period=2026-03">Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn</a><br/><small class="hint indicator-code">TDGQ</small>`,
    );
    expect(dash.body).toContain('/chi-so/thu-tinh?unit=');
    const pub = await get('/cong-khai/chi-so?month=2026-03', html);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Thanh toán trực tuyến');
    expect(pub.body).toContain('áp dụng từ 01/01/2026');
    // The month is chosen from a list in Vietnamese form, not a browser month picker shown in the browser's locale.
    expect(pub.body).toMatch(/<option value="2026-03" selected[^>]*>Tháng 03\/2026<\/option>/);
    expect(pub.body).not.toContain('type="month"');
    const old = await get('/cong-khai/chi-so?month=2025-02', html);
    expect(old.body).toContain('Cách đọc Quyết định 766 năm 2022 (lưu lịch sử), áp dụng từ 23/06/2022');
  });
  it('"what if": the form starts from the live figures; a changed figure re-renders the points; a bad one is refused with its message', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const s = await loginOfficer(env.app, 'giamsat');
    const h = { ...authHeaders(s), ...html };
    const page = await get(`/chi-so/thu-tinh?unit=${DEMO.phuong1}&period=2026-03`, h);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="n_TDGQ" inputmode="numeric" size="6" value="3"');
    const post = (o: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/chi-so/thu-tinh',
        headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: s.csrf, unit: DEMO.phuong1, period: '2026-03', ...o }).toString(),
      });
    const live = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2026-03`)).json();
    const ok = await post({ n_TDGQ: '5', d_TDGQ: '5' });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('20 / 20');
    // only TDGQ given: the other rows are no data except those the rule scores full without counts
    const apiSame = (await score({ method: 'dvcqg-2026', figures: { TDGQ: { numerator: 5, denominator: 5 } } })).json();
    expect(ok.body).toContain(`Tổng điểm nếu áp dụng số liệu trên: ${apiSame.total}/100 (hiện tại ${live.total}).`);
    const bad = await post({ n_TDGQ: '6', d_TDGQ: '5' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Tử số (6) lớn hơn mẫu số (5).');
    expect(bad.body).toContain('aria-invalid="true"');
    expect((await env.app.inject({ method: 'GET', url: '/chi-so/thu-tinh', headers: html })).statusCode).toBe(401);
  });
});

const round = (x: number) => Math.round(x * 100) / 100;
