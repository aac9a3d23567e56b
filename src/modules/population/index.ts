/** The population module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { populationPages } from './pages';
import { populationRoutes } from './routes';

export const populationModule: ModuleManifest = {
  name: 'population',
  messages,
  routes: populationRoutes,
  pages: populationPages,
};
