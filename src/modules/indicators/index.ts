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
  // Scheduled in the process that serves HTTP (startup) and by every worker that runs these jobs (schedules): with
  // WORKER=false on every web process the stand-alone worker (scripts/worker.ts) starts it. One message per slot (its id).
  startup: [{ name: 'indicators.breach-alerts', run: (ctx) => scheduleBreachAlerts(ctx) }],
  schedules: [{ name: 'indicators.breach-alerts', run: (ctx) => scheduleBreachAlerts(ctx) }],
};
