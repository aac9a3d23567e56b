/**
 * Population data: confirms an applicant's identity data (personal id + name + birth date)
 * against the national population database and gives prefill data for e-forms. When the
 * service is down the caller gets a clear 503 error (population.error.unavailable), never an
 * empty answer. Every check is logged (use of population data in processing, 766 group 4).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { lookupRemote, PopulationUnavailable, verifyRemote, vneidDocumentRemote, type PrefillData, type VerifyAnswer, type VneidDocumentData } from './adapter';

export type { PrefillData, VerifyAnswer, VneidDocumentData } from './adapter';

const unavailable = () => new AppError(503, 'population.error.unavailable');

async function log(ctx: Ctx, actor: Actor | null, personalId: string, kind: 'verify' | 'prefill' | 'document', outcome: string, mismatches: string[] = []) {
  await ctx.db
    .insertInto('population_checks')
    .values({
      id: randomUUID(),
      personal_id: personalId,
      actor_kind: actor?.kind ?? 'system',
      actor_id: actor?.id ?? null,
      kind,
      outcome: outcome as any,
      mismatches: JSON.stringify(mismatches),
      at: ctx.clock.now(),
    })
    .execute();
}

export async function confirmIdentity(ctx: Ctx, q: { personalId: string; name: string; birthDate: string }, actor: Actor | null = null): Promise<VerifyAnswer> {
  let a: VerifyAnswer;
  try {
    a = await verifyRemote(ctx.config.population, q);
  } catch (e) {
    if (e instanceof PopulationUnavailable) {
      await log(ctx, actor, q.personalId, 'verify', 'unavailable');
      throw unavailable();
    }
    throw e;
  }
  await log(ctx, actor, q.personalId, 'verify', !a.found ? 'not_found' : a.match ? 'match' : 'mismatch', a.mismatches);
  return a;
}

export async function prefillFor(ctx: Ctx, personalId: string, actor: Actor | null = null): Promise<PrefillData | null> {
  try {
    const d = await lookupRemote(ctx.config.population, personalId);
    await log(ctx, actor, personalId, 'prefill', d ? 'found' : 'not_found');
    return d;
  } catch (e) {
    if (e instanceof PopulationUnavailable) {
      await log(ctx, actor, personalId, 'prefill', 'unavailable');
      throw unavailable();
    }
    throw e;
  }
}

/**
 * The person's document of `kind` integrated on VNeID (Chỉ thị 24/CT-TTg: officials take it from
 * VNeID instead of asking for paper); null when none is integrated; 503 when the service is down.
 */
export async function vneidDocumentFor(ctx: Ctx, personalId: string, kind: string, actor: Actor | null = null): Promise<VneidDocumentData | null> {
  try {
    const d = await vneidDocumentRemote(ctx.config.population, personalId, kind);
    await log(ctx, actor, personalId, 'document', d ? 'found' : 'not_found');
    return d;
  } catch (e) {
    if (e instanceof PopulationUnavailable) {
      await log(ctx, actor, personalId, 'document', 'unavailable');
      throw unavailable();
    }
    throw e;
  }
}

/** How many checks used population data in a period (for the indicators). */
export async function populationUse(ctx: Ctx, f: { from: Date; to: Date }): Promise<{ checks: number; unavailable: number }> {
  const rows = await ctx.db.selectFrom('population_checks').select(['outcome']).where('at', '>=', f.from).where('at', '<', f.to).execute();
  return { checks: rows.filter((r) => r.outcome !== 'unavailable').length, unavailable: rows.filter((r) => r.outcome === 'unavailable').length };
}

/**
 * Which of `personalIds` were confirmed against the population database (a verify that matched,
 * or a prefill that found the person) in [from, before]: the indicators read it as "the
 * applicant's data was checked at reception" (766 indicator 4.5). Failed, mismatched and
 * not-found checks do not count.
 */
/** The times each of `personalIds` was confirmed (verify/prefill, match/found) within [from, before]: the batch form of verifiedPersonalIds. */
export async function verificationTimes(ctx: Ctx, personalIds: string[], f: { from: Date; before: Date }): Promise<Map<string, Date[]>> {
  const ids = [...new Set(personalIds.filter(Boolean))];
  const out = new Map<string, Date[]>();
  if (ids.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('population_checks')
    .select(['personal_id', 'at'])
    .where('personal_id', 'in', ids)
    .where('kind', 'in', ['verify', 'prefill'])
    .where('outcome', 'in', ['match', 'found'])
    .where('at', '>=', f.from)
    .where('at', '<=', f.before)
    .execute();
  for (const r of rows) (out.get(r.personal_id) ?? out.set(r.personal_id, []).get(r.personal_id)!).push(new Date(r.at));
  return out;
}

export async function verifiedPersonalIds(ctx: Ctx, personalIds: string[], f: { from: Date; before: Date }): Promise<string[]> {
  const ids = [...new Set(personalIds.filter(Boolean))];
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('population_checks')
    .select('personal_id')
    .distinct()
    .where('personal_id', 'in', ids)
    .where('kind', 'in', ['verify', 'prefill'])
    .where('outcome', 'in', ['match', 'found'])
    .where('at', '>=', f.from)
    .where('at', '<=', f.before)
    .execute();
  return rows.map((r) => r.personal_id).sort();
}
