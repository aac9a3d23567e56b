import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { h } from 'preact';
import './platform/http/context';
import type { Ctx } from './platform/context';
import { trustedProxies } from './config';
import { AppError, fieldText, type FieldError } from './platform/errors';
import { DB_RETRY_AFTER_SECONDS, isRetryableDbError } from './platform/db-errors';
import { rateLimitStore } from './platform/http/rate-limit-store';
import { precompressStatic } from './platform/http/static-assets';
import { installSecurityHeaders } from './platform/http/security-headers';
import { pickLang, t, type MessageKey } from './platform/i18n';
import { observabilityRoutes } from './platform/http/observability';
import { openApiDocument } from './platform/http/api';
import { sendPage, wantsHtml } from './platform/http/html';
import { ErrorPage } from './web/error-page';
import { STATIC_DIR } from './web/static-dir';
import { calendarRoutes } from './platform/calendar/routes';
import { installHooks, installJobs, installMessages, installRoutes, installStartupTasks, type ModuleManifest } from './platform/module';
import { provinceLevelOfficer } from './modules/identity/index';
import { MODULES } from './manifests';

export interface BuildOptions {
  ctx: Ctx;
  logger?: Logger | boolean;
  /** The module manifests to install (default: all, src/manifests.ts). */
  modules?: readonly ModuleManifest[];
}

/** Builds the HTTP app: platform plugins, error handling, then the module manifests (their texts, jobs, startup tasks, hooks, routes and pages). */
export async function buildApp({ ctx, logger = false, modules = MODULES }: BuildOptions): Promise<FastifyInstance> {
  installMessages(modules);
  // The outbox handlers too: the worker of this process (main.ts) and the tests' drains deliver what the routes enqueue.
  installJobs(modules);
  installStartupTasks(modules);

  const app = Fastify({
    loggerInstance: typeof logger === 'object' ? logger : undefined,
    logger: typeof logger === 'boolean' ? logger : undefined,
    // X-Forwarded-For only from the proxies named in TRUST_PROXY (issue 14): req.ip feeds every limit and audit entry.
    trustProxy: trustedProxies(ctx.config.TRUST_PROXY).length > 0 ? trustedProxies(ctx.config.TRUST_PROXY) : false,
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: false,
  } as any) as unknown as FastifyInstance;

  app.decorate('ctx', ctx);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('provinceName', '');

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 20 } });
  await installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: null as any,
        upgradeInsecureRequests: ctx.config.production ? [] : null,
      },
    },
    hsts: ctx.config.production,
  });
  // Counted in the database, so the limits hold across app instances (platform/http/rate-limit-store.ts).
  await app.register(rateLimit, {
    global: false,
    store: rateLimitStore(
      () => ctx.db,
      () => ctx.clock.now(),
    ) as never,
  });
  precompressStatic(STATIC_DIR);
  await app.register(fastifyStatic, { root: STATIC_DIR, prefix: '/static/', maxAge: '1h', preCompressed: true });

  app.addHook('onRequest', async (req, reply) => {
    const q = (req.query as Record<string, string> | undefined)?.lang;
    if (q === 'vi' || q === 'en') reply.setCookie('lang', q, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
    req.lang = pickLang(q ?? req.cookies?.lang, req.headers['accept-language']);
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let status = 500;
    let key: MessageKey = 'error.internal';
    let params: Record<string, unknown> | undefined;
    let fields: FieldError[] | undefined;
    if (err instanceof AppError) {
      ({ status, key, params, fields } = err);
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err as any).type === 'entity.parse.failed' || err instanceof SyntaxError) {
      status = 400;
      key = 'error.bad_json';
    } else if (isBrokenMultipart(err)) {
      status = 400;
      key = 'error.bad_multipart';
    } else if (
      ['22021', '22P05', '22P02'].includes(String((err as { code?: unknown }).code)) &&
      /0x00|\\u0000|invalid byte sequence|unsupported Unicode escape/.test(err.message ?? '')
    ) {
      // PostgreSQL refuses a NUL character in text and JSON (PGlite may not): the input's fault, not the server's.
      status = 400;
      key = 'error.bad_text';
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_BODY_TOO_LARGE' || (err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
      status = 413;
      key = 'error.payload_too_large';
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      status = 415;
      key = 'error.unsupported_media_type';
    } else if ((err as FastifyError).statusCode === 429) {
      status = 429;
      key = 'error.rate_limited';
    } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! >= 400 && (err as FastifyError).statusCode! < 500) {
      status = (err as FastifyError).statusCode!;
      key = status === 404 ? 'error.not_found' : 'error.validation';
    } else if (isRetryableDbError(err)) {
      // A failover or a lost connection: nothing of this request was committed; ask for a repeat.
      status = 503;
      key = 'error.db_unavailable';
      reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
    }
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    else req.log.info({ key, status }, 'request refused');
    const message = t(req.lang, key, params);
    if (wantsHtml(req)) return sendPage(reply, h(ErrorPage, { req, status, message, fields }), status);
    // The JSON shape stays { field, message }: `field` the path, the message with the field's label when the form named it.
    reply.code(status).send({ error: key, message, ...(fields ? { fields: fields.map((f) => ({ field: f.field, message: fieldText(f) })) } : {}) });
  });

  app.setNotFoundHandler((req, reply) => {
    const message = t(req.lang, 'error.route_not_found', { method: req.method, url: req.url.split('?')[0] });
    if (wantsHtml(req)) return sendPage(reply, h(ErrorPage, { req, status: 404, message }), 404);
    reply.code(404).send({ error: 'error.route_not_found', message });
  });

  observabilityRoutes(app);
  app.get('/api/openapi.json', async () =>
    openApiDocument({
      title: 'Cổng Dịch vụ công – API',
      version: '1.0.0',
      description:
        'API of the provincial public-service portal and one-stop system. Errors answer in Vietnamese by default; send Accept-Language: en for English.',
    }),
  );
  installHooks(app, modules);
  // The platform's calendar routes, with identity's check for who may edit the schedules.
  calendarRoutes(app, { requireScheduleAdmin: (req) => provinceLevelOfficer(req, ['admin']) });
  installRoutes(app, modules);

  return app;
}

/** busboy's errors for a multipart body cut short or malformed (it throws plain Errors). */
function isBrokenMultipart(err: Error): boolean {
  return /^(Unexpected end of (multipart data|form|file)|Malformed part header|Multipart: Boundary not found|Boundary required|The needle cannot)/.test(
    err.message ?? '',
  );
}
