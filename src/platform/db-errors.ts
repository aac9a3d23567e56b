/**
 * Which database errors mean "the database is not reachable right now" (a failover, a restart,
 * a lost connection) rather than a fault of the request or of the code. Those are answered 503
 * with Retry-After. A transaction is committed whole or not at all, but a connection lost during
 * COMMIT leaves the client not knowing which: so writes that matter carry an Idempotency-Key
 * (online submission, payment start), and a repeat after a lost answer finds the first result
 * instead of writing twice (docs/decisions-cluster.md).
 */

/** SQLSTATE classes and codes that a retry on a new connection can get past. */
const RETRYABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (fast shutdown, demotion by Patroni)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '25006', // read_only_sql_transaction: connected to a node that is (now) a standby
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53300', // too_many_connections
]);

const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

const RETRYABLE_MESSAGES = [
  /connection terminated/i,
  /connection (?:timeout|refused|reset)/i,
  /timeout exceeded when trying to connect/i,
  /client has encountered a connection error/i,
  /cannot use a pool after calling end/i,
  /terminating connection/i,
  /the database system is (?:starting up|shutting down|in recovery mode)/i,
  /server closed the connection unexpectedly/i,
];

/** True when `err` (or its cause) says the database connection failed, not the statement. */
export function isRetryableDbError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  // An outbound HTTP call that failed (undici's "fetch failed", its cause ECONNREFUSED) is an integration's fault, not the database's.
  if (err instanceof TypeError && e.message === 'fetch failed') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08') || RETRYABLE_NODE_CODES.has(code)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (RETRYABLE_MESSAGES.some((re) => re.test(message))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isRetryableDbError(x, depth + 1))) return true;
  return isRetryableDbError(e.cause, depth + 1);
}

/** Seconds a client is asked to wait before repeating (a Patroni failover takes ~10-20 s). */
export const DB_RETRY_AFTER_SECONDS = 2;
