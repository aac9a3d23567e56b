import { isIP } from 'node:net';
import { z } from 'zod';
import { integrationFields, integrationSettings, IntegrationConfigError, type IntegrationSettings } from './integrations-settings';

/** Every setting of the service, read from the environment and validated at start. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_SEED: z.enum(['true', 'false']).default('true'),
  SESSION_SECRET: z.string().min(32).optional(),
  /** Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs; default none (the peer's address is the client's). */
  TRUST_PROXY: z
    .string()
    .default('')
    .refine((v) => trustedProxies(v).every(isAddressOrCidr), 'must be a comma-separated list of IP addresses or CIDRs (e.g. 10.0.0.1,10.1.0.0/16)'),
  /** Bearer token for GET /metrics; without it /metrics answers 404 in production (open elsewhere). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** When set, /metrics is served only on this port (a listener of its own) and no longer on PORT. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Address of the METRICS_PORT listener (default 127.0.0.1: reachable from the host only). */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10000),
  /** Run the outbox worker inside the web process (set false to run it separately). */
  WORKER: z.enum(['true', 'false']).default('true'),
  /** Files: a local folder (default `${DATA_DIR}/blobs`, or BLOB_DIR) or an S3-compatible bucket. */
  BLOB_BACKEND: z.enum(['local', 's3']).default('local'),
  BLOB_DIR: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Largest accepted upload, in bytes (default 20 MB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20 * 1024 * 1024),
  /** Citizen login: `sandbox` runs the built-in VNeID simulator (default outside production); `real` needs the three settings below. */
  VNEID_MODE: z.enum(['sandbox', 'real']).optional(),
  VNEID_ISSUER: z.string().url().optional(),
  VNEID_CLIENT_ID: z.string().min(1).optional(),
  VNEID_CLIENT_SECRET: z.string().min(1).optional(),
  /** Port of the sandbox VNeID server started by `npm start` in sandbox mode. */
  VNEID_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Remote signing: `sandbox` runs the built-in eSign gateway and CA (default outside production); `real` needs ESIGN_URL, ESIGN_CLIENT_ID, ESIGN_CLIENT_SECRET, ESIGN_TRUSTED_ROOTS. */
  ESIGN_MODE: z.enum(['sandbox', 'real']).optional(),
  ESIGN_URL: z.string().url().optional(),
  ESIGN_CLIENT_ID: z.string().min(1).optional(),
  ESIGN_CLIENT_SECRET: z.string().min(8).optional(),
  /** PEM file of the root certificates whose signatures the portal trusts (e.g. the national root CA). */
  ESIGN_TRUSTED_ROOTS: z.string().min(1).optional(),
  ESIGN_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** Failed attempts to sign one result before the job stops and alerts the unit's officers and the administrators. */
  SIGNING_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** Online payment through the national payment platform: `sandbox` runs the built-in gateway (default outside production); `real` needs PAYMENT_URL, PAYMENT_PARTNER_CODE, PAYMENT_SECRET. */
  PAYMENT_MODE: z.enum(['sandbox', 'real']).optional(),
  PAYMENT_URL: z.string().url().optional(),
  PAYMENT_PARTNER_CODE: z.string().min(1).optional(),
  PAYMENT_SECRET: z.string().min(8).optional(),
  PAYMENT_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3003),
  /** How MaXacThuc is computed: `hmac-sha256` (length-prefixed values; default in sandbox mode) or `sha256-pipe` (the platform's documented form; default when PAYMENT_MODE=real). */
  PAYMENT_MAC: z.enum(['hmac-sha256', 'sha256-pipe']).optional(),
  /** Minutes after which a payment without a callback is asked about (QUERY); default 10. */
  PAYMENT_QUERY_AFTER_MIN: z.coerce.number().int().min(1).default(10),
  /** Start the sandboxes of the settings in sandbox mode inside this process (default true); false when one process of their own serves several app instances (npm run cluster). */
  SANDBOXES_IN_PROCESS: z.enum(['true', 'false']).default('true'),
  /** Optional: a PostgreSQL URL for reads that may be slightly stale (indicators' aggregates), e.g. a streaming standby behind HAProxy. */
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Connections of this instance's pool to PostgreSQL (default 10). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * Shortest time in ms between two recomputations of a public indicator snapshot after dossier changes
   * (issue 15 item 3: a change shows within 5 s; default 2000; tests default 0: the next read recomputes).
   */
  INDICATOR_SNAPSHOT_MIN_MS: z.coerce.number().int().min(0).max(4000).optional(),
  /** Minutes between two runs of the breach alerts inside the worker, in office hours (default 15; 0: not scheduled; tests default 0). */
  BREACH_ALERT_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
  ...integrationFields,
});

export function trustedProxies(v: string): string[] {
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export function isAddressOrCidr(v: string): boolean {
  const [addr, bits, more] = v.split('/');
  if (more !== undefined) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

export interface EsignSettings {
  mode: 'sandbox' | 'real';
  url: string;
  clientId: string;
  clientSecret: string;
  /** PEM file of trusted roots; in sandbox mode the sandbox CA's root (DATA_DIR/sandbox-ca/root.pem). */
  trustedRootsFile: string;
  sandboxPort: number;
  /** SIGNING_MAX_ATTEMPTS (default 5). */
  maxAttempts: number;
}

export interface PaymentSettings {
  mode: 'sandbox' | 'real';
  url: string;
  partnerCode: string;
  secret: string;
  macScheme: 'hmac-sha256' | 'sha256-pipe';
  sandboxPort: number;
  queryAfterMinutes: number;
}

export interface VneidSettings {
  mode: 'sandbox' | 'real';
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where VNeID sends the browser back: PUBLIC_URL + /dang-nhap/vneid/callback. */
  redirectUri: string;
  sandboxPort: number;
}

export type Config = z.infer<typeof schema> & {
  publicUrl: string;
  production: boolean;
  breachAlertMinutes: number;
  indicatorSnapshotMinMs: number;
  vneid: VneidSettings;
  esign: EsignSettings;
  payment: PaymentSettings;
} & IntegrationSettings;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid setting(s):\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const production = c.NODE_ENV === 'production';
  if (production && !c.SESSION_SECRET) throw new ConfigError('Invalid setting(s):\n  SESSION_SECRET: required in production (at least 32 characters)');
  if (production && !c.DATABASE_URL)
    throw new ConfigError('Invalid setting(s):\n  DATABASE_URL: required in production (the embedded database is for demo and development)');
  if (c.BLOB_BACKEND === 's3' && !(c.S3_ENDPOINT && c.S3_BUCKET && c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid setting(s):\n  BLOB_BACKEND: s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  let integrations: IntegrationSettings;
  try {
    integrations = integrationSettings(c, production, c.NODE_ENV === 'test');
  } catch (e) {
    throw e instanceof IntegrationConfigError ? new ConfigError(e.message) : e;
  }
  return {
    ...c,
    publicUrl,
    production,
    breachAlertMinutes: c.BREACH_ALERT_MINUTES ?? (c.NODE_ENV === 'test' ? 0 : 15),
    indicatorSnapshotMinMs: c.INDICATOR_SNAPSHOT_MIN_MS ?? (c.NODE_ENV === 'test' ? 0 : 2000),
    vneid: vneidSettings(c, production, publicUrl),
    esign: esignSettings(c, production),
    payment: paymentSettings(c, production),
    ...integrations,
  };
}

function requireReal(c: z.infer<typeof schema>, keys: readonly (keyof z.infer<typeof schema>)[], mode: string, production: boolean) {
  const missing = keys.filter((k) => !c[k]);
  if (missing.length > 0)
    throw new ConfigError(
      `Invalid setting(s):\n${missing.map((k) => `  ${String(k)}: required when ${mode}=real${production ? ' (production)' : ''}`).join('\n')}`,
    );
}

/** Production signs through the real eSign gateway only: it never falls back to the sandbox CA. */
export function esignSettings(c: z.infer<typeof schema>, production: boolean): EsignSettings {
  const mode = c.ESIGN_MODE ?? (production ? 'real' : 'sandbox');
  if (production && mode === 'sandbox')
    throw new ConfigError(
      'Invalid setting(s):\n  ESIGN_MODE: the sandbox eSign gateway and CA are not allowed in production; set ESIGN_MODE=real with ESIGN_URL, ESIGN_CLIENT_ID, ESIGN_CLIENT_SECRET and ESIGN_TRUSTED_ROOTS',
    );
  if (mode === 'real') {
    requireReal(c, ['ESIGN_URL', 'ESIGN_CLIENT_ID', 'ESIGN_CLIENT_SECRET', 'ESIGN_TRUSTED_ROOTS'], 'ESIGN_MODE', production);
    if (production && !c.ESIGN_URL!.startsWith('https://')) throw new ConfigError('Invalid setting(s):\n  ESIGN_URL: must be an https:// URL in production');
  }
  return {
    mode,
    url: (c.ESIGN_URL ?? `http://localhost:${c.ESIGN_SANDBOX_PORT}`).replace(/\/$/, ''),
    clientId: c.ESIGN_CLIENT_ID ?? 'dichvucong-sandbox',
    clientSecret: c.ESIGN_CLIENT_SECRET ?? 'sandbox-esign-secret-not-for-production',
    trustedRootsFile: c.ESIGN_TRUSTED_ROOTS ?? `${c.DATA_DIR}/sandbox-ca/root.pem`,
    sandboxPort: c.ESIGN_SANDBOX_PORT,
    maxAttempts: c.SIGNING_MAX_ATTEMPTS,
  };
}

/** Production pays through the real national payment platform only: it never falls back to the sandbox gateway. */
export function paymentSettings(c: z.infer<typeof schema>, production: boolean): PaymentSettings {
  const mode = c.PAYMENT_MODE ?? (production ? 'real' : 'sandbox');
  if (production && mode === 'sandbox')
    throw new ConfigError(
      'Invalid setting(s):\n  PAYMENT_MODE: the sandbox payment gateway is not allowed in production; set PAYMENT_MODE=real with PAYMENT_URL, PAYMENT_PARTNER_CODE and PAYMENT_SECRET',
    );
  if (mode === 'real') {
    requireReal(c, ['PAYMENT_URL', 'PAYMENT_PARTNER_CODE', 'PAYMENT_SECRET'], 'PAYMENT_MODE', production);
    if (production && !c.PAYMENT_URL!.startsWith('https://'))
      throw new ConfigError('Invalid setting(s):\n  PAYMENT_URL: must be an https:// URL in production');
  }
  return {
    mode,
    url: (c.PAYMENT_URL ?? `http://localhost:${c.PAYMENT_SANDBOX_PORT}`).replace(/\/$/, ''),
    partnerCode: c.PAYMENT_PARTNER_CODE ?? 'HAUGIANG-SANDBOX',
    secret: c.PAYMENT_SECRET ?? 'sandbox-payment-secret-not-for-production',
    macScheme: c.PAYMENT_MAC ?? (mode === 'real' ? 'sha256-pipe' : 'hmac-sha256'),
    sandboxPort: c.PAYMENT_SANDBOX_PORT,
    queryAfterMinutes: c.PAYMENT_QUERY_AFTER_MIN,
  };
}

/** Production talks to the real VNeID only: it never falls back to the sandbox. */
/** Exported for tests. */
export function vneidSettings(
  c: Pick<z.infer<typeof schema>, 'VNEID_MODE' | 'VNEID_ISSUER' | 'VNEID_CLIENT_ID' | 'VNEID_CLIENT_SECRET' | 'VNEID_SANDBOX_PORT'>,
  production: boolean,
  publicUrl: string,
): VneidSettings {
  const mode = c.VNEID_MODE ?? (production ? 'real' : 'sandbox');
  const redirectUri = `${publicUrl}/dang-nhap/vneid/callback`;
  if (production && mode === 'sandbox')
    throw new ConfigError(
      'Invalid setting(s):\n  VNEID_MODE: the sandbox VNeID is not allowed in production; set VNEID_MODE=real with VNEID_ISSUER, VNEID_CLIENT_ID and VNEID_CLIENT_SECRET',
    );
  if (mode === 'real') {
    const missing = (['VNEID_ISSUER', 'VNEID_CLIENT_ID', 'VNEID_CLIENT_SECRET'] as const).filter((k) => !c[k]);
    if (missing.length > 0)
      throw new ConfigError(
        `Invalid setting(s):\n${missing.map((k) => `  ${k}: required when VNEID_MODE=real${production ? ' (production)' : ''}`).join('\n')}`,
      );
    if (production && !c.VNEID_ISSUER!.startsWith('https://'))
      throw new ConfigError('Invalid setting(s):\n  VNEID_ISSUER: must be an https:// URL in production');
    return {
      mode,
      issuer: c.VNEID_ISSUER!.replace(/\/$/, ''),
      clientId: c.VNEID_CLIENT_ID!,
      clientSecret: c.VNEID_CLIENT_SECRET!,
      redirectUri,
      sandboxPort: c.VNEID_SANDBOX_PORT,
    };
  }
  return {
    mode,
    issuer: (c.VNEID_ISSUER ?? `http://localhost:${c.VNEID_SANDBOX_PORT}`).replace(/\/$/, ''),
    clientId: c.VNEID_CLIENT_ID ?? 'dichvucong-sandbox',
    clientSecret: c.VNEID_CLIENT_SECRET ?? 'sandbox-client-secret-not-for-production',
    redirectUri,
    sandboxPort: c.VNEID_SANDBOX_PORT,
  };
}
