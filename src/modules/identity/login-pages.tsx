/** Login and logout pages: citizens through VNeID, officers with a password. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Layout } from '../../web/layout';
import { CsrfField } from '../../web/csrf';
import { sendPage } from '../../platform/http/html';
import { t } from '../../platform/i18n';
import { AppError } from '../../platform/errors';
import { safeReturnTo } from './model';
import { loginOfficer } from './service';
import { destroySession, SESSION_COOKIE } from './sessions';
import { clearSessionCookie, setSessionCookie } from './auth-hook';

/** Officers land on their work queue after login (issue 13.5). */
export const OFFICER_HOME = '/can-bo/hang-doi';
/** Login attempts per client address per minute. */
export const LOGIN_RATE_MAX = 60;

function OfficerLoginPage({ req, next, error, username }: { req: FastifyRequest; next: string; error?: string; username?: string }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'identity.officer_login.title')}>
      <h1>{t(lang, 'identity.officer_login.title')}</h1>
      {error && (
        <div class="error-summary" role="alert" id="login-error">
          <p>{error}</p>
        </div>
      )}
      <form method="post" action="/can-bo/dang-nhap" class="narrow">
        <CsrfField req={req} />
        <input type="hidden" name="next" value={next} />
        <label for="username">{t(lang, 'identity.officer_login.username')}</label>
        <input
          id="username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username ?? ''}
          aria-describedby={error ? 'login-error' : undefined}
        />
        <label for="password">{t(lang, 'identity.officer_login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t(lang, 'identity.officer_login.submit')}</button>
      </form>
      <p>
        <a href="/dang-nhap">{t(lang, 'identity.login.citizen_link')}</a>
      </p>
    </Layout>
  );
}

function CitizenLoginPage({ req, next, error }: { req: FastifyRequest; next: string; error?: string }) {
  const lang = req.lang;
  return (
    <Layout req={req} title={t(lang, 'identity.login.title')}>
      <h1>{t(lang, 'identity.login.title')}</h1>
      {error && (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p>{t(lang, 'identity.login.intro')}</p>
      <p>
        <a class="button vneid" href={`/dang-nhap/vneid?next=${encodeURIComponent(next)}`}>
          {t(lang, 'identity.login.vneid')}
        </a>
      </p>
      <p>
        <a href="/can-bo/dang-nhap">{t(lang, 'identity.login.officer_link')}</a>
      </p>
    </Layout>
  );
}

const rateLimitError = () => new AppError(429, 'error.rate_limited');

export function loginPages(app: FastifyInstance) {
  app.get('/dang-nhap', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const error =
      q.loi === 'vneid' ? t(req.lang, 'identity.vneid.failed') : q.loi === 'vneid_unavailable' ? t(req.lang, 'identity.vneid.unavailable') : undefined;
    return sendPage(reply, <CitizenLoginPage req={req} next={safeReturnTo(q.next, '/tai-khoan')} error={error} />);
  });

  app.get('/can-bo/dang-nhap', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    return sendPage(reply, <OfficerLoginPage req={req} next={safeReturnTo(q.next, OFFICER_HOME)} />);
  });

  app.post(
    '/can-bo/dang-nhap',
    {
      // Per address: an office behind one NAT logs in many officers at 8 am, so the limit is
      // generous; guessing one account's password is stopped by the lock-out (MAX_FAILED_LOGINS).
      config: {
        rateLimit: {
          max: LOGIN_RATE_MAX,
          timeWindow: '1 minute',
          keyGenerator: (req: FastifyRequest) => `login:${req.ip}`,
          errorResponseBuilder: rateLimitError,
        },
      },
    },
    async (req, reply) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const username = typeof body.username === 'string' ? body.username.slice(0, 100) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      const next = safeReturnTo(body.next, OFFICER_HOME);
      const result = await loginOfficer(app.ctx, { username, password, ip: req.ip, userAgent: req.headers['user-agent'] });
      if (!result.ok) {
        // One answer for unknown, wrong, locked and disabled accounts (issue 14: no username
        // discovery); the reason is in the audit log only.
        return sendPage(reply, <OfficerLoginPage req={req} next={next} username={username} error={t(req.lang, 'identity.login.invalid')} />, 401);
      }
      setSessionCookie(app, reply, result.session.rawId);
      return reply.redirect(next, 303);
    },
  );

  app.post('/dang-xuat', async (req, reply) => {
    await destroySession(app.ctx, req.cookies?.[SESSION_COOKIE] ?? '');
    clearSessionCookie(app, reply);
    return reply.redirect('/', 303);
  });
}
