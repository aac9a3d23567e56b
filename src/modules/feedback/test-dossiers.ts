/**
 * Test helper (not a test): drives a real dossier through the dossiers API to its result, the
 * way src/modules/dossiers/lifecycle.db.test.ts does, for the rating tests of this module.
 */
import type { TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { createOfficer } from '../identity/service';
import { DEMO } from '../units/demo';
import { LLTP, LLTP_FORM as FORM, TINY_PDF as PDF } from '../../test/fixtures';

export { LLTP, FORM, PDF };

export interface People {
  an: Login;
  binh: Login;
  desk: Login;
  specialist: Login;
  leader: Login;
  police: Login;
}

/** Creates the police specialist the LLTP process needs (once per env). */
export async function addPoliceOfficer(env: TestEnv): Promise<void> {
  await createOfficer(
    env.ctx,
    { kind: 'officer', id: 'test-admin', name: 'admin', roles: [{ role: 'admin', unitId: DEMO.province }] },
    { username: 'chuyenvien.ca', name: 'Lê Văn Công An', password: 'MotCua@2026', roles: [{ role: 'specialist', unitId: DEMO.congAn }] },
  );
}

export async function loginPeople(env: TestEnv): Promise<People> {
  return {
    an: await loginCitizen(env, '093090001234'),
    binh: await loginCitizen(env, '093185004321'),
    desk: await loginOfficer(env.app, 'motcua.tinh'),
    specialist: await loginOfficer(env.app, 'chuyenvien.stp'),
    leader: await loginOfficer(env.app, 'lanhdao.stp'),
    police: await loginOfficer(env.app, 'chuyenvien.ca'),
  };
}

/** Moves the clock and keeps the test sessions alive across the jump. */
export async function moveClock(env: TestEnv, t: string): Promise<void> {
  env.clock.set(t);
  const now = env.clock.now();
  await env.ctx.db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + 60 * 86_400_000) })
    .execute();
}

function multipart(fields: Record<string, string>, files: { field: string; name: string; type: string; bytes: Buffer }[]) {
  const boundary = '----feedbacktest';
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files)
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function must(res: { statusCode: number; body: string }, expected: number, what: string) {
  if (res.statusCode !== expected) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
}

/** The applicant `who` submits an LLTP dossier online; returns its id. */
export async function submitOnline(env: TestEnv, who: Login): Promise<string> {
  const mp = multipart({ payload: JSON.stringify({ procedureCode: LLTP, data: FORM }) }, [
    { field: 'file:to-khai', name: 'to-khai.pdf', type: 'application/pdf', bytes: PDF },
  ]);
  const r = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(who), 'content-type': mp.type }, payload: mp.body });
  await must(r, 201, 'submit');
  return r.json().dossier.id;
}

async function act(env: TestEnv, p: People, who: Login, id: string, action: string, body: Record<string, unknown> = {}) {
  const cur = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: authHeaders(p.desk) });
  const r = await env.app.inject({
    method: 'POST',
    url: `/api/v1/dossiers/${id}/actions/${action}`,
    headers: authHeaders(who),
    payload: { ...body, version: cur.json().dossier.version },
  });
  await must(r, 200, action);
  return r.json().dossier as { state: string };
}

/** Receive (straight to Sở Tư pháp's step), forward through Sở Tư pháp and Công an, approve, attach the result; optionally return it. */
export async function driveToResult(env: TestEnv, p: People, id: string, opts: { returnResult?: boolean } = {}): Promise<void> {
  await act(env, p, p.desk, id, 'receive'); // receiving completes the reception step
  await act(env, p, p.specialist, id, 'forward');
  await act(env, p, p.police, id, 'forward');
  await act(env, p, p.leader, id, 'approve');
  const up = multipart({ kind: 'result' }, [{ field: 'file', name: 'ket-qua.pdf', type: 'application/pdf', bytes: PDF }]);
  await must(
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/files`,
      headers: { ...authHeaders(p.leader), 'content-type': up.type },
      payload: up.body,
    }),
    201,
    'attach result',
  );
  if (opts.returnResult) await act(env, p, p.desk, id, 'return_result', { returnMethod: 'online' });
}
