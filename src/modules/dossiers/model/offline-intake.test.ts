import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deviceOfProvisional, openDuplicates, PROVISIONAL_RE, provisionalCode, submissionKeyOf } from './offline-intake';

describe('provisional receipt numbers', () => {
  it('TAM-<device>-<n> round-trips for every device id and counter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{6}$/), fc.integer({ min: 1, max: 999_999 }), (dev, n) => {
        const code = provisionalCode(dev, n);
        expect(code).toMatch(PROVISIONAL_RE);
        expect(deviceOfProvisional(code)).toBe(dev);
      }),
    );
  });
  it('refuses what is not one', () => {
    expect(() => provisionalCode('abc', 1)).toThrow();
    expect(() => provisionalCode('AB12CD', 0)).toThrow();
    expect(() => provisionalCode('AB12CD', 1_000_000)).toThrow();
    for (const bad of ['TAM-AB12CD-0', 'TAM-AB12CD-01', 'TAM-ab12cd-1', 'TAM-AB12C-1', '000.00.21.H30-250310-0001', 'TAM-AB12CD-1234567'])
      expect(deviceOfProvisional(bad)).toBeNull();
  });
  it('the submission key is the offline key, lower case, in its own namespace', () => {
    expect(submissionKeyOf('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('offline:0f8fad5b-d9cb-469f-a165-70867728950e');
  });
});

describe('offline duplicates', () => {
  const row = (state: string, id = '093299001111', code = '1.004873') => ({ state, applicant_id_number: id, procedure_code: code });
  it('are the open dossiers of the same applicant and procedure', () => {
    const rows = [
      row('submitted'),
      row('received'),
      row('waiting_supplement'),
      row('returned'),
      row('refused'),
      row('withdrawn'),
      row('cancelled'),
      row('received', '093299002222'),
      row('received', '093299001111', '1.001193'),
    ];
    expect(openDuplicates(rows, { idNumber: '093299001111', procedureCode: '1.004873' }).map((r) => r.state)).toEqual([
      'submitted',
      'received',
      'waiting_supplement',
    ]);
  });
});
