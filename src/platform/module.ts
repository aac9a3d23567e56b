/**
 * A module's manifest (`src/modules/<name>/index.ts`): everything the module adds to the
 * running system, declared in one place instead of registered by side effect. The composition
 * roots install manifests and nothing else: `src/app.ts` (messages, jobs, startup tasks,
 * request hooks, routes, pages), the worker (`startWorker(ctx, log, { modules })`:
 * messages and outbox handlers). What a module needs from other modules is a typed port its
 * manifest factory takes (e.g. `dossiersModule({ storedDocuments })`), wired in
 * `src/manifests.ts`; the platform knows the shape below and no module.
 */
import type { FastifyInstance } from 'fastify';
import type { Ctx } from './context';
import { addMessages, type Messages } from './i18n';
import { registerOutboxHandler, type HandlerOptions, type OutboxHandler } from './outbox';
import { subscribe } from './events';
import { onDataReady } from './startup';

/** An outbox handler: the only one of its topic, or one subscriber of a topic several modules follow (platform/events.ts). */
export type OutboxJob =
  | { topic: string; subscriber?: undefined; handler: OutboxHandler; opts?: HandlerOptions }
  | { topic: string; subscriber: string; handler: OutboxHandler; opts?: HandlerOptions };

/** Where a manifest declares its jobs: the same calls as registerOutboxHandler and subscribe, recorded instead of registered. */
export interface Jobs {
  handle(topic: string, handler: OutboxHandler, opts?: HandlerOptions): void;
  subscribe(topic: string, subscriber: string, handler: OutboxHandler, opts?: HandlerOptions): void;
}

/** The jobs a manifest declares, as data (what the worker will run). */
export function jobsOf(m: ModuleManifest): OutboxJob[] {
  const out: OutboxJob[] = [];
  m.jobs?.({
    handle: (topic, handler, opts) => out.push({ topic, handler, opts }),
    subscribe: (topic, subscriber, handler, opts) => out.push({ topic, subscriber, handler, opts }),
  });
  return out;
}

/** A task that needs the database migrated (platform/startup.ts). */
export interface StartupTask {
  name: string;
  run: (ctx: Ctx) => Promise<void>;
}

export interface ModuleManifest {
  name: string;
  /** Its texts in both languages (same keys and placeholders: platform/i18n/catalog.test.ts). */
  messages: Messages;
  /** App-wide request hooks (sign-in, the province's name), installed before any route. */
  hooks?: (app: FastifyInstance) => void;
  /** JSON API under /api. */
  routes?: (app: FastifyInstance) => void;
  /** HTML pages. */
  pages?: (app: FastifyInstance) => void;
  /** Its outbox handlers and scheduled jobs (a scheduled job is an outbox message that re-enqueues itself), declared into `jobs`. */
  jobs?: (jobs: Jobs) => void;
  /** Run once the data is ready (migrated, demo loaded), in the process that serves HTTP. */
  startup?: StartupTask[];
  /**
   * The first message of each of its scheduled jobs, enqueued by every worker that installs this
   * manifest's jobs when it starts (`startWorker(ctx, log, { modules })`: the web process with
   * WORKER=true, or a stand-alone worker, scripts/worker.ts), so a scheduled job runs wherever jobs
   * run, also when every web process has WORKER=false. Must be idempotent (one message per time slot,
   * its id): several workers starting enqueue one message, which one of them claims.
   */
  schedules?: StartupTask[];
}

/** Enqueues the first message of the manifests' scheduled jobs (a failing one is reported, the others still run). */
export async function runSchedules(ctx: Ctx, modules: readonly ModuleManifest[], warn: (msg: string, err: unknown) => void): Promise<void> {
  for (const m of modules)
    for (const task of m.schedules ?? []) {
      try {
        await task.run(ctx);
      } catch (err) {
        warn(`schedule ${task.name} failed`, err);
      }
    }
}

/** Adds the manifests' texts to the catalogue t() reads. */
export function installMessages(modules: readonly ModuleManifest[]): void {
  for (const m of modules) addMessages(m.messages);
}

/** Registers the manifests' outbox handlers (installing twice replaces them by the same). */
export function installJobs(modules: readonly ModuleManifest[]): void {
  for (const m of modules) {
    for (const j of jobsOf(m)) {
      if (j.subscriber) subscribe(j.topic, j.subscriber, j.handler, j.opts);
      else registerOutboxHandler(j.topic, j.handler, j.opts);
    }
  }
}

/** Registers the manifests' startup tasks (run by runDataReadyTasks). */
export function installStartupTasks(modules: readonly ModuleManifest[]): void {
  for (const m of modules) for (const task of m.startup ?? []) onDataReady(task.name, task.run);
}

/** The manifests' request hooks: installed before any route (installRoutes), so every route sees them. */
export function installHooks(app: FastifyInstance, modules: readonly ModuleManifest[]): void {
  for (const m of modules) m.hooks?.(app);
}

/** Every module's routes, then every module's pages. */
export function installRoutes(app: FastifyInstance, modules: readonly ModuleManifest[]): void {
  for (const m of modules) m.routes?.(app);
  for (const m of modules) m.pages?.(app);
}
