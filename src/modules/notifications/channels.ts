/**
 * Channel adapters: email through SMTP (nodemailer), SMS through a brandname gateway, Zalo
 * through ZNS. Each call carries the outbox message id as its idempotency key (the gateways'
 * Idempotency-Key / request_id / tracking_id; the email's Message-ID), so a repeated call
 * after a crash does not send twice where the remote side honours the key.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';

export interface OutgoingMessage {
  key: string; // idempotency key: the outbox message id
  to: string;
  subject: string;
  body: string;
  templateId: string;
  params: Record<string, string>;
}

const transports = new Map<string, Transporter>();

function transport(cfg: Config['smtp']): Transporter {
  const k = `${cfg.host}:${cfg.port}:${cfg.user ?? ''}`;
  let t = transports.get(k);
  if (!t) {
    t = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      ignoreTLS: cfg.mode === 'sandbox',
      auth: cfg.user ? { user: cfg.user, pass: cfg.pass ?? '' } : undefined,
      connectionTimeout: 10_000,
      socketTimeout: 20_000,
    });
    transports.set(k, t);
  }
  return t;
}

/** The Message-ID of a notification email: derived from the outbox id, so a resend carries the same id. */
export function messageIdFor(key: string): string {
  return `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@thongbao.dichvucong>`;
}

export async function sendEmail(config: Config, m: OutgoingMessage): Promise<string> {
  const info = await transport(config.smtp).sendMail({ from: config.smtp.from, to: m.to, subject: m.subject, text: m.body, messageId: messageIdFor(m.key) });
  return info.messageId ?? messageIdFor(m.key);
}

async function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: res.status, json: await res.json().catch(() => ({})) };
}

export async function sendSms(config: Config, m: OutgoingMessage): Promise<string> {
  const r = await postJson(
    `${config.sms.url}/api/v1/sms/send`,
    { authorization: `Bearer ${config.sms.token}`, 'idempotency-key': m.key },
    { phone: m.to, brandname: config.sms.brandname, template_id: m.templateId, params: m.params, message: m.body, request_id: m.key },
  );
  if (r.status !== 200 || r.json.code !== '00') throw new Error(`SMS gateway: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  return String(r.json.message_id);
}

export async function sendZalo(config: Config, m: OutgoingMessage): Promise<string> {
  const r = await postJson(
    `${config.zalo.url}/message/template`,
    { access_token: config.zalo.token, 'idempotency-key': m.key },
    { phone: m.to, template_id: m.templateId, template_data: { ...m.params, text: m.body }, tracking_id: m.key },
  );
  if (r.status !== 200 || r.json.error !== 0) throw new Error(`Zalo ZNS: HTTP ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  return String(r.json.data?.msg_id ?? '');
}
