/** The national-portal module's manifest (platform/module.ts): what it adds to the running system. */
import type { FrontDoorCodeLookup, FrontDoorLookup } from '../dossiers/index';
import type { ModuleManifest } from '../../platform/module';
import { frontDoorFacts } from './answers';
import { billsOf } from './bills';
import { pullJobs, schedulePull } from './intake';
import { messages } from './messages';
import { nationalPortalPages } from './pages';
import { nationalPortalRoutes } from './routes';
import { nationalPortalJobs } from './service';

/** The officer's dossier screen and API show the portal's code and payment of a pulled dossier (the dossiers module's port). */
export const frontDoor: FrontDoorLookup = async (ctx, dossierId) => {
  const f = await frontDoorFacts(ctx, dossierId);
  if (!f) return null;
  const p = f.payment;
  return {
    code: f.portalCode,
    payment: p
      ? {
          paid: p.paid,
          amount: p.amount,
          transactionId: p.transactionId,
          paidAt: p.paidAt,
          outcome: f.paymentOutcome?.outcome ?? null,
          owed: f.paymentOutcome?.owed ?? null,
        }
      : null,
    bills: (await billsOf(ctx, dossierId)).map((b) => ({
      code: b.billCode,
      amount: b.amount,
      dueAt: b.dueAt,
      state: b.state,
      transactionId: b.paidTransaction,
    })),
  };
};

/** The dossier received under a portal code (public lookup by the code the citizen has on the portal). */
export const frontDoorCode: FrontDoorCodeLookup = async (ctx, portalCode) => {
  const row = await ctx.db
    .selectFrom('np_inbound')
    .select('dossier_id')
    .where('portal_code', '=', portalCode)
    .where('state', '=', 'received')
    .executeTakeFirst();
  return row?.dossier_id ?? null;
};

export const nationalPortalModule: ModuleManifest = {
  name: 'national-portal',
  messages,
  routes: nationalPortalRoutes,
  pages: nationalPortalPages,
  jobs: (jobs) => {
    nationalPortalJobs(jobs);
    pullJobs(jobs);
  },
  startup: [{ name: 'national-portal.pull', run: (ctx) => schedulePull(ctx) }],
};
