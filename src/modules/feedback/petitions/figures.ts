/** The petitions in the QĐ 766 index (5.1-5.3) and the indicators' drill-down. */
import type { Ctx } from '../../../platform/context';
import { figuresOf, petitionStanding, type PetitionCost, type PetitionFigures } from '../model';
import { iso, timesOf } from './common';

/**
 * QĐ 766 5.1-5.3 for the petitions of `unitIds`: handled in [from, to) or open and overdue at its
 * end. Returns numerators and denominators (see model.figuresOf).
 */
export async function petitionFigures(ctx: Ctx, f: { unitIds: string[]; from: Date; to: Date }): Promise<PetitionFigures> {
  if (f.unitIds.length === 0) return figuresOf([], f.from, f.to, ctx.clock.now());
  const rows = await ctx.db.selectFrom('petitions').selectAll().where('unit_id', 'in', f.unitIds).where('received_at', '<', f.to).execute();
  const facts = [];
  for (const r of rows) {
    const { fact, deadlines } = await timesOf(ctx, r);
    facts.push({ fact: { ...fact, category: r.category, rating: r.rating, reraised: r.reraised }, deadlines });
  }
  return figuresOf(facts, f.from, f.to, ctx.clock.now());
}

/** A petition that costs a unit 5.2 or 5.3 points in a period (indicators drill-down). */
export interface PetitionCostRecord {
  id: string;
  code: string;
  unitId: string;
  title: string;
  receivedAt: string;
  dueAt: string;
  /** Refused or answered (approved), when it was. */
  handledAt: string | null;
  reasons: PetitionCost[];
  /** The back-office page of the petition. */
  href: string;
}

/**
 * The petitions of `unitIds` that cost points in [from, to), by the same rule as petitionFigures:
 * kind 'onTime' (5.2) = answered late or still open past due; 'satisfaction' (5.3) = that, or
 * rated not satisfied, or raised again. Ordered by receipt.
 */
export async function petitionsCostingPoints(
  ctx: Ctx,
  f: { unitIds: string[]; from: Date; to: Date; kind: 'onTime' | 'satisfaction' },
): Promise<PetitionCostRecord[]> {
  if (f.unitIds.length === 0) return [];
  const now = ctx.clock.now();
  const asOf = now < f.to ? now : f.to;
  const rows = await ctx.db
    .selectFrom('petitions')
    .selectAll()
    .where('unit_id', 'in', f.unitIds)
    .where('received_at', '<', f.to)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  const out: PetitionCostRecord[] = [];
  for (const r of rows) {
    const { fact, deadlines } = await timesOf(ctx, r);
    const s = petitionStanding({ ...fact, category: r.category, rating: r.rating, reraised: r.reraised }, deadlines, f.from, f.to, asOf);
    if (!s || (f.kind === 'onTime' ? s.onTime : s.satisfied)) continue;
    out.push({
      id: r.id,
      code: r.code,
      unitId: r.unit_id,
      title: r.title,
      receivedAt: new Date(r.received_at).toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      handledAt: iso(r.state === 'refused' ? r.refused_at : r.state === 'closed' ? r.approved_at : null),
      reasons: f.kind === 'onTime' ? s.reasons.filter((x) => x === 'late' || x === 'overdue') : s.reasons,
      href: `/quan-tri/phan-anh/${encodeURIComponent(r.id)}`,
    });
  }
  return out;
}
