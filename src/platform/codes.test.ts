import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDossierCode, isAgencyCode, isAgencyIdentifier2020, isProcedureCode, parseDossierCode, vietnamDate } from './codes';

describe('isAgencyCode (V1V2V3.Z1Z2.Y1Y2.MX1X2)', () => {
  it.each(['000.00.00.H30', '000.00.01.H29', '000.00.04.G14', '123.45.67.A01', '000.20.32.H57'])('accepts %s', (s) => {
    expect(isAgencyCode(s)).toBe(true);
  });
  it.each([
    '',
    '000.00.00.h30',
    '00.00.00.H30',
    '0000.00.00.H30',
    '000.0.00.H30',
    '000.00.000.H30',
    '000.00.00.H3',
    '000.00.00.H300',
    '000.00.00.330',
    '000-00-00-H30',
    ' 000.00.00.H30',
    '000.00.00.H30 ',
    '000.00.00.H30\n',
    'H30',
    'H15.50.05.13',
    '000.00.00.Ư30',
    '０00.00.00.H30',
  ])('refuses %j', (s) => {
    expect(isAgencyCode(s)).toBe(false);
  });
  it('refuses non-strings', () => {
    expect(isAgencyCode(undefined as any)).toBe(false);
    expect(isAgencyCode(30 as any)).toBe(false);
  });
  it('accepts every generated well-formed code', () => {
    const d = (n: number) => fc.stringMatching(new RegExp(`^[0-9]{${n}}$`));
    fc.assert(
      fc.property(d(3), d(2), d(2), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), d(2), (v, z, y, m, x) => isAgencyCode(`${v}.${z}.${y}.${m}${x}`)),
    );
  });
});

describe('isAgencyIdentifier2020 (level 1 first)', () => {
  it.each(['H15.50.05.13', 'G09.20', 'H30', 'G03.A1B2'])('accepts %s', (s) => expect(isAgencyIdentifier2020(s)).toBe(true));
  it.each(['000.00.00.H30', 'Z01.ABC', 'h15.50', 'H15..50', 'H15.', `H15.${'1'.repeat(32)}`])('refuses %j', (s) =>
    expect(isAgencyIdentifier2020(s)).toBe(false),
  );
});

describe('isProcedureCode (d.dddddd)', () => {
  it.each(['1.000110', '2.000635', '3.000181', '1.012753'])('accepts %s', (s) => expect(isProcedureCode(s)).toBe(true));
  it.each(['', '1.00011', '1.0001100', '10.000110', '1,000110', '1.000110.000.00.00.H01', 'a.000110', ' 1.000110'])('refuses %j', (s) =>
    expect(isProcedureCode(s)).toBe(false),
  );
});

describe('vietnamDate (UTC+7)', () => {
  it('switches day at 17:00 UTC', () => {
    expect(vietnamDate(new Date('2026-03-09T16:59:59.999Z'))).toBe('2026-03-09');
    expect(vietnamDate(new Date('2026-03-09T17:00:00Z'))).toBe('2026-03-10');
    expect(vietnamDate(new Date('2025-12-31T17:00:00Z'))).toBe('2026-01-01');
  });
});

describe('dossier codes', () => {
  it('formats the standard form', () => {
    expect(formatDossierCode('000.00.01.H29', '2026-03-10', 420)).toBe('000.00.01.H29-260310-0420');
    expect(formatDossierCode('000.00.00.H30', '2025-01-02', 1)).toBe('000.00.00.H30-250102-0001');
    expect(formatDossierCode('000.00.00.H30', '2025-01-02', 12345)).toBe('000.00.00.H30-250102-12345');
  });
  it('parses the standard form', () => {
    expect(parseDossierCode('000.00.01.H29-260310-0420')).toEqual({ agencyCode: '000.00.01.H29', date: '2026-03-10', sequence: 420, standard: true });
  });
  it('parses the forms of other systems', () => {
    expect(parseDossierCode('G09.20-20260609-0092637')).toEqual({ agencyCode: 'G09.20', date: '2026-06-09', sequence: 92637, standard: false });
    expect(parseDossierCode('H15.50.05.13-261008-0975')).toEqual({ agencyCode: 'H15.50.05.13', date: '2026-10-08', sequence: 975, standard: false });
    expect(parseDossierCode('000.00.00.H30-20250102-0000001')).toEqual({ agencyCode: '000.00.00.H30', date: '2025-01-02', sequence: 1, standard: false });
  });
  it.each([
    '',
    'abc',
    '000.00.01.H29-260310',
    '000.00.01.H29-260310-042',
    '000.00.01.H29-260310-04200000',
    '000.00.01.H29-261310-0420',
    '000.00.01.H29-260230-0420',
    '000.00.01.H29-2603100-0420',
    '000.00.01.H29-260310-0000',
    '000.00.01.h29-260310-0420',
    '000.00.01.H29_260310_0420',
    '-260310-0420',
    'Z01.X-260310-0420',
    '000.00.01.H29-20260229-0001',
  ])('refuses %j', (s) => expect(parseDossierCode(s)).toBeNull());
  it('accepts leap days', () => {
    expect(parseDossierCode('000.00.01.H29-20280229-0001')?.date).toBe('2028-02-29');
  });
  it('round-trips every generated code', () => {
    const agency = fc
      .tuple(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('H', 'G', 'A'),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(([v, z, y, m, x]) => `${String(v).padStart(3, '0')}.${String(z).padStart(2, '0')}.${String(y).padStart(2, '0')}.${m}${String(x).padStart(2, '0')}`);
    const day = fc
      .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(agency, day, fc.integer({ min: 1, max: 9999 }), (a, d, n) => {
        const code = formatDossierCode(a, d, n);
        expect(code).toMatch(/^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/);
        expect(parseDossierCode(code)).toEqual({ agencyCode: a, date: d, sequence: n, standard: true });
      }),
    );
  });
});
