/**
 * Assisted submission (issue 17 item 3): the rules of the citizen's consent, pure.
 * A helper (reception officer, postal worker, digital-team member) asks for consent; the
 * citizen receives a one-time code by SMS and reads it back to the helper, who enters it.
 * The code is kept only as a hash (HMAC-SHA-256 keyed by the consent id), expires after
 * CODE_TTL_MS, allows MAX_ATTEMPTS wrong entries, and a confirmed consent serves one dossier,
 * submitted within USE_WITHIN_MS of the confirmation. See docs/decisions-dossiers.md.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AssistedConsentRow } from '../tables';

export const CONSENT_CODE_TTL_MS = 5 * 60_000;
export const CONSENT_MAX_ATTEMPTS = 5;
export const CONSENT_USE_WITHIN_MS = 30 * 60_000;
/** A phone gets at most this many codes in CONSENT_SEND_WINDOW_MS (a helper cannot flood it). */
export const CONSENT_MAX_SENDS = 3;
export const CONSENT_SEND_WINDOW_MS = 60 * 60_000;
/** Who may help: the roles of the officer channels. */
export const HELPER_ROLES = ['reception', 'postal', 'digital_team'] as const;
export type HelperRole = (typeof HELPER_ROLES)[number];

export type ConsentState = 'pending' | 'confirmed' | 'used' | 'locked';
export interface ConsentRecord {
  id: string;
  helperId: string;
  citizenIdNumber: string;
  state: ConsentState;
  attempts: number;
  codeExpiresAt: Date;
  confirmedAt: Date | null;
}

/** The stored consent as the rules read it. */
export const consentRecordOf = (c: Selectable<AssistedConsentRow>): ConsentRecord => ({
  id: c.id,
  helperId: c.helper_id,
  citizenIdNumber: c.citizen_id_number,
  state: c.state,
  attempts: c.attempts ?? 0,
  codeExpiresAt: c.code_expires_at,
  confirmedAt: c.confirmed_at,
});

/** A 6-digit code, uniformly drawn (leading zeros kept). */
export function newConsentCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** The stored form of a code: HMAC-SHA-256 keyed by the consent's own id (a per-record salt). */
export function hashConsentCode(consentId: string, code: string): string {
  return createHmac('sha256', consentId).update(code).digest('hex');
}

export function codeMatches(consentId: string, code: string, hash: string): boolean {
  const a = Buffer.from(hashConsentCode(consentId, code), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Vietnamese mobile numbers as people write them: 0 and 9 digits, or +84 and 9 digits. */
export function normalisePhone(raw: string): string | null {
  const s = raw.replace(/[\s.-]/g, '');
  const m = /^(?:\+?84|0)(\d{9})$/.exec(s);
  return m ? `0${m[1]}` : null;
}

/** 0912***678: what the helper's screen shows of the phone the code went to. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? phone : `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}

export type ConfirmOutcome =
  | { ok: true }
  | { ok: false; reason: 'wrong'; attemptsLeft: number; lock: boolean }
  | { ok: false; reason: 'expired' | 'locked' | 'already_confirmed' | 'used' | 'bad_format' };

/**
 * What entering `code` does to a consent at `now`. A wrong code counts an attempt; the
 * MAX_ATTEMPTS-th wrong code locks the consent (a new one must be asked for).
 */
export function decideConfirm(c: ConsentRecord, now: Date, code: string, matches: (code: string) => boolean): ConfirmOutcome {
  if (c.state === 'used') return { ok: false, reason: 'used' };
  if (c.state === 'confirmed') return { ok: false, reason: 'already_confirmed' };
  if (c.state === 'locked' || c.attempts >= CONSENT_MAX_ATTEMPTS) return { ok: false, reason: 'locked' };
  if (now.getTime() >= c.codeExpiresAt.getTime()) return { ok: false, reason: 'expired' };
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'bad_format' };
  if (matches(code)) return { ok: true };
  const attempts = c.attempts + 1;
  return { ok: false, reason: 'wrong', attemptsLeft: Math.max(0, CONSENT_MAX_ATTEMPTS - attempts), lock: attempts >= CONSENT_MAX_ATTEMPTS };
}

export type UseOutcome = { ok: true } | { ok: false; reason: 'missing' | 'not_confirmed' | 'used' | 'stale' | 'other_helper' | 'other_citizen' };

/** Whether a consent may carry the assisted submission of `helperId` for the citizen `idNumber` at `now`. */
export function decideUse(c: ConsentRecord | null, q: { helperId: string; idNumber: string; now: Date }): UseOutcome {
  if (!c) return { ok: false, reason: 'missing' };
  if (c.helperId !== q.helperId) return { ok: false, reason: 'other_helper' };
  if (c.state === 'used') return { ok: false, reason: 'used' };
  if (c.state !== 'confirmed' || !c.confirmedAt) return { ok: false, reason: 'not_confirmed' };
  if (c.citizenIdNumber !== q.idNumber) return { ok: false, reason: 'other_citizen' };
  if (q.now.getTime() - c.confirmedAt.getTime() > CONSENT_USE_WITHIN_MS) return { ok: false, reason: 'stale' };
  return { ok: true };
}
