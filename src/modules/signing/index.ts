/** The signing module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { signingPages } from './pages';
import { signingRoutes } from './routes';

export const signingModule: ModuleManifest = {
  name: 'signing',
  messages,
  routes: signingRoutes,
  pages: signingPages,
};
