import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import Ajv2020Mod from 'ajv/dist/2020';
import type { ValidateFunction } from 'ajv';
import addFormatsMod from 'ajv-formats';
import { validate } from './validate';

/**
 * One definition per JSON endpoint: its input schemas validate the request (in the client's
 * language) and describe the endpoint in the OpenAPI document at /api/openapi.json.
 */
export interface ApiDef<Q extends ZodType, B extends ZodType, P extends ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  url: string;
  summary: string;
  tags: string[];
  query?: Q;
  body?: B;
  params?: P;
  /**
   * Schema of a success response: documented in /api/openapi.json and given to Fastify as the schema of every 2xx answer,
   * so fast-json-stringify writes it (fields it does not list are not sent). Refusals keep the error handler's shape.
   */
  response?: ZodType;
  /** Status of a success response; 200 by default. */
  status?: number;
  /** Media type of a success answer that is not JSON (a PDF, a CSV, a file as stored): documented as binary, not serialized. */
  produces?: string;
  /** Schema of the refusals (400, 404) when they answer a partner's protocol instead of the Error object. */
  refusal?: ZodType;
  /** Other answers the handler gives in a shape of its own, by status (e.g. a 422 report); documented beside the success. */
  answers?: Record<number, { description: string; schema: ZodType }>;
  /** Set when the endpoint takes multipart/form-data (the handler reads the parts itself). */
  multipart?: boolean;
  /** Set when the body is neither JSON nor multipart (e.g. 'application/offset+octet-stream' for tus): documented, not validated. */
  bodyType?: string;
  handler: (input: { req: FastifyRequest; reply: FastifyReply; query: z.output<Q>; body: z.output<B>; params: z.output<P> }) => Promise<unknown>;
}

const operations: { method: string; url: string; def: ApiDef<any, any, any> }[] = [];

export function api<Q extends ZodType = ZodType, B extends ZodType = ZodType, P extends ZodType = ZodType>(app: FastifyInstance, def: ApiDef<Q, B, P>) {
  if (!operations.some((o) => o.method === def.method && o.url === def.url)) operations.push({ method: def.method, url: def.url, def });
  const answer = def.response ? serializationSchema(def.response) : undefined;
  const check = answer && checksAnswers(app) ? answerCheck(def, answer) : undefined;
  app.route({
    method: def.method,
    url: def.url,
    ...(answer ? { schema: { response: { '2xx': answer } } } : {}),
    ...(check ? { preSerialization: check.hook, config: { apiAnswerCheck: check.run } } : {}),
    handler: async (req, reply) => {
      const query = def.query ? validate(def.query, req.query ?? {}, req.lang) : (req.query as any);
      const params = def.params ? validate(def.params, req.params ?? {}, req.lang) : (req.params as any);
      const body = def.body && !def.multipart && !def.bodyType ? validate(def.body, req.body ?? {}, req.lang) : (req.body as any);
      const result = await def.handler({ req, reply, query, body, params });
      if (reply.sent) return reply;
      if (def.status) reply.code(def.status);
      return result;
    },
  });
}

/** The Error object every refusal answers (components.schemas.Error), for a route whose refusal may also take another shape. */
export const errorBody = z.object({
  error: z.string().describe('stable error key'),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

type Json = Record<string, unknown>;

/**
 * The JSON Schema fast-json-stringify serializes a success answer with: the OpenAPI document's conversion (io 'output')
 * without `$schema`, with `additionalProperties: false` dropped (fast-json-stringify leaves unlisted fields out anyway,
 * and inside an anyOf its branch check would refuse an answer with one more field instead of leaving it out) and
 * `const` written as a one-value `enum` (fast-json-stringify writes a const's value whatever the answer holds).
 * A schema that cannot be converted throws here, when the route is declared: no route is silently left unserialized.
 */
export function serializationSchema(s: ZodType): Json {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (!v || typeof v !== 'object') return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$schema' || (k === 'additionalProperties' && x === false)) continue;
      if (k === 'const') out.enum = [x];
      else out[k] = strip(x);
    }
    return out;
  };
  return strip(z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' })) as Json;
}

/** Under NODE_ENV=test every success answer is also checked against its schema before it is serialized (see answerCheck). */
function checksAnswers(app: FastifyInstance): boolean {
  return (app as { ctx?: { config?: { NODE_ENV?: string } } }).ctx?.config?.NODE_ENV === 'test';
}

const Ajv2020 = ((Ajv2020Mod as unknown as { default?: typeof Ajv2020Mod }).default ?? Ajv2020Mod) as typeof Ajv2020Mod;
const addFormats = ((addFormatsMod as unknown as { default?: typeof addFormatsMod }).default ?? addFormatsMod) as typeof addFormatsMod;
let answerAjv: InstanceType<typeof Ajv2020Mod> | undefined;

/**
 * fast-json-stringify coerces rather than refuses some wrong answers (null into a string field is "", into a number 0,
 * a number into a string field its digits): what the handler really answered would no longer reach the contract test.
 * So in tests the answer as JSON.stringify would have written it is validated first, and a mismatch fails the request
 * (500, logged with the operation and what did not match).
 */
function answerCheck(def: { method: string; url: string }, schema: Json) {
  let v: ValidateFunction | undefined;
  const run = (status: number, payload: unknown) => {
    if (status < 200 || status >= 300 || payload === undefined) return;
    answerAjv ??= addFormats(new Ajv2020({ allErrors: true, strict: false }));
    v ??= answerAjv.compile(schema);
    const plain: unknown = JSON.parse(JSON.stringify(payload));
    if (v(plain)) return;
    const message = `${def.method} ${def.url} answered outside its response schema: ${answerAjv.errorsText(v.errors)}`;
    // tests run without a logger and the error handler answers only "error.internal": say what broke where it is seen
    process.stderr.write(`${message}\n`);
    throw new Error(message);
  };
  const hook = async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    run(reply.statusCode, payload);
    return payload;
  };
  return { run, hook };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set by api() under NODE_ENV=test: checks a success answer against the route's response schema. */
    apiAnswerCheck?: (status: number, payload: unknown) => void;
  }
}

/**
 * The JSON text of a success answer a handler keeps to send again (a shared cache): written by the route's serializer,
 * as `reply.send(data)` would write it, and checked under NODE_ENV=test the same way.
 */
export function serializeAnswer(reply: FastifyReply, data: unknown): string {
  if (reply.statusCode < 200 || reply.statusCode >= 300) reply.code(200);
  reply.routeOptions.config.apiAnswerCheck?.(reply.statusCode, data);
  return reply.serialize(data) as string;
}

function jsonSchema(s: ZodType, io: 'input' | 'output') {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, any>;
  } catch {
    return {};
  }
}

export function openApiDocument(info: { title: string; version: string; description?: string }) {
  const paths: Record<string, any> = {};
  for (const { method, url, def } of operations) {
    const path = url.replace(/:(\w+)/g, '{$1}');
    const parameters: any[] = [];
    for (const [where, schema] of [
      ['path', def.params],
      ['query', def.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input');
      for (const [name, prop] of Object.entries<any>(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: prop, description: prop.description });
      }
    }
    const op: any = { summary: def.summary, tags: def.tags, parameters, responses: {} };
    if (def.body) {
      const type = def.bodyType ?? (def.multipart ? 'multipart/form-data' : 'application/json');
      op.requestBody = { required: true, content: { [type]: { schema: jsonSchema(def.body, 'input') } } };
    }
    op.responses[String(def.status ?? 200)] = {
      description: 'OK',
      content: def.response
        ? { 'application/json': { schema: jsonSchema(def.response, 'output') } }
        : def.produces
          ? { [def.produces]: { schema: { type: 'string', format: 'binary' } } }
          : undefined,
    };
    if (def.refusal) {
      const refusal = {
        description: "Refused, answered in the partner's protocol",
        content: { 'application/json': { schema: jsonSchema(def.refusal, 'output') } },
      };
      op.responses['400'] = refusal;
      op.responses['404'] = refusal;
    } else
      op.responses['400'] = {
        description: 'Invalid input; the message is in the language of Accept-Language (Vietnamese by default)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    for (const [status, a] of Object.entries(def.answers ?? {}))
      op.responses[status] = { description: a.description, content: { 'application/json': { schema: jsonSchema(a.schema, 'output') } } };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'string', description: 'stable error key' },
            message: { type: 'string' },
            fields: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
          required: ['error', 'message'],
        },
      },
    },
  };
}
