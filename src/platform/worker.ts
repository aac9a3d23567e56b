import type { Logger } from 'pino';
import type { Ctx } from './context';

/** The background loop that delivers side effects from the outbox. */
export function startWorker(_ctx: Ctx, _log: Logger) {
  return { stop: async () => {} };
}
