/** Counts read straight from the test database, for "nothing was stored" checks. */
import type { Database } from '../db/schema';
import type { TestEnv } from './harness';

/** How many rows the table holds. */
export async function countRows(env: TestEnv, table: keyof Database & string): Promise<number> {
  const r = await env.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many dossiers the database holds. */
export const countDossiers = (env: TestEnv): Promise<number> => countRows(env, 'dossiers');
