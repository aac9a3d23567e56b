/** The operations module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { operationsPages } from './pages';
import { operationsRoutes } from './routes';

export const operationsModule: ModuleManifest = {
  name: 'operations',
  messages,
  routes: operationsRoutes,
  pages: operationsPages,
};
