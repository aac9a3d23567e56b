import type { Ctx } from '../../platform/context';
import { DEMO_CITIZENS, DEMO_OFFICERS, DEMO_PASSWORD, demoOfficerId, demoPersonId } from './demo';
import { hashPassword } from './passwords';
import { replaceRoles } from './store';

/** One hash of the shared demo password per process: argon2 is slow on purpose. */
let demoHash: Promise<string> | null = null;

/** Loads this module's demo data. Runs once, on an empty database. */
export async function seedDemo(ctx: Ctx): Promise<void> {
  demoHash ??= hashPassword(DEMO_PASSWORD);
  const hash = await demoHash;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const o of DEMO_OFFICERS) {
      const id = demoOfficerId(o.username);
      await trx
        .insertInto('officers')
        .values({
          id,
          username: o.username,
          name: o.name,
          email: null,
          phone: null,
          password_hash: hash,
          password_changed_at: now,
          locked_until: null,
          last_login_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await replaceRoles(trx, id, o.roles);
    }
    for (const c of DEMO_CITIZENS) {
      await trx
        .insertInto('people')
        .values({
          id: demoPersonId(c.personalId),
          personal_id: c.personalId,
          name: c.name,
          birth_date: c.birthDate,
          gender: c.gender,
          address: c.address,
          phone: c.phone,
          email: c.email,
          org_tax_code: c.org?.taxCode ?? null,
          org_name: c.org?.name ?? null,
          created_at: now,
          updated_at: now,
          last_login_at: null,
        })
        .execute();
    }
  });
}
