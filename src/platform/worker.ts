import type { Logger } from 'pino';
import type { Ctx } from './context';
import { runOutboxOnce, type DeliveryOptions } from './outbox';

export interface WorkerOptions extends DeliveryOptions {
  /** Pause between rounds when nothing was due (default 500 ms). */
  pollMs?: number;
}

export interface Worker {
  /** Finishes the message in flight, gives back the rest of the batch, stops polling. */
  stop(): Promise<void>;
  /** Polls now instead of waiting for the next tick (e.g. after enqueueing). */
  wake(): void;
}

/** The background loop that delivers side effects from the outbox. */
export function startWorker(ctx: Ctx, log: Pick<Logger, 'info' | 'warn' | 'error'>, opts: WorkerOptions = {}): Worker {
  const pollMs = opts.pollMs ?? 500;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let wakeUp: (() => void) | null = null;
  let errorDelay = pollMs;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    }).finally(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      wakeUp = null;
    });

  const loop = (async () => {
    log.info({ pollMs }, 'outbox worker started');
    while (!stopping) {
      try {
        const r = await runOutboxOnce(ctx, { ...opts, shouldStop: () => stopping });
        errorDelay = pollMs;
        if (r.retried || r.failed) log.warn({ ...r }, 'outbox: some deliveries failed');
        if (r.claimed > 0) continue;
        await sleep(pollMs);
      } catch (err) {
        if (stopping) break;
        log.error({ err }, 'outbox worker round failed');
        errorDelay = Math.min(errorDelay * 2, 30_000);
        await sleep(errorDelay);
      }
    }
    log.info('outbox worker stopped');
  })();

  return {
    async stop() {
      stopping = true;
      wakeUp?.();
      await loop;
    },
    wake() {
      wakeUp?.();
    },
  };
}
