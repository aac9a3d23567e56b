/**
 * A complete production environment: every real setting (no sandbox anywhere). Settings tests
 * start from it and remove or spoil ONE setting, so each test checks its own refusal while the
 * complete environment is known to load (`loadConfig(PRODUCTION_ENV)`).
 *   loadConfig(productionEnv({ ESIGN_MODE: 'sandbox' }))   // -> ConfigError naming ESIGN_MODE
 *   loadConfig(productionEnv({}, ['PAYMENT_SECRET']))       // -> ConfigError naming PAYMENT_SECRET
 */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = Object.freeze({
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://dichvucong.haugiang.gov.vn',
  DATABASE_URL: 'postgres://dvc@db.internal:5432/dvc',
  SESSION_SECRET: 'production-session-secret-0123456789abcdef',
  DATA_DIR: '/var/lib/dvc',
  VNEID_MODE: 'real',
  VNEID_ISSUER: 'https://sso.vneid.gov.vn',
  VNEID_CLIENT_ID: 'haugiang-dvc',
  VNEID_CLIENT_SECRET: 'vneid-client-secret',
  ESIGN_MODE: 'real',
  ESIGN_URL: 'https://esign.example.vn',
  ESIGN_CLIENT_ID: 'haugiang-dvc',
  ESIGN_CLIENT_SECRET: 'esign-client-secret',
  ESIGN_TRUSTED_ROOTS: '/etc/dvc/esign-roots.pem',
  PAYMENT_MODE: 'real',
  PAYMENT_URL: 'https://payment.dichvucong.gov.vn',
  PAYMENT_PARTNER_CODE: 'HG',
  PAYMENT_SECRET: 'payment-secret-456',
  SMTP_MODE: 'real',
  SMTP_HOST: 'smtp.haugiang.gov.vn',
  SMTP_FROM: 'Cổng Dịch vụ công Hậu Giang <no-reply@haugiang.gov.vn>',
  SMS_MODE: 'real',
  SMS_URL: 'https://sms-brandname.example.vn/api',
  SMS_TOKEN: 'sms-token',
  ZALO_MODE: 'real',
  ZALO_URL: 'https://business.openapi.zalo.me',
  ZALO_TOKEN: 'zalo-token',
  NATIONAL_PORTAL_MODE: 'real',
  NATIONAL_PORTAL_URL: 'https://api.dichvucong.gov.vn',
  NATIONAL_PORTAL_USERNAME: 'haugiang',
  NATIONAL_PORTAL_PASSWORD: 'portal-password',
  NATIONAL_PORTAL_MADONVI: 'H23',
  POPULATION_MODE: 'real',
  POPULATION_URL: 'https://csdlqgdc.example.vn',
  POPULATION_CLIENT_ID: 'haugiang-dvc',
  POPULATION_CLIENT_SECRET: 'population-secret',
});

/** The complete production environment with `over` applied and `without` removed. */
export function productionEnv(over: Record<string, string> = {}, without: string[] = []): NodeJS.ProcessEnv {
  const env: Record<string, string> = { ...PRODUCTION_ENV, ...over };
  for (const k of without) delete env[k];
  return env as NodeJS.ProcessEnv;
}
