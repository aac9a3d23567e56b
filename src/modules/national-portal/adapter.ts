/**
 * Client of the national portal's dossier sync (through the LGSP): session login, then
 * services with {session, madonvi, service, ...}. error_code "0"/"00" is success; a bad or
 * expired session ("-1") logs in again once; HTTP 429/5xx and other codes throw, and the outbox
 * retries with backoff. Talks to the sandbox or the real portal: only the settings differ.
 */
import type { Config } from '../../config';

export class PortalError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const sessions = new Map<string, string>();
const ok = (code: unknown) => code === '0' || code === '00' || code === 0;

async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new PortalError(`không kết nối được Cổng DVCQG: ${(e as Error).message}`, 'network');
  }
  const json = await res.json().catch(() => ({}));
  if (res.status === 429) throw new PortalError('Cổng DVCQG từ chối vì vượt hạn mức (HTTP 429)', '429');
  if (res.status >= 500) throw new PortalError(`Cổng DVCQG lỗi máy chủ (HTTP ${res.status}): ${json.message ?? ''}`, String(res.status));
  return { status: res.status, json };
}

async function login(cfg: Config['nationalPortal']): Promise<string> {
  const r = await post(`${cfg.url}/login`, { username: cfg.username, password: cfg.password });
  if (!ok(r.json.error_code) || !r.json.session)
    throw new PortalError(`đăng nhập Cổng DVCQG thất bại: ${r.json.message ?? r.status}`, String(r.json.error_code ?? r.status));
  sessions.set(cfg.url, r.json.session);
  return r.json.session;
}

export async function callService(cfg: Config['nationalPortal'], service: string, body: Record<string, unknown>): Promise<any> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const session = sessions.get(cfg.url) ?? (await login(cfg));
    const r = await post(`${cfg.url}/service`, { session, madonvi: cfg.madonvi, service, ...body });
    if (ok(r.json.error_code)) return r.json;
    if (String(r.json.error_code) === '-1' && attempt === 0) {
      sessions.delete(cfg.url);
      continue;
    }
    throw new PortalError(`${service}: ${r.json.message ?? 'lỗi không rõ'} (error_code ${r.json.error_code})`, String(r.json.error_code));
  }
  throw new PortalError(`${service}: phiên làm việc không hợp lệ`, '-1');
}

export function forgetSessions() {
  sessions.clear();
}
