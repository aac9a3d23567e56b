import { describe, expect, it } from 'vitest';
import { isRetryableDbError } from './db-errors';

describe('isRetryableDbError', () => {
  it('takes connection losses, shutdowns, standbys and failed connects as retryable', () => {
    for (const code of ['57P01', '57P02', '57P03', '25006', '08006', '08001', '40001', '40P01', '53300', 'ECONNREFUSED', 'ECONNRESET']) {
      expect(isRetryableDbError(Object.assign(new Error('x'), { code })), code).toBe(true);
    }
    expect(isRetryableDbError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isRetryableDbError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isRetryableDbError(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: '57P01' }) }))).toBe(true);
    expect(isRetryableDbError(Object.assign(new Error('all failed'), { errors: [Object.assign(new Error('z'), { code: 'ECONNREFUSED' })] }))).toBe(true);
  });

  it('does not take faults of the statement or of the code as retryable', () => {
    for (const code of ['23505', '23503', '42P01', '42703', '22P02', 'ERR_INVALID_ARG_TYPE']) {
      expect(isRetryableDbError(Object.assign(new Error('x'), { code })), code).toBe(false);
    }
    expect(isRetryableDbError(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isRetryableDbError(null)).toBe(false);
    expect(isRetryableDbError('Connection terminated')).toBe(false);
  });

  it('does not take a failed outbound HTTP call (a refused integration) for the database', async () => {
    // A port just freed: fetch fails with its cause ECONNREFUSED, as a stopped eSign gateway does.
    const { createServer } = await import('node:net');
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as { port: number };
    await new Promise((r) => srv.close(r));
    const err = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(isRetryableDbError(err)).toBe(false);
  });
});
