import type { FastifyInstance } from 'fastify';
import { portalPages } from './pages-portal';
import { officePages } from './pages-office';

export function feedbackPages(app: FastifyInstance) {
  portalPages(app);
  officePages(app);
}
