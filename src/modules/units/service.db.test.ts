import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO, DEMO_COMMUNES_TODAY } from './demo';
import { DEMO_EXTRA } from './demo-data';
import { ancestorIds, descendantIds, getUnit, homeProvince, listAgencies, provinceOf, successorOf, unitNameAt, unitTree } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
});
afterAll(async () => env?.close());

const NEW_ON_REFORM = new Set<string>([...DEMO_COMMUNES_TODAY.map((c) => c.centreId), DEMO.dongPhuoc, DEMO.ubndDongPhuoc]);
const ENDED_ON_REFORM = new Set<string>([
  DEMO.hauGiang,
  DEMO.ubndHauGiang,
  DEMO.viThanh,
  DEMO.ubndViThanh,
  DEMO.chauThanhA,
  DEMO.ubndChauThanhA,
  DEMO.phuong3,
  DEMO.ubndPhuong3,
  DEMO.motNgan,
  DEMO.ubndMotNgan,
  DEMO.nhonNghiaA,
  DEMO.ubndNhonNghiaA,
]);

describe('demo province through the service', () => {
  it('every demo id exists on one side of 1/7/2025 or both: the former units until 30/6, the new ones from 1/7', async () => {
    for (const id of Object.values(DEMO)) {
      const before = await getUnit(env.ctx, id, '2025-06-30');
      const after = await getUnit(env.ctx, id, '2025-07-01');
      if (NEW_ON_REFORM.has(id)) expect([before, after !== null], id).toEqual([null, true]);
      else if (ENDED_ON_REFORM.has(id)) expect([before !== null, after], id).toEqual([true, null]);
      else expect([before !== null, after !== null], id).toEqual([true, true]);
      expect((await getUnit(env.ctx, id)) !== null, id).toBe(!ENDED_ON_REFORM.has(id));
    }
  });

  it("two tiers today: communes sit directly under Thành phố Cần Thơ; before, under Hậu Giang's districts", async () => {
    expect(await ancestorIds(env.ctx, DEMO.ubndPhuong1)).toEqual([DEMO.phuong1, DEMO.province]);
    expect(await ancestorIds(env.ctx, DEMO.ubndPhuong1, '2025-06-30')).toEqual([DEMO.phuong1, DEMO.viThanh, DEMO.hauGiang]);
    expect(await ancestorIds(env.ctx, DEMO.ttPvhcc, '2025-06-30')).toEqual([DEMO.vpUbnd, DEMO.hauGiang]);
    expect(await ancestorIds(env.ctx, DEMO.ttPvhcc)).toEqual([DEMO.vpUbnd, DEMO.province]);
    const tree = await unitTree(env.ctx);
    expect(tree.map((n) => n.id)).toEqual([DEMO.province]);
    expect(tree[0].children.some((c) => c.kind === 'district')).toBe(false);
    const communes = tree[0].children.filter((c) => c.kind === 'commune').map((c) => c.id);
    expect(communes.sort()).toEqual(DEMO_COMMUNES_TODAY.map((c) => c.unitId).sort());
    const old = await unitTree(env.ctx, '2025-06-30');
    expect(old.map((n) => n.id).sort()).toEqual([DEMO.province, DEMO.hauGiang].sort());
  });

  it('names and codes as of a date', async () => {
    expect(await unitNameAt(env.ctx, DEMO.viThanh, '2009-12-31')).toBe('Thị xã Vị Thanh');
    expect(await unitNameAt(env.ctx, DEMO.viThanh, '2011-01-01')).toBe('Thành phố Vị Thanh');
    expect(await unitNameAt(env.ctx, DEMO.motNgan, '2025-06-30')).toBe('Thị trấn Một Ngàn');
    expect(await unitNameAt(env.ctx, DEMO.motNgan, '2025-07-01')).toBeNull();
    expect(await getUnit(env.ctx, DEMO.ubndHauGiang, '2025-06-30')).toMatchObject({
      name: 'UBND tỉnh Hậu Giang',
      agencyCode: '000.00.00.H30',
      kind: 'agency',
      level: 'province',
    });
    expect(await getUnit(env.ctx, DEMO.ubndProvince)).toMatchObject({ name: 'UBND thành phố Cần Thơ', kind: 'agency', level: 'province' });
    expect(await getUnit(env.ctx, DEMO.province)).toMatchObject({ name: 'Thành phố Cần Thơ', code: '92' });
    expect(await getUnit(env.ctx, DEMO.hauGiang, '2025-06-30')).toMatchObject({ name: 'Tỉnh Hậu Giang', code: '93' });
    expect(await getUnit(env.ctx, DEMO.phuong1, '2025-06-30')).toMatchObject({ name: 'Phường I', code: '31318', parentId: DEMO.viThanh });
    expect(await getUnit(env.ctx, DEMO.phuong1)).toMatchObject({ name: 'Phường Vị Thanh', code: '31321', parentId: DEMO.province, level: 'commune' });
    const today = await Promise.all(DEMO_COMMUNES_TODAY.map(async (c) => [(await getUnit(env.ctx, c.unitId))!.name, (await getUnit(env.ctx, c.unitId))!.code]));
    expect(today.sort()).toEqual(
      [
        ['Phường Vị Thanh', '31321'],
        ['Phường Vị Tân', '31333'],
        ['Xã Hỏa Lựu', '31338'],
        ['Xã Tân Hòa', '31342'],
        ['Xã Trường Long Tây', '31348'],
        ['Xã Thạnh Xuân', '31360'],
        ['Xã Đông Phước', '31369'],
      ].sort(),
    );
    expect(await unitNameAt(env.ctx, DEMO.ttPvhcc, '2025-06-30')).toBe('Trung tâm Phục vụ hành chính công tỉnh Hậu Giang');
    expect(await unitNameAt(env.ctx, DEMO.ttPvhcc, '2025-07-01')).toBe('Trung tâm Phục vụ hành chính công thành phố Cần Thơ');
  });

  it('the province this system serves follows the date: Hậu Giang until 30/6/2025, Cần Thơ from 1/7/2025', async () => {
    expect((await homeProvince(env.ctx, '2025-06-30'))?.name).toBe('Tỉnh Hậu Giang');
    expect((await homeProvince(env.ctx, '2025-07-01'))?.name).toBe('Thành phố Cần Thơ');
    expect((await homeProvince(env.ctx))?.id).toBe(DEMO.province);
    expect((await provinceOf(env.ctx, DEMO.ubndPhuong3, '2025-06-30'))?.id).toBe(DEMO.hauGiang);
    expect((await provinceOf(env.ctx, DEMO.ubndPhuong1, '2025-07-01'))?.id).toBe(DEMO.province);
    expect(await provinceOf(env.ctx, DEMO.ubndPhuong3, '2025-07-01')).toBeNull();
  });

  it('the 2025 mergers: predecessors resolve to their successors', async () => {
    expect(await getUnit(env.ctx, DEMO_EXTRA.hoaTien)).toBeNull();
    expect(await successorOf(env.ctx, DEMO_EXTRA.hoaTien)).toBe(DEMO.hoaLuu);
    expect(await successorOf(env.ctx, DEMO_EXTRA.ubndTanTien)).toBe(DEMO.ubndHoaLuu);
    expect(await successorOf(env.ctx, DEMO_EXTRA.bayNgan)).toBe(DEMO.tanHoa);
    expect(await successorOf(env.ctx, DEMO.ubndMotNgan)).toBe(DEMO.ubndTanHoa);
    expect(await successorOf(env.ctx, DEMO.phuong3)).toBe(DEMO.phuong1);
    expect(await successorOf(env.ctx, DEMO_EXTRA.phuong5)).toBe(DEMO.viTan);
    expect(await successorOf(env.ctx, DEMO_EXTRA.caiTac)).toBe(DEMO.dongPhuoc);
    expect(await successorOf(env.ctx, DEMO.ubndViThanh)).toBe(DEMO.ubndProvince);
    expect(await successorOf(env.ctx, DEMO.hauGiang)).toBe(DEMO.province);
    expect(await successorOf(env.ctx, DEMO.ubndHauGiang)).toBe(DEMO.ubndProvince);
    expect(await successorOf(env.ctx, DEMO.phuong1)).toBe(DEMO.phuong1);
    // Before the merger a unit is its own successor.
    expect(await successorOf(env.ctx, DEMO.phuong3, '2025-06-30')).toBe(DEMO.phuong3);
  });

  it('descendants include agencies; agencies can be listed by level and type', async () => {
    const below = await descendantIds(env.ctx, DEMO.province);
    expect(below).toEqual(expect.arrayContaining([DEMO.ttPvhcc, DEMO.ubndTanHoa, DEMO.ttTanHoa, `${DEMO.ttTanHoa}-dtn1`]));
    expect(below).not.toContain(DEMO.viThanh);
    expect(await descendantIds(env.ctx, DEMO.province, '2025-06-30')).toEqual([DEMO.ubndProvince]);
    const before = await descendantIds(env.ctx, DEMO.viThanh, '2025-01-01');
    expect(before).toEqual(expect.arrayContaining([DEMO.ubndViThanh, DEMO.phuong1, DEMO.ubndPhuong1, DEMO_EXTRA.hoaTien]));
    const depts = await listAgencies(env.ctx, { kind: 'department' });
    expect(depts.length).toBeGreaterThanOrEqual(8);
    const communeCommittees = await listAgencies(env.ctx, { level: 'commune', kind: 'people_committee' });
    expect(communeCommittees.map((a) => a.id).sort()).toEqual(DEMO_COMMUNES_TODAY.map((c) => c.ubndId).sort());
    const centres = await listAgencies(env.ctx, { level: 'commune', kind: 'service_centre' });
    expect(centres.map((a) => a.id)).toEqual(expect.arrayContaining(DEMO_COMMUNES_TODAY.map((c) => c.centreId)));
    expect(await listAgencies(env.ctx, { level: 'commune', kind: 'service_centre', at: '2025-06-30' })).toEqual([]);
    expect(await listAgencies(env.ctx, { level: 'district' })).toEqual([]);
    expect((await listAgencies(env.ctx, { level: 'district', at: '2025-06-30' })).length).toBe(2);
  });
});
