/** The identity module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { installAuth } from './auth-hook';
import { messages } from './messages';
import { identityPages } from './pages';
import { identityRoutes } from './routes';

/** What the composition root gives the platform's own routes (the calendar's schedule admin). */
export { provinceLevelOfficer } from './service';

export const identityModule: ModuleManifest = {
  name: 'identity',
  messages,
  // Sign-in (session cookie, CSRF token) before any route sees the request.
  hooks: installAuth,
  routes: identityRoutes,
  pages: identityPages,
};
