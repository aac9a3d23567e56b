/** Every kind of refusal the identity module owns, and the administrator's account management. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, authHeaders, loginCitizen, loginOfficer, type Login } from '../../test/login';
import { DEMO_PASSWORD, demoOfficerId } from './demo';
import { MAX_FAILED_LOGINS } from './model';
import { LOGIN_RATE_MAX } from './login-pages';

let env: TestEnv;
let admin: Login;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true, env: { TRUST_PROXY: '127.0.0.1' } }); // client addresses vary through a trusted proxy
  admin = await loginOfficer(env.app, 'admin');
});
afterAll(() => env?.close());

const form = (f: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) for (const x of ([] as string[]).concat(v)) p.append(k, x);
  return p.toString();
};
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const HTML = { accept: 'text/html' };

async function tryLogin(username: string, password: string, ip = '10.1.1.1') {
  const anon = await anonymousCsrf(env.app);
  return env.app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: { cookie: anon.cookie, ...FORM, ...HTML, 'x-forwarded-for': ip },
    payload: form({ _csrf: anon.csrf, username, password }),
  });
}

const officerRow = (username: string) => env.ctx.db.selectFrom('officers').selectAll().where('username', '=', username).executeTakeFirst();

describe('refusals', () => {
  it('anonymous: officer pages answer 401 with the login links, the API answers 401 JSON', async () => {
    const page = await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan', headers: HTML });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('href="/can-bo/dang-nhap?next=%2Fquan-tri%2Ftai-khoan"');
    const api = await env.app.inject({ method: 'GET', url: '/api/v1/officers' });
    expect(api.statusCode).toBe(401);
    expect(api.json().error).toBe('error.unauthenticated');
    const profile = await env.app.inject({ method: 'GET', url: '/tai-khoan', headers: HTML });
    expect(profile.statusCode).toBe(401);
  });

  it('a citizen calling an officer API gets 403', async () => {
    const c = await loginCitizen(env, '093200007777');
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/officers', headers: authHeaders(c) });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('error.forbidden');
    const page = await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan', headers: { ...HTML, cookie: c.cookie } });
    expect(page.statusCode).toBe(403);
  });

  it('an officer without the admin role cannot manage accounts (403, nothing changed)', async () => {
    const s = await loginOfficer(env.app, 'motcua.tinh');
    expect((await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan', headers: { ...HTML, cookie: s.cookie } })).statusCode).toBe(403);
    const res = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${demoOfficerId('tuphap.p1')}/khoa`,
      headers: { ...FORM, ...HTML, cookie: s.cookie },
      payload: form({ _csrf: s.csrf }),
    });
    expect(res.statusCode).toBe(403);
    expect((await officerRow('tuphap.p1'))!.disabled).toBe(false);
  });

  it('a state-changing form without the CSRF token is refused (403) and changes nothing', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${demoOfficerId('tuphap.p1')}/khoa`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({}),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('error.csrf');
    const wrong = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${demoOfficerId('tuphap.p1')}/khoa`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: 'x'.repeat(43) }),
    });
    expect(wrong.statusCode).toBe(403);
    expect((await officerRow('tuphap.p1'))!.disabled).toBe(false);
  });

  it('a JSON call with the session cookie needs the x-csrf-token header', async () => {
    const c = await loginCitizen(env, '093090001234');
    const res = await env.app.inject({ method: 'POST', url: '/dang-xuat', headers: { cookie: c.cookie, 'content-type': 'application/json' }, payload: '{}' });
    expect(res.statusCode).toBe(403);
    const ok = await env.app.inject({ method: 'POST', url: '/dang-xuat', headers: { ...authHeaders(c), 'content-type': 'application/json' }, payload: '{}' });
    expect(ok.statusCode).toBe(303);
  });

  it('locks out after repeated wrong passwords, even with the right one afterwards', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await tryLogin('tuphap.tanhoa', 'wrong-password-9', '10.2.2.2');
    const res = await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.2.2.2');
    // answered as a wrong password: a locked account cannot be told from an unknown one
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    const lock = await env.ctx.db
      .selectFrom('security_limits')
      .selectAll()
      .where('key', '=', `login:${demoOfficerId('tuphap.tanhoa')}|10.2.2.2`)
      .executeTakeFirst();
    expect(lock?.locked_until).not.toBeNull();
    env.clock.advance(16 * 60_000);
    expect((await tryLogin('tuphap.tanhoa', DEMO_PASSWORD, '10.2.2.2')).statusCode).toBe(303);
  });

  it('a locked (disabled) account cannot log in and its sessions end', async () => {
    const victim = await loginOfficer(env.app, 'buudien');
    const lock = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${demoOfficerId('buudien')}/khoa`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf }),
    });
    expect(lock.statusCode).toBe(303);
    const me = await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: victim.cookie } });
    expect(me.json().actor).toBeNull();
    const res = await tryLogin('buudien', DEMO_PASSWORD);
    // the same answer as an unknown account (no username discovery); the reason is audited
    const unknown = await tryLogin('khong-co-tai-khoan-nay', DEMO_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.body).not.toContain('khóa');
    const audited = await env.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'login.failed')
      .where('entity_id', '=', demoOfficerId('buudien'))
      .execute();
    expect(audited.map((a) => (a.details as { reason?: string }).reason)).toContain('disabled');
    await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${demoOfficerId('buudien')}/mo-khoa`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf }),
    });
    expect((await tryLogin('buudien', DEMO_PASSWORD)).statusCode).toBe(303);
  });

  it('rate-limits the login form per address (429)', async () => {
    // lock the account first so that the remaining attempts are cheap (no password hashing)
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_RATE_MAX + 1; i++) codes.push((await tryLogin('chuyenvien.skhdt', 'wrong-password-1', '10.9.9.9')).statusCode);
    expect(codes.slice(0, MAX_FAILED_LOGINS - 1).every((c) => c === 401)).toBe(true);
    // locked after MAX_FAILED_LOGINS, but it answers exactly as a wrong password does
    expect(codes.slice(0, LOGIN_RATE_MAX).every((c) => c === 401)).toBe(true);
    expect(codes[LOGIN_RATE_MAX]).toBe(429);
    // another address is not affected
    expect((await tryLogin('khong-ton-tai', 'x', '10.9.9.10')).statusCode).toBe(401);
  });
});

describe('account administration', () => {
  it('creates an account with a role at a unit; the new officer logs in', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/quan-tri/tai-khoan/moi',
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({
        _csrf: admin.csrf,
        username: 'motcua.p3',
        name: 'Hồ Thị Phường Ba',
        password: 'BaPhuong2026x',
        new_role: 'reception',
        new_unit: 'hg-vithanh-p3-ubnd',
      }),
    });
    expect(res.statusCode).toBe(303);
    const s = await loginOfficer(env.app, 'motcua.p3', 'BaPhuong2026x');
    const me = (await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).json();
    expect(me.actor.roles).toEqual([{ role: 'reception', unitId: 'hg-vithanh-p3-ubnd' }]);
  });

  it('refuses a weak password, a taken username and an unknown unit, with messages', async () => {
    const post = (f: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/quan-tri/tai-khoan/moi',
        headers: { ...FORM, ...HTML, cookie: admin.cookie },
        payload: form({ _csrf: admin.csrf, name: 'X Y', ...f }),
      });
    const weak = await post({ username: 'moi.1', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('Mật khẩu cần ít nhất 10 ký tự');
    expect((await post({ username: 'admin', password: 'GoodPassword1' })).statusCode).toBe(409);
    const unit = await post({ username: 'moi.2', password: 'GoodPassword1', new_role: 'leader', new_unit: 'khong-co' });
    expect(unit.statusCode).toBe(400);
    expect(await officerRow('moi.1')).toBeUndefined();
    expect(await officerRow('moi.2')).toBeUndefined();
  });

  it('edits roles (keep some, add one) and resets a password', async () => {
    const id = demoOfficerId('congnghe.p1');
    const edit = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${id}`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf, name: 'Tổ CNS Phường I', keep: 'digital_team|hg-vithanh-p1', new_role: 'postal', new_unit: 'hg-vithanh-p1' }),
    });
    expect(edit.statusCode).toBe(303);
    const roles = await env.ctx.db.selectFrom('officer_roles').select(['role', 'unit_id']).where('officer_id', '=', id).orderBy('role').execute();
    expect(roles).toEqual([
      { role: 'digital_team', unit_id: 'hg-vithanh-p1' },
      { role: 'postal', unit_id: 'hg-vithanh-p1' },
    ]);
    const reset = await env.app.inject({
      method: 'POST',
      url: `/quan-tri/tai-khoan/${id}/mat-khau`,
      headers: { ...FORM, cookie: admin.cookie },
      payload: form({ _csrf: admin.csrf, password: 'NewSecret2026' }),
    });
    expect(reset.statusCode).toBe(303);
    expect((await tryLogin('congnghe.p1', DEMO_PASSWORD)).statusCode).toBe(401);
    await loginOfficer(env.app, 'congnghe.p1', 'NewSecret2026');
  });

  it('lists accounts on the page', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan', headers: { ...HTML, cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('chutich.tanhoa');
    expect(res.body).toContain('Quản trị');
  });

  it('names units by their name, never by id: the accounts list, an account and the officer’s own profile (issue 13.5)', async () => {
    // The test's clock is before the merger of 1/7/2025: the ward is still called Phường I.
    const list = await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan', headers: { ...HTML, cookie: admin.cookie } });
    expect(list.body).toContain('Công chức tiếp nhận (Bộ phận Một cửa) – UBND phường I');
    expect(list.body).not.toContain('<code>');
    expect(list.body).not.toMatch(/– hg-[a-z0-9-]+</);
    expect(list.body).toContain('<table class="stack">');
    const one = await env.app.inject({ method: 'GET', url: '/quan-tri/tai-khoan/officer-motcua.p1', headers: { ...HTML, cookie: admin.cookie } });
    expect(one.statusCode).toBe(200);
    expect(one.body).toMatch(/<label class="inline" for="keep-0">[^<]*UBND phường I<\/label>/);
    expect(one.body).toContain('value="reception|hg-vithanh-p1-ubnd"');
    const desk = await loginOfficer(env.app, 'motcua.p1');
    const profile = await env.app.inject({ method: 'GET', url: '/tai-khoan', headers: { ...HTML, cookie: desk.cookie } });
    expect(profile.body).toContain('– UBND phường I</li>');
    expect(profile.body).not.toContain('<code>');
  });
});
