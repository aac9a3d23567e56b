import { describe, expect, it } from 'vitest';
import { compareRecords, COMPARED_FIELDS } from './reconcile';

const ours = { TrangThaiHoSo: 4, NgayTiepNhan: '20260302083000', NgayHenTra: '20260303170000', NgayKetThucXuLy: '', NgayTra: '', DanhSachGiayToKetQua: [] };

describe('compareRecords', () => {
  it('agrees with an identical copy, whatever the types or empty forms', () => {
    expect(compareRecords(ours, { ...ours, TrangThaiHoSo: '4', NgayTra: null })).toEqual([]);
  });
  it('names every field the index reads that differs, with both values', () => {
    expect(compareRecords(ours, { ...ours, TrangThaiHoSo: 2, NgayHenTra: '20260310170000', DanhSachGiayToKetQua: [{}] })).toEqual([
      { field: 'TrangThaiHoSo', ours: '4', portal: '2' },
      { field: 'NgayHenTra', ours: '20260303170000', portal: '20260310170000' },
      { field: 'SoGiayToKetQua', ours: '0', portal: '1' },
    ]);
    expect(compareRecords(ours, {}).map((d) => d.field)).toEqual(['TrangThaiHoSo', 'NgayTiepNhan', 'NgayHenTra']);
    expect(COMPARED_FIELDS).toContain('NgayKetThucXuLy');
  });
  it('ignores fields the index does not read', () => {
    expect(compareRecords({ ...ours, ChuHoSo: 'A' }, { ...ours, ChuHoSo: 'B' })).toEqual([]);
  });
});
