/**
 * Breach alerts scheduled inside the worker (issue 12 item 3): the real outbox worker
 * (platform/worker.ts) runs the 'indicators.breach-alerts' job every 15 minutes of the test clock;
 * the holder and the unit's leader are told by inbox and e-mail (the SMTP sandbox) once per
 * dossier and window; a second run tells nobody; outside office hours nothing is sent even when a
 * dossier is within the window; when a dossier later crosses into the window, a new notice goes.
 * Runs on PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 *   D  kết hôn, received Thu 19/03 08:30 (VN), due Fri 20/03 17:00
 *   E  kết hôn, received Fri 20/03 08:30, due Mon 23/03 17:00
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { drainOutbox } from '../../platform/outbox';
import { startWorker, type Worker } from '../../platform/worker';
import { runDataReadyTasks } from '../../platform/startup';
import { authHeaders, loginOfficer } from '../../test/login';
import { DEMO } from '../units/demo';
import { demoOfficerId } from '../identity/demo';
import { startTestSandboxes, type Sandboxes } from '../notifications/testkit';
import { Flow } from './test-api-flow';
import { BREACH_ALERTS_TOPIC } from './alerts-job';
import { quietLog, waitUntil } from '../../test/workers';

let env: TestEnv;
let sb: Sandboxes;
let f: Flow;
let worker: Worker | null = null;
const ids: Record<string, string> = {};
const codes: Record<string, string> = {};
const KET_HON = '1.000894';
const HOLDER = demoOfficerId('tuphap.p1');
const LEADER = demoOfficerId('chutich.p1');

async function dossier(name: string, when: string) {
  env.clock.set(when);
  const d = await f.submit('congnghe.p1', KET_HON, { receivingUnitId: DEMO.ubndPhuong1, withFiles: true });
  ids[name] = d.id;
  codes[name] = (await env.ctx.db.selectFrom('dossiers').select('code').where('id', '=', d.id).executeTakeFirstOrThrow()).code;
  await f.file('motcua.p1', d.id, 'component', 'to-khai');
  await f.act('motcua.p1', d.id, 'receive');
  await drainOutbox(env.ctx);
}

/** Waits (real time) until `check` holds; the worker runs on its own loop. */
const until = (what: string, check: () => Promise<boolean>, ms = 30_000) => waitUntil(what, check, { wake: () => worker?.wake(), state: jobs, ms });
const jobs = () =>
  env.ctx.db.selectFrom('outbox').select(['id', 'status', 'next_attempt_at']).where('topic', '=', BREACH_ALERTS_TOPIC).orderBy('next_attempt_at').execute();
const alerts = () =>
  env.ctx.db.selectFrom('indicator_breach_alerts').select(['dossier_id', 'officer_id', 'role', 'hours']).orderBy('dossier_id').orderBy('role').execute();
const inbox = () =>
  env.ctx.db.selectFrom('notifications').select(['dossier_id', 'person_id', 'in_inbox', 'title']).where('kind', '=', 'points_at_risk').execute();
const alertMails = () => sb.smtp.mails.filter((m) => m.subject.includes('sắp quá hạn'));
/** Moves the test clock to `iso` and waits until the job of that slot has run and the next is scheduled. */
async function runSlotAt(iso: string) {
  env.clock.set(iso);
  const due = (await jobs()).filter((j) => j.status === 'pending' && j.next_attempt_at && j.next_attempt_at <= env.clock.now());
  expect(due, `a job due at ${iso}`).toHaveLength(1);
  await until(
    `the job ${due[0]!.id}`,
    async () =>
      (await jobs()).some((j) => j.id === due[0]!.id && j.status === 'delivered') &&
      (await jobs()).some((j) => j.status === 'pending' && j.next_attempt_at! > env.clock.now()),
  );
}
/** Waits until the SMTP sandbox has received `n` alert mails (the worker delivers them through the outbox). */
const mailsReach = (n: number) => until(`${n} alert mails`, async () => alertMails().length >= n, 30_000);

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-02T01:30:00Z' });
  sb = await startTestSandboxes(env, join(mkdtempSync(join(tmpdir(), 'ind-alerts-job-')), 'portal.json'));
  f = new Flow(env);
  await env.ctx.db.updateTable('officers').set({ email: 'hotich.p1@phuong1.example.vn' }).where('id', '=', HOLDER).execute();
  await env.ctx.db.updateTable('officers').set({ email: 'chutich.p1@phuong1.example.vn' }).where('id', '=', LEADER).execute();
  await dossier('D', '2026-03-19T01:30:00Z');
  await dossier('E', '2026-03-20T01:30:00Z');
  env.clock.set('2026-03-20T03:00:00Z'); // Friday 10:00 in Vietnam
  await drainOutbox(env.ctx);
  // As at start: the module's data-ready task schedules the first run (every 15 minutes).
  env.ctx.config.breachAlertMinutes = 15;
  await runDataReadyTasks(env.ctx, (m, e) => console.error(m, e));
  worker = startWorker(env.ctx, quietLog, { pollMs: 50, sealMs: 0, pruneMs: 0 });
}, 300_000);
afterAll(async () => {
  await worker?.stop();
  await sb?.close();
  await env?.close();
});

describe('breach alerts run by the worker', () => {
  it('the first run is scheduled 15 minutes after start, once however often start runs', async () => {
    await runDataReadyTasks(env.ctx, (m, e) => console.error(m, e));
    const j = await jobs();
    expect(j).toHaveLength(1);
    expect(j[0]).toMatchObject({ status: 'pending', next_attempt_at: new Date('2026-03-20T03:15:00Z') });
    expect(await alerts()).toEqual([]);
  });

  it("at 10:15 the worker tells D's holder and the leader of Phường I, by inbox and e-mail; E is not yet within 8 working hours", async () => {
    await runSlotAt('2026-03-20T03:15:00Z');
    await mailsReach(2);
    expect(await alerts()).toEqual([
      { dossier_id: ids.D, officer_id: HOLDER, role: 'holder', hours: 8 },
      { dossier_id: ids.D, officer_id: LEADER, role: 'leader', hours: 8 },
    ]);
    const notes = await inbox();
    expect(notes.map((n) => n.person_id).sort()).toEqual([LEADER, HOLDER].sort());
    for (const n of notes) expect(n).toMatchObject({ dossier_id: ids.D, in_inbox: true, title: `Hồ sơ ${codes.D} sắp quá hạn` });
    expect(
      alertMails()
        .map((m) => [m.to[0], m.subject.includes(codes.D!)])
        .sort(),
    ).toEqual([
      ['chutich.p1@phuong1.example.vn', true],
      ['hotich.p1@phuong1.example.vn', true],
    ]);
    const next = (await jobs()).filter((j) => j.status === 'pending');
    expect(next.map((j) => j.next_attempt_at)).toEqual([new Date('2026-03-20T03:30:00Z')]);
  });

  it('at 10:30 the job runs again and tells nobody a second time', async () => {
    await runSlotAt('2026-03-20T03:30:00Z');
    await drainOutbox(env.ctx); // anything the run had enqueued is out
    expect(await alerts()).toHaveLength(2);
    expect(await inbox()).toHaveLength(2);
    expect(alertMails()).toHaveLength(2);
  });

  it('on Saturday E falls within the window but nobody is told outside office hours', async () => {
    await runSlotAt('2026-03-21T03:00:00Z'); // Saturday 10:00
    const view = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/indicators/at-stake?unit=${DEMO.phuong1}`,
        headers: authHeaders(await loginOfficer(env.app, 'giamsat')),
      })
    ).json();
    expect(view.dossiers.map((d: any) => d.dossierId)).toEqual([ids.E]);
    expect(await alerts()).toHaveLength(2);
    expect(alertMails()).toHaveLength(2);
  });

  it("on Monday 09:00 E has crossed into the window: its holder and the leader get a new notice, D's are not repeated", async () => {
    await runSlotAt('2026-03-23T02:00:00Z');
    await mailsReach(4);
    expect((await alerts()).filter((a) => a.dossier_id === ids.E).map((a) => [a.officer_id, a.role])).toEqual([
      [HOLDER, 'holder'],
      [LEADER, 'leader'],
    ]);
    expect(await alerts()).toHaveLength(4);
    expect((await inbox()).filter((n) => n.dossier_id === ids.E)).toHaveLength(2);
    expect(
      alertMails()
        .filter((m) => m.subject.includes(codes.E!))
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['chutich.p1@phuong1.example.vn', 'hotich.p1@phuong1.example.vn']);
    expect(alertMails()).toHaveLength(4);
  });

  it('with the interval at 0 the job stops scheduling itself', async () => {
    env.ctx.config.breachAlertMinutes = 0;
    await runSlotAtWithoutNext('2026-03-23T02:15:00Z');
    expect((await jobs()).filter((j) => j.status === 'pending')).toEqual([]);
    expect(await alerts()).toHaveLength(4);
  });
});

async function runSlotAtWithoutNext(iso: string) {
  env.clock.set(iso);
  const due = (await jobs()).filter((j) => j.status === 'pending');
  expect(due).toHaveLength(1);
  await until(`the job ${due[0]!.id}`, async () => (await jobs()).some((j) => j.id === due[0]!.id && j.status === 'delivered'));
}
