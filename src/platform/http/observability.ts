import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../../config';
import client from 'prom-client';
import { ping } from '../../db';
import { pendingMigrations } from '../../db/migrate';

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length > 0;
}

export const metricsRegistry = registry;

/** /healthz (process up), /readyz (database reachable, migrations done), /metrics (Prometheus). */
export function observabilityRoutes(app: FastifyInstance) {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const db = await ping(app.ctx.db);
    const pending = db ? await pendingMigrations(app.ctx.db).catch(() => -1) : -1;
    const ready = db && pending === 0;
    reply.code(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not_ready', database: db ? 'up' : 'down', pendingMigrations: pending };
  });
  // With METRICS_PORT, /metrics lives on its own listener (startMetricsListener) and not here.
  if (app.ctx.config.METRICS_PORT === undefined) app.get('/metrics', (req, reply) => serveMetrics(app.ctx.config, req, reply));
}

async function serveMetrics(config: Config, req: FastifyRequest, reply: FastifyReply) {
  // Operational data: behind METRICS_TOKEN when set, closed in production without one (issue 14).
  const token = config.METRICS_TOKEN;
  const sent = /^bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  // On its own loopback listener the network is the guard; anywhere else production needs the token.
  const loopbackOnly = config.METRICS_PORT !== undefined && /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(config.METRICS_HOST);
  const closed = token ? !sameSecret(sent, token) : config.production && !loopbackOnly;
  if (closed) {
    reply.code(404);
    return { error: 'error.route_not_found' };
  }
  reply.type(registry.contentType);
  return registry.metrics();
}

/** The METRICS_PORT listener: GET /metrics only, on METRICS_HOST (127.0.0.1 by default). */
export async function startMetricsListener(config: Config): Promise<{ url: string; close(): Promise<void> } | null> {
  if (config.METRICS_PORT === undefined) return null;
  const server = Fastify({ logger: false });
  server.get('/metrics', (req, reply) => serveMetrics(config, req, reply));
  const url = await server.listen({ port: config.METRICS_PORT, host: config.METRICS_HOST });
  return { url, close: () => server.close() };
}
