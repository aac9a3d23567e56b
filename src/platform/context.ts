import type { Config } from '../config';
import type { Db, Engine } from '../db';

/** A clock the tests can move; production uses the wall clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export class TestClock implements Clock {
  constructor(private t: Date = new Date()) {}
  now() {
    return new Date(this.t);
  }
  set(t: Date | string) {
    this.t = new Date(t);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

/** What every service function receives: the database, the settings and the clock. */
export interface Ctx {
  db: Db;
  engine: Engine;
  config: Config;
  clock: Clock;
  /**
   * Where reads that may be slightly stale go (DATABASE_READ_URL: a streaming standby), when
   * set; read it through staleReadDb(ctx). Never for a read that a write depends on.
   */
  readDb?: Db;
}

/**
 * The database for reads that may lag the primary by a moment (public pages, indicators,
 * search): the standby of DATABASE_READ_URL, or the primary when none is set or when `ctx` is
 * inside a transaction (a read in a transaction must see the transaction's writes).
 */
export function staleReadDb(ctx: Pick<Ctx, 'db' | 'readDb'>): Db {
  return ctx.readDb && !ctx.db.isTransaction ? ctx.readDb : ctx.db;
}
