import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_CODE_TTL_MS,
  CONSENT_MAX_ATTEMPTS,
  CONSENT_USE_WITHIN_MS,
  codeMatches,
  decideConfirm,
  decideUse,
  hashConsentCode,
  maskPhone,
  newConsentCode,
  normalisePhone,
  type ConsentRecord,
} from './consent';

const T0 = new Date('2026-03-09T02:00:00Z');
const pending = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'c1',
  helperId: 'h1',
  citizenIdNumber: '093200007777',
  state: 'pending',
  attempts: 0,
  codeExpiresAt: new Date(T0.getTime() + CONSENT_CODE_TTL_MS),
  confirmedAt: null,
  ...over,
});
const is = (code: string) => (x: string) => x === code;

describe('consent codes', () => {
  it('are 6 digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) expect(newConsentCode()).toMatch(/^\d{6}$/);
  });
  it('are stored as a hash that only the same code under the same consent matches', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{6}$/), (a, b) => {
        const h = hashConsentCode('c1', a);
        expect(h).not.toContain(a);
        expect(codeMatches('c1', a, h)).toBe(true);
        expect(codeMatches('c1', b, h)).toBe(a === b);
        expect(codeMatches('c2', a, h)).toBe(false);
      }),
    );
  });
});

describe('decideConfirm', () => {
  it('accepts the right code before expiry', () => {
    expect(decideConfirm(pending(), T0, '123456', is('123456'))).toEqual({ ok: true });
  });
  it('counts a wrong code and locks at the last attempt', () => {
    expect(decideConfirm(pending(), T0, '000000', is('123456'))).toEqual({ ok: false, reason: 'wrong', attemptsLeft: CONSENT_MAX_ATTEMPTS - 1, lock: false });
    expect(decideConfirm(pending({ attempts: CONSENT_MAX_ATTEMPTS - 1 }), T0, '000000', is('123456'))).toEqual({
      ok: false,
      reason: 'wrong',
      attemptsLeft: 0,
      lock: true,
    });
  });
  it('refuses even the right code once locked, expired, confirmed or used', () => {
    expect(decideConfirm(pending({ attempts: CONSENT_MAX_ATTEMPTS }), T0, '123456', is('123456'))).toMatchObject({ reason: 'locked' });
    expect(decideConfirm(pending({ state: 'locked' }), T0, '123456', is('123456'))).toMatchObject({ reason: 'locked' });
    expect(decideConfirm(pending(), new Date(T0.getTime() + CONSENT_CODE_TTL_MS), '123456', is('123456'))).toMatchObject({ reason: 'expired' });
    expect(decideConfirm(pending(), new Date(T0.getTime() + CONSENT_CODE_TTL_MS - 1), '123456', is('123456'))).toEqual({ ok: true });
    expect(decideConfirm(pending({ state: 'confirmed' }), T0, '123456', is('123456'))).toMatchObject({ reason: 'already_confirmed' });
    expect(decideConfirm(pending({ state: 'used' }), T0, '123456', is('123456'))).toMatchObject({ reason: 'used' });
  });
  it('refuses a malformed code without counting it', () => {
    for (const c of ['', '12345', '1234567', '12a456', ' 123456'])
      expect(decideConfirm(pending(), T0, c, () => true)).toEqual({ ok: false, reason: 'bad_format' });
  });
  it('never confirms a code that does not match, whatever the state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pending', 'confirmed', 'used', 'locked' as const),
        fc.nat(10),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.string(),
        (state, attempts, dt, code) => {
          expect(decideConfirm(pending({ state, attempts }), new Date(T0.getTime() + dt), code, () => false).ok).toBe(false);
        },
      ),
    );
  });
});

describe('decideUse', () => {
  const confirmed = pending({ state: 'confirmed', confirmedAt: T0 });
  const q = { helperId: 'h1', idNumber: '093200007777', now: new Date(T0.getTime() + 60_000) };
  it('lets the same helper use a confirmed consent for the same citizen within 30 minutes', () => {
    expect(decideUse(confirmed, q)).toEqual({ ok: true });
    expect(decideUse(confirmed, { ...q, now: new Date(T0.getTime() + CONSENT_USE_WITHIN_MS) })).toEqual({ ok: true });
  });
  it('refuses a missing, foreign, unconfirmed, used, stale or other citizen consent', () => {
    expect(decideUse(null, q)).toEqual({ ok: false, reason: 'missing' });
    expect(decideUse(confirmed, { ...q, helperId: 'h2' })).toEqual({ ok: false, reason: 'other_helper' });
    expect(decideUse(pending(), q)).toEqual({ ok: false, reason: 'not_confirmed' });
    expect(decideUse(pending({ state: 'locked' }), q)).toEqual({ ok: false, reason: 'not_confirmed' });
    expect(decideUse({ ...confirmed, state: 'used' }, q)).toEqual({ ok: false, reason: 'used' });
    expect(decideUse(confirmed, { ...q, now: new Date(T0.getTime() + CONSENT_USE_WITHIN_MS + 1) })).toEqual({ ok: false, reason: 'stale' });
    expect(decideUse(confirmed, { ...q, idNumber: '093078005555' })).toEqual({ ok: false, reason: 'other_citizen' });
  });
});

describe('phones', () => {
  it('normalises Vietnamese mobile numbers and refuses others', () => {
    expect(normalisePhone('0933 444 555')).toBe('0933444555');
    expect(normalisePhone('+84933444555')).toBe('0933444555');
    expect(normalisePhone('84-933-444-555')).toBe('0933444555');
    for (const bad of ['', '123', '093344455', '09334445556', 'abcdefghij']) expect(normalisePhone(bad)).toBeNull();
  });
  it('masks all but the first 4 and last 3 digits', () => {
    expect(maskPhone('0933444555')).toBe('0933***555');
  });
});
