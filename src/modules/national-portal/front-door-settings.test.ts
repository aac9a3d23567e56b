import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config';
import { productionEnv } from '../../test/production-env';

describe('front-door settings (FRONT_DOOR, NATIONAL_PORTAL_PUBLIC_URL, NATIONAL_PORTAL_PULL_MINUTES)', () => {
  it('production defaults to the national portal as the front door, at dichvucong.gov.vn, pulling every 5 minutes', () => {
    const np = loadConfig(productionEnv()).nationalPortal;
    expect([np.frontDoor, np.publicUrl, np.pullMinutes]).toEqual(['national', 'https://dichvucong.gov.vn', 5]);
  });

  it('a deployment that is its own front door says so; development keeps the local pages and points at the sandbox', () => {
    expect(loadConfig(productionEnv({ FRONT_DOOR: 'local' })).nationalPortal.frontDoor).toBe('local');
    const dev = loadConfig({ NODE_ENV: 'development', NATIONAL_PORTAL_SANDBOX_PORT: '21210' } as NodeJS.ProcessEnv).nationalPortal;
    expect([dev.frontDoor, dev.publicUrl, dev.pullMinutes]).toEqual(['local', 'http://127.0.0.1:21210', 5]);
    expect(loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv).nationalPortal.pullMinutes).toBe(0);
  });

  it('refuses a bad value, naming the setting', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', FRONT_DOOR: 'both' } as NodeJS.ProcessEnv)).toThrow(/FRONT_DOOR/);
    expect(() => loadConfig({ NODE_ENV: 'test', NATIONAL_PORTAL_PULL_MINUTES: '-1' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
  });
});
