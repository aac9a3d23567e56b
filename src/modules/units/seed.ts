import type { Ctx } from '../../platform/context';
import { DEMO } from './demo';
import { DECISIONS, DEMO_EXTRA, DEMO_UNITS, FOUNDED, REFORM } from './demo-data';
import { createUnit, mergeUnits, moveUnit, renameUnit, retireUnit } from './service';

/**
 * Loads the demo province: every unit as of 2004, Vị Thanh becoming a city in 2010, then the
 * two-tier reform of 1/7/2025 as history (mergers, renames, communes re-attached to the
 * province, districts retired). Runs once, on an empty database; recorded as the system.
 */
export async function seedDemo(ctx: Ctx): Promise<void> {
  for (const u of DEMO_UNITS) {
    await createUnit(ctx, null, {
      id: u.id,
      kind: u.kind,
      agencyType: u.agencyType ?? null,
      name: u.name,
      code: u.code ?? null,
      agencyCode: u.agencyCode ?? null,
      parentId: u.parentId,
      validFrom: FOUNDED,
      decision: DECISIONS.founded,
      hotline: u.hotline,
      address: u.address,
    });
  }
  const city = '2010-09-23';
  await renameUnit(ctx, null, { id: DEMO.viThanh, name: 'Thành phố Vị Thanh', effectiveDate: city, decision: DECISIONS.viThanhCity });
  await renameUnit(ctx, null, { id: DEMO.ubndViThanh, name: 'UBND thành phố Vị Thanh', effectiveDate: city, decision: DECISIONS.viThanhCity });

  // 1/7/2025: commune-level mergers (real for Hỏa Lựu; partial for Tân Hòa, see docs/decisions-units.md).
  await mergeUnits(ctx, null, { sourceIds: [DEMO_EXTRA.hoaTien, DEMO_EXTRA.tanTien], targetId: DEMO.hoaLuu, effectiveDate: REFORM, decision: DECISIONS.communes2025 });
  await mergeUnits(ctx, null, { sourceIds: [DEMO_EXTRA.bayNgan], targetId: DEMO.tanHoa, effectiveDate: REFORM, decision: DECISIONS.communes2025 });
  // Towns (thị trấn) no longer exist in the two-tier system.
  await renameUnit(ctx, null, { id: DEMO.motNgan, name: 'Xã Một Ngàn', effectiveDate: REFORM, decision: DECISIONS.communes2025 });
  await renameUnit(ctx, null, { id: DEMO.ubndMotNgan, name: 'UBND xã Một Ngàn', effectiveDate: REFORM, decision: DECISIONS.communes2025 });
  // Communes directly under the province, then the districts end.
  for (const id of [DEMO.phuong1, DEMO.phuong3, DEMO.hoaLuu, DEMO.motNgan, DEMO.tanHoa, DEMO.nhonNghiaA]) {
    await moveUnit(ctx, null, { id, parentId: DEMO.province, effectiveDate: REFORM, decision: DECISIONS.twoTier });
  }
  for (const id of [DEMO.viThanh, DEMO.chauThanhA]) {
    await retireUnit(ctx, null, { id, effectiveDate: REFORM, decision: DECISIONS.twoTier, successorId: DEMO.province });
  }
}
