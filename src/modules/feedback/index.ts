/** The feedback module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { feedbackPages } from './pages';
import { feedbackRoutes } from './routes';

export const feedbackModule: ModuleManifest = {
  name: 'feedback',
  messages,
  routes: feedbackRoutes,
  pages: feedbackPages,
};
