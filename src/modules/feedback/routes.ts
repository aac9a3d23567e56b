import type { FastifyInstance } from 'fastify';
import { assistantRoutes } from './routes-assistant';

export function feedbackRoutes(app: FastifyInstance) {
  assistantRoutes(app);
}
