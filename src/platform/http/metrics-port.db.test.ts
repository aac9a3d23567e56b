/**
 * Issue 14: with METRICS_PORT, /metrics is served on a listener of its own (127.0.0.1 by
 * default, METRICS_HOST) and the public port answers 404 for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { loadConfig } from '../../config';
import { startMetricsListener } from './observability';

const PORT = 20411;
let env: TestEnv;
let listener: Awaited<ReturnType<typeof startMetricsListener>>;
beforeAll(async () => {
  env = await createTestEnv({ env: { METRICS_PORT: String(PORT) } });
  listener = await startMetricsListener(env.ctx.config);
});
afterAll(async () => {
  await listener?.close();
  await env?.close();
});

describe('METRICS_PORT', () => {
  it('serves /metrics on its own port at 127.0.0.1 and no longer on the public port', async () => {
    expect(listener?.url).toBe(`http://127.0.0.1:${PORT}`);
    await env.app.inject({ method: 'GET', url: '/healthz' });
    const r = await fetch(`http://127.0.0.1:${PORT}/metrics`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('http_request_duration_seconds');
    const pub = await env.app.inject({ method: 'GET', url: '/metrics' });
    expect(pub.statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('the metrics listener serves nothing else', async () => {
    expect((await fetch(`http://127.0.0.1:${PORT}/healthz`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${PORT}/api/v1/me`)).status).toBe(404);
  });

  it('in production the loopback listener needs no token; on another address it does', async () => {
    env.ctx.config.production = true;
    try {
      expect((await fetch(`http://127.0.0.1:${PORT}/metrics`)).status).toBe(200);
    } finally {
      env.ctx.config.production = false;
    }
    const wide = { ...env.ctx.config, production: true, METRICS_HOST: '0.0.0.0', METRICS_PORT: PORT + 1, METRICS_TOKEN: undefined };
    const open = await startMetricsListener(wide);
    try {
      expect((await fetch(`http://127.0.0.1:${PORT + 1}/metrics`)).status).toBe(404);
    } finally {
      await open?.close();
    }
    const tokened = await startMetricsListener({ ...wide, METRICS_TOKEN: 'metrics-token-for-tests-0002' });
    try {
      expect((await fetch(`http://127.0.0.1:${PORT + 1}/metrics`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${PORT + 1}/metrics`, { headers: { authorization: 'Bearer metrics-token-for-tests-0002' } })).status).toBe(200);
    } finally {
      await tokened?.close();
    }
  });

  it('without METRICS_PORT no listener starts; METRICS_HOST defaults to 127.0.0.1; a bad port is refused', async () => {
    const c = loadConfig({ NODE_ENV: 'test' } as any);
    expect(c.METRICS_PORT).toBeUndefined();
    expect(await startMetricsListener(c)).toBeNull();
    expect(c.METRICS_HOST).toBe('127.0.0.1');
    expect(() => loadConfig({ NODE_ENV: 'test', METRICS_PORT: '70000' } as any)).toThrow(/METRICS_PORT/);
  });
});
