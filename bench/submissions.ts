/**
 * Online submissions at 50 concurrent clients over real HTTP, against the raw rate of single-row
 * INSERT transactions on the same PostgreSQL server, in one run:
 * `npm run bench:submissions [-- --clients 50 --seconds 20 --port 0 --no-write]`.
 * A fresh database (demo province, no dossiers) on BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); the app listens on a free port; 50 citizens
 * log in through the identity service (VNeID login use case: people row + session, as the
 * callback does); each client POSTs multipart submissions (e-form + one PDF) to
 * /api/v1/dossiers in a loop. Then 50 pg clients INSERT single rows (autocommit) into a
 * plain table. Writes "## Online submissions" in docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { buildApp } from '../src/app';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db';
import { migrateToLatest } from '../src/db/migrate';
import { seedDemoOnce } from '../src/db/seed';
import { systemClock, type Ctx } from '../src/platform/context';
import { loginCitizen } from '../src/modules/identity/service';
import { SESSION_COOKIE } from '../src/modules/identity/sessions';
import { loadWorld } from '../src/modules/dossiers/generator';
import { formData } from '../src/modules/dossiers/generator/eform-data';
import { randomPerson } from '../src/modules/dossiers/generator/names';
import { createRng } from '../src/modules/dossiers/generator/random';
import { DEMO_PDF } from '../src/modules/dossiers/generator/files';
import { writeBenchmarkSection } from './report';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : dflt;
};
const clients = Number(opt('clients', '50'));
const seconds = Number(opt('seconds', '20'));
const procedureCode = opt('procedure', '2.001417');
const write = !args.includes('--no-write');
/** The app's port (0: any free one; a shared machine gives each engineer a range). */
const port = Number(opt('port', '0'));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const NOTE = `Serial locks removed (2026-11-25): a submission used to hold two locks until its commit - the audit chain head (every
write transaction of the system queued on it) and the code counter row of (receiving agency, day). Now the audit entry is a
plain INSERT and a sealer chains committed rows afterwards (docs/decisions.md, "Audit sealing"), and the code number is taken
in its own autocommit statement before the transaction ("Dossier code numbers"). Before: 44 submissions/s at load 22.8
(69/s at load 11); after: 77-182/s in five runs at load 11-18 (the ratio 0.01-0.015).
What is left is work, not waiting: a submission is one HTTP request (session lookup, multipart parsing, e-form validation,
blob write) and, since 2026-11-25, 11 SQL round trips instead of 18: 3 reads before the transaction (the session joined with
its person; the procedure version in force with its agencies in one query; the applicant), the code number, begin + 5 inserts
+ commit, and no read after the commit (the answer is built from the rows INSERT ... RETURNING gave back). The receiving
agency's code is kept 5 s in process (the units module has no change counter; docs/decisions-dossiers.md, "Agency codes kept
5 seconds"), saving 2 reads; sessions are never cached. Client, app and PostgreSQL share the same 2 cores, and a pg pool of
25 instead of 10 measured no better. A raw insert is one round trip, so 0.25 (about one submission per 4 raw inserts) is still
out of reach for this request as built.`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
}

/** SQL statements sent by the app (every pg client query: BEGIN and COMMIT count), to report statements per submission. */
let statements = 0;
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  statements++;
  return query.apply(this, a);
} as typeof pg.Client.prototype.query;

async function loop(n: number, ms: number, one: (i: number) => Promise<boolean>): Promise<{ ok: number; failed: number; latencies: number[]; secs: number }> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      while (performance.now() < end) {
        const t = performance.now();
        const good = await one(i).catch(() => false);
        latencies.push(performance.now() - t);
        if (good) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, latencies, secs: (performance.now() - t0) / 1000 };
}

async function main() {
  const name = `bench_sub_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-sub-'));
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'warn' } as never);
    const ctx: Ctx = { db: handle.db, engine: handle.engine, config, clock: systemClock };
    await seedDemoOnce(ctx, { dossiers: false });
    const pgVersion = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(ctx.db)).rows[0]!.v;
    app = await buildApp({ ctx });
    await app.listen({ port, host: '127.0.0.1' });
    const addr = app.server.address();
    const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;

    // 50 citizens, logged in through the identity service's VNeID login; a valid e-form each.
    const w = await loadWorld(ctx);
    const proc = w.procedures.find((p) => p.code === procedureCode)!;
    const r = createRng(11);
    const users: { cookie: string; csrf: string; data: Record<string, unknown> }[] = [];
    for (let i = 0; i < clients; i++) {
      const person = randomPerson(r);
      const { session } = await loginCitizen(
        ctx,
        { personalId: person.idNumber, name: person.name, address: person.address, phone: person.phone, email: person.email, birthDate: person.birthDate },
        { ip: '127.0.0.1' },
      );
      const data = w.cleanForm(proc, formData(proc.eForm.schema, { person }, r))!;
      users.push({ cookie: `${SESSION_COOKIE}=${session.rawId}`, csrf: session.csrfToken, data });
    }
    const components = proc.components.filter((c) => !c.optional).map((c) => c.key);
    const submit = async (i: number) => {
      const u = users[i]!;
      const form = new FormData();
      form.append('payload', JSON.stringify({ procedureCode, data: u.data }));
      for (const k of components) form.append(`file:${k}`, new Blob([DEMO_PDF], { type: 'application/pdf' }), `${k}.pdf`);
      const res = await fetch(`${base}/api/v1/dossiers`, { method: 'POST', headers: { cookie: u.cookie, 'x-csrf-token': u.csrf }, body: form });
      await res.arrayBuffer();
      return res.status === 201;
    };
    if (!(await submit(0))) throw new Error('a submission was refused: check the procedure and form');
    await loop(clients, 3000, submit); // warm-up
    const before = statements;
    const subs = await loop(clients, seconds * 1000, submit);
    const perSubmission = (statements - before) / (subs.ok + subs.failed);

    // Raw single-row INSERT transactions on the same server, 50 pg clients.
    await sql`CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(ctx.db);
    const conns = await Promise.all(
      Array.from({ length: clients }, async () => {
        const c = new pg.Client({ connectionString: url.toString() });
        await c.connect();
        return c;
      }),
    );
    const payload = 'x'.repeat(200);
    const insert = async (i: number) => {
      await conns[i]!.query('INSERT INTO bench_raw (payload) VALUES ($1)', [payload]);
      return true;
    };
    await loop(clients, 2000, insert);
    const raw = await loop(clients, seconds * 1000, insert);
    await Promise.all(conns.map((c) => c.end()));

    const subRate = subs.ok / subs.secs;
    const rawRate = raw.ok / raw.secs;
    const machine = `${cpus()[0]?.model ?? 'CPU'} (${cpus().length} cores), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion} on 127.0.0.1 (same machine)`;
    const section = [
      '## Online submissions',
      '',
      `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench:submissions\` (bench/submissions.ts), ${clients} concurrent clients, ${seconds} s per phase after a warm-up, in one run:`,
      `the app listening on a port with a PostgreSQL backend, ${clients} citizens logged in through the identity service (VNeID login use case), each client POSTing`,
      `multipart online submissions (procedure ${procedureCode}: e-form validated on the server + ${components.length} PDF) to \`/api/v1/dossiers\` over HTTP (keep-alive); then ${clients} pg clients`,
      `doing single-row \`INSERT\` transactions (autocommit) into a plain table on the same server. The outbox worker was not running.`,
      `Machine: ${machine}; load average at the end ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} (the machine was shared with other work; client, app and database on the same 2 cores).`,
      '',
      '| measure | per second | p50 | p95 | failed |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| online submissions (HTTP, ${clients} clients) | ${subRate.toFixed(0)} | ${pct(subs.latencies, 50).toFixed(0)} ms | ${pct(subs.latencies, 95).toFixed(0)} ms | ${subs.failed} |`,
      `| raw single-row INSERT transactions (${clients} pg clients) | ${rawRate.toFixed(0)} | ${pct(raw.latencies, 50).toFixed(1)} ms | ${pct(raw.latencies, 95).toFixed(1)} ms | ${raw.failed} |`,
      '',
      `Ratio submissions / raw inserts: **${(subRate / rawRate).toFixed(2)}** (aim: 0.25 or more). SQL statements per submission (counted at the pg client, BEGIN and COMMIT included): ${perSubmission.toFixed(1)}.`,
      '',
      ...NOTE.split('\n'),
      '',
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    if (write) {
      writeBenchmarkSection('## Online submissions', section);
    }
  } finally {
    await app?.close();
    await handle.close();
    for (let i = 0; i < 100; i++) {
      const r = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
