/**
 * Tasks that need the database migrated (and the demo data loaded), run once per process when
 * it is: main.ts after migrating and seeding, the test harness after migrating. The HTTP server
 * may already be listening then, so modules must not query the database from Fastify's onReady.
 */
import type { Ctx } from './context';

type Task = { name: string; run: (ctx: Ctx) => Promise<void> };
const tasks = new Map<string, Task>();

export function onDataReady(name: string, run: (ctx: Ctx) => Promise<void>) {
  tasks.set(name, { name, run });
}

/** Runs every task; a failing task is reported, not fatal (the others still run). */
export async function runDataReadyTasks(ctx: Ctx, warn: (msg: string, err: unknown) => void, onTask?: (name: string, ms: number) => void): Promise<void> {
  for (const task of tasks.values()) {
    const t = performance.now();
    try {
      await task.run(ctx);
    } catch (err) {
      warn(`startup task ${task.name} failed`, err);
    }
    onTask?.(task.name, performance.now() - t);
  }
}
