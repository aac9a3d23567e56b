/** The payments module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { ensureReconciliationScheduled, paymentJobs } from './jobs';
import { messages } from './messages';
import { paymentsPages } from './pages';
import { paymentsRoutes } from './routes';

export const paymentsModule: ModuleManifest = {
  name: 'payments',
  messages,
  routes: paymentsRoutes,
  pages: paymentsPages,
  jobs: paymentJobs,
  startup: [{ name: 'payments.reconciliation', run: ensureReconciliationScheduled }],
};
