import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO } from './demo';
import { DEMO_EXTRA } from './demo-data';
import { coveredIds, createUnit, mergeUnits, predecessorIds, unitHistory } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
});
afterAll(async () => env?.close());

describe('the business of merged units passes to the successor', () => {
  it('predecessors of a successor: the merged communes and their committees', async () => {
    const p = await predecessorIds(env.ctx, DEMO.hoaLuu);
    expect(new Set(p)).toEqual(new Set([DEMO_EXTRA.hoaTien, DEMO_EXTRA.ubndHoaTien, DEMO_EXTRA.tanTien, DEMO_EXTRA.ubndTanTien]));
    expect(await predecessorIds(env.ctx, DEMO.ubndHoaLuu)).toEqual(expect.arrayContaining([DEMO_EXTRA.ubndHoaTien, DEMO_EXTRA.ubndTanTien]));
    expect(await predecessorIds(env.ctx, DEMO.soTuPhap)).toEqual([]);
    const all = await coveredIds(env.ctx, DEMO.province);
    expect(all).toEqual(
      expect.arrayContaining([DEMO.province, DEMO.hauGiang, DEMO.ubndHauGiang, DEMO.viThanh, DEMO.ubndViThanh, DEMO_EXTRA.bayNgan, DEMO.ubndPhuong3]),
    );
    // Independent of the date: on a day before the merger the city also covers Hậu Giang's units.
    expect(await coveredIds(env.ctx, DEMO.province, '2025-03-10')).toEqual(
      expect.arrayContaining([DEMO.hauGiang, DEMO.ttPvhcc, DEMO.ubndPhuong3, DEMO.soTuPhap]),
    );
    expect(new Set(await predecessorIds(env.ctx, DEMO.ubndPhuong1))).toEqual(new Set([DEMO.ubndPhuong3, DEMO_EXTRA.ubndPhuong7]));
  });

  it('refuses a merge that leaves a committee without successor, and changes nothing', async () => {
    await createUnit(env.ctx, null, { id: 'test-new-commune', kind: 'commune', name: 'Xã Thử Nghiệm', parentId: DEMO.province, validFrom: '2026-03-01' });
    const before = await unitHistory(env.ctx, DEMO.thanhXuan);
    const err = await mergeUnits(env.ctx, null, {
      sourceIds: [DEMO.thanhXuan],
      targetId: 'test-new-commune',
      effectiveDate: '2026-04-01',
      decision: 'Nghị quyết thử',
    }).catch((e) => e);
    expect(err).toMatchObject({ status: 409, key: 'units.error.merge_no_successor' });
    expect(await unitHistory(env.ctx, DEMO.thanhXuan)).toEqual(before);
  });
});
