/**
 * Outbox delivery benchmark: messages delivered per second through the outbox to the SMS and
 * Zalo sandboxes with TWO separate worker processes, with the count of duplicates and losses
 * (both must be zero). PostgreSQL on 127.0.0.1:5432 (trust auth; BENCH_PG_URL to change): a
 * bench database is created and dropped. Run: npm run bench:outbox [-- N]. Writes the figures
 * under "## Outbox delivery" in docs/benchmarks.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { startSandboxSms } from '../sandbox/sms/server';
import { startSandboxZalo } from '../sandbox/zalo/server';

const N = Number(process.argv[2] ?? 4000);
const ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOKEN = 'bench-gateway-token';
const name = `bench_outbox_${Date.now().toString(36)}`;

const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.toString() });
const children: ChildProcess[] = [];
try {
  await migrateToLatest(handle.db);
  const sms = await startSandboxSms({ port: 0, token: TOKEN });
  const zalo = await startSandboxZalo({ port: 0, token: TOKEN });
  // The messages, as the notifications module enqueues them: one per (message x channel).
  const rows = Array.from({ length: N }, (_, i) => {
    const channel = i % 2 === 0 ? 'sms' : 'zalo';
    const phone = `09${String(10_000_000 + i).slice(-8)}`;
    return {
      id: `bench-${i}:${channel}`,
      topic: `deliver.${channel}`,
      key: phone,
      payload: JSON.stringify({
        notificationId: `bench-${i}`,
        channel,
        to: phone,
        subject: channel === 'zalo' ? '300102' : '',
        body: `Ho so BENCH-${i} da duoc tiep nhan.`,
        templateId: channel === 'zalo' ? '300102' : 'received',
        params: { code: `BENCH-${i}` },
      }),
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await handle.db
      .insertInto('outbox')
      .values(rows.slice(i, i + 500) as any)
      .execute();

  const script = fileURLToPath(new URL('../src/modules/notifications/worker-process.ts', import.meta.url));
  const started = performance.now();
  for (let w = 0; w < 2; w++) {
    children.push(
      spawn(process.execPath, ['--import', 'tsx', script], {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATABASE_URL: url.toString(),
          SMS_MODE: 'real',
          SMS_URL: sms.url,
          SMS_TOKEN: TOKEN,
          ZALO_MODE: 'real',
          ZALO_URL: zalo.url,
          ZALO_TOKEN: TOKEN,
          WORKER_BATCH: '20',
          WORKER_POLL_MS: '20',
          WORKER_LEASE_MS: '30000',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      }),
    );
  }
  let delivered = 0;
  for (;;) {
    const r = await handle.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'delivered')
      .executeTakeFirstOrThrow();
    delivered = Number(r.n);
    if (delivered >= N || performance.now() - started > 600_000) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((res) => (c.exitCode !== null ? res(null) : c.once('exit', res)))));

  const received = [...sms.messages, ...zalo.messages];
  const distinct = new Set(received.map((m) => m.key));
  const expected = new Set(rows.map((r) => r.id));
  const losses = [...expected].filter((k) => !distinct.has(k)).length;
  const duplicates = received.length - distinct.size;
  const attempts = sms.attempts.length + zalo.attempts.length;
  const repeats = attempts - distinct.size;
  const sentRows = await handle.db
    .selectFrom('notification_deliveries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'sent')
    .executeTakeFirstOrThrow();
  const rate = Math.round(delivered / seconds);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const pgv = (await admin.query('SHOW server_version')).rows[0].server_version;
  const section = [
    '## Outbox delivery',
    '',
    `\`npm run bench:outbox\` (bench/outbox.ts), ${new Date().toISOString().slice(0, 10)}: ${N} notification deliveries (half SMS, half Zalo ZNS, each its own outbox message) enqueued, then delivered by **two separate worker processes** (src/modules/notifications/worker-process.ts: SKIP LOCKED claims of 20, lease 30 s) to the sandbox gateways over HTTP on localhost. Each delivery records its \`notification_deliveries\` row ('sending' then 'sent') and sends the outbox id as the idempotency key.`,
    '',
    '| Measure | Value |',
    '|---|---|',
    `| Messages delivered | ${delivered} of ${N} |`,
    `| Time | ${seconds.toFixed(1)} s |`,
    `| **Throughput** | **${rate} messages/s** |`,
    `| Losses (enqueued, never received by a gateway) | **${losses}** |`,
    `| Duplicates (a message recorded twice by a gateway) | **${duplicates}** |`,
    `| Repeated requests absorbed by the idempotency key | ${repeats} |`,
    `| Delivery rows marked sent | ${sentRows.n} |`,
    '',
    `Machine: ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, shared with other work; PostgreSQL ${pgv} on the same host; Node ${process.version}. The worker count, not the gateways, bounds the rate: each worker sends one message at a time (ordering per key), so throughput scales with worker processes until PostgreSQL or the gateway saturates.`,
    '',
  ].join('\n');
  const doc = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
  const text = readFileSync(doc, 'utf8');
  const start = text.indexOf('## Outbox delivery');
  const next = start >= 0 ? text.indexOf('\n## ', start + 3) : -1;
  const updated = start < 0 ? `${text.trimEnd()}\n\n${section}` : `${text.slice(0, start)}${section}${next >= 0 ? text.slice(next + 1) : ''}`;
  writeFileSync(doc, updated.endsWith('\n') ? updated : `${updated}\n`);
  process.stdout.write(`${section}\n`);
  await sms.close();
  await zalo.close();
  if (losses || duplicates) process.exitCode = 1;
} finally {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await handle.close();
  await new Promise((r) => setTimeout(r, 200));
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
