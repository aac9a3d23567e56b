/**
 * Issue 11 item 4 through HTTP: the what-if page, the points-at-stake page and the overdue-cause
 * ledger of the province say "Kỳ này trước ngày sáp nhập: ..." for a period that ends before the
 * provincial merger of 1/7/2025 (the figures are Hậu Giang's units rolled up to Thành phố Cần Thơ),
 * and not for a later period nor for a commune. Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer } from '../../test/login';
import { DEMO } from '../units/demo';

let env: TestEnv;
const NOTE_VI = 'Kỳ này trước ngày sáp nhập: số liệu gồm các đơn vị của Tỉnh Hậu Giang, nay thuộc Thành phố Cần Thơ.';
const NOTE_EN = 'This period is before the merger: the figures are those of the units of Tỉnh Hậu Giang, now part of Thành phố Cần Thơ.';
const as = async (user: string) => ({ ...authHeaders(await loginOfficer(env.app, user)), accept: 'text/html' });
const get = async (url: string, headers: Record<string, string>) => {
  const res = await env.app.inject({ method: 'GET', url, headers });
  expect(res.statusCode, url).toBe(200);
  return res.body;
};
const count = (body: string, s: string) => body.split(s).length - 1;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T03:00:00Z' });
});
afterAll(async () => env?.close());

describe('the before-the-merger note', () => {
  it('is on the what-if page for a period before 1/7/2025, once, in Vietnamese and English', async () => {
    const h = await as('giamsat');
    for (const period of ['2025-03', '2025-06', '2025-Q2']) {
      const body = await get(`/chi-so/thu-tinh?period=${period}`, h);
      expect(body).toContain('<strong>Thành phố Cần Thơ</strong>');
      expect(count(body, NOTE_VI), period).toBe(1);
    }
    expect(count(await get('/chi-so/thu-tinh?period=2025-03', { ...h, 'accept-language': 'en' }), NOTE_EN)).toBe(1);
  });

  it('is not on the what-if page from 1/7/2025, nor for a commune', async () => {
    const h = await as('giamsat');
    for (const period of ['2025-07', '2025-Q3', '2026-02'])
      expect(await get(`/chi-so/thu-tinh?period=${period}`, h), period).not.toContain('trước ngày sáp nhập');
    expect(await get(`/chi-so/thu-tinh?unit=${DEMO.phuong1}&period=2025-03`, h)).not.toContain('trước ngày sáp nhập');
  });

  it('stays on the what-if page after a recalculation (POST) of a period before, not after', async () => {
    const h = await as('giamsat');
    const page = await get('/chi-so/thu-tinh?period=2025-03', h);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(csrf).toBeTruthy();
    for (const [period, n] of [
      ['2025-03', 1],
      ['2025-08', 0],
    ] as const) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/chi-so/thu-tinh',
        headers: { ...h, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf!, unit: DEMO.province, period }).toString(),
      });
      expect(res.statusCode, period).toBe(200);
      expect(count(res.body, NOTE_VI), period).toBe(n);
    }
  });

  it('is on the overdue-cause ledger for a period before 1/7/2025 and not after, nor for a commune', async () => {
    const h = await as('giamsat');
    for (const period of ['2025-03', '2025-06', '2025-Q2'])
      expect(count(await get(`/chi-so/nguyen-nhan?unit=${DEMO.province}&period=${period}`, h), NOTE_VI), period).toBe(1);
    // The period as people read it, not its key.
    expect(await get(`/chi-so/nguyen-nhan?unit=${DEMO.province}&period=2025-06`, h)).toContain('trong kỳ tháng 06/2025 của Thành phố Cần Thơ');
    expect(count(await get(`/chi-so/nguyen-nhan?unit=${DEMO.province}&period=2025-03`, { ...h, 'accept-language': 'en' }), NOTE_EN)).toBe(1);
    for (const period of ['2025-07', '2025-Q3', '2026-03'])
      expect(await get(`/chi-so/nguyen-nhan?unit=${DEMO.province}&period=${period}`, h), period).not.toContain('trước ngày sáp nhập');
    expect(await get(`/chi-so/nguyen-nhan?unit=${DEMO.phuong1}&period=2025-03`, h)).not.toContain('trước ngày sáp nhập');
  });

  it('is on the points-at-stake page while the current month is before 1/7/2025, and not after', async () => {
    const h = await as('giamsat');
    env.clock.set('2025-06-20T03:00:00Z');
    const before = await get(`/chi-so/nguy-co?unit=${DEMO.province}`, h);
    expect(before).toContain('Kỳ tháng 06/2025');
    expect(count(before, NOTE_VI)).toBe(1);
    expect(await get(`/chi-so/nguy-co?unit=${DEMO.phuong1}`, h)).not.toContain('trước ngày sáp nhập');
    env.clock.set('2025-07-01T03:00:00Z');
    const after = await get(`/chi-so/nguy-co?unit=${DEMO.province}`, h);
    expect(after).toContain('Kỳ tháng 07/2025');
    expect(after).not.toContain('trước ngày sáp nhập');
    env.clock.set('2026-03-10T03:00:00Z');
  });
});
