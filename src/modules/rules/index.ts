/** The rules module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { rulesPages } from './pages';
import { rulesRoutes } from './routes';

export const rulesModule: ModuleManifest = {
  name: 'rules',
  messages,
  routes: rulesRoutes,
  pages: rulesPages,
};
