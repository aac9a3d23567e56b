import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { PRODUCTION_ENV, productionEnv } from './test/production-env';

describe('production settings (complete environment from src/test/production-env.ts)', () => {
  it('the complete production environment loads, with every integration real', () => {
    const c = loadConfig(productionEnv());
    expect(c.production).toBe(true);
    expect(c.vneid.mode).toBe('real');
    expect(c.esign.mode).toBe('real');
    expect(c.payment.mode).toBe('real');
    expect([c.smtp.mode, c.sms.mode, c.zalo.mode, c.nationalPortal.mode, c.population.mode]).toEqual(['real', 'real', 'real', 'real', 'real']);
  });

  const refusals: [string, NodeJS.ProcessEnv, RegExp][] = [
    ['VNeID sandbox', productionEnv({ VNEID_MODE: 'sandbox' }), /VNEID_MODE/],
    ['VNeID without a client secret', productionEnv({}, ['VNEID_CLIENT_SECRET']), /VNEID_CLIENT_SECRET/],
    ['eSign sandbox', productionEnv({ ESIGN_MODE: 'sandbox' }), /ESIGN_MODE/],
    ['eSign without trusted roots', productionEnv({}, ['ESIGN_TRUSTED_ROOTS']), /ESIGN_TRUSTED_ROOTS/],
    ['payment sandbox', productionEnv({ PAYMENT_MODE: 'sandbox' }), /PAYMENT_MODE/],
    ['payment over http', productionEnv({ PAYMENT_URL: 'http://payment.example.vn' }), /https/],
    ['SMTP without a host', productionEnv({}, ['SMTP_HOST']), /SMTP_HOST/],
    ['SMS sandbox', productionEnv({ SMS_MODE: 'sandbox' }), /SMS_MODE/],
    ['Zalo without a token', productionEnv({}, ['ZALO_TOKEN']), /ZALO_TOKEN/],
    ['national portal without its unit code', productionEnv({}, ['NATIONAL_PORTAL_MADONVI']), /NATIONAL_PORTAL_MADONVI/],
    ['population sandbox', productionEnv({ POPULATION_MODE: 'sandbox' }), /POPULATION_MODE/],
    ['no session secret', productionEnv({}, ['SESSION_SECRET']), /SESSION_SECRET/],
  ];
  for (const [what, env, names] of refusals) {
    it(`refuses ${what}, naming the setting`, () => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(names);
    });
  }

  it('the fixture is frozen (tests cannot spoil it for each other)', () => {
    expect(Object.isFrozen(PRODUCTION_ENV)).toBe(true);
  });
});
