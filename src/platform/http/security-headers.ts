/**
 * The security headers of @fastify/helmet, computed once (issue 15, item 4). The plugin calls
 * helmet(options) inside its onRequest hook, which rebuilds the whole middleware - parsing and
 * validating the Content-Security-Policy directives - for every request: measured at about
 * 250 µs of CPU per request on this machine, six times a bare Fastify route's whole cost
 * (bench/healthz-layers.ts, docs/benchmarks.md). The headers do not depend on the request (no CSP
 * nonces here), so a probe instance with the same plugin and options answers once and its headers
 * are set on every reply: the same bytes as before, from the same library.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';

/** Headers a bare route does not set by itself: what helmet added. */
export async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const plain = Fastify({ logger: false });
  plain.get('/', async () => '');
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const [without, withHelmet] = await Promise.all([plain.inject('/'), probe.inject('/')]);
  await Promise.all([plain.close(), probe.close()]);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(withHelmet.headers)) if (!(k in without.headers) && v !== undefined) out[k] = String(v);
  return out;
}

export async function installSecurityHeaders(app: FastifyInstance, options: FastifyHelmetOptions): Promise<void> {
  const headers = await helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
}
