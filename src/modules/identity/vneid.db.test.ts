import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { cookieFrom, loginCitizen } from '../../test/login';
import { getPerson, getPersonByPersonalId } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ vneid: true });
});
afterAll(() => env?.close());

describe('VNeID login through the sandbox (OIDC code + PKCE)', () => {
  it('logs a demo citizen in and exposes the identity to other modules', async () => {
    const s = await loginCitizen(env, '093185004321');
    const me = (await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).json();
    expect(me.actor).toMatchObject({ kind: 'citizen', name: 'Trần Thị Bình', personalId: '093185004321' });
    const p = await getPerson(env.ctx, me.actor.id);
    expect(p).toMatchObject({
      personalId: '093185004321',
      birthDate: '1985-11-02',
      gender: 'Nữ',
      phone: '0987654321',
      email: 'tranthibinh@example.vn',
      org: null,
    });
    expect(p!.address).toContain('Tân Hòa');
  });

  it('creates the people row on first login of an unknown person, and acts for an organisation when chosen', async () => {
    await env.ctx.db.deleteFrom('people').where('personal_id', '=', '093078005555').execute();
    const s = await loginCitizen(env, '093078005555', { asOrg: true });
    const me = (await env.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: s.cookie } })).json();
    expect(me.actor.orgTaxCode).toBe('6300123456');
    const p = await getPersonByPersonalId(env.ctx, '093078005555');
    expect(p).toMatchObject({ name: 'Lê Hoàng Cường', org: { taxCode: '6300123456', name: 'Công ty TNHH Nông sản Cường Phát' } });
  });

  it('refuses a callback whose state does not match the browser cookie', async () => {
    const start = await env.app.inject({ method: 'GET', url: '/dang-nhap/vneid' });
    const callback = await env.vneid!.authorize(String(start.headers.location), { personalId: '093090001234', password: 'MotCua@2026' });
    const url = new URL(callback);
    const res = await env.app.inject({ method: 'GET', url: url.pathname + url.search, headers: { cookie: 'vneid_tx=someone-else' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/dang-nhap?loi=vneid');
    expect(cookieFrom(res.headers['set-cookie'], 'sid')).toBeUndefined();
  });

  it('refuses a wrong sandbox password', async () => {
    await expect(loginCitizen(env, '093090001234', { password: 'wrong' })).rejects.toThrow();
  });
});
