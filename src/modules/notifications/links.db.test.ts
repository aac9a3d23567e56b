import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, type Login } from '../../test/login';
import { act, deliverAll, LLTP, loginOfficers, PDF, startTestSandboxes, submitAtDesk, type Officers, type Sandboxes } from './testkit';
import { dossierLink } from './handlers';
import { LLTP_FORM as FORM } from '../../test/fixtures';
import { payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let sb: Sandboxes;
let o: Officers;
let an: Login;
const topics = ['dossier.event', 'dossier.event>notifications', 'deliver.email', 'deliver.sms', 'deliver.zalo'];

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' });
  sb = await startTestSandboxes(env);
  o = await loginOfficers(env);
  an = await loginCitizen(env, '093090001234');
});
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0].replace(/[.,)]+$/, ''));
const pathOf = (url: string) => url.slice(env.ctx.config.publicUrl.length);

describe('links in notifications', () => {
  it('pure: the applicant page for an account holder, the public lookup otherwise', () => {
    expect(dossierLink('https://dvc.example', { id: 'd 1', code: 'X-1' }, { personId: 'p1' })).toBe('https://dvc.example/ho-so-cua-toi/d%201');
    expect(dossierLink('https://dvc.example', { id: 'd1', code: '000.00.01.H23-260309-0001' }, { personId: null })).toBe(
      'https://dvc.example/tra-cuu?ma=000.00.01.H23-260309-0001',
    );
  });

  it('an applicant with an account is sent to their own dossier page, which opens for them', async () => {
    const mp = payloadMultipart({ procedureCode: LLTP, data: FORM }, [pdfFile('file:to-khai', PDF)]);
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...authHeaders(an), 'content-type': mp.type },
      payload: mp.body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json().dossier as { id: string; code: string };
    await act(env, o.desk, o.desk, d.id, 'receive');
    env.clock.advance(60_000);
    await act(env, o.desk, o.desk, d.id, 'request_fee');
    await deliverAll(env, { topics });
    const texts = sb.sms.messages.filter((m) => m.text.includes(d.code)).map((m) => m.text);
    const links = texts.flatMap(linksIn);
    expect(links.length).toBeGreaterThan(0);
    expect(links.some((l) => l.includes('tra-cuu-ho-so'))).toBe(false);
    expect(links).toContain(`${env.ctx.config.publicUrl}/ho-so-cua-toi/${d.id}`);
    // Asked to pay: straight to the payment page.
    expect(links).toContain(`${env.ctx.config.publicUrl}/thanh-toan/${d.id}`);
    for (const l of new Set(links)) {
      const page = await env.app.inject({ method: 'GET', url: pathOf(l), headers: { cookie: an.cookie, accept: 'text/html' } });
      expect(page.statusCode, l).toBe(200);
      expect(page.body).toContain(d.code);
    }
  });

  it('an applicant without an account is sent to the public lookup, with the code filled in', async () => {
    const d = await submitAtDesk(env, o, { idNumber: '093199007777', name: 'Phạm Thị Khách', phone: '0977000777' });
    env.clock.advance(60_000);
    await act(env, o.desk, o.desk, d.id, 'request_supplement', { comment: 'Thiếu giấy tờ', missing: ['Bản sao CCCD'] });
    await deliverAll(env, { topics });
    const links = sb.sms.messages.filter((m) => m.text.includes(d.code)).flatMap((m) => linksIn(m.text));
    expect(links).toEqual([`${env.ctx.config.publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`]);
    const page = await env.app.inject({ method: 'GET', url: pathOf(links[0]!), headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${d.code}"`);
  });
});
