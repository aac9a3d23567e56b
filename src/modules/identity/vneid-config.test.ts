import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, vneidSettings } from '../../config';
import { productionEnv } from '../../test/production-env';

const base = { VNEID_SANDBOX_PORT: 3001 } as Parameters<typeof vneidSettings>[0];
const real = { ...base, VNEID_ISSUER: 'https://sso.vneid.gov.vn/', VNEID_CLIENT_ID: 'hg', VNEID_CLIENT_SECRET: 's3cret' };
const site = 'https://dichvucong.haugiang.gov.vn';

describe('VNeID settings', () => {
  it('uses the sandbox outside production by default', () => {
    const c = loadConfig({});
    expect(c.vneid).toMatchObject({
      mode: 'sandbox',
      issuer: 'http://localhost:3001',
      sandboxPort: 3001,
      redirectUri: 'http://localhost:3000/dang-nhap/vneid/callback',
    });
  });
  it('never falls back to the sandbox in production', () => {
    expect(() => vneidSettings(base, true, site)).toThrow(ConfigError);
    expect(() => vneidSettings(base, true, site)).toThrow(/VNEID_ISSUER/);
    expect(() => vneidSettings({ ...real, VNEID_MODE: 'sandbox' }, true, site)).toThrow(/VNEID_MODE/);
    expect(() => vneidSettings({ ...real, VNEID_ISSUER: 'http://vneid.example' }, true, site)).toThrow(/https/);
  });
  it('accepts the real provider in production', () => {
    // The complete production environment (every real setting) loads, VNeID included.
    expect(loadConfig(productionEnv()).vneid).toMatchObject({
      mode: 'real',
      issuer: 'https://sso.vneid.gov.vn',
      redirectUri: 'https://dichvucong.haugiang.gov.vn/dang-nhap/vneid/callback',
    });
    expect(() => loadConfig(productionEnv({ VNEID_ISSUER: 'http://vneid.example' }))).toThrow(/https/);
    expect(vneidSettings(real, true, site)).toEqual({
      mode: 'real',
      issuer: 'https://sso.vneid.gov.vn',
      clientId: 'hg',
      clientSecret: 's3cret',
      redirectUri: `${site}/dang-nhap/vneid/callback`,
      sandboxPort: 3001,
    });
  });
  it('needs all three settings in real mode', () => {
    expect(() => loadConfig({ VNEID_MODE: 'real', VNEID_ISSUER: 'https://x.example' })).toThrow(/VNEID_CLIENT_ID/);
  });
});
