/**
 * Public lookup of a dossier's status: the code plus a second factor the applicant holds -
 * the last 4 digits of the applicant's ID number or phone, or the 6-digit PIN printed on the
 * receipt. Never by code alone.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';

export function newLookupPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function secretMatches(secret: string, d: { idNumber: string | null; phone: string | null; pin: string | null }): boolean {
  const s = secret.replace(/\s+/g, '');
  if (/^\d{4}$/.test(s)) {
    const id = (d.idNumber ?? '').replace(/\D/g, '');
    const phone = (d.phone ?? '').replace(/\D/g, '');
    return (id.length >= 4 && same(id.slice(-4), s)) || (phone.length >= 4 && same(phone.slice(-4), s));
  }
  if (/^\d{6}$/.test(s)) return !!d.pin && same(s, d.pin);
  return false;
}
