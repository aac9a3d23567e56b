import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer, type Login } from '../../test/login';
import { startSandboxPopulation, type PopulationSandbox } from '../../../sandbox/population/server';
import { loadConfig } from '../../config';

let env: TestEnv;
let pop: PopulationSandbox;
let desk: Login;

beforeAll(async () => {
  env = await createTestEnv();
  const c = env.ctx.config.population;
  pop = await startSandboxPopulation({ port: 0, clientId: c.clientId, clientSecret: c.clientSecret });
  c.url = pop.url;
  desk = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => {
  await pop?.close();
  await env?.close();
});

const verify = (body: unknown, who: Login | null = desk, lang = 'vi') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/population/verify',
    headers: { ...(who ? authHeaders(who) : {}), 'accept-language': lang },
    payload: body as any,
  });

describe('population data', () => {
  it('confirms matching identity data', async () => {
    const r = await verify({ personalId: '093090001234', name: 'nguyễn  văn an', birthDate: '1990-05-14' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ found: true, match: true, mismatches: [], message: 'Thông tin khớp với Cơ sở dữ liệu quốc gia về dân cư.' });
  });

  it('reports a mismatch field by field, and an unknown number', async () => {
    const r = await verify({ personalId: '093090001234', name: 'Nguyễn Văn Ân', birthDate: '1990-05-15' });
    expect(r.json()).toMatchObject({ found: true, match: false, mismatches: ['name', 'birthDate'] });
    expect(r.json().message).toContain('họ và tên, ngày sinh');
    const u = await verify({ personalId: '093999999999', name: 'Ai Đó', birthDate: '2000-01-01' });
    expect(u.json()).toMatchObject({ found: false, match: false });
  });

  it('says clearly when the service is down (503), in the asker language', async () => {
    pop.state.down = true;
    const r = await verify({ personalId: '093090001234', name: 'Nguyễn Văn An', birthDate: '1990-05-14' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toMatchObject({ error: 'population.error.unavailable' });
    expect(r.json().message).toContain('Không kết nối được Cơ sở dữ liệu quốc gia về dân cư');
    const en = await verify({ personalId: '093090001234', name: 'Nguyễn Văn An', birthDate: '1990-05-14' }, desk, 'en');
    expect(en.json().message).toContain('cannot be reached');
    pop.state.down = false;
    const checks = await env.ctx.db.selectFrom('population_checks').select(['outcome']).execute();
    expect(checks.map((c) => c.outcome)).toEqual(['match', 'mismatch', 'not_found', 'unavailable', 'unavailable']);
  });

  it('refuses bad input and non-officers, and prefills from the population database', async () => {
    expect((await verify({ personalId: '123', name: 'x', birthDate: '1990-05-14' })).statusCode).toBe(400);
    expect((await verify({ personalId: '093090001234', name: 'x', birthDate: '1990-05-14' }, null)).statusCode).toBe(401);
    const { prefillFor } = await import('./service');
    expect(await prefillFor(env.ctx, '093185004321')).toMatchObject({ name: 'Trần Thị Bình', birthDate: '1985-11-02', gender: 'Nữ' });
    expect(await prefillFor(env.ctx, '093999999999')).toBeNull();
  });

  it('production never falls back to a sandbox', () => {
    const base = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      DATABASE_URL: 'postgres://h/db',
      VNEID_MODE: 'real',
      VNEID_ISSUER: 'https://id',
      VNEID_CLIENT_ID: 'a',
      VNEID_CLIENT_SECRET: 'b',
      ESIGN_MODE: 'real',
      ESIGN_URL: 'https://e',
      ESIGN_CLIENT_ID: 'a',
      ESIGN_CLIENT_SECRET: 'bbbbbbbb',
      ESIGN_TRUSTED_ROOTS: '/r.pem',
      PAYMENT_MODE: 'real',
      PAYMENT_URL: 'https://p',
      PAYMENT_PARTNER_CODE: 'a',
      PAYMENT_SECRET: 'bbbbbbbb',
    };
    const real = {
      SMTP_HOST: 'smtp.gov.vn',
      SMTP_FROM: 'a@b.vn',
      SMS_URL: 'https://sms',
      SMS_TOKEN: 'tttttttt',
      ZALO_URL: 'https://zalo',
      ZALO_TOKEN: 'tttttttt',
      NATIONAL_PORTAL_URL: 'https://dvcqg',
      NATIONAL_PORTAL_USERNAME: 'u',
      NATIONAL_PORTAL_PASSWORD: 'p',
      NATIONAL_PORTAL_MADONVI: 'H33',
      POPULATION_URL: 'https://dc',
      POPULATION_CLIENT_ID: 'c',
      POPULATION_CLIENT_SECRET: 'ssssssss',
    };
    const c = loadConfig({ ...base, ...real } as any);
    expect([c.smtp.mode, c.sms.mode, c.zalo.mode, c.nationalPortal.mode, c.population.mode]).toEqual(['real', 'real', 'real', 'real', 'real']);
    for (const k of ['SMTP_HOST', 'SMS_URL', 'ZALO_TOKEN', 'NATIONAL_PORTAL_MADONVI', 'POPULATION_URL'] as const) {
      const env2: Record<string, string> = { ...base, ...real };
      delete env2[k];
      expect(() => loadConfig(env2 as any)).toThrow(k);
    }
    expect(() => loadConfig({ ...base, ...real, SMS_MODE: 'sandbox' } as any)).toThrow(/SMS_MODE: the sandbox is not allowed in production/);
    expect(() => loadConfig({ ...base, ...real, NATIONAL_PORTAL_URL: 'http://dvcqg' } as any)).toThrow(/https/);
    expect(loadConfig({ NODE_ENV: 'development' } as any).population.mode).toBe('sandbox');
  });

  it('verifiedPersonalIds: only matched or found checks inside the window count', async () => {
    const { verifiedPersonalIds } = await import('./service');
    const now = env.ctx.clock.now();
    const win = { from: new Date(now.getTime() - 3600_000), before: new Date(now.getTime() + 1000) };
    // checked above: 093090001234 matched, 093185004321 found by prefill, 093999999999 not found
    expect(await verifiedPersonalIds(env.ctx, ['093090001234', '093185004321', '093999999999', '093000000000'], win)).toEqual(['093090001234', '093185004321']);
    expect(await verifiedPersonalIds(env.ctx, ['093090001234'], { from: new Date(now.getTime() + 1000), before: new Date(now.getTime() + 2000) })).toEqual([]);
    expect(await verifiedPersonalIds(env.ctx, [], win)).toEqual([]);
  });
});
