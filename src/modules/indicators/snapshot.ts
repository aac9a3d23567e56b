/**
 * The public indicator figures as a snapshot (issue 15, item 3): the public monthly page and the
 * anonymous GET /api/v1/indicators read a computed index from memory instead of recomputing it
 * per request. What the index is made of changes in known ways, and each one moves the key:
 *
 * - a dossier's facts (the outbox's 'dossier.event', payments, ratings, petitions about a dossier)
 *   and the settings bump `generation` here; other instances hear it through PostgreSQL NOTIFY on
 *   CHANNEL (sent at most every NOTIFY_EVERY_MS, so a bulk rebuild sends a handful, not thousands);
 * - the published catalogue (3.x figures) through the catalogue read model's generation;
 * - the time: the current period is measured "to date" and open dossiers turn late, so the key
 *   holds the app clock's minute - at most a minute of drift, and a test clock moved on is a new key;
 * - sources without an event here (petitions not about a dossier, certified copies, the unit tree)
 *   are bounded by the same minute.
 *
 * A stale entry is recomputed by the first request that finds it, and every request arriving
 * meanwhile waits for that one computation: a stream of dossier changes costs at most one
 * computation at a time per key, never one per request, and the request after a delivered change
 * sees it (well inside the 5 s the issue asks, and testable without timing).
 */
import type { Db } from '../../db';
import { listen, notifyOnCommit } from '../../db/notify';
import type { Ctx } from '../../platform/context';
import { catalogueGeneration } from '../catalogue/service';

export const SNAPSHOT_CHANNEL = 'indicator_facts_changed';
const NOTIFY_EVERY_MS = 200;
const MAX_ENTRIES = 500;

/** Process-wide: a bump only ever causes an extra computation, so sharing it between databases is safe. */
let generation = 0;

interface Entry<T> {
  key: string;
  generation: number;
  computedAt: number;
  value: Promise<T>;
  next: Promise<T> | null;
  nextGeneration: number;
}

interface PerDb {
  entries: Map<string, Entry<unknown>>;
  listening: Promise<unknown> | null;
}
const perDb = new WeakMap<Db, PerDb>();
let notifyTimer: NodeJS.Timeout | null = null;

function stateOf(ctx: Ctx): PerDb {
  let s = perDb.get(ctx.db);
  if (!s) {
    s = { entries: new Map(), listening: null };
    perDb.set(ctx.db, s);
  }
  if (!s.listening && ctx.engine === 'postgres' && !ctx.db.isTransaction) {
    const bump = () => void generation++;
    s.listening = listen(ctx.db, SNAPSHOT_CHANNEL, bump, bump).catch(() => {
      s!.listening = null; // the next read tries again; meanwhile the minute in the key bounds the drift
    });
  }
  return s;
}

/**
 * Called after facts or settings were written: this instance's snapshots are stale now, the
 * other instances' after the NOTIFY (PostgreSQL; PGlite has only this process).
 */
export function indicatorsChanged(ctx: Ctx): void {
  generation++;
  if (ctx.engine !== 'postgres' || notifyTimer) return;
  const db = ctx.db;
  notifyTimer = setTimeout(() => {
    notifyTimer = null;
    void notifyOnCommit(db, SNAPSHOT_CHANNEL, '').catch(() => undefined);
  }, NOTIFY_EVERY_MS);
  notifyTimer.unref();
}

/** This process's snapshots are stale (after a change made outside the module's writes: a restore, a test). */
export function invalidateSnapshots(): void {
  generation++;
}

/** The key parts every snapshot shares: catalogue state and the app clock's minute. */
function baseKey(ctx: Ctx): string {
  return `${catalogueGeneration(ctx)}|${Math.floor(ctx.clock.now().getTime() / 60_000)}`;
}

/**
 * The value of `compute` for `key`, from the snapshot when it is current. An error is never kept:
 * the request that failed sees it, the next one computes again.
 */
export async function snapshot<T>(ctx: Ctx, key: string, compute: () => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return compute();
  const s = stateOf(ctx);
  const full = `${key}|${baseKey(ctx)}`;
  const now = Date.now();
  const hit = s.entries.get(full) as Entry<T> | undefined;
  if (hit && hit.generation === generation) return hit.value;
  if (hit) {
    if (hit.next && hit.nextGeneration === generation) return hit.next;
    const gen = generation;
    const next = compute();
    Object.assign(hit, { next, nextGeneration: gen });
    try {
      const v = await next;
      if (hit.next === next) Object.assign(hit, { generation: gen, computedAt: now, value: next, next: null });
      return v;
    } catch (err) {
      if (hit.next === next) hit.next = null;
      throw err;
    }
  }
  if (s.entries.size >= MAX_ENTRIES) s.entries.clear();
  const entry: Entry<T> = { key: full, generation, computedAt: now, value: compute(), next: null, nextGeneration: -1 };
  s.entries.set(full, entry as Entry<unknown>);
  entry.value.catch(() => {
    if (s.entries.get(full) === (entry as Entry<unknown>)) s.entries.delete(full);
  });
  return entry.value;
}
