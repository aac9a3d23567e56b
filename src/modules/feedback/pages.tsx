import type { FastifyInstance } from 'fastify';
import { portalPages } from './pages-portal';
import { officePages } from './pages-office';
import { settingsPages } from './pages-settings';

export function feedbackPages(app: FastifyInstance) {
  portalPages(app);
  settingsPages(app);
  officePages(app);
}
