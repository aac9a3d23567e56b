/** The national-portal module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { pullJobs, schedulePull } from './intake';
import { messages } from './messages';
import { nationalPortalPages } from './pages';
import { nationalPortalRoutes } from './routes';
import { nationalPortalJobs } from './service';

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
