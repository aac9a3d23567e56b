/**
 * Drill-down of 5.2 / 5.3 through HTTP on a real database: the petitions that cost a unit points
 * (answered late, still open past due, rated not satisfied, re-raised), read through the feedback
 * service, with links to their back-office pages; a unit never sees another unit's petitions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer } from '../../test/login';
import { DEMO } from '../units/demo';

let env: TestEnv;
let lateId = '';
let lateCode = '';

const post = async (url: string, payload: unknown, user?: string) =>
  env.app.inject({ method: 'POST', url, headers: user ? authHeaders(await loginOfficer(env.app, user)) : {}, payload: payload as any });
const get = async (url: string, user = 'giamsat') => env.app.inject({ method: 'GET', url, headers: authHeaders(await loginOfficer(env.app, user)) });
const ind = (body: any, key: string) => body.groups.flatMap((g: any) => g.indicators).find((i: any) => i.key === key);

beforeAll(async () => {
  // Monday 3 March 2025, 09:00 VN: the demo seed submits one petition to Phường I and one to Tân Hòa (both stay open).
  env = await createTestEnv({ now: '2025-03-03T02:00:00Z' });
  const res = await post('/api/v1/petitions', {
    subjectKind: 'unit',
    unitId: DEMO.ubndPhuong1,
    title: 'Chậm trả kết quả khai sinh',
    content: 'Hồ sơ khai sinh của con tôi đã quá hẹn mà chưa có kết quả.',
    contactName: 'Nguyễn Văn An',
    contactPhone: '0912345678',
    consentPublish: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  ({ id: lateId, code: lateCode } = res.json());
  // Due 15 working days later (24 March); answered and approved on 10 April: handled late, in April.
  env.clock.set('2025-04-10T03:00:00Z');
  expect((await post(`/api/v1/petitions/${lateId}/answer`, { note: 'UBND phường đã trả kết quả ngày 9/4/2025.' }, 'tuphap.p1')).statusCode).toBe(200);
  const ok = await post(`/api/v1/petitions/${lateId}/approve`, {}, 'chutich.p1');
  expect(ok.json()).toMatchObject({ state: 'closed', timeliness: 'late' });
  env.clock.set('2025-04-15T03:00:00Z');
}, 120_000);
afterAll(async () => env?.close());

describe('5.2 / 5.3 drill-down (April 2025)', () => {
  it("Phường I's 5.2 lists the late petition (and the seed's, open past due) with back-office links; the figure agrees", async () => {
    const res = await get(`/api/v1/indicators/petitionsOnTime/records?unit=${DEMO.phuong1}&period=2025-04`);
    expect(res.statusCode, res.body).toBe(200);
    const recs = res.json().records;
    const late = recs.find((r: any) => r.id === lateId);
    expect(late).toMatchObject({
      kind: 'petition',
      code: lateCode,
      unitId: DEMO.ubndPhuong1,
      reason: 'petitionLate',
      reasonText: 'Phản ánh, kiến nghị xử lý quá hạn',
      href: `/quan-tri/phan-anh/${lateId}`,
    });
    expect(late.finishedAt).toBe('2025-04-10T03:00:00.000Z');
    expect(recs).toHaveLength(2);
    expect(recs.find((r: any) => r.id !== lateId)).toMatchObject({ reason: 'petitionOverdue', finishedAt: null });
    // 2 petitions counted in April, none on time: the records are exactly what costs the points.
    const body = (await get(`/api/v1/indicators?unit=${DEMO.phuong1}&period=2025-04`)).json();
    expect(ind(body, 'petitionsOnTime')).toMatchObject({ numerator: 0, denominator: 2, points: 0 });
  });

  it('5.3 lists the same two (late / overdue cost satisfaction too)', async () => {
    const recs = (await get(`/api/v1/indicators/petitionSatisfaction/records?unit=${DEMO.phuong1}&period=2025-04`)).json().records;
    expect(recs.map((r: any) => r.id)).toContain(lateId);
    expect(recs).toHaveLength(2);
  });

  it("another unit's drill-down does not list it (Tân Hòa: only its own seed petition)", async () => {
    const recs = (await get(`/api/v1/indicators/petitionsOnTime/records?unit=${DEMO.tanHoa}&period=2025-04`)).json().records;
    expect(recs.map((r: any) => r.id)).not.toContain(lateId);
    expect(recs).toHaveLength(1);
    expect(recs[0].unitId).toBe(DEMO.ubndTanHoa);
  });

  it('March: the petition was neither handled nor past due -> not listed', async () => {
    const recs = (await get(`/api/v1/indicators/petitionsOnTime/records?unit=${DEMO.phuong1}&period=2025-03`)).json().records;
    expect(recs.map((r: any) => r.id)).not.toContain(lateId);
  });

  it('the drill-down page links the petition to its back-office page; the dashboard links 5.2', async () => {
    const page = await get(`/chi-so/chi-tiet/petitionsOnTime?unit=${DEMO.phuong1}&period=2025-04`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/quan-tri/phan-anh/${lateId}"`);
    expect(page.body).toContain(lateCode);
    const dash = await get(`/chi-so?unit=${DEMO.phuong1}&period=2025-04`);
    expect(dash.body).toContain('/chi-so/chi-tiet/petitionsOnTime');
  });

  it('refused to a citizen-facing or anonymous caller', async () => {
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/indicators/petitionsOnTime/records?unit=${DEMO.phuong1}&period=2025-04` });
    expect(res.statusCode).toBe(401);
  });
});
