/**
 * Satisfaction rating of a dossier after its result (NĐ 61 art. 31; criteria as data): by the
 * applicant online or by an officer of the receiving desk; one per dossier, changeable for a set
 * number of days; aggregated per unit, procedure and officer; figures for QĐ 766 5.4.
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { canActAt } from '../identity/service';
import { appendAudit } from '../../platform/audit';
import { enqueue } from '../../platform/outbox';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { canSee, dossierFacts, getDossier, listDossierEvents } from '../dossiers/service';
import { aggregate, invalidScores, isUnsatisfied, overallOf, RATEABLE_STATES, type RatingAggregate } from './model';
import { getSettings } from './settings';
import { formatDateTimeVN } from '../../platform/dates';

/** Outbox topic enqueued in the rating's transaction when a dossier is rated (created or changed); key = dossier id. */
export const DOSSIER_RATED_TOPIC = 'feedback.dossier_rated';

export interface RatingView {
  dossierId: string;
  dossierCode: string;
  unitId: string;
  procedureCode: string;
  channel: string;
  scores: Record<string, number>;
  overall: number;
  comment: string | null;
  ratedAt: string;
  changeableUntil: string;
  raterKind: string;
}

const view = (r: any): RatingView => ({
  dossierId: r.dossier_id,
  dossierCode: r.dossier_code,
  unitId: r.unit_id,
  procedureCode: r.procedure_code,
  channel: r.channel,
  scores: r.scores,
  overall: r.overall,
  comment: r.comment,
  ratedAt: new Date(r.rated_at).toISOString(),
  changeableUntil: new Date(r.changeable_until).toISOString(),
  raterKind: r.rater_kind,
});

/** The dossier, if `actor` may rate it: its applicant (online) or a reception officer of its receiving unit (desk). */
export async function rateableDossier(ctx: Ctx, actor: Actor, dossierId: string) {
  const d = await getDossier(ctx, dossierId);
  if (!d) throw notFound('feedback.error.unknown_dossier', { id: dossierId });
  if (actor.kind === 'citizen') {
    if (!canSee(actor, d)) throw notFound('feedback.error.unknown_dossier', { id: dossierId });
  } else if (!(await canActAt(ctx, actor, ['reception'], d.receiving_unit_id))) {
    throw forbidden('feedback.error.wrong_unit');
  }
  return d;
}

export async function getRating(ctx: Ctx, dossierId: string): Promise<RatingView | null> {
  const r = await ctx.db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
  return r ? view(r) : null;
}

export async function rateDossier(
  ctx: Ctx,
  actor: Actor,
  dossierId: string,
  input: { scores: Record<string, number>; comment?: string | null },
): Promise<RatingView> {
  const d = await rateableDossier(ctx, actor, dossierId);
  if (!(RATEABLE_STATES as readonly string[]).includes(d.state)) throw conflict('feedback.error.rating_state');
  const s = await getSettings(ctx);
  const bad = invalidScores(input.scores, s.criteria);
  if (bad.length)
    throw badRequest(
      'feedback.error.rating_scores',
      { keys: bad.join(', ') },
      bad.map((k) => ({ field: `scores.${k}`, message: '' })),
    );
  const scores = Object.fromEntries(s.criteria.map((c) => [c.key, input.scores[c.key]]));
  const overall = overallOf(scores, s.criteria);
  const now = ctx.clock.now();
  const existing = await ctx.db.selectFrom('dossier_ratings').selectAll().where('dossier_id', '=', dossierId).executeTakeFirst();
  if (existing) {
    if (now > existing.changeable_until) throw conflict('feedback.error.rating_closed', { until: formatDateTimeVN(existing.changeable_until) });
    if (existing.rater_kind === 'citizen' && (actor.kind !== 'citizen' || existing.rater_id !== actor.id)) throw forbidden('feedback.error.rating_other_rater');
  }
  const events = await listDossierEvents(ctx, dossierId);
  const officerIds = [...new Set(events.filter((e) => e.actor_kind === 'officer' && e.actor_id).map((e) => e.actor_id!))];
  const row = {
    dossier_code: d.code,
    unit_id: d.deciding_unit_id,
    procedure_code: d.procedure_code,
    officer_ids: JSON.stringify(officerIds),
    channel: actor.kind === 'citizen' ? 'online' : 'desk',
    rater_kind: actor.kind,
    rater_id: actor.id,
    scores: JSON.stringify(scores),
    overall,
    comment: input.comment?.trim() || null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable('dossier_ratings').set(row).where('id', '=', existing.id).execute();
    else
      await trx
        .insertInto('dossier_ratings')
        .values({ id: randomUUID(), dossier_id: dossierId, ...row, rated_at: now, changeable_until: new Date(now.getTime() + s.ratingChangeDays * 86_400_000) })
        .execute();
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: existing ? 'rating.change' : 'rating.create',
      entity: 'dossier',
      entityId: dossierId,
      details: { overall, channel: row.channel },
      at: now,
    });
    // Consumers (the indicators' facts, 5.4) re-read the current state; the payload is informative.
    await enqueue(trx, {
      topic: DOSSIER_RATED_TOPIC,
      key: dossierId,
      payload: { dossierId, dossierCode: d.code, satisfied: !isUnsatisfied(overall, s), overall, ratedAt: now.toISOString(), change: !!existing },
    });
  });
  return (await getRating(ctx, dossierId))!;
}

/** Ratings per unit, procedure and officer in [from, to). */
export async function ratingSummary(
  ctx: Ctx,
  f: { unitIds?: string[]; from: Date; to: Date },
): Promise<{ byUnit: RatingAggregate[]; byProcedure: RatingAggregate[]; byOfficer: RatingAggregate[] }> {
  let q = ctx.db.selectFrom('dossier_ratings').selectAll().where('rated_at', '>=', f.from).where('rated_at', '<', f.to);
  if (f.unitIds) q = f.unitIds.length ? q.where('unit_id', 'in', f.unitIds) : q.where('unit_id', '=', '\u0000');
  const rows = await q.execute();
  const s = await getSettings(ctx);
  const base = rows.map((r) => ({
    overall: r.overall,
    scores: r.scores as Record<string, number>,
    unit: r.unit_id,
    proc: r.procedure_code,
    officers: r.officer_ids as string[],
  }));
  return {
    byUnit: aggregate(
      base.map((r) => ({ ...r, key: r.unit })),
      s,
    ),
    byProcedure: aggregate(
      base.map((r) => ({ ...r, key: r.proc })),
      s,
    ),
    byOfficer: aggregate(
      base.flatMap((r) => r.officers.map((o) => ({ ...r, key: o }))),
      s,
    ),
  };
}

/** Per dossier: 'satisfied' / 'unsatisfied' (for the indicators' facts). */
export async function dossierRatings(ctx: Ctx, dossierIds: string[]): Promise<Map<string, 'satisfied' | 'unsatisfied'>> {
  if (dossierIds.length === 0) return new Map();
  const s = await getSettings(ctx);
  const rows = await ctx.db.selectFrom('dossier_ratings').select(['dossier_id', 'overall']).where('dossier_id', 'in', dossierIds).execute();
  return new Map(rows.map((r) => [r.dossier_id, isUnsatisfied(r.overall, s) ? 'unsatisfied' : 'satisfied']));
}

/**
 * What the feedback module knows of each dossier for QĐ 766 5.4: its rating ('satisfied' /
 * 'unsatisfied', null = not rated) and whether a petition is about it (by id or code).
 */
export async function dossierFeedbackFacts(
  ctx: Ctx,
  dossiers: { id: string; code: string }[],
): Promise<Map<string, { rating: 'satisfied' | 'unsatisfied' | null; hasPetition: boolean }>> {
  const out = new Map<string, { rating: 'satisfied' | 'unsatisfied' | null; hasPetition: boolean }>();
  if (dossiers.length === 0) return out;
  const ids = dossiers.map((d) => d.id);
  const ratings = await dossierRatings(ctx, ids);
  const rows = await ctx.db
    .selectFrom('petitions')
    .select(['subject_ref'])
    .where('subject_kind', '=', 'dossier')
    .where('subject_ref', 'in', [...ids, ...dossiers.map((d) => d.code)])
    .execute();
  const refs = new Set(rows.map((r) => r.subject_ref));
  for (const d of dossiers) out.set(d.id, { rating: ratings.get(d.id) ?? null, hasPetition: refs.has(d.id) || refs.has(d.code) });
  return out;
}

export interface RatingFigures {
  /** Dossiers with a result in the period (result ready or returned in [from, to)). */
  dossiers: number;
  rated: number;
  satisfied: number;
  unsatisfied: number;
  /** Dossiers with a petition about them. */
  withPetition: number;
  late: number;
  /** 5.4 = (dossiers - rated not satisfied - with a petition - late) / dossiers */
  satisfaction: { numerator: number; denominator: number };
}

export async function ratingFigures(ctx: Ctx, f: { unitIds: string[]; from: Date; to: Date }): Promise<RatingFigures> {
  const facts = (await dossierFacts(ctx, f)).filter((d) => {
    const end = d.result_ready_at ?? d.returned_at;
    return end && end >= f.from && end < f.to;
  });
  const ids = facts.map((d) => d.id);
  const ratings = await dossierRatings(ctx, ids);
  const codes = facts.map((d) => d.code);
  const petitioned = new Set<string>();
  if (ids.length) {
    const rows = await ctx.db
      .selectFrom('petitions')
      .select(['subject_ref'])
      .where('subject_kind', '=', 'dossier')
      .where('subject_ref', 'in', [...ids, ...codes])
      .execute();
    for (const r of rows) petitioned.add(r.subject_ref!);
  }
  let bad = 0;
  let late = 0;
  let withPetition = 0;
  for (const d of facts) {
    const end = (d.result_ready_at ?? d.returned_at)!;
    const isLate = !!d.due_at && (end > d.due_at || d.supplement_requests > 1);
    const pet = petitioned.has(d.id) || petitioned.has(d.code);
    if (isLate) late++;
    if (pet) withPetition++;
    if (isLate || pet || ratings.get(d.id) === 'unsatisfied') bad++;
  }
  const rated = [...ratings.values()];
  return {
    dossiers: facts.length,
    rated: rated.length,
    satisfied: rated.filter((r) => r === 'satisfied').length,
    unsatisfied: rated.filter((r) => r === 'unsatisfied').length,
    withPetition,
    late,
    satisfaction: { numerator: facts.length - bad, denominator: facts.length },
  };
}
