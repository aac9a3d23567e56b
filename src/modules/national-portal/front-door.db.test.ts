/**
 * The national portal as the front door (issue 11 item 6), through HTTP against the database and
 * the sandbox portal on a free port: a citizen submits on the portal, this system pulls it, it
 * arrives once (offered twice, in reverse order, after a lost acknowledgement), the desk and the
 * departments process it, and every status and the result go back under the portal's code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { LLTP, LLTP_FORM, TINY_PDF } from '../../test/fixtures';
import { deliverAll, loginOfficers, startTestSandboxes, walkToReturned, type Officers, type Sandboxes } from '../notifications/testkit';
import { runOutboxOnce } from '../../platform/outbox';
import { forgetSessions } from './adapter';
import { SYNC_TOPIC } from './service';
import { PULL_TOPIC, schedulePull } from './intake';

let env: TestEnv;
let sb: Sandboxes;
let o: Officers;
let monitor: Login;
const tick = () => env.clock.advance(60_000);
const AN = { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '093090001234', SoDienThoai: '0912345678' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  sb = await startTestSandboxes(env);
  o = await loginOfficers(env);
  monitor = await loginOfficer(env.app, 'giamsat');
});
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

async function portal(path: string, body: unknown): Promise<any> {
  const r = await fetch(`${sb.portal.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: r.status, json: await r.json() };
}

/** A citizen submits the criminal-record certificate (LLTP) on the portal; returns the portal's code. */
async function submitOnPortal(over: Record<string, unknown> = {}): Promise<string> {
  const r = await portal('/_sandbox/submissions', {
    MaTTHC: LLTP,
    ChuHoSo: AN,
    TrichYeuHoSo: 'Cấp Phiếu lý lịch tư pháp số 1',
    DuLieuBieuMau: LLTP_FORM,
    TepDinhKem: [{ MaThanhPhanHoSo: 'to-khai', TenTepDinhKem: 'to-khai.pdf', LoaiTep: 'application/pdf', DuLieuTepDinhKem: TINY_PDF.toString('base64') }],
    ...over,
  });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.MaHoSo;
}

async function pull(who: Login = monitor) {
  return env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull', headers: authHeaders(who) });
}

const countDossiers = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const countInbound = async () =>
  Number(
    (
      await env.ctx.db
        .selectFrom('np_inbound')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const byPortalCode = (code: string) =>
  env.ctx.db
    .selectFrom('np_inbound')
    .innerJoin('dossiers', 'dossiers.id', 'np_inbound.dossier_id')
    .selectAll('dossiers')
    .where('np_inbound.portal_code', '=', code)
    .executeTakeFirst();

describe('the national portal as the front door', () => {
  it('a dossier submitted on the portal arrives once (offered twice, reversed, after a lost acknowledgement), is processed, and its statuses and result go back', async () => {
    const before = await countDossiers();
    await portal('/_sandbox/front-door-faults', { duplicateOffers: true, reverseOrder: true });
    const paid = await submitOnPortal({ ThanhToan: { DaThanhToan: true, SoTien: 200000, MaGiaoDich: 'GD-1', ThoiDiemThanhToan: '20260309090500' } });
    const other = await submitOnPortal();

    const first = await pull();
    expect(first.statusCode, first.body).toBe(200);
    // Reverse order and each offered twice: two new dossiers, two recognised repeats.
    expect(first.json()).toMatchObject({ offered: 4, received: 2, duplicates: 2, refused: 0, failed: [] });
    expect(first.json().results.map((r: any) => [r.portalCode, r.outcome])).toEqual([
      [other, 'received'],
      [other, 'duplicate'],
      [paid, 'received'],
      [paid, 'duplicate'],
    ]);
    const dup = first.json().results.find((r: any) => r.outcome === 'duplicate');
    expect(dup.message).toContain('đã được nhận trước đó');
    expect(await countDossiers()).toBe(before + 2);

    // A lost acknowledgement: the portal offers that dossier again; it is recognised, not created again.
    await portal('/_sandbox/front-door-faults', { duplicateOffers: false, reverseOrder: false, loseAckAnswers: 1 });
    const late = await submitOnPortal();
    const lost = await pull();
    expect(lost.json()).toMatchObject({ offered: 1, received: 1, failed: [{ portalCode: late }] });
    expect(sb.portal.frontDoor.submissions.get(late)).toMatchObject({ state: 'new' });
    const second = await pull();
    expect(second.json()).toMatchObject({ offered: 1, received: 0, duplicates: 1, refused: 0, failed: [] });
    expect(await countDossiers()).toBe(before + 3);
    expect(sb.portal.frontDoor.submissions.get(late)).toMatchObject({ state: 'acknowledged' });
    expect((await pull()).json()).toMatchObject({ offered: 0, received: 0 });
    expect(sb.portal.frontDoor.submissions.get(paid)).toMatchObject({ state: 'acknowledged' });

    // It entered the lifecycle at the reception step, online, with its form data, files and payment.
    const d = (await byPortalCode(paid))!;
    expect(d).toMatchObject({ channel: 'online', state: 'submitted', procedure_code: LLTP, applicant_id_number: AN.SoDinhDanh, applicant_name: AN.HoVaTen });
    expect(sb.portal.frontDoor.submissions.get(paid)!.MaHoSoTinh).toBe(d.code);
    const data = typeof d.data === 'string' ? JSON.parse(d.data) : d.data;
    expect(data).toMatchObject({ applicantName: LLTP_FORM.applicantName, purpose: LLTP_FORM.purpose });
    const files = await env.ctx.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', d.id).execute();
    expect(files.map((f) => [f.component_key, f.file_name, f.size])).toEqual([['to-khai', 'to-khai.pdf', TINY_PDF.length]]);
    const queue = await env.app.inject({ method: 'GET', url: '/api/v1/queues/to-receive', headers: authHeaders(o.desk) });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(JSON.stringify(queue.json())).toContain(d.code);
    // The citizen finds it among their dossiers when logged in here too (same personal ID).
    expect(d.submitter_personal_id).toBe(AN.SoDinhDanh);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/national-portal/inbound', headers: authHeaders(monitor) });
    expect(list.json().dossiers.find((r: any) => r.portalCode === paid)).toMatchObject({
      state: 'received',
      dossierId: d.id,
      payment: { paid: true, amount: 200000 },
      deliveries: 2,
    });

    // The officers process it; everything goes back to the portal under the portal's code.
    await walkToReturned(env, o, d.id, tick);
    await deliverAll(env, { topics: ['dossier.event', SYNC_TOPIC] });
    const got = sb.portal.dossiers.get(paid)!;
    expect(got.statuses).toEqual([1, 2, 4, 9, 10]);
    expect(got.data).toMatchObject({
      MaHoSo: paid,
      SoBienNhan: d.code,
      KenhThucHien: 2,
      TrangThaiHoSo: 10,
      DuocThanhToanTrucTuyen: 1,
      TaiKhoanDuocXacThucVoiVNeID: 1,
    });
    expect(got.data.DanhSachGiayToKetQua).toHaveLength(1);
    expect(got.steps.every((s) => s.MaHoSo === paid)).toBe(true);
    expect(sb.portal.dossiers.has(d.code)).toBe(false);
    // The citizen sees it on the portal.
    const page = await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(paid)}`);
    const html = await page.text();
    expect(html).toContain(`mã hồ sơ tại tỉnh ${d.code}`);
    expect(html).toContain('tải về');
    // The other one was not paid on the portal.
    await deliverAll(env, { topics: ['dossier.event', SYNC_TOPIC] });
    expect(sb.portal.dossiers.get(other)!.data).toMatchObject({ MaHoSo: other, DuocThanhToanTrucTuyen: 0, TrangThaiHoSo: 1 });
  }, 60_000);

  it('refuses an unknown procedure, a malformed hand-over and a wrong e-form with a Vietnamese reason, creates nothing and tells the portal', async () => {
    const before = await countDossiers();
    const unknown = await submitOnPortal({ MaTTHC: '9.999999' });
    const badForm = await submitOnPortal({ DuLieuBieuMau: { applicantName: 'Nguyễn Văn An' } });
    const badAgency = await submitOnPortal({ MaCoQuanTiepNhan: 'KHONG-TON-TAI' });
    const raw = await portal('/_sandbox/submissions/raw', {
      MaHoSo: 'G22.99-20260309-BAD001',
      MaTTHC: LLTP,
      ChuHoSo: { HoVaTen: 'Nguyễn Văn An', SoDinhDanh: '123' },
      DuLieuBieuMau: {},
      TepDinhKem: [],
    });
    const malformed = raw.json.MaHoSo;
    // A hand-over without its code: refused under the code the list gave.
    const noCode = (await portal('/_sandbox/submissions/raw', { MaTTHC: LLTP, ChuHoSo: AN })).json.MaHoSo;
    const r = await pull();
    expect(r.json()).toMatchObject({ offered: 5, received: 0, duplicates: 0, refused: 5, failed: [] });
    const msg = (code: string) => r.json().results.find((x: any) => x.portalCode === code).message as string;
    expect(msg(noCode)).toContain('MaHoSo');
    expect(msg(unknown)).toContain('9.999999');
    expect(msg(malformed)).toContain('Dữ liệu hồ sơ từ Cổng Dịch vụ công quốc gia không đúng định dạng');
    expect(msg(malformed)).toContain('NgayNopHoSo');
    expect(msg(malformed)).toContain('ChuHoSo.SoDinhDanh');
    expect(r.json().results.find((x: any) => x.portalCode === badForm).key).toBe('dossier.eform_invalid');
    expect(r.json().results.find((x: any) => x.portalCode === badAgency)).toMatchObject({ key: 'dossier.unit_not_receiving' });
    expect(await countDossiers()).toBe(before);
    for (const c of [unknown, badForm, badAgency, malformed, noCode])
      expect(sb.portal.frontDoor.submissions.get(c)).toMatchObject({ state: 'refused', LyDo: msg(c) });
    expect((await pull()).json()).toMatchObject({ offered: 0 });
  });

  it('a wrong credential at the portal is reported clearly and changes nothing; only monitors and admins may pull', async () => {
    await submitOnPortal();
    const [dossiers, inbound] = [await countDossiers(), await countInbound()];
    const np = env.ctx.config.nationalPortal;
    const good = np.password;
    np.password = 'sai-mat-khau';
    forgetSessions();
    const r = await pull();
    expect(r.statusCode).toBe(502);
    expect(r.json().message).toContain('Không lấy được danh sách hồ sơ từ Cổng Dịch vụ công quốc gia');
    expect(r.json().message).toContain('Sai tên đăng nhập hoặc mật khẩu');
    expect([await countDossiers(), await countInbound()]).toEqual([dossiers, inbound]);
    np.password = good;
    forgetSessions();
    expect((await pull(o.desk)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/v1/national-portal/inbound/pull' })).statusCode).toBe(401);
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/national-portal/inbound', headers: authHeaders(o.desk) })).statusCode).toBe(403);
    expect([await countDossiers(), await countInbound()]).toEqual([dossiers, inbound]);
    // With the right credential the waiting dossier comes in.
    expect((await pull()).json()).toMatchObject({ received: 1 });
  });

  it('two pulls at once (two instances) still give one dossier per portal code', async () => {
    const code = await submitOnPortal();
    const before = await countDossiers();
    const [a, b] = await Promise.all([pull(), pull()]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const outcomes = [...a.json().results, ...b.json().results].filter((r: any) => r.portalCode === code).map((r: any) => r.outcome);
    expect(outcomes).toContain('received');
    expect(outcomes.filter((x: string) => x === 'received')).toHaveLength(1);
    expect(await countDossiers()).toBe(before + 1);
    expect(sb.portal.frontDoor.submissions.get(code)).toMatchObject({ state: 'acknowledged' });
  });

  it('an intake interrupted after the dossier was created (no np_inbound row, not acknowledged) does not create it twice', async () => {
    const code = await submitOnPortal();
    expect((await pull()).json()).toMatchObject({ received: 1 });
    const d = (await byPortalCode(code))!;
    const before = await countDossiers();
    await env.ctx.db.deleteFrom('np_inbound').where('portal_code', '=', code).execute();
    sb.portal.frontDoor.submissions.get(code)!.state = 'new';
    const again = await pull();
    expect(again.json()).toMatchObject({ offered: 1, received: 0, duplicates: 1, failed: [] });
    expect(again.json().results[0]).toMatchObject({ outcome: 'duplicate', dossierId: d.id, code: d.code });
    expect(await countDossiers()).toBe(before);
    expect((await byPortalCode(code))?.id).toBe(d.id);
  });

  it('the scheduled pull brings submissions in and schedules the next one', async () => {
    const code = await submitOnPortal();
    env.ctx.config.nationalPortal.pullMinutes = 5;
    await schedulePull(env.ctx);
    env.clock.advance(5 * 60_000 + 1000);
    await runOutboxOnce(env.ctx, { topics: [PULL_TOPIC] });
    expect(await byPortalCode(code)).toBeDefined();
    const next = await env.ctx.db.selectFrom('outbox').select(['next_attempt_at']).where('topic', '=', PULL_TOPIC).where('status', '=', 'pending').execute();
    expect(next).toHaveLength(1);
    expect(next[0]!.next_attempt_at!.getTime()).toBeGreaterThan(env.clock.now().getTime());
    env.ctx.config.nationalPortal.pullMinutes = 0;
    await env.ctx.db.deleteFrom('outbox').where('topic', '=', PULL_TOPIC).execute();
  });

  it('the sandbox portal takes a citizen submission from its page (no JavaScript)', async () => {
    const form = await fetch(`${sb.portal.url}/nop-ho-so?thutuc=${LLTP}`);
    expect(await form.text()).toContain(`value="${LLTP}"`);
    const body = new URLSearchParams({
      MaTTHC: LLTP,
      HoVaTen: AN.HoVaTen,
      SoDinhDanh: AN.SoDinhDanh,
      MaThanhPhanHoSo: 'to-khai',
      DuLieuBieuMau: JSON.stringify(LLTP_FORM),
    });
    const r = await fetch(`${sb.portal.url}/nop-ho-so`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
    });
    expect(r.status).toBe(303);
    const code = decodeURIComponent(r.headers.get('location')!.split('/').pop()!);
    expect(await (await fetch(`${sb.portal.url}/ho-so/${encodeURIComponent(code)}`)).text()).toContain('Đang chuyển đến cơ quan tiếp nhận');
    expect((await pull()).json()).toMatchObject({ received: 1 });
    expect(await byPortalCode(code)).toMatchObject({ channel: 'online', state: 'submitted' });
    const bad = await fetch(`${sb.portal.url}/nop-ho-so`, {
      method: 'POST',
      body: new URLSearchParams({ MaTTHC: LLTP, HoVaTen: '', SoDinhDanh: '1' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('số định danh cá nhân');
  });

  it('monitors pull from the sync page (a form, no JavaScript) and see what came in; others may not', async () => {
    const code = await submitOnPortal();
    const form = (who: Login, csrf = who.csrf) =>
      env.app.inject({
        method: 'POST',
        url: '/quan-tri/dong-bo/lay-ho-so',
        headers: { cookie: who.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf }).toString(),
      });
    const before = await countDossiers();
    expect((await form(o.desk)).statusCode).toBe(403);
    expect((await form(monitor, 'sai')).statusCode).toBe(403);
    expect(await countDossiers()).toBe(before);
    const r = await form(monitor);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Cổng gửi 1 hồ sơ: 1 hồ sơ mới, 0 hồ sơ đã nhận trước đó');
    expect(r.body).toContain(code);
    expect(r.body).toContain('Lấy hồ sơ mới từ Cổng ngay');
    expect(await countDossiers()).toBe(before + 1);
  });

  it('with FRONT_DOOR=national the submission pages send citizens to the portal and lookup stays', async () => {
    const np = env.ctx.config.nationalPortal;
    expect(np.frontDoor).toBe('local');
    const local = await env.app.inject({ method: 'GET', url: `/nop-ho-so/${LLTP}`, headers: { accept: 'text/html' } });
    expect(local.headers.location ?? '').not.toContain(np.publicUrl);
    np.frontDoor = 'national';
    try {
      for (const [method, url] of [
        ['GET', `/nop-ho-so/${LLTP}`],
        ['POST', `/nop-ho-so/${LLTP}`],
        ['POST', `/nop-ho-so/${LLTP}/nop`],
      ] as const) {
        const r = await env.app.inject({ method, url, headers: { accept: 'text/html' } });
        expect(r.statusCode, url).toBe(303);
        expect(r.headers.location).toBe(`${np.publicUrl}/nop-ho-so?thutuc=${LLTP}`);
      }
      const lookup = await env.app.inject({ method: 'GET', url: '/tra-cuu', headers: { accept: 'text/html' } });
      expect(lookup.statusCode).toBe(200);
    } finally {
      np.frontDoor = 'local';
    }
  });
});
