/**
 * Sandbox Zalo ZNS (Zalo Notification Service), shaped like the business API:
 * POST /message/template with header `access_token`, body {phone: "84…", template_id,
 * template_data: {...}, tracking_id}; answers {error: 0, message: "Success", data: {msg_id,
 * sent_time}}. Records what it receives; the Idempotency-Key header (or tracking_id) makes a
 * repeated request a no-op, so `messages` holds each message once.
 */
import { startGatewaySandbox, type GatewaySandbox } from '../sms/server';

export function startSandboxZalo(opts: { port: number; host?: string; token: string }): Promise<GatewaySandbox> {
  return startGatewaySandbox(
    { ...opts, path: '/message/template' },
    (b) =>
      typeof b?.phone === 'string' &&
      /^84\d{9,10}$/.test(b.phone) &&
      typeof b.template_id === 'string' &&
      b.template_data &&
      typeof b.template_data === 'object'
        ? { to: b.phone, templateId: b.template_id, params: b.template_data, text: String(b.template_data.text ?? '') }
        : null,
    (m) => ({ error: 0, message: 'Success', data: { msg_id: m.messageId, sent_time: String(Date.parse(m.at)) } }),
    {
      auth: { error: -124, message: 'Access token is invalid' },
      invalid: { error: -108, message: 'Phone number or template data is invalid' },
      internal: { error: -100, message: 'Internal error' },
    },
  );
}
