/**
 * Sandbox SMS brandname gateway, shaped like the Vietnamese brandname APIs (JSON POST with the
 * phone, the brandname, a registered template id and its parameters, a bearer access token,
 * an idempotency key). It records what it receives and answers like the real ones
 * (`{ code: "00", message_id }`). A repeated Idempotency-Key gets the first answer again and
 * is not sent twice: `attempts` counts requests, `messages` the distinct messages.
 * Faults for tests: `delayMs` (answer late), `failNext` (answer 500 n times).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { listen, readBody, sendJson } from '../esign/http';

export interface GatewayMessage {
  key: string;
  to: string;
  templateId: string;
  params: Record<string, string>;
  text: string;
  messageId: string;
  at: string;
}

export interface GatewaySandbox {
  url: string;
  /** Distinct messages, first receipt order. */
  messages: GatewayMessage[];
  /** Every request with an idempotency key (repeats included). */
  attempts: { key: string; at: string }[];
  faults: { delayMs: number; failNext: number };
  /** Requests currently waiting for their answer. */
  inFlight(): number;
  close(): Promise<void>;
}

export function bearer(req: IncomingMessage): string {
  const h = String(req.headers.authorization ?? '');
  return h.startsWith('Bearer ') ? h.slice(7) : String(req.headers.access_token ?? '');
}

/** Shared by the SMS and Zalo sandboxes: auth, idempotency, faults, recording, counts. */
export async function startGatewaySandbox(
  opts: { port: number; host?: string; token: string; path: string },
  parse: (body: any) => Omit<GatewayMessage, 'key' | 'messageId' | 'at'> | null,
  answer: (m: GatewayMessage) => unknown,
  errors: { auth: unknown; invalid: unknown; internal: unknown },
): Promise<GatewaySandbox> {
  const messages: GatewayMessage[] = [];
  const byKey = new Map<string, GatewayMessage>();
  const attempts: GatewaySandbox['attempts'] = [];
  const faults = { delayMs: 0, failNext: 0 };
  let inFlight = 0;
  const l = await listen(opts.port, opts.host ?? '127.0.0.1', async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/_sandbox/counts') {
      const keys = new Map<string, number>();
      for (const a of attempts) keys.set(a.key, (keys.get(a.key) ?? 0) + 1);
      return sendJson(res, 200, { messages: messages.length, attempts: attempts.length, repeatedKeys: [...keys.values()].filter((n) => n > 1).length });
    }
    if (req.method === 'GET' && url.pathname === '/_sandbox/messages') return sendJson(res, 200, { messages });
    if (req.method === 'POST' && url.pathname === '/_sandbox/faults') {
      Object.assign(faults, JSON.parse((await readBody(req)) || '{}'));
      return sendJson(res, 200, faults);
    }
    if (req.method !== 'POST' || url.pathname !== opts.path) return sendJson(res, 404, { error: 'not_found' });
    if (bearer(req) !== opts.token) return sendJson(res, 401, errors.auth);
    let body: any;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, errors.invalid);
    }
    const parsed = parse(body);
    if (!parsed) return sendJson(res, 400, errors.invalid);
    const key = String(req.headers['idempotency-key'] ?? body.request_id ?? body.tracking_id ?? randomUUID());
    attempts.push({ key, at: new Date().toISOString() });
    inFlight++;
    try {
      if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
      if (faults.failNext > 0) {
        faults.failNext--;
        return sendJson(res, 500, errors.internal);
      }
      let m = byKey.get(key);
      if (!m) {
        m = { ...parsed, key, messageId: randomUUID(), at: new Date().toISOString() };
        byKey.set(key, m);
        messages.push(m);
      }
      return sendJson(res, 200, answer(m));
    } finally {
      inFlight--;
    }
  });
  return { url: l.url, messages, attempts, faults, inFlight: () => inFlight, close: l.close };
}

/** POST /api/v1/sms/send {phone, brandname, template_id, params, message, request_id}. */
export function startSandboxSms(opts: { port: number; host?: string; token: string }): Promise<GatewaySandbox> {
  return startGatewaySandbox(
    { ...opts, path: '/api/v1/sms/send' },
    (b) =>
      typeof b?.phone === 'string' && /^(84|0)\d{9,10}$/.test(b.phone) && typeof b.message === 'string' && b.message.length > 0
        ? { to: b.phone, templateId: String(b.template_id ?? ''), params: b.params ?? {}, text: b.message }
        : null,
    (m) => ({ code: '00', message: 'Success', message_id: m.messageId }),
    {
      auth: { code: '401', message: 'Invalid access token' },
      invalid: { code: '99', message: 'Invalid request' },
      internal: { code: '500', message: 'Internal error' },
    },
  );
}
