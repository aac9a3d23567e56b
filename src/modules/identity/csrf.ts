/**
 * CSRF protection for every state-changing request (POST, PUT, PATCH, DELETE).
 * - With a session: a synchronizer token stored with the session (req.csrfToken); forms send
 *   it as the `_csrf` field, scripts and API clients as the `x-csrf-token` header.
 * - Anonymous: double-submit; the `csrf` cookie must equal the `_csrf` field or header. Only
 *   form posts (urlencoded, multipart) are checked: a cross-site page cannot send JSON
 *   without a CORS preflight, and an anonymous JSON call carries no authority.
 * - Multipart bodies are read by the handler, so they carry the token in the header or as
 *   their FIRST field `_csrf` (never in the URL: issue 14, ASVS V8.3.1). The check is then made
 *   when the handler reads the parts (guardMultipart wraps req.parts() and req.file()).
 * - Exempt: requests with `Authorization: Bearer` and no session cookie (a browser sends the
 *   cookie on its own, never the header: with the cookie, the token is required), and
 *   routes declared with `config: { csrf: false }` (server-to-server callbacks).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../platform/errors';
import { SESSION_COOKIE } from './sessions';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The token the client sent: header, then form field (never the query string). */
export function sentToken(req: FastifyRequest): string {
  const h = req.headers[CSRF_HEADER];
  if (typeof h === 'string' && h) return h;
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && typeof body[CSRF_FIELD] === 'string') return body[CSRF_FIELD] as string;
  return '';
}

function isMultipart(req: FastifyRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

/**
 * A multipart body without the header: its first part must be the `_csrf` field equal to
 * `expected`, checked as the handler reads the parts (403 error.csrf otherwise, before any
 * later part reaches the handler).
 */
function guardMultipart(req: FastifyRequest, expected: string): void {
  const parts = req.parts.bind(req);
  type Part = Awaited<ReturnType<FastifyRequest['file']>>;
  const checked = (options?: Parameters<FastifyRequest['parts']>[0]) =>
    (async function* () {
      let first = true;
      for await (const part of parts(options)) {
        if (first) {
          first = false;
          const value = part.type === 'field' && part.fieldname === CSRF_FIELD ? String(part.value) : '';
          if (!same(value, expected)) throw forbidden('error.csrf');
          continue;
        }
        yield part;
      }
      if (first) throw forbidden('error.csrf');
    })();
  req.parts = checked as FastifyRequest['parts'];
  req.file = (async (options?: Parameters<FastifyRequest['file']>[0]) => {
    const it = checked(options as Parameters<FastifyRequest['parts']>[0]);
    for (;;) {
      const r = await it.next();
      if (r.done) return undefined;
      if (r.value.type === 'file') return r.value as Part;
    }
  }) as FastifyRequest['file'];
}

export function isFormPost(req: FastifyRequest): boolean {
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  return ct.startsWith('application/x-www-form-urlencoded') || ct.startsWith('multipart/form-data') || ct.startsWith('text/plain');
}

/** Throws 403 error.csrf when a state-changing request lacks the right token. */
export function checkCsrf(req: FastifyRequest): void {
  if (!UNSAFE.has(req.method)) return;
  if ((req.routeOptions?.config as { csrf?: boolean } | undefined)?.csrf === false) return;
  if (/^bearer\s/i.test(req.headers.authorization ?? '') && !req.cookies?.[SESSION_COOKIE] && !req.actor) return;
  const sent = sentToken(req);
  if (!sent && isMultipart(req)) {
    if (!req.actor && !isFormPost(req)) return;
    guardMultipart(req, req.actor ? req.csrfToken : (req.cookies?.[CSRF_COOKIE] ?? ''));
    return;
  }
  if (req.actor) {
    if (!same(sent, req.csrfToken)) throw forbidden('error.csrf');
    return;
  }
  if (!isFormPost(req)) return;
  const cookie = req.cookies?.[CSRF_COOKIE] ?? '';
  if (!same(sent, cookie)) throw forbidden('error.csrf');
}
