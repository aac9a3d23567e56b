/**
 * The sandboxes of the national systems in one process of their own, for npm run cluster:
 * the app instances run with SANDBOXES_IN_PROCESS=false and all talk to these (ports from the
 * same settings as the apps'). The sandbox VNeID keeps its state and keys in the cluster's
 * database (platform/oidc-store.ts), so more than one of it could run behind one issuer URL.
 * Started after the first app instance has migrated the database.
 */
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db';
import { startSandboxVneid } from '../../sandbox/vneid/server';
import { startSandboxes } from '../../sandbox/index';
import { pruneOidcState } from '../../src/platform/oidc-store';

const config = loadConfig({ ...process.env, SANDBOXES_IN_PROCESS: 'true' });
const handle = await openDatabase({ url: config.DATABASE_URL, dataDir: null, poolMax: 4, log: (msg, err) => process.stderr.write(`${msg}: ${err.message}\n`) });
const v = config.vneid;
const vneid =
  v.mode === 'sandbox'
    ? await startSandboxVneid({
        port: v.sandboxPort,
        host: config.HOST,
        issuer: v.issuer,
        store: handle.db,
        clients: [{ clientId: v.clientId, clientSecret: v.clientSecret, redirectUris: [v.redirectUri] }],
      })
    : null;
const sandboxes = await startSandboxes(config);
process.stdout.write(
  `sandboxes listening: ${[...(vneid ? [`VNeID ${vneid.issuer}`] : []), ...sandboxes.started.map((s) => `${s.name} ${s.url}`)].join(', ')}\n`,
);

// Expired interactions, codes and tokens: removed every 10 minutes (any number of these processes may do it).
const prune = setInterval(() => void pruneOidcState(handle.db).catch(() => undefined), 600_000);
prune.unref();

async function stop() {
  await vneid?.close();
  await sandboxes.close();
  await handle.close();
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
