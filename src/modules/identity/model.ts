/** Identity: types and pure rules (no I/O). */
import { ROLES, type Role, type RoleGrant } from '../../platform/auth';

/** A citizen or business representative known through VNeID. */
export interface Person {
  id: string;
  personalId: string;
  name: string;
  birthDate: string | null;
  gender: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** The organisation (business) this person represents, if any. */
  org: { taxCode: string; name: string } | null;
  notifyEmail: boolean;
  notifySms: boolean;
}

/** What VNeID tells us about a person at login. */
export interface VneidIdentity {
  personalId: string;
  name: string;
  birthDate?: string | null;
  gender?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  orgTaxCode?: string | null;
  orgName?: string | null;
}

export interface OfficerAccount {
  id: string;
  username: string;
  name: string;
  email: string | null;
  phone: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  failedAttempts: number;
  lastLoginAt: Date | null;
  roles: RoleGrant[];
}

/** Sessions end 12 hours after login, or after 2 hours without a request. */
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** last_seen_at is refreshed at most this often. */
export const SESSION_TOUCH_MS = 5 * 60_000;
/**
 * Lock-out per (account, client address): after MAX_FAILED_LOGINS wrong passwords within
 * 15 minutes that pair is locked for LOCKOUT_MS, each further lock twice as long (up to 24 h).
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const LOGIN_FAILURES = { max: MAX_FAILED_LOGINS - 1, windowMs: 15 * 60_000, lockMs: LOCKOUT_MS, maxLockMs: 24 * 3_600_000 };
/** A pending VNeID login (state, PKCE verifier) lives this long. */
export const OIDC_PENDING_MS = 10 * 60_000;

export function isTemporarilyLocked(a: { lockedUntil: Date | null }, now: Date): boolean {
  return a.lockedUntil !== null && a.lockedUntil.getTime() > now.getTime();
}

export function sessionExpired(s: { expiresAt: Date; lastSeenAt: Date }, now: Date): boolean {
  return s.expiresAt.getTime() <= now.getTime() || now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MS;
}

/** Only same-site paths are allowed as a place to return to after login. */
export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\r\n\t]/.test(value)) return fallback;
  return value;
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,39}$/;
export const PERSONAL_ID_RE = /^\d{12}$/;

/** Password rule for officer accounts: at least 10 characters with a letter and a digit. */
export function passwordAcceptable(p: string): boolean {
  return p.length >= 10 && p.length <= 200 && /[A-Za-zÀ-ỹ]/.test(p) && /\d/.test(p);
}
