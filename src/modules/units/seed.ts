import type { Ctx } from '../../platform/context';
import { DEMO } from './demo';
import { CENTRES, CITY_RENAMES, COMMUNE_MERGERS, DECISIONS, DEMO_UNITS, FOUNDED, NEW_UNITS, REFORM } from './demo-data';
import { createUnit, mergeUnits, moveUnit, renameUnit, retireUnit } from './service';

/**
 * Loads the demo province: Hậu Giang's units (and Thành phố Cần Thơ) as of 2004, Vị Thanh
 * becoming a city in 2010, then 1/7/2025 as history: the commune mergers of Resolution
 * 1668/NQ-UBTVQH15, the communes directly under the city, the districts ended, Hậu Giang merged
 * into Cần Thơ (Resolution 202/2025/QH15) and the commune centres opened. Runs once, on an empty
 * database; recorded as the system.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  for (const u of DEMO_UNITS) await create(ctx, u, FOUNDED, DECISIONS.founded);
  const city = '2010-09-23';
  await renameUnit(ctx, null, { id: DEMO.viThanh, name: 'Thành phố Vị Thanh', effectiveDate: city, decision: DECISIONS.viThanhCity });
  await renameUnit(ctx, null, { id: DEMO.ubndViThanh, name: 'UBND thành phố Vị Thanh', effectiveDate: city, decision: DECISIONS.viThanhCity });

  // 1/7/2025
  for (const u of NEW_UNITS) await create(ctx, u, REFORM, DECISIONS.communes2025);
  for (const m of COMMUNE_MERGERS) {
    await mergeUnits(ctx, null, { sourceIds: m.sources, targetId: m.targetId, effectiveDate: REFORM, decision: DECISIONS.communes2025 });
    if (!NEW_UNITS.some((u) => u.id === m.targetId)) {
      await renameUnit(ctx, null, { id: m.targetId, name: m.name, code: m.code, effectiveDate: REFORM, decision: DECISIONS.communes2025 }).catch(
        ignoreUnchanged,
      );
      const ubnd = `${m.targetId}-ubnd`;
      await renameUnit(ctx, null, { id: ubnd, name: m.committeeName, effectiveDate: REFORM, decision: DECISIONS.communes2025 }).catch(ignoreUnchanged);
    }
  }
  // Communes directly under the city; the districts end (their committees' successor: the city's).
  for (const m of COMMUNE_MERGERS) {
    if (NEW_UNITS.some((u) => u.id === m.targetId)) continue;
    await moveUnit(ctx, null, { id: m.targetId, parentId: DEMO.province, effectiveDate: REFORM, decision: DECISIONS.twoTier });
  }
  for (const id of [DEMO.viThanh, DEMO.chauThanhA]) {
    await retireUnit(ctx, null, { id, effectiveDate: REFORM, decision: DECISIONS.twoTier, successorId: DEMO.province });
  }
  // The province merger: Hậu Giang's agencies move under the city, its committee ends.
  await mergeUnits(ctx, null, { sourceIds: [DEMO.hauGiang], targetId: DEMO.province, effectiveDate: REFORM, decision: DECISIONS.provinces2025 });
  for (const [id, name] of CITY_RENAMES) await renameUnit(ctx, null, { id, name, effectiveDate: REFORM, decision: DECISIONS.provinces2025 });
  // Public administration service centres of the communes and their reception points.
  for (const c of CENTRES) {
    await create(
      ctx,
      { id: c.id, kind: 'agency', agencyType: 'service_centre', name: c.name, parentId: c.ubndId, hotline: c.hotline, address: c.address },
      REFORM,
      DECISIONS.centres,
    );
    for (const p of c.points) {
      await create(
        ctx,
        { id: p.id, kind: 'agency', agencyType: 'service_centre', name: p.name, parentId: c.id, hotline: c.hotline, address: p.address },
        REFORM,
        DECISIONS.centres,
      );
    }
  }
}

async function create(ctx: Ctx, u: (typeof DEMO_UNITS)[number], validFrom: string, decision: string) {
  await createUnit(ctx, null, {
    id: u.id,
    kind: u.kind,
    agencyType: u.agencyType ?? null,
    name: u.name,
    code: u.code ?? null,
    agencyCode: u.agencyCode ?? null,
    parentId: u.parentId,
    validFrom,
    decision,
    hotline: u.hotline,
    address: u.address,
  });
}

function ignoreUnchanged(e: unknown): void {
  if ((e as { key?: string }).key === 'units.error.unchanged') return;
  throw e;
}
