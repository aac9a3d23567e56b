import pino from 'pino';
import { loadConfig, ConfigError, type Config } from './config';
import { openDatabase } from './db';
import { migrateToLatest } from './db/migrate';
import { seedDemoOnce } from './db/seed';
import { buildApp } from './app';
import { MODULES } from './manifests';
import { systemClock, type Ctx } from './platform/context';
import { startWorker } from './platform/worker';
import { t } from './platform/i18n';
import { startMetricsListener } from './platform/http/observability';
import { runDataReadyTasks } from './platform/startup';
import { startSandboxVneid } from '../sandbox/vneid/server';
import { startSandboxes } from '../sandbox/index';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    process.stderr.write(`${e.message}\nThe service did not start. Fix the setting(s) above and start again.\n`);
    process.exit(1);
  }
  throw e;
}

const log = pino({ level: config.LOG_LEVEL });
const started = Date.now();
const handle = await openDatabase({
  url: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  poolMax: config.DATABASE_POOL_MAX,
  log: (msg, err) => log.warn({ err }, msg),
});
// Reads that may be slightly stale (DATABASE_READ_URL, e.g. the standby): only with a PostgreSQL primary.
const readHandle =
  config.DATABASE_URL && config.DATABASE_READ_URL
    ? await openDatabase({
        url: config.DATABASE_READ_URL,
        dataDir: null,
        poolMax: config.DATABASE_POOL_MAX,
        log: (msg, err) => log.warn({ err }, `stale reads: ${msg}`),
      })
    : null;
const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock, ...(readHandle ? { readDb: readHandle.db } : {}) };
// Demo and development: the sandbox VNeID on its own port (config refuses sandbox mode in production).
const sandboxesHere = config.SANDBOXES_IN_PROCESS === 'true';
const vneid =
  sandboxesHere && config.vneid.mode === 'sandbox'
    ? await startSandboxVneid({
        port: config.vneid.sandboxPort,
        host: config.HOST,
        issuer: config.vneid.issuer,
        clients: [{ clientId: config.vneid.clientId, clientSecret: config.vneid.clientSecret, redirectUris: [config.vneid.redirectUri] }],
      })
    : null;
if (vneid) log.info({ issuer: vneid.issuer }, 'sandbox VNeID listening (demo citizens, not the real VNeID)');
const sandboxes = sandboxesHere ? await startSandboxes(config) : { started: [], close: async () => undefined };
for (const s of sandboxes.started) log.info({ url: s.url }, `sandbox ${s.name} listening (not the real system)`);
const app = await buildApp({ ctx, logger: log });
// Listen first, then migrate and (on the first start) load the demo province: /healthz answers
// within seconds, /readyz and every page answer 503 "starting" until the data is ready.
let ready = false;
app.addHook('onRequest', async (req, reply) => {
  if (ready) return;
  const path = req.url.split('?')[0];
  if (path === '/healthz' || path === '/metrics') return;
  if (path === '/readyz') return reply.code(503).send({ status: 'not_ready', starting: true });
  return reply
    .code(503)
    .header('retry-after', '5')
    .send({ error: 'error.starting', message: t(req.lang, 'error.starting') });
});
await app.listen({ port: config.PORT, host: config.HOST });
log.info({ ms: Date.now() - started, url: config.publicUrl }, 'portal listening');
const metrics = await startMetricsListener(config);
if (metrics) log.info({ url: metrics.url }, 'metrics listening (not on the public port)');
const applied = await migrateToLatest(handle.db);
log.info({ engine: handle.engine, applied, ms: Date.now() - started }, 'database ready');
if (config.DEMO_SEED === 'true') {
  const seeded = await seedDemoOnce(ctx);
  if (seeded) log.info({ ms: Date.now() - started }, 'demo province loaded');
}
await runDataReadyTasks(ctx, (msg, err) => log.warn({ err }, msg));
ready = true;
const worker = config.WORKER === 'true' ? startWorker(ctx, log, { modules: MODULES }) : null;

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down: finishing in-flight requests');
  const timer = setTimeout(() => {
    log.error('shutdown grace period over; exiting');
    process.exit(1);
  }, config.SHUTDOWN_GRACE_MS);
  timer.unref();
  try {
    await app.close();
    await metrics?.close();
    await vneid?.close();
    await sandboxes.close();
    await worker?.stop();
    await readHandle?.close();
    await handle.close();
    log.info('stopped cleanly');
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
