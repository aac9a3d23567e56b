/**
 * Figures from facts stored through the module's own upsert (upsertDossierFacts), worked out by
 * hand. The dossier-API-driven test is api.db.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO } from '../units/demo';
import { upsertDossierFacts, type DossierFacts } from './service';

let env: TestEnv;
const T = (s: string) => new Date(s);
const base = (id: string, unitId: string, proc: string, channel: string, receivedAt: string, dueAt: string | null): DossierFacts => ({
  dossierId: id,
  code: id.toUpperCase(),
  unitId,
  receivingUnitId: unitId,
  procedureCode: proc,
  channel,
  state: 'processing',
  receivedAt: T(receivedAt),
  dueAt: dueAt ? T(dueAt) : null,
  finishedAt: null,
  closing: null,
  maxProcessingMs: null,
  supplements: [],
  processingDays: null,
  online: channel === 'online',
  paperResult: true,
  eResult: false,
  digitized: false,
  reused: false,
  linkedToStore: false,
  populationData: false,
  feeBearing: false,
  paidOnline: false,
  synced: false,
  rating: null,
  hasPetition: false,
  sourceVersion: 1,
});
const P1 = DEMO.ubndPhuong1;
const TH = DEMO.ubndTanHoa;
export const DATASET: DossierFacts[] = [
  {
    ...base('d1', P1, 'X.A', 'online', '2025-02-03T02:00:00Z', '2025-02-10T10:00:00Z'),
    finishedAt: T('2025-02-06T02:00:00Z'),
    closing: 'done',
    processingDays: 3,
    synced: true,
    eResult: true,
    digitized: true,
    feeBearing: true,
    paidOnline: true,
    reused: true,
    populationData: true,
  },
  {
    ...base('d2', P1, 'X.A', 'in_person', '2025-02-04T02:00:00Z', '2025-02-11T10:00:00Z'),
    finishedAt: T('2025-02-12T03:00:00Z'),
    closing: 'returned',
    processingDays: 8,
    synced: true,
    feeBearing: true,
  },
  {
    ...base('d3', P1, 'X.B', 'online', '2025-02-05T02:00:00Z', '2025-02-12T10:00:00Z'),
    finishedAt: T('2025-02-14T03:00:00Z'),
    closing: 'done',
    processingDays: 9,
    eResult: true,
    digitized: true,
    supplements: [{ requestedAt: T('2025-02-06T02:00:00Z'), returnedAt: T('2025-02-10T02:00:00Z') }],
  },
  {
    ...base('d4', TH, 'X.B', 'post', '2025-02-10T02:00:00Z', '2025-02-20T10:00:00Z'),
    synced: true,
    supplements: [
      { requestedAt: T('2025-02-11T02:00:00Z'), returnedAt: T('2025-02-12T02:00:00Z') },
      { requestedAt: T('2025-02-13T02:00:00Z'), returnedAt: null },
    ],
  },
  { ...base('d5', TH, 'X.C', 'in_person', '2025-01-20T02:00:00Z', '2025-02-05T10:00:00Z') },
  {
    ...base('d6', TH, 'X.C', 'in_person', '2025-01-10T02:00:00Z', '2025-01-25T10:00:00Z'),
    finishedAt: T('2025-01-20T02:00:00Z'),
    closing: 'returned',
    processingDays: 7,
  },
  {
    ...base('d7', TH, 'X.A', 'online', '2025-02-20T02:00:00Z', '2025-03-05T10:00:00Z'),
    paperResult: false,
    synced: true,
    feeBearing: true,
    paidOnline: true,
    linkedToStore: true,
    supplements: [{ requestedAt: T('2025-02-25T02:00:00Z'), returnedAt: null }],
  },
];

beforeAll(async () => {
  env = await createTestEnv({ now: '2025-03-10T02:00:00Z' });
  for (const f of DATASET) await upsertDossierFacts(env.ctx, f);
});
afterAll(async () => env?.close());

const get = async (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const ind = (body: any, key: string) => body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.key === key);

describe('the index of February 2025 for the province, by hand', () => {
  let body: any;
  beforeAll(async () => {
    const res = await get(`/api/v1/indicators?unit=${DEMO.province}&period=2025-02`);
    expect(res.statusCode).toBe(200);
    body = res.json();
  });
  it('answers the documented shape', () => {
    expect(body.period).toBe('2025-02');
    expect(body.unit.id).toBe(DEMO.province);
    expect(body.groups.map((g: any) => g.key)).toEqual(['publicity', 'progress', 'online', 'digitization', 'satisfaction']);
    expect(body.groups.map((g: any) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
    expect(body.groups[1].name).toBe('Tiến độ, kết quả giải quyết');
  });
  it('1.4 synced: d1 d2 d4 d7 of the 5 received in February', () =>
    expect(ind(body, 'syncedDossiers')).toMatchObject({ numerator: 4, denominator: 5, value: 0.8, points: 4.8 }));
  it('2.1 on time: d1, d3 (4 days of supplement subtracted), d7 (pending supplement) of 6 handled (d5 from January, still open and late; d4 two supplements)', () =>
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 3, denominator: 6, value: 0.5, points: 10 }));
  it('2.2 average time: (3 + 8 + 9) / 3 days, no points', () =>
    expect(ind(body, 'averageTime')).toMatchObject({ numerator: 20, denominator: 3, value: 6.67, points: 0, maxPoints: 0 }));
  it('3.3 online: d1 d3 d7 of 5 x sync ratio 0.8 = 0.48 -> 0.48 x 6 / 0.5', () =>
    expect(ind(body, 'onlineDossiers')).toMatchObject({ numerator: 3, denominator: 5, value: 0.48, points: 5.76 }));
  it('3.4 procedures paid online: X.A of the fee-bearing X.A', () =>
    expect(ind(body, 'proceduresPaidOnline')).toMatchObject({ numerator: 1, denominator: 1, value: 1, points: 2 }));
  it('3.6 paid online: d1 d7 of d1 d2 d7', () => expect(ind(body, 'paidOnline')).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, points: 4 }));
  it('4.1 electronic results: d1 d3 of d1 d2 d3 closed in February', () =>
    expect(ind(body, 'electronicResults')).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, points: 4 }));
  it('4.2 digitized: 2 of 3 -> 0.6667 x 4 / 0.8', () => expect(ind(body, 'digitized')).toMatchObject({ numerator: 2, denominator: 3, points: 3.33 }));
  it('4.3 reused: d1 of 5 -> 0.2 x 2 / 0.8', () => expect(ind(body, 'reused')).toMatchObject({ numerator: 1, denominator: 5, value: 0.2, points: 0.5 }));
  it('4.5 linked to the store: d7 of 5', () => expect(ind(body, 'linkedToStore')).toMatchObject({ numerator: 1, denominator: 5, value: 0.2, points: 0.8 }));
  it('4.6 / 4.7 population data: procedure X.A of X.A, X.B; dossier d1 of 5', () => {
    expect(ind(body, 'populationProcedures')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5, points: 1 });
    expect(ind(body, 'populationDossiers')).toMatchObject({ numerator: 1, denominator: 5, value: 0.2, points: 0.4 });
  });
  it('inputs that do not exist yet are no data, never a number', () => {
    for (const k of ['petitionsOnTime', 'petitionSatisfaction']) expect(ind(body, k)).toMatchObject({ value: null, points: null });
    // 4.4: the communes' people's committees of the demo province, none issued an electronic certified copy
    expect(ind(body, 'certifiedCopies')).toMatchObject({ numerator: 0, value: 0, points: 0 });
    expect(ind(body, 'certifiedCopies').denominator).toBeGreaterThanOrEqual(6);
  });
  it('5.4 from the facts: d1 d2 d3 have a result in February, d2 late, none rated or petitioned -> 2/3 -> 0.6667 x 6 / 0.9', () =>
    expect(ind(body, 'dossierSatisfaction')).toMatchObject({ numerator: 2, denominator: 3, value: 0.6667, points: 4.44 }));
  it('English names on request', async () => {
    const en = (await get(`/api/v1/indicators?unit=${DEMO.province}&period=2025-02`, { 'accept-language': 'en' })).json();
    expect(en.groups[1].name).toBe('Progress and results of processing');
  });
});

describe('units include the units below them', () => {
  it("Phường I (commune) counts d1-d3 of its people's committee", async () => {
    const body = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2025-02`)).json();
    expect(ind(body, 'syncedDossiers')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 2, denominator: 3 });
  });
  it('a unit without dossiers has no data for dossier indicators', async () => {
    const body = (await get(`/api/v1/indicators?unit=${DEMO.nhonNghiaA}&period=2025-02`)).json();
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 0, denominator: 0, value: null, points: null });
  });
  it('January: d5 d6 received; d6 on time, d5 still open and not yet due at the end of January', async () => {
    const body = (await get(`/api/v1/indicators?unit=${DEMO.province}&period=2025-01`)).json();
    expect(ind(body, 'onTimeRate')).toMatchObject({ numerator: 2, denominator: 2 });
  });
});

describe('refusals', () => {
  it('a malformed period is refused in Vietnamese and English', async () => {
    const vi = await get(`/api/v1/indicators?unit=${DEMO.province}&period=2025-13`);
    expect(vi.statusCode).toBe(400);
    expect(vi.json().message).toContain('không hợp lệ');
    const en = await get(`/api/v1/indicators?unit=${DEMO.province}&period=2025-13`, { 'accept-language': 'en' });
    expect(en.json().message).toContain('not valid');
  });
  it('an unknown unit is 404', async () => expect((await get('/api/v1/indicators?unit=khong-co&period=2025-02')).statusCode).toBe(404));
  it('drill-down needs a monitor, leader or admin', async () => {
    expect((await get(`/api/v1/indicators/onTimeRate/records?period=2025-02`)).statusCode).toBe(401);
  });
});

describe('drill-down, rankings, targets, exports (as the demo monitor)', () => {
  let h: Record<string, string>;
  beforeAll(async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    h = authHeaders(await loginOfficer(env.app, 'giamsat'));
  });
  it('lists the late dossiers of February with their causes and links', async () => {
    const res = await get(`/api/v1/indicators/onTimeRate/records?unit=${DEMO.province}&period=2025-02`, h);
    expect(res.statusCode).toBe(200);
    const recs = res.json().records;
    expect(recs.map((r: any) => r.id).sort()).toEqual(['d2', 'd4', 'd5']);
    expect(recs.find((r: any) => r.id === 'd4').reason).toBe('multipleSupplements');
    expect(recs[0].href).toContain('/ho-so/');
  });
  it('lists the unsynced and the unpaid fee-bearing dossiers', async () => {
    expect((await get(`/api/v1/indicators/syncedDossiers/records?period=2025-02`, h)).json().records.map((r: any) => r.id)).toEqual(['d3']);
    expect((await get(`/api/v1/indicators/paidOnline/records?period=2025-02`, h)).json().records.map((r: any) => r.id)).toEqual(['d2']);
    expect((await get(`/api/v1/indicators/electronicResults/records?period=2025-02`, h)).json().records.map((r: any) => r.id)).toEqual(['d2']);
  });
  it('an unknown indicator is refused', async () => expect((await get(`/api/v1/indicators/khong/records?period=2025-02`, h)).statusCode).toBe(400));
  it('ranks communes with the change since last month', async () => {
    const res = await get(`/api/v1/indicators/rankings?month=2025-02&group=commune`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows;
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[0].rank).toBe(1);
    for (let i = 1; i < rows.length; i++) expect(rows[i].total).toBeLessThanOrEqual(rows[i - 1].total);
    const p1 = rows.find((r: any) => r.unitId === DEMO.phuong1);
    expect(p1.totalChange).toBe(Math.round((p1.total - p1.previousTotal) * 100) / 100);
  });
  it('shows progress against the 2024 targets with units below target first', async () => {
    const res = await get(`/api/v1/indicators/targets?year=2023`, h);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows;
    expect(rows.length).toBeGreaterThan(10);
    const firstNoData = rows.findIndex((r: any) => r.met === null);
    const lastBelow = rows.map((r: any) => r.met).lastIndexOf(false);
    expect(lastBelow).toBeLessThan(firstNoData === -1 ? Infinity : firstNoData);
  });
  it('computes the quarterly statistics of the province for 2025', async () => {
    await env.ctx.db
      .insertInto('indicator_targets')
      .values({
        id: 't-2025-ontime',
        plan: 'test',
        year: 2025,
        unit_id: DEMO.province,
        seq: 1,
        section: 'IV',
        name: 'Đúng hạn',
        indicator_key: 'onTimeRate',
        level: null,
        target: 95,
        unit_of_measure: '%',
        basis: null,
      })
      .execute();
    const res = await get(`/api/v1/indicators/targets/quarterly?year=2025`, h);
    const row = res.json().rows.find((r: any) => r.indicatorKey === 'onTimeRate');
    // Q1 to date (10 March): handled d1-d5, d7 (d6 closed in January also counts in the quarter): on time d1 d3 d6 d7 = 4 of 7
    expect(row.quarters[0]).toBe(57.14);
    expect(row.quarters[1]).toBeNull();
  });
  it('exports the quarterly report as a workbook and a PDF', async () => {
    const x = await get(`/api/v1/indicators/report?year=2025&quarter=1&format=xlsx`, h);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Bộ chỉ số 766']);
    expect(String(wb.worksheets[0].getCell('A1').value)).toContain('QUÝ 1 NĂM 2025');
    const cells = wb.worksheets[0]
      .getColumn(1)
      .values.filter((v) => v != null)
      .map(String);
    expect(cells.find((v) => v.startsWith('Lập lúc'))).toMatch(/^Lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const p = await get(`/api/v1/indicators/report?year=2025&quarter=1&format=pdf`, h);
    expect(p.statusCode).toBe(200);
    expect(p.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The committee in the header is the province of the quarter's last day: Hậu Giang before the merger, Cần Thơ after.
    const { execFileSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    const textOf = (buf: Buffer, name: string) => {
      writeFileSync(join(dir, name), buf);
      return execFileSync('pdftotext', ['-layout', join(dir, name), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    };
    const before = textOf(p.rawPayload, 'q1.pdf');
    expect(before).toContain('UBND TỈNH HẬU GIANG');
    expect(before).not.toContain('CẦN THƠ');
    const q3 = await get(`/api/v1/indicators/report?year=2025&quarter=3&format=pdf`, h);
    expect(q3.statusCode).toBe(200);
    const after = textOf(q3.rawPayload, 'q3.pdf');
    expect(after).toContain('UBND THÀNH PHỐ CẦN THƠ');
    expect(after).not.toContain('UBND TỈNH HẬU GIANG');
  });
  it('an officer without a watching role may not drill down', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const r = await get(`/api/v1/indicators/onTimeRate/records?period=2025-02`, authHeaders(await loginOfficer(env.app, 'motcua.p1')));
    expect(r.statusCode).toBe(403);
  });
  it('only an administrator changes points; the change applies at once', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const body = { maxPoints: 20, threshold: 0.5, enabled: true };
    const refused = await env.app.inject({ method: 'PUT', url: '/api/v1/indicators/settings/onTimeRate', headers: h, payload: body });
    expect(refused.statusCode).toBe(403);
    const admin = authHeaders(await loginOfficer(env.app, 'admin'));
    const ok = await env.app.inject({ method: 'PUT', url: '/api/v1/indicators/settings/onTimeRate', headers: admin, payload: body });
    expect(ok.statusCode).toBe(200);
    const res = (await get(`/api/v1/indicators?period=2025-02`)).json();
    expect(ind(res, 'onTimeRate').points).toBe(20); // 0.5 reaches the new threshold
    await env.app.inject({
      method: 'PUT',
      url: '/api/v1/indicators/settings/onTimeRate',
      headers: admin,
      payload: { maxPoints: 20, threshold: null, enabled: true },
    });
  });
});

describe('screens', () => {
  const html = { accept: 'text/html' };
  it('the dashboard needs a monitor, leader or admin', async () => {
    expect((await get('/chi-so', html)).statusCode).toBe(401);
  });
  it('shows the province with every indicator, a server-rendered SVG trend and its units', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const h = { ...authHeaders(await loginOfficer(env.app, 'giamsat')), ...html };
    const res = await get(`/chi-so?period=2025-02`, h);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn');
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('href="/chi-so/chi-tiet/onTimeRate?unit=hg&amp;period=2025-02"');
    const drill = await get(`/chi-so/chi-tiet/onTimeRate?unit=hg&period=2025-02`, h);
    expect(drill.statusCode).toBe(200);
    expect(drill.body).toContain('D2');
    expect(drill.body).toContain('Yêu cầu bổ sung nhiều lần');
    const unitPage = await get(`/chi-so?unit=${DEMO.phuong1}&period=2025-02`, h);
    expect(unitPage.statusCode).toBe(200);
    expect((await get(`/chi-so/chi-tieu?year=2023`, h)).statusCode).toBe(200);
  });
  it("the public page shows each unit's monthly results without logging in, in English on request", async () => {
    const res = await get('/cong-khai/chi-so?month=2025-02', html);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Công khai kết quả');
    expect(res.body).toContain('<svg');
    const en = await get('/cong-khai/chi-so?month=2025-02&lang=en', html);
    expect(en.body).toContain('Public disclosure');
  });
});

describe('administration and the API document', () => {
  it('an administrator edits points and bands through the form; others may not', async () => {
    const { loginOfficer, authHeaders } = await import('../../test/login');
    const s = await loginOfficer(env.app, 'admin');
    const h = { ...authHeaders(s), accept: 'text/html' };
    const page = await get('/chi-so/cau-hinh', h);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Cấu hình điểm, ngưỡng');
    const form = (o: Record<string, string>) => new URLSearchParams({ _csrf: s.csrf, ...o }).toString();
    const post = (url: string, payload: string, headers: Record<string, string>) =>
      env.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload });
    const ok = await post('/chi-so/cau-hinh', form({ key: 'reused', maxPoints: '3', threshold: '50', enabled: 'on' }), h);
    expect(ok.statusCode).toBe(303);
    const settings = (await get('/api/v1/indicators/settings', authHeaders(s))).json().settings;
    expect(settings.find((x: any) => x.key === 'reused')).toMatchObject({ maxPoints: 3, threshold: 0.5, enabled: true });
    const bad = await post('/chi-so/cau-hinh', form({ key: 'reused', maxPoints: '-1', threshold: '', enabled: 'on' }), { ...h, accept: 'application/json' });
    expect(bad.statusCode).toBe(400);
    await post('/chi-so/cau-hinh', form({ key: 'reused', maxPoints: '2', threshold: '80', enabled: 'on' }), h);
    const g = await loginOfficer(env.app, 'giamsat');
    const refused = await post(
      '/chi-so/cau-hinh',
      new URLSearchParams({ _csrf: g.csrf, key: 'reused', maxPoints: '9', threshold: '', enabled: 'on' }).toString(),
      authHeaders(g),
    );
    expect(refused.statusCode).toBe(403);
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'indicator_setting')
      .where('entity_id', '=', 'reused')
      .execute();
    expect(audit.length).toBe(2);
  });
  it('lists the indicator endpoints in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    for (const p of [
      '/api/v1/indicators',
      '/api/v1/indicators/{key}/records',
      '/api/v1/indicators/rankings',
      '/api/v1/indicators/targets',
      '/api/v1/indicators/report',
    ])
      expect(doc.paths[p], p).toBeDefined();
    expect(doc.paths['/api/v1/indicators'].get.responses['200'].content['application/json'].schema.properties.groups).toBeDefined();
  });
});
