/**
 * Sandbox VNeID: an OpenID Connect provider (oidc-provider) holding the demo citizens, with
 * a simple login page and consent. Authorization code flow, PKCE required, client_secret_basic.
 * A separate node:http server, started by src/main.ts in demo mode and by the test harness.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { exportJWK, generateKeyPair } from 'jose';
import { accountIdFor, checkPassword, claimsOf, CLAIMS_BY_SCOPE, findCitizen, SCOPES } from './accounts';
import { consentPage, errorPage, loginPage } from './pages';
import { sandboxLang } from './messages';
import { oidcAdapter, sharedSecret, type Db } from '../../src/platform/oidc-store';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  name?: string;
}

export interface SandboxVneidOptions {
  port: number;
  host?: string;
  /** Public URL of the issuer; defaults to http://<host>:<port>. */
  issuer?: string;
  clients: SandboxClient[];
  /**
   * Keep the provider's state (interactions, sessions, grants, codes, tokens) and its keys in
   * this database (table oidc_provider_state), so several sandbox processes behind one issuer
   * URL act as one. Without it the state is in this process's memory and the keys are new at
   * every start.
   */
  store?: Db;
}

export interface SandboxVneidHandle {
  issuer: string;
  /** Plays the browser at the sandbox: follows an authorization URL, logs in, consents; returns the redirect back to the client. */
  authorize(url: string, who: { personalId: string; password: string; asOrg?: boolean }): Promise<string>;
  close(): Promise<void>;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
  res.end(html);
}

async function newKeys() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { jwk: { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'sandbox-1' }, cookieKey: randomBytes(32).toString('hex') };
}

async function buildProvider(issuer: string, clients: SandboxClient[], store?: Db) {
  const { jwk, cookieKey } = store ? await sharedSecret(store, 'vneid-sandbox', newKeys) : await newKeys();
  const provider = new Provider(issuer, {
    ...(store ? { adapter: oidcAdapter(store) } : {}),
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.name ?? 'Cổng Dịch vụ công',
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [jwk as any] },
    cookies: { keys: [cookieKey] },
    pkce: { required: () => true },
    scopes: SCOPES,
    claims: CLAIMS_BY_SCOPE,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, sub: string) => {
      const claims = claimsOf(sub);
      if (!claims) return undefined;
      return { accountId: sub, claims: async () => claims as any };
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    renderError: async (ctx: any, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = errorPage('vi', `${out.error}: ${out.error_description ?? ''}`);
    },
  } as any);
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('sandbox vneid error', err));
  return provider;
}

async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string[]) {
  const [, uid, action] = path;
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) return sendHtml(res, 400, errorPage('vi', 'interaction mismatch'));
  const params = details.params as Record<string, string>;
  const lang = sandboxLang(params.ui_locales, req.headers['accept-language']);
  const client = await provider.Client.find(params.client_id);
  const clientName = (client?.clientName as string | undefined) ?? params.client_id;

  if (req.method === 'GET' && !action) {
    if (details.prompt.name === 'login') return sendHtml(res, 200, loginPage({ lang, uid, client: clientName }));
    const accountId = details.session?.accountId ?? '';
    const name = findCitizen(accountId.split('.')[0])?.name ?? accountId;
    return sendHtml(
      res,
      200,
      consentPage({
        lang,
        uid,
        client: clientName,
        name,
        scopes: String(params.scope ?? '')
          .split(' ')
          .filter(Boolean),
      }),
    );
  }
  if (req.method !== 'POST') return sendHtml(res, 405, errorPage(lang, 'method not allowed'));
  const form = await readForm(req);
  if (action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-user refused' }, { mergeWithLastSubmission: false });
  }
  if (action === 'login') {
    const personalId = (form.get('personal_id') || form.get('citizen') || '').trim();
    const c = findCitizen(personalId);
    if (!c || !checkPassword(c, form.get('password') ?? '')) return sendHtml(res, 401, loginPage({ lang, uid, client: clientName, error: true, personalId }));
    const accountId = accountIdFor(c, form.get('as') === 'org');
    return provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm') {
    const { prompt, session } = details;
    const d = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session!.accountId, clientId: params.client_id });
    if (!grant) return sendHtml(res, 400, errorPage(lang, 'grant not found'));
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    return provider.interactionFinished(req, res, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  }
  return sendHtml(res, 404, errorPage(lang, 'not found'));
}

/** Starts the sandbox provider; with port 0 the issuer gets the port the system chose. */
export async function startSandboxVneid(opts: SandboxVneidOptions): Promise<SandboxVneidHandle> {
  const host = opts.host ?? '127.0.0.1';
  let provider: Provider | null = null;
  let callback: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const server = createServer((req, res) => {
    if (!provider || !callback) return sendHtml(res, 503, 'starting');
    const path = (req.url ?? '/').split('?')[0].split('/').filter(Boolean);
    if (path[0] === 'interaction' && path[1]) {
      handleInteraction(provider, req, res, path).catch((err) => {
        if (!res.headersSent) sendHtml(res, 400, errorPage('vi', String((err as Error).message ?? err)));
      });
      return;
    }
    callback(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = (opts.issuer ?? `http://${host}:${port}`).replace(/\/$/, '');
  provider = await buildProvider(issuer, opts.clients, opts.store);
  callback = provider.callback() as any;
  return {
    issuer,
    authorize: (url, who) => playBrowser(issuer, url, who),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** A minimal cookie-keeping browser for tests: login, consent, and the redirect back. */
async function playBrowser(issuer: string, startUrl: string, who: { personalId: string; password: string; asOrg?: boolean }): Promise<string> {
  const jar = new Map<string, string>();
  const origin = new URL(issuer).origin;
  let url = startUrl;
  let init: RequestInit = { method: 'GET' };
  for (let i = 0; i < 20; i++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.origin !== origin) return next.toString();
      url = next.toString();
      init = { method: 'GET' };
      continue;
    }
    const html = await res.text();
    const m = /\/interaction\/([^/?]+)$/.exec(new URL(url).pathname);
    if (res.status !== 200 || !m) throw new Error(`sandbox VNeID answered ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const form = html.includes('name="password"')
      ? { action: 'login', body: new URLSearchParams({ personal_id: who.personalId, password: who.password, as: who.asOrg ? 'org' : 'person' }) }
      : { action: 'confirm', body: new URLSearchParams() };
    url = `${origin}/interaction/${m[1]}/${form.action}`;
    init = { method: 'POST', body: form.body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('sandbox VNeID: too many redirects');
}
