/** The indicators module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { indicatorJobs } from './facts-handler';
import { messages } from './messages';
import { indicatorsPages } from './pages';
import { indicatorsRoutes } from './routes';

export const indicatorsModule: ModuleManifest = {
  name: 'indicators',
  messages,
  routes: indicatorsRoutes,
  pages: indicatorsPages,
  jobs: indicatorJobs,
};
