/**
 * Query plan of the outbox claim on PostgreSQL (127.0.0.1:5432, a scratch database created and
 * dropped): 300,000 delivered messages, BACKLOG (default 5,000) pending in backoff for a down
 * portal, 5,000 pending for another topic, 10,000 due SMS/Zalo. Run: npx tsx bench/outbox-plan.ts
 * (BACKLOG=100000 TOPICS=deliver.sms,deliver.zalo; an optional SQL argument runs first, e.g. a
 * CREATE INDEX to try). Prints EXPLAIN (ANALYZE, BUFFERS).
 */
import pg from 'pg';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
const TOPICS = (process.env.TOPICS ?? 'deliver.sms,deliver.zalo')
  .split(',')
  .map((t) => `'${t}'`)
  .join(',');
const BACKLOG = Number(process.env.BACKLOG ?? 5000);
const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `explain_outbox_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: ADMIN });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.toString() });
await migrateToLatest(handle.db);
console.log(`backlog in backoff: ${BACKLOG}; claiming topics ${TOPICS}`);
const c = new pg.Client({ connectionString: url.toString() });
await c.connect();
if (process.argv[2]) await c.query(process.argv[2]);
// 300k delivered history, 20k pending: 10k deliver.sms/zalo due, 5k dossier.event>x in backoff (future), 5k for a topic this worker does not handle
await c.query(`INSERT INTO outbox (id, topic, key, payload, status, delivered_at)
  SELECT 'd'||g, (ARRAY['dossier.event','dossier.event>indicators','dossier.event>notifications','deliver.sms','deliver.zalo'])[1+g%5], 'k'||(g%50000), '{}', 'delivered', now() FROM generate_series(1,300000) g`);
await c.query(`INSERT INTO outbox (id, topic, key, payload, next_attempt_at)
  SELECT 'b'||g, 'dossier.event>national-portal', 'k'||(g%3000), '{}', now() + interval '1 hour' FROM generate_series(1,${BACKLOG}) g`);
await c.query(`INSERT INTO outbox (id, topic, key, payload)
  SELECT 'o'||g, 'other.topic', 'k'||(g%3000), '{}' FROM generate_series(1,5000) g`);
await c.query(`INSERT INTO outbox (id, topic, key, payload)
  SELECT 'p'||g, (ARRAY['deliver.sms','deliver.zalo'])[1+g%2], 'p'||g, '{}' FROM generate_series(1,10000) g`);
await c.query('ANALYZE outbox');
// The claim of src/platform/outbox.ts claimDue (limit 20), with literals for the parameters.
const q = `EXPLAIN (ANALYZE, BUFFERS) WITH due AS (
      SELECT o.id FROM outbox o
      WHERE o.status = 'pending'
        AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= now())
        AND o.topic IN (${TOPICS})
        AND NOT EXISTS (
          SELECT 1 FROM outbox e
          WHERE e.topic = o.topic AND e.key = o.key AND e.seq < o.seq AND e.status <> 'delivered')
      ORDER BY o.seq
      LIMIT 20
      FOR UPDATE OF o SKIP LOCKED
    )
    UPDATE outbox m SET next_attempt_at = now() + interval '30 seconds', claim_token = 'x', attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.id`;
await c.query('BEGIN');
const r = await c.query(q);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
await c.query('ROLLBACK');
await c.end();
await handle.close();
await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
await admin.end();
