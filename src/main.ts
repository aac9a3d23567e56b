import pino from 'pino';
import { loadConfig, ConfigError, type Config } from './config';
import { openDatabase } from './db';
import { migrateToLatest } from './db/migrate';
import { seedDemoOnce } from './db/seed';
import { buildApp } from './app';
import { systemClock, type Ctx } from './platform/context';
import { startWorker } from './platform/worker';
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
const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
const applied = await migrateToLatest(handle.db);
log.info({ engine: handle.engine, applied }, 'database ready');
const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
// Demo and development: the sandbox VNeID on its own port (config refuses sandbox mode in production).
const vneid =
  config.vneid.mode === 'sandbox'
    ? await startSandboxVneid({ port: config.vneid.sandboxPort, host: config.HOST, issuer: config.vneid.issuer, clients: [{ clientId: config.vneid.clientId, clientSecret: config.vneid.clientSecret, redirectUris: [config.vneid.redirectUri] }] })
    : null;
if (vneid) log.info({ issuer: vneid.issuer }, 'sandbox VNeID listening (demo citizens, not the real VNeID)');
const sandboxes = await startSandboxes(config);
for (const s of sandboxes.started) log.info({ url: s.url }, `sandbox ${s.name} listening (not the real system)`);
const app = await buildApp({ ctx, logger: log });
// The demo seed (thousands of dossiers on the first start) runs after listening: /healthz answers
// at once, /readyz answers 503 until the seed is done.
let seeding = config.DEMO_SEED === 'true';
app.addHook('onRequest', async (req, reply) => {
  if (seeding && req.url === '/readyz') return reply.code(503).send({ status: 'not_ready', seeding: true });
});
await app.listen({ port: config.PORT, host: config.HOST });
log.info({ ms: Date.now() - started, url: config.publicUrl }, 'portal listening');
if (seeding) {
  const seeded = await seedDemoOnce(ctx);
  seeding = false;
  if (seeded) log.info({ ms: Date.now() - started }, 'demo province loaded');
}
const worker = config.WORKER === 'true' ? startWorker(ctx, log) : null;

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
    await vneid?.close();
    await sandboxes.close();
    await worker?.stop();
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
