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
}
