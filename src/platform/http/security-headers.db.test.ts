/**
 * The security headers computed once at start (security-headers.ts, issue 15 item 4) are on
 * every kind of answer: pages, the API, static files, refusals, /healthz, and a 304.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('security headers', () => {
  it.each(['/', '/thu-tuc/1.001193', '/api/v1/procedures?q=khai', '/static/site.css', '/healthz', '/khong-co-trang-nay', '/api/v1/dossiers'])(
    '%s carries the CSP and the other helmet headers',
    async (url) => {
      const res = await env.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('form-action');
      expect(csp).not.toContain('upgrade-insecure-requests'); // not in production
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined(); // HSTS only in production
      expect(res.headers['x-powered-by']).toBeUndefined();
    },
  );

  it('a 304 carries them too', async () => {
    const first = await env.app.inject({ method: 'GET', url: '/thu-tuc' });
    const again = await env.app.inject({ method: 'GET', url: '/thu-tuc', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(String(again.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});
