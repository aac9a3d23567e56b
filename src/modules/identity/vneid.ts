/**
 * VNeID login, the client side: OpenID Connect authorization code flow with PKCE (S256),
 * state and nonce, through openid-client. The pending login (verifier, nonce) is kept in the
 * database under the hash of `state`, and the browser holds `state` in a short cookie, so any
 * instance can finish a login another one started.
 */
import * as oidc from 'openid-client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../../platform/context';
import { appendAudit } from '../../platform/audit';
import { OIDC_PENDING_MS, PERSONAL_ID_RE, safeReturnTo, type VneidIdentity } from './model';
import { loginCitizen } from './service';
import { sha256 } from './sessions';
import { cookieOptions, setSessionCookie } from './auth-hook';

export const TX_COOKIE = 'vneid_tx';
export const SCOPE = 'openid profile address phone email organisation';
const discovered = new Map<string, Promise<oidc.Configuration>>();

/** The provider's metadata, discovered once per issuer and client. */
function configuration(ctx: Ctx): Promise<oidc.Configuration> {
  const v = ctx.config.vneid;
  const key = `${v.issuer}|${v.clientId}`;
  let p = discovered.get(key);
  if (!p) {
    const insecure = v.issuer.startsWith('http://') && !ctx.config.production;
    p = oidc.discovery(
      new URL(v.issuer),
      v.clientId,
      v.clientSecret,
      oidc.ClientSecretBasic(v.clientSecret),
      insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
    );
    p.catch(() => discovered.delete(key));
    discovered.set(key, p);
  }
  return p;
}

export async function startVneidLogin(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, app: FastifyInstance) {
  const config = await configuration(ctx);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = ctx.clock.now();
  const next = safeReturnTo((req.query as Record<string, unknown>).next, '/tai-khoan');
  await ctx.db.deleteFrom('oidc_pending').where('expires_at', '<', now).execute();
  await ctx.db
    .insertInto('oidc_pending')
    .values({
      state_hash: sha256(state),
      code_verifier: verifier,
      nonce,
      return_to: next,
      created_at: now,
      expires_at: new Date(now.getTime() + OIDC_PENDING_MS),
    })
    .execute();
  reply.setCookie(TX_COOKIE, state, cookieOptions(app, OIDC_PENDING_MS / 1000));
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ctx.config.vneid.redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ui_locales: req.lang,
  });
  return reply.redirect(url.toString(), 303);
}

function identityFrom(claims: Record<string, unknown>): VneidIdentity {
  const str = (k: string) => (typeof claims[k] === 'string' && claims[k] ? (claims[k] as string) : null);
  const personalId = str('personal_id') ?? str('sub') ?? '';
  if (!PERSONAL_ID_RE.test(personalId)) throw new Error('VNeID gave no valid personal_id');
  const address = claims.address as { formatted?: string } | string | undefined;
  const gender = str('gender');
  return {
    personalId,
    name: str('name') ?? personalId,
    birthDate: str('birthdate'),
    gender: gender === 'male' ? 'Nam' : gender === 'female' ? 'Nữ' : gender,
    address: typeof address === 'string' ? address : (address?.formatted ?? null),
    phone: str('phone_number'),
    email: str('email'),
    orgTaxCode: str('org_tax_code'),
    orgName: str('org_name'),
  };
}

/** The redirect back from VNeID: checks state (cookie), exchanges the code with the PKCE verifier, reads the identity. */
export async function finishVneidLogin(ctx: Ctx, req: FastifyRequest, reply: FastifyReply, app: FastifyInstance) {
  const q = req.query as Record<string, string | undefined>;
  const state = q.state ?? '';
  const cookieState = req.cookies?.[TX_COOKIE] ?? '';
  reply.clearCookie(TX_COOKIE, cookieOptions(app));
  const fail = async (reason: string) => {
    await appendAudit(ctx.db, {
      actorKind: 'anonymous',
      actorId: null,
      action: 'login.failed',
      entity: 'person',
      entityId: null,
      ip: req.ip,
      details: { via: 'vneid', reason },
    });
    return reply.redirect('/dang-nhap?loi=vneid', 303);
  };
  if (!state || state !== cookieState) return fail('state_mismatch');
  const pending = await ctx.db.deleteFrom('oidc_pending').where('state_hash', '=', sha256(state)).returningAll().executeTakeFirst();
  if (!pending || pending.expires_at.getTime() < ctx.clock.now().getTime()) return fail('state_unknown_or_expired');
  if (q.error) return fail(`provider:${String(q.error).slice(0, 40)}`);
  let who: VneidIdentity;
  try {
    const config = await configuration(ctx);
    const current = new URL(req.url, ctx.config.vneid.redirectUri);
    const tokens = await oidc.authorizationCodeGrant(
      config,
      current,
      { pkceCodeVerifier: pending.code_verifier, expectedState: state, expectedNonce: pending.nonce, idTokenExpected: true },
      { redirect_uri: ctx.config.vneid.redirectUri },
    );
    const sub = tokens.claims()!.sub;
    const info = await oidc.fetchUserInfo(config, tokens.access_token, sub);
    who = identityFrom(info as Record<string, unknown>);
  } catch (err) {
    req.log.warn({ err }, 'VNeID login failed');
    return fail('exchange_failed');
  }
  const { session } = await loginCitizen(ctx, who, { ip: req.ip, userAgent: req.headers['user-agent'] });
  setSessionCookie(app, reply, session.rawId);
  return reply.redirect(pending.return_to, 303);
}

export function vneidRoutes(app: FastifyInstance) {
  app.get('/dang-nhap/vneid', async (req, reply) => {
    try {
      return await startVneidLogin(app.ctx, req, reply, app);
    } catch (err) {
      req.log.warn({ err }, 'VNeID unavailable');
      return reply.redirect('/dang-nhap?loi=vneid_unavailable', 303);
    }
  });
  app.get('/dang-nhap/vneid/callback', async (req, reply) => finishVneidLogin(app.ctx, req, reply, app));
}
