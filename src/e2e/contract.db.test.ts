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

const Ajv2020: any = (Ajv2020Mod as any).default ?? Ajv2020Mod;
const addFormats: any = (addFormatsMod as any).default ?? addFormatsMod;

let env: TestEnv;
let doc: any;
let ops: FuzzOperation[];
let known: string[] = [];
const actors: Record<string, Login | undefined> = {};
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

async function check(op: FuzzOperation, r: FuzzRequest, login: Login | undefined, who: string): Promise<void> {
  const headers: Record<string, string> = { ...(login ? authHeaders(login) : {}), ...r.headers, accept: 'application/json' };
  const res = await env.app.inject({ method: r.method, url: r.url, headers, payload: r.payload });
  // HEAD answers carry no body by definition (RFC 9110 9.3.2)
  if (r.method === 'HEAD' || !String(res.headers['content-type'] ?? '').startsWith('application/json')) return;
  const status = res.statusCode;
  const documented = doc.paths[op.path][op.method.toLowerCase()].responses;
  if (status < 400 && !documented[String(status)]) {
    broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}, documented ${Object.keys(documented).join('/')}`);
    return;
  }
  const v = validatorFor(op, status);
  if (!v) return;
  if (res.body === '') {
    broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}: empty body sent as application/json`);
    return;
  }
  const body = res.json();
  if (!v(body)) broken.push(`${who} ${r.method} ${r.url.slice(0, 100)} -> ${status}: ${ajv.errorsText(v.errors, { separator: '; ' }).slice(0, 300)}`);
  if (status >= 400) checked.refusal++;
  else {
    checked.success++;
    successFor.add(`${op.method} ${op.path}`);
  }
}

beforeAll(async () => {
  env = await createTestEnv({ vneid: true, population: true });
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  ops = operationsOf(doc).filter((o) => !SESSION_ENDING.has(`${o.method} ${o.path}`));
  const ids = await env.ctx.db.selectFrom('dossiers').select(['id', 'code']).limit(3).execute();
  known = ['1.001193', 'ct', 'hg-vithanh-p1-ubnd', ...ids.flatMap((d) => [d.id, d.code])];
  actors.anonymous = await anonymousCsrf(env.app);
  actors.citizen = await loginCitizen(env, '093090001234');
  actors.admin = await loginOfficer(env.app, 'admin');
  actors.reception = await loginOfficer(env.app, 'motcua.p1');
});

afterAll(async () => {
  await env?.close();
});

describe('the API answers what its OpenAPI document says', () => {
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
