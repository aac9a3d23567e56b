/**
 * The state of an OpenID provider (oidc-provider) kept in the database, table
 * oidc_provider_state (migration 0035), so several provider processes behind a load balancer
 * act as one: an interaction started on one is finished on another, a code issued by one is
 * exchanged at another, and all sign with the same key. Used by the sandbox VNeID
 * (sandbox/vneid/server.ts); the real VNeID keeps its own state.
 *
 * `oidcAdapter(db)` is the class oidc-provider's `adapter` setting takes (one instance per
 * model name); `sharedSecret(db, name, make)` returns the value stored under `name`, storing
 * `make()` first when there is none (the first process to start wins, the others read it).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

export type Db = Kysely<Database>;
type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

export interface OidcAdapter {
  upsert(id: string, payload: Payload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<Payload | undefined>;
  findByUserCode(userCode: string): Promise<Payload | undefined>;
  findByUid(uid: string): Promise<Payload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** Models whose records are tied to a grant (revoked with it). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function oidcAdapter(db: Db): new (model: string) => OidcAdapter {
  return class DbOidcAdapter implements OidcAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expires = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: GRANTABLE.has(this.model) || this.model === 'Grant' ? (payload.grantId ?? null) : null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expires,
      };
      await db
        .insertInto('oidc_provider_state')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['model', 'id'])
            .doUpdateSet({ payload: row.payload, grant_id: row.grant_id, user_code: row.user_code, uid: row.uid, expires_at: row.expires_at }),
        )
        .execute();
    }

    private async one(column: 'id' | 'uid' | 'user_code', value: string): Promise<Payload | undefined> {
      const r = await db
        .selectFrom('oidc_provider_state')
        .select(['payload', 'consumed_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
        .executeTakeFirst();
      if (!r) return undefined;
      const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Payload;
      return r.consumed_at ? { ...payload, consumed: Math.floor(r.consumed_at.getTime() / 1000) } : payload;
    }

    find(id: string) {
      return this.one('id', id);
    }

    findByUid(uid: string) {
      return this.one('uid', uid);
    }

    findByUserCode(userCode: string) {
      return this.one('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      // Only the first consumption counts: a code exchanged twice (two instances at once) is seen consumed by the second.
      await db
        .updateTable('oidc_provider_state')
        .set({ consumed_at: new Date() })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_provider_state').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_provider_state').where('grant_id', '=', grantId).execute();
    }
  };
}

/** Removes the records past their expiry; returns how many went. */
export async function pruneOidcState(db: Db, now = new Date()): Promise<number> {
  const r = await db.deleteFrom('oidc_provider_state').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** The value kept under `name` (model '_keys'); the first caller stores `make()`, concurrent callers all read the same row. */
export async function sharedSecret<T>(db: Db, name: string, make: () => Promise<T>): Promise<T> {
  const read = async () => {
    const r = await db.selectFrom('oidc_provider_state').select('payload').where('model', '=', '_keys').where('id', '=', name).executeTakeFirst();
    return r ? ((typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as T) : undefined;
  };
  const have = await read();
  if (have !== undefined) return have;
  const value = await make();
  await sql`INSERT INTO oidc_provider_state (model, id, payload) VALUES ('_keys', ${name}, ${JSON.stringify(value)}::jsonb) ON CONFLICT (model, id) DO NOTHING`.execute(
    db,
  );
  return (await read())!;
}
