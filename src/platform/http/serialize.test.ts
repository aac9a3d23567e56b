/**
 * Answers serialized through their schemas (issue 16 item 4): a tiny Fastify app whose routes are declared with api(),
 * asked over HTTP (a real socket on port 0). What is asserted is what fast-json-stringify really does, coercions included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api, serializationSchema, serializeAnswer } from './api';
import { badRequest } from '../errors';

const answer = z.object({
  id: z.string(),
  count: z.number().int(),
  at: z.string().describe('ISO instant'),
  note: z.string().nullable(),
  kind: z.literal('a').or(z.literal('b')),
  ok: z.literal(true),
  child: z.object({ name: z.string() }),
  items: z.array(z.object({ k: z.enum(['x', 'y']), v: z.number().optional() })),
  free: z.any(),
});

type Case =
  | 'good'
  | 'extra'
  | 'null-note'
  | 'bad-number'
  | 'missing'
  | 'null-string'
  | 'wrong-literal'
  | 'refused'
  | 'csv'
  | 'sent'
  | 'other'
  | 'kept'
  | 'kept-null-string';

function answerFor(c: Case): Record<string, unknown> {
  const base: Record<string, unknown> = {
    id: 'HS-1',
    count: 3,
    at: new Date('2026-12-02T03:04:05.678Z'),
    note: 'ghi chú',
    kind: 'b',
    ok: true,
    child: { name: 'Xã Vị Thanh' },
    items: [{ k: 'x', v: 1 }, { k: 'y' }],
    free: { any: ['thing', 1] },
  };
  if (c === 'extra') Object.assign(base, { passwordHash: 'secret', child: { name: 'Xã Vị Thanh', internal: 42 }, items: [{ k: 'x', hidden: true }] });
  if (c === 'null-note') base.note = null;
  if (c === 'bad-number') base.count = 'nhiều';
  if (c === 'missing') delete base.id;
  if (c === 'null-string') base.id = null;
  if (c === 'wrong-literal') base.kind = 'c';
  return base;
}

async function tinyApp(opts: { test: boolean }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.decorateRequest('lang', 'vi');
  // what the application's ctx tells api(): under NODE_ENV=test answers are also checked against their schema
  if (opts.test) app.decorate('ctx', { config: { NODE_ENV: 'test' } } as never);
  app.setErrorHandler((err: Error & { status?: number; key?: string; fields?: unknown }, _req, reply) => {
    const status = err.status ?? 500;
    void reply.code(status).send({ error: err.key ?? 'error.internal', message: err.message, ...(err.fields ? { fields: err.fields } : {}) });
  });
  api(app, {
    method: 'GET',
    url: '/answer/:case',
    summary: 'test',
    tags: ['test'],
    params: z.object({ case: z.string() }),
    response: answer,
    handler: async ({ params, reply }) => {
      const c = params.case as Case;
      if (c === 'refused') throw badRequest('error.validation', undefined, [{ field: 'x', message: 'sai' }]);
      if (c === 'csv') return reply.type('text/csv; charset=utf-8').send('Mã hồ sơ,Kết quả\nHS-1,Có kết quả\n');
      if (c === 'sent') return reply.send(answerFor('extra'));
      // what a shared cache does (page-cache.ts sendSharedJson): the text kept is the route serializer's
      if (c === 'kept' || c === 'kept-null-string')
        return reply.type('application/json; charset=utf-8').send(serializeAnswer(reply, answerFor(c === 'kept' ? 'extra' : 'null-string')));
      if (c === 'other') return reply.code(422).send({ report: ['dòng 2 sai'], extra: 1 });
      return answerFor(c);
    },
  });
  api(app, {
    method: 'POST',
    url: '/created',
    summary: 'test',
    tags: ['test'],
    response: z.object({ code: z.string() }),
    status: 201,
    handler: async () => ({ code: 'HS-2', pin: '123456' }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

function urlOf(app: FastifyInstance, path: string) {
  const a = app.server.address();
  if (!a || typeof a === 'string') throw new Error('not listening');
  return `http://127.0.0.1:${a.port}${path}`;
}

describe('answers serialized through their schemas (production: no answer check)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await tinyApp({ test: false });
  });
  afterAll(async () => {
    await app.close();
  });
  const get = (c: string, method = 'GET') => fetch(urlOf(app, `/answer/${c}`), { method });

  it('writes the documented fields, a Date as its ISO string, a free field as it is', async () => {
    const res = await get('good');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({
      id: 'HS-1',
      count: 3,
      at: '2026-12-02T03:04:05.678Z',
      note: 'ghi chú',
      kind: 'b',
      ok: true,
      child: { name: 'Xã Vị Thanh' },
      items: [{ k: 'x', v: 1 }, { k: 'y' }],
      free: { any: ['thing', 1] },
    });
  });

  it('does not send a field the schema does not list, at any depth', async () => {
    const body = await (await get('extra')).text();
    expect(body).not.toContain('passwordHash');
    expect(body).not.toContain('secret');
    expect(body).not.toContain('internal');
    expect(body).not.toContain('hidden');
    expect(JSON.parse(body).child).toEqual({ name: 'Xã Vị Thanh' });
    expect(JSON.parse(body).items).toEqual([{ k: 'x' }]);
  });

  it('also when the handler calls reply.send itself, and for a success status other than 200', async () => {
    const sent = await (await get('sent')).text();
    expect(sent).not.toContain('passwordHash');
    const kept = await get('kept');
    expect(kept.status).toBe(200);
    expect(await kept.text()).toBe(sent);
    const created = await fetch(urlOf(app, '/created'), { method: 'POST' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ code: 'HS-2' });
  });

  it('passes a null in a nullable field', async () => {
    const res = await get('null-note');
    expect(res.status).toBe(200);
    expect((await res.json()).note).toBeNull();
  });

  it('fails the request with a 500 when an integer field holds text or a required field is missing', async () => {
    const bad = await get('bad-number');
    expect(bad.status).toBe(500);
    expect(await bad.json()).toEqual({ error: 'error.internal', message: 'The value "nhiều" cannot be converted to an integer.' });
    const missing = await get('missing');
    expect(missing.status).toBe(500);
    expect((await missing.json()).message).toBe('"id" is required!');
  });

  it('without the test check, coerces a null in a non-nullable string to "" (why tests check answers first)', async () => {
    const res = await get('null-string');
    expect(res.status).toBe(200);
    expect((await res.json()).id).toBe('');
  });

  it('refuses a value that matches no branch of a union', async () => {
    const res = await get('wrong-literal');
    expect(res.status).toBe(500);
    expect((await res.json()).message).toBe("The value of '#/properties/kind' does not match schema definition.");
  });

  it('leaves refusals, other statuses and non-JSON answers to their own shape', async () => {
    const refused = await get('refused');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'error.validation', message: 'error.validation', fields: [{ field: 'x', message: 'sai' }] });
    const other = await get('other');
    expect(other.status).toBe(422);
    expect(await other.json()).toEqual({ report: ['dòng 2 sai'], extra: 1 });
    const csv = await get('csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toBe('Mã hồ sơ,Kết quả\nHS-1,Có kết quả\n');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get('good', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.text()).toBe('');
  });
});

describe('answers checked against their schema first under NODE_ENV=test', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await tinyApp({ test: true });
  });
  afterAll(async () => {
    await app.close();
  });
  const get = (c: string) => fetch(urlOf(app, `/answer/${c}`));

  it('fails a null in a non-nullable string and a wrong literal with a 500 naming the operation', async () => {
    for (const c of ['null-string', 'wrong-literal', 'kept-null-string']) {
      const res = await get(c);
      expect(res.status).toBe(500);
      expect((await res.json()).message).toMatch(/^GET \/answer\/:case answered outside its response schema: /);
    }
  });

  it('still passes a good answer, one with undocumented fields (left out) and a nullable null', async () => {
    for (const c of ['good', 'extra', 'null-note', 'sent', 'kept']) expect((await get(c)).status).toBe(200);
    expect(await (await get('extra')).text()).not.toContain('passwordHash');
  });
});

describe('the serialization schema', () => {
  it('keeps nested and recursive schemas through $defs, drops $schema, additionalProperties: false and const', () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const s = serializationSchema(z.object({ tree: z.array(Node), ok: z.literal(true) }));
    expect(s.$schema).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain('"additionalProperties":false');
    expect(JSON.stringify(s)).not.toContain('"const"');
    expect(JSON.stringify(s)).toContain('"$ref":"#/$defs/');
    expect((s.properties as Record<string, unknown>).ok).toEqual({ type: 'boolean', enum: [true] });
  });

  it('lets a recursive tree through a real route, leaving out what a node does not list', async () => {
    const Node: z.ZodType<{ name: string; children: unknown[] }> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const app = Fastify({ logger: false });
    app.decorateRequest('lang', 'vi');
    api(app, {
      method: 'GET',
      url: '/tree',
      summary: 'test',
      tags: ['test'],
      response: z.object({ tree: z.array(Node) }),
      handler: async () => ({ tree: [{ name: 'tỉnh', children: [{ name: 'xã', children: [], secret: 1 }] }] }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(urlOf(app, '/tree'));
      expect(await res.json()).toEqual({ tree: [{ name: 'tỉnh', children: [{ name: 'xã', children: [] }] }] });
    } finally {
      await app.close();
    }
  });
});
