import { describe, expect, it } from 'vitest';
import { ConfigError, esignSettings, loadConfig, paymentSettings } from '../../config';
import { productionEnv } from '../../test/production-env';

const esign = { ESIGN_URL: 'https://esign.example.vn', ESIGN_CLIENT_ID: 'hg', ESIGN_CLIENT_SECRET: 'secret-123', ESIGN_TRUSTED_ROOTS: '/etc/dvc/roots.pem' };
const payment = { PAYMENT_URL: 'https://payment.dichvucong.gov.vn', PAYMENT_PARTNER_CODE: 'HG', PAYMENT_SECRET: 'secret-456' };
const base = { DATA_DIR: './data', ESIGN_SANDBOX_PORT: 3002, PAYMENT_SANDBOX_PORT: 3003, PAYMENT_QUERY_AFTER_MIN: 10 };

describe('eSign and payment settings', () => {
  it('use the sandboxes outside production', () => {
    const c = loadConfig({});
    expect(c.esign).toMatchObject({ mode: 'sandbox', url: 'http://localhost:3002', trustedRootsFile: './data/sandbox-ca/root.pem' });
    expect(c.payment).toMatchObject({ mode: 'sandbox', url: 'http://localhost:3003', queryAfterMinutes: 10 });
  });
  it('production refuses a sandbox or missing real settings', () => {
    expect(() => esignSettings({ ...base } as any, true)).toThrow(/ESIGN_URL/);
    expect(() => esignSettings({ ...base, ESIGN_MODE: 'sandbox' } as any, true)).toThrow(/ESIGN_MODE/);
    expect(() => paymentSettings({ ...base } as any, true)).toThrow(/PAYMENT_URL/);
    expect(() => paymentSettings({ ...base, PAYMENT_MODE: 'sandbox' } as any, true)).toThrow(ConfigError);
    expect(() => paymentSettings({ ...base, ...payment, PAYMENT_URL: 'http://payment.example' } as any, true)).toThrow(/https/);
  });
  it('production takes the real gateways', () => {
    const c = loadConfig(productionEnv());
    expect([c.esign.mode, c.payment.mode]).toEqual(['real', 'real']);
    expect(() => loadConfig(productionEnv({ ESIGN_MODE: 'sandbox' }))).toThrow(/ESIGN_MODE/);
    expect(() => loadConfig(productionEnv({}, ['PAYMENT_SECRET']))).toThrow(/PAYMENT_SECRET/);
    expect(esignSettings({ ...base, ...esign } as any, true)).toMatchObject({
      mode: 'real',
      url: 'https://esign.example.vn',
      trustedRootsFile: '/etc/dvc/roots.pem',
    });
    expect(paymentSettings({ ...base, ...payment } as any, true)).toMatchObject({ mode: 'real', partnerCode: 'HG', secret: 'secret-456' });
  });
});
