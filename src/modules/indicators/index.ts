/** The indicators module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { breachAlertJobs, scheduleBreachAlerts } from './alerts-job';
import { indicatorJobs } from './facts-handler';
import { messages } from './messages';
import { indicatorsPages } from './pages';
import { indicatorsRoutes } from './routes';

export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  messages,
  routes: indicatorsRoutes,
  pages: indicatorsPages,
  jobs: (jobs) => {
    indicatorJobs(jobs);
    breachAlertJobs(jobs);
  },
  startup: [{ name: 'indicators.breach-alerts', run: (ctx) => scheduleBreachAlerts(ctx) }],
};
