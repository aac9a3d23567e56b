import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Anonymous reads of the published catalogue that carry nothing personal (issue 15, item 2).
 * An allowlist on purpose: a route is shared-cacheable only when named here, by its route pattern.
 */
export const PUBLIC_READS: ReadonlySet<string> = new Set([
  'GET /',
  'GET /thu-tuc',
  'GET /thu-tuc/:code',
  'GET /api/v1/procedures',
  'GET /api/v1/procedures/:code',
  'GET /api/v1/procedures/:code/versions',
  'GET /cong-khai/chi-so',
  'GET /api/v1/indicators',
]);
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';
/**
 * The public indicators move with every dossier (visible within seconds, issue 15 item 3): a cache
 * may keep them but asks again each time, and gets a 304 while the snapshot has not changed.
 */
const REVALIDATE: ReadonlySet<string> = new Set(['GET /cong-khai/chi-so', 'GET /api/v1/indicators']);
export const REVALIDATE_CACHE_CONTROL = 'public, no-cache';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/** True for a GET/HEAD of a route in PUBLIC_READS; `hasSession` must already be false. */
export function isPublicRead(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  return PUBLIC_READS.has(`GET ${req.routeOptions?.url ?? ''}`);
}

/** Weak validator: the page is the same for the client when the bytes are the same. */
export function weakEtag(payload: string | Buffer): string {
  return `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (v: string) => v.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((v) => v.trim() === '*' || bare(v) === bare(etag));
}

function addVary(current: unknown, names: string[]): string {
  const have = String(current ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  for (const n of names) if (!have.some((h) => h.toLowerCase() === n.toLowerCase())) have.push(n);
  return have.join(', ');
}

/**
 * Requests with a session are never stored by anyone (private, no-store, no ETag); anonymous
 * public reads get an ETag, a minute of shared caching and 304 on a match. The language comes
 * from Accept-Language or the `lang` cookie, hence Vary.
 */
export function installHttpCaching(app: FastifyInstance, hasSession: (req: FastifyRequest) => boolean) {
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/static/')) return payload;
    if (hasSession(req) || req.actor) {
      reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      reply.removeHeader('etag');
      return payload;
    }
    if (!isPublicRead(req) || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A response that sets a cookie (?lang=en) must not be shared.
    if (reply.getHeader('set-cookie')) {
      reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      reply.removeHeader('etag');
      return payload;
    }
    // A shared answer (page-cache.ts) comes with the ETag of its bytes, computed once when it was kept.
    const preset = reply.getHeader('etag');
    const etag = typeof preset === 'string' ? preset : weakEtag(payload);
    reply.header('etag', etag);
    reply.header('cache-control', REVALIDATE.has(`GET ${req.routeOptions?.url ?? ''}`) ? REVALIDATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
    reply.header('vary', addVary(reply.getHeader('vary'), ['Accept-Language', 'Cookie']));
    if (etagMatches(req.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}
