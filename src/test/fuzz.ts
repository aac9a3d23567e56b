/**
 * Input generators for fuzzing the API from its OpenAPI document (src/e2e/fuzz.db.test.ts):
 * fast-check arbitraries built from each operation's JSON schemas, mixing values the schema
 * allows with malformed, boundary, oversized and wrong-type ones.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Ctx } from '../platform/context';

type Schema = Record<string, any>;

export interface FuzzOperation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  /** e.g. /api/v1/dossiers/{id}/actions */
  path: string;
  pathParams: string[];
  query: Record<string, Schema>;
  body?: Schema;
  multipart: boolean;
}

export interface FuzzRequest {
  method: FuzzOperation['method'];
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export function operationsOf(doc: { paths: Record<string, Record<string, any>> }): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const params: any[] = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: m.toUpperCase() as FuzzOperation['method'],
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema ?? {}])),
        body: content['application/json']?.schema ?? content['multipart/form-data']?.schema,
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  return ops;
}

const NASTY: unknown[] = [
  null,
  '',
  ' ',
  -1,
  0,
  2 ** 53,
  -(2 ** 53),
  1.5,
  true,
  false,
  [],
  {},
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  "' OR '1'='1",
  '"; DROP TABLE dossiers; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  '\uFEFF',
  '𝕏🇻🇳',
  'Nguyễn Thị Ánh Tuyết',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0000-00-00',
  'Infinity',
  { $gt: '' },
  ['a', 'b'],
  { __proto__: { polluted: true } },
  'ạ'.repeat(5000),
  'x'.repeat(100_000),
];

function typesOf(s: Schema): string[] {
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : [];
}

/** Values just outside the schema's limits. */
function boundary(s: Schema): unknown[] {
  const out: unknown[] = [];
  if (typeof s.maxLength === 'number') out.push('a'.repeat(s.maxLength + 1));
  if (typeof s.minLength === 'number' && s.minLength > 0) out.push('a'.repeat(s.minLength - 1));
  if (typeof s.maximum === 'number') out.push(s.maximum + 1);
  if (typeof s.minimum === 'number') out.push(s.minimum - 1);
  if (typeof s.maxItems === 'number') out.push(Array.from({ length: s.maxItems + 1 }, () => 'a'));
  return out;
}

function validValue(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 4) return fc.constant('x');
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...s.enum);
  if ('const' in s) return fc.constant(s.const);
  const alts = s.anyOf ?? s.oneOf;
  if (Array.isArray(alts) && alts.length) return fc.oneof(...alts.map((a: Schema) => validValue(a, depth + 1)));
  const types = typesOf(s);
  if (!types.length) return fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean());
  return fc.oneof(
    ...types.map((t): fc.Arbitrary<unknown> => {
      switch (t) {
        case 'string':
          if (s.format === 'date')
            return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
          if (s.format === 'date-time')
            return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
          if (s.format === 'email') return fc.emailAddress();
          if (s.format === 'uuid') return fc.uuid();
          if (typeof s.pattern === 'string') {
            try {
              return fc.stringMatching(new RegExp(s.pattern)).map((v) => v.slice(0, 200));
            } catch {
              /* a pattern fast-check cannot generate from: fall through */
            }
          }
          return fc.string({
            minLength: s.minLength ?? 0,
            maxLength: Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? 40, 40)),
            unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạ 0123456789-.'.split('')),
          });
        case 'integer':
          return fc.integer({ min: Math.max(s.minimum ?? -1000, -1e9), max: Math.min(s.maximum ?? 100_000, 1e9) });
        case 'number':
          return fc.double({ noNaN: true, noDefaultInfinity: true, min: s.minimum ?? -1e6, max: s.maximum ?? 1e6 });
        case 'boolean':
          return fc.boolean();
        case 'null':
          return fc.constant(null);
        case 'array':
          return fc.array(validValue(s.items ?? {}, depth + 1), { maxLength: 3 });
        case 'object':
          return objectValue(s, depth + 1);
        default:
          return fc.constant(null);
      }
    }),
  );
}

function fieldValue(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  const bad = [...NASTY, ...boundary(s)];
  return fc.oneof(
    { weight: 3, arbitrary: validValue(s, depth) },
    { weight: 3, arbitrary: fc.constantFrom(...bad) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.jsonValue({ maxDepth: 2 })) },
  );
}

function objectValue(s: Schema, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props: Record<string, Schema> = s.properties ?? {};
  const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fieldValue(v, depth)]));
  const required: string[] = s.required ?? [];
  return fc
    .tuple(
      fc.record(shape, { requiredKeys: [] }),
      // a valid-looking core: the required fields from the schema, so the handler's own checks are reached
      fc.record(Object.fromEntries(required.filter((k) => props[k]).map((k) => [k, validValue(props[k], depth)])) as Record<string, fc.Arbitrary<unknown>>),
      fc.boolean(),
      fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }), { nil: undefined }),
    )
    .map(([fuzzed, core, coreFirst, extra]) => ({ ...(coreFirst ? { ...fuzzed, ...core } : { ...core, ...fuzzed }), ...(extra ?? {}) }));
}

function asQueryValue(v: unknown): string | string[] | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x)));
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Requests for one operation. `known` are real identifiers of the seeded database (procedure
 * codes, unit and dossier ids) so that some path parameters reach the handler's own checks.
 */
export function requestArbitrary(op: FuzzOperation, known: string[] = []): fc.Arbitrary<FuzzRequest> {
  const pathSeg = fc.oneof(
    { weight: 2, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant('1.001193') },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY.filter((v) => typeof v === 'string' && v !== '' && v.length < 6000)).map(String) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  );
  const params = fc.tuple(...op.pathParams.map(() => pathSeg));
  const query = fc.record(Object.fromEntries(Object.entries(op.query).map(([k, s]) => [k, fieldValue(s)])), { requiredKeys: [] });
  const body: fc.Arbitrary<{ payload?: string; type?: string }> =
    !op.body && op.method === 'GET'
      ? fc.constant({})
      : op.multipart
        ? fc.oneof(
            fc.string({ maxLength: 200 }).map((s) => ({ payload: s, type: 'multipart/form-data; boundary=----fuzz' })),
            fc.constant({
              payload:
                '------fuzz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n------fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 broken',
              type: 'multipart/form-data; boundary=----fuzz',
            }),
            fc.constant({ payload: '{}', type: 'application/json' }),
          )
        : fc.oneof(
            { weight: 6, arbitrary: objectValue(op.body ?? {}).map((o) => ({ payload: JSON.stringify(o), type: 'application/json' })) },
            {
              weight: 1,
              arbitrary: fc
                .constantFrom('[]', '"x"', '42', 'null', '{"a":', '{"__proto__":{"isAdmin":true}}', '\uFEFF{}')
                .map((p) => ({ payload: p, type: 'application/json' })),
            },
            { weight: 1, arbitrary: fc.constant({ payload: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }) },
          );
  return fc.tuple(params, query, body).map(([ps, q, b]) => {
    let i = 0;
    const path = op.path.replace(/\{(\w+)\}/g, () => encodeURIComponent(String(ps[i++])));
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) {
      const qv = asQueryValue(v);
      if (Array.isArray(qv)) qv.forEach((x) => search.append(k, x));
      else if (qv !== undefined) search.append(k, qv);
    }
    const qs = search.toString();
    return {
      method: op.method,
      url: qs ? `${path}?${qs}` : path,
      headers: (b.type ? { 'content-type': b.type } : {}) as Record<string, string>,
      payload: b.payload,
    };
  });
}

/**
 * Tables whose rows may change on a refusal by design: the audit log (refused attempts are
 * audited), the limits and lock-outs (a refusal counts), sessions' last-seen times.
 */
const MAY_CHANGE_ON_REFUSAL = new Set(['audit_log', 'audit_chain_head', 'security_limits', 'sessions', 'kysely_migration', 'kysely_migration_lock']);

/** One hash per table of the public schema: any insert, update or delete changes it. */
export async function dbFingerprint(ctx: Ctx): Promise<Record<string, string>> {
  const tables = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(ctx.db);
  const names = tables.rows.map((r) => r.name).filter((n) => !MAY_CHANGE_ON_REFUSAL.has(n));
  const parts = names.map(
    (n) => `SELECT '${n}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS h FROM "${n}" t`,
  );
  const r = await sql<{ name: string; h: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(ctx.db);
  return Object.fromEntries(r.rows.map((x) => [x.name, x.h]));
}
