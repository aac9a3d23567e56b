import { describe, expect, it } from 'vitest';
import { fold, normaliseAddress, normaliseIssuer, placeOfCode, type Place } from './address';

const HG = 'Tỉnh Hậu Giang';
const CT = 'Thành phố Cần Thơ';
const VT = 'Thành phố Vị Thanh';
const CTA = 'Huyện Châu Thành A';
const now = (unitId: string, commune: string, code: string) => ({ unitId, commune, code, province: CT });
const P_VT = now('p1', 'Phường Vị Thanh', '31321');
const P_VTAN = now('vitan', 'Phường Vị Tân', '31333');
const X_HL = now('hoaluu', 'Xã Hỏa Lựu', '31338');
const X_TH = now('tanhoa', 'Xã Tân Hòa', '31342');
const old = (commune: string, code: string | null, district: string, n: Place['now'], from = '2010-09-23'): Place => ({
  commune,
  code,
  district,
  province: HG,
  from,
  to: '2025-07-01',
  now: n,
});
const today = (n: Place['now']): Place => ({ commune: n.commune, code: n.code, district: null, province: CT, from: '2025-07-01', to: null, now: n });

// A small map in the shape service.addressPlaces builds from the units' history.
const PLACES: Place[] = [
  old('Phường I', '31318', VT, P_VT),
  old('Phường III', '31321', VT, P_VT),
  old('Phường VII', '31330', VT, P_VT),
  old('Phường IV', null, VT, P_VTAN),
  old('Phường V', null, VT, P_VTAN),
  old('Xã Vị Tân', null, VT, P_VTAN),
  old('Phường I', '31318', 'Thị xã Vị Thanh', P_VT, '2004-01-01'),
  old('Xã Hỏa Tiến', '31339', VT, X_HL),
  old('Xã Tân Tiến', '31338', VT, X_HL),
  old('Xã Hỏa Lựu', '31336', VT, X_HL),
  old('Thị trấn Một Ngàn', '31342', CTA, X_TH),
  old('Thị trấn Bảy Ngàn', '31346', CTA, X_TH),
  old('Xã Tân Hòa', '31345', CTA, X_TH),
  old('Xã Nhơn Nghĩa A', '31357', CTA, X_TH),
  today(P_VT),
  today(P_VTAN),
  today(X_HL),
  today(X_TH),
];
const n = (a: string) => normaliseAddress(a, PLACES);

describe("normaliseAddress: old names stay valid and are shown with today's", () => {
  it('maps a full old-style address and keeps the house number and street', () => {
    const r = n('Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang');
    expect(r).toMatchObject({ changed: true, unitId: 'vitan', today: 'phường Vị Tân, thành phố Cần Thơ' });
    expect(r.display).toBe('Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang (nay là phường Vị Tân, thành phố Cần Thơ)');
    expect(n('Số 12 đường Trần Hưng Đạo, Phường I, thành phố Vị Thanh, tỉnh Hậu Giang')).toMatchObject({
      changed: true,
      unitId: 'p1',
      today: 'Số 12 đường Trần Hưng Đạo, phường Vị Thanh, thành phố Cần Thơ',
    });
    expect(n('Ấp Tân Phú, xã Tân Hòa, huyện Châu Thành A, tỉnh Hậu Giang').today).toBe('Ấp Tân Phú, xã Tân Hòa, thành phố Cần Thơ');
    expect(n('Ấp Nhơn Thuận, xã Nhơn Nghĩa A, huyện Châu Thành A, tỉnh Hậu Giang')).toMatchObject({
      unitId: 'tanhoa',
      today: 'Ấp Nhơn Thuận, xã Tân Hòa, thành phố Cần Thơ',
    });
  });

  it('reads abbreviations, Arabic for Roman numerals, missing diacritics and odd spacing', () => {
    for (const a of [
      'P.4, TP. Vị Thanh, Hậu Giang',
      'P. 4, TP Vị Thanh, T. Hậu Giang',
      'phường 4, tp.Vị Thanh, tỉnh Hậu Giang',
      'Phuong IV, Thanh pho Vi Thanh, tinh Hau Giang',
      'P.04 ,  TP. Vị Thanh ,Hậu Giang',
    ]) {
      expect(n(a), a).toMatchObject({ changed: true, unitId: 'vitan' });
    }
    expect(n('TT. Một Ngàn, H. Châu Thành A, Hậu Giang')).toMatchObject({ unitId: 'tanhoa', today: 'xã Tân Hòa, thành phố Cần Thơ' });
    expect(n('Thị trấn Bảy Ngàn - huyện Châu Thành A - tỉnh Hậu Giang')).toMatchObject({ unitId: 'tanhoa' });
    expect(n('Ấp 3, X. Hỏa Tiến, TP. Vị Thanh, T. Hậu Giang')).toMatchObject({ unitId: 'hoaluu', today: 'Ấp 3, xã Hỏa Lựu, thành phố Cần Thơ' });
    expect(n('Khu vực 1, P.VII, TX. Vị Thanh, Hậu Giang')).toMatchObject({ unitId: 'p1' });
  });

  it('accepts the names of the earlier period too (Thị xã Vị Thanh before 2010)', () => {
    expect(n('Phường I, thị xã Vị Thanh, tỉnh Hậu Giang')).toMatchObject({ changed: true, unitId: 'p1' });
  });

  it('reads the commune alone when unambiguous; with the district only; with the province only', () => {
    expect(n('Ấp Thạnh Lợi, Xã Tân Tiến')).toMatchObject({ unitId: 'hoaluu', changed: true });
    expect(n('Phường VII, TP Vị Thanh')).toMatchObject({ unitId: 'p1', today: 'phường Vị Thanh, thành phố Cần Thơ' });
    expect(n('Thị trấn Một Ngàn, Hậu Giang')).toMatchObject({ unitId: 'tanhoa' });
  });

  it('leaves an address of today unchanged, recognising its commune', () => {
    const r = n('Số 5, phường Vị Tân, thành phố Cần Thơ');
    expect(r).toMatchObject({
      changed: false,
      unitId: 'vitan',
      today: 'Số 5, phường Vị Tân, thành phố Cần Thơ',
      display: 'Số 5, phường Vị Tân, thành phố Cần Thơ',
    });
    expect(n('Xã Hỏa Lựu, TP. Cần Thơ')).toMatchObject({ changed: false, unitId: 'hoaluu' });
  });

  it("maps an old name that reads like today's when the old district or province is given", () => {
    // Xã Hỏa Lựu existed before and after; with Hậu Giang it is the old one, with the same holder.
    expect(n('Xã Hỏa Lựu, TP. Vị Thanh, Hậu Giang')).toMatchObject({ changed: true, unitId: 'hoaluu', today: 'xã Hỏa Lựu, thành phố Cần Thơ' });
  });

  it('never refuses: an unknown or ambiguous address is kept as typed', () => {
    for (const a of [
      'Số 1 Nguyễn Trãi, Phường 7, Quận 5, TP. Hồ Chí Minh',
      'Phường XII, tỉnh Hậu Giang',
      '',
      'abc',
      'Phường IV, huyện Châu Thành A, tỉnh Hậu Giang',
    ]) {
      const r = n(a);
      expect(r, a).toMatchObject({ changed: false, unitId: null, today: a.trim(), display: a.trim() });
    }
  });

  it('folds diacritics and đ for comparison', () => {
    expect(fold('  Đông   Phước ')).toBe('dong phuoc');
    expect(fold('Hỏa Lựu')).toBe(fold('Hoa Luu'));
  });
});

describe('placeOfCode: old codes on documents', () => {
  it("maps an old commune code to today's commune, and a reused code by the document's date", () => {
    expect(placeOfCode('31339', PLACES)).toEqual(X_HL);
    expect(placeOfCode('31321', PLACES, '2020-01-01')).toEqual(P_VT); // Phường III then
    expect(placeOfCode('31338', PLACES, '2020-01-01')).toEqual(X_HL); // Xã Tân Tiến then
    expect(placeOfCode('31342', PLACES, '2020-01-01')).toEqual(X_TH); // Thị trấn Một Ngàn then
    expect(placeOfCode('31342', PLACES)).toEqual(X_TH); // Xã Tân Hòa today
    expect(placeOfCode('99999', PLACES)).toBeNull();
  });
});

describe('normaliseAddress on a date before the two-tier reform (the places as addressPlaces builds them then)', () => {
  // On 10/3/2025 Phường IV is still Phường IV of Thành phố Vị Thanh, Tỉnh Hậu Giang: that address is the address of the day.
  const nowIV = { unitId: 'p4', commune: 'Phường IV', code: null, province: HG, district: VT };
  const THEN: Place[] = [
    { commune: 'Phường IV', code: null, district: VT, province: HG, from: '2010-09-23', to: '2025-07-01', now: nowIV },
    { commune: 'Phường IV', code: null, district: 'Thị xã Vị Thanh', province: HG, from: '2004-01-01', to: '2010-09-23', now: nowIV },
  ];
  it('leaves the names of the day (with their district) unchanged', () => {
    expect(normaliseAddress('Số 5, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang', THEN)).toEqual({
      input: 'Số 5, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
      today: 'Số 5, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
      changed: false,
      unitId: 'p4',
      display: 'Số 5, Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang',
    });
    expect(normaliseAddress('P.4, TP. Vị Thanh, Hậu Giang', THEN)).toMatchObject({ changed: false, unitId: 'p4' });
  });
});

describe('normaliseIssuer: a document issued under an old unit name', () => {
  const i = (s: string) => normaliseIssuer(s, PLACES);
  it("shows the issuing committee with today's names beside it", () => {
    expect(i('UBND Phường I, thành phố Vị Thanh')).toEqual({
      input: 'UBND Phường I, thành phố Vị Thanh',
      today: 'UBND phường Vị Thanh, thành phố Cần Thơ',
      changed: true,
      unitId: 'p1',
      display: 'UBND Phường I, thành phố Vị Thanh (nay là UBND phường Vị Thanh, thành phố Cần Thơ)',
    });
    expect(i('Ủy ban nhân dân thị trấn Một Ngàn, huyện Châu Thành A')).toMatchObject({ changed: true, today: 'Ủy ban nhân dân xã Tân Hòa, thành phố Cần Thơ' });
    expect(i('Công an Phường IV, thành phố Vị Thanh, tỉnh Hậu Giang')).toMatchObject({ changed: true, today: 'Công an phường Vị Tân, thành phố Cần Thơ' });
  });
  it('keeps a body of today, one not seated in a commune, or one it cannot place as written', () => {
    for (const s of [
      'UBND phường Vị Thanh, thành phố Cần Thơ',
      'Bộ Công an',
      'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
      'Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư tỉnh Hậu Giang',
      'UBND xã Không Có, huyện Nào Đó',
    ]) {
      expect(i(s), s).toMatchObject({ changed: false, today: s, display: s });
    }
  });
});
