/** Test support shared by the notifications, national-portal and population tests: sandboxes on free ports and a dossier walk through the API. */
import { expect } from 'vitest';
import type { TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { DEMO } from '../units/demo';
import { startSmtpSink, type SmtpSink } from '../../../sandbox/email/smtp-sink';
import { startSandboxSms, type GatewaySandbox } from '../../../sandbox/sms/server';
import { startSandboxZalo } from '../../../sandbox/zalo/server';
import { startSandboxNationalPortal, type NationalPortalSandbox } from '../../../sandbox/national-portal/server';
import { assistedConsent } from '../dossiers/testkit';
import { LLTP, LLTP_FORM, TINY_PDF as PDF } from '../../test/fixtures';

export { LLTP, PDF };

export interface Sandboxes {
  smtp: SmtpSink;
  sms: GatewaySandbox;
  zalo: GatewaySandbox;
  portal: NationalPortalSandbox;
  close(): Promise<void>;
}

/** Starts the channel and portal sandboxes on free ports and points env's settings at them. */
export async function startTestSandboxes(env: TestEnv, portalFile?: string): Promise<Sandboxes> {
  const c = env.ctx.config;
  const smtp = await startSmtpSink({ port: 0 });
  const sms = await startSandboxSms({ port: 0, token: c.sms.token });
  const zalo = await startSandboxZalo({ port: 0, token: c.zalo.token });
  const np = c.nationalPortal;
  const portal = await startSandboxNationalPortal({ port: 0, username: np.username, password: np.password, madonvi: np.madonvi, file: portalFile });
  c.smtp.port = smtp.port;
  c.sms.url = sms.url;
  c.zalo.url = zalo.url;
  c.nationalPortal.url = portal.url;
  return {
    smtp,
    sms,
    zalo,
    portal,
    async close() {
      await Promise.all([smtp.close(), sms.close(), zalo.close(), portal.close()]);
    },
  };
}

export interface Officers {
  desk: Login;
  /** The community digital team: it submits essential services with the applicant (no paper from 1/10/2025). */
  digital: Login;
  specialist: Login;
  leader: Login;
  police: Login;
}

export async function loginOfficers(env: TestEnv): Promise<Officers> {
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'chuyenvien.ca', name: 'Lê Văn Công An', password: 'MotCua@2026', roles: [{ role: 'specialist', unitId: DEMO.congAn }] },
  );
  return {
    desk: await loginOfficer(env.app, 'motcua.tinh'),
    digital: await loginOfficer(env.app, 'congnghe.p1'),
    specialist: await loginOfficer(env.app, 'chuyenvien.stp'),
    leader: await loginOfficer(env.app, 'lanhdao.stp'),
    police: await loginOfficer(env.app, 'chuyenvien.ca'),
  };
}

function multipart(payload: unknown, files: { field: string; name: string; type: string; bytes: Buffer }[], boundary = '----nttest') {
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n`)];
  for (const f of files)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * A dossier the centre opens for the applicant. The criminal-record certificate is one of the 25
 * essential services: from 1/10/2025 no paper dossier is taken for it (Chỉ thị 24/CT-TTg), so the
 * digital team submits it online with the applicant (channel "assisted"); the desk then receives it.
 */
export async function submitAtDesk(env: TestEnv, o: Officers, applicant: { idNumber: string; name: string; phone?: string; email?: string }) {
  const data = {
    ...LLTP_FORM,
    applicantName: applicant.name,
    applicantPersonalId: applicant.idNumber,
    ...(applicant.phone ? { applicantPhone: applicant.phone } : {}),
  };
  const consentId = await assistedConsent(env, o.digital, { procedureCode: LLTP, idNumber: applicant.idNumber, name: applicant.name });
  const mp = multipart({ procedureCode: LLTP, applicant, data, consentId }, [{ field: 'file:to-khai', name: 'scan.pdf', type: 'application/pdf', bytes: PDF }]);
  const r = await env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(o.digital), 'content-type': mp.type },
    payload: mp.body,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().dossier as { id: string; code: string };
}

export async function act(env: TestEnv, who: Login, reader: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(reader) });
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { ...body, version: cur.json().dossier.version },
  });
  expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  return r.json().dossier;
}

export async function attachResult(env: TestEnv, who: Login, id: string) {
  const boundary = '----ntresult';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nresult\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ket-qua.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/files`,
    headers: { ...authHeaders(who), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(r.statusCode, r.body).toBe(201);
}

/** receive -> forward (appraisal) -> forward (police) -> forward (approval) -> approve -> result -> returned. */
export async function walkToReturned(env: TestEnv, o: Officers, id: string, tick: () => void) {
  for (const [who, action, body] of [
    [o.desk, 'receive', {}], // receiving completes the reception step
    [o.specialist, 'forward', {}],
    [o.police, 'forward', {}],
    [o.leader, 'approve', {}],
  ] as const) {
    tick();
    await act(env, who, o.desk, id, action, body);
  }
  tick();
  await attachResult(env, o.leader, id);
  tick();
  await act(env, o.desk, o.desk, id, 'return_result', { returnMethod: 'online' });
}

/** Delivers everything, moving the test clock past backoffs, until nothing is pending. */
export async function deliverAll(env: TestEnv, opts: { topics?: string[]; handlerTimeoutMs?: number } = {}, maxRounds = 500) {
  const { runOutboxOnce, registeredTopics } = await import('../../platform/outbox');
  const topics = opts.topics ?? registeredTopics();
  for (let i = 0; i < maxRounds; i++) {
    const r = await runOutboxOnce(env.ctx, { topics, limit: 50, handlerTimeoutMs: opts.handlerTimeoutMs, leaseMs: 60_000 });
    if (r.claimed > 0) continue;
    const pending = await env.ctx.db.selectFrom('outbox').select('id').where('status', '=', 'pending').where('topic', 'in', topics).limit(1).execute();
    if (pending.length === 0) return;
    env.clock.advance(3_600_000 + 60_000);
    // Keep the test sessions alive across the jump (they would expire with the clock).
    const now = env.clock.now();
    await env.ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: new Date(now.getTime() + 30 * 86_400_000) })
      .execute();
  }
  // Say what is stuck: a message out of attempts holds back every later one of its key.
  const stuck = await env.ctx.db
    .selectFrom('outbox')
    .select(['topic', 'key', 'status', 'attempts', 'last_error'])
    .where('status', 'in', ['pending', 'failed'])
    .where('topic', 'in', topics)
    .orderBy('seq')
    .limit(5)
    .execute();
  throw new Error(`outbox did not drain: ${JSON.stringify(stuck)}`);
}
