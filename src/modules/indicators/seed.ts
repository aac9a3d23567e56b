import type { Ctx } from '../../platform/context';
import { DEMO } from '../units/demo';
import { AN_GIANG_2024, HAU_GIANG_2023 } from './targets-data';
import { rebuildFactsSetBased } from './facts-rebuild';

/**
 * Loads this module's demo data: the plan targets, then the facts of the demo dossiers (seeded just
 * before, with their ratings and petitions) set-based, so the index is right from the first page
 * rather than after the worker has gone through every dossier's outbox message. The Hậu Giang 2023 table is assigned to the
 * province (it binds every department, district and commune); the An Giang 2024 table is
 * demo data for 2024 on the same demo tree (the An Giang plan binds district bodies and communes).
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  const rows = [HAU_GIANG_2023, AN_GIANG_2024].flatMap((plan) =>
    plan.rows.map((r) => ({
      id: `${plan.year}-${DEMO.province}-${r.seq}`,
      plan: plan.plan,
      year: plan.year,
      unit_id: DEMO.province,
      seq: r.seq,
      section: r.section,
      name: r.name,
      indicator_key: r.indicatorKey,
      level: r.level ?? null,
      target: r.target,
      unit_of_measure: '%',
      basis: r.basis,
    })),
  );
  await ctx.db
    .insertInto('indicator_targets')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await rebuildFactsSetBased(ctx);
}
