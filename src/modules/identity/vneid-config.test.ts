import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';

const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://h/d', SESSION_SECRET: 'x'.repeat(40) };

describe('VNeID settings', () => {
  it('uses the sandbox outside production by default', () => {
    const c = loadConfig({});
    expect(c.vneid).toMatchObject({ mode: 'sandbox', issuer: 'http://localhost:3001', sandboxPort: 3001, redirectUri: 'http://localhost:3000/dang-nhap/vneid/callback' });
  });
  it('never falls back to the sandbox in production', () => {
    expect(() => loadConfig(prod)).toThrow(ConfigError);
    expect(() => loadConfig(prod)).toThrow(/VNEID_ISSUER/);
    expect(() => loadConfig({ ...prod, VNEID_MODE: 'sandbox' })).toThrow(/VNEID_MODE/);
    expect(() => loadConfig({ ...prod, VNEID_ISSUER: 'http://vneid.example', VNEID_CLIENT_ID: 'a', VNEID_CLIENT_SECRET: 'b' })).toThrow(/https/);
  });
  it('accepts the real provider in production', () => {
    const c = loadConfig({ ...prod, PUBLIC_URL: 'https://dichvucong.haugiang.gov.vn/', VNEID_ISSUER: 'https://sso.vneid.gov.vn/', VNEID_CLIENT_ID: 'hg', VNEID_CLIENT_SECRET: 's3cret' });
    expect(c.vneid).toEqual({ mode: 'real', issuer: 'https://sso.vneid.gov.vn', clientId: 'hg', clientSecret: 's3cret', redirectUri: 'https://dichvucong.haugiang.gov.vn/dang-nhap/vneid/callback', sandboxPort: 3001 });
  });
  it('needs all three settings in real mode', () => {
    expect(() => loadConfig({ VNEID_MODE: 'real', VNEID_ISSUER: 'https://x.example' })).toThrow(/VNEID_CLIENT_ID/);
  });
});
