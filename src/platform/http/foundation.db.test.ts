import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ seed: false });
});
afterAll(async () => env?.close());

describe('service skeleton', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz once the database is reachable and every migration is applied', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', database: 'up', pendingMigrations: 0 });
  });

  it('exposes Prometheus metrics', async () => {
    await env.app.inject({ method: 'GET', url: '/healthz' });
    const res = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
    expect(res.body).toContain('process_resident_memory_bytes');
  });

  it('tells an unknown route in Vietnamese by default and in English when asked', async () => {
    const vi = await env.app.inject({ method: 'GET', url: '/api/v1/khong-co' });
    expect(vi.statusCode).toBe(404);
    expect(vi.json().message).toBe('Không có đường dẫn GET /api/v1/khong-co.');
    const en = await env.app.inject({ method: 'GET', url: '/api/v1/khong-co', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().message).toBe('There is no route GET /api/v1/khong-co.');
  });

  it('refuses a malformed JSON body with a clear message and no stack trace', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/healthz', headers: { 'content-type': 'application/json' }, payload: '{"a":' });
    expect([400, 404]).toContain(res.statusCode);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
  });

  it('renders the home page in Vietnamese with correct diacritics', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="vi">');
    expect(res.body).toContain('Cổng Dịch vụ công');
  });
});
