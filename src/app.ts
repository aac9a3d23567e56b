import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { h } from 'preact';
import './platform/http/context';
import type { Ctx } from './platform/context';
import { trustedProxies } from './config';
import { AppError } from './platform/errors';
import { DB_RETRY_AFTER_SECONDS, isRetryableDbError } from './platform/db-errors';
import { rateLimitStore } from './platform/http/rate-limit-store';
import { precompressStatic } from './platform/http/static-assets';
import { installSecurityHeaders } from './platform/http/security-headers';
import { pickLang, t } from './platform/i18n';
import { observabilityRoutes } from './platform/http/observability';
import { openApiDocument } from './platform/http/api';
import { sendPage, wantsHtml } from './platform/http/html';
import { ErrorPage } from './web/error-page';
import { calendarRoutes } from './platform/calendar/routes';
import { unitsRoutes } from './modules/units/routes';
import { homeProvince } from './modules/units/service';
import { cataloguePages } from './modules/catalogue/pages';
import { catalogueRoutes } from './modules/catalogue/routes';
import { installAuth } from './modules/identity/auth-hook';
import { identityRoutes } from './modules/identity/routes';
import { provinceLevelOfficer } from './modules/identity/service';
import { identityPages } from './modules/identity/pages';
import { dossiersRoutes } from './modules/dossiers/routes';
import { dossiersPages } from './modules/dossiers/pages';
import { homePages } from './web/home';
import { warehouseRoutes } from './modules/warehouse/routes';
import { warehousePages } from './modules/warehouse/pages';
import { signingRoutes } from './modules/signing/routes';
import { signingPages } from './modules/signing/pages';
import { paymentsRoutes } from './modules/payments/routes';
import { paymentsPages } from './modules/payments/pages';
import { notificationsRoutes } from './modules/notifications/routes';
import { notificationsPages } from './modules/notifications/pages';
import { nationalPortalRoutes } from './modules/national-portal/routes';
import { nationalPortalPages } from './modules/national-portal/pages';
import { feedbackRoutes } from './modules/feedback/routes';
import { feedbackPages } from './modules/feedback/pages';
import { indicatorsRoutes } from './modules/indicators/routes';
import { indicatorsPages } from './modules/indicators/pages';
import { populationRoutes } from './modules/population/routes';
import { populationPages } from './modules/population/pages';
import { rulesRoutes } from './modules/rules/routes';
import { rulesPages } from './modules/rules/pages';
import { operationsRoutes } from './modules/operations/routes';
import { operationsPages } from './modules/operations/pages';

const here = dirname(fileURLToPath(import.meta.url));

export interface BuildOptions {
  ctx: Ctx;
  logger?: Logger | boolean;
}

/** Builds the HTTP app: platform plugins, error handling, then every module's routes and pages. */
export async function buildApp({ ctx, logger = false }: BuildOptions): Promise<FastifyInstance> {
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
  await app.register(rateLimit, { global: false, store: rateLimitStore(() => ctx.db, () => ctx.clock.now()) as never });
  precompressStatic(join(here, 'web/static'));
  await app.register(fastifyStatic, { root: join(here, 'web/static'), prefix: '/static/', maxAge: '1h', preCompressed: true });

  app.addHook('onRequest', async (req, reply) => {
    const q = (req.query as Record<string, string> | undefined)?.lang;
    if (q === 'vi' || q === 'en') reply.setCookie('lang', q, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
    req.lang = pickLang(q ?? req.cookies?.lang, req.headers['accept-language']);
  });

  // Pages name the province the system serves on the day (Tỉnh Hậu Giang until 30/6/2025, Thành
  // phố Cần Thơ after, Resolution 202/2025/QH15): read from the units, not a constant.
  app.addHook('onRequest', async (req) => {
    const path = req.url;
    if (path.startsWith('/api/') || path.startsWith('/static/') || path === '/healthz' || path === '/readyz' || path === '/metrics') return;
    req.provinceName = await provinceNameNow();
  });
  // The name changes only with a merger or a renaming (dated data): kept per day for a minute, not two full
  // reads of the unit tables per page (issue 15, item 4).
  let provinceCache: { key: string; at: number; name: Promise<string> } | null = null;
  function provinceNameNow(): Promise<string> {
    const key = ctx.clock.now().toISOString().slice(0, 13);
    if (!provinceCache || provinceCache.key !== key || Date.now() - provinceCache.at > 60_000) {
      const name = homeProvince(ctx).then((p) => p?.name ?? '', () => '');
      provinceCache = { key, at: Date.now(), name };
      void name.then((n) => {
        if (!n && provinceCache?.name === name) provinceCache = null; // not loaded yet (starting): ask again next time
      });
    }
    return provinceCache.name;
  }

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    let status = 500;
    let key = 'error.internal';
    let params: Record<string, unknown> | undefined;
    let fields: { field: string; message: string }[] | undefined;
    if (err instanceof AppError) {
      ({ status, key, params, fields } = err);
    } else if ((err as FastifyError).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err as any).type === 'entity.parse.failed' || err instanceof SyntaxError) {
      status = 400;
      key = 'error.bad_json';
    } else if (isBrokenMultipart(err)) {
      status = 400;
      key = 'error.bad_multipart';
    } else if (['22021', '22P05', '22P02'].includes(String((err as { code?: unknown }).code)) && /0x00|\\u0000|invalid byte sequence|unsupported Unicode escape/.test(err.message ?? '')) {
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
    reply.code(status).send({ error: key, message, ...(fields ? { fields } : {}) });
  });

  app.setNotFoundHandler((req, reply) => {
    const message = t(req.lang, 'error.route_not_found', { method: req.method, url: req.url.split('?')[0] });
    if (wantsHtml(req)) return sendPage(reply, h(ErrorPage, { req, status: 404, message }), 404);
    reply.code(404).send({ error: 'error.route_not_found', message });
  });

  observabilityRoutes(app);
  installAuth(app);
  app.get('/api/openapi.json', async () =>
    openApiDocument({ title: 'Cổng Dịch vụ công – API', version: '1.0.0', description: 'API of the provincial public-service portal and one-stop system. Errors answer in Vietnamese by default; send Accept-Language: en for English.' }),
  );

  calendarRoutes(app, { requireScheduleAdmin: (req) => provinceLevelOfficer(req, ['admin']) });
  unitsRoutes(app);
  catalogueRoutes(app);
  identityRoutes(app);
  dossiersRoutes(app);
  warehouseRoutes(app);
  signingRoutes(app);
  paymentsRoutes(app);
  notificationsRoutes(app);
  nationalPortalRoutes(app);
  feedbackRoutes(app);
  indicatorsRoutes(app);
  populationRoutes(app);
  rulesRoutes(app);
  operationsRoutes(app);

  homePages(app);
  cataloguePages(app);
  identityPages(app);
  dossiersPages(app);
  warehousePages(app);
  signingPages(app);
  paymentsPages(app);
  notificationsPages(app);
  nationalPortalPages(app);
  feedbackPages(app);
  indicatorsPages(app);
  populationPages(app);
  rulesPages(app);
  operationsPages(app);

  return app;
}

/** busboy's errors for a multipart body cut short or malformed (it throws plain Errors). */
function isBrokenMultipart(err: Error): boolean {
  return /^(Unexpected end of (multipart data|form|file)|Malformed part header|Multipart: Boundary not found|Boundary required|The needle cannot)/.test(err.message ?? '');
}
