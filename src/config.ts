import { z } from 'zod';

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
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1).default(20 * 1024 * 1024),
  /** Citizen login: `sandbox` runs the built-in VNeID simulator (default outside production); `real` needs the three settings below. */
  VNEID_MODE: z.enum(['sandbox', 'real']).optional(),
  VNEID_ISSUER: z.string().url().optional(),
  VNEID_CLIENT_ID: z.string().min(1).optional(),
  VNEID_CLIENT_SECRET: z.string().min(1).optional(),
  /** Port of the sandbox VNeID server started by `npm start` in sandbox mode. */
  VNEID_SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
});

export interface VneidSettings {
  mode: 'sandbox' | 'real';
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where VNeID sends the browser back: PUBLIC_URL + /dang-nhap/vneid/callback. */
  redirectUri: string;
  sandboxPort: number;
}

export type Config = z.infer<typeof schema> & { publicUrl: string; production: boolean; vneid: VneidSettings };

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
  if (production && !c.DATABASE_URL) throw new ConfigError('Invalid setting(s):\n  DATABASE_URL: required in production (the embedded database is for demo and development)');
  if (c.BLOB_BACKEND === 's3' && !(c.S3_ENDPOINT && c.S3_BUCKET && c.S3_ACCESS_KEY_ID && c.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('Invalid setting(s):\n  BLOB_BACKEND: s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return { ...c, publicUrl, production, vneid: vneidSettings(c, production, publicUrl) };
}

/** Production talks to the real VNeID only: it never falls back to the sandbox. */
/** Exported for tests. */
export function vneidSettings(c: Pick<z.infer<typeof schema>, 'VNEID_MODE' | 'VNEID_ISSUER' | 'VNEID_CLIENT_ID' | 'VNEID_CLIENT_SECRET' | 'VNEID_SANDBOX_PORT'>, production: boolean, publicUrl: string): VneidSettings {
  const mode = c.VNEID_MODE ?? (production ? 'real' : 'sandbox');
  const redirectUri = `${publicUrl}/dang-nhap/vneid/callback`;
  if (production && mode === 'sandbox') throw new ConfigError('Invalid setting(s):\n  VNEID_MODE: the sandbox VNeID is not allowed in production; set VNEID_MODE=real with VNEID_ISSUER, VNEID_CLIENT_ID and VNEID_CLIENT_SECRET');
  if (mode === 'real') {
    const missing = (['VNEID_ISSUER', 'VNEID_CLIENT_ID', 'VNEID_CLIENT_SECRET'] as const).filter((k) => !c[k]);
    if (missing.length > 0) throw new ConfigError(`Invalid setting(s):\n${missing.map((k) => `  ${k}: required when VNEID_MODE=real${production ? ' (production)' : ''}`).join('\n')}`);
    if (production && !c.VNEID_ISSUER!.startsWith('https://')) throw new ConfigError('Invalid setting(s):\n  VNEID_ISSUER: must be an https:// URL in production');
    return { mode, issuer: c.VNEID_ISSUER!.replace(/\/$/, ''), clientId: c.VNEID_CLIENT_ID!, clientSecret: c.VNEID_CLIENT_SECRET!, redirectUri, sandboxPort: c.VNEID_SANDBOX_PORT };
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
