/**
 * What the units service's reads and changes share: the day asked about, the tree loaded on a day.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Ctx } from '../../../platform/context';
import { badRequest } from '../../../platform/errors';
import { civilDateOf, indexAt, isCivilDate } from '../model';
import * as store from '../store';

export type Q = Kysely<Database>;

export function today(ctx: Ctx): string {
  return civilDateOf(ctx.clock.now());
}

export function dateOr(ctx: Ctx, at: string | undefined): string {
  if (at === undefined) return today(ctx);
  if (!isCivilDate(at)) throw badRequest('units.error.bad_date', { value: at });
  return at;
}

export async function snapshot(db: Q) {
  const [units, versions] = await Promise.all([store.loadUnits(db), store.loadVersions(db)]);
  return { units, versions };
}

export async function indexOn(db: Q, date: string) {
  const { units, versions } = await snapshot(db);
  return indexAt(units, versions, date);
}
