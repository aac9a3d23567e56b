/** Moving the test clock without logging everyone out: sessions expire when the clock jumps. */
import type { TestEnv } from './harness';

/** Marks every test session as seen now (the test clock's now) and valid `days` more days. */
export async function keepSessionsAlive(env: TestEnv, days = 30): Promise<void> {
  const now = env.clock.now();
  await env.ctx.db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + days * 86_400_000) })
    .execute();
}

/** Sets the test clock to `t` and keeps the test sessions alive across the jump. */
export async function moveClockTo(env: TestEnv, t: string): Promise<void> {
  env.clock.set(t);
  await keepSessionsAlive(env);
}
