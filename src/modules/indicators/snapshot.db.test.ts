/**
 * The public indicators from the snapshot (issue 15, item 3): the public page and the anonymous
 * API answer from memory, and a dossier's change shows up once the outbox has delivered it.
 * Dossiers go through the dossiers HTTP API (submit, file, receive); no timing is asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { DEMO } from '../units/demo';
import { Flow } from './test-api-flow';

let env: TestEnv;
let f: Flow;
const TRICH_LUC = '2.000635'; // Cấp bản sao trích lục hộ tịch: a paper dossier at the desk is allowed
const MONTH = '2026-03';
const api = `/api/v1/indicators?unit=${DEMO.phuong1}&period=${MONTH}&method=qd766-2022`;
const page = `/cong-khai/chi-so?month=${MONTH}`;
const html = { accept: 'text/html' };

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
/** 1.4's denominator: the dossiers received in the month. */
const received = async () => {
  const res = await get(api);
  expect(res.statusCode, res.body).toBe(200);
  return res
    .json()
    .groups.flatMap((g: any) => g.indicators)
    .find((i: any) => i.key === 'syncedDossiers').denominator as number;
};
/** The province's total on the public page (first table's row) and the API's. */
const provinceTotals = async () => {
  const pub = await get(page, html);
  expect(pub.statusCode).toBe(200);
  const row = /<th scope="row">[^<]+<\/th><td[^>]*>([\d.]+)<\/td>/.exec(pub.body);
  const prov = (await get(`/api/v1/indicators?period=${MONTH}`)).json();
  return { page: Number(row?.[1]), api: prov.total as number, body: pub.body };
};

async function receiveOne(): Promise<string> {
  const d = await f.submit('motcua.p1', TRICH_LUC);
  await f.file('motcua.p1', d.id, 'component', 'to-khai');
  await f.act('motcua.p1', d.id, 'receive');
  return d.id;
}

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
  f = new Flow(env);
}, 120_000);
afterAll(async () => env?.close());

describe('public indicators from the snapshot', () => {
  let first: string;

  it('a dossier received shows up once the outbox has delivered its event, on the API and the public page', async () => {
    const before = await received();
    const totalsBefore = await provinceTotals();
    expect(totalsBefore.page).toBe(totalsBefore.api);

    first = await receiveOne();
    expect(await received()).toBe(before); // the facts are written by the outbox, not yet delivered
    await drainOutbox(env.ctx);
    expect(await received()).toBe(before + 1);

    const after = await provinceTotals();
    expect(after.page).toBe(after.api);
    expect(after.body).not.toBe(totalsBefore.body);
  }, 120_000);

  it('is not recomputed per request: a change made behind the outbox is not seen until the next delivered change', async () => {
    const n = await received();
    // Move the first dossier's facts out of March directly in the table: no event, so the snapshot stays.
    const moved = await env.ctx.db
      .updateTable('indicator_dossier_facts')
      .set({ received_at: new Date('2026-02-10T02:00:00Z') })
      .where('dossier_id', '=', first)
      .executeTakeFirst();
    expect(Number(moved.numUpdatedRows)).toBe(1);
    expect(await received()).toBe(n);
    expect((await get(page, html)).body).toBe((await get(page, html)).body);

    // Two more dossiers delivered by the outbox: the snapshot is recomputed from the table as it is now.
    await receiveOne();
    await receiveOne();
    await drainOutbox(env.ctx);
    expect(await received()).toBe(n - 1 + 2);
  }, 120_000);

  it('answers the page in English from the same figures, with its own validator', async () => {
    const vi = await get(page, html);
    const en = await get(page, { ...html, 'accept-language': 'en' });
    expect(vi.body).toContain('<html lang="vi"');
    expect(en.body).toContain('<html lang="en"');
    expect(en.headers.etag).not.toBe(vi.headers.etag);
  });

  it('revalidates: public, no-cache with an ETag, 304 while nothing changed, the API 200 with a new ETag after a delivered change', async () => {
    for (const url of [page, api]) {
      const a = await get(url, html);
      expect(a.headers['cache-control']).toBe('public, no-cache');
      expect(a.headers['set-cookie']).toBeUndefined();
      const etag = String(a.headers.etag);
      expect(etag).toMatch(/^W\/".+"$/);
      const same = await get(url, { ...html, 'if-none-match': etag });
      expect(same.statusCode).toBe(304);
      expect(same.body).toBe('');
    }
    const pageTag = String((await get(page, html)).headers.etag);
    const apiTag = String((await get(api)).headers.etag);
    await receiveOne();
    await drainOutbox(env.ctx);
    // The page shows points only, which one more dossier may leave as they were: its validator follows its bytes.
    const fresh = await get(page, html);
    const p2 = await get(page, { ...html, 'if-none-match': pageTag });
    expect(p2.statusCode).toBe(fresh.headers.etag === pageTag ? 304 : 200);
    const a2 = await get(api, { 'if-none-match': apiTag });
    expect(a2.statusCode).toBe(200);
    expect(a2.headers.etag).not.toBe(apiTag);
  }, 120_000);

  it('still refuses a bad period (400, Vietnamese and English) and keeps no error in the snapshot', async () => {
    const vi = await get(`/api/v1/indicators?period=2026-13`);
    expect(vi.statusCode).toBe(400);
    expect(vi.json().message).toMatch(/kỳ/i);
    const en = await get(`/api/v1/indicators?period=2026-13`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(400);
    expect(en.json().message).toMatch(/period/i);
    expect((await get(`/api/v1/indicators?period=${MONTH}`)).statusCode).toBe(200);
  });
});
