/**
 * Issue 18 item 1: the per-route rate limits (the officer login form's per-address limit) are
 * counted in the database, so two app instances behind a load balancer share one count: an
 * address alternating between them is refused at the same attempt as with one instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf } from '../../test/login';
import { buildApp } from '../../app';
import { LOGIN_RATE_MAX } from '../../modules/identity/login-pages';

let env: TestEnv;
let second: FastifyInstance;

beforeAll(async () => {
  env = await createTestEnv({ env: { TRUST_PROXY: '127.0.0.1' } });
  second = await buildApp({ ctx: env.ctx }); // another instance on the same database
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await env?.close();
});

async function attempt(app: FastifyInstance, ip: string, lang = 'vi') {
  const anon = await anonymousCsrf(app);
  return app.inject({
    method: 'POST',
    url: '/can-bo/dang-nhap',
    headers: {
      cookie: anon.cookie,
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'accept-language': lang,
      'x-forwarded-for': ip,
    },
    payload: new URLSearchParams({ _csrf: anon.csrf, username: `khong-co-${Math.random()}`, password: 'x' }).toString(),
  });
}

describe('rate limits across instances', () => {
  it('counts the attempts of one address on both instances together', async () => {
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_RATE_MAX; i++) codes.push((await attempt(i % 2 ? second : env.app, '10.7.7.7')).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    const refused = await attempt(second, '10.7.7.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'error.rate_limited', message: 'Bạn đã thử quá nhiều lần. Vui lòng đợi một lát rồi thử lại.' });
    const en = await attempt(env.app, '10.7.7.7', 'en');
    expect(en.statusCode).toBe(429);
    expect(en.json().message).toBe('Too many attempts. Please wait a moment and try again.');
    const row = await env.ctx.db
      .selectFrom('security_limits')
      .select(['hits', 'locked_until'])
      .where('key', '=', 'rate:login:10.7.7.7')
      .executeTakeFirstOrThrow();
    expect(row.hits).toBe(LOGIN_RATE_MAX + 2);
    expect(row.locked_until).toBeNull();
    // Nobody was logged in by the refused attempts, and another address is not affected.
    expect(
      Number(
        (
          await env.ctx.db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(0);
    expect((await attempt(second, '10.7.7.8')).statusCode).toBe(401);
  });
});
