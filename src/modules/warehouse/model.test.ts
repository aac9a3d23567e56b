import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  codePrefix,
  digitizationOf,
  documentCode,
  isDocumentCode,
  isValidOn,
  mayCertifyAt,
  ownsDocument,
  shareStatus,
  validityOf,
  vnDate,
} from './model';
import { storedDocumentsFromFields } from './picker';

describe('codes', () => {
  it('KQ/TP/BS.<agency>.<type>.<6 digits>', () => {
    expect(documentCode(codePrefix('result', '000.00.01.H30', 'giay-khai-sinh'), 7)).toBe('KQ.000.00.01.H30.giay-khai-sinh.000007');
    expect(isDocumentCode('TP.000.01.21.H30.can-cuoc.000001')).toBe(true);
    expect(isDocumentCode('KQ.G07.000122')).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 1, max: 999_999 }), (n) => isDocumentCode(documentCode(codePrefix('certified_copy', '000.00.01.H30', 'x-y'), n))));
  });
});

describe('validity', () => {
  it('types that expire get an end date; month ends are clamped', () => {
    expect(validityOf('giay-xac-nhan-tinh-trang-hon-nhan', '2026-08-31')).toEqual({ validFrom: '2026-08-31', validTo: '2027-02-28' });
    expect(validityOf('giay-khai-sinh', '2026-03-09')).toEqual({ validFrom: '2026-03-09', validTo: null });
    expect(validityOf('giay-khai-sinh', null)).toEqual({ validFrom: null, validTo: null });
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(isValidOn({ validFrom: '2026-01-01', validTo: '2026-06-30' }, '2026-07-01')).toBe(false);
    expect(isValidOn({ validFrom: '2026-01-01', validTo: '2026-06-30' }, '2026-06-30')).toBe(true);
    expect(isValidOn({ validFrom: null, validTo: null }, '2000-01-01')).toBe(true);
    expect(vnDate(new Date('2026-03-09T17:30:00Z'))).toBe('2026-03-10');
  });
});

describe('digitization of a dossier', () => {
  const comps = [
    { key: 'a', name: 'A', optional: false },
    { key: 'b', name: 'B', optional: false },
    { key: 'c', name: 'C', optional: true },
  ];
  it('digitized when every required (and every given optional) component has an electronic file', () => {
    expect(digitizationOf(comps, [{ kind: 'component', componentKey: 'a', electronic: true }], new Set(['b'])).digitized).toBe(true);
    expect(digitizationOf(comps, [{ kind: 'component', componentKey: 'a', electronic: true }], new Set()).digitized).toBe(false);
    expect(digitizationOf(comps, [{ kind: 'result', componentKey: null, electronic: false }], new Set()).eResult).toBe(true);
    expect(digitizationOf([], [], new Set()).digitized).toBe(false);
    // Only what the dossiers' rule calls electronic counts (a result filed under a component key does not).
    expect(
      digitizationOf(
        comps,
        [
          { kind: 'component', componentKey: 'a', electronic: true },
          { kind: 'result', componentKey: 'b', electronic: false },
        ],
        new Set(),
      ).digitized,
    ).toBe(false);
    const s = digitizationOf(
      comps,
      [
        { kind: 'component', componentKey: 'a', electronic: true },
        { kind: 'supplement', componentKey: 'b', electronic: true },
      ],
      new Set(),
    );
    expect(s.components.find((c) => c.key === 'c')).toMatchObject({ applicable: false, digitized: false });
  });
});

describe('ownership, shares, certifying units, picker fields', () => {
  it('rules', () => {
    expect(ownsDocument({ personalId: '1', orgTaxCode: '2' }, { kind: 'organisation', id: '2' })).toBe(true);
    expect(ownsDocument({ personalId: '1' }, { kind: 'organisation', id: '1' })).toBe(false);
    const now = new Date('2026-03-09T02:00:00Z');
    expect(shareStatus({ expiresAt: new Date('2026-03-09T03:00:00Z'), revokedAt: null }, now)).toBe('active');
    expect(shareStatus({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(shareStatus({ expiresAt: new Date('2027-01-01'), revokedAt: now }, now)).toBe('revoked');
    expect(mayCertifyAt({ level: 'commune', agencyType: 'people_committee', foldedName: 'ubnd phuong i' })).toBe(true);
    expect(mayCertifyAt({ level: 'province', agencyType: 'department', foldedName: 'so tu phap' })).toBe(false);
    expect(mayCertifyAt({ level: 'district', agencyType: 'department', foldedName: 'phong tu phap huyen chau thanh a' })).toBe(true);
    expect(storedDocumentsFromFields({ 'stored:giay-to-tuy-than': 'd1', 'stored:x': '', other: 'y' })).toEqual({
      'giay-to-tuy-than': { storedDocumentId: 'd1' },
    });
  });
});
