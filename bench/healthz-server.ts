/**
 * A Fastify server with some of the product's per-request layers, for bench/healthz-layers.ts
 * (issue 15, item 4). LAYERS (comma-separated, cumulative as given):
 *   logger   pino at LOG_LEVEL=warn, as bench:http starts the product (a child logger per request)
 *   cookie   @fastify/cookie (parses the Cookie header on every request)
 *   helmet   @fastify/helmet with the product's options (about a dozen headers per answer)
 *   metrics  prom-client's request-duration histogram in onResponse (observability.ts)
 *   lang     the language hook (query + cookie + Accept-Language)
 *   app      the whole product (src/app.ts buildApp) on an empty in-memory PGlite: every hook
 * PORT is the port. Prints "ready".
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';

const layers = new Set((process.env.LAYERS ?? '').split(',').filter(Boolean));
const log = pino({ level: 'warn' });
let app: FastifyInstance;
if (layers.has('app')) {
  const { loadConfig } = await import('../src/config');
  const { openDatabase } = await import('../src/db');
  const { buildApp } = await import('../src/app');
  const { systemClock } = await import('../src/platform/context');
  const config = loadConfig();
  const handle = await openDatabase({ dataDir: null });
  app = await buildApp({ ctx: { db: handle.db, engine: handle.engine, config, clock: systemClock }, logger: layers.has('logger') ? log : false });
} else {
  app = Fastify(layers.has('logger') ? ({ loggerInstance: log } as object) : { logger: false }) as unknown as FastifyInstance;
  if (layers.has('cookie')) await app.register((await import('@fastify/cookie')).default);
  if (layers.has('helmet'))
    await app.register((await import('@fastify/helmet')).default, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: null as never,
          upgradeInsecureRequests: null,
        },
      },
      hsts: false,
    });
  if (layers.has('metrics')) {
    const { Histogram } = await import('prom-client');
    const h = new Histogram({ name: 'bench_http_seconds', help: 'x', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5] });
    app.addHook('onResponse', async (req, reply) => {
      h.observe({ method: req.method, route: req.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
  if (layers.has('lang')) {
    const { pickLang } = await import('../src/platform/i18n');
    app.addHook('onRequest', async (req) => {
      const q = (req.query as Record<string, string> | undefined)?.lang;
      (req as unknown as { lang: string }).lang = pickLang(
        q ?? (req as unknown as { cookies?: Record<string, string> }).cookies?.lang,
        req.headers['accept-language'],
      );
    });
  }
  app.get('/healthz', async () => ({ status: 'ok' }));
}
// CPU time of this process between /__mark and /__cpu: per request, it does not depend on what else the machine runs.
let mark = process.cpuUsage();
app.get('/__mark', async () => {
  mark = process.cpuUsage();
  return { ok: true };
});
app.get('/__cpu', async () => {
  const d = process.cpuUsage(mark);
  return { us: d.user + d.system };
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
