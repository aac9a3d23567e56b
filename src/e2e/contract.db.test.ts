/**
 * The API contract (issue 16 item 4): every JSON answer the routes actually give is validated
 * against /api/openapi.json - a success against the operation's documented response schema,
 * a refusal against components.schemas.Error. The requests are every GET operation with the
 * seeded database's real identifiers as each kind of actor, then the fuzz generator's inputs
 * (src/test/fuzz.ts) for every operation, which reach the handlers' refusals and some successes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Ajv2020Mod from 'ajv/dist/2020';
import addFormatsMod from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { createTestEnv, type TestEnv } from '../test/harness';
import { anonymousCsrf, authHeaders, loginCitizen, loginOfficer, type Login } from '../test/login';
import { operationsOf, requestArbitrary, type FuzzOperation, type FuzzRequest } from '../test/fuzz';
import { startSandboxPayment, type SandboxPaymentHandle } from '../../sandbox/payment/server';
import { startSandboxNationalPortal, type NationalPortalSandbox } from '../../sandbox/national-portal/server';
import { startSandboxEsign, sandboxCaDir, type SandboxEsignHandle } from '../../sandbox/esign/server';
import { gatewaySigner } from '../modules/signing/remote-signer';
import { setRemoteSigner } from '../modules/signing/service';
import { loginOfficers } from '../modules/notifications/testkit';
import { scenario, type Actor } from '../test/contract-scenario';

const Ajv2020: any = (Ajv2020Mod as any).default ?? Ajv2020Mod;
const addFormats: any = (addFormatsMod as any).default ?? addFormatsMod;

let env: TestEnv;
let doc: any;
let ops: FuzzOperation[];
let known: string[] = [];
const actors: Record<string, Login | undefined> = {};
/** The officers the scenario acts as besides the four actors above. */
const team: Partial<Record<Actor, Login>> = {};
let gw: SandboxPaymentHandle;
let portal: NationalPortalSandbox;
let esign: SandboxEsignHandle;

/**
 * The operations the scenario does not answer with a 2xx, and why (asserted exactly: reaching one
 * more, or one less, fails the test until this list is updated).
 */
const UNREACHED: Record<string, string> = {
  'POST /api/v1/dossiers/{id}/files/{fileId}/sign-retry':
    'needs a result whose remote signature failed; the eSign sandbox here confirms every request, so no signature fails',
};
const SESSION_ENDING = new Set(['POST /api/v1/logout', 'POST /api/v1/auth/logout']);

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

/** The documented schema of an answer: the operation's response for that status, or the Error schema for a refusal. */
function validatorFor(op: FuzzOperation, status: number): ValidateFunction | null {
  const key = `${op.method} ${op.path} ${status}`;
  if (validators.has(key)) return validators.get(key)!;
  const documented = doc.paths[op.path][op.method.toLowerCase()].responses[String(status)]?.content?.['application/json']?.schema;
  const schema = documented && !(status >= 400 && documented.$ref) ? documented : status >= 400 ? doc.components.schemas.Error : null;
  const v = schema ? ajv.compile(schema) : null;
  if (v) validators.set(key, v);
  return v;
}

/** What each answer broke, and how many answers a schema checked. */
const broken: string[] = [];
const checked = { success: 0, refusal: 0 };
const successFor = new Set<string>();

/** Operations a request here answered with a 2xx, whether or not the answer has a documented schema. */
const reached = new Set<string>();

type Response = Awaited<ReturnType<TestEnv['app']['inject']>>;

async function check(op: FuzzOperation, r: FuzzRequest, login: Login | undefined, who: string): Promise<Response> {
  const headers: Record<string, string> = { ...(login ? authHeaders(login) : {}), ...r.headers, accept: r.headers.accept ?? 'application/json' };
  const res = await env.app.inject({ method: r.method, url: r.url, headers, payload: r.payload });
  const status = res.statusCode;
  if (status >= 200 && status < 300) reached.add(`${op.method} ${op.path}`);
  // A 500 is a bug, and under NODE_ENV=test an answer outside its response schema is one (platform/http/api.ts).
  if (status === 500) broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> 500 ${res.body.slice(0, 200)}`);
  // HEAD answers carry no body by definition (RFC 9110 9.3.2)
  if (r.method === 'HEAD' || !String(res.headers['content-type'] ?? '').startsWith('application/json')) return res;
  const documented = doc.paths[op.path][op.method.toLowerCase()].responses;
  if (status < 400 && !documented[String(status)]) {
    broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}, documented ${Object.keys(documented).join('/')}`);
    return res;
  }
  const v = validatorFor(op, status);
  if (!v) return res;
  if (res.body === '') {
    broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}: empty body sent as application/json`);
    return res;
  }
  const body = res.json();
  if (!v(body)) broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}: ${ajv.errorsText(v.errors, { separator: '; ' }).slice(0, 300)}`);
  if (status >= 400) checked.refusal++;
  else {
    checked.success++;
    successFor.add(`${op.method} ${op.path}`);
  }
  return res;
}

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, population: true, now: '2026-03-09T02:00:00Z' });
  const c = env.ctx.config;
  gw = await startSandboxPayment({ port: 0, partnerCode: c.payment.partnerCode, secret: c.payment.secret, portalUrl: () => env.baseUrl! });
  c.payment.url = gw.url;
  portal = await startSandboxNationalPortal({
    port: 0,
    username: c.nationalPortal.username,
    password: c.nationalPortal.password,
    madonvi: c.nationalPortal.madonvi,
  });
  c.nationalPortal.url = portal.url;
  // The eSign sandbox signs certified copies (before it ran here, a refused signer was answered 503 "database unavailable").
  esign = await startSandboxEsign({
    port: 0,
    caDir: sandboxCaDir(c.DATA_DIR),
    clientId: c.esign.clientId,
    clientSecret: c.esign.clientSecret,
    autoConfirmMs: 10,
  });
  setRemoteSigner(gatewaySigner({ url: esign.url, clientId: c.esign.clientId, clientSecret: c.esign.clientSecret, pollMs: 10 }));
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  ops = operationsOf(doc).filter((o) => !SESSION_ENDING.has(`${o.method} ${o.path}`));
  const ids = await env.ctx.db.selectFrom('dossiers').select(['id', 'code']).limit(3).execute();
  known = ['1.001193', 'ct', 'hg-vithanh-p1-ubnd', ...ids.flatMap((d) => [d.id, d.code])];
  actors.anonymous = await anonymousCsrf(env.app);
  actors.citizen = await loginCitizen(env, '093090001234');
  actors.admin = await loginOfficer(env.app, 'admin');
  actors.reception = await loginOfficer(env.app, 'motcua.p1');
  Object.assign(team, await loginOfficers(env));
  team.controller = await loginOfficer(env.app, 'kiemsoat');
  team.monitor = await loginOfficer(env.app, 'giamsat');
  team.commune = await loginOfficer(env.app, 'tuphap.p1');
});

afterAll(async () => {
  await gw?.close();
  await portal?.close();
  setRemoteSigner(null);
  await esign?.close();
  await env?.close();
});

/** The sessions stay alive while the scenario runs (the officers' idle timeout). */
async function keepAlive() {
  const now = env.clock.now();
  await env.ctx.db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + 86_400_000) })
    .execute();
}

/** Trace of the scenario's calls, printed when an expectation fails. */
const trace: string[] = [];

interface Call {
  query?: Record<string, string | number | boolean>;
  /** A JSON body. */
  body?: unknown;
  /** A multipart/form-data or raw body with its content type. */
  raw?: { body: Buffer | string; type: string };
  headers?: Record<string, string>;
}

/** One request to a documented operation ("GET /api/v1/units/{id}") as an actor, checked against the document. */
async function call(who: Actor, operation: string, params: Record<string, string> = {}, c: Call = {}): Promise<Response> {
  const [method, path] = operation.split(' ') as [FuzzOperation['method'], string];
  const op = ops.find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`no operation ${operation} in the document`);
  let url = path.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (params[k] === undefined) throw new Error(`${operation}: no value for {${k}}`);
    return encodeURIComponent(params[k]);
  });
  if (c.query) url += '?' + new URLSearchParams(Object.entries(c.query).map(([k, v]) => [k, String(v)])).toString();
  const headers: Record<string, string> = { ...c.headers };
  let payload: any;
  if (c.raw) {
    headers['content-type'] = c.raw.type;
    payload = c.raw.body;
  } else if (c.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(c.body);
  }
  const res = await check(op, { method, url, headers, payload }, actors[who] ?? team[who], who);
  trace.push(`${String(who)} ${method} ${url.slice(0, 120)} -> ${res.statusCode}${res.statusCode >= 300 ? ' ' + res.body.slice(0, 300) : ''}`);
  return res;
}

describe('the API answers what its OpenAPI document says', () => {
  it('describes the success answer of every operation: a JSON schema, a media type, or no body (204)', () => {
    const undescribed: string[] = [];
    for (const [path, ops] of Object.entries<any>(doc.paths))
      for (const [method, op] of Object.entries<any>(ops))
        for (const [status, r] of Object.entries<any>(op.responses))
          if (status.startsWith('2') && status !== '204' && method !== 'head' && !r.content) undescribed.push(`${method.toUpperCase()} ${path}`);
    expect(undescribed).toEqual([]);
  });

  it('answers a valid request of every operation, as the right actor, as documented', async () => {
    await scenario(env, call, {
      keepAlive,
      async pay(payUrl, orderRef) {
        await gw.payerClicks(payUrl, 'pay');
        // the gateway's signed callback, sent once more (it is idempotent) to be replayed through the contract check
        let signed: unknown;
        await gw.sendCallback(orderRef, (msg) => void (signed = { ...msg }));
        return signed;
      },
    });
    if (process.env.CONTRACT_TRACE)
      console.info(
        [
          ...broken,
          ...trace.filter((t) => !/-> 2\d\d/.test(t)),
          'UNREACHED',
          ...ops.filter((o) => !reached.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`),
        ].join('\n'),
      );
    expect(broken, broken.slice(0, 30).join('\n')).toEqual([]);
    const unreached = ops.filter((o) => !reached.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`);
    expect(unreached, trace.filter((t) => !/-> 2\d\d/.test(t)).join('\n')).toEqual(Object.keys(UNREACHED));
    const undocumented = ops
      .filter((o) => reached.has(`${o.method} ${o.path}`) && !successFor.has(`${o.method} ${o.path}`))
      .map((o) => `${o.method} ${o.path}`);
    console.info(
      `contract scenario: ${reached.size}/${ops.length} operations answered 2xx, ${successFor.size} of them validated; undocumented: ${undocumented.join(', ')}`,
    );
  }, 600_000);

  it('answers every GET operation, with real identifiers, as documented', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const fills = op.pathParams.length ? known : [''];
      for (const id of fills) {
        const url = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(id));
        for (const [who, login] of Object.entries(actors)) await check(op, { method: 'GET', url, headers: {} }, login, who);
      }
    }
    expect(broken, broken.slice(0, 30).join('\n')).toEqual([]);
    expect(checked.success).toBeGreaterThan(0);
  }, 600_000);

  it('answers the fuzz generator inputs of every operation as documented', async () => {
    for (const op of ops) {
      for (const [who, login] of Object.entries(actors)) {
        const samples = fc.sample(requestArbitrary(op, known), { numRuns: 3, seed: 20261204 + op.path.length });
        for (const r of samples) await check(op, r, login, who);
      }
    }
    expect(broken, broken.slice(0, 30).join('\n')).toEqual([]);
    expect(checked.refusal).toBeGreaterThan(ops.length);
    // which documented operations no request here reached with a success (read in the report, not asserted)
    const unreached = ops.filter((o) => !successFor.has(`${o.method} ${o.path}`)).map((o) => `${o.method} ${o.path}`);
    console.info(
      `contract: ${checked.success} successes and ${checked.refusal} refusals validated; ${ops.length - unreached.length}/${ops.length} operations reached with a success`,
    );
  }, 900_000);
});
