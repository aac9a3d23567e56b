import type { FastifyInstance, FastifyReply } from 'fastify';
import { CSRF_COOKIE, checkCsrf } from './csrf';
import { loadSession, randomToken, SESSION_COOKIE } from './sessions';
import { SESSION_ABSOLUTE_MS } from './model';
import { installHttpCaching, isPublicRead } from '../../platform/http/cache';

export function cookieOptions(app: FastifyInstance, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: app.ctx.config.production,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}

export function setSessionCookie(app: FastifyInstance, reply: FastifyReply, rawId: string) {
  reply.setCookie(SESSION_COOKIE, rawId, cookieOptions(app, Math.floor(SESSION_ABSOLUTE_MS / 1000)));
}

export function clearSessionCookie(app: FastifyInstance, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(app));
}

/**
 * Reads the session cookie and sets req.actor and req.csrfToken on every request; checks CSRF.
 * Without a session cookie there is no database query at all (issue 15, item 4).
 */
export function installAuth(app: FastifyInstance) {
  installHttpCaching(app, (req) => Boolean(req.cookies?.[SESSION_COOKIE]));
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/static/') || req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics') return;
    const raw = req.cookies?.[SESSION_COOKIE];
    if (raw) {
      const s = await loadSession(app.ctx, raw);
      if (s) {
        req.actor = s.actor;
        req.csrfToken = s.csrfToken;
        return;
      }
      clearSessionCookie(app, reply);
    } else if (isPublicRead(req)) {
      // Public reads render no form: no CSRF cookie, so caches can share the answer.
      return;
    }
    let token = req.cookies?.[CSRF_COOKIE];
    if (!token || token.length < 20 || token.length > 100) {
      token = randomToken();
      reply.setCookie(CSRF_COOKIE, token, cookieOptions(app));
      req.cookies[CSRF_COOKIE] = token;
    }
    req.csrfToken = token;
  });
  app.addHook('preHandler', async (req) => {
    checkCsrf(req);
  });
}
