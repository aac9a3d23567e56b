import type { Logger } from 'pino';
import type { Ctx } from './context';
import { runOutboxOnce, type DeliveryFailure, type DeliveryOptions } from './outbox';
import { sealAudit } from './audit';
import { pruneLimits } from './limits';
import { installJobs, installMessages, runSchedules, type ModuleManifest } from './module';

export interface WorkerOptions extends DeliveryOptions {
  /**
   * The module manifests whose outbox handlers (and texts) this worker installs (src/manifests.ts), and whose
   * scheduled jobs it starts (their `schedules`: the first message, idempotent); none: those already installed in this process.
   */
  modules?: readonly ModuleManifest[];
  /** Pause between rounds when nothing was due (default 500 ms). */
  pollMs?: number;
  /** Pause between audit seals (default 300 ms; 0: this worker does not seal). See platform/audit.ts. */
  sealMs?: number;
  /** Pause between prunings of expired security_limits rows (default 1 h; 0: this worker does not prune). */
  pruneMs?: number;
}

export interface Worker {
  /** Finishes the message in flight, gives back the rest of the batch, stops polling. */
  stop(): Promise<void>;
  /** Polls now instead of waiting for the next tick (e.g. after enqueueing). */
  wake(): void;
}

/** The background loops: delivering side effects from the outbox, and sealing the audit log. */
export function startWorker(ctx: Ctx, log: Pick<Logger, 'info' | 'warn' | 'error'>, opts: WorkerOptions = {}): Worker {
  if (opts.modules) {
    installMessages(opts.modules);
    installJobs(opts.modules);
  }
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
    if (opts.modules) await runSchedules(ctx, opts.modules, (msg, err) => log.warn({ err }, msg));
    while (!stopping) {
      try {
        const r = await runOutboxOnce(ctx, { ...opts, shouldStop: () => stopping, onFailure: (f) => logFailure(log, f) });
        errorDelay = pollMs;
        if (r.claimed > 0) {
          // A turn of the event loop between rounds: PGlite answers in microtasks, so without it a
          // backlog (the demo seed leaves ~3,200 messages) kept every HTTP request, /readyz
          // included, waiting until the outbox was drained.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
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

  // The audit sealer: its own loop, so a busy outbox never delays sealing (and the reverse).
  const sealMs = opts.sealMs ?? 300;
  let sealTimer: NodeJS.Timeout | null = null;
  let sealWake: (() => void) | null = null;
  const sealSleep = (ms: number) =>
    new Promise<void>((resolve) => {
      sealWake = resolve;
      sealTimer = setTimeout(resolve, ms);
    }).finally(() => {
      if (sealTimer) clearTimeout(sealTimer);
      sealTimer = null;
      sealWake = null;
    });
  const sealLoop = (async () => {
    if (sealMs <= 0) return;
    let delay = sealMs;
    while (!stopping) {
      try {
        await sealAudit(ctx.db);
        delay = sealMs;
      } catch (err) {
        if (stopping) break;
        log.error({ err }, 'audit sealing failed');
        delay = Math.min(delay * 2, 30_000);
      }
      if (!stopping) await sealSleep(delay);
    }
  })();

  // Pruning expired limits (issue 14): a slow loop of its own; pruning twice at once is harmless.
  const pruneMs = opts.pruneMs ?? 3_600_000;
  let pruneTimer: NodeJS.Timeout | null = null;
  let pruneWake: (() => void) | null = null;
  const pruneLoop = (async () => {
    if (pruneMs <= 0) return;
    while (!stopping) {
      try {
        const n = await pruneLimits(ctx.db, ctx.clock.now());
        if (n > 0) log.info({ pruned: n }, 'security limits: expired rows pruned');
      } catch (err) {
        if (stopping) break;
        log.error({ err }, 'pruning security limits failed');
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        pruneWake = resolve;
        pruneTimer = setTimeout(resolve, pruneMs);
      });
      if (pruneTimer) clearTimeout(pruneTimer);
      pruneWake = null;
    }
  })();

  return {
    async stop() {
      stopping = true;
      wakeUp?.();
      sealWake?.();
      (pruneWake as (() => void) | null)?.();
      await Promise.all([loop, sealLoop, pruneLoop]);
    },
    wake() {
      wakeUp?.();
    },
  };
}

/** One line per failed attempt, with what an operator needs: topic, key, attempts and the error (issue 13.6). */
export function logFailure(log: Pick<Logger, 'warn' | 'error'>, f: DeliveryFailure): void {
  const fields = {
    outbox: {
      id: f.id,
      topic: f.topic,
      key: f.key,
      attempts: f.attempts,
      maxAttempts: f.maxAttempts,
      error: f.error,
      nextAttemptAt: f.nextAttemptAt?.toISOString() ?? null,
    },
  };
  if (f.outcome === 'failed') log.error(fields, `outbox: ${f.topic} ${f.key} failed after ${f.attempts} attempts, waits for an operator: ${f.error}`);
  else log.warn(fields, `outbox: ${f.topic} ${f.key} attempt ${f.attempts}/${f.maxAttempts} failed, retrying: ${f.error}`);
}
