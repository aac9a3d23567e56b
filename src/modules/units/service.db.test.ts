import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { DEMO } from './demo';
import { DEMO_EXTRA } from './demo-data';
import { ancestorIds, descendantIds, getUnit, listAgencies, successorOf, unitNameAt, unitTree } from './service';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
});
afterAll(async () => env?.close());

describe('demo province through the service', () => {
  it('every demo id exists, and is active today except the districts and their committees', async () => {
    const retired = new Set<string>([DEMO.viThanh, DEMO.ubndViThanh, DEMO.chauThanhA, DEMO.ubndChauThanhA]);
    for (const id of Object.values(DEMO)) {
      const now = await getUnit(env.ctx, id);
      if (retired.has(id)) {
        expect(now, id).toBeNull();
        expect(await getUnit(env.ctx, id, '2025-06-30'), id).not.toBeNull();
      } else expect(now, id).not.toBeNull();
    }
  });

  it('two tiers today: communes sit directly under the province', async () => {
    expect(await ancestorIds(env.ctx, DEMO.ubndPhuong1)).toEqual([DEMO.phuong1, DEMO.province]);
    expect(await ancestorIds(env.ctx, DEMO.ubndPhuong1, '2025-06-30')).toEqual([DEMO.phuong1, DEMO.viThanh, DEMO.province]);
    const tree = await unitTree(env.ctx);
    expect(tree.map((n) => n.id)).toEqual([DEMO.province]);
    expect(tree[0].children.some((c) => c.kind === 'district')).toBe(false);
  });

  it('names and codes as of a date', async () => {
    expect(await unitNameAt(env.ctx, DEMO.viThanh, '2009-12-31')).toBe('Thị xã Vị Thanh');
    expect(await unitNameAt(env.ctx, DEMO.viThanh, '2011-01-01')).toBe('Thành phố Vị Thanh');
    expect(await unitNameAt(env.ctx, DEMO.motNgan, '2025-06-30')).toBe('Thị trấn Một Ngàn');
    expect(await unitNameAt(env.ctx, DEMO.motNgan, '2025-07-01')).toBe('Xã Một Ngàn');
    const ubnd = await getUnit(env.ctx, DEMO.ubndProvince);
    expect(ubnd).toMatchObject({ name: 'UBND tỉnh Hậu Giang', agencyCode: '000.00.00.H30', kind: 'agency', level: 'province' });
    expect(await getUnit(env.ctx, DEMO.province)).toMatchObject({ code: '93' });
    expect(await getUnit(env.ctx, DEMO.phuong1)).toMatchObject({ code: '31318', parentId: DEMO.province, level: 'commune' });
  });

  it('the 2025 mergers: predecessors resolve to their successors', async () => {
    expect(await getUnit(env.ctx, DEMO_EXTRA.hoaTien)).toBeNull();
    expect(await successorOf(env.ctx, DEMO_EXTRA.hoaTien)).toBe(DEMO.hoaLuu);
    expect(await successorOf(env.ctx, DEMO_EXTRA.ubndTanTien)).toBe(DEMO.ubndHoaLuu);
    expect(await successorOf(env.ctx, DEMO_EXTRA.bayNgan)).toBe(DEMO.tanHoa);
    expect(await successorOf(env.ctx, DEMO.ubndViThanh)).toBe(DEMO.ubndProvince);
    expect(await successorOf(env.ctx, DEMO.phuong1)).toBe(DEMO.phuong1);
  });

  it('descendants include agencies; agencies can be listed by level and type', async () => {
    const below = await descendantIds(env.ctx, DEMO.province);
    expect(below).toContain(DEMO.ttPvhcc);
    expect(below).toContain(DEMO.ubndTanHoa);
    expect(below).not.toContain(DEMO.viThanh);
    const before = await descendantIds(env.ctx, DEMO.viThanh, '2025-01-01');
    expect(before).toEqual(expect.arrayContaining([DEMO.ubndViThanh, DEMO.phuong1, DEMO.ubndPhuong1, DEMO_EXTRA.hoaTien]));
    const depts = await listAgencies(env.ctx, { kind: 'department' });
    expect(depts.length).toBeGreaterThanOrEqual(8);
    const communeCommittees = await listAgencies(env.ctx, { level: 'commune', kind: 'people_committee' });
    expect(communeCommittees.map((a) => a.id).sort()).toEqual([DEMO.ubndHoaLuu, DEMO.ubndMotNgan, DEMO.ubndNhonNghiaA, DEMO.ubndPhuong1, DEMO.ubndPhuong3, DEMO.ubndTanHoa].sort());
    expect(await listAgencies(env.ctx, { level: 'district' })).toEqual([]);
    expect((await listAgencies(env.ctx, { level: 'district', at: '2025-06-30' })).length).toBe(2);
  });
});
