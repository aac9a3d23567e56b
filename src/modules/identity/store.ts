/** SQL of the identity module. */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/schema';
import type { Role, RoleGrant } from '../../platform/auth';
import type { OfficerAccount, Person } from './model';
import type { OfficersTable, PeopleTable } from './tables';

type Q = Kysely<Database>;

/** A `date` column as YYYY-MM-DD, whichever way the driver returns it. */
function civilDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export function toPerson(r: Selectable<PeopleTable>): Person {
  return {
    id: r.id,
    personalId: r.personal_id,
    name: r.name,
    birthDate: civilDate(r.birth_date),
    gender: r.gender,
    address: r.address,
    phone: r.phone,
    email: r.email,
    org: r.org_tax_code ? { taxCode: r.org_tax_code, name: r.org_name ?? '' } : null,
    notifyEmail: r.notify_email,
    notifySms: r.notify_sms,
  };
}

export async function findPerson(db: Q, id: string): Promise<Person | null> {
  const r = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPerson(r) : null;
}

export async function findPersonByPersonalId(db: Q, personalId: string): Promise<Person | null> {
  const r = await db.selectFrom('people').selectAll().where('personal_id', '=', personalId).executeTakeFirst();
  return r ? toPerson(r) : null;
}

export async function rolesOf(db: Q, officerIds: string[]): Promise<Map<string, RoleGrant[]>> {
  const out = new Map<string, RoleGrant[]>();
  if (officerIds.length === 0) return out;
  const rows = await db.selectFrom('officer_roles').selectAll().where('officer_id', 'in', officerIds).orderBy('role').orderBy('unit_id').execute();
  for (const r of rows) {
    const list = out.get(r.officer_id) ?? [];
    list.push({ role: r.role as Role, unitId: r.unit_id });
    out.set(r.officer_id, list);
  }
  return out;
}

export function toOfficer(r: Selectable<OfficersTable>, roles: RoleGrant[]): OfficerAccount {
  return {
    id: r.id,
    username: r.username,
    name: r.name,
    email: r.email,
    phone: r.phone,
    disabled: r.disabled,
    lockedUntil: r.locked_until,
    failedAttempts: r.failed_attempts,
    lastLoginAt: r.last_login_at,
    roles,
  };
}

export async function findOfficerRow(db: Q, by: { id?: string; username?: string }) {
  let q = db.selectFrom('officers').selectAll();
  if (by.id !== undefined) q = q.where('id', '=', by.id);
  else q = q.where('username', '=', (by.username ?? '').toLowerCase());
  return q.executeTakeFirst();
}

export async function findOfficer(db: Q, id: string): Promise<OfficerAccount | null> {
  const r = await findOfficerRow(db, { id });
  if (!r) return null;
  return toOfficer(r, (await rolesOf(db, [r.id])).get(r.id) ?? []);
}

export async function replaceRoles(db: Q, officerId: string, roles: RoleGrant[]): Promise<void> {
  await db.deleteFrom('officer_roles').where('officer_id', '=', officerId).execute();
  const unique = [...new Map(roles.map((g) => [`${g.role}|${g.unitId}`, g])).values()];
  if (unique.length > 0)
    await db
      .insertInto('officer_roles')
      .values(unique.map((g) => ({ officer_id: officerId, role: g.role, unit_id: g.unitId })))
      .execute();
}
