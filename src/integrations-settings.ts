/**
 * Settings of the notification channels (SMTP, SMS brandname, Zalo ZNS), the national portal
 * sync (DVCQG through the LGSP) and the national population database. Each is `sandbox`
 * (the built-in simulator, default outside production) or `real`; production never falls
 * back to a sandbox: loadConfig refuses to start instead.
 */
import { z } from 'zod';

const mode = z.enum(['sandbox', 'real']).optional();
const port = (d: number) => z.coerce.number().int().min(0).max(65535).default(d);

export const integrationFields = {
  /** Email: SMTP_MODE=real needs SMTP_HOST and SMTP_FROM; sandbox runs a local SMTP sink. */
  SMTP_MODE: mode,
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASS: z.string().min(1).optional(),
  SMTP_FROM: z.string().min(3).optional(),
  SMTP_SANDBOX_PORT: port(2525),
  /** SMS brandname gateway: SMS_MODE=real needs SMS_URL and SMS_TOKEN. */
  SMS_MODE: mode,
  SMS_URL: z.string().url().optional(),
  SMS_TOKEN: z.string().min(8).optional(),
  SMS_BRANDNAME: z.string().min(1).default('HAUGIANG'),
  SMS_SANDBOX_PORT: port(3005),
  /** Zalo ZNS: ZALO_MODE=real needs ZALO_URL and ZALO_TOKEN (the OA access token). */
  ZALO_MODE: mode,
  ZALO_URL: z.string().url().optional(),
  ZALO_TOKEN: z.string().min(8).optional(),
  ZALO_SANDBOX_PORT: port(3006),
  /** National Public Service Portal sync: NATIONAL_PORTAL_MODE=real needs URL, USERNAME, PASSWORD and MADONVI. */
  NATIONAL_PORTAL_MODE: mode,
  NATIONAL_PORTAL_URL: z.string().url().optional(),
  NATIONAL_PORTAL_USERNAME: z.string().min(1).optional(),
  NATIONAL_PORTAL_PASSWORD: z.string().min(1).optional(),
  NATIONAL_PORTAL_MADONVI: z.string().min(1).optional(),
  NATIONAL_PORTAL_SANDBOX_PORT: port(3007),
  /** Where citizens submit: `national` (DVCQG is the front door; our submission pages send them there, lookup stays) or `local` (our own pages). Default: national in production, local elsewhere. */
  FRONT_DOOR: z.enum(['national', 'local']).optional(),
  /** The portal's address for citizens (the submission link); default https://dichvucong.gov.vn in real mode, the sandbox otherwise. */
  NATIONAL_PORTAL_PUBLIC_URL: z.string().url().optional(),
  /** Minutes between pulls of the dossiers submitted on the portal; 0 = no scheduled pull. Default 5 (0 in tests). */
  NATIONAL_PORTAL_PULL_MINUTES: z.coerce.number().int().min(0).max(1440).optional(),
  /** National population database through the LGSP/NDXP: POPULATION_MODE=real needs URL, CLIENT_ID and CLIENT_SECRET. */
  POPULATION_MODE: mode,
  POPULATION_URL: z.string().url().optional(),
  POPULATION_CLIENT_ID: z.string().min(1).optional(),
  POPULATION_CLIENT_SECRET: z.string().min(8).optional(),
  POPULATION_SANDBOX_PORT: port(3008),
};

type Fields = z.output<z.ZodObject<typeof integrationFields>>;
type Mode = 'sandbox' | 'real';

export interface IntegrationSettings {
  smtp: { mode: Mode; host: string; port: number; secure: boolean; user: string | null; pass: string | null; from: string; sandboxPort: number };
  sms: { mode: Mode; url: string; token: string; brandname: string; sandboxPort: number };
  zalo: { mode: Mode; url: string; token: string; sandboxPort: number };
  nationalPortal: {
    mode: Mode;
    url: string;
    username: string;
    password: string;
    madonvi: string;
    sandboxPort: number;
    publicUrl: string;
    frontDoor: 'national' | 'local';
    pullMinutes: number;
  };
  population: { mode: Mode; url: string; clientId: string; clientSecret: string; sandboxPort: number };
}

export class IntegrationConfigError extends Error {}

function pick(name: string, m: Mode | undefined, production: boolean, required: [string, unknown][], urlKey?: string): Mode {
  const chosen = m ?? (production ? 'real' : 'sandbox');
  if (production && chosen === 'sandbox')
    throw new IntegrationConfigError(
      `Invalid setting(s):\n  ${name}_MODE: the sandbox is not allowed in production; set ${name}_MODE=real with ${required.map(([k]) => k).join(', ')}`,
    );
  if (chosen === 'real') {
    const missing = required.filter(([, v]) => !v).map(([k]) => k);
    if (missing.length)
      throw new IntegrationConfigError(
        `Invalid setting(s):\n${missing.map((k) => `  ${k}: required when ${name}_MODE=real${production ? ' (production)' : ''}`).join('\n')}`,
      );
    const url = required.find(([k]) => k === urlKey)?.[1];
    if (production && typeof url === 'string' && !url.startsWith('https://'))
      throw new IntegrationConfigError(`Invalid setting(s):\n  ${urlKey}: must be an https:// URL in production`);
  }
  return chosen;
}

const local = (p: number) => `http://127.0.0.1:${p}`;

export function integrationSettings(c: Fields, production: boolean, test = false): IntegrationSettings {
  const smtpMode = pick('SMTP', c.SMTP_MODE, production, [
    ['SMTP_HOST', c.SMTP_HOST],
    ['SMTP_FROM', c.SMTP_FROM],
  ]);
  const smsMode = pick(
    'SMS',
    c.SMS_MODE,
    production,
    [
      ['SMS_URL', c.SMS_URL],
      ['SMS_TOKEN', c.SMS_TOKEN],
    ],
    'SMS_URL',
  );
  const zaloMode = pick(
    'ZALO',
    c.ZALO_MODE,
    production,
    [
      ['ZALO_URL', c.ZALO_URL],
      ['ZALO_TOKEN', c.ZALO_TOKEN],
    ],
    'ZALO_URL',
  );
  const npMode = pick(
    'NATIONAL_PORTAL',
    c.NATIONAL_PORTAL_MODE,
    production,
    [
      ['NATIONAL_PORTAL_URL', c.NATIONAL_PORTAL_URL],
      ['NATIONAL_PORTAL_USERNAME', c.NATIONAL_PORTAL_USERNAME],
      ['NATIONAL_PORTAL_PASSWORD', c.NATIONAL_PORTAL_PASSWORD],
      ['NATIONAL_PORTAL_MADONVI', c.NATIONAL_PORTAL_MADONVI],
    ],
    'NATIONAL_PORTAL_URL',
  );
  const popMode = pick(
    'POPULATION',
    c.POPULATION_MODE,
    production,
    [
      ['POPULATION_URL', c.POPULATION_URL],
      ['POPULATION_CLIENT_ID', c.POPULATION_CLIENT_ID],
      ['POPULATION_CLIENT_SECRET', c.POPULATION_CLIENT_SECRET],
    ],
    'POPULATION_URL',
  );
  const trim = (u: string) => u.replace(/\/$/, '');
  return {
    smtp: {
      mode: smtpMode,
      host: smtpMode === 'real' ? c.SMTP_HOST! : '127.0.0.1',
      port: smtpMode === 'real' ? c.SMTP_PORT : c.SMTP_SANDBOX_PORT,
      secure: c.SMTP_SECURE === 'true',
      user: c.SMTP_USER ?? null,
      pass: c.SMTP_PASS ?? null,
      from: c.SMTP_FROM ?? 'Cổng Dịch vụ công <no-reply@dichvucong.example.vn>',
      sandboxPort: c.SMTP_SANDBOX_PORT,
    },
    sms: {
      mode: smsMode,
      url: trim(c.SMS_URL ?? local(c.SMS_SANDBOX_PORT)),
      token: c.SMS_TOKEN ?? 'sandbox-sms-token',
      brandname: c.SMS_BRANDNAME,
      sandboxPort: c.SMS_SANDBOX_PORT,
    },
    zalo: {
      mode: zaloMode,
      url: trim(c.ZALO_URL ?? local(c.ZALO_SANDBOX_PORT)),
      token: c.ZALO_TOKEN ?? 'sandbox-zalo-token',
      sandboxPort: c.ZALO_SANDBOX_PORT,
    },
    nationalPortal: {
      mode: npMode,
      url: trim(c.NATIONAL_PORTAL_URL ?? local(c.NATIONAL_PORTAL_SANDBOX_PORT)),
      username: c.NATIONAL_PORTAL_USERNAME ?? 'haugiang-sandbox',
      password: c.NATIONAL_PORTAL_PASSWORD ?? 'sandbox-dvcqg-password',
      madonvi: c.NATIONAL_PORTAL_MADONVI ?? 'H33',
      sandboxPort: c.NATIONAL_PORTAL_SANDBOX_PORT,
      publicUrl: trim(
        c.NATIONAL_PORTAL_PUBLIC_URL ?? (npMode === 'real' ? 'https://dichvucong.gov.vn' : (c.NATIONAL_PORTAL_URL ?? local(c.NATIONAL_PORTAL_SANDBOX_PORT))),
      ),
      // From 1/7/2025 DVCQG is the single citizen portal (LAW-2025.md §1g): production defaults to it.
      frontDoor: c.FRONT_DOOR ?? (production ? 'national' : 'local'),
      pullMinutes: c.NATIONAL_PORTAL_PULL_MINUTES ?? (test ? 0 : 5),
    },
    population: {
      mode: popMode,
      url: trim(c.POPULATION_URL ?? local(c.POPULATION_SANDBOX_PORT)),
      clientId: c.POPULATION_CLIENT_ID ?? 'haugiang-sandbox',
      clientSecret: c.POPULATION_CLIENT_SECRET ?? 'sandbox-population-secret',
      sandboxPort: c.POPULATION_SANDBOX_PORT,
    },
  };
}
