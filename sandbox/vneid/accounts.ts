/**
 * The sandbox's identities: the demo citizens. An account id is the personal ID number, or
 * "<personal id>.org" when the person logs in as the representative of their organisation.
 */
import { DEMO_CITIZENS, DEMO_PASSWORD, type DemoCitizen } from '../../src/modules/identity/demo';

export function findCitizen(personalId: string): DemoCitizen | undefined {
  return DEMO_CITIZENS.find((c) => c.personalId === personalId);
}

export function accountIdFor(c: DemoCitizen, asOrg: boolean): string {
  return asOrg && c.org ? `${c.personalId}.org` : c.personalId;
}

export function checkPassword(c: DemoCitizen, password: string): boolean {
  return password === DEMO_PASSWORD;
}

/** Standard OIDC claims plus personal_id, org_tax_code and org_name, by scope. */
export function claimsOf(accountId: string): Record<string, unknown> | null {
  const [personalId, suffix] = accountId.split('.');
  const c = findCitizen(personalId);
  if (!c) return null;
  const asOrg = suffix === 'org' && !!c.org;
  return {
    sub: accountId,
    personal_id: c.personalId,
    name: c.name,
    birthdate: c.birthDate,
    gender: c.gender === 'Nam' ? 'male' : 'female',
    address: { formatted: c.address, country: 'VN' },
    phone_number: c.phone,
    email: c.email,
    ...(asOrg ? { org_tax_code: c.org!.taxCode, org_name: c.org!.name } : {}),
  };
}

export const SCOPES = ['openid', 'profile', 'address', 'phone', 'email', 'organisation'];

export const CLAIMS_BY_SCOPE = {
  openid: ['sub'],
  profile: ['name', 'birthdate', 'gender', 'personal_id'],
  address: ['address'],
  phone: ['phone_number'],
  email: ['email'],
  organisation: ['org_tax_code', 'org_name'],
};
