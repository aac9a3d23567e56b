/**
 * Identity use cases. Other modules use: getPerson, getPersonByPersonalId, getOfficer,
 * officerName(s) and listOfficersAt (e.g. to pick an assignee).
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import type { Actor, Role, RoleGrant } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors';
import { clearLimits, countAndLock, lockedUntil } from '../../platform/limits';
import { isTemporarilyLocked, LOGIN_FAILURES, passwordAcceptable, USERNAME_RE, type OfficerAccount, type Person, type VneidIdentity } from './model';
import { findOfficer, findOfficerRow, findPerson, findPersonByPersonalId, replaceRoles, rolesOf, toOfficer } from './store';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { createSession, destroySessionsOf, type NewSession } from './sessions';
import { requireProvinceLevelRole, rootUnitId, unitScope } from './authz';
import { unitTree, type AgencyType, type TreeNode } from '../units/service';
import { requireOfficer } from '../../platform/auth';
import type { FastifyRequest } from 'fastify';

export type { Person, OfficerAccount } from './model';

/** The request's officer, holding one of `roles` at the province or one of its own agencies (requireProvinceLevelRole). */
export async function provinceLevelOfficer(req: FastifyRequest, roles: readonly Role[]): Promise<Actor> {
  const actor = requireOfficer(req, roles);
  await requireProvinceLevelRole(req.server.ctx, actor, roles);
  return actor;
}
/** Authorization by unit, for every module: docs/authorization.md. */
export { canActAt, coversAll, requireProvinceLevelRole, requireProvinceRole, requireRoleAt, rootUnitId, unitScope } from './authz';

/** A citizen or business representative by people.id (Actor.id of a citizen). */
export function getPerson(ctx: Ctx, id: string): Promise<Person | null> {
  return findPerson(ctx.db, id);
}

export function getPersonByPersonalId(ctx: Ctx, personalId: string): Promise<Person | null> {
  return findPersonByPersonalId(ctx.db, personalId);
}

export function getOfficer(ctx: Ctx, id: string): Promise<OfficerAccount | null> {
  return findOfficer(ctx.db, id);
}

/** Display names of officers by id (unknown ids are left out). */
export async function officerNames(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('officers')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Active officers holding one of `roles` at one of `unitIds`. */
export async function listOfficersAt(ctx: Ctx, unitIds: string[], roles: readonly Role[]): Promise<OfficerAccount[]> {
  if (unitIds.length === 0 || roles.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('officers')
    .selectAll('officers')
    .where('disabled', '=', false)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('officer_roles')
        .select('officer_id')
        .where('unit_id', 'in', unitIds)
        .where('role', 'in', [...roles]),
    )
    .orderBy('name')
    .execute();
  const roleMap = await rolesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toOfficer(r, roleMap.get(r.id) ?? []));
}

/** Every officer account, for the administrator (ordered by username). */
export async function listOfficers(ctx: Ctx): Promise<OfficerAccount[]> {
  const rows = await ctx.db.selectFrom('officers').selectAll().orderBy('username').execute();
  const roleMap = await rolesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  // The latest running lock-out of any (account, client) pair, shown to the administrator.
  const locks = await ctx.db
    .selectFrom('security_limits')
    .select(['key', 'locked_until'])
    .where('key', 'like', 'login:%')
    .where('locked_until', '>', ctx.clock.now())
    .execute();
  const lockOf = new Map<string, Date>();
  for (const l of locks) {
    const id = l.key.slice('login:'.length, l.key.lastIndexOf('|'));
    if (l.locked_until && (!lockOf.has(id) || lockOf.get(id)! < l.locked_until)) lockOf.set(id, l.locked_until);
  }
  return rows.map((r) => {
    const o = toOfficer(r, roleMap.get(r.id) ?? []);
    const pair = lockOf.get(r.id);
    return pair && (!o.lockedUntil || o.lockedUntil < pair) ? { ...o, lockedUntil: pair } : o;
  });
}

/** The lock-out key of an officer account seen from one client address. */
function loginLimitKey(officerId: string, ip: string | undefined): string {
  return `login:${officerId}|${ip ?? ''}`;
}

export type OfficerLoginResult = { ok: true; session: NewSession; officer: OfficerAccount } | { ok: false; reason: 'invalid' | 'locked' | 'disabled' };

/** Checks an officer's password; counts failures, locks after too many, audits every attempt. */
export async function loginOfficer(ctx: Ctx, input: { username: string; password: string; ip?: string; userAgent?: string }): Promise<OfficerLoginResult> {
  const now = ctx.clock.now();
  const username = input.username.trim().toLowerCase();
  const row = username ? await findOfficerRow(ctx.db, { username }) : undefined;
  const audit = (trx: Ctx['db'], action: string, details: Record<string, unknown> = {}) =>
    appendAudit(trx, {
      actorKind: row ? 'officer' : 'anonymous',
      actorId: row?.id ?? null,
      action,
      entity: 'officer',
      entityId: row?.id ?? null,
      ip: input.ip ?? null,
      details: { username: username.slice(0, 60), ...details },
    });
  if (!row) {
    await verifyPassword(await dummyHash(), input.password);
    await audit(ctx.db, 'login.failed', { reason: 'unknown_user' });
    return { ok: false, reason: 'invalid' };
  }
  if (row.disabled) {
    await verifyPassword(await dummyHash(), input.password); // same work as any other refusal
    await audit(ctx.db, 'login.failed', { reason: 'disabled' });
    return { ok: false, reason: 'disabled' };
  }
  // Lock-out per (account, client) in PostgreSQL (issue 14 item 3): failures from one address
  // cannot lock the officer out at another. An administrator's lock (locked_until) still holds.
  const limitKey = loginLimitKey(row.id, input.ip);
  if (isTemporarilyLocked({ lockedUntil: row.locked_until }, now) || (await lockedUntil(ctx.db, limitKey, now))) {
    await verifyPassword(await dummyHash(), input.password);
    await audit(ctx.db, 'login.failed', { reason: 'locked' });
    return { ok: false, reason: 'locked' };
  }
  const good = await verifyPassword(row.password_hash, input.password);
  if (!good) {
    const r = await ctx.db.transaction().execute(async (trx) => {
      await audit(trx, 'login.failed', { reason: 'bad_password' });
      return countAndLock(trx, limitKey, LOGIN_FAILURES, now, {
        actorKind: 'officer',
        actorId: row.id,
        action: 'account.locked_out',
        entity: 'officer',
        entityId: row.id,
        ip: input.ip ?? null,
        details: { username: username.slice(0, 60) },
      });
    });
    return { ok: false, reason: r.locked ? 'locked' : 'invalid' };
  }
  const session = await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('officers').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', row.id).execute();
    await clearLimits(trx, { key: limitKey });
    await audit(trx, 'login.succeeded');
    return createSession(ctx, { kind: 'officer', subjectId: row.id, ip: input.ip, userAgent: input.userAgent }, trx);
  });
  return { ok: true, session, officer: toOfficer(row, (await rolesOf(ctx.db, [row.id])).get(row.id) ?? []) };
}

/** A citizen logged in through VNeID: creates the people row on first login, refreshes it afterwards. */
export async function loginCitizen(ctx: Ctx, who: VneidIdentity, meta: { ip?: string; userAgent?: string }): Promise<{ session: NewSession; person: Person }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findPersonByPersonalId(trx, who.personalId);
    const values = {
      name: who.name,
      birth_date: who.birthDate ?? null,
      gender: who.gender ?? null,
      address: who.address ?? null,
      phone: who.phone ?? null,
      email: who.email ?? null,
      org_tax_code: who.orgTaxCode ?? null,
      org_name: who.orgName ?? null,
      updated_at: now,
      last_login_at: now,
    };
    const id = existing?.id ?? randomUUID();
    if (existing) await trx.updateTable('people').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('people')
        .values({ id, personal_id: who.personalId, created_at: now, ...values })
        .execute();
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: id,
      action: existing ? 'login.succeeded' : 'person.created',
      entity: 'person',
      entityId: id,
      ip: meta.ip ?? null,
      details: { via: 'vneid' },
    });
    const session = await createSession(
      ctx,
      { kind: 'citizen', subjectId: id, orgTaxCode: who.orgTaxCode ?? null, ip: meta.ip, userAgent: meta.userAgent },
      trx,
    );
    return { session, person: (await findPerson(trx, id))! };
  });
}

export async function updateNotificationPrefs(ctx: Ctx, actor: Actor, prefs: { email: boolean; sms: boolean }): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('people').set({ notify_email: prefs.email, notify_sms: prefs.sms, updated_at: ctx.clock.now() }).where('id', '=', actor.id).execute();
    await appendAudit(trx, { actorKind: 'citizen', actorId: actor.id, action: 'person.preferences', entity: 'person', entityId: actor.id, details: prefs });
  });
}

// ---- account administration (callers check the admin role; the unit is checked here) ----

/**
 * An administrator manages the accounts whose every grant lies in the units their admin role
 * covers, and grants roles only there; an account without any grant is the province's
 * (issue 14 item 4, docs/authorization.md).
 */
/** Whether `admin` may manage an account with these grants: every grant inside their admin scope (no grant: the root's admin). */
async function managesCheck(ctx: Ctx, admin: Actor): Promise<(roles: readonly RoleGrant[]) => boolean> {
  const scope = await unitScope(ctx, admin, ['admin']);
  const rootManaged = scope.has(await rootUnitId(ctx));
  return (roles) => (roles.length === 0 ? rootManaged : roles.every((g) => scope.has(g.unitId)));
}
async function mayManage(ctx: Ctx, admin: Actor, roles: readonly RoleGrant[]): Promise<boolean> {
  return (await managesCheck(ctx, admin))(roles);
}
async function requireManages(ctx: Ctx, admin: Actor, roles: readonly RoleGrant[]): Promise<void> {
  if (!(await mayManage(ctx, admin, roles))) throw forbidden('identity.error.wrong_unit');
}

/** A unit an administrator may grant roles at, with what the role form shows of it (never its id). */
export interface GrantableUnit {
  id: string;
  name: string;
  /** The name of the unit it belongs to (shown when two units have the same name). */
  parentName: string | null;
  /** The option group: the kind of administrative unit, or the type of agency. */
  group: `kind.${'province' | 'district' | 'commune'}` | `agency.${AgencyType}`;
}

/** The units of today where `admin` may grant roles (their admin scope), in the order of the unit tree. */
export async function grantableUnits(ctx: Ctx, admin: Actor): Promise<GrantableUnit[]> {
  const scope = await unitScope(ctx, admin, ['admin']);
  const out: GrantableUnit[] = [];
  const walk = (nodes: TreeNode[], parent: TreeNode | null) => {
    for (const n of nodes) {
      if (scope.has(n.id))
        out.push({
          id: n.id,
          name: n.name,
          parentName: parent?.name ?? null,
          group: n.kind === 'agency' ? `agency.${n.agencyType ?? 'other'}` : `kind.${n.kind}`,
        });
      walk(n.children, n);
    }
  };
  walk(await unitTree(ctx), null);
  return out;
}

/** The accounts `admin` may manage (see mayManage). */
export async function listOfficersFor(ctx: Ctx, admin: Actor): Promise<OfficerAccount[]> {
  // The scope once for the whole list (computing it per account took ~10 s for the demo's accounts).
  const [all, manages] = await Promise.all([listOfficers(ctx), managesCheck(ctx, admin)]);
  return all.filter((o) => manages(o.roles));
}

/** The account if `admin` may manage it: 404 when it does not exist, 403 when it is another unit's. */
export async function getOfficerFor(ctx: Ctx, admin: Actor, id: string): Promise<OfficerAccount> {
  const o = await mustExist(ctx, id);
  await requireManages(ctx, admin, o.roles);
  return o;
}

function checkPassword(p: string) {
  if (!passwordAcceptable(p)) throw badRequest('identity.error.password_weak', undefined, [{ field: 'password', message: 'identity.error.password_weak' }]);
}

export async function createOfficer(
  ctx: Ctx,
  admin: Actor,
  input: { username: string; name: string; email?: string | null; phone?: string | null; password: string; roles: RoleGrant[] },
): Promise<OfficerAccount> {
  const username = input.username.trim().toLowerCase();
  await requireManages(ctx, admin, input.roles);
  if (!USERNAME_RE.test(username)) throw badRequest('identity.error.username_invalid');
  if (!input.name.trim()) throw badRequest('identity.error.name_required');
  checkPassword(input.password);
  if (await findOfficerRow(ctx.db, { username })) throw conflict('identity.error.username_taken', { username });
  const hash = await hashPassword(input.password);
  const id = randomUUID();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('officers')
      .values({
        id,
        username,
        name: input.name.trim(),
        email: input.email || null,
        phone: input.phone || null,
        password_hash: hash,
        password_changed_at: now,
        locked_until: null,
        last_login_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await replaceRoles(trx, id, input.roles);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: admin.id,
      action: 'account.create',
      entity: 'officer',
      entityId: id,
      details: { username, roles: input.roles },
    });
  });
  return (await findOfficer(ctx.db, id))!;
}

async function mustExist(ctx: Ctx, id: string) {
  const o = await findOfficer(ctx.db, id);
  if (!o) throw notFound();
  return o;
}

export async function updateOfficer(
  ctx: Ctx,
  admin: Actor,
  id: string,
  input: { name: string; email?: string | null; phone?: string | null; roles: RoleGrant[] },
): Promise<void> {
  await getOfficerFor(ctx, admin, id);
  await requireManages(ctx, admin, input.roles);
  if (!input.name.trim()) throw badRequest('identity.error.name_required');
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('officers')
      .set({ name: input.name.trim(), email: input.email || null, phone: input.phone || null, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await replaceRoles(trx, id, input.roles);
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: admin.id,
      action: 'account.update',
      entity: 'officer',
      entityId: id,
      details: { roles: input.roles },
    });
  });
}

/** Disables (locks) or re-enables an account; unlocking also clears a lock-out. */
export async function setOfficerDisabled(ctx: Ctx, admin: Actor, id: string, disabled: boolean): Promise<void> {
  await getOfficerFor(ctx, admin, id);
  if (disabled && id === admin.id) throw badRequest('identity.error.cannot_lock_self');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('officers').set({ disabled, failed_attempts: 0, locked_until: null, updated_at: ctx.clock.now() }).where('id', '=', id).execute();
    if (disabled) await destroySessionsOf(trx, 'officer', id);
    const lockOuts = disabled ? 0 : await clearLimits(trx, { prefix: loginLimitKey(id, '') });
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: admin.id,
      action: disabled ? 'account.lock' : 'account.unlock',
      entity: 'officer',
      entityId: id,
      details: disabled ? {} : { lockOutsCleared: lockOuts },
    });
  });
}

export async function resetOfficerPassword(ctx: Ctx, admin: Actor, id: string, password: string): Promise<void> {
  await getOfficerFor(ctx, admin, id);
  checkPassword(password);
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('officers')
      .set({ password_hash: hash, password_changed_at: ctx.clock.now(), failed_attempts: 0, locked_until: null, updated_at: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
    await destroySessionsOf(trx, 'officer', id);
    const lockOuts = await clearLimits(trx, { prefix: loginLimitKey(id, '') });
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: admin.id,
      action: 'account.reset_password',
      entity: 'officer',
      entityId: id,
      details: { lockOutsCleared: lockOuts },
    });
  });
}
