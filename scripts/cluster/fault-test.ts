/**
 * The cluster fault test (issue 18 item 5): `npm run cluster` first, then
 * `npm run test:cluster [-- --clients 4 --phase 12 --drain 600 --no-write]`.
 *
 * Drives a steady load through HAProxy (127.0.0.1:7600): citizens submitting online dossiers
 * (multipart, each with its own Idempotency-Key), the provincial desk receiving them (an action),
 * and citizens paying the fee at the sandbox payment gateway (whose callback comes back through
 * HAProxy). Mid-load it kills (-9) one app instance, then the PostgreSQL primary with its Patroni
 * (Patroni promotes the synchronous standby), then the etcd member; each killed part is started
 * again by scripts/cluster/start.sh. A client repeats a request that failed with a retryable
 * answer (502/503/504 or a lost connection) with the same Idempotency-Key.
 *
 * Afterwards, with SQL on the new primary: every acknowledged submission exists exactly once, no
 * outbox message reached a sandbox twice (national portal steps, SMS and Zalo keys), no payment is
 * counted twice, every payment the gateway acknowledged is paid once, the audit chain verifies,
 * and the clients saw only retryable errors. Prints the report and writes it into
 * docs/cluster-fault-test.md (unless --no-write). Exit code 1 when an invariant fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db';
import { systemClock, type Ctx } from '../../src/platform/context';
import { verifyAuditChain } from '../../src/platform/audit';
import { loginCitizen } from '../../src/modules/identity/service';
import { SESSION_COOKIE } from '../../src/modules/identity/sessions';
import { loadWorld } from '../../src/modules/dossiers/generator';
import { formData } from '../../src/modules/dossiers/generator/eform-data';
import { randomPerson } from '../../src/modules/dossiers/generator/names';
import { createRng } from '../../src/modules/dossiers/generator/random';
import { DEMO_PDF } from '../../src/modules/dossiers/generator/files';
import { DEMO_PASSWORD } from '../../src/modules/identity/demo';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const CLIENTS = Number(opt('clients', '4'));
const PHASE_MS = Number(opt('phase', '12')) * 1000;
const WRITE = !args.includes('--no-write');
/** Seconds to wait, after the load, for the workers to deliver the run's outbox messages (2 shared cores: minutes). */
const DRAIN_S = Number(opt('drain', '600'));
const ROOT = join(import.meta.dirname, '../..');
const CLUSTER_DIR = process.env.CLUSTER_DIR ?? join(ROOT, '.cluster');
const LB = 'http://127.0.0.1:7600';
const DB_URL = 'postgres://postgres:cluster-dev-postgres@127.0.0.1:7601/dvc';
const PROCEDURE = '2.001417'; // Lý lịch tư pháp: online, fee-bearing, received at the provincial centre
const NODES = [
  { name: 'pg1', rest: 7650 },
  { name: 'pg2', rest: 7651 },
];

const t0 = Date.now();
const secs = (t: number) => ((t - t0) / 1000).toFixed(1);
const out: string[] = [];
function say(line: string) {
  const l = `[${secs(Date.now()).padStart(6)} s] ${line}`;
  out.push(l);
  process.stdout.write(`${l}\n`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- cluster parts ----------

function pidOf(name: string): number | null {
  const f = join(CLUSTER_DIR, 'pids', `${name}.pid`);
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : null;
}
function kill9(pid: number | null, what: string) {
  if (!pid) throw new Error(`no pid for ${what}`);
  process.kill(pid, 'SIGKILL');
  say(`kill -9 ${what} (pid ${pid})`);
}
async function role(rest: number): Promise<string | null> {
  try {
    const r = await fetch(`http://127.0.0.1:${rest}/`, { signal: AbortSignal.timeout(1000) });
    return ((await r.json()) as { role?: string }).role ?? null;
  } catch {
    return null;
  }
}
async function leader(): Promise<(typeof NODES)[number] | null> {
  for (const n of NODES) if (['master', 'primary'].includes((await role(n.rest)) ?? '')) return n;
  return null;
}
/** Brings back whatever is not running (start.sh starts only what is down); resolves when it is done. */
function restartParts(): Promise<void> {
  say('scripts/cluster/start.sh (starts the parts that are down)');
  return new Promise((resolve, reject) => {
    const p = spawn('bash', [join(ROOT, 'scripts/cluster/start.sh')], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    p.stdout.on('data', (b: Buffer) =>
      b
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((l) => say(`  ${l}`)),
    );
    p.stderr.on('data', (b: Buffer) =>
      b
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((l) => say(`  ${l}`)),
    );
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`start.sh exited ${code}`))));
  });
}

// ---------- the clients ----------

interface Attempt {
  at: number;
  kind: 'submit' | 'receive' | 'pay' | 'gateway';
  status: number; // 0: no answer (connection error)
  ok: boolean;
  retryable: boolean;
  error?: string;
}
const attempts: Attempt[] = [];
const acked: { key: string; id: string; code: string; at: number }[] = [];
const received: string[] = [];
const paidAtGateway: { dossierId: string; orderRef: string; amount: number }[] = [];
let stopping = false;

const RETRYABLE = new Set([0, 502, 503, 504]);

/** What the answers read here may hold (a dossier, a payment, an error). */
interface Body {
  dossier?: { id: string; code: string; version: number };
  payUrl?: string;
  orderRef?: string;
  amount?: number;
  error?: string;
}

/** One request, repeated while the answer is retryable (same body, same Idempotency-Key). Null when stopped. */
async function send(kind: Attempt['kind'], url: string, init: RequestInit, okStatus: (s: number) => boolean): Promise<{ status: number; body: Body } | null> {
  for (let i = 0; i < 400; i++) {
    let status = 0;
    let body: Body | string = {};
    let error: string | undefined;
    try {
      const r = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      status = r.status;
      const text = await r.text();
      try {
        body = JSON.parse(text) as Body;
      } catch {
        body = text;
      }
    } catch (e) {
      error = (e as Error).cause ? String(((e as Error).cause as Error).message ?? (e as Error).cause) : (e as Error).message;
    }
    const ok = okStatus(status);
    const retryable = !ok && RETRYABLE.has(status);
    attempts.push({
      at: Date.now(),
      kind,
      status,
      ok,
      retryable,
      ...(error ? { error } : {}),
      ...(!ok && !retryable ? { error: JSON.stringify(body).slice(0, 300) } : {}),
    });
    if (ok || !retryable) return { status, body: typeof body === 'string' ? {} : body };
    if (stopping && i > 200) return null;
    await sleep(250);
  }
  return null;
}

interface Citizen {
  cookie: string;
  csrf: string;
  data: Record<string, unknown>;
}

async function submit(c: Citizen, components: string[]) {
  const key = randomUUID();
  const form = () => {
    const f = new FormData();
    f.append('payload', JSON.stringify({ procedureCode: PROCEDURE, data: c.data }));
    for (const k of components) f.append(`file:${k}`, new Blob([DEMO_PDF], { type: 'application/pdf' }), `${k}.pdf`);
    return f;
  };
  // A FormData body is consumed by the first fetch: build it again for each repeat.
  for (let i = 0; i < 400; i++) {
    const r = await send(
      'submit',
      `${LB}/api/v1/dossiers`,
      { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'idempotency-key': key }, body: form() },
      (s) => s === 201 || s === 200,
    );
    if (!r) return null;
    if (r.status === 201 || r.status === 200) {
      const d = r.body.dossier!;
      acked.push({ key, id: d.id, code: d.code, at: Date.now() });
      return d;
    }
    return null; // refused: counted as a non-retryable error
  }
  return null;
}

async function receive(officer: { cookie: string; csrf: string }, d: { id: string; version: number }) {
  // The same key on every repeat: a repeat whose first answer was lost answers 200, not 409 "changed".
  const key = randomUUID();
  const r = await send(
    'receive',
    `${LB}/api/v1/dossiers/${d.id}/actions/receive`,
    {
      method: 'POST',
      headers: { cookie: officer.cookie, 'x-csrf-token': officer.csrf, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ version: d.version }),
    },
    (s) => s === 200,
  );
  if (r?.status === 200) received.push(d.id);
}

async function pay(c: Citizen, dossierId: string) {
  const r = await send(
    'pay',
    `${LB}/api/v1/dossiers/${dossierId}/payments`,
    { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' }, body: JSON.stringify({}) },
    (s) => s === 201 || s === 200,
  );
  if (!r || (r.status !== 201 && r.status !== 200) || !r.body.payUrl) return;
  // The payer at the gateway: the sandbox marks the order paid and sends its callback to HAProxy.
  const g = await send(
    'gateway',
    r.body.payUrl,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay' },
    (s) => s === 303,
  );
  if (g?.status === 303) paidAtGateway.push({ dossierId, orderRef: r.body.orderRef!, amount: Number(r.body.amount) });
}

// ---------- main ----------

async function main() {
  for (const p of ['etcd', 'pg1', 'pg2', 'haproxy', 'sandboxes', 'app1', 'app2']) if (!pidOf(p)) throw new Error(`${p} is not running: npm run cluster first`);
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', DATABASE_URL: DB_URL, DATA_DIR: join(CLUSTER_DIR, 'app-data'), LOG_LEVEL: 'silent' } as never);
  const handle = await openDatabase({ url: DB_URL, poolMax: 4, log: () => undefined });
  const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
  say(`fault test: ${CLIENTS} clients, phases of ${PHASE_MS / 1000} s, through HAProxy ${LB}`);

  // Citizens log in through the identity service (the VNeID login use case: person + session).
  const w = await loadWorld(ctx);
  const proc = w.procedures.find((p) => p.code === PROCEDURE)!;
  const rng = createRng(Date.now() % 100000);
  const citizens: Citizen[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const person = randomPerson(rng);
    const { session } = await loginCitizen(
      ctx,
      { personalId: person.idNumber, name: person.name, address: person.address, phone: person.phone, email: person.email, birthDate: person.birthDate },
      { ip: '127.0.0.1' },
    );
    citizens.push({
      cookie: `${SESSION_COOKIE}=${session.rawId}`,
      csrf: session.csrfToken,
      data: w.cleanForm(proc, formData(proc.eForm.schema, { person }, rng))!,
    });
  }
  const components = proc.components.filter((c) => !c.optional).map((c) => c.key);
  // The desk officer logs in through the login form, through HAProxy.
  const anon = await fetch(`${LB}/api/v1/me`);
  const csrfCookie = anon.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('csrf='))!;
  const login = await fetch(`${LB}/can-bo/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfCookie.slice(5), username: 'motcua.tinh', password: DEMO_PASSWORD }).toString(),
  });
  const sid = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('sid='));
  if (!sid) throw new Error(`officer login failed: ${login.status}`);
  const me = (await (await fetch(`${LB}/api/v1/me`, { headers: { cookie: sid } })).json()) as { csrfToken: string };
  const officer = { cookie: sid, csrf: me.csrfToken };

  const np0 = (await (await fetch('http://127.0.0.1:7627/_sandbox/counts')).json()) as { duplicateSteps: number; steps: number };
  const since = new Date();
  const sinceAudit = Number((await sql<{ n: number }>`SELECT coalesce(max(id), 0)::bigint AS n FROM audit_log`.execute(ctx.db)).rows[0]!.n);

  // The load: each client submits, every 2nd dossier is received by the desk, every 3rd is paid.
  let n = 0;
  const load = Promise.all(
    citizens.map(async (c) => {
      while (!stopping) {
        const d = await submit(c, components);
        if (!d) continue;
        n++;
        if (n % 2 === 0) await receive(officer, d);
        if (n % 3 === 0) await pay(c, d.id);
      }
    }),
  );
  const events: { what: string; at: number }[] = [];
  const mark = (what: string) => events.push({ what, at: Date.now() });

  await sleep(PHASE_MS);
  say(`steady load: ${acked.length} submissions acknowledged so far`);
  // 1. one app instance
  mark('app1 killed');
  kill9(pidOf('app1'), 'app instance app1');
  await sleep(PHASE_MS);
  await restartParts();
  mark('app1 back');
  await sleep(PHASE_MS / 2);

  // 2. the primary: Patroni and its PostgreSQL
  const lead = await leader();
  if (!lead) throw new Error('no primary before the failover');
  const postmaster = Number(readFileSync(join(CLUSTER_DIR, lead.name, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  mark(`primary ${lead.name} killed`);
  const killedAt = Date.now();
  kill9(pidOf(lead.name), `Patroni of the primary ${lead.name}`);
  kill9(postmaster, `PostgreSQL primary ${lead.name} (postmaster)`);
  let promotedAt = 0;
  for (let i = 0; i < 240 && !promotedAt; i++) {
    await sleep(250);
    const l = await leader();
    if (l && l.name !== lead.name) promotedAt = Date.now();
  }
  say(promotedAt ? `Patroni promoted the standby ${(promotedAt - killedAt) / 1000} s after the kill` : 'no promotion within 60 s');
  mark('standby promoted');
  await sleep(PHASE_MS / 2);
  await restartParts(); // the old primary comes back as a standby (pg_rewind)
  for (let i = 0; i < 240; i++) {
    if ((await role(lead.name === 'pg1' ? 7650 : 7651)) === 'replica') break;
    await sleep(500);
  }
  say(`${lead.name} is back as a standby`);
  mark(`${lead.name} back as standby`);
  await sleep(PHASE_MS / 2);

  // 3. the etcd member
  mark('etcd killed');
  kill9(pidOf('etcd'), 'the etcd member');
  await sleep(PHASE_MS);
  await restartParts();
  mark('etcd back');
  await sleep(PHASE_MS);
  stopping = true;
  await load;
  const endedAt = Date.now();
  say(`load stopped: ${acked.length} submissions acknowledged, ${received.length} receptions, ${paidAtGateway.length} payments paid at the gateway`);

  // Let the workers finish: outbox messages created during the run, due now, not yet delivered.
  const db = handle.db;
  let pendingLeft = 0;
  let paidPending = 0;
  for (let i = 0; i < DRAIN_S; i++) {
    pendingLeft = Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND created_at >= ${since} AND topic NOT IN ('payments.check', 'payments.reconcile')`.execute(
          db,
        )
      ).rows[0]!.n,
    );
    const refs = paidAtGateway.map((p) => p.orderRef);
    paidPending = refs.length
      ? Number(
          (await sql<{ n: number }>`SELECT count(*)::int AS n FROM payments WHERE order_ref = ANY(${refs}::text[]) AND state <> 'paid'`.execute(db)).rows[0]!.n,
        )
      : 0;
    if (pendingLeft === 0 && paidPending === 0) break;
    await sleep(1000);
  }
  say(`outbox: ${pendingLeft} messages of the run still pending; payments paid at the gateway but not yet paid here: ${paidPending}`);

  // ---------- invariants ----------
  const failures: string[] = [];
  const check = (ok: boolean, line: string) => {
    say(`${ok ? 'PASS' : 'FAIL'} ${line}`);
    if (!ok) failures.push(line);
  };
  const keys = acked.map((a) => a.key);
  const perKey = await sql<{
    idempotency_key: string;
    n: number;
  }>`SELECT idempotency_key, count(*)::int AS n FROM dossiers WHERE idempotency_key = ANY(${keys}::text[]) GROUP BY idempotency_key`.execute(db);
  const byKey = new Map(perKey.rows.map((r) => [r.idempotency_key, r.n]));
  const missing = keys.filter((k) => !byKey.has(k)).length;
  const twice = [...byKey.values()].filter((v) => v > 1).length;
  const idsOk = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossiers WHERE id = ANY(${acked.map((a) => a.id)}::text[])`.execute(db)).rows[0]!.n,
  );
  const runDossiers = Number(
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossiers WHERE submitted_at >= ${since} AND procedure_code = ${PROCEDURE}`.execute(db)).rows[0]!.n,
  );
  check(
    missing === 0 && twice === 0 && idsOk === acked.length,
    `every acknowledged submission exists exactly once (${acked.length} acknowledged, ${missing} missing, ${twice} twice; ${runDossiers} dossiers of the run in the database - more than acknowledged only for submissions whose answer was lost and that the client stopped repeating)`,
  );
  const dupRecv = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM (SELECT dossier_id FROM dossier_events WHERE dossier_id = ANY(${received}::text[]) AND action = 'receive' GROUP BY dossier_id HAVING count(*) > 1) x`
    .execute(db)
    .catch(() => null);
  if (dupRecv) check(dupRecv.rows[0]!.n === 0, `every acknowledged reception happened once (${received.length} receptions)`);
  const np1 = (await (await fetch('http://127.0.0.1:7627/_sandbox/counts')).json()) as { duplicateSteps: number; steps: number };
  check(
    np1.duplicateSteps === np0.duplicateSteps,
    `no status step reached the national portal sandbox twice (${np1.steps - np0.steps} steps during the run, ${np1.duplicateSteps - np0.duplicateSteps} repeated)`,
  );
  for (const [name, port] of [
    ['SMS', 7625],
    ['Zalo', 7626],
  ] as const) {
    const m = (await (await fetch(`http://127.0.0.1:${port}/_sandbox/messages`)).json()) as { messages: { key: string; to: string; text: string }[] };
    const c = (await (await fetch(`http://127.0.0.1:${port}/_sandbox/counts`)).json()) as { attempts: number; repeatedKeys: number };
    const same = m.messages.length - new Set(m.messages.map((x) => `${x.to}|${x.text}`)).size;
    check(
      same === 0,
      `no ${name} message sent twice (${m.messages.length} messages; ${c.repeatedKeys} keys repeated by a retry and answered from the gateway's idempotency record)`,
    );
  }
  const doublePaid = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM (SELECT dossier_id FROM payments WHERE state = 'paid' AND created_at >= ${since} GROUP BY dossier_id HAVING count(*) > 1) x`.execute(
    db,
  );
  const refs = paidAtGateway.map((p) => p.orderRef);
  const paidHere = refs.length
    ? await sql<{
        n: number;
        total: number;
      }>`SELECT count(*)::int AS n, coalesce(sum(amount), 0)::bigint AS total FROM payments WHERE order_ref = ANY(${refs}::text[]) AND state = 'paid'`.execute(
        db,
      )
    : { rows: [{ n: 0, total: 0 }] };
  const gatewayTotal = paidAtGateway.reduce((s, p) => s + p.amount, 0);
  check(
    doublePaid.rows[0]!.n === 0 && paidHere.rows[0]!.n === paidAtGateway.length && Number(paidHere.rows[0]!.total) === gatewayTotal,
    `no payment counted twice: ${paidAtGateway.length} paid at the gateway, ${paidHere.rows[0]!.n} paid here, ${Number(paidHere.rows[0]!.total)} VND here for ${gatewayTotal} VND at the gateway; ${doublePaid.rows[0]!.n} dossiers paid twice`,
  );
  const audit = await verifyAuditChain(db);
  const auditRun = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE id > ${sinceAudit}`.execute(db)).rows[0]!.n);
  check(
    audit.ok && audit.unsealed === 0,
    `the audit chain verifies (${audit.checked} rows sealed, ${auditRun} written during the run, ${audit.unsealed} unsealed${audit.reason ? `; ${audit.reason}` : ''})`,
  );
  const bad = attempts.filter((a) => !a.ok && !a.retryable);
  check(
    bad.length === 0,
    `clients saw only retryable errors (${attempts.length} requests, ${attempts.filter((a) => a.retryable).length} retryable failures, ${bad.length} others${
      bad.length
        ? `: ${bad
            .slice(0, 5)
            .map((b) => `${b.kind} ${b.status} ${b.error ?? ''}`)
            .join('; ')}`
        : ''
    })`,
  );

  // ---------- windows ----------
  const windows: string[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (!/killed/.test(e.what)) continue;
    const next = events.slice(i + 1).find((x) => /killed/.test(x.what))?.at ?? endedAt;
    const fails = attempts.filter((a) => a.at >= e.at && a.at < next && a.retryable && a.kind !== 'gateway');
    const writesAfter = attempts.filter((a) => a.at >= e.at && a.ok && (a.kind === 'submit' || a.kind === 'receive' || a.kind === 'pay'));
    const lastFail = fails.length ? fails[fails.length - 1]!.at : e.at;
    const firstOkAfterLastFail = writesAfter.find((a) => a.at >= lastFail)?.at;
    const codes = [...new Set(fails.map((f) => (f.status === 0 ? `no answer (${f.error ?? 'connection'})` : String(f.status))))].join(', ');
    windows.push(
      `| ${e.what} | ${fails.length} | ${fails.length ? ((lastFail - fails[0]!.at) / 1000).toFixed(1) + ' s' : '-'} | ${firstOkAfterLastFail ? ((firstOkAfterLastFail - e.at) / 1000).toFixed(1) + ' s' : '-'} | ${codes || '-'} |`,
    );
  }
  const report = [
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: ${CLIENTS} clients, phases of ${PHASE_MS / 1000} s, load average at the end ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' / ')} (2 shared cores).`,
    '',
    '| fault | retryable failures seen by clients | from first to last failure | from the kill to the first write acknowledged after the last failure | answers |',
    '| --- | ---: | ---: | ---: | --- |',
    ...windows,
    '',
    `Patroni promoted the standby ${promotedAt ? ((promotedAt - killedAt) / 1000).toFixed(1) + ' s' : 'not'} after the primary was killed (ttl 10 s, loop_wait 2 s).`,
    '',
    '```',
    ...out,
    '```',
  ].join('\n');
  process.stdout.write(`\n${report}\n`);
  if (WRITE) {
    const file = join(ROOT, 'docs/cluster-fault-test.md');
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf('<!-- fault-test:start -->');
    const end = text.indexOf('<!-- fault-test:end -->');
    if (start >= 0 && end > start) writeFileSync(file, `${text.slice(0, start)}<!-- fault-test:start -->\n${report}\n${text.slice(end)}`);
  }
  await handle.close();
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  stopping = true;
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
