/** Server-side sessions: the cookie holds a random id; the table holds only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { SESSION_ABSOLUTE_MS, SESSION_TOUCH_MS, sessionExpired } from './model';
import { sql, type Selectable } from 'kysely';
import { findOfficerRow, rolesOf, toPerson } from './store';
import { actingGrants } from './authz';
import type { PeopleTable } from './tables';

export const SESSION_COOKIE = 'sid';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export interface NewSession {
  rawId: string;
  csrfToken: string;
}

export async function createSession(
  ctx: Ctx,
  s: { kind: 'citizen' | 'officer'; subjectId: string; orgTaxCode?: string | null; ip?: string | null; userAgent?: string | null },
  db = ctx.db,
): Promise<NewSession> {
  const rawId = randomToken();
  const csrfToken = randomToken();
  const now = ctx.clock.now();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(rawId),
      kind: s.kind,
      subject_id: s.subjectId,
      csrf_token: csrfToken,
      org_tax_code: s.orgTaxCode ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
      ip: s.ip ?? null,
      user_agent: (s.userAgent ?? '').slice(0, 300) || null,
    })
    .execute();
  return { rawId, csrfToken };
}

/** The actor and CSRF token of a session cookie, or null when unknown, expired or the account is disabled. */
export async function loadSession(ctx: Ctx, rawId: string): Promise<{ actor: Actor; csrfToken: string } | null> {
  if (!rawId || rawId.length > 100) return null;
  const idHash = sha256(rawId);
  // One round trip for a citizen: the session row and, joined, the person it belongs to
  // (read afresh on every request: no cache, so logout and disabling take effect at once).
  const s = await ctx.db
    .selectFrom('sessions as s')
    .leftJoin('people as p', (j) => j.onRef('p.id', '=', 's.subject_id').on('s.kind', '=', 'citizen'))
    .selectAll('s')
    .select(sql<Selectable<PeopleTable> | string | null>`CASE WHEN p.id IS NULL THEN NULL ELSE to_jsonb(p) END`.as('person'))
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!s) return null;
  const now = ctx.clock.now();
  if (sessionExpired({ expiresAt: s.expires_at, lastSeenAt: s.last_seen_at }, now)) {
    await ctx.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  let actor: Actor | null = null;
  if (s.kind === 'officer') {
    const o = await findOfficerRow(ctx.db, { id: s.subject_id });
    if (o && !o.disabled) actor = { kind: 'officer', id: o.id, name: o.name, roles: await actingGrants(ctx, (await rolesOf(ctx.db, [o.id])).get(o.id) ?? []) };
  } else {
    const p = s.person ? toPerson((typeof s.person === 'string' ? JSON.parse(s.person) : s.person) as Selectable<PeopleTable>) : null;
    if (p) actor = { kind: 'citizen', id: p.id, name: p.name, personalId: p.personalId, orgTaxCode: s.org_tax_code ?? undefined, roles: [] };
  }
  if (!actor) return null;
  actor.sessionId = idHash;
  if (now.getTime() - s.last_seen_at.getTime() > SESSION_TOUCH_MS) {
    await ctx.db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
  }
  return { actor, csrfToken: s.csrf_token };
}

export async function destroySession(ctx: Ctx, rawId: string): Promise<void> {
  if (!rawId) return;
  await ctx.db.deleteFrom('sessions').where('id_hash', '=', sha256(rawId)).execute();
}

/** Ends every session of an officer (after lock or password reset). */
export async function destroySessionsOf(db: Ctx['db'], kind: 'citizen' | 'officer', subjectId: string): Promise<void> {
  await db.deleteFrom('sessions').where('kind', '=', kind).where('subject_id', '=', subjectId).execute();
}
