/**
 * Assisted submission (issue 17 item 3, item 7): an officer, postal worker or digital-team member
 * submits for a citizen with the citizen's consent (a one-time code by SMS, read back); the dossier
 * is labelled "hỗ trợ nộp" and is the citizen's from their next VNeID login. Every refusal: a clear
 * message (vi, en) and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { LLTP, LLTP_FORM, TINY_PDF as PDF } from '../../test/fixtures';
import { askConsent, assistedConsent, consentSms } from './testkit';
import { multipart, payloadMultipart, pdfFile } from '../../test/multipart';

let env: TestEnv;
let team: Login, desk: Login, postal: Login, specialist: Login, deskTinh: Login, an: Login;
const DUNG = { idNumber: '093200007777', name: 'Phạm Thị Dung' };
const CUONG = { idNumber: '093078005555', name: 'Lê Hoàng Cường' };

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, now: '2026-03-09T02:00:00Z' }); // Monday 09:00 VN
  team = await loginOfficer(env.app, 'congnghe.p1');
  desk = await loginOfficer(env.app, 'motcua.p1');
  postal = await loginOfficer(env.app, 'buudien');
  specialist = await loginOfficer(env.app, 'chuyenvien.stp');
  deskTinh = await loginOfficer(env.app, 'motcua.tinh');
  an = await loginCitizen(env, '093090001234');
});
afterAll(async () => env?.close());

const submission = (payload: unknown) => payloadMultipart(payload, [pdfFile('file:to-khai', PDF)]);
const formFor = (a: { idNumber: string; name: string }) => ({ ...LLTP_FORM, applicantName: a.name, applicantPersonalId: a.idNumber });

async function submit(who: Login, extra: Record<string, unknown>, applicant = DUNG, lang?: string) {
  const mp = submission({ procedureCode: LLTP, channel: 'assisted', applicant, data: formFor(applicant), ...extra });
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/dossiers',
    headers: { ...authHeaders(who), 'content-type': mp.type, ...(lang ? { 'accept-language': lang } : {}) },
    payload: mp.body,
  });
}
const count = async (table: 'dossiers' | 'assisted_consents' | 'outbox') =>
  Number(
    (
      await env.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const consentRow = (id: string) => env.ctx.db.selectFrom('assisted_consents').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const confirm = (who: Login, id: string, code: string, lang?: string) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/assisted-consents/${id}/confirm`,
    headers: { ...authHeaders(who), ...(lang ? { 'accept-language': lang } : {}) },
    payload: { code },
  });
const wrongOf = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('asking the citizen for consent', () => {
  it('sends a one-time code by SMS to the citizen and keeps only its hash', async () => {
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/assisted-consents',
      headers: authHeaders(team),
      payload: { procedureCode: LLTP, ...DUNG, phone: '0933 444 555' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json().consent;
    expect(c).toMatchObject({ state: 'pending', method: 'sms_code', phone: '0933***555', citizen: DUNG, attemptsLeft: 5, helper: { role: 'digital_team' } });
    expect(new Date(c.codeExpiresAt).getTime() - env.clock.now().getTime()).toBe(5 * 60_000);
    expect(c.consentText).toContain('Phạm Thị Dung');
    expect(c.consentText).toContain('093200007777');
    const sms = await consentSms(env, c.id);
    expect(sms!.to).toBe('0933444555');
    expect(sms!.body).toMatch(/^Ma xac nhan \d{6}:/); // through the SMS path, without diacritics
    const row = await consentRow(c.id);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(sms!.code);
    const outbox = await env.ctx.db.selectFrom('outbox').select(['topic', 'key']).where('id', '=', `assisted-consent:${c.id}:sms`).executeTakeFirstOrThrow();
    expect(outbox).toEqual({ topic: 'deliver.sms', key: '0933444555' });
    // Who asked is in the audit log.
    const audit = await env.ctx.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity_id', '=', c.id).execute();
    expect(audit).toEqual([{ actor_id: expect.any(String), action: 'dossier.assisted_consent.requested' }]);
    // The helper sees their own request; another helper does not (404).
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/assisted-consents/${c.id}`, headers: authHeaders(team) })).json().consent.state).toBe(
      'pending',
    );
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/assisted-consents/${c.id}`, headers: authHeaders(desk) })).statusCode).toBe(404);
  });

  it('refuses a helper without the role, a citizen and bad input, storing and sending nothing', async () => {
    const [consents, outbox] = [await count('assisted_consents'), await count('outbox')];
    const ask = (who: Login, payload: Record<string, unknown>, lang?: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/assisted-consents',
        headers: { ...authHeaders(who), ...(lang ? { 'accept-language': lang } : {}) },
        payload: { procedureCode: LLTP, ...DUNG, phone: '0933444555', ...payload },
      });
    const noRole = await ask(specialist, {});
    expect(noRole.statusCode).toBe(403);
    expect(noRole.json()).toMatchObject({ error: 'dossier.assisted.not_helper', message: expect.stringContaining('Tổ công nghệ số cộng đồng') });
    expect((await ask(specialist, {}, 'en')).json().message).toContain('community digital team');
    expect((await ask(an, {})).statusCode).toBe(403);
    const phone = await ask(team, { phone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ error: 'dossier.assisted.phone_invalid', message: 'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 0).' });
    const id = await ask(team, { idNumber: '0932' });
    expect(id.json()).toMatchObject({ error: 'dossier.assisted.citizen_fields', fields: [{ field: 'idNumber', message: 'gồm 12 chữ số' }] });
    expect((await ask(team, { procedureCode: '9.999999' })).statusCode).toBe(404);
    expect([await count('assisted_consents'), await count('outbox')]).toEqual([consents, outbox]);
  });

  it('limits codes to one phone (3 an hour)', async () => {
    const phone = '0977000111';
    for (let i = 0; i < 3; i++) await askConsent(env, team, { procedureCode: LLTP, ...CUONG, phone });
    const before = await count('outbox');
    const r = await env.app.inject({
      method: 'POST',
      url: '/api/v1/assisted-consents',
      headers: authHeaders(team),
      payload: { procedureCode: LLTP, ...CUONG, phone },
    });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Số điện thoại này đã nhận 3 mã trong một giờ. Hãy thử lại sau.');
    expect(await count('outbox')).toBe(before);
  });
});

describe('confirming the code', () => {
  it('refuses a wrong code (counting the attempt), another helper, a malformed code, and locks after 5 wrong codes', async () => {
    const { id, code } = await askConsent(env, team, { procedureCode: LLTP, ...DUNG });
    const wrong = await confirm(team, id, wrongOf(code));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'dossier.assisted.code_wrong', message: 'Mã xác nhận không đúng. Còn 4 lần nhập.' });
    expect((await confirm(team, id, wrongOf(code), 'en')).json().message).toBe('The confirmation code is wrong. 3 attempts left.');
    expect(await consentRow(id)).toMatchObject({ state: 'pending', attempts: 2, confirmed_at: null });
    // Another helper cannot confirm it, even with the right code (404, nothing changes).
    expect((await confirm(desk, id, code)).statusCode).toBe(404);
    const bad = await confirm(team, id, '12ab');
    expect(bad.json()).toMatchObject({ error: 'dossier.assisted.code_format', message: 'Mã xác nhận gồm 6 chữ số.' });
    expect(await consentRow(id)).toMatchObject({ state: 'pending', attempts: 2 });
    await confirm(team, id, wrongOf(code));
    await confirm(team, id, wrongOf(code));
    const fifth = await confirm(team, id, wrongOf(code));
    expect(fifth.statusCode).toBe(409);
    expect(fifth.json().message).toBe('Đã nhập sai mã 5 lần: yêu cầu đồng ý này bị khóa. Hãy gửi mã mới.');
    // Locked: even the right code is refused now.
    expect((await confirm(team, id, code)).json().error).toBe('dossier.assisted.code_locked');
    expect(await consentRow(id)).toMatchObject({ state: 'locked', attempts: 5, confirmed_at: null });
    const audit = await env.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'dossier.assisted_consent.requested',
      ...Array(4).fill('dossier.assisted_consent.wrong_code'),
      'dossier.assisted_consent.locked',
    ]);
  });

  it('refuses an expired code', async () => {
    const { id, code } = await askConsent(env, team, { procedureCode: LLTP, ...DUNG });
    env.clock.set(new Date(env.clock.now().getTime() + 5 * 60_000));
    const r = await confirm(team, id, code);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe('Mã xác nhận đã hết hạn (sau 5 phút). Hãy gửi mã mới.');
    expect(await consentRow(id)).toMatchObject({ state: 'pending', confirmed_at: null });
  });

  it('confirms the right code once', async () => {
    const { id, code } = await askConsent(env, team, { procedureCode: LLTP, ...DUNG });
    const r = await confirm(team, id, code);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().consent).toMatchObject({ state: 'confirmed', confirmedAt: env.clock.now().toISOString() });
    const again = await confirm(team, id, code);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('dossier.assisted.already_confirmed');
  });
});

describe('submitting for the citizen', () => {
  it('refuses an assisted submission without consent, or with a consent that does not fit, and changes nothing', async () => {
    const dossiers = await count('dossiers');
    const none = await submit(team, {});
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ error: 'dossier.assisted.consent_required', message: expect.stringContaining('cần sự đồng ý của công dân') });
    expect((await submit(team, {}, DUNG, 'en')).json().message).toContain("needs the citizen's consent");
    // Not confirmed yet.
    const pending = await askConsent(env, team, { procedureCode: LLTP, ...DUNG });
    const p = await submit(team, { consentId: pending.id });
    expect(p.statusCode).toBe(409);
    expect(p.json().message).toBe('Công dân chưa xác nhận đồng ý: hãy nhập mã đã gửi tới điện thoại của công dân.');
    // Another citizen's consent.
    const cuong = await assistedConsent(env, team, { procedureCode: LLTP, ...CUONG });
    const other = await submit(team, { consentId: cuong });
    expect(other.statusCode).toBe(400);
    expect(other.json().error).toBe('dossier.assisted.consent_other_citizen');
    // Another helper's consent: not found for them.
    expect((await submit(desk, { consentId: cuong }, CUONG)).statusCode).toBe(404);
    // A helper without a helper role cannot use the assisted channel at all.
    const noRole = await submit(specialist, { consentId: cuong }, CUONG);
    expect(noRole.statusCode).toBe(403);
    expect(noRole.json().error).toBe('dossier.channel_not_allowed');
    // A citizen cannot either.
    expect((await submit(an, { consentId: cuong }, CUONG)).statusCode).toBe(403);
    // A consent more than 30 minutes old.
    env.clock.set(new Date(env.clock.now().getTime() + 31 * 60_000));
    const stale = await submit(team, { consentId: cuong }, CUONG);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('Sự đồng ý đã quá 30 phút mà chưa nộp hồ sơ; hãy xin lại sự đồng ý.');
    expect(await count('dossiers')).toBe(dossiers);
    expect(await consentRow(cuong)).toMatchObject({ state: 'confirmed', dossier_id: null, used_at: null });
    expect(await consentRow(pending.id)).toMatchObject({ state: 'pending', dossier_id: null });
  });

  let dossierId = '';
  it('submits with the consent: labelled assisted, the consent used up, the helper in the history and the audit log', async () => {
    const consentId = await assistedConsent(env, team, { procedureCode: LLTP, ...DUNG });
    const r = await submit(team, { consentId });
    expect(r.statusCode, r.body).toBe(201);
    const d = r.json().dossier;
    dossierId = d.id;
    expect(d).toMatchObject({ channel: 'assisted', state: 'submitted', applicant: { idNumber: DUNG.idNumber, name: DUNG.name } });
    expect(await consentRow(consentId)).toMatchObject({ state: 'used', dossier_id: d.id });
    const ev = await env.ctx.db
      .selectFrom('dossier_events')
      .select(['action', 'actor_name', 'data'])
      .where('dossier_id', '=', d.id)
      .where('seq', '=', 1)
      .executeTakeFirstOrThrow();
    expect(ev.actor_name).toBe((await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: authHeaders(team) })).json().actor.name);
    expect(ev.data).toMatchObject({ assisted: { consentId, helperRole: 'digital_team', method: 'sms_code' } });
    const audit = await env.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'details'])
      .where('entity_id', 'in', [consentId, d.id])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'dossier.assisted_consent.requested',
      'dossier.assisted_consent.confirmed',
      'dossier.assisted_consent.used',
      'dossier.submit',
    ]);
    expect(new Set(audit.map((a) => a.actor_id)).size).toBe(1);
    // The API says who helped.
    const got = await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: authHeaders(team) });
    expect(got.json().assisted).toMatchObject({ helper: { role: 'digital_team' }, method: 'sms_code', consentedAt: expect.any(String) });
    // One consent, one dossier.
    const dossiers = await count('dossiers');
    const again = await submit(team, { consentId });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe('Sự đồng ý này đã được dùng cho một hồ sơ; mỗi lần đồng ý chỉ dùng cho một hồ sơ. Hãy xin lại sự đồng ý.');
    expect(await count('dossiers')).toBe(dossiers);
  });

  it('lets the desk and the postal point help too', async () => {
    for (const who of [desk, postal]) {
      const consentId = await assistedConsent(env, who, { procedureCode: LLTP, ...CUONG });
      const r = await submit(who, { consentId }, CUONG);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().dossier.channel).toBe('assisted');
    }
    // Their default channel stays their own (in person, by post) when none is asked for.
    const rows = await env.ctx.db.selectFrom('assisted_consents').select('helper_role').where('state', '=', 'used').execute();
    expect(new Set(rows.map((r) => r.helper_role))).toEqual(new Set(['digital_team', 'reception', 'postal']));
  });

  it('is the citizen’s at their next VNeID login: listed, readable, and they act on it as owner', async () => {
    const dung = await loginCitizen(env, DUNG.idNumber);
    const mine = await env.app.inject({ method: 'GET', url: '/api/v1/me/dossiers', headers: authHeaders(dung) });
    expect(mine.statusCode).toBe(200);
    expect(JSON.stringify(mine.json())).toContain(dossierId);
    const page = await env.app.inject({ method: 'GET', url: '/ho-so-cua-toi', headers: authHeaders(dung) });
    expect(page.body).toContain('Hỗ trợ nộp');
    const one = await env.app.inject({ method: 'GET', url: `/ho-so-cua-toi/${dossierId}`, headers: authHeaders(dung) });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('nộp thay bạn với sự đồng ý của bạn');
    // Another citizen does not see it.
    expect((await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: authHeaders(an) })).statusCode).toBe(404);
    // The desk asks for a supplement; the citizen (not the helper) provides it.
    const cur = (await env.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: authHeaders(deskTinh) })).json().dossier;
    const asked = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/actions/request_supplement`,
      headers: authHeaders(deskTinh),
      payload: { version: cur.version, comment: 'Thiếu', missing: ['Bản sao CCCD'] },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const back = await env.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossierId}/actions/supplement`,
      headers: authHeaders(dung),
      payload: { version: asked.json().dossier.version, comment: 'Đã bổ sung' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().dossier.state).toBe('submitted');
  });
});

describe('the screens, without JavaScript (POST and redirect)', () => {
  const html = { accept: 'text/html' };
  const get = (url: string, who: Login, lang?: string) =>
    env.app.inject({ method: 'GET', url, headers: { ...html, cookie: who.cookie, ...(lang ? { 'accept-language': lang } : {}) } });
  const post = (url: string, who: Login, fields: Record<string, string>) =>
    env.app.inject({
      method: 'POST',
      url,
      headers: { ...html, cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
    });

  it('asks consent, refuses a wrong code on the page, then takes the dossier for the consenting citizen', async () => {
    const step1 = await get(`/can-bo/tiep-nhan?ma=${LLTP}&kenh=assisted`, desk);
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain('Bước 1. Sự đồng ý của công dân');
    expect(step1.body).not.toContain('name="applicantName"'); // no dossier form before consent
    // A bad phone: the page again, with the message, nothing stored.
    const consents = await count('assisted_consents');
    const badPhone = await post('/can-bo/tiep-nhan/dong-y', desk, { ma: LLTP, idNumber: DUNG.idNumber, name: DUNG.name, phone: '123' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('Số điện thoại di động không hợp lệ');
    expect(await count('assisted_consents')).toBe(consents);
    const asked = await post('/can-bo/tiep-nhan/dong-y', desk, { ma: LLTP, idNumber: DUNG.idNumber, name: DUNG.name, phone: '0933444555' });
    expect(asked.statusCode, asked.body.slice(0, 300)).toBe(303);
    const id = new URL(String(asked.headers.location), 'http://x').searchParams.get('dongY')!;
    const pending = await get(String(asked.headers.location), desk);
    expect(pending.body).toContain('Đã gửi mã xác nhận tới 0933***555');
    const { code } = (await consentSms(env, id))!;
    const wrong = await post(`/can-bo/tiep-nhan/dong-y/${id}`, desk, { code: wrongOf(code) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mã xác nhận không đúng. Còn 4 lần nhập.');
    expect(wrong.body).not.toContain('name="applicantName"');
    // Another helper's consent page: not found.
    expect((await post(`/can-bo/tiep-nhan/dong-y/${id}`, team, { code })).statusCode).toBe(404);
    const right = await post(`/can-bo/tiep-nhan/dong-y/${id}`, desk, { code });
    expect(right.statusCode).toBe(303);
    const form = await get(String(right.headers.location), desk);
    expect(form.body).toContain('đã đồng ý lúc');
    expect(form.body).toContain(`name="consentId" value="${id}"`);
    expect(form.body).toContain(`value="${DUNG.idNumber}"`);
    // The submission through the entry form.
    const fields: Record<string, string> = {
      _csrf: desk.csrf,
      ma: LLTP,
      kenh: 'assisted',
      consentId: id,
      'applicant.kind': 'citizen',
      'applicant.idNumber': DUNG.idNumber,
      'applicant.name': DUNG.name,
    };
    for (const [k, v] of Object.entries(formFor(DUNG))) fields[k] = String(v);
    const mp = multipart(fields, [pdfFile('file:to-khai', PDF)]);
    const sent = await env.app.inject({
      method: 'POST',
      url: '/can-bo/tiep-nhan',
      headers: { ...html, cookie: desk.cookie, 'content-type': mp.type },
      payload: mp.body,
    });
    expect(sent.statusCode, sent.body.match(/role="alert"[^]*?<\/div>/)?.[0]).toBe(303);
    const dossier = String(sent.headers.location).split('/')[3]!.split('?')[0]!;
    expect(await consentRow(id)).toMatchObject({ state: 'used', dossier_id: dossier });
    const ws = await get(`/can-bo/ho-so/${dossier}`, desk);
    expect(ws.body).toContain('<span class="tag assisted">Hỗ trợ nộp</span>');
    expect(ws.body).toContain('công chức Bộ phận Một cửa');
    const en = await get(`/can-bo/ho-so/${dossier}`, desk, 'en');
    expect(en.body).toContain('Assisted submission');
    expect(en.body).toContain('the citizen consented by SMS code');
  });
});

describe('the figures', () => {
  it('count a received assisted dossier as assisted, not as the citizen’s own online submission', async () => {
    const { refreshDossierFacts } = await import('../indicators/facts-handler');
    // Receive every assisted dossier of this file, and one the citizen An submitted himself online.
    const mp = submission({ procedureCode: LLTP, data: LLTP_FORM });
    const own = await env.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...authHeaders(an), 'content-type': mp.type }, payload: mp.body });
    expect(own.statusCode, own.body).toBe(201);
    const rows = await env.ctx.db.selectFrom('dossiers').select(['id', 'channel', 'version', 'state']).execute();
    for (const d of rows) {
      if (d.state !== 'submitted') continue;
      const r = await env.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/actions/receive`,
        headers: authHeaders(deskTinh),
        payload: { version: d.version },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    for (const d of rows) await refreshDossierFacts(env.ctx, d.id);
    const facts = await env.ctx.db.selectFrom('indicator_dossier_facts').select(['channel', 'online']).execute();
    const assisted = rows.filter((d) => d.channel === 'assisted').length;
    expect(facts.filter((f) => f.channel === 'assisted')).toHaveLength(assisted);
    const r = await env.app.inject({ method: 'GET', url: '/api/v1/indicators/channels?period=2026-03' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ assisted, selfService: 1, inPerson: 0, post: 0, received: assisted + 1 });
    expect(r.json().assistedOfOnline).toBeCloseTo(assisted / (assisted + 1), 3);
    // The dashboard shows the breakdown.
    const monitor = await loginOfficer(env.app, 'giamsat');
    const page = await env.app.inject({ method: 'GET', url: '/chi-so?period=2026-03', headers: { cookie: monitor.cookie, accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hồ sơ tiếp nhận theo hình thức nộp');
    expect(page.body).toMatch(new RegExp(`Hỗ trợ nộp</th><td[^>]*>${assisted}</td>`));
    expect(page.body).toMatch(/Người dân tự nộp trực tuyến<\/th><td[^>]*>1<\/td>/);
  });
});
